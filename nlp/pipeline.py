"""The one pipeline behind the GUI and the CLI: Articles in, an Analysis out."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from nlp.bulk import bulk_allocations
from nlp.cancel import CancelToken, Progress, check, report, scaled
from nlp.errors import NoArticlesError, OptionsError
from nlp.types import Analysis, Article, Cluster, Corpus, Options


def validate(options: Options) -> Options:
    """Check ``options`` and return them; raise OptionsError naming the bad one."""
    from nlp.summarize import check_summary_options

    check_summary_options(options.method, options.sentences, options.words)
    if options.clusters is not None and options.clusters < 1:
        raise OptionsError(f"the number of clusters must be 1 or more, not {options.clusters}")
    if not 0.0 <= options.granularity <= 1.0:
        raise OptionsError(f"granularity must be between 0 and 1, not {options.granularity}")
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

    options = validate(options or Options())
    corpus = load_paths(  # loading and analysing each collect garbage less often (nlp.bulk)
        paths, language=options.language, progress=scaled(progress, 0.0, 0.4), cancel=cancel
    )
    return analyze(corpus, options, progress=scaled(progress, 0.4, 1.0), cancel=cancel)


def analyze(
    corpus: Corpus | Sequence[Article],
    options: Options | None = None,
    *,
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
    progress : callable, optional
        ``progress(fraction, message)``, called from this thread.
    cancel : CancelToken, optional
        Checked between steps; raises :class:`~nlp.errors.Cancelled`.

    Returns
    -------
    Analysis
        Clusters cover every article exactly once.
    """
    options = validate(options or Options())
    with bulk_allocations():
        return _analyze(corpus, options, progress, cancel)


def _analyze(corpus: Corpus | Sequence[Article], options: Options, progress: Progress | None,
             cancel: CancelToken | None) -> Analysis:
    from nlp.cluster import TopicClusterer
    from nlp.dedup import mark_duplicates
    from nlp.labels import describe_clusters

    if not isinstance(corpus, Corpus):
        corpus = Corpus(articles=tuple(corpus))
    articles = tuple(a for a in corpus.articles if a.sentences)
    if not articles:
        raise NoArticlesError(_nothing_usable(corpus))
    articles = tuple(sorted(articles, key=lambda a: a.id))  # reading order never matters
    check(cancel)
    report(progress, 0.0, f"Finding near-duplicates among {len(articles)} articles")
    articles = mark_duplicates(articles)
    check(cancel)
    report(progress, 0.1, "Clustering")
    clusterer = TopicClusterer(
        n_clusters=options.clusters,
        granularity=options.granularity,
        language=options.language,
        random_state=options.random_state,
    ).fit(articles, progress=scaled(progress, 0.1, 0.6), cancel=cancel)
    check(cancel)
    report(progress, 0.6, "Labelling topics")
    clusters = describe_clusters(articles, clusterer.labels_, language=options.language)
    analysis = Analysis(
        articles=articles, clusters=clusters, skipped=corpus.skipped, options=options
    )
    return resummarize(analysis, options, progress=scaled(progress, 0.65, 1.0), cancel=cancel)


def resummarize(
    analysis: Analysis,
    options: Options,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Analysis:
    """Recompute only the summaries of ``analysis`` with ``options``' method and length."""
    from nlp.summarize import summarize

    options = validate(options)
    clusters: list[Cluster] = []
    total = max(1, len(analysis.clusters))
    for number, cluster in enumerate(analysis.clusters):
        check(cancel)
        report(progress, number / total, f"Summarising topic {number + 1} of {total}")
        members = [analysis.article(i) for i in cluster.article_ids]
        summary = summarize(
            members,
            method=options.method,
            sentences=options.sentences,
            words=options.words,
            language=options.language,
        )
        clusters.append(replace(cluster, summary=summary))
    report(progress, 1.0, "Done")
    return replace(analysis, clusters=tuple(clusters), options=options)


def _nothing_usable(corpus: Corpus) -> str:
    if not corpus.skipped:
        return "no articles to analyse: the input holds no text"
    lines = [f"no usable articles: all {len(corpus.skipped)} inputs were skipped"]
    lines += [f"  {s.path}: {s.reason}" for s in corpus.skipped[:10]]
    if len(corpus.skipped) > 10:
        lines.append(f"  ... and {len(corpus.skipped) - 10} more")
    return "\n".join(lines)
