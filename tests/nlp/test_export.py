"""Exporters on a small hand-built analysis: content, escaping, schema, atomic writes."""

from __future__ import annotations

import csv
import io
import json
import os
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from nlp.errors import ExportError, OptionsError
from nlp.export import FORMATS, format_for_path, render, write
from nlp.ingest import make_article
from nlp.types import Analysis, Cluster, Options, Skipped, Summary, SummarySentence


def _sentence(article, index: int, rank: int) -> SummarySentence:  # type: ignore[no-untyped-def]
    s = article.sentences[index]
    return SummarySentence(s.text, article.id, index, s.start, s.end, 0.5 - rank / 10, rank)


@pytest.fixture
def analysis() -> Analysis:
    a = make_article(
        "a", ["Talks opened in Seoul on Monday. Officials met for two hours."],
        path="news/a.txt", title="Talks open in Seoul", source="Daily", date="2024-05-01",
    )
    b = make_article(
        "b", ["A reader wrote <script>alert('x')</script> in the comments & left. Nothing ran."],
        path="news/b.html", title="Comments <b>bold</b>", date="2024-05-02",
    )
    clusters = (
        Cluster(0, "Seoul · Talks", ("Seoul", "Talks"), "Talks open in Seoul", ("a",), 1, ("Daily",),
                ("2024-05-01", "2024-05-01"), summary=Summary("centroid", (_sentence(a, 0, 0),))),
        Cluster(1, "Other", (), "Comments <b>bold</b>", ("b",), 1, (), ("2024-05-02", "2024-05-02"),
                is_other=True, summary=Summary("centroid", (_sentence(b, 0, 0),))),
    )
    return Analysis((a, b), clusters, (Skipped("news/bad.bin", "binary file"),), Options())


def test_json_matches_its_schema_and_is_byte_stable(analysis: Analysis) -> None:
    text = render(analysis, "json")
    schema = json.loads((resources.files("nlp.schema") / "digest.schema.json").read_text("utf-8"))
    document = json.loads(text)
    jsonschema.validate(document, schema)
    assert text == render(analysis, "json")
    assert document["clusters"][0]["summary"][0] == {
        "text": "Talks opened in Seoul on Monday.", "article_id": "a", "sentence_index": 0,
        "start": 0, "end": 32, "score": 0.5, "rank": 0,
    }
    assert document["skipped"] == [{"path": "news/bad.bin", "reason": "binary file", "record": None}]


def test_html_escapes_article_text_and_loads_nothing(analysis: Analysis) -> None:
    page = render(analysis, "html")
    assert "<script>" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Comments &lt;b&gt;bold&lt;/b&gt;" in page
    assert "http://" not in page and "src=" not in page  # self-contained


def test_markdown_numbers_references_and_lists_sources(analysis: Analysis) -> None:
    md = render(analysis, "markdown")
    assert "## 1. Seoul · Talks" in md
    assert f"1. Talks opened in Seoul on Monday. [\\[1\\]]({Path('news/a.txt').absolute().as_uri()})" in md
    assert "1. Talks open in Seoul (Daily, 2024-05-01) — `news/a.txt`" in md
    assert "\\<script\\>" in md  # inline HTML in article text is escaped
    assert "`news/bad.bin`: binary file" in md


def test_csv_has_one_row_per_summary_sentence(analysis: Analysis) -> None:
    rows = list(csv.DictReader(io.StringIO(render(analysis, "csv"))))
    assert [r["text"] for r in rows] == [
        "Talks opened in Seoul on Monday.",
        "A reader wrote <script>alert('x')</script> in the comments & left.",
    ]
    assert rows[0]["cluster_label"] == "Seoul · Talks" and rows[0]["article_path"] == "news/a.txt"
    assert (rows[1]["start"], rows[1]["end"]) == ("0", str(len(rows[1]["text"])))


def test_text_digest_is_readable(analysis: Analysis) -> None:
    text = render(analysis, "text")
    assert text.startswith("1. Seoul · Talks\n")
    assert "  * Talks opened in Seoul on Monday. [1]" in text
    assert "skipped news/bad.bin: binary file" in text


def test_format_follows_the_extension() -> None:
    assert [format_for_path(p) for p in ("d.json", "d.MD", "d.htm", "d.csv", "d.txt", "d")] == [
        "json", "markdown", "html", "csv", "text", "text"]
    assert set(FORMATS) == {"json", "markdown", "html", "csv", "text"}


def test_unknown_format_is_named(analysis: Analysis) -> None:
    with pytest.raises(OptionsError, match="unknown export format 'pdf'"):
        render(analysis, "pdf")


def test_write_replaces_atomically_and_leaves_no_temp_file(analysis: Analysis, tmp_path: Path) -> None:
    target = tmp_path / "digest.json"
    target.write_text("previous", encoding="utf-8")
    write(analysis, target)
    assert json.loads(target.read_text("utf-8"))["schema_version"] == "1.0"
    assert [p.name for p in tmp_path.iterdir()] == ["digest.json"]


def test_a_crash_mid_write_keeps_the_previous_file(
    analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "digest.md"
    target.write_text("previous", encoding="utf-8")

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(ExportError, match=r"cannot write .*digest\.md: No space left on device"):
        write(analysis, target)
    assert target.read_text("utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["digest.md"]


def test_write_into_a_missing_folder_names_it(analysis: Analysis, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"cannot write .*nowhere.*digest\.csv"):
        write(analysis, tmp_path / "nowhere" / "digest.csv")
