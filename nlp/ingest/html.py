"""Saved web pages (.html, .htm): main text and metadata by trafilatura, then our cleaning."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from nlp.ingest.clean import Cleaned, clean_text
from nlp.ingest.dates import parse_date


@dataclass(frozen=True)
class Page:
    """What a web page holds: its cleaned article and the page's own metadata."""

    cleaned: Cleaned
    url: str | None = None


def parse_html(markup: str, *, language: str = "english") -> Page:
    """Extract the article of a web page.

    trafilatura removes navigation, scripts, cookie banners and comments
    (``include_comments=False``) and reads title, author, date and site name
    from the page's metadata; the text it keeps then goes through the same
    line rules as plain text (one line per extracted block), so share
    buttons and prompts inside the article area go too.
    """
    import trafilatura  # heavy: imported when an HTML file is met

    doc = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    if doc is None or not (doc.text or "").strip():
        # trafilatura keeps no main text on very short pages: their visible text is the article
        return Page(clean_text(page_text(markup), language=language))
    blocks = "\n\n".join(line.strip() for line in doc.text.split("\n") if line.strip())
    cleaned = clean_text(blocks, language=language)
    title = (doc.title or "").strip() or cleaned.title
    if title and cleaned.title != title:
        key = " ".join(title.casefold().split())
        keep = [
            (p, k) for p, k in zip(cleaned.paragraphs, cleaned.kinds) if " ".join(p.casefold().split()) != key
        ]
        cleaned.paragraphs = [p for p, _ in keep]
        cleaned.kinds = [k for _, k in keep]
    cleaned.title = title
    cleaned.author = _clean_author(doc.author) or cleaned.author
    cleaned.date = (parse_date(doc.date) if doc.date else None) or cleaned.date
    cleaned.source = (doc.sitename or "").strip() or cleaned.source
    return Page(cleaned, url=(doc.url or None))


_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg|head)\b.*?</\1\s*>", re.S | re.I)
_BLOCK = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|tr|td|th|table|section|article|header|footer|nav|aside|"
                    r"blockquote|pre|figure|figcaption|dd|dt|main|title)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")


def page_text(markup: str) -> str:
    """The visible text of a page or fragment, a block per paragraph; no markup, no scripts.

    For what trafilatura's extraction leaves empty (a page with one short
    paragraph): the cleaning rules then sort article from navigation.
    """
    text = _TAG.sub(" ", _BLOCK.sub("\n\n", _INVISIBLE.sub(" ", markup)))
    return "\n\n".join(" ".join(b.split()) for b in html.unescape(text).split("\n\n") if b.strip())


def main_text(markup: str) -> str:
    """The main text of an HTML fragment (a feed item's body): its blocks separated by blank lines.

    The same extraction as :func:`parse_html`; ``""`` when it finds nothing.
    """
    import trafilatura  # heavy: imported when HTML is met

    page = markup if "<body" in markup.lower() else f"<html><body><article>{markup}</article></body></html>"
    text = trafilatura.extract(page, include_comments=False, include_tables=False, include_images=False,
                               deduplicate=False, favor_recall=True)
    if not text:
        return ""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def _clean_author(author: str | None) -> str | None:
    if not author:
        return None
    author = author.strip()
    return author[3:].strip() if author.lower().startswith("by ") else author
