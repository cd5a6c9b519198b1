"""Build an Article from clean paragraphs: body, paragraph spans and sentences with offsets."""

from __future__ import annotations

from collections.abc import Sequence

from nlp.text.sentences import sentence_spans
from nlp.types import Article, Sentence, SentenceKind

PARAGRAPH_SEPARATOR = "\n\n"


def make_article(
    id: str,
    paragraphs: Sequence[str],
    *,
    path: str = "",
    title: str = "",
    kinds: Sequence[SentenceKind] | None = None,
    **metadata: str | int | None,
) -> Article:
    """Assemble an :class:`~nlp.types.Article` from its clean paragraphs.

    Parameters
    ----------
    id : str
        The article id.
    paragraphs : sequence of str
        Clean paragraphs, in order; empty ones are dropped.
    path : str
        The file the article came from.
    title : str
        The title; when empty, a shortened first sentence is used.
    kinds : sequence of SentenceKind, optional
        The kind of each paragraph's sentences (``"body"`` by default).
    **metadata
        ``source``, ``author``, ``date``, ``url``, ``language``, ``record``.

    Returns
    -------
    Article
        With ``body[s.start:s.end] == s.text`` for every sentence ``s``.
    """
    kept = [(p.strip(), (kinds[i] if kinds else "body")) for i, p in enumerate(paragraphs)]
    kept = [(p, k) for p, k in kept if p]
    body = PARAGRAPH_SEPARATOR.join(p for p, _ in kept)
    spans: list[tuple[int, int]] = []
    sentences: list[Sentence] = []
    offset = 0
    for number, (text, kind) in enumerate(kept):
        spans.append((offset, offset + len(text)))
        for start, end in sentence_spans(text):
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=offset + start,
                    end=offset + end,
                    text=text[start:end],
                    paragraph=number,
                    kind=kind,
                )
            )
        offset += len(text) + len(PARAGRAPH_SEPARATOR)
    if not title and sentences:
        title = _shorten(sentences[0].text)
    return Article(
        id=id,
        path=path,
        title=title,
        body=body,
        paragraphs=tuple(spans),
        sentences=tuple(sentences),
        **metadata,  # type: ignore[arg-type]
    )


def _shorten(sentence: str, limit: int = 80) -> str:
    """Cut a sentence at a word boundary to at most ``limit`` characters."""
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
