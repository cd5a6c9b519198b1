"""The HTML digest as a page to read: contents, per-topic timeline and sources, folded articles, the map."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from nlp.export import render
from nlp.export.palette import topic_colour
from nlp.ingest import make_article
from nlp.types import Analysis, Cluster, Options, Summary, SummarySentence

EVIL = "<img src=x onerror=alert(1)> & \"quotes\""
VOID = {"meta", "br", "img", "input", "link", "hr", "rect", "line", "circle"}


def _analysis() -> Analysis:
    head = make_article("h", ["Dock workers walked out at the harbour. Ships queued."], path="n/h.txt",
                        title="Harbour strike", source="Wire", date="2024-05-01", url="https://wire.example/h")
    copies = [replace(make_article(f"c{n}", ["Dock workers walked out at the harbour. Ships queued."],
                                   path=f"n/c{n}.txt", title=f"Strike copy {n}", source=f"Paper {n % 3}",
                                   date=f"2024-05-0{1 + n % 3}"), duplicate_of="h") for n in range(6)]
    other = make_article("o", ["A reader wrote something odd. Nothing ran."], path="n/o.txt", title=EVIL,
                         source=EVIL, date="2024-05-02")
    s = head.sentences[0]
    clusters = (
        Cluster(0, "Harbour · Strike", ("Harbour",), "Harbour strike", ("h", *(c.id for c in copies)), 1,
                ("Paper 0", "Paper 1", "Paper 2", "Wire"), ("2024-05-01", "2024-05-03"),
                summary=Summary("centroid", (SummarySentence(s.text, "h", 0, s.start, s.end, 1.0, 0),))),
        Cluster(1, EVIL, (), EVIL, ("o",), 1, (EVIL,), ("2024-05-02", "2024-05-02"), is_other=True),
    )
    articles = (*copies, head, other)
    coordinates = tuple((0.5 + n / 100, 0.5) for n in range(len(copies))) + ((0.4, 0.6), (-0.9, -0.8))
    return Analysis(articles, clusters, (), Options(), coordinates=coordinates)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.problems: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += attrs
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.open or self.open.pop() != tag:
            self.problems.append(tag)


@pytest.fixture(scope="module")
def page() -> str:
    return render(_analysis(), "html")


def test_the_page_is_well_formed_self_contained_and_scriptless(page: str) -> None:
    tags = _Tags()
    tags.feed(page)
    assert tags.problems == [] and tags.open == []
    assert "<script" not in page.lower()
    assert not [name for name, _ in tags.attributes if name.startswith("on") or name in ("src", "srcset")]
    assert not [value for name, value in tags.attributes if name == "href" and value and value.startswith("javascript")]
    assert EVIL not in page and "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;" in page


def test_contents_link_every_topic_and_the_map(page: str) -> None:
    contents = page.split('<nav id="contents">')[1].split("</nav>")[0]
    targets = re.findall(r'href="#([^"]+)"', contents)
    assert targets == ["topic-1", "topic-2", "map", "sources"]
    assert all(f'id="{t}"' in page for t in targets)


def test_each_topic_has_its_timeline_and_sources(page: str) -> None:
    topic = page.split('id="topic-1"')[1].split('id="topic-2"')[0]
    timeline = re.search(r'<svg class="timeline".*?</svg>', topic).group(0)  # type: ignore[union-attr]
    bars = re.findall(r'<rect [^>]*><title>([^<]*)</title>', timeline)
    assert bars == ["2024-05-01: 3 articles", "2024-05-02: 2 articles", "2024-05-03: 2 articles"]
    sources = re.search(r'<svg class="sources".*?</svg>', topic).group(0)  # type: ignore[union-attr]
    assert re.findall(r'<text x="196"[^>]*>([^<]*)</text>', sources) == ["Paper 0", "Paper 1", "Paper 2", "Wire"]
    assert "1 ★ first" in sources and sources.count("★") == 2  # Wire and Paper 0 (copies 0 and 3) on 05-01


def test_the_articles_fold_with_their_copies_and_link_out(page: str) -> None:
    topic = page.split('id="topic-1"')[1].split('id="topic-2"')[0]
    assert "<details><summary>The 7 articles</summary>" in topic
    assert "<details><summary>+ 6 copies from 3 sources</summary>" in topic
    assert '<a href="https://wire.example/h">Harbour strike</a>' in topic
    assert topic.count("<li>≈ ") == 6 and re.search(r'<a href="file:///[^"]*n/c0.txt">Strike copy 0</a>', topic)


def test_the_map_has_one_point_per_article_in_its_topics_colour(page: str) -> None:
    picture = re.search(r'<svg class="map".*?</svg>', page).group(0)  # type: ignore[union-attr]
    fills = re.findall(r'<circle [^>]*fill="(#[0-9a-f]{6})"><title>([^<]*)</title>', picture)
    assert len(fills) == 8
    assert {f for f, title in fills if title != "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;"} == {
        topic_colour(0)}
    assert fills[-1][0] == topic_colour(1, is_other=True)
    assert re.findall(r'class="label">([^<]*)</text>', picture) == ["Harbour · Strike"]


def test_a_page_without_a_map_or_dates_still_renders() -> None:
    bare = replace(_analysis(), coordinates=())
    bare = replace(bare, articles=tuple(replace(a, date=None) for a in bare.articles))
    page = render(bare, "html")
    assert '<svg class="map"' not in page and '<svg class="timeline"' not in page and 'href="#map"' not in page
