"""The one pipeline behind the GUI and the CLI: Articles in, an Analysis out."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from nlp.run.bulk import bulk_allocations
from nlp.run.cancel import CancelToken, Progress, check, report, scaled
from nlp.errors import NoArticlesError, OptionsError
from nlp.types import Analysis, Article, Corpus, Options, Summary

if TYPE_CHECKING:
    from nlp.text.vocabulary import Vocabulary
    from nlp.topics.cluster import TopicClusterer
    from nlp.topics.phrases import Phrases, Tokens
    from nlp.topics.vectors import Vectors
    from nlp.summarize.candidates import Candidate


OVERLAP_FROM = 5_000
"""From this many articles on, near-duplicates and clustering vectors are made side by side.

Below, both take well under a second and a second thread only contends for
the imports.
"""

LOADING_SHARE = 0.4
"""The part of a whole run's progress (files in, analysis out) that reading the files takes.

One bar goes from 0 to 1 over the run: loading reports on ``0..LOADING_SHARE``
and analysing on the rest, so the bar never runs back when the analysis starts.
"""


def validate(options: Options) -> Options:
    """Check ``options`` and return them; raise OptionsError naming the bad one."""
    from nlp.summarize.selection import check_summary_options

    check_summary_options(options.method, options.sentences, options.words)
    if options.clusters is not None and options.clusters < 1:
        raise OptionsError(f"the number of clusters must be 1 or more, not {options.clusters}")
    if not 0.0 <= options.granularity <= 1.0:
        raise OptionsError(f"granularity must be between 0 and 1, not {options.granularity}")
    from nlp.text.language import stop_words

    stop_words(options.language)  # a known language name, never a path
    return options


def analyze_paths(
    paths: Sequence[str | os.PathLike[str]],
    options: Options | None = None,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Analysis:
    """Load ``paths`` (files and folders) and analyse what loaded.

    Raises
    ------
    NoArticlesError
        When no input gave a usable article; the message lists why.
    """
    from nlp.ingest import load_paths
    from nlp.text.vocabulary import Vocabulary

    options = validate(options or Options())
    vocabulary = Vocabulary()  # filled as the files come in, while the worker processes read on
    corpus = load_paths(  # loading and analysing each collect garbage less often (nlp.run.bulk)
        paths, language=options.language, progress=scaled(progress, 0.0, LOADING_SHARE), cancel=cancel,
        meanwhile=prepare, vocabulary=vocabulary,
    )
    return analyze(corpus, options, vocabulary=vocabulary, progress=scaled(progress, LOADING_SHARE, 1.0),
                   cancel=cancel)


def prepare() -> None:
    """Import what analysing needs and loading does not: pass it as ``load_paths(..., meanwhile=prepare)``.

    scikit-learn's import is slow pure Python. Made while worker processes
    read the files (this process mostly waits for them), it is off the
    analysis's path instead of competing with near-duplicate detection for
    the interpreter. Importing it here, in the thread that
    will analyse, also keeps two threads from importing one package at once.
    """
    import sklearn.decomposition
    import sklearn.feature_extraction.text  # noqa: F401


def analyze(
    corpus: Corpus | Sequence[Article],
    options: Options | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Analysis:
    """Link near-duplicates, cluster, label and summarise ``corpus``.

    Parameters
    ----------
    corpus : Corpus or sequence of Article
        What ingest returned (its ``skipped`` list is carried into the result).
    options : Options, optional
        Clustering and summary choices; defaults to ``Options()``.
    vocabulary : Vocabulary, optional
        This analysis's words, when loading has read some already
        (``load_paths(..., vocabulary=...)``); made here otherwise. Every
        stage reads its words from it, and it goes when the analysis is done.
    progress : callable, optional
        ``progress(fraction, message)``, called from this thread.
    cancel : CancelToken, optional
        Checked between steps; raises :class:`~nlp.errors.Cancelled`.

    Returns
    -------
    Analysis
        Clusters cover every article exactly once.
    """
    from nlp.text.vocabulary import Vocabulary

    options = validate(options or Options())
    with bulk_allocations():
        return _analyze(corpus, options, progress, cancel, Vocabulary() if vocabulary is None else vocabulary)


def _analyze(corpus: Corpus | Sequence[Article], options: Options, progress: Progress | None,
             cancel: CancelToken | None, vocabulary: Vocabulary) -> Analysis:
    from concurrent.futures import ThreadPoolExecutor

    from nlp.topics.cluster import TopicClusterer
    from nlp.topics.labels import assemble, describe_phrases, topic_members
    from nlp.topics.phrases import Phrases, tokens_of
    from nlp.summarize.candidates import by_story

    if not isinstance(corpus, Corpus):
        corpus = Corpus(articles=tuple(corpus))
    articles = tuple(a for a in corpus.articles if a.sentences)
    if not articles:
        raise NoArticlesError(_nothing_usable(corpus))
    articles = tuple(sorted(articles, key=lambda a: a.id))  # reading order never matters
    check(cancel)
    vocabulary.add(articles)  # read once here (mostly while loading): from now on every stage only looks up
    report(progress, 0.0, f"Finding near-duplicates among {len(articles)} articles")
    clusterer = TopicClusterer(
        n_clusters=options.clusters,
        granularity=options.granularity,
        language=options.language,
        random_state=options.random_state,
    )
    articles, vectors = _deduplicate_and_vectorize(articles, clusterer, vocabulary, scaled(progress, 0.0, 0.3),
                                                   cancel)
    check(cancel)
    report(progress, 0.3, "Clustering")
    stories = [a.story_id for a in articles]
    # Labels need the stories' phrases and the topics; summaries need each story's candidates and
    # the topics. While a worker merges the topics (big corpora), this process makes what needs
    # only the stories.
    known: dict[str, list[Candidate]] = {}  # summary candidates, by story
    words: list[Tokens] = []  # the articles' tokens, for the phrases and the result
    phrases: list[Phrases] = []

    def meanwhile() -> None:
        known.update(by_story(articles, cancel, vocabulary=vocabulary))
        words.append(tokens_of(articles, options.language, vocabulary))
        phrases.append(Phrases(words[0], stories))
        phrases[0].unigram_vectors()

    clusterer.fit(articles, vectors=vectors, progress=scaled(progress, 0.3, 0.6), cancel=cancel,
                  meanwhile=meanwhile)
    check(cancel)
    report(progress, 0.6, "Labelling topics")
    topics, other = topic_members(articles, clusterer.labels_)
    ids = [a.id for a in articles]
    if not phrases:
        words.append(tokens_of(articles, options.language, vocabulary))
        phrases.append(Phrases(words[0], stories))
    groups = [[articles[i] for i in g] for g in topics + ([other] if other else [])]
    # Describing is mostly numpy on whole arrays (which lets go of the interpreter), the
    # summaries mostly Python: the two overlap.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="topic-digest-labels") as pool:
        described = pool.submit(describe_phrases, phrases.pop(), ids, topics, other)
        summaries = _summaries(groups, options, scaled(progress, 0.65, 1.0), cancel, known, vocabulary)
        key_terms, ranked = described.result()
    clusters = assemble(articles, key_terms, ranked, has_other=bool(other))
    clusters = tuple(replace(c, summary=s) for c, s in zip(clusters, summaries))
    return Analysis(articles=articles, clusters=clusters, skipped=corpus.skipped, options=options,
                    notes=_topic_count_notes(options, articles, len(clusters)),
                    coordinates=_map(articles, vectors), tokens=words[0])


def _topic_count_notes(options: Options, articles: Sequence[Article], made: int) -> tuple[str, ...]:
    """A note when fewer topics were made than ``options.clusters`` asked for, saying why."""
    asked = options.clusters
    if asked is None or made >= asked:
        return ()
    note = f"asked for {asked} topics; {made} {'was' if made == 1 else 'were'} possible"
    stories = len({a.story_id for a in articles})
    if stories < asked:  # each topic needs a story of its own: copies of one story stay together
        n = len(articles)
        note += (f": the {n} article{'s' * (n != 1)} tell{'s' * (n == 1)} {stories} distinct "
                 f"stor{'y' if stories == 1 else 'ies'}")
    return (note,)


def _map(articles: tuple[Article, ...], vectors: Vectors) -> tuple[tuple[float, float], ...]:
    """Each article's place on the corpus map, in ``articles``' order."""
    from nlp.topics.projection import project

    points = project(vectors.vectors).round(5).tolist()
    row = {article_id: number for number, article_id in enumerate(vectors.ids)}
    return tuple((points[row[a.id]][0], points[row[a.id]][1]) for a in articles)


def _deduplicate_and_vectorize(
    articles: tuple[Article, ...], clusterer: TopicClusterer, vocabulary: Vocabulary, progress: Progress | None,
    cancel: CancelToken | None,
) -> tuple[tuple[Article, ...], Vectors]:
    """Near-duplicates here while a thread makes the clustering vectors, which do not depend on them.

    Both spend most of their time in code that releases the GIL (scipy's
    sparse products, the SVD's BLAS and LAPACK), so on two cores they
    overlap. The thread reports no progress
    (callbacks come from the caller's thread) and stops on the caller's
    cancel token. If near-duplicates fail, the thread is told to stop and the
    error goes on once it has: at its next check, or after the SVD, which
    cannot be interrupted.
    """
    from concurrent.futures import ThreadPoolExecutor

    from nlp.topics import vectors
    from nlp.topics.dedup import mark_duplicates

    def article_vectors(progress: Progress | None, cancel: CancelToken | None) -> Vectors:
        return vectors.vectorize(articles, vocabulary=vocabulary, title_weight=clusterer.title_weight,
                                 n_components=clusterer.n_components, random_state=clusterer.random_state,
                                 progress=progress, cancel=cancel)

    if len(articles) < OVERLAP_FROM:
        deduplicated = mark_duplicates(articles, vocabulary=vocabulary)
        report(progress, 0.33, "Reading the words of the articles")
        return deduplicated, article_vectors(scaled(progress, 0.33, 1.0), cancel)

    import joblib  # noqa: F401
    import scipy.sparse  # noqa: F401
    from threadpoolctl import threadpool_limits

    stop = CancelToken(parent=cancel)

    def vectorize() -> Vectors:
        import sklearn.decomposition  # noqa: F401  (loads scipy's BLAS, so that the limit below reaches it)

        # BLAS's own threads spin while they wait: with both cores taken by the two steps they cost
        # CPU and gain nothing. The limit holds for the process until the SVD is done.
        with threadpool_limits(limits=1, user_api="blas"):
            return article_vectors(None, stop)

    # What near-duplicates import is imported above, before the thread starts importing
    # scikit-learn: two threads importing one package (scipy) at once can each get it half-made.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="topic-digest-vectors") as pool:
        future = pool.submit(vectorize)
        try:
            deduplicated = mark_duplicates(articles, vocabulary=vocabulary)
        except BaseException:
            stop.cancel()
            raise
        report(progress, 0.5, "Weighing words (TF-IDF)")
        return deduplicated, future.result()


def resummarize(
    analysis: Analysis,
    options: Options,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Analysis:
    """Recompute only the summaries of ``analysis`` with ``options``' method and length.

    Each topic's words are read again, in a vocabulary of its own: an
    analysis keeps none (what a long-lived process holds stays its results).
    """
    options = validate(options)
    groups = [[analysis.article(i) for i in cluster.article_ids] for cluster in analysis.clusters]
    summaries = _summaries(groups, options, progress, cancel)
    clusters = tuple(replace(c, summary=s) for c, s in zip(analysis.clusters, summaries))
    return replace(analysis, clusters=clusters, options=options)


def _summaries(groups: list[list[Article]], options: Options, progress: Progress | None,
               cancel: CancelToken | None, known: dict[str, list[Candidate]] | None = None,
               vocabulary: Vocabulary | None = None) -> list[Summary]:
    """The summary of each group of articles (a topic's members, in any order); ``known`` and ``vocabulary``
    as ``summarize``'s."""
    from nlp.summarize.selection import summarize

    summaries: list[Summary] = []
    total = max(1, len(groups))
    for number, members in enumerate(groups):
        check(cancel)
        report(progress, number / total, f"Summarising topic {number + 1} of {total}")
        summaries.append(summarize(
            members,
            method=options.method,
            sentences=options.sentences,
            words=options.words,
            language=options.language,
            known=known,
            vocabulary=vocabulary,
        ))
    report(progress, 1.0, "Done")
    return summaries


def _nothing_usable(corpus: Corpus) -> str:
    if not corpus.skipped:
        return "no articles to analyse: the input holds no text"
    lines = [f"no usable articles: all {len(corpus.skipped)} inputs were skipped"]
    lines += [f"  {s.message}" for s in corpus.skipped[:10]]
    if len(corpus.skipped) > 10:
        lines.append(f"  ... and {len(corpus.skipped) - 10} more")
    return "\n".join(lines)
