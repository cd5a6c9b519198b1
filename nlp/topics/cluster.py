"""Topic clustering: TF-IDF vectors, average-linkage merging, an automatic stopping point.

Algorithm, and why
------------------
Articles are TF-IDF vectors (sublinear term frequency, L2-normalised) over
the stemmed content words that dedup and the summarisers use; the title's
words count ``title_weight`` times. Near-duplicates start as one group.

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
English news articles, measured on MultiLing) join the median. ``granularity``
sets ``ratio``: 1.375 at 0 (broad topics), 2.75 at 0.5, 5.5 at 1 (tight stories).

*After merging.* Each story then moves to the topic whose articles it is
most alike on average, if that is not its own (a story joined a group as
it was then; the topic may have grown elsewhere). A corpus all about one
story has no background to stand out from, so it is also measured on a
scale of its own (:mod:`nlp.topics.onestory`): when it reads as one story,
its groups are gathered into one topic, but for groups unlike the rest.

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

import hashlib
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

from nlp.run.cancel import CancelToken, Progress, check, report
from nlp.errors import NoArticlesError, OptionsError
from nlp.topics.linkage import merge_groups
from nlp.topics.onestory import gather_one_story
from nlp.topics.phrases import no_topic_stems
from nlp.topics.refine import refine_groups, settle_groups
from nlp.types import Article

PRIOR_BACKGROUND = 0.035
"""Median cosine of two unrelated news articles (MultiLing, different topics, any corpus size)."""
PRIOR_PAIRS = 3
"""Weight of that prior, in article pairs: it matters for 2-4 articles, not beyond."""
RATIO = 2.75
"""Merge ratio at granularity 0.5. Quality on MultiLing is flat from 2.5 to 3.5 (bench_cluster)."""
MIN_BACKGROUND = 0.02
"""Floor of ``b``: short texts may share no word at all, and a zero background would merge anything."""
_BACKGROUND_SAMPLE = 1000
WORKER_MERGE_FROM = 3000
"""From this many stories on, :meth:`TopicClusterer.fit` merges in a worker process when given ``meanwhile``.

Merging is pure Python (a heap, a few numpy calls per merge) and needs
only the vectors and the groups, while this process has work that does not
need the topics (:mod:`nlp.run.pipeline`). Below, merging is quick.
"""


def article_tokens(article: Article, *, title_weight: int = 2) -> list[str]:
    """Stemmed content words of the title (``title_weight`` times) and the body sentences.

    Words that set no topic apart (weekday names, :func:`nlp.topics.phrases.no_topic_stems`) are left out.

    Sentence by sentence, as near-duplicate detection asks for them: ``stem_words``
    caches each sentence's stems, so here they are mostly looked up.
    """
    from nlp.topics.dedup import stem_words

    tokens = list(stem_words(article.title, article.language)) * title_weight
    for sentence in article.sentences:
        if sentence.kind == "body":
            tokens += stem_words(sentence.text, article.language)
    noise = no_topic_stems(article.language)
    return [t for t in tokens if t not in noise]


def content_key(article: Article) -> bytes:
    """A digest of the article's title and body: what orders rows, so that renaming files changes nothing."""
    text = f"{article.title}\x00{article.body}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).digest()


def ratio_for(granularity: float) -> float:
    """The merge ratio of ``granularity``: 1.375 at 0, 2.75 at 0.5, 5.5 at 1."""
    return float(RATIO * 2.0 ** (2.0 * granularity - 1.0))


class Vectors(NamedTuple):
    """Unit vectors of articles (:meth:`TopicClusterer.vectorize`), rows in id order."""

    ids: tuple[str, ...]
    vectors: np.ndarray
    """n x d float32, zero for the articles without content words."""
    usable: np.ndarray
    """Which articles have content words."""
    plain: object = None
    """n x terms sparse unit rows of plain sublinear term frequencies (:mod:`nlp.topics.onestory`)."""


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

    def vectorize(
        self,
        articles: Sequence[Article],
        *,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> Vectors:
        """The articles' unit vectors, the first half of :meth:`fit`.

        It reads only titles and sentences, never ``duplicate_of``, so it may
        run while near-duplicates are being found (``nlp.run.pipeline`` does:
        the SVD and the sparse products release the GIL, and the two overlap).

        Raises
        ------
        OptionsError, NoArticlesError
            As :meth:`fit`.
        """
        self._validate()
        if not articles:
            raise NoArticlesError("no articles to cluster")
        ranked = sorted(articles, key=lambda a: a.id)  # reading order never matters
        # made in content order, so that no rounding follows the ids; returned in id order
        by_content = sorted(range(len(ranked)), key=lambda i: (content_key(ranked[i]), ranked[i].id))
        vectors, usable, plain = self._vectorize([ranked[i] for i in by_content], progress, cancel)
        back = np.argsort(np.array(by_content, dtype=np.int64))
        return Vectors(ids=tuple(a.id for a in ranked), vectors=vectors[back], usable=usable[back],
                       plain=plain[back])  # type: ignore[index]

    def fit(
        self,
        articles: Sequence[Article],
        *,
        vectors: Vectors | None = None,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
        meanwhile: Callable[[], object] | None = None,
    ) -> TopicClusterer:
        """Cluster ``articles``; the result does not depend on their order.

        Parameters
        ----------
        articles : sequence of Article
            With ``duplicate_of`` set (:func:`nlp.topics.dedup.mark_duplicates`).
        vectors : Vectors, optional
            What :meth:`vectorize` returned for these articles (made here when not given).
        progress : callable, optional
            ``progress(fraction, message)``.
        cancel : CancelToken, optional
            Polled between steps; raises :class:`~nlp.errors.Cancelled`.
        meanwhile : callable, optional
            From :data:`WORKER_MERGE_FROM` stories on, with two cores or more,
            the merging runs in a worker process and this is called here
            meanwhile: work the caller needs next that does not depend on the
            topics. Not called otherwise.

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
            vectors = self.vectorize(ranked, progress=progress, cancel=cancel)
        elif vectors.ids != tuple(a.id for a in ranked):
            raise ValueError("the vectors were made for other articles")
        # rows by content from here on: neither reading order nor file names decide a tie
        by_content = sorted(range(len(ranked)), key=lambda i: (content_key(ranked[i]), ranked[i].id))
        order = [order[i] for i in by_content]
        ranked = [ranked[i] for i in by_content]
        plain = None if vectors.plain is None else vectors.plain[by_content]  # type: ignore[index]
        vectors, usable = vectors.vectors[by_content], vectors.usable[by_content]
        check(cancel)
        labels = np.full(len(ranked), -1, dtype=np.int64)
        groups = _story_groups(ranked, usable)
        report(progress, 0.6, f"Grouping {len(groups)} stories into topics")
        members, self.background_, self.threshold_ = self._merge(vectors, groups, cancel, meanwhile)
        check(cancel)
        if self.n_clusters is not None:
            members = refine_groups(vectors, groups, members, random_state=self.random_state)
        else:
            members = settle_groups(vectors, groups, members)
            if plain is not None:
                members = gather_one_story(plain, groups, members, self.granularity)
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

    def _vectorize(
        self, articles: Sequence[Article], progress: Progress | None, cancel: CancelToken | None
    ) -> tuple[np.ndarray, np.ndarray, object]:
        """Unit vectors (n x d, float32), a mask of the articles that have content words, plain TF rows."""
        counts, usable = self._counts(articles, progress, cancel)
        if not usable.any():
            raise NoArticlesError(
                f"no article has a word to cluster on: all {len(articles)} hold only stop words, "
                f"numbers or punctuation; check that the language ({self.language}) is right"
            )
        report(progress, 0.4, "Weighing words (TF-IDF)")
        plain = _plain_rows(counts, usable)  # before the weighting, which works on ``counts`` in place
        matrix = _sublinear_tfidf(counts)
        check(cancel)
        reduced = self._reduce(matrix)
        vectors = np.zeros((len(articles), reduced.shape[1]), dtype=np.float32)
        vectors[usable] = reduced
        return vectors, usable, plain

    def _counts(
        self, articles: Sequence[Article], progress: Progress | None, cancel: CancelToken | None
    ) -> tuple[object, np.ndarray]:
        """Word counts of the articles that have content words (:func:`article_tokens`), and which those are.

        The matrix scikit-learn's ``CountVectorizer(analyzer=article_tokens,
        dtype=np.float32)`` makes, entry for entry and in the same stored
        order (columns by stem, entries of a row by the stems' first
        occurrence in the corpus), from the stem numbers each sentence's terms
        carry (:func:`nlp.text.language.terms`): sorts instead of a dict lookup per
        word.
        """
        from scipy.sparse import csr_matrix

        from nlp.arrays import by_first_occurrence, unique_counts
        from nlp.text.language import stem_numbers, terms

        parts: list[bytes] = []
        for number, article in enumerate(articles):
            if number % 250 == 0:
                check(cancel)
                report(progress, 0.4 * number / len(articles), f"Reading words {number}/{len(articles)}")
            language = article.language
            body = [terms(s.text, language).plain_ids for s in article.sentences if s.kind == "body"]
            parts.append(terms(article.title, language).plain_ids * self.title_weight + b"".join(body))
        numbers, sizes, names = stem_numbers(parts, [a.language for a in articles])
        numbers, sizes = _without_noise(numbers, sizes, names, {a.language for a in articles})
        usable = sizes > 0
        row = np.repeat(np.arange(int(usable.sum()), dtype=np.int64), sizes[usable])
        order, seen = by_first_occurrence(numbers)  # distinct stems by first occurrence
        width = max(1, len(order))
        cell, count = unique_counts(row * width + seen)
        spelled = [names[i] for i in order.tolist()]
        column = np.empty(len(order), dtype=np.int32)  # first-occurrence rank -> column (stems sorted)
        column[sorted(range(len(spelled)), key=spelled.__getitem__)] = np.arange(len(spelled), dtype=np.int32)
        indptr = np.searchsorted(cell // width, np.arange(int(usable.sum()) + 1)).astype(np.int32)
        counts = csr_matrix(
            (count.astype(np.float32), column[cell % width], indptr), shape=(len(indptr) - 1, len(order))
        )
        return counts, usable

    def _reduce(self, matrix: object) -> np.ndarray:
        """Dense unit vectors whose dot products are (about) the TF-IDF cosines."""
        n, width = matrix.shape  # type: ignore[attr-defined]
        if width <= self.n_components:
            dense = matrix.toarray()  # type: ignore[attr-defined]
        elif n <= self.n_components:
            gram = (matrix @ matrix.T).toarray().astype(np.float64)  # type: ignore[attr-defined]
            values, basis = np.linalg.eigh(gram)
            keep = values > 1e-9
            dense = basis[:, keep] * np.sqrt(values[keep])
        else:
            from sklearn.decomposition import TruncatedSVD

            svd = TruncatedSVD(self.n_components, algorithm="randomized", n_iter=4, random_state=self.random_state)
            dense = svd.fit_transform(matrix)
        norms = np.linalg.norm(dense, axis=1, keepdims=True)
        return (dense / np.where(norms > 0, norms, 1.0)).astype(np.float32)

    def _merge(
        self,
        vectors: np.ndarray,
        groups: list[list[int]],
        cancel: CancelToken | None,
        meanwhile: Callable[[], object] | None = None,
    ) -> tuple[list[list[int]], float, float | None]:
        """Average-linkage merging of ``groups``; return the final groups, ``b`` and the threshold."""
        from nlp.run.workers import Pending, cores

        background = _background(vectors, groups)
        if self.n_clusters is None:
            ratio = ratio_for(self.granularity)
            threshold: float | None = float(1.0 - (1.0 - background) ** ratio)
            target = 1
        else:
            threshold = None
            target = min(int(self.n_clusters), len(groups))
        arguments = (vectors, groups, threshold, target, self.n_neighbors)
        if meanwhile is None or len(groups) < WORKER_MERGE_FROM or cores() < 2:
            return merge_groups(*arguments, cancel), background, threshold
        merging = Pending(merge_groups, *arguments, here=lambda: merge_groups(*arguments, cancel))
        try:
            meanwhile()
            return merging.result(cancel), background, threshold
        finally:
            merging.close()


def _sublinear_tfidf(counts: object) -> object:
    """What ``TfidfVectorizer(sublinear_tf=True)`` does with its counts: scikit-learn's own transformer."""
    from sklearn.feature_extraction.text import TfidfTransformer

    weighting = TfidfTransformer(sublinear_tf=True)
    weighting.fit(counts)
    return weighting.transform(counts, copy=False)


def _without_noise(
    numbers: np.ndarray, sizes: np.ndarray, names: list[str], languages: set[str]
) -> tuple[np.ndarray, np.ndarray]:
    """``numbers`` (stem numbers, ``sizes`` per article) without the stems that set no topic apart."""
    noise = set().union(*(no_topic_stems(language) for language in languages))
    used = np.unique(numbers)
    dropped = used[[names[i] in noise for i in used.tolist()]] if len(used) else used
    if not len(dropped):
        return numbers, sizes
    keep = ~np.isin(numbers, dropped)
    article = np.repeat(np.arange(len(sizes)), sizes)
    return numbers[keep], np.bincount(article[keep], minlength=len(sizes)).astype(np.int64)


def _plain_rows(counts: object, usable: np.ndarray) -> object:
    """Unit rows of sublinear term frequencies without IDF, one per article (zero without content words)."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer

    rows = TfidfTransformer(use_idf=False, sublinear_tf=True).fit_transform(counts)
    place = np.flatnonzero(usable)
    spread = csr_matrix((np.ones(len(place), dtype=np.float32), (place, np.arange(len(place)))),
                        shape=(len(usable), len(place)))
    return (spread @ rows).tocsr()


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

    Above ``_BACKGROUND_SAMPLE`` stories, the pairs among the first that many
    stories by row, and rows are in the order of a digest of their text
    (:func:`content_key`): a sample that depends neither on the reading order
    nor on the ids.
    """
    sample = vectors[sorted(g[0] for g in groups)[:_BACKGROUND_SAMPLE]]  # rows are in content order
    sims = sample @ sample.T
    upper = sims[np.triu_indices(len(sample), 1)]
    values = np.concatenate([upper, np.full(PRIOR_PAIRS, PRIOR_BACKGROUND, dtype=np.float32)])
    return float(np.clip(np.median(values), MIN_BACKGROUND, 1.0))
