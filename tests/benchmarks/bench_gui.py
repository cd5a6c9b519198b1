"""GUI: time to a visible window, time to the analysed sample corpus, longest event-loop stall."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.common import REPO, Context, Table, Target

_PROBE = r"""
import json, os, sys, time
t0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.app import configure_app
from desktop.main_window import MainWindow
configure_app(app)
settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
window = MainWindow(settings)
window.show()
app.processEvents()
visible = time.perf_counter() - t0
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"sklearn", "sumy"})
gaps = []
last = [time.perf_counter()]
def tick():
    now = time.perf_counter(); gaps.append(now - last[0]); last[0] = now
timer = QTimer(); timer.setInterval(5); timer.timeout.connect(tick); timer.start()
result = {}
def done(analysis):
    tick()  # the loop has not turned since the last tick: that wait is a stall too
    result["analysed"] = time.perf_counter() - t0
    result["articles"] = len(analysis.articles)
    result["stall_until_shown_ms"] = 1000 * max(gaps or [0])
    if os.environ.get("PROBE_FILTER"):  # a filter as a user types it: a word of the first topic, then two
        word = analysis.clusters[0].label.split()[0]
        times = []
        for query in (word, word + " " + analysis.clusters[0].label.split()[-1], ""):
            start = time.perf_counter()
            window.topics.filter_edit.setText(query)
            window.topics.apply_filter()
            app.processEvents()
            times.append(time.perf_counter() - start)
        result["filter_s"] = max(times)
        app.quit()
    else:
        QTimer.singleShot(500, app.quit)  # what the window still does once shown (a deferred refit) counts too
window.analysis_shown.connect(done)
window.session.failed.connect(lambda exc: (result.update(error=str(exc)), app.quit()))
paths = sys.argv[2:]
if paths:
    window.open_paths(paths)
else:
    window.open_sample()
app.exec()
timer.stop()
window.close()
result.update(visible=visible, heavy_at_visible=heavy, max_stall_ms=1000 * max(gaps or [0]))
print(json.dumps(result))
"""


def _probe(paths: list[str], *, filter_too: bool = False) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if filter_too:
        env["PROBE_FILTER"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [sys.executable, "-c", _PROBE, str(Path(tmp) / "s.ini"), *paths],
            cwd=REPO, capture_output=True, text=True, timeout=600, env=env,
        )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _corpus_files(ctx: Context, folder: Path, n: int) -> list[str]:
    """Write ``n`` article files made from MultiLing articles (whole, first half, second half)."""
    sources = sorted((ctx.multiling() / "SourceTexts").glob("*.english"))
    written = 0
    for variant in range(3):
        for src in sources:
            if written >= n:
                return [str(folder)]
            lines = src.read_text("utf-8").split("\n\n")
            title, body = lines[0], lines[2:]
            half = len(body) // 2
            part = body if variant == 0 else (body[:half] if variant == 1 else body[half:])
            text = f"{title} ({variant})\n\n" + "\n\n".join(part or body)
            (folder / f"{src.stem}_{variant}.txt").write_text(text, "utf-8")
            written += 1
    return [str(folder)]


def run(ctx: Context) -> list[Table]:
    """Median of a few fresh starts on the sample, and one run on a few hundred articles."""
    repeats = 1 if ctx.quick else 3
    samples = [_probe([]) for _ in range(repeats)]
    samples.sort(key=lambda r: float(r["visible"]))  # type: ignore[arg-type]
    mid = samples[len(samples) // 2]
    n = 60 if ctx.quick else 300
    with tempfile.TemporaryDirectory() as tmp:
        big = _probe(_corpus_files(ctx, Path(tmp), n))
    rows = [
        ("time to a visible window (s)", f"{mid['visible']:.2f}"),
        ("heavy modules loaded when visible", ", ".join(mid["heavy_at_visible"]) or "none"),  # type: ignore[arg-type]
        ("time to analysed sample corpus (s)", f"{mid['analysed']:.2f}"),
        (f"longest event-loop stall, {big.get('articles')} articles (ms)", f"{big['max_stall_ms']:.0f}"),
        (f"time to analysed {big.get('articles')} articles (s)", f"{big['analysed']:.2f}"),
    ]
    if not ctx.quick:
        from tests.benchmarks.scale import write_scale_corpus

        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            write_scale_corpus(folder, 10_000, ctx.multiling())
            huge = _probe([str(folder)], filter_too=True)
        rows += [
            ("time to analysed 10,000 articles (s)", f"{huge['analysed']:.2f}"),
            ("longest event-loop stall, 10,000 articles, until shown (ms)", f"{huge['stall_until_shown_ms']:.0f}"),
            ("slowest filter change, 10,000 articles (s)", f"{huge['filter_s']:.2f}"),
        ]
    return [Table(
        title="GUI responsiveness",
        columns=("measure", "value"),
        rows=tuple(rows),
        notes=f"Fresh subprocess per start, offscreen Qt; median of {repeats} starts. Stall: longest gap "
              "between ticks of a 5 ms QTimer from the start of the analysis to half a second after the window "
              "shows its result, the showing included (for 10,000 articles, up to and including the window "
              "taking in the result). Filter: typing a word of the first topic's "
              "label, then a second word, then clearing, each applied and painted; one run on the "
              "scale corpus (tests/benchmarks/scale.py).",
        targets=(
            Target("window visible", float(mid["visible"]), 1.5, "s"),  # type: ignore[arg-type]
            Target("event-loop stall during analysis", float(big["max_stall_ms"]), 100, "ms"),  # type: ignore[arg-type]
        ),
    )]


if __name__ == "__main__":
    from tests.benchmarks.common import run_alone

    run_alone(run, sys.argv)
