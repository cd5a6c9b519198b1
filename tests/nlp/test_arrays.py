"""nlp.arrays: the sort-based helpers give exactly what numpy.unique and numpy.isin give."""

import numpy as np
import pytest

from nlp.arrays import isin_sorted, unique, unique_counts, unique_index


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("size", [0, 1, 2, 50, 5000])
def test_same_as_numpy(seed: int, size: int) -> None:
    rng = np.random.default_rng(seed)
    values = rng.integers(-(10**12), 10**12, size) if seed % 2 else rng.integers(0, 30, size)
    if seed == 4:  # small non-negative numbers in int32, as stem ids are
        values = rng.integers(0, 3 * size + 5, size).astype(np.int32)
    assert np.array_equal(unique(values), np.unique(values))
    got, counts = unique_counts(values)
    want, want_counts = np.unique(values, return_counts=True)
    assert np.array_equal(got, want) and np.array_equal(counts, want_counts)
    got, first = unique_index(values)
    want, want_first = np.unique(values, return_index=True)
    assert np.array_equal(got, want) and np.array_equal(first, want_first)
    ordered = np.unique(rng.integers(-(10**12), 10**12, 40) if seed % 2 else rng.integers(0, 30, 10))
    probe = np.r_[values, ordered, ordered + 1]
    assert np.array_equal(isin_sorted(probe, ordered), np.isin(probe, ordered))
    assert not isin_sorted(probe, ordered[:0]).any()


@pytest.mark.parametrize("dense", [True, False])
def test_numbering_by_first_occurrence_is_a_dictionary_filled_in_order(dense: bool) -> None:
    from nlp.arrays import by_first_occurrence

    rng = np.random.default_rng(7)
    values = rng.integers(0, 400, 3000) if dense else rng.integers(-(10**12), 10**12, 50).repeat(7)
    numbering: dict[int, int] = {}
    for v in values.tolist():
        numbering.setdefault(v, len(numbering))
    order, place = by_first_occurrence(values)
    assert order.tolist() == list(numbering)
    assert place.tolist() == [numbering[v] for v in values.tolist()]
