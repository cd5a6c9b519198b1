"""Refine topics after merging: k given, the best of several k-means starts; average-linkage reassignment.

Average linkage merged down to a fixed ``k`` can leave one group holding
most articles, a few tiny ones, or a stray article as a topic of its own
while two stories share one, and which pair merges first among near-ties
decides much. So with ``k`` given several partitions are made of the stories'
unit vectors (cosine geometry): k-means started from the linkage's groups;
k-means and average-linkage reassignment started from the last linkage
level (going down to ``k``) that has ``k`` groups of two articles or more (the stray articles then
join the topic they are nearest); average-linkage reassignment from the
linkage's groups; and k-means from up to :data:`KMEANS_STARTS` k-means++ seeds,
each story weighted by the square root of its articles (a wire copy
syndicated fifty times, weighted fully, pulls a k-means centre onto itself).
Where some of these partitions stand apart (best silhouette of cosine
distances at :data:`WEAK_SILHOUETTE` or more: news stories), the one that
stands apart best is kept; of those that tie on it, the one with the tightest
topics, and then split-and-merge moves (:func:`_split_merge`) mend what every
start left: one story split across two topics while two others share one.
Where none does (broad categories), the silhouette is noise: the same
seeds start k-means once more with each story weighted fully by its
articles, and the tightest topics of all win, as in KMeans. No one start
wins on every kind of corpus (the linkage on news stories, k-means on broad
even categories), and the silhouette, unlike the k-means objective, does
not favour topics of one stray article. Stories are taken in the order of
their rows, which the caller sets by content, never by file name, and every
draw is seeded: renaming the files cannot change the result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from nlp.topics.linkage import COMPLETE_UP_TO, Merger

KMEANS_STARTS = 10
"""k-means++ starts among the candidates (with ``k`` given), per weighting of the stories."""
WORK_BUDGET = 5_000_000
"""Stories times topics the other candidates may cost together; fewer of them above (only the linkage's start
for thousands of topics, where the linkage is what finds them)."""
SILHOUETTE_TIE = 0.002
"""Silhouettes this close are a tie (it is measured on few stories, or a sample): the tighter topics win."""
WEAK_SILHOUETTE = 0.065
"""Below this best silhouette no partition stands apart: broad categories fall below it, mixes of news stories
(told in headlines too) above."""
SPLIT_ROUNDS = 3
"""Rounds of split-and-merge after the choice (each tries every topic, loosest first) while one is kept."""
TRY_COST = 8
"""What one split-and-merge try costs in k-means starts (its k-means polish, reassignment and silhouettes: measured
on 10,000 articles, k = 20), so that the tries keep within :data:`WORK_BUDGET` as the starts do."""
SILHOUETTE_SAMPLE = 2000
"""Stories the silhouette is measured on at most (a seeded sample above)."""
_ROUNDS = 30


def refine_groups(
    vectors: np.ndarray,
    groups: Sequence[Sequence[int]],
    initial: Sequence[Sequence[int]],
    *,
    random_state: int = 0,
) -> list[list[int]]:
    """Regroup ``groups`` (story groups of article rows) into ``len(initial)`` topics, the best of several starts.

    Parameters
    ----------
    vectors : ndarray, shape (n_articles, d)
        Unit vectors of the articles, rows in an order that does not depend
        on ids (:class:`nlp.topics.cluster.TopicClusterer` orders them by content).
    groups : sequence of sequence of int
        Story groups: rows that always stay together (near-duplicates).
    initial : sequence of sequence of int
        The linkage's partition of the same rows into the ``k`` topics.
    random_state : int
        Seeds the k-means++ starts and the silhouette's sample of stories.

    Returns
    -------
    list of list of int
        ``k`` topics (rows), none empty, each a union of story groups.
    """
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    k = len(initial)
    if k <= 1 or k >= len(groups):
        return [sorted(m) for m in initial]
    groups = sorted(groups, key=min)
    sums = np.stack([vectors[list(g)].sum(axis=0, dtype=np.float64) for g in groups])
    weights = np.array([len(g) for g in groups], dtype=np.float64)
    units = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    if len(np.unique(units.astype(np.float32), axis=0)) <= k:
        return [sorted(m) for m in initial]  # as many distinct stories as topics: nothing to move
    story_of = np.full(len(vectors), -1, dtype=np.int64)  # rows in no group (no content words, set aside): -1
    for number, group in enumerate(groups):
        story_of[list(group)] = number
    linked = _story_labels(story_of, initial)

    def kmeans(init: np.ndarray | str, seed: int, weight: np.ndarray = weights) -> np.ndarray:
        # one thread: OpenMP's threads gain little on a few thousand stories and spin while they wait
        with threadpool_limits(limits=1, user_api="openmp"):
            fitted = KMeans(k, init=init, n_init=1, random_state=seed).fit(units, sample_weight=weight)
        return fitted.labels_

    candidates = [kmeans(_centres(units, weights, linked, k), random_state)]
    work = k * len(groups)
    if work > WORK_BUDGET:
        return _topics(groups, candidates[0], k)
    candidates.append(_reassign(units, weights, linked, k))
    substantial = _substantial(vectors, groups, k)
    if substantial is not None:
        start = _centres(units, weights, _story_labels(story_of, substantial), k)
        candidates += [kmeans(start, random_state), _reassign(units, weights, (units @ start.T).argmax(axis=1), k)]
    starts = min(KMEANS_STARTS, WORK_BUDGET // work)
    seeds = np.random.RandomState(random_state).randint(0, 2**31 - 1, size=starts)
    candidates += [kmeans("k-means++", int(seed), np.sqrt(weights)) for seed in seeds]
    sample = np.arange(len(units))
    if len(units) > SILHOUETTE_SAMPLE:
        sample = np.sort(np.random.RandomState(random_state).choice(len(units), SILHOUETTE_SAMPLE, replace=False))
    distances = np.clip(1.0 - units[sample] @ units[sample].T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    scores = [_silhouette(distances, sample, labels) for labels in candidates]
    if max(scores) >= WEAK_SILHOUETTE:  # some partition stands apart: the silhouette picks
        tied = [i for i, score in enumerate(scores) if score >= max(scores) - SILHOUETTE_TIE]
    else:  # none does: the k-means objective, over fully weighted starts too
        candidates += [kmeans("k-means++", int(seed)) for seed in seeds]
        tied = list(range(len(candidates)))
    best = max(tied, key=lambda i: _tightness(units, weights, candidates[i], k))  # the first of equals: the order above
    chosen = candidates[best]
    if max(scores) >= WEAK_SILHOUETTE:
        def score(labels: np.ndarray) -> tuple[float, float]:
            return _silhouette(distances, sample, labels), _tightness(units, weights, labels, k)

        tries = min(SPLIT_ROUNDS * k, WORK_BUDGET // (TRY_COST * work))
        chosen = _split_merge(units, weights, chosen, k, score, lambda labels: kmeans(
            _centres(units, weights, labels, k), random_state), tries=tries, random_state=random_state)
    return _topics(groups, chosen, k)


def _split_merge(
    units: np.ndarray,
    weights: np.ndarray,
    labels: np.ndarray,
    k: int,
    score: Callable[[np.ndarray], tuple[float, float]],
    polish: Callable[[np.ndarray], np.ndarray],
    *,
    tries: int,
    random_state: int,
) -> np.ndarray:
    """Split a topic in two, merge the two closest of the ``k + 1``, polish; keep it where it is better on both counts.

    Every start ends in a local optimum: one story split across two topics
    while two others share one stays so, since no single story's move mends
    it. Topics are tried loosest first (as they were when the round began),
    at most ``tries`` times in all; a result is kept only where its silhouette
    is no lower and its topics are tighter (``score`` gives both).
    """
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    best, (silhouette, tightness) = labels, score(labels)
    for _ in range(SPLIT_ROUNDS):
        sums = _topic_sums(units, weights, best, k)
        cohesion = np.linalg.norm(sums, axis=1) / np.maximum(np.bincount(best, weights=weights, minlength=k), 1e-12)
        moved = False
        for topic in np.argsort(cohesion, kind="stable").tolist():
            if tries <= 0:
                return best
            members = np.flatnonzero(best == topic)
            if len(np.unique(units[members].astype(np.float32), axis=0)) < 2:
                continue
            tries -= 1
            with threadpool_limits(limits=1, user_api="openmp"):
                halves = KMeans(2, n_init=1, random_state=random_state).fit(
                    units[members], sample_weight=weights[members]).labels_
            trial = best.copy()
            trial[members[halves == 1]] = k
            sums = _topic_sums(units, weights, trial, k + 1)
            gram = sums @ sums.T
            norms = np.sqrt(np.maximum(np.diag(gram), 0.0))
            loss = norms[:, None] + norms[None, :] - np.sqrt(np.maximum(
                norms[:, None] ** 2 + norms[None, :] ** 2 + 2 * gram, 0.0))  # what merging two costs in tightness
            loss[np.tril_indices(k + 1)] = np.inf
            loss[topic, k] = np.inf  # not the halves just made
            a, b = np.unravel_index(int(np.argmin(loss)), loss.shape)
            trial[trial == b] = a
            trial[trial == k] = b
            for polished in (polish(trial), _reassign(units, weights, trial, k)):
                if len(np.unique(polished)) < k:
                    continue
                new_silhouette, new_tightness = score(polished)
                if new_silhouette >= silhouette and new_tightness > tightness + 1e-9:
                    best, silhouette, tightness, moved = polished, new_silhouette, new_tightness, True
                    break
        if not moved:
            break
    return best


def _tightness(units: np.ndarray, weights: np.ndarray, labels: np.ndarray, k: int) -> float:
    """Spherical k-means' objective: the summed lengths of the topics' weighted sums of unit vectors."""
    return float(np.linalg.norm(_topic_sums(units, weights, labels, k), axis=1).sum())


def _topics(groups: Sequence[Sequence[int]], labels: np.ndarray, k: int) -> list[list[int]]:
    """The rows of each of the ``k`` topics the stories are labelled with, empty topics left out."""
    topics: list[list[int]] = [[] for _ in range(k)]
    for group, label in zip(groups, labels.tolist()):
        topics[label].extend(group)
    return [sorted(t) for t in topics if t]


def _story_labels(story_of: np.ndarray, partition: Sequence[Sequence[int]]) -> np.ndarray:
    """The topic number of each story, from a partition of (some of) the rows; -1 for stories in none."""
    labels = np.full(int(story_of.max()) + 1, -1, dtype=np.int64)
    for number, member in enumerate(partition):
        labels[story_of[list(member)]] = number
    return labels


def _centres(units: np.ndarray, weights: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Unit centres of the ``k`` topics of ``labels`` (stories labelled -1 left out)."""
    placed = labels >= 0
    centres = _topic_sums(units[placed], weights[placed], labels[placed], k)
    return centres / np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-12)


def _topic_sums(units: np.ndarray, weights: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Weighted sums of the stories' unit vectors per topic (k x d)."""
    from scipy.sparse import csr_matrix

    spread = csr_matrix((weights, (labels, np.arange(len(labels)))), shape=(k, len(labels)))
    return np.asarray(spread @ units)


def _substantial(vectors: np.ndarray, groups: Sequence[Sequence[int]], k: int) -> list[list[int]] | None:
    """The ``k`` groups of two articles or more at the last linkage level (going down to ``k``) that has them.

    ``None`` when that level is the ``k`` groups themselves, when no level has
    them, or above :data:`~nlp.topics.linkage.COMPLETE_UP_TO` stories (the
    exact linkage, run once more here, is quick only below).
    """
    if len(groups) > COMPLETE_UP_TO:
        return None
    merger = Merger(vectors, [list(g) for g in groups], threshold=None, target=k)
    merger.run(1, None)
    sizes = [len(g) for g in groups]
    several = sum(1 for size in sizes if size > 1)
    last = 0 if several >= k else -1  # merges done at the last level with ``k`` groups of two or more
    for step, (a, b) in enumerate(merger.merges, start=1):
        several += 1 - (sizes[a] > 1) - (sizes[b] > 1)
        sizes.append(sizes[a] + sizes[b])
        if several >= k:
            last = step
    if last < 0 or last == len(merger.merges):
        return None
    members: list[list[int] | None] = [list(g) for g in groups]
    for a, b in merger.merges[:last]:
        members.append(members[a] + members[b])  # type: ignore[operator]
        members[a] = members[b] = None
    return [m for m in members if m is not None and len(m) > 1][:k]


def _reassign(units: np.ndarray, weights: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Move each story to the topic its mean cosine to the other stories is highest, until none moves.

    Average linkage's own rule, where k-means compares a story with a topic's centre.
    """
    labels = labels.copy()
    self_dot = weights  # a unit vector times its weight, dotted with itself
    for _ in range(_ROUNDS):
        sums = _topic_sums(units, weights, labels, k)
        sizes = np.bincount(labels, weights=weights, minlength=k)
        own = np.zeros((len(units), k), dtype=bool)
        own[np.arange(len(units)), labels] = True
        dots = units @ sums.T - np.where(own, self_dot[:, None], 0.0)
        rest = sizes[None, :] - np.where(own, weights[:, None], 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = np.where(rest > 0, dots / rest, -np.inf)
        moved = mean.argmax(axis=1)
        if len(np.unique(moved)) < k or (moved == labels).all():
            break
        labels = moved
    return labels


def _silhouette(distances: np.ndarray, sample: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette of the sampled stories under cosine distance; -1 for fewer than two topics among them."""
    from sklearn.metrics import silhouette_score

    if len(np.unique(labels[sample])) < 2:
        return -1.0
    return float(silhouette_score(distances, labels[sample], metric="precomputed"))


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
