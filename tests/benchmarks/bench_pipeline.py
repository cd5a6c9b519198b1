"""The whole pipeline at scale: time per stage, end to end, peak memory, and the floor ratio.

Corpora of 1,000, 10,000 and 50,000 article files come from
:mod:`tests.benchmarks.scale` (real MultiLing news sentences, synthetic stories).
Every measurement runs in a fresh subprocess so that peak RSS is that run's own:

- *stages*: the pipeline's steps called one after another exactly as
  ``nlp.run.pipeline`` calls them (read + decode, clean, split into sentences and
  build articles, near-duplicates, vectorise + cluster, label, summarise,
  export to JSON);
- *end to end*: ``analyze_paths`` on the folder plus the JSON export, the path
  a user's ``topic-digest summarize FOLDER`` takes, with its peak RSS;
- *floor*: read every file, decode it and fit scikit-learn's
  ``TfidfVectorizer`` on the raw texts, the least any TF-IDF topic tool must do.
  The ratio end-to-end / floor holds on any machine.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.common import REPO, Context, Table, Target

_END_TO_END = "end_to_end"
_STAGES = "stages"
_FLOOR = "floor"


def _child(mode: str, folder: str) -> dict[str, float]:
    """Run in the subprocess: measure ``mode`` on ``folder``; return seconds per step and peak RSS."""
    import time

    from tests.benchmarks.common import peak_rss_mb, workers_peak_rss_mb

    files = sorted(Path(folder).glob("*.txt"))
    out: dict[str, float] = {}
    t0 = time.perf_counter()
    if mode == _FLOOR:
        from sklearn.feature_extraction.text import TfidfVectorizer

        from nlp.ingest.decode import decode_bytes

        texts = [decode_bytes(f.read_bytes()) for f in files]
        TfidfVectorizer().fit_transform(texts)
        out["floor"] = time.perf_counter() - t0
    elif mode == _END_TO_END:
        from nlp.export import render
        from nlp.run.pipeline import analyze_paths

        analysis = analyze_paths([folder])
        render(analysis, "json")
        out["end_to_end"] = time.perf_counter() - t0
        out["clusters"] = len(analysis.clusters)
        out["articles"] = len(analysis.articles)
        out["workers_peak_rss_mb"] = workers_peak_rss_mb()
    else:
        out.update(_stages(files))
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def _stages(files: list[Path]) -> dict[str, float]:
    import time

    from dataclasses import replace

    from nlp.topics.cluster import TopicClusterer
    from nlp.topics.dedup import mark_duplicates
    from nlp.export import render
    from nlp.ingest.build import make_article
    from nlp.ingest.clean import clean_text
    from nlp.ingest.decode import decode_bytes
    from nlp.summarize.selection import summarize
    from nlp.text.vocabulary import Vocabulary
    from nlp.topics.labels import describe_clusters
    from nlp.run.workers import Schedule
    from nlp.topics.vectors import vectorize
    from nlp.types import Analysis, Options

    times: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[name] = now - clock
        clock = now

    texts = [decode_bytes(f.read_bytes()) for f in files]
    lap("load")
    cleaned = [clean_text(t) for t in texts]
    lap("clean")
    articles = tuple(
        make_article(f.stem, c.paragraphs, path=str(f), title=c.title, kinds=c.kinds, source=c.source,
                     author=c.author, date=c.date)
        for f, c in zip(files, cleaned)
    )
    lap("split")
    vocabulary = Vocabulary()  # one per analysis, as the pipeline has: near-duplicates read the words first
    articles = mark_duplicates(articles, vocabulary=vocabulary)
    lap("dedup")
    options = Options()
    vectors = vectorize(articles, vocabulary=vocabulary, random_state=options.random_state)
    labels = TopicClusterer(n_clusters=None, granularity=options.granularity, language=options.language,
                            random_state=options.random_state).fit(articles, vectors=vectors, schedule=Schedule.serial()).labels_
    lap("vectorise + cluster")
    clusters = describe_clusters(articles, labels, language=options.language, vocabulary=vocabulary)
    lap("label")
    analysis = Analysis(articles=articles, clusters=clusters, options=options)
    clusters = tuple(replace(c, summary=summarize([analysis.article(i) for i in c.article_ids], method=options.method,
                                                  sentences=options.sentences, words=options.words,
                                                  language=options.language, vocabulary=vocabulary))
                     for c in clusters)
    analysis = replace(analysis, clusters=clusters)
    lap("summarise")
    render(analysis, "json")
    lap("export")
    return times


def _measure(mode: str, folder: Path) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_pipeline", "--child", mode, str(folder)],
        cwd=REPO, capture_output=True, text=True, timeout=3600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{mode} on {folder} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def run(ctx: Context) -> list[Table]:
    """Stage and end-to-end tables at each scale."""
    from tests.benchmarks.scale import write_scale_corpus

    sizes = (300,) if ctx.quick else (1_000, 10_000, 50_000)
    stage_rows: list[tuple[object, ...]] = []
    e2e_rows: list[tuple[object, ...]] = []
    targets: list[Target] = []
    stage_names: list[str] = []
    for n in sizes:
        repeats = 1 if ctx.quick or n > 10_000 else 3
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            write_scale_corpus(folder, n, ctx.multiling())
            stages = _median([_measure(_STAGES, folder) for _ in range(repeats)])
            e2e = _median([_measure(_END_TO_END, folder) for _ in range(repeats)])
            floor = _median([_measure(_FLOOR, folder) for _ in range(repeats)])
        stage_names = [k for k in stages if k != "peak_rss_mb"]
        stage_rows.append((f"{n:,}", *(f"{stages[k]:.2f}" for k in stage_names), f"{stages['peak_rss_mb']:.0f}"))
        ratio = e2e["end_to_end"] / floor["floor"]
        memory = e2e["peak_rss_mb"] + e2e["workers_peak_rss_mb"]
        e2e_rows.append((f"{n:,}", repeats, f"{e2e['end_to_end']:.1f}", f"{memory:.0f}",
                         f"{e2e['workers_peak_rss_mb']:.0f}", int(e2e["clusters"]), f"{floor['floor']:.1f}",
                         f"{ratio:.1f}"))
        if n == 10_000 or ctx.quick:
            targets += [Target(f"end to end, {n:,} articles", e2e["end_to_end"], 30, " s"),
                        Target(f"peak RSS with workers, {n:,} articles", memory, 1536, " MB"),
                        Target(f"pipeline / floor, {n:,} articles", ratio, 4)]
    return [
        Table(title="Pipeline stages (seconds; default options)",
              columns=("articles", *stage_names, "peak RSS MB"), rows=tuple(stage_rows),
              notes="One subprocess per run, stages called in the pipeline's order, all in that one "
                    "process (no loader workers), so that each stage's own cost shows; medians of 3 runs "
                    "(one at 50,000). Corpus: tests/benchmarks/scale.py."),
        Table(title="End to end: analyze_paths + JSON export, against the floor",
              columns=("articles", "runs", "seconds", "peak RSS MB (with workers)", "of which workers",
                       "topics", "floor seconds", "ratio"),
              rows=tuple(e2e_rows), targets=tuple(targets),
              notes="Floor: read + decode every file and fit scikit-learn's TfidfVectorizer on the raw "
                    "texts, in its own subprocess, in one process. Ratio = end to end / floor. From 400 "
                    "files on, the loader reads files in one worker process per core (here 2), and from "
                    "3,000 stories one of them merges the topics while the main process finds summary "
                    "candidates and counts phrases; workers run at a lower priority (nice 10) than the "
                    "main process. The workers' peak memory is "
                    "added to the main process's, an upper bound of what was held at once."),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(_child(sys.argv[2], sys.argv[3])))
    else:
        from tests.benchmarks.common import run_alone

        run_alone(run, sys.argv)
