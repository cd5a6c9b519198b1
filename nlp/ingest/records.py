"""Scraper and news-API exports: JSON (any nesting), JSON Lines / NDJSON, CSV and TSV; one article per record.

A record's fields are found by name (:data:`FIELDS`, nested keys flattened:
``source.name``, ``headline.main``, ``fields.bodyText``); a record whose
names say nothing gives its longest string as the text. The text joins the
record's lead (``description``, ``abstract``) and its body (``content``,
``bodyText``) when they differ, with API truncation markers ("… [+2150
chars]") removed. A record with a title and no text is an article whose one
sentence is the title.
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from nlp.ingest.clean import HEADLINE_WORDS, has_text, is_words
from nlp.ingest.jsonsafe import loads_bounded

FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "headline.main", "webtitle", "headline_text", "heading", "head", "name",
              "subject", "page_title"),
    "text": ("text", "body", "content", "fields.bodytext", "bodytext", "articlebody", "article", "maintext",
             "main_text", "article_text", "story", "full_text", "fulltext", "raw_text", "plain_text",
             "clean_text", "fields.body", "lead_paragraph", "content_text", "content_html", "content.rendered"),
    "lead": ("description", "summary", "abstract", "snippet", "fields.trailtext", "trailtext", "standfirst",
             "fields.standfirst", "excerpt", "teaser", "dek", "subtitle", "subheadline", "lede"),
    "date": ("date", "published", "published_at", "publishedat", "pubdate", "pub_date", "publish_date",
             "published_date", "date_published", "publication_date", "webpublicationdate", "datetime",
             "created_at", "created", "timestamp", "time"),
    "source": ("source", "source.name", "publisher", "site", "sitename", "site_name", "publication",
               "fields.publication", "outlet", "source_name", "media_name", "newspaper", "domain", "feed"),
    "author": ("author", "authors", "byline", "byline.original", "fields.byline", "author_name", "creator",
               "writer", "reporter"),
    "url": ("url", "link", "href", "weburl", "web_url", "article_url", "news_url", "permalink",
            "canonical_url", "source_url", "uri"),
}
"""Article field -> record keys tried in order (case, spaces, dots, hyphens and underscores ignored)."""

RECORD_LISTS = ("articles", "items", "docs", "results", "data", "documents", "entries", "stories",
                "news", "records", "posts", "value", "hits")
"""Keys whose list of objects is preferred when a JSON document holds several lists."""

log = logging.getLogger(__name__)
csv.field_size_limit(2**31 - 1)  # bodies are long; the file size limit already bounds them

# "… [+2150 chars]" (NewsAPI), "[…]", "(truncated)", "Continue reading…", "Read more".
_TRUNCATION = re.compile(
    r"\s*(?:(?:…|\.\.\.)\s*)?\[\s*\+?\s*\d+\s*(?:chars?|characters?|words?)\s*\]\s*$"
    r"|\s*[\[(]\s*(?:…|\.\.\.|truncated|more)\s*[\])]\s*$"
    r"|\s*(?:continue reading|read more|read the full (?:story|article))\s*(?:…|\.\.\.|»|>+)?\s*$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)\]」』）]*(?=\s|$)")


@dataclass(frozen=True)
class Record:
    """One record's article fields as strings (empty when absent), or the reason it is unusable."""

    number: int
    fields: dict[str, str]
    error: str = ""


def _norm(key: str) -> str:
    return "".join(ch for ch in key.lower() if ch.isalnum())


_LOOKUP = {field: tuple(_norm(k) for k in keys) for field, keys in FIELDS.items()}
_LIST_KEYS = tuple(_norm(k) for k in RECORD_LISTS)
_KNOWN = frozenset(k for keys in _LOOKUP.values() for k in keys)


def _flatten(record: Mapping[str, object], prefix: str = "", depth: int = 0) -> dict[str, object]:
    """Record keys normalised; nested objects add ``parent.child`` keys (three levels at most)."""
    out: dict[str, object] = {}
    for key, value in record.items():
        name = prefix + _norm(str(key))
        out.setdefault(name, value)
        if isinstance(value, dict) and depth < 3:
            for sub, inner in _flatten(value, name, depth + 1).items():
                out.setdefault(sub, inner)
    return out


_PROSE = ("text", "lead")
"""Fields whose value is read only when it is words: the UCI News Aggregator's ``STORY`` is a story's id."""


def _usable(value: str, field: str) -> bool:
    return bool(value) and (field not in _PROSE or is_words(value))


def map_fields(record: Mapping[str, object]) -> dict[str, str]:
    """Return the article fields of one record, by the common names in :data:`FIELDS`.

    ``text`` is the lead and the body together (one of them when one holds
    the other), truncation markers removed. A text or lead of a single token
    ("ddUyU0VZz0BRneMioxUPQVP6sIxvM") is an identifier, not the article.
    """
    by_key = _flatten(record)
    out: dict[str, str] = {}
    for field, keys in _LOOKUP.items():
        for key in keys:
            value = _as_text(by_key.get(key), field)
            if _usable(value, field):
                out[field] = value
                break
        else:  # wrapped records ("_source.title", "data.selftext"): a nested key ending in a field's name
            suffixes = _SUFFIXES.get(field, ())
            nested = (v for k, v in by_key.items() if k.endswith(suffixes) and isinstance(v, (str, list, int, float)))
            value = next((t for t in map(lambda v: _as_text(v, field), nested) if _usable(t, field)), "")
            if value:
                out[field] = value
    if out.get("author", "").lower().startswith("by "):  # NYT's "byline.original": "By Maria Lopez"
        out["author"] = out["author"][3:].strip()
    if "title" in out:
        out["title"] = field_text(out["title"])
    lead, body = (clean_truncated(field_text(_markup_to_text(out.pop("lead", "")))),
                  clean_truncated(field_text(_markup_to_text(out.get("text", "")))))
    text = combine(lead, body)
    if not text:
        text = _longest_string(by_key, exclude=set(out.values()))
    if text:
        out["text"] = text
    else:
        out.pop("text", None)
    return out


_BLOCK_MARKUP = re.compile(r"<(?:p|div|br|h[1-6]|li|article|section|figure|blockquote)\b[^>]*>", re.I)


def _markup_to_text(value: str) -> str:
    """A field holding HTML (WordPress ``content.rendered``, JSON Feed ``content_html``) as page text."""
    if "<" not in value or not _BLOCK_MARKUP.search(value):
        return value
    from nlp.ingest.html import main_text

    return main_text(value) or html.unescape(re.sub(r"<[^>]+>", "\n", value))


_BROKEN_ENTITY = re.compile(r"(?:(?<=\S) |(?<![&\w]))(#\d{2,4}|quot|amp|apos|nbsp);")
"""An entity whose ampersand was lost, or turned into the space before it (AG News: "Kerry #39;s")."""
_ESCAPED_TAG = re.compile(r"(?<! ) *&lt;/?[A-Za-z](?:[^<>&]|&(?!gt;|lt;)){0,300}&gt;")
"""A tag the feed escaped ("&lt;DELL.O&gt;", "&lt;a href=...&gt;"), with the spaces before it."""
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _lost_entity(match: re.Match[str]) -> str:
    """A lost entity read back when it stands for punctuation or a currency sign ("#39;", "#36;"), else kept."""
    name = match.group(1)
    if name.startswith("#"):
        char = chr(int(name[1:]))
        if not unicodedata.category(char).startswith(("P", "Sc")):
            return match.group(0)  # "ranked #10; next" is a number
    return "&" + name + ";"


def field_text(text: str) -> str:
    """A record's text field as plain text: escaped markup and entities resolved, runs of spaces as one.

    Feeds and their exports escape markup ("Dell Inc. &lt;DELL.O&gt;",
    "&amp;") or lose an entity's ampersand ("It #39;s", " quot;Yes, quot;",
    as in AG News). Escaped tags go (a link's text stays); markup written
    as such is left as it is, shown as text, never run. Line breaks are kept.
    """
    if "&" in text or ";" in text:
        text = _ESCAPED_TAG.sub("\x00", text)
        text = re.sub(r"\x00+(?=[,.;:!?])", "", text).replace("\x00", " ")  # "Inc. <DELL.O>, the" -> "Inc., the"
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), _BROKEN_ENTITY.sub(_lost_entity, text))
    return re.sub(r"[ \t\u00a0]{2,}", " ", text)


def clean_truncated(text: str) -> str:
    """Remove a truncation marker ("… [+2150 chars]") and the cut-off words before it.

    Text cut by an API ends mid-sentence: it is trimmed to its last complete
    sentence when it has one.
    """
    match = _TRUNCATION.search(text)
    if not match:
        return text.strip()
    kept = text[: match.start()].rstrip()
    ends = list(_SENTENCE_END.finditer(kept))
    if ends and ends[-1].end() < len(kept):
        kept = kept[: ends[-1].end()]
    return kept.strip()


def combine(lead: str, body: str) -> str:
    """The lead and the body as one text; one of them when it repeats the other."""
    if not lead or not body:
        return body or lead
    a, b = " ".join(lead.split()).casefold(), " ".join(body.split()).casefold()
    if a in b:
        return body
    if b in a:
        return lead
    return f"{lead}\n\n{body}"


def _longest_string(by_key: Mapping[str, object], exclude: set[str]) -> str:
    """The longest prose-like string value of a record without named text: six words or more, not a URL.

    A section name or a category ("Business and Finance") is too short to be taken for the text.
    """
    best = ""
    for value in by_key.values():
        if isinstance(value, str):
            value = value.strip()
            if (len(value) > len(best) and value.count(" ") >= 5 and value not in exclude
                    and not value.startswith(("http://", "https://"))):
                best = value
    return best


_INNER = {"source": ("name",), "author": ("name", "original"), "title": ("main", "rendered", "text", "value"),
          "text": ("rendered", "text", "value"), "lead": ("rendered", "text", "value"), "url": ("href", "url")}
"""Field -> the keys of an object value that hold it ("source": {"name": "AP"}, "headline": {"main": ...})."""
_SUFFIXES = {"title": ("title", "headline"), "text": ("text", "body", "content"), "lead": ("description", "summary"),
             "date": ("date", "published", "publishedat"), "author": ("author", "byline"), "url": ("url", "link")}
"""Field -> the endings of nested keys read when no key of :data:`FIELDS` is present."""


def _as_text(value: object, field: str = "text") -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, list):  # "authors": ["A", "B"], "text": ["para 1", "para 2"]
        parts = [_as_text(v, field) for v in value]
        joiner = "\n\n" if any(len(p) > 80 for p in parts) else ", "
        return joiner.join(p for p in parts if p)
    if isinstance(value, dict):
        for key in _INNER.get(field, ("name", "value")):
            if key in value:
                return _as_text(value[key], field)
        return ""
    return str(value).strip()


def json_error(exc: json.JSONDecodeError, line: int | None = None) -> str:
    """A whole phrase for a JSON syntax error: what is wrong, at which line and column.

    The decoder's messages end mid-phrase ("Invalid control character at",
    "Unterminated string starting at") because it appends the position.
    """
    message = exc.msg.removesuffix(" at").removesuffix(" starting").removesuffix(":").lower()
    if line is None:
        return f"malformed JSON at line {exc.lineno}, column {exc.colno}: {message}"
    return f"malformed JSON on line {line}, column {exc.colno}: {message}"


def json_records(text: str) -> Iterator[Record]:
    """Records of a JSON document: an object, an array of objects, or any nesting holding one list of objects.

    News-API ``{"status": "ok", "articles": [...]}``, Guardian
    ``{"response": {"results": [...]}}`` and NYT ``{"response": {"docs":
    [...]}}`` documents are found the same way: the list of objects under a
    known key (:data:`RECORD_LISTS`), else the longest list of objects.
    """
    try:
        data = loads_bounded(text)
    except json.JSONDecodeError as exc:
        yield Record(0, {}, json_error(exc))
        return
    if isinstance(data, dict):
        nested = find_record_list(data)
        if nested is None:
            yield _record(0, data)
            return
        data = nested
    if not isinstance(data, list):
        yield Record(0, {}, "JSON holds neither an object nor an array of objects")
        return
    for number, item in enumerate(data, start=1):
        yield _record(number, item)


def find_record_list(data: Mapping[str, object], depth: int = 0) -> list[object] | None:
    """The list of records inside a JSON object, or None when the object is itself one record.

    An object whose own keys name article fields ("title", "text") is a
    record, whatever lists it holds ("tags", "authors").
    """
    keys = {_norm(str(k)) for k in data}
    if depth == 0 and len(keys & _KNOWN) >= 2 and not any(_objects(data.get(k)) for k in data
                                                         if _norm(str(k)) in _LIST_KEYS):
        return None
    found: list[tuple[int, int, list[object]]] = []
    if depth == 0 and _keyed_records(data):  # {"id1": {...}, "id2": {...}}
        return list(data.values())
    for key, value in data.items():
        if isinstance(value, dict) and _keyed_records(value):
            value = list(value.values())
        if _objects(value):
            assert isinstance(value, list)
            found.append((_norm(str(key)) in _LIST_KEYS, len(value), value))
        elif isinstance(value, dict) and depth < 4:
            inner = find_record_list(value, depth + 1)
            if inner is not None:
                found.append((True, len(inner), inner))
    if not found:
        return None
    return max(found, key=lambda f: (f[0], f[1]))[2]


def _keyed_records(value: Mapping[str, object]) -> bool:
    """True for an object whose values are two or more records keyed by id ({"a1": {"title": ...}, ...})."""
    items = list(value.values())
    if len(items) < 2 or not all(isinstance(v, dict) for v in items):
        return False
    return sum(len({_norm(str(k)) for k in v} & _KNOWN) >= 1 for v in items if isinstance(v, dict)) >= 0.8 * len(items)


def _objects(value: object) -> bool:
    """True for a non-empty list whose items are mostly objects."""
    if not isinstance(value, list) or not value:
        return False
    return sum(isinstance(v, dict) for v in value) >= 0.5 * len(value)


def jsonl_records(text: str) -> Iterator[Record]:
    """Records of JSON Lines: numbered by line, blank lines ignored."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = loads_bounded(line)
        except json.JSONDecodeError as exc:
            yield Record(number, {}, json_error(exc, number))
            continue
        yield _record(number, item)


def sniff_delimiter(text: str, default: str) -> str:
    """The delimiter of a CSV/TSV file (``csv.Sniffer`` on its first lines), ``default`` when unsure."""
    sample = text[:65536]
    sample = sample[: sample.rfind("\n") + 1] or sample
    try:
        found = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return default
    if found != default:  # the sniffer guesses from character counts: a header that names fields decides
        header = sample.split("\n", 1)[0]
        named = {d: sum(_norm(c) in _KNOWN for c in next(csv.reader([header], delimiter=d), []))
                 for d in (found, default)}
        if named[default] > named[found]:
            return default
    return found


def delimited_records(text: str, delimiter: str) -> Iterator[Record]:
    """Records of a CSV or TSV file; numbered by data row (from 1).

    The delimiter is sniffed (a semicolon CSV, a tab-separated file named
    ``.csv``); ``delimiter`` is the fallback. A first row that names no
    article field and looks like data is no header: the columns are then
    told apart by their content (the longest text is the article, a shorter
    one before it the title). A row with too few fields has the missing ones
    empty; one with too many has the extra ones joined back into its text (an
    unquoted delimiter); a stray quote within one line is read leniently; a
    quote left open across lines makes that row malformed: it is skipped with
    its number and lines, and the rows after it are still read.
    """
    delimiter = sniff_delimiter(text, delimiter)
    rows = _rows(text, delimiter)
    first = next(rows, None)
    if first is None:
        return
    if isinstance(first, _Lenient):
        first = first.cells
    if isinstance(first, Record) or not first:
        yield Record(0, {}, f"malformed header row: {first.error if isinstance(first, Record) else 'empty'}")
        return
    header: list[str] | None = first
    if not any(_norm(c) in _KNOWN for c in first) and _headerless(text, first):
        header = None
    number = 0
    pending: list[list[str]] = [first] if header is None else []
    numbered: Iterator[Record | list[str] | _Lenient] = iter([*pending, *rows]) if pending else rows
    width = len(first)
    roles = _column_roles(text, delimiter) if header is None else {}
    text_column = next((i for i, c in enumerate(first) if _norm(c) in _LOOKUP["text"] + _LOOKUP["lead"]),
                       None) if header is not None else None
    for row in numbered:
        number += 1
        if isinstance(row, _Lenient):  # kept when it has the header's fields (extra ones: the text's)
            fits = len(row.cells) == width or (len(row.cells) > width and text_column is not None)
            if fits and any(cell.strip() for cell in row.cells):
                log.info("row %d read leniently (%s)", number, row.broken.error)
            row = row.cells if fits else row.broken
        if isinstance(row, Record):
            yield Record(number, {}, _malformed(number, row))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            fitted = _fit(row, width, text_column, delimiter)
            if fitted is None:
                yield Record(number, {}, f"row {number} has {len(row)} fields, the header has {width}: skipped")
                continue
            row = fitted
        item = dict(zip(header, row)) if header is not None else {
            role: _unescape(row[column]) for column, role in roles.items()}
        yield _record(number, item)


def _fit(row: list[str], width: int, text_column: int | None, delimiter: str) -> list[str] | None:
    """A row with a field count unlike the header's, made to fit; None when it cannot be told how.

    Missing trailing fields are empty (as ``csv.DictReader`` reads them); extra
    fields come from an unquoted delimiter inside the text, so they are
    joined back into the text column.
    """
    if len(row) < width:
        return row + [""] * (width - len(row))
    if text_column is None:
        return None
    extra = len(row) - width
    merged = delimiter.join(row[text_column : text_column + extra + 1])
    return [*row[:text_column], merged, *row[text_column + extra + 1 :]]


@dataclass(frozen=True)
class _Lenient:
    """A row the strict reader rejected, as the lenient reader reads it, and the error to report otherwise."""

    cells: list[str]
    broken: Record


def _rows(text: str, delimiter: str) -> Iterator[list[str] | Record | _Lenient]:
    """Rows of ``text``; a row the reader cannot parse comes as a Record holding the error and its lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    last = text.count("\n") + (not text.endswith("\n"))
    while True:
        first = reader.line_num + 1
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            lines = f"line {first}" if reader.line_num <= first else f"lines {first}-{reader.line_num}"
            broken = Record(0, {"lines": lines, "after": "yes" if reader.line_num < last else ""}, str(exc))
            if reader.line_num <= first and first <= last:  # a stray quote inside one line: read it leniently
                line = text.split("\n")[first - 1]
                lenient = next(csv.reader([line], delimiter=delimiter, strict=False), [])
                yield _Lenient(lenient, broken)
            else:
                yield broken


def _malformed(number: int, row: Record) -> str:
    """Which row is broken, where in the file, and which rows were still read."""
    read = ["row 1" if number == 2 else f"rows 1-{number - 1}"] if number > 1 else []
    if row.fields.get("after"):
        read.append("the rows after it")
    kept = f"{' and '.join(read)} {'was' if read == ['row 1'] else 'were'} read" if read else "no row was read"
    if read and not row.fields.get("after"):
        kept += " (the broken quote runs to the end of the file)"
    return f"row {number} ({row.fields['lines']} of the file) is malformed, {row.error}: skipped; {kept}"


def _headerless(text: str, first: list[str]) -> bool:
    """True when the first row is data: ``csv.Sniffer.has_header`` says so, or a cell is long prose."""
    if any(len(cell) > 60 and cell.count(" ") >= 8 for cell in first):
        return True
    try:
        return not csv.Sniffer().has_header(text[:65536])
    except csv.Error:
        return False


def _column_roles(text: str, delimiter: str) -> dict[int, str]:
    """Columns of a headerless file: the longest text is ``text``; a shorter prose column ``title``."""
    lengths: dict[int, list[int]] = {}
    for count, row in enumerate(_rows(text, delimiter)):
        if count >= 200:
            break
        if isinstance(row, (Record, _Lenient)):
            continue
        for column, cell in enumerate(row):
            words = len(cell.split()) if any(ch.isalpha() for ch in cell) else 0
            lengths.setdefault(column, []).append(words)
    means = {c: sum(v) / len(v) for c, v in lengths.items() if v}
    prose = sorted((c for c, m in means.items() if m >= 2), key=lambda c: -means[c])
    roles: dict[int, str] = {}
    if prose:
        roles[prose[0]] = "text"
        titles = [c for c in prose[1:] if means[c] >= 3]
        if titles:
            roles[titles[0]] = "title"
    return roles


def _unescape(cell: str) -> str:
    """Line breaks some exports write as ``\\n`` or a bare backslash (AG News) become spaces."""
    if "\\" not in cell:
        return cell
    return re.sub(r"(?<!\s)\s*\\n(?=[A-Z\s])\s*|(?<!\s)\s*\\\s*", " ", cell).strip()


def _record(number: int, item: object) -> Record:
    if isinstance(item, str):  # an array of texts: each string is an article's text
        item = {"text": item}
    if not isinstance(item, dict):
        return Record(number, {}, f"record {number} is a {type(item).__name__}, not an object")
    fields = map_fields(item)
    if not fields.get("text") and not has_text(fields.get("title", ""), HEADLINE_WORDS):
        empty, token = _unread_text_field(item)
        if empty:
            return Record(number, fields, f"record {number}: field {empty!r} is empty")
        if token:
            return Record(number, fields, f"record {number}: field {token!r} holds one token (an id), not text")
        names = ", ".join(FIELDS["text"][:3] + FIELDS["lead"][:1])
        return Record(number, fields, f"record {number} has no article text (no field {names} ...)")
    return Record(number, fields)


def _unread_text_field(item: Mapping[str, object]) -> tuple[str, str]:
    """The name of a text field the record has but leaves empty, and of one holding a single token; ``""`` if none."""
    by_key = {_norm(str(k)): str(k) for k in item}
    empty = token = ""
    for key in _LOOKUP["text"] + _LOOKUP["lead"]:
        if key in by_key:
            value = _as_text(item[by_key[key]])
            if not value:
                empty = empty or by_key[key]
            elif not is_words(value):
                token = token or by_key[key]
    return empty, token
