"""Which sentences of a cluster may enter its summary, and one version of each fact.

Only ordinary prose is summary material: sentences ingest marked ``"body"``
(never captions, headings or list items), of at least ``MIN_WORDS`` words,
ending like a sentence, and not web furniture (share buttons, sign-up lines,
bylines, e-mail addresses, headlines stamped with a date). A sentence that
opens a paragraph on a wire dateline ("Tuesday, January 18, 2005Through a telethon, ...",
"TEXAS, US – A court martial ...") is a candidate from the word after it, its
offsets moved with it. Near-duplicate articles
(``Article.duplicate_of``) tell one story: a copy's sentence that has a
counterpart in an earlier article of the same story is dropped, so a
rewrite never contributes a second version of a fact its original states.
Because the two articles are already known to tell one story, the match is
looser than near-duplicate detection's (``COPY_MATCH``): in the seeds' wire
rewrite (001 of 000) every paraphrased sentence's best counterpart scores
0.38 or more and its second best 0.25 or less.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from nlp.run.cancel import CancelToken, check
from nlp.summarize.cohesion import dateline_length
from nlp.summarize.document import Document, Position, build_document
from nlp.text.vocabulary import Vocabulary
from nlp.types import Article, Sentence

MIN_WORDS = 6
"""Shorter sentences are fragments ("Yonhap", "Related stories", datelines)."""
COPY_MATCH = 0.3
"""Content-word cosine at which a copy's sentence restates one of its original."""

_SENTENCE_END = ".!?…。！？؟۔।"
_CLOSERS = "\"'”’)]"
_DATE_STAMP = re.compile(r"\d{4}[/-]\d{1,2}[/-]\d{1,2}\b")  # "2005/01/08 Headline" lines
_FURNITURE_START = re.compile(
    r"(?:share|advertisement|read more|related(?: (?:stories|articles|coverage))?|photo|image|video"
    r"|file photo)\s*(?:[:|]|$)",
    re.IGNORECASE,
)
_FURNITURE_PHRASES = ("sign up for", "link copied", "all rights reserved", "click here", "subscribe to our",
                      "our newsletter", "http://", "https://", "(c) copyright", "©")
_CREDITS = re.compile(r"\(?(?:additional )?(?:reporting|editing|writing|compiled) by\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _furniture(text: str) -> bool:
    """Share buttons, sign-up prompts, links and e-mail addresses.

    Substring tests, not one regex of alternatives: Python's regex engine
    tries every alternative at every position, ``in`` is a fast C search.
    """
    lowered = text.lower()
    for phrase in _FURNITURE_PHRASES:
        if phrase in lowered:
            return True
    return bool(_FURNITURE_START.match(text) or _CREDITS.match(text)) or ("@" in text and bool(_EMAIL.search(text)))


_BYLINE = re.compile(  # "By Lee Ji-yoon (jylee@...)", "By Ann Lee, Reuters correspondent." (not "By Friday, ...")
    r"^By (?:[A-Z][\w.'’-]+ ){0,2}[A-Z][\w.'’-]+"
    r"(?:\s*[(|]|,(?: [A-Z]?[\w.'’-]+)*? (?:correspondent|reporter|writer|editor)\b|\s*$)"
)


class Candidate(NamedTuple):
    """A sentence that may be picked, with the article it comes from."""

    article: Article
    sentence: Sentence
    story: int
    order: int
    position: Position
    """Where it stands in its article's paragraphs (made with the candidate: it depends on the article alone)."""


def is_summary_material(sentence: Sentence, language: str = "english", vocabulary: Vocabulary | None = None) -> bool:
    """True for a body sentence long enough, punctuated, and not furniture or a dated headline.

    Its words are read in ``vocabulary`` (the analysis's), or in one made here.
    """
    text = sentence.text
    end = text.rstrip(_CLOSERS)[-1:]
    return (
        sentence.kind == "body"
        and bool(end)
        and end in _SENTENCE_END
        and len((Vocabulary() if vocabulary is None else vocabulary).terms(text, language).stems) >= MIN_WORDS
        and not _DATE_STAMP.match(text)
        and not _BYLINE.match(text)
        and not _furniture(text)
    )


def without_dateline(sentence: Sentence) -> Sentence:
    """``sentence`` from the word after its opening dateline (offsets moved too), or itself when it has none."""
    cut = dateline_length(sentence.text)
    if cut == 0:
        return sentence
    return replace(sentence, start=sentence.start + cut, text=sentence.text[cut:])


def _cosine(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def candidates(
    members: Sequence[Article], known: Mapping[str, list[Candidate]] | None = None, *,
    vocabulary: Vocabulary | None = None,
) -> list[Candidate]:
    """Summary material of ``members``, one version per fact within a story.

    Stories are read by id, and in each story originals first, then copies
    by id, whatever the input order; the result is in that order.
    ``known`` holds :func:`story_candidates` already found, by story id (the
    pipeline finds them while topics are merged: they depend on the story
    only); a story's entry must be of the same articles as in ``members``.
    The words are read in ``vocabulary`` (the analysis's), or in one made here.
    """
    vocabulary = Vocabulary() if vocabulary is None else vocabulary
    stories = _stories(members)
    result: list[Candidate] = []
    for number, story_id in enumerate(sorted(stories)):
        found = known.get(story_id) if known is not None else None
        if found is None:
            found = story_candidates(stories[story_id], vocabulary=vocabulary)
        result += found if number == 0 else [Candidate(a, s, number, o, p) for a, s, _, o, p in found]
    return result


def by_story(articles: Sequence[Article], cancel: CancelToken | None = None, *,
             vocabulary: Vocabulary | None = None) -> dict[str, list[Candidate]]:
    """:func:`story_candidates` of every story of ``articles``, by story id."""
    vocabulary = Vocabulary() if vocabulary is None else vocabulary
    found: dict[str, list[Candidate]] = {}
    for number, (story_id, story) in enumerate(_stories(articles).items()):
        if number % 500 == 0:
            check(cancel)
        found[story_id] = story_candidates(story, vocabulary=vocabulary)
    return found


def _stories(articles: Sequence[Article]) -> dict[str, list[Article]]:
    """The articles of each story, by story id, in their order."""
    stories: dict[str, list[Article]] = {}
    for article in articles:
        stories.setdefault(article.story_id, []).append(article)
    return stories


def story_candidates(story: Sequence[Article], *, vocabulary: Vocabulary | None = None) -> list[Candidate]:
    """:func:`candidates` of one story's articles (numbered story 0)."""
    vocabulary = Vocabulary() if vocabulary is None else vocabulary
    result: list[Candidate] = []
    earlier: list[frozenset[str]] = []
    for article in sorted(story, key=lambda a: (a.duplicate_of is not None, a.id)):
        mine: list[frozenset[str]] = []
        body = [s for s in article.sentences if s.kind == "body"]
        positions: dict[int, Position] | None = None
        for order, sentence in enumerate(body):
            if order == 0 or body[order - 1].paragraph != sentence.paragraph:  # datelines open paragraphs
                sentence = without_dateline(sentence)
            if not is_summary_material(sentence, article.language, vocabulary):
                continue
            stems = frozenset(vocabulary.terms(sentence.text, article.language).plain)
            if any(_cosine(stems, other) >= COPY_MATCH for other in earlier):
                continue
            mine.append(stems)
            if positions is None:
                positions = _positions(article)
            result.append(Candidate(article, sentence, 0, order, positions[sentence.index]))
        earlier.extend(mine)
    return result


_position = lru_cache(maxsize=None)(Position)
"""One shared instance per value: there are 16, not worth a frozen dataclass per sentence."""


def _positions(article: Article) -> dict[int, Position]:
    """Paragraph and in-paragraph position of every non-heading sentence of ``article``."""
    prose = [s for s in article.sentences if s.kind != "heading"]
    if not prose:
        return {}
    first_in: dict[int, int] = {}  # paragraph -> its first and last prose sentence
    last_in: dict[int, int] = {}
    for number, sentence in enumerate(prose):
        first_in.setdefault(sentence.paragraph, number)
        last_in[sentence.paragraph] = number
    first_paragraph, last_paragraph = min(first_in), max(first_in)
    positions: dict[int, Position] = {}
    for number, sentence in enumerate(prose):
        paragraph = sentence.paragraph
        positions[sentence.index] = _position(
            paragraph == first_paragraph,
            paragraph == last_paragraph,
            first_in[paragraph] == number,
            last_in[paragraph] == number,
        )
    return positions


def candidate_document(found: Sequence[Candidate], language: str, vocabulary: Vocabulary | None = None) -> Document:
    """The :class:`Document` the summarisers rank, built from ``found`` (words read in ``vocabulary``)."""
    titles = list(dict.fromkeys(c.article.title for c in found if c.article.title))
    return build_document(
        [c.sentence.text for c in found],
        language=language,
        stories=[c.story for c in found],
        order=[c.order for c in found],
        positions=[c.position for c in found],
        headings=titles,
        vocabulary=vocabulary,
    )
