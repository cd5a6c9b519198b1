"""What every benchmark module shares: its context, its result tables, and measuring helpers.

Each ``tests/benchmarks/bench_<name>.py`` defines ``run(ctx: Context) -> list[Table]``;
``tests/benchmarks/run.py`` runs them all and writes one Markdown report.
"""

from __future__ import annotations

import os
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
DEFAULT_DATASETS = REPO.parent / "shared" / "datasets"
MULTILING = "multiling2011/TAC 2011 MultiLing Pilot Dataset"


@dataclass(frozen=True)
class Context:
    """How a benchmark should run.

    Parameters
    ----------
    quick : bool
        Smoke mode (CI): smallest sizes, one repeat; checks the harness, not the numbers.
    datasets : Path
        Folder holding the public data sets (``TOPIC_DIGEST_DATASETS`` or ``../shared/datasets``).
    repeats : int
        Runs per timing; the median is reported.
    """

    quick: bool = False
    datasets: Path = DEFAULT_DATASETS
    repeats: int = 5

    def multiling(self) -> Path:
        """The MultiLing 2011 English folder; raise FileNotFoundError with a clear message."""
        path = self.datasets / MULTILING
        if not path.is_dir():
            raise FileNotFoundError(
                f"MultiLing 2011 data not found at {path}; set TOPIC_DIGEST_DATASETS or --datasets"
            )
        return path


@dataclass(frozen=True)
class Target:
    """A target the report checks: ``value`` must be <= ``limit`` (or >= when ``at_least``)."""

    name: str
    value: float
    limit: float
    unit: str = ""
    at_least: bool = False

    @property
    def met(self) -> bool:
        return self.value >= self.limit if self.at_least else self.value <= self.limit


@dataclass(frozen=True)
class Table:
    """One result table of the report."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    notes: str = ""
    targets: tuple[Target, ...] = field(default_factory=tuple)


def median_time(fn: Callable[[], T], repeats: int) -> tuple[float, T]:
    """Run ``fn`` ``repeats`` times; return the median wall time in seconds and the last result."""
    times: list[float] = []
    result: T
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux: ru_maxrss is in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def workers_peak_rss_mb() -> float:
    """Sum of the peak resident memory of this process's live worker processes, in MB (Linux).

    The loader's worker processes stay up after a run; their peaks added to
    the parent's is an upper bound of what the run held at once.
    """
    import multiprocessing

    total = 0.0
    for child in multiprocessing.active_children():
        try:
            status = Path(f"/proc/{child.pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) / 1024
    return total


def datasets_from_env() -> Path:
    """The data sets folder: ``$TOPIC_DIGEST_DATASETS`` or ``../shared/datasets``."""
    return Path(os.environ.get("TOPIC_DIGEST_DATASETS", DEFAULT_DATASETS))


def run_alone(run: Callable[[Context], list[Table]], argv: list[str]) -> None:
    """Run one benchmark module from the command line and print its tables (``--quick`` for smoke mode)."""
    from tests.benchmarks.run import render_table

    for table in run(Context(quick="--quick" in argv, datasets=datasets_from_env())):
        print(render_table(table), end="\n\n")
