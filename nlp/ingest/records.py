"""Scraper exports: JSON (object or array), JSON Lines / NDJSON, CSV and TSV; one article per record."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from nlp.ingest.jsonsafe import loads_bounded

FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "head", "name", "subject"),
    "text": ("text", "body", "content", "article", "maintext", "main_text", "article_text",
             "story", "full_text", "fulltext", "description", "summary"),
    "date": ("date", "published", "published_at", "publishedat", "pubdate", "pub_date",
             "publish_date", "published_date", "date_published", "datetime", "created_at", "time"),
    "source": ("source", "publisher", "site", "sitename", "site_name", "publication",
               "outlet", "source_name", "domain", "feed"),
    "author": ("author", "authors", "byline", "creator", "writer"),
    "url": ("url", "link", "href", "permalink", "canonical_url", "source_url", "uri"),
}
"""Article field -> record keys tried in order (case, spaces, hyphens and underscores ignored)."""

csv.field_size_limit(2**31 - 1)  # bodies are long; the file size limit already bounds them


@dataclass(frozen=True)
class Record:
    """One record's article fields as strings (empty when absent), or the reason it is unusable."""

    number: int
    fields: dict[str, str]
    error: str = ""


def _norm(key: str) -> str:
    return "".join(ch for ch in key.lower() if ch.isalnum())


_LOOKUP = {field: tuple(_norm(k) for k in keys) for field, keys in FIELDS.items()}


def map_fields(record: Mapping[str, object]) -> dict[str, str]:
    """Return the article fields of one record, by the common names in :data:`FIELDS`."""
    by_key = {_norm(str(k)): v for k, v in record.items()}
    out: dict[str, str] = {}
    for field, keys in _LOOKUP.items():
        for key in keys:
            value = _as_text(by_key.get(key))
            if value:
                out[field] = value
                break
    return out


def _as_text(value: object) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, list):  # "authors": ["A", "B"], "text": ["para 1", "para 2"]
        parts = [_as_text(v) for v in value]
        joiner = "\n\n" if any(len(p) > 80 for p in parts) else ", "
        return joiner.join(p for p in parts if p)
    if isinstance(value, dict):  # "source": {"name": "AP", "id": ...}
        for key in ("name", "title", "text", "value"):
            if key in value:
                return _as_text(value[key])
        return ""
    return str(value).strip()


def json_records(text: str) -> Iterator[Record]:
    """Records of a JSON document: one object, an array of objects, or ``{"articles": [...]}``."""
    try:
        data = loads_bounded(text)
    except json.JSONDecodeError as exc:
        yield Record(0, {}, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")
        return
    if isinstance(data, dict):
        nested = next((data[k] for k in ("articles", "items", "data", "results", "documents")
                       if isinstance(data.get(k), list)), None)
        if nested is None:
            yield _record(0, data)
            return
        data = nested
    if not isinstance(data, list):
        yield Record(0, {}, "JSON holds neither an object nor an array of objects")
        return
    for number, item in enumerate(data, start=1):
        yield _record(number, item)


def jsonl_records(text: str) -> Iterator[Record]:
    """Records of JSON Lines: numbered by line, blank lines ignored."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = loads_bounded(line)
        except json.JSONDecodeError as exc:
            yield Record(number, {}, f"malformed JSON on line {number}: {exc.msg}")
            continue
        yield _record(number, item)


def delimited_records(text: str, delimiter: str) -> Iterator[Record]:
    """Records of a CSV or TSV file with a header row; numbered by data row (from 1)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield Record(0, {}, f"malformed header row: {exc}")
        return
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Record(number, {}, f"malformed row {number}: {exc}")
            return  # the reader cannot resynchronise after a broken quote
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Record(number, {}, f"row {number} has {len(row)} fields, the header has {len(header)}")
            continue
        yield _record(number, dict(zip(header, row)))


def _record(number: int, item: object) -> Record:
    if not isinstance(item, dict):
        return Record(number, {}, f"record {number} is a {type(item).__name__}, not an object")
    fields = map_fields(item)
    if not fields.get("text"):
        names = ", ".join(FIELDS["text"][:4])
        return Record(number, fields, f"record {number} has no article text (no field {names} ...)")
    return Record(number, fields)
