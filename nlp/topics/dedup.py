"""Near-duplicates: link copies and rewrites of one story by sentence alignment.

Two articles tell the same story when most sentences of the shorter one have
a counterpart in the other: a sentence whose stemmed content words overlap
with it by a cosine of at least ``SENTENCE_MATCH`` (0.5). A wire rewrite keeps
that sentence-by-sentence correspondence even when every sentence is
paraphrased; two articles on the same topic from different writers do not,
however many words they share. Whole-document TF-IDF cosine could not tell
them apart (measured in ``tests/benchmarks/bench_dedup.py``: a rewrite scored
0.56-0.67, different articles on the same event up to 0.54), while the
aligned share separates them widely (0.73 against at most 0.42).

An article of one sentence (a headline, a snippet) has no correspondence to
keep: half its words in common is any two headlines of one story ("Titanfall
review round-up", "Titanfall patch for the Xbox One"), and linked copies
chain, so a headline feed became one "story" of thousands. Its sentence must
be the other's with a word or two changed (:data:`SINGLE_MATCH`).

Pairs are first shortlisted: each article's nearest neighbours by the cosine of
their idf-weighted vocabularies (a sparse product in blocks of rows), so only
plausible pairs are aligned, and an article is aligned with all its candidates
in one sparse product: no all-pairs comparison, so the cost grows with the
corpus, not with its square. Articles with identical content are linked
before any of that.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from nlp.arrays import (
    by_first_occurrence,
    isin_sorted,
    unique,
    unique_counts,
    unique_index,
)
from nlp.text.vocabulary import Vocabulary
from nlp.types import Article
from nlp.run.workers import thread_map

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

SENTENCE_MATCH = 0.5
"""Cosine of two sentences' content-word sets above which they correspond."""
SINGLE_MATCH = 0.8
"""Cosine the sentence of a one-sentence article needs with one of the other's for the two to be copies."""
THRESHOLD = 0.6
"""Share of the shorter article's sentences with a counterpart that makes a duplicate."""
SHORTLIST = 0.2
"""Idf-weighted vocabulary cosine below which a pair is not even aligned."""
NEIGHBOURS = 20
"""Most candidates each article is aligned with (its nearest by vocabulary)."""
COMMON_SHARE = 0.05
COMMON_MIN = 50
"""Stems in more than ``max(COMMON_MIN, COMMON_SHARE * n)`` articles are left out of the shortlist."""
_MIN_WORDS = 3


def stem_words(text: str, language: str = "english", vocabulary: Vocabulary | None = None) -> tuple[str, ...]:
    """Stemmed content words of ``text`` (stop words and numbers removed), read in ``vocabulary`` if given."""
    return (Vocabulary() if vocabulary is None else vocabulary).terms(text, language).plain


def _sentence_sets(article: Article) -> list[tuple[str, ...]]:
    """Each body sentence's distinct content stems, in the order they first occur."""
    body = [s.text for s in article.sentences if s.kind == "body"] or [s.text for s in article.sentences]
    vocabulary = Vocabulary()
    sets = [tuple(dict.fromkeys(stem_words(text, article.language, vocabulary))) for text in body]
    return [s for s in sets if len(s) >= _MIN_WORDS]


def aligned_share(a: Sequence[Collection[str]], b: Sequence[Collection[str]]) -> float:
    """Share of the shorter list's sentences that have a counterpart in the other list.

    A counterpart overlaps by :data:`SENTENCE_MATCH`; by :data:`SINGLE_MATCH` when the shorter list is one sentence.
    """
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    others = [frozenset(right) for right in b]
    least = SINGLE_MATCH if len(a) == 1 else SENTENCE_MATCH
    matched = 0
    for left in map(frozenset, a):
        for right in others:
            common = len(left & right)
            if common and common >= least * math.sqrt(len(left) * len(right)):
                matched += 1
                break
    return matched / len(a)


def duplicate_pairs(articles: Sequence[Article], *, threshold: float = THRESHOLD,
                    vocabulary: Vocabulary | None = None) -> list[tuple[int, int, float]]:
    """Return ``(i, j, share)`` for every pair of near-duplicate articles (``i < j``).

    ``vocabulary`` is the analysis's (:class:`~nlp.text.vocabulary.Vocabulary`); one is made when not given.
    """
    table = _SentenceTable.of(articles, Vocabulary() if vocabulary is None else vocabulary)
    return _pairs(table, range(len(articles)), threshold)


BLOCK_CELLS = 4_000_000
"""Similarities computed at once in a block of the shortlist (16 MB of float32), whatever the corpus size."""
HELD_PAIRS = 2_000_000
"""Shortlisted pairs held before those that cannot be anyone's nearest are dropped (about 40 MB)."""
_EPS = 1e-9


class _SentenceTable(NamedTuple):
    """:func:`_sentence_sets` of every article as arrays of stem numbers (:class:`~nlp.text.vocabulary.Terms`).

    Made with a few sorts rather than a Python loop per word.
    """

    stems: np.ndarray
    """int64: each kept sentence's distinct stem numbers in the order they first occur, sentence after sentence."""
    lengths: np.ndarray
    """int64: distinct stems of each kept sentence (``_MIN_WORDS`` or more)."""
    per_article: np.ndarray
    """int64: kept sentences of each article."""
    keys: list[tuple[bytes, bytes] | None]
    """Per article, its content for exact duplicates: sentence by sentence the same stems; None when empty."""

    @classmethod
    def of(cls, articles: Sequence[Article], vocabulary: Vocabulary) -> _SentenceTable:
        parts: list[bytes] = []
        languages: list[str] = []
        counts: list[int] = []
        for article in articles:
            body = [s.text for s in article.sentences if s.kind == "body"] or [s.text for s in article.sentences]
            table = vocabulary.sentences(article.language)
            parts += [table[text].plain_ids for text in body]
            languages += [article.language] * len(body)
            counts.append(len(body))
        numbers, tokens, _ = vocabulary.stem_numbers(parts, languages)
        n_sentences = len(parts)
        sentence = np.repeat(np.arange(n_sentences, dtype=np.int64), tokens)
        width = int(numbers.max()) + 1 if len(numbers) else 1
        cell, first = unique_index(sentence * width + numbers)  # one per distinct stem of a sentence
        lengths = np.bincount(cell // width, minlength=n_sentences)
        kept = lengths >= _MIN_WORDS
        ordered = np.sort(first)  # first occurrences, in text order
        stems = numbers[ordered[kept[sentence[ordered]]]]
        article = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
        per_article = np.bincount(article[kept], minlength=len(counts))
        # exact-duplicate keys: each kept sentence's stems sorted (as ``cell`` is), and their counts
        sorted_stems = (cell % width)[kept[cell // width]]
        kept_lengths = lengths[kept]
        sentence_end = np.cumsum(per_article).tolist()
        stem_end = np.r_[0, np.cumsum(kept_lengths)].tolist()
        keys: list[tuple[bytes, bytes] | None] = []
        start = 0
        for end in sentence_end:
            keys.append((kept_lengths[start:end].tobytes(), sorted_stems[stem_end[start] : stem_end[end]].tobytes())
                        if end > start else None)
            start = end
        return cls(stems, kept_lengths, per_article, keys)


def _pairs(table: _SentenceTable, chosen: Sequence[int], threshold: float) -> list[tuple[int, int, float]]:
    """Pairs of the ``chosen`` articles of ``table`` (numbered by their place in ``chosen``) that are duplicates.

    Each article's nearest neighbours are shortlisted, then it is aligned
    with all its candidates at once. The alignment is :func:`aligned_share`
    done with sparse products: one product of an article's sentence vectors
    with the sentence vectors of all its candidates gives every sentence
    cosine it needs, so a story with hundreds of related articles costs one
    product per article rather than a Python loop per pair and sentence pair.
    """
    from scipy.sparse import csr_matrix

    chosen_ = np.asarray(chosen, dtype=np.int64)
    per_article = table.per_article[chosen_]
    sentence_ptr = np.r_[0, np.cumsum(table.per_article)]
    stem_ptr = np.r_[0, np.cumsum(table.lengths)]
    sentences_of = _ranges(sentence_ptr[chosen_], per_article)
    lengths = table.lengths[sentences_of]
    stems = table.stems[_ranges(stem_ptr[sentences_of], lengths)]
    if not len(stems):
        return []
    # Column numbers follow the stems' first occurrence, never their own numbers, so that they (and
    # every floating-point sum over them) depend only on the articles, and the same corpus gives the
    # same pairs in every run.
    distinct, columns = by_first_occurrence(stems)
    n, width = len(chosen_), len(distinct)
    sent_ptr = np.r_[0, np.cumsum(lengths)]
    first_sentence = np.r_[0, np.cumsum(per_article)]
    # An article's vocabulary: the distinct columns of its sentences, sorted by row then column.
    owner = np.repeat(np.repeat(np.arange(n, dtype=np.int64), per_article), lengths)
    cells = unique(owner * width + columns)
    docs = csr_matrix((np.ones(len(cells)), (cells // width, cells % width)), shape=(n, width))
    weights = np.repeat(1.0 / np.sqrt(np.maximum(1, lengths)), lengths)
    sentences = csr_matrix((weights, columns, sent_ptr), shape=(len(lengths), width))
    return _align(_shortlist(docs), n, sentences, first_sentence, threshold)


def _ranges(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """``starts[k], starts[k] + 1, ..., starts[k] + sizes[k] - 1`` for every ``k``, concatenated."""
    sizes = np.asarray(sizes, dtype=np.int64)
    return np.repeat(np.asarray(starts, dtype=np.int64) - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))


def _shortlist(docs: csr_matrix) -> np.ndarray:
    """Candidate pairs (keys ``i * n + j``, ``i < j``): each article's nearest neighbours by vocabulary.

    Vectors are the articles' stem sets weighted by idf, without the stems
    found in more than :data:`COMMON_SHARE` of the articles (they say nothing
    about copies and make the product dense). Each article keeps at most
    :data:`NEIGHBOURS` neighbours of cosine :data:`SHORTLIST` or more; a copy
    is far closer to its original than anything else, and when an article
    has more copies than that, the copies' own neighbours link the rest. So
    the alignment work grows with the corpus, not with its square.
    """
    from scipy.sparse import diags

    n = docs.shape[0]
    df = np.bincount(docs.indices, minlength=docs.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    idf[df > max(COMMON_MIN, COMMON_SHARE * n)] = 0.0
    weighted = (docs @ diags(idf)).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    unit = (diags(1.0 / norms) @ weighted)[:, df > 1]  # a stem of one article links no pair
    unit = unit.astype(np.float32).tocsr()
    transposed = unit.T.tocsc()
    rows = max(1, BLOCK_CELLS // max(1, n))
    k = min(NEIGHBOURS, n - 1)
    if k <= 0:
        return np.zeros(0, np.int64)

    def block_pairs(begin: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # Each pair once: the block's rows against the articles from ``begin`` on (the upper
        # triangle), half the products of the full square. Sparse all the way: only the pairs that
        # share a stem exist, and most of those score below the shortlist; a dense block (and its
        # partial sort) cost 40% more at 10,000 articles.
        block = (unit[begin : begin + rows] @ transposed[:, begin:]).tocoo()
        i = block.row.astype(np.int64) + begin
        j = block.col.astype(np.int64) + begin
        keep = (block.data >= SHORTLIST) & (j > i)
        return i[keep], j[keep], block.data[keep]

    # scipy's sparse product and numpy's sorts release the GIL: blocks in threads use every core,
    # and only the upper triangle is computed.
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    held = 0
    for pairs in thread_map(block_pairs, range(0, n, rows)):
        found.append(pairs)
        held += len(pairs[0])
        if held > HELD_PAIRS:  # keep memory bounded: drop what can no longer be anyone's top k
            found = [_nearest(found, n, k)]
            held = len(found[0][0])
    lower, higher, _ = _nearest(found, n, k)
    return unique(lower * n + higher)


def _nearest(found: list[tuple[np.ndarray, np.ndarray, np.ndarray]], n: int,
             k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs among ``found`` (``(i, j, score)``, ``i < j``) that are in the top ``k`` of ``i`` or of ``j``.

    Per article, best first, ties by the other's index. A pair outside both
    top ``k`` here stays outside them when more pairs come, so the shortlist
    may drop it at any time: the result is that of ranking everything at once.
    """
    lower, higher, score = (np.concatenate(parts) for parts in zip(*found))
    i, j, both = np.r_[lower, higher], np.r_[higher, lower], np.r_[score, score]  # both directions
    order = np.lexsort((j, -both, i))
    i, j, both = i[order], j[order], both[order]
    rank = np.arange(len(i)) - np.searchsorted(i, i, side="left")
    i, j, both = i[rank < k], j[rank < k], both[rank < k]
    keys, first = unique_index(np.minimum(i, j) * n + np.maximum(i, j))
    return keys // n, keys % n, both[first]


_BATCH_SENTENCES = 500
"""Sentences of the articles aligned in one sparse product.

A product also scores the batch's sentences against candidates of *other*
articles of the batch, which is wasted; smaller batches waste less, until
the per-batch overhead shows (500 was the fastest in ``bench_pipeline``).
"""


def _align(candidates: np.ndarray, n: int, sentences: csr_matrix, first_sentence: np.ndarray,
           threshold: float) -> list[tuple[int, int, float]]:
    """:func:`aligned_share` of every candidate pair (key ``i * n + j``, ``i < j``), batch by batch.

    For a batch of articles ``i``, one product of their sentence vectors with
    the sentences of all their candidates gives every sentence cosine needed.
    """
    counts = np.diff(first_sentence)
    owner = np.repeat(np.arange(n), counts)
    cand_i = candidates // n
    batches: list[tuple[np.ndarray, int, int]] = []
    begin = 0
    while begin < n:
        end = int(np.searchsorted(first_sentence, first_sentence[begin] + _BATCH_SENTENCES, side="right"))
        end = min(n, max(end - 1, begin + 1))
        lo, hi = np.searchsorted(cand_i, [begin, end])  # candidates are sorted by i
        if hi > lo:
            batches.append((candidates[lo:hi], begin, end))
        begin = end
    # scipy's sparse products and numpy's sorts release the GIL: threads use every core.
    results = thread_map(
        lambda b: _align_batch(b[0], n, b[1], b[2], sentences, first_sentence, counts, owner, threshold), batches)
    return sorted(pair for result in results for pair in result)


def _align_batch(pairs: np.ndarray, n: int, begin: int, end: int, sentences: csr_matrix, first_sentence: np.ndarray,
                 counts: np.ndarray, owner: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    others = unique(pairs % n)
    lengths = counts[others]
    starts = first_sentence[others]
    index = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
    row0 = first_sentence[begin]
    product = (sentences[row0 : first_sentence[end]] @ sentences[index].T).tocoo()
    match = product.data >= SENTENCE_MATCH - _EPS
    row_sentence = product.row[match].astype(np.int64) + row0
    col_sentence = index[product.col[match]].astype(np.int64)
    i, j = owner[row_sentence], owner[col_sentence]
    # a one-sentence article is a copy only when its sentence is (SINGLE_MATCH; the module docstring)
    strict = (np.minimum(counts[i], counts[j]) > 1) | (product.data[match] >= SINGLE_MATCH - _EPS)
    row_sentence, col_sentence, i, j = (a[strict] for a in (row_sentence, col_sentence, i, j))
    wanted = isin_sorted(i * n + j, pairs)  # pairs are sorted and distinct
    row_sentence, col_sentence, i, j = (a[wanted] for a in (row_sentence, col_sentence, i, j))
    # Per pair: how many sentences of i have a counterpart in j, and how many of j in i.
    left = unique(row_sentence * n + j)
    left_keys, left_hits = unique_counts(owner[left // n] * n + left % n)
    right = unique(col_sentence * n + i)
    right_keys, right_hits = unique_counts((right % n) * n + owner[right // n])
    found: list[tuple[int, int, float]] = []
    for key, hits in zip(left_keys.tolist(), left_hits.tolist()):
        a, b = divmod(key, n)
        if counts[a] <= counts[b]:
            share = hits / counts[a]
        else:
            position = int(np.searchsorted(right_keys, key))
            share = right_hits[position] / counts[b]
        if share >= threshold:
            found.append((a, b, float(share)))
    return found


def mark_duplicates(articles: Sequence[Article], *, vocabulary: Vocabulary | None = None) -> tuple[Article, ...]:
    """Set ``duplicate_of`` on copies and rewrites; order is kept.

    Linked articles form groups (a rewrite of a rewrite is in the same
    group: the connected components of the links); every member but the
    first by id points to that first one.
    ``vocabulary`` is the analysis's; one is made when not given.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if not articles:
        return ()
    # Articles with the very same content are linked at once and only one of them is aligned
    # with the rest: a feed that repeats one item 5,000 times costs 5,000 steps, not 12 million pairs.
    # "The very same content" is sentence by sentence the same stems, in whatever word order.
    table = _SentenceTable.of(articles, Vocabulary() if vocabulary is None else vocabulary)
    first_with: dict[tuple[bytes, bytes], int] = {}
    distinct: list[int] = []
    links: list[tuple[int, int]] = []
    for i, key in enumerate(table.keys):
        if key is not None and key in first_with:
            links.append((first_with[key], i))
        else:
            if key is not None:
                first_with[key] = i
            distinct.append(i)
    links += [(distinct[u], distinct[v]) for u, v, _ in _pairs(table, distinct, THRESHOLD)]
    n = len(articles)
    ends = np.array(links, dtype=np.int64).reshape(-1, 2)
    graph = coo_matrix((np.ones(len(ends)), (ends[:, 0], ends[:, 1])), shape=(n, n))
    _, group = connected_components(graph, directed=False)
    first: dict[int, str] = {}
    for g, article in zip(group.tolist(), articles):
        if g not in first or article.id < first[g]:
            first[g] = article.id
    marks = [first[g] if first[g] != a.id else None for g, a in zip(group.tolist(), articles)]
    # an article whose mark is already right is kept as it is: most are originals, not worth a copy
    return tuple(a if a.duplicate_of == mark else replace(a, duplicate_of=mark) for a, mark in zip(articles, marks))
