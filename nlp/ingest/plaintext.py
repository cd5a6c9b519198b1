"""Plain-text articles (.txt, .md, .text): clean the scraped text into one Article."""

from __future__ import annotations

from nlp.ingest.build import make_article
from nlp.ingest.clean import clean_text
from nlp.types import Article


def parse_plaintext(text: str, *, id: str, path: str, language: str = "english") -> Article:
    """Return the Article in ``text`` (cleaned by :func:`nlp.ingest.clean.clean_text`)."""
    cleaned = clean_text(text, language=language)
    return make_article(
        id,
        cleaned.paragraphs,
        path=path,
        title=cleaned.title,
        kinds=cleaned.kinds,
        source=cleaned.source,
        author=cleaned.author,
        date=cleaned.date,
        language=language,
    )
