"""Every digest keeps each article's address: links to the original, else the file; one numbering everywhere."""

from __future__ import annotations

import csv
import io
import json
import re
from html import escape
from pathlib import Path

import pytest

from nlp.export import FORMATS, render
from nlp.export.refs import article_link, reference_numbers
from nlp.ingest import make_article
from nlp.types import Analysis, Cluster, Options, Summary, SummarySentence

URL = "https://news.example/2024/05/talks (seoul)?a=1&b=\"2\""
SAFE = "https://news.example/2024/05/talks%20%28seoul%29?a=1&b=%222%22"


@pytest.fixture
def analysis() -> Analysis:
    a = make_article("a", ["Talks opened in Seoul on Monday. Officials met."], path="news/a.txt",
                     title="Talks open", source="Daily", date="2024-05-01", url=URL)
    b = make_article("b", ["Rain fell on the harbour. Boats stayed in."], path="news/b.txt",
                     title="Rain", date="2024-05-02", url="javascript:alert(1)")
    c = make_article("c", ["Rain again on the harbour. The ferry waited."], path="news/c.txt", title="More rain")

    def said(article, rank):  # type: ignore[no-untyped-def]
        s = article.sentences[0]
        return SummarySentence(s.text, article.id, 0, s.start, s.end, 1.0, rank)

    clusters = (
        Cluster(0, "Rain · Harbour", ("Rain",), "Rain", ("c", "b"), 2, (), summary=Summary("centroid", (said(b, 0),))),
        Cluster(1, "Seoul", ("Seoul",), "Talks open", ("a",), 1, ("Daily",), summary=Summary("centroid", (said(a, 0),))),
    )
    return Analysis((a, b, c), clusters, (), Options())


def test_the_numbering_follows_the_digest_order(analysis: Analysis) -> None:
    assert reference_numbers(analysis) == {"b": 1, "c": 2, "a": 3}


def test_only_web_addresses_are_links_and_they_are_encoded(analysis: Analysis) -> None:
    assert article_link(analysis.article("a")) == SAFE
    assert article_link(analysis.article("b")) == Path("news/b.txt").absolute().as_uri()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_carries_the_url(analysis: Analysis, fmt: str) -> None:
    out = render(analysis, fmt)
    if fmt == "json":
        assert [a["url"] for a in json.loads(out)["articles"]] == [URL, "javascript:alert(1)", None]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {r["article_id"]: r["article_url"] for r in rows} == {"b": "javascript:alert(1)", "a": URL}
    elif fmt == "text":
        assert f"[3] Talks open (Daily, 2024-05-01)\n    news/a.txt\n    {URL}\n" in out
    elif fmt == "markdown":
        assert f"Talks opened in Seoul on Monday. [\\[3\\]]({SAFE})" in out
        assert f"Rain fell on the harbour. [\\[1\\]]({Path('news/b.txt').absolute().as_uri()})" in out
        assert "javascript:" not in out.split("## Sources")[0]
    else:
        assert f'href="{escape(SAFE)}"' in out
        assert 'href="javascript:' not in out and re.search(r'href="file:///[^"]*news/b.txt"', out)
