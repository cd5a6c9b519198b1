"""Summary method name -> summariser, and the extractive summary of one cluster with provenance.

Every method only ranks the cluster's candidate sentences (see
:mod:`nlp.summarize.candidates`); choosing from that ranking is shared.
A summary opens on the article lead that best covers the topic
(:mod:`nlp.summarize.lead`), the best one that fits the budget; the method's
ranking fills the rest. A sentence is skipped when it says what a chosen one
already says (their content-word sets overlap by a cosine of ``REDUNDANT`` or
more, the measure near-duplicate detection uses), when it would overrun the
word budget, or when it leans on the sentence before it
(:func:`nlp.summarize.cohesion.dangling`) and that sentence is not chosen;
the next one that fits is taken. After the opener, the sentences are in
reading order: article date, article id, position, each leaning sentence
right after the one it leans on. A word budget too small for any sentence
still gives the opener alone, and the summary says so (``over_budget``).
The opener's score is its cosine with the topic's centre; a sentence taken
as the context of a leaning one carries that one's score.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from nlp.summarize.names import METHOD_NAMES
from nlp.summarize.candidates import Candidate, candidate_document, candidates
from nlp.summarize.centroid import centroid
from nlp.summarize.cohesion import dangling
from nlp.summarize.document import Budget, Document, Ranker, Ranking
from nlp.summarize.edmundson import edmundson
from nlp.summarize.frequency import kl, luhn, sumbasic
from nlp.summarize.graph import lexrank, reduction, textrank
from nlp.summarize.lead import openers
from nlp.summarize.lsa import lsa
from nlp.text.vocabulary import Vocabulary
from nlp.types import Article, Summary, SummarySentence, check_options

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
    vocabulary: Vocabulary | None = None,
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
    vocabulary : Vocabulary, optional
        The analysis's words (:class:`~nlp.text.vocabulary.Vocabulary`); one
        is made for ``members`` when not given.

    Returns
    -------
    Summary
        The opener, then the other sentences in reading order, each with its
        article, offsets, score and rank; ``over_budget`` when ``words`` holds
        no sentence and the opener stands alone.

    Raises
    ------
    OptionsError
        For an unknown method or a length below 1.
    """
    check_options(method=method, sentences=sentences, words=words)
    budget = Budget(sentences=sentences or 0, words=words)
    vocabulary = Vocabulary() if vocabulary is None else vocabulary
    found = candidates(members, known, vocabulary=vocabulary)
    if not found:
        return Summary(method=method)
    doc = candidate_document(found, language, vocabulary)
    leans = lru_cache(maxsize=None)(lambda index: dangling(doc.texts[index], language))  # asked of a few only
    after = _predecessors(found)
    first = openers(doc, found, leans)
    chosen = select(doc, METHODS[method](doc), budget, first=first, leans=leans, after=after)
    if not chosen:  # no sentence fits the word budget: the topic's best one alone, and say so
        return Summary(method=method, sentences=_in_reading_order(found, first[:1], after), over_budget=True)
    return Summary(method=method, sentences=_in_reading_order(found, chosen, after))


def select(
    doc: Document,
    ranking: Ranking,
    budget: Budget,
    *,
    first: Sequence[tuple[int, float]] = (),
    leans: Callable[[int], bool] | None = None,
    after: Sequence[int] = (),
) -> list[tuple[int, float]]:
    """Take the first of ``first`` that fits, then walk ``ranking``, skipping repeats, what does not fit
    and leaning sentences whose predecessor is not chosen, until the budget is spent.

    Parameters
    ----------
    doc : Document
        The candidates.
    ranking : Ranking
        The method's ranking of them.
    budget : Budget
        Sentences or words.
    first : sequence of (int, float)
        Sentences to open on, best first, with their scores (:func:`nlp.summarize.lead.openers`).
    leans : callable, optional
        Whether the sentence of an index needs its predecessor; None for none.
    after : sequence of int
        Index of each sentence's predecessor among the candidates, -1 when it is not one.

    Returns
    -------
    list of (int, float)
        Chosen sentence indices with their scores, in selection order.
    """
    import numpy as np
    from sklearn.preprocessing import normalize

    binary = doc.matrix.copy()
    binary.data[:] = 1.0
    unit = normalize(binary)
    room = budget.words
    lengths = doc.word_counts() if room is not None else []  # only a word budget counts words
    shortest = min(lengths, default=0)
    chosen: list[tuple[int, float]] = []
    opener = next(((i, score) for i, score in first if room is None or lengths[i] <= room), None)
    if opener is not None:
        chosen.append(opener)
        if room is not None:
            room -= lengths[opener[0]]
            if room < shortest:
                return chosen
        elif len(chosen) >= budget.sentences:
            return chosen
    taken = {i for i, _ in chosen}
    for looks, (index, score) in enumerate(ranking):
        if looks >= MAX_LOOKS:
            break
        if index in taken:
            continue
        group = [index]
        if leans is not None and leans(index) and after[index] not in taken:
            before = after[index]  # the sentence it leans on comes with it, or it stays out
            if before < 0 or leans(before):
                continue
            group = [before, index]
        if room is not None and sum(lengths[i] for i in group) > room:
            continue
        if room is None and len(chosen) + len(group) > budget.sentences:
            continue
        if chosen:
            overlap = unit[[i for i, _ in chosen]] @ unit[group].T
            if overlap.nnz and np.max(overlap.data) >= REDUNDANT - 1e-9:
                continue
        for i in group:
            chosen.append((i, score))
            taken.add(i)
            if room is not None:
                room -= lengths[i]
        if room is not None:
            if room < shortest:
                break
        elif len(chosen) >= budget.sentences:
            break
    return chosen


def _predecessors(found: Sequence[Candidate]) -> list[int]:
    """Index of the candidate just before each one in its article, -1 when that sentence is no candidate."""
    where = {(c.article.id, c.order): i for i, c in enumerate(found)}
    return [where.get((c.article.id, c.order - 1), -1) for c in found]


def _in_reading_order(
    found: Sequence[Candidate], chosen: Sequence[tuple[int, float]], after: Sequence[int]
) -> tuple[SummarySentence, ...]:
    """The first chosen sentence, then the rest by date, article and position; a sentence whose
    predecessor is chosen follows it directly, so the sentences the opener carries come with it."""
    dates = {c.article.id: c.article.date for c in found}

    def key(index: int) -> tuple[object, ...]:
        c = found[index]
        return (*_date_key(dates[c.article.id]), c.article.id, c.sentence.index)

    if not chosen:
        return ()
    opener = chosen[0][0]
    rest = sorted((i for i, _ in chosen[1:]), key=key)
    order = [opener]
    while True:  # the sentences that follow on from the opener come right after it
        follower = next((i for i in rest if after[i] == order[-1]), None)
        if follower is None:
            break
        rest.remove(follower)
        order.append(follower)
    order += rest
    rank = {index: number for number, (index, _) in enumerate(chosen)}
    score = dict(chosen)
    return tuple(
        SummarySentence(
            text=found[i].sentence.text,
            article_id=found[i].article.id,
            sentence_index=found[i].sentence.index,
            start=found[i].sentence.start,
            end=found[i].sentence.end,
            score=score[i],
            rank=rank[i],
        )
        for i in order
    )


def _date_key(date: str | None) -> tuple[int, str]:
    """Full dates first, in order; then dates without a year ("--07-10"), which cannot be placed among
    them; then undated articles."""
    if date is None:
        return (2, "")
    return (0 if date[:1].isdigit() else 1, date)
