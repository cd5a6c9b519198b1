"""Topic clustering: TF-IDF vectors, average-linkage merging, an automatic stopping point.

Algorithm, and why
------------------
Articles are TF-IDF vectors (sublinear term frequency, L2-normalised) over
the stemmed content words that dedup and the summarisers use; the title's
words count ``title_weight`` times (:mod:`nlp.topics.vectors` makes them).
Near-duplicates start as one group.

Groups are then merged by **average linkage on cosine similarity** (UPGMA):
always the two groups whose articles are most alike on average, until no
pair is alike enough. Average linkage neither chains unrelated articles
through one bridge (single linkage) nor forces round clusters of equal size
(k-means), and it needs no number of clusters. On unit vectors the mean
pairwise cosine of two groups is ``sum_a . sum_b / (n_a * n_b)``, so a group
is just its vector sum and its size, and a merge is exact and O(d).

*Scale.* The full distance matrix of 10,000 articles is 400-800 MB, so we
never build it. Vectors are reduced to ``n_components`` dimensions by LSA
(TruncatedSVD; below that many articles an exact factorisation of the Gram
matrix, so nothing is lost), each article's ``n_neighbors`` nearest articles
are found block by block, and only groups joined by such an edge are
candidates; when no candidate is left, the nearest remaining groups are
linked again and merging goes on, so the result stays close to exact
UPGMA. The pairs alike enough wait in one sorted list per group, and only
each list's best pair sits in the heap, so a pair whose partner has merged
meanwhile is skipped in bulk rather than popped. Memory is
O(n * (d + n_neighbors)); 10,000 articles take about three seconds
(``tests/benchmarks/bench_cluster.py``, ``bench_pipeline.py``). The merging is
:class:`nlp.topics.linkage.Merger`.

*When to stop.* Two groups merge while their mean similarity ``s`` stands
clearly above the corpus's *background* similarity ``b``, the median
similarity of two articles of different stories:
``1 - s <= (1 - b) ** ratio``. For small values this is ``s >= ratio * b``
("``ratio`` times as alike as two articles picked at random"), and it stays
below 1 for any ``b``. A relative criterion is what lets one rule hold from 5
to 10,000 articles and for any mix: in a corpus of unrelated stories ``b`` is
low (0.03 for MultiLing) and articles on one ongoing story group together; in
a corpus all about one theme ``b`` is high and only articles on the same
event stand out. With few articles ``b`` is uncertain, so ``PRIOR_PAIRS``
pseudo-pairs at ``PRIOR_BACKGROUND`` (the median cosine of two unrelated
English news articles, measured on MultiLing) join the median, and below
four stories the prior stands alone. ``granularity`` sets ``ratio``: 1.2
at 0 (broad topics), 2.75 at 0.5, 5.5 at 1 (tight stories).

A bar set by the whole corpus cannot tell two events of one kind apart (two
elections, two earthquakes: their reports share the kind's words, far more
than two random articles do). So a merge must also clear a bar set by the
groups themselves: their mean similarity must reach ``COHESION`` times the
looser group's inner similarity (that of two of its articles of different
stories); a lone story faces no such bar, nor do headlines alone (a story
told in headlines splits into its outlets' wordings, see
:class:`~nlp.topics.linkage.Merger`). ``granularity`` scales it: none at 0,
where events of one theme may gather, ``COHESION`` at 0.5, twice that at 1.
Two earthquakes' reports can be as alike as that and still be two events;
what tells them apart is their names, the places and people each report
names (:attr:`~nlp.text.vocabulary.Terms.names`). So two groups of several
stories that both name some also need names alike (``NAMES_APART``, scaled
by ``granularity`` the same way).

*After merging.* Each story then moves to the topic whose articles it is
most alike on average, if that is not its own (a story joined a group as
it was then; the topic may have grown elsewhere). A corpus all about one
story has no background to stand out from, so it is also measured on a
scale of its own (:mod:`nlp.topics.onestory`): when it reads as one story,
its groups are merged again on that scale down to the one-story level, so
that the story is one topic and a second story beside it keeps apart (as
do two groups of several stories far less alike than within). In a corpus
that is not one story, each branch of that scale's tree that is one story
is gathered so: a corpus of two or three stories splits each of them.

*Themes.* Towards broad themes (granularity below 0.5) the topics are then
merged once more the same way, against the background of topic pairs: the
mean similarity of two topics, with a ratio of ``RATIO`` at 0 that
rises without bound towards 0.5 (:func:`themes_ratio`). Headlines of one
theme share a word or two, below the floor of ``b``, and would stay a topic
per story; where the texts are longer, topics of different themes are as
alike as their articles are and nothing more merges.

A group left with a single article fits no topic: it goes to "Other" (label
-1), unless no topic formed at all, in which case every article is its own
topic. A fixed ``n_clusters`` merges down to exactly that many groups,
keeps the best of several k-means and reassignment runs, some started from
those groups (:mod:`nlp.topics.refine`), and leaves no "Other" (except articles with no
content words).

Rows are ordered by the articles' content, never by their ids, so neither
the reading order nor the file names decide a tie.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from nlp.run.cancel import CancelToken, Progress, check, report
from nlp.errors import NoArticlesError, OptionsError
from nlp.topics.linkage import merge_groups
from nlp.topics.onestory import MIN_STORIES, gather_one_story
from nlp.topics.refine import refine_groups, settle_groups
from nlp.topics.vectors import Vectors, content_key, vectorize
from nlp.types import Article

if TYPE_CHECKING:
    from nlp.run.workers import Schedule

PRIOR_BACKGROUND = 0.035
"""Median cosine of two unrelated news articles (MultiLing, different topics, any corpus size)."""
PRIOR_PAIRS = 3
"""Weight of that prior, in article pairs: it matters for a few stories (below four the prior stands alone)."""
RATIO = 2.75
"""Merge ratio at granularity 0.5. Quality on MultiLing is flat from 2.5 to 3.5 (bench_cluster)."""
BROADEST = 1.2
"""Merge ratio at granularity 0: groups a fifth more alike than two random articles merge (broad themes)."""
MIN_BACKGROUND = 0.02
"""Floor of ``b``: short texts may share no word at all, and a zero background would merge anything."""
COHESION = 0.4
"""At granularity 0.5, the share of the looser group's inner similarity a merge needs (:class:`~nlp.topics.linkage.Merger`)."""
NAMES_APART = 0.15
"""At granularity 0.5, the cosine of their names two groups of several stories need to merge
(:class:`~nlp.topics.linkage.Merger`): siblings of one kind reach 0-0.17, two halves of one story 0.3 or more."""
NO_THEMES = 1e-4
"""Mean similarity of two topics below which they share next to no word: no theme to gather (and the merge
threshold would be within rounding of zero)."""
_BACKGROUND_SAMPLE = 1000


def ratio_for(granularity: float) -> float:
    """The merge ratio of ``granularity``: :data:`BROADEST` at 0, :data:`RATIO` at 0.5, twice that at 1 (geometric)."""
    if granularity <= 0.5:
        return float(BROADEST * (RATIO / BROADEST) ** (2.0 * granularity))
    return float(RATIO * 2.0 ** (2.0 * granularity - 1.0))


def themes_ratio(granularity: float) -> float | None:
    """The ratio topics merge into themes by: :data:`RATIO` at 0, rising without bound to 0.5; ``None`` from there."""
    if granularity >= 0.5:
        return None
    return float(RATIO / (1.0 - 2.0 * granularity))


def cohesion_for(granularity: float) -> float:
    """The cohesion bar of ``granularity``: none at 0 (broad themes may gather events), twice :data:`COHESION` at 1."""
    return float(COHESION * 2.0 * granularity)


def names_apart_for(granularity: float) -> float:
    """The names bar of ``granularity``: none at 0, :data:`NAMES_APART` at 0.5, twice that at 1."""
    return float(NAMES_APART * 2.0 * granularity)


class TopicClusterer:
    """Group articles into topics; the number of topics is found automatically by default.

    Parameters
    ----------
    n_clusters : int or None
        Fixed number of topics, or ``None`` to stop merging automatically.
    granularity : float
        From 0.0 (a few broad topics) to 1.0 (one topic per tight news story);
        0.5 aims at news stories. Ignored when ``n_clusters`` is set.
    language : str
        Language of the stop words and stemmer.
    random_state : int
        Seed of the randomised SVD (used above ``n_components`` articles) and,
        with ``n_clusters``, of the k-means starts.
    title_weight : int
        How many times the title's words count.
    n_components : int
        Dimensions of the LSA vectors for large corpora.
    n_neighbors : int
        Nearest articles linked to each article for large corpora.

    Attributes
    ----------
    labels_ : ndarray of int, shape (n_articles,)
        Topic of each article, in input order; -1 for "Other". Topics are
        numbered by size (largest first), then by their first article id.
    n_clusters_ : int
        Number of topics, not counting "Other".
    background_ : float
        Background similarity ``b`` of the corpus (see the module docstring).
    threshold_ : float or None
        Mean cosine a merge needed; ``None`` with a fixed ``n_clusters``.
    one_story_median_ : float
        Median plain-TF cosine of the story pairs the merging put apart, which
        tells a one-story corpus (:mod:`nlp.topics.onestory`); NaN when not
        measured: with ``n_clusters``, below ``MIN_STORIES`` stories, or when
        the merging left one group.
    one_story_names_ : float
        Median cosine of those pairs' names (:func:`nlp.topics.onestory.names_of`; 0 when no
        article has one), measured only where they decide (:func:`nlp.topics.onestory.names_needed`);
        NaN otherwise.
    """

    def __init__(
        self,
        *,
        n_clusters: int | None = None,
        granularity: float = 0.5,
        language: str = "english",
        random_state: int = 0,
        title_weight: int = 2,
        n_components: int = 200,
        n_neighbors: int = 20,
    ) -> None:
        self.n_clusters = n_clusters
        self.granularity = granularity
        self.language = language
        self.random_state = random_state
        self.title_weight = title_weight
        self.n_components = n_components
        self.n_neighbors = n_neighbors

    def fit(
        self,
        articles: Sequence[Article],
        *,
        vectors: Vectors | None = None,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
        schedule: Schedule | None = None,
    ) -> TopicClusterer:
        """Cluster ``articles``; the result does not depend on their order.

        Parameters
        ----------
        articles : sequence of Article
            With ``duplicate_of`` set (:func:`nlp.topics.dedup.mark_duplicates`).
        vectors : Vectors, optional
            What :func:`nlp.topics.vectors.vectorize` returned for these articles (made here when not given).
        progress : callable, optional
            ``progress(fraction, message)``.
        cancel : CancelToken, optional
            Polled between steps; raises :class:`~nlp.errors.Cancelled`.
        schedule : Schedule, optional
            Where the merging runs (:meth:`nlp.run.workers.Schedule.call`):
            for many stories, in a worker process. ``Schedule()`` by default.

        Returns
        -------
        TopicClusterer
            ``self``, fitted.

        Raises
        ------
        OptionsError
            For a bad parameter.
        NoArticlesError
            When there is no article, or none has a content word.
        """
        self._validate()
        if not articles:
            raise NoArticlesError("no articles to cluster")
        order = sorted(range(len(articles)), key=lambda i: articles[i].id)  # reading order never matters
        ranked = [articles[i] for i in order]
        if vectors is None:
            report(progress, 0.0, f"Reading the words of {len(ranked)} articles")
            vectors = vectorize(ranked, title_weight=self.title_weight, n_components=self.n_components,
                                random_state=self.random_state, progress=progress, cancel=cancel)
        elif vectors.ids != tuple(a.id for a in ranked):
            raise ValueError("the vectors were made for other articles")
        # rows by content from here on: neither reading order nor file names decide a tie
        if vectors.by_content is not None:
            by_content = vectors.by_content.tolist()
        else:  # vectors made by hand
            by_content = sorted(range(len(ranked)), key=lambda i: (content_key(ranked[i]), ranked[i].id))
        order = [order[i] for i in by_content]
        ranked = [ranked[i] for i in by_content]
        plain = None if vectors.plain is None else vectors.plain[by_content]  # type: ignore[index]
        names = None if vectors.names is None else vectors.names[by_content]  # type: ignore[index]
        vectors, usable = vectors.vectors[by_content], vectors.usable[by_content]
        check(cancel)
        labels = np.full(len(ranked), -1, dtype=np.int64)
        groups = _story_groups(ranked, usable)
        report(progress, 0.6, f"Grouping {len(groups)} stories into topics")
        headlines = np.array([all(_only_a_headline(ranked[i]) for i in group) for group in groups], dtype=bool)
        members, self.background_, self.threshold_ = self._merge(vectors, groups, headlines, names, cancel, schedule)
        check(cancel)
        self.one_story_median_ = self.one_story_names_ = float("nan")
        if self.n_clusters is not None:
            members = refine_groups(vectors, groups, members, random_state=self.random_state)
        else:
            members = settle_groups(vectors, groups, members)
            if plain is not None:
                members, self.one_story_median_, self.one_story_names_ = gather_one_story(
                    plain, ranked, groups, members, self.granularity, self.title_weight, headlines=headlines,
                    names=names, names_apart=names_apart_for(self.granularity))
            ratio = themes_ratio(self.granularity)
            if ratio is not None:
                members = _themes(vectors, members, ratio, self.n_neighbors, cancel, schedule)
        if self.n_clusters is None and all(len(m) == 1 for m in members):
            topics = members  # nothing grouped: no topic to be "other" than, each article is one
        else:
            topics = [m for m in members if len(m) > 1 or self.n_clusters is not None]
        topics.sort(key=lambda m: (-len(m), min(ranked[i].id for i in m)))
        for number, member in enumerate(topics):
            labels[member] = number
        _place_unusable(ranked, usable, labels)
        self.labels_ = np.empty(len(articles), dtype=np.int64)
        self.labels_[order] = labels
        self.n_clusters_ = len(topics)
        report(progress, 1.0, f"Found {len(topics)} topics")
        return self

    def _validate(self) -> None:
        if self.n_clusters is not None and (isinstance(self.n_clusters, bool) or int(self.n_clusters) < 1):
            raise OptionsError(f"the number of clusters must be 1 or more, not {self.n_clusters}")
        if not 0.0 <= self.granularity <= 1.0:
            raise OptionsError(f"granularity must be between 0 and 1, not {self.granularity}")
        for name, least in (("title_weight", 1), ("n_components", 2), ("n_neighbors", 1)):
            value = getattr(self, name)
            if isinstance(value, bool) or value < least:
                raise OptionsError(f"{name} must be {least} or more, not {value}")

    def _merge(
        self,
        vectors: np.ndarray,
        groups: list[list[int]],
        headlines: np.ndarray,
        names: object,
        cancel: CancelToken | None,
        schedule: Schedule | None,
    ) -> tuple[list[list[int]], float, float | None]:
        """Average-linkage merging of ``groups``; return the final groups, ``b`` and the threshold.

        ``headlines`` marks the groups made only of headlines alone, which face no cohesion bar;
        ``names`` (the rows' names, :attr:`~nlp.topics.vectors.Vectors.names`) bar sibling events.
        """
        from nlp.run.workers import Schedule

        background = _background(vectors, groups)
        cohesion = names_apart = 0.0
        if self.n_clusters is None:
            ratio = ratio_for(self.granularity)
            threshold: float | None = float(1.0 - (1.0 - background) ** ratio)
            target = 1
            cohesion = cohesion_for(self.granularity)
            names_apart = names_apart_for(self.granularity)
        else:
            threshold = None
            target = min(int(self.n_clusters), len(groups))
        names = _group_rows(names, groups) if names is not None and names_apart else None  # articles naming each
        merged = (schedule or Schedule()).call(merge_groups, vectors, groups, threshold, target, self.n_neighbors,
                                               cohesion, headlines, names, names_apart, stories=len(groups),
                                               cancel=cancel)
        return merged, background, threshold


def _group_rows(rows: object, groups: list[list[int]]) -> object:
    """One sparse row per group: how many of its rows of ``rows`` hold each column."""
    from scipy.sparse import csr_matrix

    owner = np.concatenate([np.full(len(g), n, dtype=np.int64) for n, g in enumerate(groups)])
    member = np.concatenate([np.asarray(g, dtype=np.int64) for g in groups])
    membership = csr_matrix((np.ones(len(member)), (owner, member)), shape=(len(groups), rows.shape[0]))  # type: ignore[attr-defined]
    return (membership @ (rows > 0).astype(np.float64)).tocsr()  # type: ignore[operator]


def _themes(
    vectors: np.ndarray,
    members: list[list[int]],
    ratio: float,
    n_neighbors: int,
    cancel: CancelToken | None,
    schedule: Schedule | None,
) -> list[list[int]]:
    """The topics of ``members`` merged once more, as stories are, against the background of topic pairs.

    Towards broad themes the merge ratio is low, yet where texts are short
    (headlines) the corpus background is the floor :data:`MIN_BACKGROUND` and
    stories of one theme, sharing a word or two, stay apart. Measured between
    topics instead, the background is that of themes: ``b`` is the mean
    similarity of two topics (means, not medians: most pairs of headline
    topics share no word, and a median of zeros would merge anything), and two
    topics merge while ``1 - s <= (1 - b) ** ratio``. Elsewhere topics of
    different themes are as alike as their articles are, and nothing merges.
    Topics that share next to nothing (:data:`NO_THEMES`), or fewer than
    :data:`~nlp.topics.onestory.MIN_STORIES` of them, are left as they are.
    """
    from nlp.run.workers import Schedule

    topics = [m for m in members if len(m) > 1]
    if len(topics) < MIN_STORIES:
        return members
    sample = sorted(topics, key=min)[:_BACKGROUND_SAMPLE]  # rows are in content order
    sums = np.stack([vectors[m].sum(axis=0, dtype=np.float64) for m in sample])
    sizes = np.array([len(m) for m in sample], dtype=np.float64)
    means = (sums @ sums.T) / np.outer(sizes, sizes)
    background = float(np.mean(means[np.triu_indices(len(sample), 1)]))
    if background < NO_THEMES:
        return members
    threshold = float(1.0 - (1.0 - background) ** ratio)
    merged = (schedule or Schedule()).call(merge_groups, vectors, topics, threshold, 1, n_neighbors, 0.0, None,
                                           None, 0.0, stories=len(topics), cancel=cancel)
    return merged + [m for m in members if len(m) == 1]


def _only_a_headline(article: Article) -> bool:
    """Whether the article is one sentence that is its title: a feed's headline alone, or a text of one short line."""
    return len(article.sentences) == 1 and article.sentences[0].text == article.title


def _story_groups(articles: Sequence[Article], usable: np.ndarray) -> list[list[int]]:
    """Indices of the usable articles grouped by story (near-duplicates together), by first index."""
    by_story: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        if usable[i]:
            by_story.setdefault(article.story_id, []).append(i)
    return list(by_story.values())


def _place_unusable(articles: Sequence[Article], usable: np.ndarray, labels: np.ndarray) -> None:
    """Give an article with no content words the topic of its story when it has one, else "Other"."""
    by_story = {articles[i].story_id: labels[i] for i in range(len(articles)) if usable[i]}
    for i, article in enumerate(articles):
        if not usable[i]:
            labels[i] = by_story.get(article.story_id, -1)


def _background(vectors: np.ndarray, groups: list[list[int]]) -> float:
    """Median similarity of two articles of different stories, with the prior's pseudo-pairs.

    With fewer than :data:`~nlp.topics.onestory.MIN_STORIES` stories the
    prior alone: their few pairs cannot tell three reports of one event
    from three unrelated stories, and counted in they would hold the event apart.
    Above ``_BACKGROUND_SAMPLE`` stories, the pairs among the first that many
    stories by row, and rows are in the order of a digest of their text
    (:func:`content_key`): a sample that depends neither on the reading order
    nor on the ids.
    """
    if len(groups) < MIN_STORIES:
        return PRIOR_BACKGROUND
    sample = vectors[sorted(g[0] for g in groups)[:_BACKGROUND_SAMPLE]]  # rows are in content order
    sims = sample @ sample.T
    upper = sims[np.triu_indices(len(sample), 1)]
    values = np.concatenate([upper, np.full(PRIOR_PAIRS, PRIOR_BACKGROUND, dtype=np.float32)])
    return float(np.clip(np.median(values), MIN_BACKGROUND, 1.0))
