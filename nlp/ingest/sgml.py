"""TREC/DUC-style SGML newswire: ``<DOC><DOCNO>..</DOCNO> .. <TEXT>..</TEXT></DOC>``.

Written by hand because these files are not XML (unquoted attributes,
undeclared entities, bare ``&``) and no maintained library reads them; the
format is a flat list of tagged fields, which regular expressions read safely.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_DOC = re.compile(r"<DOC\b[^>]*>(.*?)</DOC\s*>", re.S | re.I)
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
    """True when ``text`` starts (after white space) with a ``<DOC>`` holding a ``<DOCNO>``."""
    head = text.lstrip()[:2000]
    return bool(re.match(r"<DOC\b", head, re.I)) and "<DOCNO" in head.upper()


def parse_sgml(text: str) -> list[SgmlDoc]:
    """Return the documents of a newswire file, in file order."""
    docs: list[SgmlDoc] = []
    for match in _DOC.finditer(text):
        inner = match.group(1)
        body = _field(inner, ("TEXT", "BODY", "LP"), keep_markup=True)
        paragraphs = [_plain(p) for p in _P.findall(body)] if re.search(r"<P\b", body, re.I) else []
        text_out = "\n\n".join(p for p in paragraphs if p) if paragraphs else _plain_keep_lines(body)
        docs.append(
            SgmlDoc(
                docno=_field(inner, ("DOCNO",)),
                text=text_out,
                title=_field(inner, _TITLE_TAGS),
                date=_field(inner, _DATE_TAGS),
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
