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

Pairs are first shortlisted by the cosine of their whole vocabularies (a
sparse matrix product), so only plausible pairs are aligned.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from nlp.language import stemmer, stop_words
from nlp.sentences import words
from nlp.types import Article

SENTENCE_MATCH = 0.5
"""Cosine of two sentences' content-word sets above which they correspond."""
THRESHOLD = 0.6
"""Share of the shorter article's sentences with a counterpart that makes a duplicate."""
SHORTLIST = 0.2
"""Whole-vocabulary cosine below which a pair is not even aligned."""
_MIN_WORDS = 3


def stem_words(text: str, language: str = "english") -> list[str]:
    """Stemmed content words of ``text`` (stop words removed)."""
    stops = stop_words(language)
    stem = stemmer(language)
    return [stem(w) for w in (w.lower() for w in words(text)) if w not in stops and not w.isdigit()]


def _sentence_sets(article: Article) -> list[frozenset[str]]:
    body = [s.text for s in article.sentences if s.kind == "body"] or [s.text for s in article.sentences]
    sets = [frozenset(stem_words(text, article.language)) for text in body]
    return [s for s in sets if len(s) >= _MIN_WORDS]


def aligned_share(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]) -> float:
    """Share of the shorter list's sentences that have a counterpart in the other list."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    matched = 0
    for left in a:
        for right in b:
            common = len(left & right)
            if common and common >= SENTENCE_MATCH * math.sqrt(len(left) * len(right)):
                matched += 1
                break
    return matched / len(a)


def duplicate_pairs(articles: Sequence[Article], *, threshold: float = THRESHOLD) -> list[tuple[int, int, float]]:
    """Return ``(i, j, share)`` for every pair of near-duplicate articles (``i < j``)."""
    return _pairs([_sentence_sets(a) for a in articles], threshold)


_BLOCK = 2_000
"""Rows of the shortlist product computed at once: memory stays ``_BLOCK x n``, never ``n x n``."""


def _pairs(sentence_sets: Sequence[list[frozenset[str]]], threshold: float) -> list[tuple[int, int, float]]:
    from scipy.sparse import csr_matrix, triu

    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    sizes: list[int] = []
    for row, sets in enumerate(sentence_sets):
        words = frozenset().union(*sets) if sets else frozenset()
        sizes.append(max(1, len(words)))
        for word in words:
            rows.append(row)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
    if not vocabulary:
        return []
    matrix = csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(len(sentence_sets), len(vocabulary)))
    transposed = matrix.T.tocsc()
    pairs: list[tuple[int, int, float]] = []
    for begin in range(0, matrix.shape[0], _BLOCK):
        common = triu(matrix[begin : begin + _BLOCK] @ transposed, k=begin + 1).tocoo()
        for i, j, shared in zip(common.row + begin, common.col, common.data):
            if shared < SHORTLIST * math.sqrt(sizes[i] * sizes[j]):
                continue
            share = aligned_share(sentence_sets[i], sentence_sets[j])
            if share >= threshold:
                pairs.append((int(i), int(j), share))
    return sorted(pairs)


def mark_duplicates(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Set ``duplicate_of`` on copies and rewrites; order is kept.

    Linked articles form groups (a rewrite of a rewrite is in the same
    group); every member but the first by id points to that first one.
    """
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Articles with the very same content are linked at once and only one of them is aligned
    # with the rest: a feed that repeats one item 5,000 times costs 5,000 steps, not 12 million pairs.
    sentence_sets = [_sentence_sets(a) for a in articles]
    first_with: dict[tuple[frozenset[str], ...], int] = {}
    unique: list[int] = []
    for i, sets in enumerate(sentence_sets):
        key = tuple(sets)
        if key and key in first_with:
            parent[i] = first_with[key]
        else:
            first_with.setdefault(key, i)
            unique.append(i)
    for u, v, _ in _pairs([sentence_sets[i] for i in unique], THRESHOLD):
        a, b = root(unique[u]), root(unique[v])
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(articles)):
        groups.setdefault(root(i), []).append(i)
    first = {i: min((articles[m].id for m in members)) for members in groups.values() for i in members}
    return tuple(
        replace(a, duplicate_of=first[i] if first[i] != a.id else None) for i, a in enumerate(articles)
    )
