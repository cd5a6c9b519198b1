"""Average-linkage merging of groups of unit vectors over nearest-neighbour candidate edges."""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable, Iterable
from itertools import repeat

import numpy as np

from nlp.run.cancel import CancelToken, check

COPIES = 0.5
"""Inner similarity a group's bar counts at most: a group more alike inside is copies dedup missed, not reports."""
NAMED_LEAST = 3
"""Names (an article naming one counts once) a group needs for its names to bar a merge (:class:`Merger`)."""
COMPLETE_UP_TO = 400
"""Up to this many groups every pair is a candidate (exact UPGMA); above, nearest neighbours."""
_BLOCK = 1024
_BLOCK_CELLS = 1 << 22


def merge_groups(
    vectors: np.ndarray,
    groups: list[list[int]],
    threshold: float | None,
    target: int,
    n_neighbors: int,
    cohesion: float = 0.0,
    headlines: np.ndarray | None = None,
    names: object = None,
    names_apart: float = 0.0,
    cancel: CancelToken | None = None,
) -> list[list[int]]:
    """The groups :class:`Merger` ends with; plain data in and out, so that a worker process can run it.

    ``headlines`` marks the groups that are headlines alone, which face no cohesion bar (see :class:`Merger`).
    """
    merger = Merger(vectors, groups, threshold=threshold, target=target, cohesion=cohesion, headlines=headlines,
                    names=names, names_apart=names_apart)
    merger.run(n_neighbors, cancel)
    return merger.groups()


class Merger:
    """Average-linkage merging over candidate edges, with exact group similarities from vector sums.

    The pairs alike enough wait in one sorted list per group (its candidates
    when it was linked); a heap holds the head of each list. Popping the
    least head is popping the most alike pair of all, as one heap of every
    pair would, without pushing and popping each pair: pairs whose partner
    merged meanwhile are skipped in bulk.

    ``cohesion`` also bars a pair of groups of several stories whose mean
    similarity is below that share of the looser group's own: the mean
    similarity of its stories to each other, at most :data:`COPIES`. Two
    events of one kind (two elections, two earthquakes) share the kind's
    words and clear the bar the whole corpus sets, but each event's reports
    are far more alike among themselves than to the other event's. A lone
    story is no event to keep apart: it faces the corpus bar alone, and
    average linkage puts it where it is most alike (a headline beside its
    story's wire copies, far more alike to each other than to it). Nor does
    a group of ``headlines`` alone (a feed's titles without text): a story
    told in headlines splits into its outlets' wordings, each a wire line
    and its rewrites, far more alike among themselves than to another
    outlet's line of the same story, and the bar would keep them apart.

    ``names`` (a sparse row per group: how many of its articles name each
    name) bars, from ``names_apart``, the pairs of groups of several stories
    whose names are less alike than that, where both name :data:`NAMED_LEAST`
    or more: two events of one kind share the kind's words but not their
    people and places (Chile's earthquake and Haiti's), while the reports of
    one event, from any angle, share its names.
    """

    def __init__(
        self,
        vectors: np.ndarray,
        groups: list[list[int]],
        *,
        threshold: float | None,
        target: int,
        cohesion: float = 0.0,
        headlines: np.ndarray | None = None,
        names: object = None,
        names_apart: float = 0.0,
    ) -> None:
        self.floor = -np.inf if threshold is None else threshold - 1e-6
        self.cohesion = cohesion
        self.names_apart = names_apart if names is not None else 0.0
        # per group: its names (name columns, sorted, and how many of its articles name each), how many
        # it names in all, and their squared norm; a row of every name column, zero between uses
        self.names: list[tuple[np.ndarray, np.ndarray]] = []
        self.named = np.zeros(max(1, 2 * len(groups)), dtype=np.float64)
        self.name_squares = np.zeros(max(1, 2 * len(groups)), dtype=np.float64)
        if self.names_apart:
            rows = names.tocsr().sorted_indices()  # type: ignore[attr-defined]  # a copy: a worker's are read-only
            for number in range(len(groups)):
                start, end = rows.indptr[number], rows.indptr[number + 1]
                self.names.append((rows.indices[start:end].astype(np.int64), rows.data[start:end].astype(np.float64)))
            self.named[: len(groups)] = np.asarray(rows.sum(axis=1)).ravel()
            self.name_squares[: len(groups)] = np.asarray(rows.multiply(rows).sum(axis=1)).ravel()
            self.name_row = np.zeros(rows.shape[1], dtype=np.float64)
        self.target = target
        capacity = max(1, 2 * len(groups))  # every merge makes one new group
        self.sums = np.zeros((capacity, vectors.shape[1]), dtype=np.float64)
        self.sizes = np.zeros(capacity, dtype=np.float64)
        for number, group in enumerate(groups):
            self.sums[number] = vectors[group].sum(axis=0, dtype=np.float64)
            self.sizes[number] = len(group)
        # per group: its stories' squared sums and sizes, and its inner similarity (inf for one story)
        self.inner = np.einsum("ij,ij->i", self.sums, self.sums)
        self.squares = self.sizes**2
        self.bar = np.full(capacity, np.inf)
        self.headlines = np.zeros(capacity, dtype=bool)  # per group: all its stories are headlines alone
        if headlines is not None:
            self.headlines[: len(groups)] = headlines
        self.live = np.zeros(capacity, dtype=bool)
        self.live[: len(groups)] = True
        self.members: list[list[int] | None] = [list(g) for g in groups]
        self.alive = len(groups)
        self.neighbours: list[set[int]] = [set() for _ in groups]
        # per group: its candidate pairs by (-similarity, lower id, higher id), and how far they are used
        self.pairs: list[tuple[np.ndarray, np.ndarray, np.ndarray] | None] = [None] * len(groups)
        self.cursor: list[int] = [0] * len(groups)
        self.version: list[int] = [0] * len(groups)  # how often each group's pairs were re-sorted
        self.heap: list[tuple[float, int, int, int, int, int]] = []  # (-sim, lower, higher, owner, version, position)
        self.queued = 0
        self.merges: list[tuple[int, int]] = []
        """The pairs merged, in order; the ``i``-th made group ``len(groups) + i``."""

    def groups(self) -> list[list[int]]:
        return [sorted(m) for m in self.members if m is not None]

    def similarity(self, a: int, others: list[int] | np.ndarray) -> np.ndarray:
        return self.sums[others] @ self.sums[a] / (self.sizes[others] * self.sizes[a])

    def link(self, a: int, others: list[int], *, checked: bool = False) -> None:
        """Make ``others`` candidates for merging with ``a`` and queue the pairs alike enough.

        ``checked``: the caller knows ``others`` are live groups other than ``a``.
        """
        if not checked:
            others = [o for o in others if o != a and self.members[o] is not None]
        if not others:
            return
        index = np.array(others, dtype=np.int64)
        sims = self.similarity(a, index)
        neighbours = self.neighbours
        neighbours[a].update(others)
        _each(set.add, map(neighbours.__getitem__, others), a)
        alike = sims >= self.floor
        if self.cohesion:
            bars = self.bar[index]
            looser = np.where(np.isinf(bars) | np.isinf(self.bar[a]), np.inf, np.minimum(bars, self.bar[a]))
            alike &= (sims >= self.cohesion * looser - 1e-9) | np.isinf(looser)
        if self.names_apart and np.isfinite(self.bar[a]) and self.named[a] >= NAMED_LEAST:
            barred = np.flatnonzero(alike & np.isfinite(self.bar[index]) & (self.named[index] >= NAMED_LEAST))
            if len(barred):
                alike[barred] = self._names_alike(a, index[barred]) >= self.names_apart
        partners = index[alike]
        added = len(partners)
        if not added:
            return
        negative = -sims[alike]
        old = self.pairs[a]
        if old is not None:  # a's unused pairs join the new ones
            at = self.cursor[a]
            negative, partners = np.r_[old[0][at:], negative], np.r_[old[1][at:], partners]
        lower, higher = np.minimum(partners, a), np.maximum(partners, a)
        order = np.lexsort((higher, lower, negative))
        self.pairs[a] = (negative[order], partners[order], lower[order])
        self.cursor[a] = 0
        self.version[a] += 1
        self.queued += added
        self._push(a)

    def _names_alike(self, a: int, others: np.ndarray) -> np.ndarray:
        """Cosine of the names of group ``a`` with those of each of ``others`` (each naming some)."""
        columns, counts = self.names[a]
        self.name_row[columns] = counts
        parts = [self.names[o] for o in others.tolist()]
        starts = np.cumsum([0] + [len(p[0]) for p in parts[:-1]])
        products = self.name_row[np.concatenate([p[0] for p in parts])] * np.concatenate([p[1] for p in parts])
        self.name_row[columns] = 0.0
        return np.add.reduceat(products, starts) / np.sqrt(self.name_squares[a] * self.name_squares[others])

    def _push(self, a: int) -> None:
        """Queue ``a``'s best pair whose partner is still a group, if any."""
        negative, partners, lower = self.pairs[a]  # type: ignore[misc]
        at = self.cursor[a]
        while at < len(partners):
            window = self.live[partners[at : at + 64]]
            first = int(window.argmax())  # the first live partner, or 0 when none is
            if window[first]:
                at += first
                partner = int(partners[at])
                low = int(lower[at])
                heapq.heappush(self.heap, (float(negative[at]), low, a + partner - low, a, self.version[a], at))
                break
            at += len(window)
        self.cursor[a] = at

    def run(self, n_neighbors: int, cancel: CancelToken | None) -> None:
        self._connect(n_neighbors, cancel)
        while self.alive > self.target:
            merged = self._drain(cancel)
            if self.alive <= self.target:
                break
            before = self.queued
            self._connect(n_neighbors, cancel, only_new=True)
            if not merged and self.queued == before:
                break  # nothing left that is alike enough

    def _drain(self, cancel: CancelToken | None) -> int:
        merged = 0
        while self.heap and self.alive > self.target:
            _, a, b, owner, version, at = heapq.heappop(self.heap)
            if self.members[owner] is None or self.version[owner] != version or self.cursor[owner] != at:
                continue  # the owner merged, or its pairs were re-sorted since
            if self.members[a] is None or self.members[b] is None:
                self.cursor[owner] = at + 1
                self._push(owner)
                continue
            merged += 1
            if merged % 500 == 0:
                check(cancel)
            self._merge_pair(a, b)
        return merged

    def _merge_pair(self, a: int, b: int) -> None:
        new = len(self.members)
        self.merges.append((a, b))
        self.members.append(self.members[a] + self.members[b])  # type: ignore[operator]
        self.sums[new] = self.sums[a] + self.sums[b]
        self.sizes[new] = self.sizes[a] + self.sizes[b]
        self.inner[new] = self.inner[a] + self.inner[b]
        self.squares[new] = self.squares[a] + self.squares[b]
        pairs = self.sizes[new] ** 2 - self.squares[new]  # two articles of different stories
        self.headlines[new] = self.headlines[a] and self.headlines[b]
        if self.names_apart:
            columns, where = np.unique(np.concatenate([self.names[a][0], self.names[b][0]]), return_inverse=True)
            counts = np.bincount(where, weights=np.concatenate([self.names[a][1], self.names[b][1]]))
            self.names.append((columns, counts))
            self.names[a] = self.names[b] = (columns[:0], counts[:0])  # gone with the groups
            self.named[new] = self.named[a] + self.named[b]
            self.name_squares[new] = float(counts @ counts)
        inner = (self.sums[new] @ self.sums[new] - self.inner[new]) / pairs
        self.bar[new] = np.inf if self.headlines[new] else min(COPIES, inner)
        self.neighbours.append(set())
        self.pairs.append(None)
        self.cursor.append(0)
        self.version.append(0)
        neighbours = self.neighbours
        around = (neighbours[a] | neighbours[b]) - {a, b}
        for old in (a, b):
            self.members[old] = None
            self.pairs[old] = None
            _each(set.discard, map(neighbours.__getitem__, neighbours[old]), old)
            neighbours[old] = set()
            self.live[old] = False
        self.live[new] = True
        self.alive -= 1
        self.link(new, sorted(around), checked=True)

    def _connect(self, n_neighbors: int, cancel: CancelToken | None, *, only_new: bool = False) -> None:
        """Link every live group to its nearest live groups (all of them when few are left)."""
        live = [i for i, m in enumerate(self.members) if m is not None]
        if len(live) < 2:
            return
        centroids = (self.sums[live] / self.sizes[live][:, None]).astype(np.float32)
        if len(live) <= COMPLETE_UP_TO:
            for row, a in enumerate(live):
                later = [b for b in live[row + 1 :] if not (only_new and b in self.neighbours[a])]
                self.link(a, later)
            return
        k = min(n_neighbors, len(live) - 1)
        height = max(1, min(_BLOCK, _BLOCK_CELLS // len(live)))  # a block and its ranks: ~50 MB at most
        for start in range(0, len(live), height):
            check(cancel)
            block = centroids[start : start + height] @ centroids.T
            rows = np.arange(block.shape[0])
            block[rows, start + rows] = -np.inf
            for row, others in enumerate(np.asarray(live)[_nearest(block, k)].tolist()):
                a = live[start + row]
                if only_new:
                    others = [o for o in others if o not in self.neighbours[a]]
                self.link(a, others)


def _each(method: Callable[[set[int], int], object], sets: Iterable[set[int]], value: int) -> None:
    """``method(s, value)`` for every set ``s``: the loop runs in C (half a million calls per 10,000 articles)."""
    deque(map(method, sets, repeat(value)), maxlen=0)


def _nearest(block: np.ndarray, k: int) -> np.ndarray:
    """The columns of each row's ``k`` largest entries, ascending; of equal entries, the lower columns.

    ``block`` is float32 and ``k`` less than its width. Each row's ``k``-th
    largest entry among a sample of its columns (every eighth, or more often
    in narrow blocks) is a lower bound of its ``k``-th largest of all, so only
    the entries at or above it (about 8 ``k``) are sorted, far fewer than
    ``np.argpartition`` of every row would touch. Unlike ``np.argpartition``,
    which leaves equal entries in an order of its own, ties always go to the
    lower column, so the merge never depends on that order.
    """
    height, width = block.shape
    stride = max(1, min(8, width // (k + 1)))  # k + 1 columns at least: one may be -inf (the diagonal)
    sample = block[:, ::stride]
    bound = np.partition(sample, sample.shape[1] - k, axis=1)[:, sample.shape[1] - k, None]
    flat = np.flatnonzero(block >= bound)
    rows, columns = np.divmod(flat, width)
    # One stable sort by row, then by entry, largest first. The key holds the entry exactly: a
    # float32's bits, made to order as the values do (-0.0 is first made +0.0, its equal).
    bits = (block.ravel()[flat] + np.float32(0.0)).view(np.int32).astype(np.int64)
    ordered = np.where(bits < 0, bits ^ 0x7FFFFFFF, bits)
    order = np.argsort((rows << 32) - ordered, kind="stable")  # among equal entries the lower column stays first
    starts = np.searchsorted(rows, np.arange(height))
    nearest = columns[order[starts[:, None] + np.arange(k)]]
    nearest.sort(axis=1)
    return nearest
