"""Summary method name -> summariser, and the extractive summary of one cluster with provenance.

Every method only ranks the cluster's candidate sentences (see
:mod:`nlp.summarize.candidates`); choosing from that ranking is shared:
a sentence is skipped when it says what a chosen one already says (their
content-word sets overlap by a cosine of ``REDUNDANT`` or more, the measure
near-duplicate detection uses) or when it would overrun the word budget, and
the next one that fits is taken. The chosen sentences are then put in
reading order: article date, article id, position.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from nlp.errors import OptionsError
from nlp.summarize.names import METHOD_NAMES
from nlp.summarize.candidates import Candidate, candidate_document, candidates
from nlp.summarize.centroid import centroid
from nlp.summarize.document import Budget, Document, Ranker, Ranking, row_normalized
from nlp.summarize.edmundson import edmundson
from nlp.summarize.frequency import kl, luhn, sumbasic
from nlp.summarize.graph import lexrank, reduction, textrank
from nlp.summarize.lsa import lsa
from nlp.types import Article, Summary, SummarySentence

METHODS: dict[str, Ranker] = {
    "centroid": centroid,
    "lexrank": lexrank,
    "textrank": textrank,
    "lsa": lsa,
    "luhn": luhn,
    "kl": kl,
    "sumbasic": sumbasic,
    "edmundson": edmundson,
    "reduction": reduction,
}
"""Every summariser by name, in menu order (the keys equal :data:`nlp.summarize.names.METHOD_NAMES`)."""
DEFAULT_METHOD = METHOD_NAMES[0]
"""The method the MultiLing ROUGE benchmark (``tests/benchmarks/bench_summarize.py``) rates best."""

REDUNDANT = 0.5
"""Content-word cosine at which a sentence repeats one already chosen."""
MAX_LOOKS = 200
"""Ranked sentences examined at most (greedy methods compute their ranking step by step)."""


def summarize(
    members: Sequence[Article],
    *,
    method: str = DEFAULT_METHOD,
    sentences: int | None = 5,
    words: int | None = None,
    language: str = "english",
    known: Mapping[str, list[Candidate]] | None = None,
) -> Summary:
    """Summarise one cluster's articles.

    Parameters
    ----------
    members : sequence of Article
        The cluster's articles, ``duplicate_of`` set for near-duplicates.
    method : str
        A key of :data:`METHODS`.
    sentences : int or None
        Number of sentences, used when ``words`` is None.
    words : int or None
        Word budget (words separated by white space); never exceeded, and a
        sentence is never cut: one that does not fit is passed over.
    language : str
        Language of the stop words and stemmer.
    known : mapping, optional
        Candidate sentences of stories already found, by story id
        (:func:`nlp.summarize.candidates.by_story`).

    Returns
    -------
    Summary
        Sentences in reading order, each with its article, offsets, score and rank.

    Raises
    ------
    OptionsError
        For an unknown method or a length below 1.
    """
    check_summary_options(method, sentences, words)
    budget = Budget(sentences=sentences or 0, words=words)
    found = candidates(members, known)
    if not found:
        return Summary(method=method)
    doc = candidate_document(found, language)
    chosen = select(doc, METHODS[method](doc, budget), budget)
    return Summary(method=method, sentences=_in_reading_order(found, chosen))


def check_summary_options(method: str, sentences: int | None, words: int | None) -> None:
    """Raise OptionsError naming the bad one of a method and a length (shared with ``pipeline.validate``)."""
    if method not in METHODS:
        raise OptionsError(f"unknown summary method {method!r}; choose one of: {', '.join(METHODS)}")
    if words is None and (sentences is None or sentences < 1):
        raise OptionsError("the summary length must be 1 or more sentences, or a word budget")
    if words is not None and words < 1:
        raise OptionsError(f"the word budget must be 1 or more, not {words}")


def select(doc: Document, ranking: Ranking, budget: Budget) -> list[tuple[int, float]]:
    """Walk ``ranking``, skipping repeats and what does not fit, until the budget is spent.

    Returns
    -------
    list of (int, float)
        Chosen sentence indices with their scores, in selection order.
    """
    import numpy as np

    binary = doc.matrix.copy()
    binary.data[:] = 1.0
    unit = row_normalized(binary)
    room = budget.words
    lengths = doc.word_counts() if room is not None else []  # only a word budget counts words
    shortest = min(lengths, default=0)
    chosen: list[tuple[int, float]] = []
    for looks, (index, score) in enumerate(ranking):
        if looks >= MAX_LOOKS:
            break
        if room is not None and lengths[index] > room:
            continue
        if chosen:
            overlap = unit[[i for i, _ in chosen]] @ unit[index].T
            if overlap.nnz and np.max(overlap.data) >= REDUNDANT - 1e-9:
                continue
        chosen.append((index, score))
        if room is not None:
            room -= lengths[index]
            if room < shortest:
                break
        elif len(chosen) >= budget.sentences:
            break
    return chosen


def _in_reading_order(found: Sequence[Candidate], chosen: list[tuple[int, float]]) -> tuple[SummarySentence, ...]:
    picked = []
    for rank, (index, score) in enumerate(chosen):
        c = found[index]
        picked.append(
            SummarySentence(
                text=c.sentence.text,
                article_id=c.article.id,
                sentence_index=c.sentence.index,
                start=c.sentence.start,
                end=c.sentence.end,
                score=score,
                rank=rank,
            )
        )
    dates = {c.article.id: c.article.date for c in found}
    return tuple(sorted(picked, key=lambda s: (*_date_key(dates[s.article_id]), s.article_id, s.sentence_index)))


def _date_key(date: str | None) -> tuple[int, str]:
    """Full dates first, in order; then dates without a year ("--07-10"), which cannot be placed among
    them; then undated articles."""
    if date is None:
        return (2, "")
    return (0 if date[:1].isdigit() else 1, date)
