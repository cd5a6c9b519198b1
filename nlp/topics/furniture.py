"""A site's furniture: the sentences many stories carry word for word at the bottom of their pages.

Pages saved from one site carry its footer or sign-up line verbatim ("Follow
The Courier for the latest news from the valley."). Such a sentence is no
story's: it makes unrelated stories alike on plain term frequencies, and,
held by every article of a topic, it would be the topic's most central
sentence and open its summary. A sentence is furniture when :data:`FURNITURE`
or more stories, and :data:`FURNITURE_SHARE` of all, hold it verbatim in the
run of such shared sentences that closes the body. Copies of one wire story
count once (their first article stands for them). The top of the page is
left alone: rewrites of one wire story too far apart to be copies still open
on its lede word for word, and a lede is a summary's best sentence; so is a
quotation that several outlets give inside their stories.

:func:`mark_furniture` gives these sentences the kind ``"furniture"``, which
is never summarised, labelled or named, nor read by near-duplicates (the
pipeline links them again where there is furniture: under short items a
footer is most of the text); the article's text stays whole. The clustering
vectors are made beside the near-duplicates, before the marking, and keep
it, weighed down by IDF; the one-story measure leaves it out
(:mod:`nlp.topics.onestory`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import replace

from nlp.types import Article, Sentence, SentenceKind

FURNITURE = 3
"""Stories that must hold a sentence verbatim for it to be a site's furniture (a footer, a sign-up line), not a story's."""
FURNITURE_SHARE = 0.1
"""And their share of all stories: held by fewer, a sentence makes too few pairs alike to matter."""
_READ = ("body", "furniture")


def furniture_of(articles: Sequence[Article], starts: Sequence[int]) -> frozenset[str]:
    """The texts of the furniture sentences of ``articles``, whose stories' first articles are ``starts``.

    Sentences already marked ``"furniture"`` are read as body sentences, so a
    marked corpus gives the same answer.
    """
    bodies = [[s.text for s in articles[start].sentences if s.kind in _READ] for start in starts]
    least = max(FURNITURE, FURNITURE_SHARE * len(starts))
    held = Counter(text for body in bodies for text in set(body))
    shared = {text for text, stories in held.items() if stories >= least}
    if not shared:
        return frozenset()
    closing: Counter[str] = Counter()
    for body in bodies:
        kept = next((n for n, text in enumerate(reversed(body)) if text not in shared), len(body))
        closing.update(set(body[len(body) - kept:]))
    return frozenset(text for text, stories in closing.items() if stories >= least)


def mark_furniture(articles: Sequence[Article]) -> tuple[Article, ...]:
    """``articles`` (near-duplicates marked) with their furniture sentences of kind ``"furniture"``, and only those."""
    firsts: dict[str, int] = {}
    for number, article in enumerate(articles):
        firsts.setdefault(article.story_id, number)
    return with_furniture(articles, furniture_of(articles, sorted(firsts.values())))


def with_furniture(articles: Sequence[Article], furniture: Set[str]) -> tuple[Article, ...]:
    """``articles`` with the body sentences whose text is in ``furniture`` of kind ``"furniture"``, and only those."""

    def kind(sentence: Sentence) -> SentenceKind:
        if sentence.kind not in _READ:
            return sentence.kind
        return "furniture" if sentence.text in furniture else "body"

    return tuple(
        replace(a, sentences=tuple(s if s.kind == kind(s) else replace(s, kind=kind(s)) for s in a.sentences))
        if any(s.kind != kind(s) for s in a.sentences) else a
        for a in articles
    )


def has_furniture(articles: Sequence[Article]) -> bool:
    """Whether any sentence of ``articles`` is marked furniture."""
    return any(s.kind == "furniture" for a in articles for s in a.sentences)


def unmarked(articles: Sequence[Article]) -> tuple[Article, ...]:
    """``articles`` with their furniture sentences body sentences again: as read from the files, to analyse anew."""
    return tuple(
        replace(a, sentences=tuple(replace(s, kind="body") if s.kind == "furniture" else s for s in a.sentences))
        if any(s.kind == "furniture" for s in a.sentences) else a
        for a in articles
    )
