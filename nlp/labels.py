"""Describe clusters: key terms that set each topic apart, headline, counts, sources and dates.

Key terms are scored with a class-based TF-IDF over 1-3 word phrases, in
the spirit of BERTopic's c-TF-IDF but counted in stories rather than words,
so that one long article or a pile of rewrites cannot dominate: the share
``p`` of the topic's stories that use a phrase, times how much more often
they use it than the other stories do (``p - q``), times its sublinear
frequency. A phrase as common outside the topic as inside is never a key
term, which also keeps out boilerplate that every article carries. Phrases never cross punctuation
and never contain stop words, digits or one-letter words. A phrase that
almost always occurs inside a longer one gives way to it ("Kuala" to "Kuala
Lumpur"), and two terms that share a word or a stem prefix ("Iran",
"Iranian") are never both shown. Each term
is written in its most frequent spelling in the body text, so proper nouns
keep their case ("ASEAN", "Kuala Lumpur") and common words stay lower case.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from nlp.language import stemmer, stop_words
from nlp.types import Article, Cluster

MAX_TERMS = 3
"""Terms in a label (the label has 2-4 terms; fewer only when the text has fewer)."""
MAX_WORDS = 3
"""Longest phrase, in words."""
SUBSUMED = 0.8
"""A phrase gives way to a longer one that holds it in at least this share of its uses."""
SEPARATOR = " · "
OTHER = "Other"

_PHRASE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”‘«»/|…–—]|\s[-']\s|'(?=\s)|(?<=\s)'")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)

Key = tuple[str, ...]


@dataclass
class _Terms:
    """Phrase statistics of one article: uses per phrase, and spellings seen."""

    counts: Counter[Key] = field(default_factory=Counter)
    body_forms: Counter[tuple[Key, str]] = field(default_factory=Counter)
    title_forms: Counter[tuple[Key, str]] = field(default_factory=Counter)


def describe_clusters(
    articles: Sequence[Article], labels: Sequence[int] | np.ndarray, *, language: str = "english"
) -> tuple[Cluster, ...]:
    """Return one :class:`~nlp.types.Cluster` per topic, "Other" last.

    Parameters
    ----------
    articles : sequence of Article
        The clustered articles (``duplicate_of`` set).
    labels : sequence of int
        Topic of each article, as ``TopicClusterer.labels_``; -1 is "Other".
    language : str
        Language of the stop words and stemmer.

    Returns
    -------
    tuple of Cluster
        Topics by size (articles, largest first), then by first article id;
        ids are positions. ``summary`` is left empty.
    """
    labels = [int(x) for x in labels]
    if len(labels) != len(articles):
        raise ValueError(f"{len(labels)} labels for {len(articles)} articles")
    terms = [_article_terms(a, language) for a in articles]
    stories = _story_counts(articles, terms)
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    topics = sorted(
        (m for label, m in members.items() if label != -1),
        key=lambda m: (-len(m), min(articles[i].id for i in m)),
    )
    vectors = _unigram_vectors(terms)
    forms = _spellings(terms)
    document_frequency: Counter[Key] = Counter()
    for counts in stories.values():
        document_frequency.update(counts.keys())
    clusters: list[Cluster] = []
    for member in topics:
        key_terms = _key_terms(member, articles, stories, document_frequency, forms)
        clusters.append(_cluster(len(clusters), member, articles, vectors, key_terms, OTHER if not key_terms else None))
    if -1 in members:
        clusters.append(_cluster(len(clusters), members[-1], articles, vectors, (), OTHER, is_other=True))
    return tuple(clusters)


def _cluster(
    number: int,
    member: list[int],
    articles: Sequence[Article],
    vectors: np.ndarray,
    terms: tuple[str, ...],
    label: str | None,
    *,
    is_other: bool = False,
) -> Cluster:
    ranked = _by_representativeness(member, articles, vectors)
    chosen = [articles[i] for i in ranked]
    return Cluster(
        id=number,
        label=label if label is not None else SEPARATOR.join(terms),
        terms=terms,
        headline=chosen[0].title,
        article_ids=tuple(a.id for a in chosen),
        story_count=len({a.story_id for a in chosen}),
        sources=tuple(sorted({a.source for a in chosen if a.source})),
        date_range=_date_range([a.date for a in chosen]),
        is_other=is_other,
    )


def _article_terms(article: Article, language: str) -> _Terms:
    stops = stop_words(language)
    stem = stemmer(language)
    out = _Terms()
    parts = [(article.title, out.title_forms)] + [
        (s.text, out.body_forms) for s in article.sentences if s.kind == "body"
    ]
    for text, forms in parts:
        for chunk in _PHRASE_BREAK.split(text):
            run: list[tuple[str, str]] = []
            for token in _WORD.findall(chunk) + [""]:
                token = _POSSESSIVE.sub("", token)
                lower = token.lower()
                if not token or lower in stops or len(token) < 2 or not any(c.isalpha() for c in token):
                    run = []
                    continue
                run.append((stem(lower), token))
                for size in range(1, min(MAX_WORDS, len(run)) + 1):
                    gram = run[-size:]
                    key = tuple(k for k, _ in gram)
                    out.counts[key] += 1
                    forms[(key, " ".join(t for _, t in gram))] += 1
    return out


def _story_counts(articles: Sequence[Article], terms: list[_Terms]) -> dict[str, Counter[Key]]:
    """Phrase uses per story: a story's rewrites count as one text (the largest count wins)."""
    stories: dict[str, Counter[Key]] = {}
    for article, t in zip(articles, terms):
        story = stories.setdefault(article.story_id, Counter())
        story |= t.counts
    return stories


def _spellings(terms: list[_Terms]) -> dict[Key, str]:
    """The most frequent spelling of each phrase: in body text, else in titles."""
    body: Counter[tuple[Key, str]] = Counter()
    title: Counter[tuple[Key, str]] = Counter()
    for t in terms:
        body.update(t.body_forms)
        title.update(t.title_forms)
    best: dict[Key, tuple[int, int, str]] = {}
    for source_rank, counter in ((1, body), (0, title)):
        for (key, form), count in counter.items():
            candidate = (source_rank, count, form)
            if key not in best or candidate > best[key]:
                best[key] = candidate
    return {key: form for key, (_, _, form) in best.items()}


def _key_terms(
    member: list[int],
    articles: Sequence[Article],
    stories: dict[str, Counter[Key]],
    document_frequency: Counter[Key],
    forms: dict[Key, str],
) -> tuple[str, ...]:
    story_ids = sorted({articles[i].story_id for i in member})
    total = len(stories)
    uses: Counter[Key] = Counter()
    present: Counter[Key] = Counter()
    for story in story_ids:
        uses.update(stories[story])
        present.update(stories[story].keys())
    needed = 2 if len(story_ids) > 1 else 1
    outside = total - len(story_ids)
    scores: dict[Key, float] = {}
    for key, count in uses.items():
        if present[key] < needed:
            continue
        share = present[key] / len(story_ids)
        elsewhere = (document_frequency[key] - present[key]) / outside if outside else 0.0
        if share <= elsewhere:
            continue  # as common elsewhere: it does not set the topic apart
        scores[key] = share * (share - elsewhere) * (1.0 + math.log(count / present[key]))
    for key in list(scores):  # a phrase gives way to a longer one that nearly always holds it
        if len(key) > 1:
            for size in range(1, len(key)):
                for start in range(len(key) - size + 1):
                    part = key[start : start + size]
                    if part in scores and uses[key] >= SUBSUMED * uses[part]:
                        scores[key] = max(scores[key], scores.pop(part))
    chosen: list[Key] = []
    for key in sorted(scores, key=lambda k: (-scores[k], k)):
        if any(_repeats(key, other) for other in chosen):
            continue
        chosen.append(key)
        if len(chosen) == MAX_TERMS:
            break
    return tuple(forms[k] for k in chosen)


def _repeats(a: Key, b: Key) -> bool:
    """True when two phrases share a word or a word stem ("Iran" and "Iranian")."""
    return any(x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x))) for x in a for y in b)


def _unigram_vectors(terms: list[_Terms]) -> np.ndarray | object:
    """Sublinear TF-IDF rows (L2-normalised, sparse) over single stemmed words."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer

    vocabulary: dict[Key, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for row, t in enumerate(terms):
        for key, count in t.counts.items():
            if len(key) == 1:
                rows.append(row)
                cols.append(vocabulary.setdefault(key, len(vocabulary)))
                values.append(count)
    counts = csr_matrix((values, (rows, cols)), shape=(len(terms), max(1, len(vocabulary))))
    return TfidfTransformer(sublinear_tf=True).fit_transform(counts)


def _by_representativeness(member: list[int], articles: Sequence[Article], vectors: object) -> list[int]:
    """Members by cosine to the topic's mean vector (most representative first), then by id."""
    rows = vectors[member]  # type: ignore[index]
    centroid = np.asarray(rows.mean(axis=0)).ravel()
    scores = np.asarray(rows @ centroid).ravel()
    return [i for _, _, i in sorted(zip(-np.round(scores, 9), [articles[i].id for i in member], member))]


def _date_range(dates: list[str | None]) -> tuple[str | None, str | None]:
    """Earliest and latest date; dates without a year only when no date has one."""
    known = [d for d in dates if d]
    dated = [d for d in known if d[:1].isdigit()] or known
    if not dated:
        return (None, None)
    return (min(dated), max(dated))
