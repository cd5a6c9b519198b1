"""Refine topics after merging: k-means from the linkage's groups (k given), and average-linkage reassignment.

Average linkage merged down to a fixed ``k`` can leave one group holding
most articles and a few tiny ones, and which pair merges first among
near-ties decides much. k-means on the unit vectors (cosine geometry, as
spherical k-means), started from the linkage's own groups, moves each story
to the topic whose centre it is most alike, so it repairs both. It starts
from the linkage rather than from k-means++ seeds: on broad categories the
seeded runs reach a lower inertia with topics far from the categories, so
inertia cannot choose between them, and the linkage start keeps what the
merging found. Stories are taken in the order of their rows, which the
caller sets by content, never by file name, so renaming the files cannot
change the result.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


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
        on ids (:class:`nlp.topics.cluster.TopicClusterer` orders them by content).
    groups : sequence of sequence of int
        Story groups: rows that always stay together (near-duplicates).
    initial : sequence of sequence of int
        A partition of the same rows into the ``k`` topics to start from.
    random_state : int
        Passed to k-means (which, started from given centres, draws nothing).

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
    best = KMeans(k, init=start, n_init=1, random_state=random_state).fit(units, sample_weight=weights)
    topics: list[list[int]] = [[] for _ in range(k)]
    for group, label in zip(groups, best.labels_.tolist()):
        topics[label].extend(group)
    return [sorted(t) for t in topics if t]


def settle_groups(
    vectors: np.ndarray, groups: Sequence[Sequence[int]], members: list[list[int]], *, rounds: int = 3
) -> list[list[int]]:
    """Move each story to the topic its articles are most alike on average, where that is not its own.

    Merging joins a story to a group by what the group was at the time; the
    topic it ends in may have grown towards another story. A few rounds of
    this average-linkage reassignment (mean cosine of the story's articles to
    the other articles of each topic) put it where its content belongs. Only
    topics (two stories or more) take part; a topic left with one story
    stays as it is.
    """
    story_of = np.full(len(vectors), -1, dtype=np.int64)
    for number, group in enumerate(groups):
        story_of[list(group)] = number
    rows = np.flatnonzero(story_of >= 0)
    sums = np.zeros((len(groups), vectors.shape[1]))
    np.add.at(sums, story_of[rows], vectors[rows].astype(np.float64))
    sizes = np.bincount(story_of[rows], minlength=len(groups)).astype(np.float64)
    topics = [sorted({int(story_of[i]) for i in m}) for m in members]
    movable = [t for t, stories in enumerate(topics) if len(stories) > 1]
    if len(movable) < 2:
        return members
    topic_of = np.full(len(groups), -1, dtype=np.int64)
    for t in movable:
        topic_of[topics[t]] = t
    stories = np.flatnonzero(topic_of >= 0)
    columns = np.array(movable, dtype=np.int64)
    for _ in range(rounds):
        t_sums = np.zeros((len(members), sums.shape[1]))
        np.add.at(t_sums, topic_of[stories], sums[stories])
        t_sizes = np.bincount(topic_of[stories], weights=sizes[stories], minlength=len(members))
        dots = sums[stories] @ t_sums[columns].T  # story x topic
        own = topic_of[stories][:, None] == columns[None, :]
        rest = t_sizes[columns][None, :] - np.where(own, sizes[stories][:, None], 0.0)
        dots -= np.where(own, (sums[stories] * sums[stories]).sum(axis=1)[:, None], 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = np.where(rest > 0, dots / (sizes[stories][:, None] * rest), -np.inf)
        best = columns[mean.argmax(axis=1)]
        current = mean[own.nonzero()[0], own.nonzero()[1]] if own.any() else np.zeros(0)
        better = (best != topic_of[stories]) & (mean.max(axis=1) > current + 1e-9)
        if not better.any():
            break
        topic_of[stories[better]] = best[better]
    fixed = set(movable)
    out = [m for t, m in enumerate(members) if t not in fixed]
    for t in movable:
        moved = [i for s in np.flatnonzero(topic_of == t).tolist() for i in groups[s]]
        if moved:
            out.append(sorted(moved))
    return out
