"""Describe clusters: key terms that set each topic apart, headline, counts, sources and dates.

The key terms come from :func:`nlp.topics.keyterms.key_terms` over :class:`nlp.topics.phrases.Phrases`; its module says how they are scored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from nlp.topics.keyterms import key_terms
from nlp.topics.phrases import Phrases, tokens_of
from nlp.types import Article, Cluster

if TYPE_CHECKING:
    from nlp.text.vocabulary import Vocabulary

SEPARATOR = " · "
OTHER = "Other"
UNTITLED_WIDTH = 60
"""Longest label (characters) made from a headline, for a topic without key terms."""


def describe_clusters(
    articles: Sequence[Article], labels: Sequence[int] | np.ndarray, *, language: str = "english",
    vocabulary: Vocabulary | None = None,
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
    vocabulary : Vocabulary, optional
        The analysis's words (:class:`~nlp.text.vocabulary.Vocabulary`); one is made when not given.

    Returns
    -------
    tuple of Cluster
        Topics by size (articles, largest first), then by first article id;
        ids are positions. ``summary`` is left empty.
    """
    topics, other = topic_members(articles, labels)
    key_terms, ranked = describe_topics(articles, topics, other, language, vocabulary)
    return assemble(articles, key_terms, ranked, has_other=bool(other))


def topic_members(
    articles: Sequence[Article], labels: Sequence[int] | np.ndarray
) -> tuple[list[list[int]], list[int]]:
    """Article indices of each topic, largest first (then by first article id), and of "Other"."""
    labels = [int(x) for x in labels]
    if len(labels) != len(articles):
        raise ValueError(f"{len(labels)} labels for {len(articles)} articles")
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    topics = sorted(
        (m for label, m in members.items() if label != -1),
        key=lambda m: (-len(m), min(articles[i].id for i in m)),
    )
    return topics, members.get(-1, [])


def describe_topics(
    articles: Sequence[Article], topics: list[list[int]], other: list[int], language: str,
    vocabulary: Vocabulary | None = None,
) -> tuple[list[tuple[str, ...]], list[list[int]]]:
    """Key terms of each topic, and the members of each topic (then of "Other") most representative first.

    The words are read in ``vocabulary`` (the analysis's), or in one made here.
    """
    phrases = Phrases(tokens_of(articles, language, vocabulary), [a.story_id for a in articles])
    return describe_phrases(phrases, [a.id for a in articles], topics, other)


def describe_phrases(
    phrases: Phrases, ids: Sequence[str], topics: list[list[int]], other: list[int]
) -> tuple[list[tuple[str, ...]], list[list[int]]]:
    """:func:`describe_topics` of the articles' phrases, counted per story (they need no topics).

    So the pipeline can count phrases while the topics are merged (:mod:`nlp.run.pipeline`).
    """
    vectors = phrases.unigram_vectors()
    ranked = [_by_representativeness(m, ids, vectors) for m in topics + ([other] if other else [])]
    return key_terms(phrases, topics), ranked


def assemble(
    articles: Sequence[Article], key_terms: list[tuple[str, ...]], ranked: list[list[int]], *, has_other: bool
) -> tuple[Cluster, ...]:
    """The clusters of :func:`describe_topics`' result: topics, then "Other" when ``has_other``.

    Only the catch-all group is called "Other": a topic without key terms
    (its words are everywhere else too) is named by its headline.
    """
    clusters: list[Cluster] = []
    for member, terms in zip(ranked, key_terms):
        label = None if terms else _untitled(len(clusters), articles[member[0]].title)
        clusters.append(_cluster(len(clusters), member, articles, terms, label))
    if has_other:
        clusters.append(_cluster(len(clusters), ranked[-1], articles, (), OTHER, is_other=True))
    return tuple(clusters)


def describe_groups(
    phrases: Phrases, articles: Sequence[Article], groups: Sequence[Sequence[int]], is_other: Sequence[bool]
) -> list[Cluster]:
    """Describe groups of article indices as :func:`describe_clusters` would describe them as topics.

    A topic's key terms, headline and member order depend only on its own
    members and the corpus ``phrases`` were counted over, so one edited topic
    is described again without the others (:mod:`nlp.edits`). Ids are 0 and
    summaries empty: the caller places and summarises the clusters.
    """
    ids = [a.id for a in articles]
    vectors = phrases.unigram_vectors()
    topics = [list(g) for g, other in zip(groups, is_other) if not other]
    terms = iter(key_terms(phrases, topics))
    out: list[Cluster] = []
    for group, other in zip(groups, is_other):
        ranked = _by_representativeness(list(group), ids, vectors)
        found = () if other else next(terms)
        out.append(_cluster(0, ranked, articles, found, OTHER if other or not found else None, is_other=other))
    return out


def _cluster(
    number: int,
    ranked: list[int],
    articles: Sequence[Article],
    terms: tuple[str, ...],
    label: str | None,
    *,
    is_other: bool = False,
) -> Cluster:
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


def _untitled(number: int, headline: str) -> str:
    """The label of topic ``number`` (from 0) that has no key terms: its headline, shortened."""
    words = " ".join(headline.split())
    if len(words) > UNTITLED_WIDTH:
        words = words[: UNTITLED_WIDTH - 1].rsplit(" ", 1)[0] + "…"
    return words if words and words != OTHER else f"Topic {number + 1}"


def _by_representativeness(member: list[int], ids: Sequence[str], vectors: object) -> list[int]:
    """Members by cosine to the topic's mean vector (most representative first), then by id."""
    rows = vectors[member]  # type: ignore[index]
    centroid = np.asarray(rows.mean(axis=0)).ravel()
    scores = np.asarray(rows @ centroid).ravel()
    return [i for _, _, i in sorted(zip(-np.round(scores, 9), [ids[i] for i in member], member))]


def _date_range(dates: list[str | None]) -> tuple[str | None, str | None]:
    """Earliest and latest date; dates without a year only when no date has one."""
    known = [d for d in dates if d]
    dated = [d for d in known if d[:1].isdigit()] or known
    if not dated:
        return (None, None)
    return (min(dated), max(dated))
