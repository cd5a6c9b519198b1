"""Edmundson (1969): cue words, title words and location, with cue words for news English.

sumy's ``EdmundsonSummarizer`` has no cue words of its own (its parsers carry
Czech ones); these are ours, chosen for wire-style news:

- bonus words mark the reported event and its outcome: decisions, results,
  counts and firsts ("agreed", "killed", "elected", "million", "first").
- stigma words mark what a digest should not lead with: hedges
  ("reportedly", "allegedly"), sourcing and background asides ("statement",
  "meanwhile", "previously", "declined to comment"), and web furniture that
  cleaning may have left ("click", "subscribe", "photo", "video").
- null words are ignored in titles: the stop words, plus headline filler
  ("live", "update", "exclusive", "watch").

The lists are English; for other languages only the title and location
methods (and the language's stop words as null words) carry weight. Weights
are sumy's defaults: cue 1, key 0, title 1, location 1 (the location method
counts title words once more, as in sumy).
"""

from __future__ import annotations

from functools import lru_cache

from nlp.text.language import stemmer, stop_words
from nlp.summarize.document import Document, Ranking, by_score

BONUS_WORDS = frozenset(
    """
    announced announce agreed agreement approved confirmed decided decision signed passed
    ruled verdict elected won wins defeated launched killed dead died deaths injured
    wounded arrested charged convicted sentenced resigned appointed rose fell record first
    new deal plan vote election percent million billion thousands official officials
    government president minister talks summit law
    """.split()
)
STIGMA_WORDS = frozenset(
    """
    reportedly allegedly apparently perhaps maybe might possibly rumoured rumored
    statement meanwhile previously earlier background declined comment comments
    click subscribe subscribers newsletter advertisement sponsored copyright reprint
    photo photos image video watch follow twitter facebook contributed reporting editing
    """.split()
)
NULL_WORDS = frozenset(
    "news live update updated breaking exclusive report reports says watch video photos analysis opinion".split()
)


def _stemmed(collection: frozenset[str], language: str) -> frozenset[str]:
    stem = stemmer(language)
    return frozenset(stem(w.lower()) for w in collection)


@lru_cache(maxsize=16)
def _cue_stems(language: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Stems of the bonus, stigma and null words of ``language`` (bonus and stigma words are English only)."""
    english = language == "english"
    bonus = _stemmed(BONUS_WORDS, language) if english else frozenset()
    stigma = _stemmed(STIGMA_WORDS, language) if english else frozenset()
    return bonus, stigma, _stemmed(stop_words(language) | NULL_WORDS, language)


def edmundson(doc: Document) -> Ranking:
    """Cue + title + location score of each sentence, as sumy sums them."""
    bonus, stigma, null = _cue_stems(doc.language)
    title = frozenset(s for stems in doc.heading_stems for s in stems) - null
    scores = []
    for stems, where in zip(doc.stems, doc.positions):
        cue = sum(s in bonus for s in stems) - sum(s in stigma for s in stems)
        title_hits = sum(s in title for s in stems)
        location = title_hits + (1 if where.first_paragraph else int(where.last_paragraph))
        location += 1 if where.first_in_paragraph else int(where.last_in_paragraph)
        scores.append(cue + title_hits + location)
    return by_score(scores)
