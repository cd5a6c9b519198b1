"""The standalone bundle (``packaging/build.sh``): its size, and how fast it starts as a user runs it.

Measured on ``dist/TopicDigest`` when it has been built; otherwise the table
says so and sets no target. Every run is in an empty environment (``env -i``,
a fresh HOME), as on a machine without Python: the headless digest of the
sample corpus, and the window offscreen (``--smoke-test`` prints when the
window and the analysis were shown).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import REPO, Context, Table, Target

BUNDLE = REPO / "dist" / "TopicDigest"


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def _clean_env(home: str, **extra: str) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": home, **extra}


def _starts(app: Path, repeats: int) -> tuple[float, float, float]:
    """Median seconds to the headless sample digest, to the window shown, to the sample shown in it."""
    headless, shown, analysed = [], [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as home:
            t0 = time.time()
            subprocess.run([str(app), "summarize", "--sample"], env=_clean_env(home), check=True,
                           capture_output=True, timeout=300)
            headless.append(time.time() - t0)
            t0 = time.time()
            out = subprocess.run([str(app), "--smoke-test"], env=_clean_env(home, QT_QPA_PLATFORM="offscreen"),
                                 check=True, capture_output=True, text=True, timeout=300).stdout
            stamps = {line.split(" at ")[0]: float(line.split(" at ")[1].split(":")[0])
                      for line in out.splitlines() if " at " in line}
            shown.append(stamps["window shown"] - t0)
            analysed.append(stamps["analysis shown"] - t0)
    return statistics.median(headless), statistics.median(shown), statistics.median(analysed)


def run(ctx: Context) -> list[Table]:
    title = "Standalone bundle (dist/TopicDigest, packaging/build.sh)"
    app = BUNDLE / "TopicDigest"
    if not app.is_file() or not os.access(app, os.X_OK):
        return [Table(title, ("measure", "value"), (("bundle", "not built: run packaging/build.sh first"),))]
    size = _size_mb(BUNDLE)
    archives = sorted((REPO / "dist").glob("TopicDigest-*.tar.gz"))
    download = archives[-1].stat().st_size / 1e6 if archives else float("nan")
    headless, shown, analysed = _starts(app, 1 if ctx.quick else 3)
    rows = (
        ("folder size (MB)", f"{size:.0f}"),
        ("download, .tar.gz (MB)", f"{download:.0f}"),
        ("headless `summarize --sample` (s)", f"{headless:.2f}"),
        ("window shown, offscreen (s)", f"{shown:.2f}"),
        ("sample corpus shown in the window (s)", f"{analysed:.2f}"),
    )
    return [Table(
        title, ("measure", "value"), rows,
        notes="Each start in an empty environment (env -i, a fresh HOME), from launch, the bootloader "
              "included; median of 3. Sizes in decimal MB of the files' bytes.",
        targets=(Target("bundle folder size", round(size), 250, " MB"),
                 Target("bundle window shown", round(shown, 2), 2.0, " s")),
    )]


if __name__ == "__main__":
    import sys

    from tests.benchmarks.common import run_alone

    run_alone(run, sys.argv)
