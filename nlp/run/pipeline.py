"""The one pipeline behind the GUI and the CLI: Articles in, an Analysis out."""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from nlp.run.bulk import bulk_allocations
from nlp.run.cancel import CancelToken, Progress, check, report, scaled
from nlp.run.workers import InThread, Schedule
from nlp.errors import NoArticlesError
from nlp.types import Analysis, Article, Corpus, Options, Summary

if TYPE_CHECKING:
    from nlp.text.vocabulary import Vocabulary
    from nlp.topics.cluster import TopicClusterer
    from nlp.topics.phrases import Phrases, Tokens
    from nlp.topics.vectors import Vectors
    from nlp.summarize.candidates import Candidate


LOADING_SHARE = 0.4
"""The part of a whole run's progress (files in, analysis out) that reading the files takes.

One bar goes from 0 to 1 over the run: loading reports on ``0..LOADING_SHARE``
and analysing on the rest, so the bar never runs back when the analysis starts.
"""


def analyze_paths(
    paths: Sequence[str | os.PathLike[str]],
    options: Options | None = None,
    *,
    schedule: Schedule | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Analysis:
    """Load ``paths`` (files and folders) and analyse what loaded; ``schedule`` as :func:`analyze`'s.

    Raises
    ------
    NoArticlesError
        When no input gave a usable article; the message lists why.
    """
    from nlp.text.vocabulary import Vocabulary

    options = (options or Options()).validate()
    vocabulary = Vocabulary()  # this analysis's words: read as the files come in, gone with the analysis
    corpus = load(paths, options, schedule=schedule, vocabulary=vocabulary,
                  progress=scaled(progress, 0.0, LOADING_SHARE), cancel=cancel)
    return analyze(corpus, options, schedule=schedule, vocabulary=vocabulary,
                   progress=scaled(progress, LOADING_SHARE, 1.0), cancel=cancel)


def load(
    paths: Sequence[str | os.PathLike[str]],
    options: Options | None = None,
    *,
    schedule: Schedule | None = None,
    vocabulary: Vocabulary | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Corpus:
    """Load ``paths`` for :func:`analyze`: :func:`nlp.ingest.load_paths`, with work done while workers read.

    Once the worker processes' first files are in (they read on), this
    thread imports what analysing needs (:func:`prepare`), then reads each
    batch's words into ``vocabulary`` as it comes in, so that :func:`analyze`
    finds them read. When this process reads the files itself, nothing
    overlaps and the analysis reads the words.
    """
    from nlp.ingest import read_paths

    options = options or Options()
    with bulk_allocations():  # loading and analysing each collect garbage less often (nlp.run.bulk)
        reading = read_paths(paths, language=options.language, schedule=schedule, progress=progress, cancel=cancel)
        try:
            first = next(reading, None)
            if first is not None and reading.in_workers:
                prepare()
                if vocabulary is not None:
                    for batch in itertools.chain([first], reading):
                        vocabulary.add(batch.articles)
            return reading.corpus()
        finally:
            reading.close()


def prepare() -> None:
    """Import what analysing needs and loading does not (:func:`load` does, while workers read).

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
    schedule: Schedule | None = None,
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
    schedule : Schedule, optional
        Which steps run side by side, by the corpus's size
        (:class:`nlp.run.workers.Schedule`; ``Schedule()`` by default). The
        result is the same with any schedule.
    vocabulary : Vocabulary, optional
        This analysis's words, when loading has read some already
        (:func:`load`); made here otherwise. Every stage reads its words
        from it, and it goes when the analysis is done.
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

    options = (options or Options()).validate()
    with bulk_allocations():
        return _analyze(corpus, options, schedule or Schedule(), Vocabulary() if vocabulary is None else vocabulary,
                        progress, cancel)


def _analyze(corpus: Corpus | Sequence[Article], options: Options, schedule: Schedule, vocabulary: Vocabulary,
             progress: Progress | None, cancel: CancelToken | None) -> Analysis:
    """The steps of :func:`analyze`; what runs side by side is said here, step by step, and nowhere else."""
    from nlp.topics.cluster import TopicClusterer
    from nlp.topics.dedup import mark_duplicates
    from nlp.topics.furniture import has_furniture, mark_furniture, unmarked
    from nlp.topics.labels import assemble, describe_phrases, topic_members

    if not isinstance(corpus, Corpus):
        corpus = Corpus(articles=tuple(corpus))
    articles = tuple(a for a in corpus.articles if a.sentences)
    if not articles:
        raise NoArticlesError(_nothing_usable(corpus))
    articles = unmarked(sorted(articles, key=lambda a: a.id))  # reading order never matters; a session's
    # articles are marked (mark_furniture, below): near-duplicates and vectors read them as from the files
    check(cancel)
    vocabulary.add(articles)  # read once here (mostly while loading): from now on every stage only looks up
    # 1. Near-duplicates, and beside them (schedule.overlaps) the clustering vectors, which do not need them.
    report(progress, 0.0, f"Finding near-duplicates among {len(articles)} articles")
    clusterer = TopicClusterer(
        n_clusters=options.clusters,
        granularity=options.granularity,
        language=options.language,
        random_state=options.random_state,
    )
    articles, vectors = _deduplicate_and_vectorize(articles, clusterer, schedule, vocabulary,
                                                   scaled(progress, 0.0, 0.3), cancel)
    articles = mark_furniture(articles)  # by stories, so after near-duplicates (the vectors, made beside, keep it)
    if has_furniture(articles):  # a footer under short items makes them near-duplicates: link them again without it
        articles = mark_furniture(mark_duplicates(articles, vocabulary=vocabulary))
    check(cancel)
    # 2. Topics. Labels need the stories' phrases and the topics, summaries each story's candidates
    # and the topics: while a worker process merges the topics (schedule.merges_in_worker), a thread
    # here makes what needs only the stories.
    report(progress, 0.3, "Clustering")
    known, tokens, phrases = _topics(articles, vectors, clusterer, schedule, vocabulary,
                                     scaled(progress, 0.3, 0.6), cancel)
    check(cancel)
    # 3. Labels and summaries: describing (mostly numpy on whole arrays, which lets go of the
    # interpreter) beside the summaries (mostly Python), from schedule.labels_overlap.
    report(progress, 0.6, "Labelling topics")
    topics, other = topic_members(articles, clusterer.labels_)
    groups = [[articles[i] for i in g] for g in topics + ([other] if other else [])]
    describe = partial(describe_phrases, phrases, [a.id for a in articles], topics, other)
    del phrases  # held by ``describe`` alone from here, and gone once the topics are described
    summarize = partial(_summaries, groups, options, scaled(progress, 0.65, 1.0), cancel, known, vocabulary)
    if schedule.labels_overlap(len(articles)):
        with InThread(describe, name="labels") as described:
            del describe
            summaries = summarize()
            key_terms, ranked = described.result()
    else:
        key_terms, ranked = describe()
        del describe
        summaries = summarize()
    clusters = assemble(articles, key_terms, ranked, has_other=bool(other))
    clusters = tuple(replace(c, summary=s) for c, s in zip(clusters, summaries))
    return Analysis(articles=articles, clusters=clusters, skipped=corpus.skipped, options=options,
                    notes=_topic_count_notes(options, articles, len(clusters)),
                    coordinates=_map(articles, vectors), tokens=tokens, vocabulary=vocabulary)


def _topics(articles: tuple[Article, ...], vectors: Vectors, clusterer: TopicClusterer, schedule: Schedule,
            vocabulary: Vocabulary, progress: Progress | None,
            cancel: CancelToken | None) -> tuple[dict[str, list[Candidate]], Tokens, Phrases]:
    """Fit ``clusterer``; return the stories' summary candidates (when made meanwhile, else none), tokens and phrases."""
    fit = partial(clusterer.fit, articles, vectors=vectors, schedule=schedule, progress=progress, cancel=cancel)
    if not schedule.merges_in_worker(len({a.story_id for a in articles})):
        fit()
        return {}, *_phrases(articles, clusterer.language, vocabulary)
    stop = CancelToken(parent=cancel)
    with InThread(partial(_story_parts, articles, clusterer.language, vocabulary, stop), name="stories",
                  stop=stop) as parts:
        fit()
        return parts.result()


def _phrases(articles: tuple[Article, ...], language: str, vocabulary: Vocabulary) -> tuple[Tokens, Phrases]:
    """The articles' tokens and their phrases, counted per story (labels need no more)."""
    from nlp.topics.phrases import Phrases, tokens_of

    tokens = tokens_of(articles, language, vocabulary)
    return tokens, Phrases(tokens, [a.story_id for a in articles])


def _story_parts(articles: tuple[Article, ...], language: str, vocabulary: Vocabulary,
                 cancel: CancelToken) -> tuple[dict[str, list[Candidate]], Tokens, Phrases]:
    """What needs only the stories: each story's summary candidates, the tokens, and the phrases with their
    unigram vectors."""
    from nlp.summarize.candidates import by_story

    known = by_story(articles, cancel, vocabulary=vocabulary)
    tokens, phrases = _phrases(articles, language, vocabulary)
    phrases.unigram_vectors()
    return known, tokens, phrases


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
    articles: tuple[Article, ...], clusterer: TopicClusterer, schedule: Schedule, vocabulary: Vocabulary,
    progress: Progress | None, cancel: CancelToken | None,
) -> tuple[tuple[Article, ...], Vectors]:
    """Near-duplicates here, and the clustering vectors, which do not depend on them: in a thread when ``schedule.overlaps``.

    Both spend most of their time in code that releases the GIL (scipy's
    sparse products, the SVD's BLAS and LAPACK), so on two cores they
    overlap; BLAS's own threads would only spin on cores the two keep busy.
    The thread reports no progress (callbacks come from the caller's thread)
    and stops on the caller's cancel token. If near-duplicates fail, the
    thread is told to stop and the error goes on once it has: at its next
    check, or after the SVD, which cannot be interrupted.
    """
    from nlp.topics.dedup import mark_duplicates
    from nlp.topics.vectors import vectorize

    article_vectors = partial(vectorize, articles, vocabulary=vocabulary, title_weight=clusterer.title_weight,
                              n_components=clusterer.n_components, random_state=clusterer.random_state)
    if not schedule.overlaps(len(articles)):
        deduplicated = mark_duplicates(articles, vocabulary=vocabulary)
        report(progress, 0.33, "Reading the words of the articles")
        return deduplicated, article_vectors(progress=scaled(progress, 0.33, 1.0), cancel=cancel)

    # What near-duplicates import is imported first, before the thread starts importing
    # scikit-learn: two threads importing one package (scipy) at once can each get it half-made.
    import joblib  # noqa: F401
    import scipy.sparse  # noqa: F401

    stop = CancelToken(parent=cancel)
    with InThread(partial(article_vectors, cancel=stop), name="vectors", stop=stop, blas_threads=1) as vectors:
        deduplicated = mark_duplicates(articles, vocabulary=vocabulary)
        report(progress, 0.5, "Weighing words (TF-IDF)")
        return deduplicated, vectors.result()


def resummarize(
    analysis: Analysis,
    options: Options,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Analysis:
    """Recompute only the summaries of ``analysis`` with ``options``' method and length.

    The words come from the analysis's vocabulary when it has one (the
    pipeline's results do), else each topic's are read again.
    """
    options = options.validate()
    groups = [[analysis.article(i) for i in cluster.article_ids] for cluster in analysis.clusters]
    summaries = _summaries(groups, options, progress, cancel, vocabulary=analysis.vocabulary)
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
