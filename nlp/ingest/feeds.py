"""RSS 2.0, RSS 1.0 and Atom files (what feed readers export): one article per item, read by feedparser.

An item's HTML (``content:encoded``, Atom ``content``, or the summary) goes
through the same main-content extraction as saved pages
(:func:`nlp.ingest.html.main_text`). Entity definitions are removed before
parsing, so a document type's internal subset cannot expand entities
("billion laughs") or reach files; feedparser never fetches anything here
(it is handed bytes, not a string that could be read as a URL).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping

from nlp.ingest.records import Record, clean_truncated, combine

_DOCTYPE = re.compile(r"<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.S | re.I)
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>")
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF|channel)\b", re.I)


def looks_like_feed(text: str) -> bool:
    """True when ``text`` opens (after its XML declaration and comments) an RSS, RDF or Atom document."""
    head = _DOCTYPE.sub("", text[:4000])
    head = re.sub(r"<!--.*?-->|<\?.*?\?>", "", head, flags=re.S).lstrip()  # comments, declaration, stylesheets
    return bool(_FEED_ROOT.match(head))


def feed_records(text: str) -> Iterator[Record]:
    """Records of a feed, numbered by item (from 1); the feed's title is each item's source."""
    import feedparser  # imported when a feed is met

    safe = _DOCTYPE.sub("", _DECLARATION.sub("", text, count=1), count=1)
    parsed = feedparser.parse(io.BytesIO(safe.encode("utf-8")), sanitize_html=True,
                              resolve_relative_uris=False)
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        detail = f" ({problem})" if parsed.get("bozo") and problem else ""
        yield Record(0, {}, f"a feed without items{detail}")
        return
    source = str(parsed.feed.get("title", "")).strip()
    for number, entry in enumerate(parsed.entries, start=1):
        yield _record(number, entry, source)


def xml_text(text: str) -> str:
    """The text of an XML document that is no feed (NewsML, a CMS export): elements as lines, no markup.

    Entities are not expanded (the document type is removed first), only the
    predefined ones and character references are decoded.
    """
    import html

    body = _DOCTYPE.sub("", re.sub(r"<\?.*?\?>|<!--.*?-->", "", text, flags=re.S))
    body = re.sub(r"<!\[CDATA\[(.*?)\]\]>", lambda m: html.escape(m.group(1), quote=False), body, flags=re.S)
    lines = (" ".join(html.unescape(chunk).split()) for chunk in re.split(r"<[^>]*>", body))
    return "\n\n".join(line for line in lines if line)


def _record(number: int, entry: Mapping[str, object], source: str) -> Record:
    content = entry.get("content") or []
    body = _text(str(content[0].get("value", ""))) if isinstance(content, list) and content else ""
    lead = _text(str(entry.get("summary", "")))
    fields = {
        "title": _plain(str(entry.get("title", ""))),
        "text": combine(clean_truncated(lead), clean_truncated(body)),
        "date": str(entry.get("published") or entry.get("updated") or entry.get("created") or ""),
        "author": _plain(str(entry.get("author", ""))),
        "url": str(entry.get("link", "")),
        "source": source,
    }
    fields = {k: v.strip() for k, v in fields.items() if v and v.strip()}
    if not fields.get("text") and not fields.get("title"):
        return Record(number, fields, f"item {number} has neither a title nor text")
    return Record(number, fields)


def _text(value: str) -> str:
    """An item's text: HTML through the page extraction (paragraphs kept), plain text as it is."""
    if not _MARKUP.search(value):
        return _plain(value)
    from nlp.ingest.html import main_text

    return main_text(value) or _plain(_MARKUP.sub("\n", value))


def _plain(value: str) -> str:
    import html

    return html.unescape(_MARKUP.sub(" ", value)).strip()
