"""The pipeline end to end on the sample corpus: what a user of either face would see."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from nlp.run.cancel import CancelToken
from nlp.errors import Cancelled, NoArticlesError, OptionsError
from nlp.ingest import make_article
from nlp.run.pipeline import analyze, analyze_paths, load, resummarize
from nlp.run.workers import Schedule
from nlp.types import Analysis, Corpus, Options, Skipped


@pytest.fixture(scope="module")
def seeds_analysis() -> Analysis:
    from tests.conftest import SEEDS

    return analyze_paths([SEEDS], Options())


def _cluster_of(analysis: Analysis, stem: str) -> int:
    for cluster in analysis.clusters:
        if any(i.startswith(stem) for i in cluster.article_ids):
            return cluster.id
    raise AssertionError(f"{stem} is in no cluster")


def test_seeds_wire_story_rewrites_share_a_topic(seeds_analysis: Analysis) -> None:
    assert len(seeds_analysis.articles) == 5  # the seeds' README.md is not an article
    assert _cluster_of(seeds_analysis, "000_") == _cluster_of(seeds_analysis, "001_")


def test_clusters_partition_the_articles(seeds_analysis: Analysis) -> None:
    ids = [i for c in seeds_analysis.clusters for i in c.article_ids]
    assert sorted(ids) == sorted(a.id for a in seeds_analysis.articles)
    assert [c.id for c in seeds_analysis.clusters] == list(range(len(seeds_analysis.clusters)))


def test_every_summary_sentence_is_an_exact_span_of_its_article(seeds_analysis: Analysis) -> None:
    sentences = [s for c in seeds_analysis.clusters for s in c.summary.sentences]
    assert sentences
    for s in sentences:
        article = seeds_analysis.article(s.article_id)
        assert article.body[s.start : s.end] == s.text
        assert article.sentences[s.sentence_index].text == s.text


def test_same_result_whatever_the_reading_order(seeds_analysis: Analysis) -> None:
    from tests.conftest import SEEDS

    reordered = analyze_paths(sorted(SEEDS.glob("*.txt"), reverse=True), Options())
    assert reordered.clusters == seeds_analysis.clusters


def test_resummarize_keeps_the_clusters_and_changes_the_length(seeds_analysis: Analysis) -> None:
    shorter = resummarize(seeds_analysis, replace(seeds_analysis.options, sentences=1))
    assert [c.article_ids for c in shorter.clusters] == [
        c.article_ids for c in seeds_analysis.clusters
    ]
    assert all(len(c.summary.sentences) <= 1 for c in shorter.clusters)


@pytest.mark.parametrize("method", ["centroid", "lexrank", "edmundson"])
def test_resummarizing_from_the_analysis_words_gives_what_a_fresh_reading_gives(
        seeds_analysis: Analysis, method: str) -> None:
    """The analysis keeps its vocabulary for a method change; the summaries are those of words read anew."""
    assert seeds_analysis.vocabulary is not None
    options = replace(seeds_analysis.options, method=method)
    kept = resummarize(seeds_analysis, options)
    fresh = resummarize(replace(seeds_analysis, vocabulary=None), options)
    assert [c.summary for c in kept.clusters] == [c.summary for c in fresh.clusters]
    assert kept.clusters[0].summary.sentences


def test_progress_rises_to_done_and_cancel_stops_the_run() -> None:
    from tests.conftest import SEEDS

    seen: list[float] = []
    analyze_paths([SEEDS], progress=lambda f, m: seen.append(f))
    assert seen == sorted(seen) and seen[-1] == 1.0

    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        analyze_paths([SEEDS], cancel=token)


def test_bad_options_are_named() -> None:
    article = make_article("a", ["One sentence here. Another one there."])
    with pytest.raises(OptionsError, match="unknown summary method 'nope'"):
        analyze([article], Options(method="nope"))
    with pytest.raises(OptionsError, match="granularity"):
        analyze([article], Options(granularity=2.0))


def test_nothing_usable_lists_what_was_skipped(tmp_path: Path) -> None:
    corpus = Corpus(articles=(), skipped=(Skipped(str(tmp_path / "x.bin"), "binary file"),))
    with pytest.raises(NoArticlesError, match=r"x\.bin: binary file"):
        analyze(corpus)


def test_a_helper_token_stops_with_its_parent_or_on_its_own() -> None:
    parent = CancelToken()
    helper = CancelToken(parent=parent)
    assert not helper.cancelled
    parent.cancel()
    assert helper.cancelled
    with pytest.raises(Cancelled):
        helper.raise_if_cancelled()
    own = CancelToken(parent=CancelToken())
    own.cancel()
    assert own.cancelled


def test_when_near_duplicates_fail_the_vectors_thread_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dedup and the clustering vectors run side by side; an error in one must not leave the other running."""
    import threading

    import nlp.topics.dedup
    import nlp.topics.vectors

    started, stopped = threading.Event(), threading.Event()

    def vectorize(articles: object, *, cancel: CancelToken | None = None, **ignored: object) -> None:
        started.set()
        for _ in range(500):  # up to 5 s, then give up: the test fails rather than hangs
            if cancel is not None and cancel.cancelled:
                stopped.set()
                raise Cancelled()
            threading.Event().wait(0.01)

    def broken(articles: object, **ignored: object) -> None:
        assert started.wait(5)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(nlp.topics.vectors, "vectorize", vectorize)
    monkeypatch.setattr(nlp.topics.dedup, "mark_duplicates", broken)
    article = make_article("a", ["One sentence here about talks. Another one there about talks."])
    with pytest.raises(RuntimeError, match="disk on fire"):
        analyze([article], schedule=Schedule(overlap_from=0))
    assert stopped.is_set()


def test_vectors_made_apart_give_the_same_topics_and_must_match_the_articles(seeds_analysis: Analysis) -> None:
    from nlp.topics.cluster import TopicClusterer
    from nlp.topics.vectors import vectorize

    articles = seeds_analysis.articles
    clusterer = TopicClusterer()
    vectors = vectorize(articles)
    assert clusterer.fit(articles, vectors=vectors).labels_.tolist() == TopicClusterer().fit(articles).labels_.tolist()
    with pytest.raises(ValueError, match="other articles"):
        TopicClusterer().fit(articles[1:], vectors=vectors)


ALL_AT_ONCE = Schedule(parallel_files=0, overlap_from=0, worker_merge_from=0, label_overlap_from=0, workers=2)
"""Every step that can run beside another does, whatever the corpus's size."""


@pytest.mark.parametrize("schedule", [Schedule(overlap_from=0), Schedule(worker_merge_from=0), ALL_AT_ONCE,
                                      Schedule.serial()], ids=["vectors-beside", "merge-in-worker", "all", "serial"])
def test_any_schedule_gives_the_same_analysis(seeds_analysis: Analysis, schedule: Schedule) -> None:
    from tests.conftest import SEEDS

    other = analyze_paths([SEEDS], Options(), schedule=schedule)
    assert other.clusters == seeds_analysis.clusters
    assert other.articles == seeds_analysis.articles
    assert other == seeds_analysis


def test_cancel_while_the_topics_merge_in_a_worker_stops_the_run() -> None:
    from tests.conftest import SEEDS

    token = CancelToken()

    def progress(fraction: float, message: str) -> None:
        if message.startswith("Grouping"):
            token.cancel()

    with pytest.raises(Cancelled):
        analyze_paths([SEEDS], progress=progress, cancel=token, schedule=Schedule(worker_merge_from=0))


def test_loading_for_the_pipeline_gives_what_ingest_gives(tmp_path: Path) -> None:
    import shutil

    from nlp.ingest import load_paths
    from tests.conftest import SEEDS

    for n in range(3):
        shutil.copytree(SEEDS, tmp_path / f"seeds{n}")
    in_workers = load([tmp_path], schedule=Schedule(parallel_files=0, workers=2))
    assert in_workers == load_paths([tmp_path], schedule=Schedule.serial())
    assert len(in_workers.articles) == 3 * len(load_paths([SEEDS]).articles)


def _slow_merge(*args: object) -> object:
    """The merge, slowly, in the worker: for cancelling while the pipeline waits on it."""
    import time

    from nlp.topics.linkage import merge_groups

    time.sleep(4)
    return merge_groups(*args)  # type: ignore[arg-type]


@pytest.mark.skipif(__import__("nlp.run.workers").run.workers.cores() < 2, reason="one core: the merge runs here")
def test_cancel_while_waiting_for_the_merge_stops_at_once_and_keeps_the_workers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The merge still running in a worker is dropped, not aborted: aborting would kill the pool the next run needs."""
    import multiprocessing
    import threading
    import time

    import nlp.topics.cluster
    from tests.conftest import SEEDS

    monkeypatch.setattr(nlp.topics.cluster, "merge_groups", _slow_merge)
    token = CancelToken()
    cancelled: list[float] = []

    def progress(fraction: float, message: str) -> None:
        if message.startswith("Grouping") and not cancelled:
            cancelled.append(0.0)
            threading.Timer(1.0, lambda: (cancelled.__setitem__(0, time.perf_counter()), token.cancel())).start()

    with pytest.raises(Cancelled):
        analyze_paths([SEEDS], progress=progress, cancel=token, schedule=Schedule(worker_merge_from=0))
    assert time.perf_counter() - cancelled[0] < 1.5  # the merge had 3 s to go
    workers = {p.pid for p in multiprocessing.active_children()}
    assert workers
    monkeypatch.undo()
    assert analyze_paths([SEEDS], schedule=Schedule(worker_merge_from=0)).clusters
    assert workers <= {p.pid for p in multiprocessing.active_children()}  # the same workers are still up


@pytest.mark.parametrize("one_core", [True, False], ids=["one-core", "one-worker"])
def test_with_one_core_or_no_worker_the_merge_runs_here_and_still_cancels(
        one_core: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no worker to merge in, the merge runs here, with the cancel token."""
    import os

    import nlp.topics.cluster
    import nlp.topics.linkage
    from tests.conftest import SEEDS

    seen: list[object] = []
    original = nlp.topics.linkage.merge_groups

    def merge_groups(*args: object) -> object:
        seen.append(args[-1])
        return original(*args)  # type: ignore[arg-type]

    if one_core:
        monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
        monkeypatch.setattr(os, "cpu_count", lambda: 1)
    schedule = Schedule(worker_merge_from=0, workers=None if one_core else 1)
    monkeypatch.setattr(nlp.topics.cluster, "merge_groups", merge_groups)
    token = CancelToken()
    assert analyze_paths([SEEDS], cancel=token, schedule=schedule).clusters
    assert seen == [token]


@pytest.mark.parametrize("schedule", [ALL_AT_ONCE, Schedule.serial()], ids=["all", "serial"])
def test_progress_moves_while_near_duplicates_and_word_weights_are_made(schedule: Schedule) -> None:
    from tests.conftest import SEEDS

    seen: list[tuple[float, str]] = []
    analyze_paths([SEEDS], progress=lambda f, m: seen.append((f, m)), schedule=schedule)
    start = next(f for f, m in seen if m.startswith("Finding near-duplicates"))
    clustering = next(f for f, m in seen if m == "Clustering")
    between = [m for f, m in seen if start < f < clustering]
    assert any(m.startswith("Weighing words") for m in between), seen
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)
