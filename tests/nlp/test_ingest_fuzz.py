"""Fuzzing the loader: random bytes, random nested JSON and random CSV end in articles or skips, nothing else."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.ingest import load_jsonl_text, load_paths
from nlp.types import Corpus

SUFFIXES = ("txt", "html", "json", "jsonl", "csv", "tsv", "sgml", "md", "")
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_words = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["The council met on Tuesday. It approved the budget for next year.", "title", "text", "\ud800", ""])
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _words,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["title", "text", "body", "date", "source", "author", "url", "articles", "x"]) | _words,
        inner, max_size=4),
    max_leaves=30,
)


def _load_one(name: str, data: bytes) -> Corpus:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        corpus = load_paths([folder])
    _check(corpus, str(path))
    return corpus


def _check(corpus: Corpus, name: str) -> None:
    """Articles or skips, each naming the file, all of it valid UTF-8."""
    assert corpus.articles or corpus.skipped
    for article in corpus.articles:
        assert article.path == name and article.sentences
        "".join((article.id, article.title, article.body, article.source or "", article.date or "")).encode("utf-8")
    for skipped in corpus.skipped:
        assert skipped.path == name and skipped.reason.startswith(name)
        skipped.reason.encode("utf-8")


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(SUFFIXES))
def test_random_bytes(data: bytes, suffix: str) -> None:
    _load_one(f"f.{suffix}" if suffix else "f", data)


def _nest(depth: int, leaf: object) -> object:
    for _ in range(depth):
        leaf = [leaf]
    return leaf


@FUZZ
@given(_json, st.integers(0, 300), st.sampled_from(["json", "jsonl"]))
def test_random_nested_json(value: object, depth: int, suffix: str) -> None:
    text = json.dumps(_nest(depth, value))
    _load_one(f"feed.{suffix}", text.encode("utf-8", "surrogatepass"))
    _check(load_jsonl_text(text.replace("\n", " ")), "-")


@FUZZ
@given(st.lists(st.lists(_words, min_size=1, max_size=5), max_size=8), st.sampled_from([",", "\t"]),
       st.booleans())
def test_random_csv(rows: list[list[str]], delimiter: str, header: bool) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    if header:
        writer.writerow(["title", "text", "date"])
    writer.writerows(rows)
    suffix = "csv" if delimiter == "," else "tsv"
    _load_one(f"rows.{suffix}", buffer.getvalue().encode("utf-8", "surrogatepass"))
