"""The pipeline end to end on the sample corpus: what a user of either face would see."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from nlp.run.cancel import CancelToken
from nlp.errors import Cancelled, NoArticlesError, OptionsError
from nlp.ingest import make_article
from nlp.run.pipeline import analyze, analyze_paths, resummarize
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
    import nlp.run.pipeline

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

    monkeypatch.setattr(nlp.run.pipeline, "OVERLAP_FROM", 0)
    monkeypatch.setattr(nlp.topics.vectors, "vectorize", vectorize)
    monkeypatch.setattr(nlp.topics.dedup, "mark_duplicates", broken)
    article = make_article("a", ["One sentence here about talks. Another one there about talks."])
    with pytest.raises(RuntimeError, match="disk on fire"):
        analyze([article])
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


def test_side_by_side_gives_what_one_after_the_other_gives(seeds_analysis: Analysis,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import nlp.run.pipeline
    from tests.conftest import SEEDS

    monkeypatch.setattr(nlp.run.pipeline, "OVERLAP_FROM", 0)
    side_by_side = analyze_paths([SEEDS], Options())
    assert side_by_side.clusters == seeds_analysis.clusters
    assert side_by_side.articles == seeds_analysis.articles


def test_topics_merged_in_a_worker_are_the_topics_merged_here(seeds_analysis: Analysis,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Big corpora merge in a worker while summary candidates (and phrases) are made here: same result; cancel stops it."""
    import nlp.topics.cluster
    from tests.conftest import SEEDS

    monkeypatch.setattr(nlp.topics.cluster, "WORKER_MERGE_FROM", 0)
    in_worker = analyze_paths([SEEDS], Options())
    assert in_worker.clusters == seeds_analysis.clusters
    token = CancelToken()

    def progress(fraction: float, message: str) -> None:
        if message.startswith("Grouping"):
            token.cancel()

    with pytest.raises(Cancelled):
        analyze_paths([SEEDS], progress=progress, cancel=token)


def _slow_merge(*args: object) -> object:
    """The merge, slowly, in the worker: for cancelling while the pipeline waits on it."""
    import time

    from nlp.topics.linkage import merge_groups

    time.sleep(4)
    return merge_groups(*args)  # type: ignore[arg-type]


def test_cancel_drops_the_worker_call_still_running(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancel while the topics are merged in a worker: that call is dropped, and the next run has its workers."""
    import nlp.topics.cluster
    from nlp.run import workers
    from tests.conftest import SEEDS

    running: list[str] = []
    original = workers.Pending.close

    def close(self: workers.Pending[object]) -> None:
        if self._outputs is not None:  # still running: not read to its end
            running.append(self._function.__name__)
        original(self)

    monkeypatch.setattr(nlp.topics.cluster, "WORKER_MERGE_FROM", 0)
    monkeypatch.setattr(workers.Pending, "close", close)
    token = CancelToken()

    def progress(fraction: float, message: str) -> None:
        if message.startswith("Grouping"):
            token.cancel()

    with pytest.raises(Cancelled):
        analyze_paths([SEEDS], progress=progress, cancel=token)
    assert running == ["merge_groups"]
    assert analyze_paths([SEEDS]).clusters  # and the next run has its workers


@pytest.mark.skipif(__import__("nlp.run.workers").run.workers.cores() < 2, reason="one core: the merge runs here")
def test_cancel_while_waiting_for_the_merge_stops_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    import nlp.topics.cluster
    from tests.conftest import SEEDS

    monkeypatch.setattr(nlp.topics.cluster, "WORKER_MERGE_FROM", 0)
    monkeypatch.setattr(nlp.topics.cluster, "merge_groups", _slow_merge)
    token = CancelToken()
    cancelled: list[float] = []

    def progress(fraction: float, message: str) -> None:
        if message.startswith("Grouping") and not cancelled:
            cancelled.append(0.0)
            threading.Timer(1.0, lambda: (cancelled.__setitem__(0, time.perf_counter()), token.cancel())).start()

    with pytest.raises(Cancelled):
        analyze_paths([SEEDS], progress=progress, cancel=token)
    assert time.perf_counter() - cancelled[0] < 1.5  # the merge had 3 s to go


def test_one_core_merges_here_and_still_cancels(monkeypatch: pytest.MonkeyPatch) -> None:
    """With one core there is no worker: the merge runs here, with the cancel token."""
    import nlp.topics.cluster
    import nlp.topics.linkage
    from nlp.run import workers
    from tests.conftest import SEEDS

    seen: list[object] = []
    original = nlp.topics.linkage.merge_groups

    def merge_groups(*args: object) -> object:
        seen.append(args[-1])
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(workers, "cores", lambda: 1)
    monkeypatch.setattr(nlp.topics.cluster, "WORKER_MERGE_FROM", 0)
    monkeypatch.setattr(nlp.topics.cluster, "merge_groups", merge_groups)
    token = CancelToken()
    assert analyze_paths([SEEDS], cancel=token).clusters
    assert seen == [token]


@pytest.mark.parametrize("overlap_from", [0, 10**9])
def test_progress_moves_while_near_duplicates_and_word_weights_are_made(overlap_from: int,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import nlp.run.pipeline
    from tests.conftest import SEEDS

    monkeypatch.setattr(nlp.run.pipeline, "OVERLAP_FROM", overlap_from)
    seen: list[tuple[float, str]] = []
    analyze_paths([SEEDS], progress=lambda f, m: seen.append((f, m)))
    start = next(f for f, m in seen if m.startswith("Finding near-duplicates"))
    clustering = next(f for f, m in seen if m == "Clustering")
    between = [m for f, m in seen if start < f < clustering]
    assert any(m.startswith("Weighing words") for m in between), seen
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)
