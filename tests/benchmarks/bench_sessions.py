"""Sessions and edits: saving and reopening a session, and recomputing the topics an edit touches.

Reopening is timed from the file to the curated draft (read, parse, rebuild
every article), and in a fresh app process from File > Open Session to the
topics on screen, without the original files and without analysing. An edit is timed on a topic of 500 articles (made of the largest topics
of the scale corpus): one article moved into it, so that it and
the topic the article left are described and summarised again. The workbench
(the corpus's phrases, counted once per opened session, before the first
edit) is timed apart. ``--quick`` uses the twelve-article test corpus and
needs no data set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from tests.benchmarks.common import REPO, Context, Table, Target, median_time, run_alone

if TYPE_CHECKING:
    from nlp.edits import Draft, Workbench

BIG_TOPIC = 500


def _corpus(ctx: Context, folder: Path) -> tuple[int, list[str]]:
    if ctx.quick:
        from tests.topics_corpus import write_topics_corpus

        return 12, [str(p) for p in write_topics_corpus(folder)]
    from tests.benchmarks.scale import write_scale_corpus

    write_scale_corpus(folder, 10_000, ctx.multiling())
    return 10_000, [str(folder)]


def run(ctx: Context) -> list[Table]:
    """Save, reopen and edit timings at 10,000 articles (12 in smoke mode)."""
    from nlp import edits
    from nlp.run.pipeline import analyze_paths
    from nlp.session import read_session, save_session

    repeats = 1 if ctx.quick else ctx.repeats
    with tempfile.TemporaryDirectory() as tmp:
        n, paths = _corpus(ctx, Path(tmp) / "corpus")
        draft = edits.draft_of(analyze_paths(paths))
        path = Path(tmp) / "bench.tdigest"
        save_s, _ = median_time(lambda: save_session(draft, path), repeats)
        size_mb = os.path.getsize(path) / 1e6
        open_s, opened = median_time(lambda: read_session(path).reconciled(), repeats)
        assert opened.analysis.clusters and len(opened.corpus) == len(draft.corpus)
        bench_s, bench = median_time(lambda: edits.workbench(opened), 1)
        big, draft = _big_topic(opened, bench)
        size = len(draft.analysis.clusters[big].article_ids)
        donor = next(c for c in draft.analysis.clusters if c.id != big and len(c.article_ids) > 1)
        moving = donor.article_ids[-1]
        edit_s, edited = median_time(lambda: edits.move(draft, [moving], big, bench), repeats)
        assert moving in edited.analysis.clusters[big].article_ids
        window_s = _shown_in_window(path)
    rows = (
        ("save session", f"{n:,}", f"{save_s:.2f}"),
        ("reopen session (read, parse, rebuild)", f"{n:,}", f"{open_s:.2f}"),
        ("File > Open Session until shown (fresh app)", f"{n:,}", f"{window_s:.2f}"),
        ("workbench (phrases, once per session)", f"{n:,}", f"{bench_s:.2f}"),
        (f"move 1 article into a {size}-article topic", f"{n:,}", f"{edit_s:.2f}"),
    )
    label = f"{n:,} articles"
    return [Table(
        title="Sessions and edits (seconds)",
        columns=("step", "articles", "s"),
        rows=rows,
        notes=f"Session file {size_mb:.1f} MB. Median of {repeats}. Corpus: tests/benchmarks/scale.py "
              "(the twelve-article test corpus in smoke mode).",
        targets=(Target(f"session shown in the window, {label}", window_s, 2, " s"),
                 Target(f"recompute an edited topic of {size} articles", edit_s, 1, " s")),
    )]


def _big_topic(draft: Draft, bench: Workbench) -> tuple[int, Draft]:
    """A draft with a topic of BIG_TOPIC articles taken from the largest topics (two thirds of a small corpus)."""
    from nlp import edits

    size = min(BIG_TOPIC, 2 * len(draft.analysis.articles) // 3)
    ids = [i for c in draft.analysis.clusters if not c.is_other for i in c.article_ids][:size]
    draft = edits.split_off(draft, ids, bench)
    return next(c.id for c in draft.analysis.clusters if set(c.article_ids) == set(ids)), draft


def _shown_in_window(path: Path) -> float:
    """Seconds from File > Open Session to the topics on screen, in a fresh app process."""
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run([sys.executable, "-c", _PROBE, str(Path(tmp) / "settings.ini"), str(path)],
                              cwd=REPO, capture_output=True, text=True, timeout=600,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return float(json.loads(proc.stdout.strip().splitlines()[-1])["shown_s"])


_PROBE = r"""
import json, sys, time
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.main_window import MainWindow
window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
window.show()
app.processEvents()
result = {}
def shown(analysis):
    app.processEvents()
    result["shown_s"] = time.perf_counter() - t0
    app.quit()
window.analysis_shown.connect(shown)
t0 = time.perf_counter()
window.session_files.open(sys.argv[2])
app.exec()
window.close()
print(json.dumps(result))
"""


if __name__ == "__main__":
    run_alone(run, sys.argv)
