"""SGML newswire: TREC/DUC ``<DOC><DOCNO>..</DOCNO> .. <TEXT>..</TEXT></DOC>``, Gigaword, Reuters-21578.

Written by hand because these files are not XML (unquoted attributes,
undeclared entities, bare ``&``) and no maintained library reads them; the
format is a flat list of tagged fields, which regular expressions read safely.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_DOC = re.compile(r"<(DOC|REUTERS)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_ID = re.compile(r"""\b(?:id|newid|docid)\s*=\s*["']?([^"'\s>]+)""", re.I)
_DAY = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FIELD = r"<{tag}\b[^>]*>(.*?)</{tag}\s*>"
_TAG = re.compile(r"<[^>]+>")
_P = re.compile(r"<P\b[^>]*>(.*?)(?=</P\s*>|<P\b|$)", re.S | re.I)
_TITLE_TAGS = ("HEADLINE", "HL", "HEAD", "TITLE", "H3", "TTL")
_DATE_TAGS = ("DATE_TIME", "DATETIME", "DATE", "DD", "PUBDATE")
_SOURCE_TAGS = ("SOURCE", "SO", "PUBLISHER")
_AUTHOR_TAGS = ("BYLINE", "AUTHOR", "BY")


@dataclass(frozen=True)
class SgmlDoc:
    """One ``<DOC>`` of a newswire file."""

    docno: str
    text: str
    title: str = ""
    date: str = ""
    source: str = ""
    author: str = ""


def looks_like_sgml(text: str) -> bool:
    """True when ``text`` starts with a ``<DOC>`` that has a ``<DOCNO>`` or an id (Gigaword), or a ``<REUTERS>``.

    A document type line before it (Reuters-21578's ``<!DOCTYPE lewis ...>``) is allowed.
    """
    head = re.sub(r"^\s*<!DOCTYPE[^>]*>", "", text[:4000], flags=re.I).lstrip()[:2000]
    if re.match(r"<REUTERS\b", head, re.I):
        return True
    opening = re.match(r"<DOC\b([^>]*)>", head, re.I)
    return bool(opening) and ("<DOCNO" in head.upper() or bool(_ID.search(opening.group(1))))


def parse_sgml(text: str) -> list[SgmlDoc]:
    """Return the documents of a newswire file, in file order."""
    docs: list[SgmlDoc] = []
    for match in _DOC.finditer(text):
        inner = match.group(3)
        body = _field(inner, ("BODY", "TEXT", "LP"), keep_markup=True)  # Reuters: <TEXT><TITLE>..<BODY>..
        paragraphs = [_plain(p) for p in _P.findall(body)] if re.search(r"<P\b", body, re.I) else []
        text_out = "\n\n".join(p for p in paragraphs if p) if paragraphs else _plain_keep_lines(body)
        attribute = _ID.search(match.group(2))
        docno = _field(inner, ("DOCNO",)) or (attribute.group(1) if attribute else "")
        date = _field(inner, _DATE_TAGS)
        day = _DAY.search(docno) if not date else None  # Gigaword: AFP_ENG_20050101.0001
        docs.append(
            SgmlDoc(
                docno=docno,
                text=_CONTROL.sub("", text_out),
                title=_field(inner, _TITLE_TAGS),
                date=date or ("-".join(day.groups()) if day else ""),
                source=_field(inner, _SOURCE_TAGS),
                author=_field(inner, _AUTHOR_TAGS),
            )
        )
    return docs


def _field(inner: str, tags: tuple[str, ...], *, keep_markup: bool = False) -> str:
    for tag in tags:
        found = re.search(_FIELD.format(tag=tag), inner, re.S | re.I)
        if found:
            return found.group(1) if keep_markup else _plain(found.group(1))
    return ""


def _plain(fragment: str) -> str:
    """Markup removed, entities decoded, white space collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _plain_keep_lines(fragment: str) -> str:
    """Markup removed and entities decoded, line structure kept for the plain-text rules."""
    return html.unescape(_TAG.sub("", fragment)).strip("\n")
