"""Refine a partition of story groups with k-means on their unit vectors, keeping the best of several starts.

Average linkage merged down to a fixed ``k`` can leave one group holding
most articles and a few tiny ones, and which pair merges first among
near-ties decides much. k-means on the unit vectors (cosine geometry, as
spherical k-means) moves each story to the topic whose centre it is most
alike, so it repairs both; started from the linkage's own groups and from a
few k-means++ seeds, the start whose result fits best (least inertia) wins.
Stories are taken in the order of their rows, which the caller sets by
content, never by file name, so renaming the files cannot change the result.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

N_INIT = 4
"""k-means++ starts tried besides the linkage's own groups."""


def refine_groups(
    vectors: np.ndarray,
    groups: Sequence[Sequence[int]],
    initial: Sequence[Sequence[int]],
    *,
    random_state: int = 0,
) -> list[list[int]]:
    """Regroup ``groups`` (story groups of article rows) into ``len(initial)`` topics by k-means.

    Parameters
    ----------
    vectors : ndarray, shape (n_articles, d)
        Unit vectors of the articles, rows in an order that does not depend
        on ids (:class:`nlp.topics.cluster.TopicClusterer` orders them by content):
        the k-means++ seeds follow it.
    groups : sequence of sequence of int
        Story groups: rows that always stay together (near-duplicates).
    initial : sequence of sequence of int
        A partition of the same rows into the ``k`` topics to start from.
    random_state : int
        Seed of the k-means++ starts.

    Returns
    -------
    list of list of int
        ``k`` topics (rows), none empty, each a union of story groups.
    """
    from sklearn.cluster import KMeans

    k = len(initial)
    if k <= 1 or k >= len(groups):
        return [sorted(m) for m in initial]
    groups = sorted(groups, key=min)
    sums = np.stack([vectors[list(g)].sum(axis=0, dtype=np.float64) for g in groups])
    weights = np.array([len(g) for g in groups], dtype=np.float64)
    units = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    if len(np.unique(units.astype(np.float32), axis=0)) <= k:
        return [sorted(m) for m in initial]  # as many distinct stories as topics: nothing to move
    topic_of = np.empty(len(vectors), dtype=np.int64)
    for number, member in enumerate(initial):
        topic_of[list(member)] = number
    start = np.zeros((k, units.shape[1]))
    np.add.at(start, topic_of[[g[0] for g in groups]], units * weights[:, None])
    start /= np.maximum(np.linalg.norm(start, axis=1, keepdims=True), 1e-12)
    candidates = [
        KMeans(k, init=start, n_init=1, random_state=random_state).fit(units, sample_weight=weights),
        KMeans(k, init="k-means++", n_init=N_INIT, random_state=random_state).fit(units, sample_weight=weights),
    ]
    best = min(candidates, key=lambda model: model.inertia_)
    topics: list[list[int]] = [[] for _ in range(k)]
    for group, label in zip(groups, best.labels_.tolist()):
        topics[label].extend(group)
    return [sorted(t) for t in topics if t]
