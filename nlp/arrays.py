"""Distinct values of integer arrays, by sorting.

numpy 2.3 moved :func:`numpy.unique` to a hash table, which is far slower on the
large, spread-out integer keys the pipeline makes (pair and cell codes such as
``row * width + column``) than a sort and a comparison. These
helpers return exactly what ``np.unique`` returns (sorted values, counts,
first positions), whichever numpy is installed.
"""

from __future__ import annotations

import numpy as np


def _starts(ordered: np.ndarray) -> np.ndarray:
    """Mask of the first element of each run of equal values in a sorted array."""
    flags = np.empty(len(ordered), dtype=bool)
    if len(ordered):
        flags[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=flags[1:])
    return flags


def unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values of a 1-D array (``np.unique(values)``)."""
    ordered = np.sort(np.asarray(values).ravel())
    return ordered[_starts(ordered)]


def unique_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and how often each occurs (``np.unique(values, return_counts=True)``)."""
    ordered = np.sort(np.asarray(values).ravel())
    first = np.flatnonzero(_starts(ordered))
    return ordered[first], np.diff(np.r_[first, len(ordered)])


def _dense(values: np.ndarray) -> bool:
    """True when ``values`` are integers from 0 to about twice their number: a table indexed by value is cheap."""
    return (values.dtype.kind in "iu" and len(values) > 0 and int(values.min()) >= 0
            and int(values.max()) < 2 * len(values) + (1 << 16))


def unique_index(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and where each first occurs (``np.unique(values, return_index=True)``).

    Numbers of stems and spellings are small integers: for them a table
    indexed by value keeps each value's least position, no sort needed.
    """
    values = np.asarray(values).ravel()
    if _dense(values):
        least = np.full(int(values.max()) + 1, len(values), dtype=np.intp)
        np.minimum.at(least, values, np.arange(len(values), dtype=np.intp))
        distinct = np.flatnonzero(least < len(values))
        return distinct.astype(values.dtype, copy=False), least[distinct]
    order = np.argsort(values, kind="stable")
    first = order[_starts(values[order])]
    return values[first], first


def by_first_occurrence(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values in the order they first occur, and each value's place in that order.

    What numbering the values as they come gives (``{v: i}`` filled in
    order), without a Python loop: ``order[place[k]] == values[k]``.
    """
    values = np.asarray(values).ravel()
    distinct, first = unique_index(values)
    by_first = np.argsort(first, kind="stable")
    order = distinct[by_first]
    ranks = np.arange(len(distinct), dtype=np.int64)
    if _dense(values):  # a table indexed by value, no binary search
        table = np.empty(int(values.max()) + 1, dtype=np.int64)
        table[order] = ranks
        return order, table[values]
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[by_first] = ranks
    return order, rank[np.searchsorted(distinct, values)]


def isin_sorted(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """``np.isin(values, ordered)`` for an ``ordered`` that is sorted and distinct, by binary search."""
    if not len(ordered):
        return np.zeros(np.shape(values), dtype=bool)
    at = np.minimum(np.searchsorted(ordered, values), len(ordered) - 1)
    return ordered[at] == values


def run_starts(*columns: np.ndarray) -> np.ndarray:
    """Indices where a run of equal rows (over ``columns``, sorted) starts."""
    if not len(columns[0]):
        return np.zeros(0, dtype=np.int64)
    change = np.zeros(len(columns[0]), dtype=bool)
    change[0] = True
    for column in columns:
        change[1:] |= column[1:] != column[:-1]
    return np.flatnonzero(change)


def reduce_runs(ufunc: np.ufunc, values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """``ufunc`` over each run of ``values`` that begins at ``starts`` (:func:`run_starts`); empty when none."""
    return ufunc.reduceat(values, starts) if len(starts) else values[:0]
