"""Run every benchmark and write one Markdown report: ``python -m tests.benchmarks.run``.

Each ``tests/benchmarks/bench_<name>.py`` module defines ``run(ctx) -> list[Table]``.
This script runs them in turn (one failing module is reported, the rest still
run), describes the machine, checks every target, and writes the report to
``bench-results/report.md`` (``--out``). ``--readme`` also replaces the
Performance section of README.md with the report. ``--quick`` is the smoke
mode CI runs: smallest sizes, one repeat; it proves the harness works, its
numbers mean little.

Exit code: 0 when every benchmark ran (targets missed are marked in the
report, not errors), 1 when a benchmark crashed, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
import traceback
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from tests.benchmarks.common import MULTILING, REPO, SMOKE_DATASETS, Context, Table, datasets_from_env

BENCH_DIR = Path(__file__).resolve().parent
README = REPO / "README.md"
SECTION_START = "<!-- performance -->"
SECTION_END = "<!-- /performance -->"
HOW_TO_RUN = (
    "Every benchmark runs with one command, after the test set-up command above: "
    "`.venv/bin/python -m tests.benchmarks.run` (about 15 minutes on the machine below, 2 more with the bundle built; `--quick` is the smoke mode the test "
    "suite runs, on tiny stand-ins in `tests/fixtures/smoke_datasets`; `--only NAME...` picks benchmarks; "
    "`--datasets DIR` or `TOPIC_DIGEST_DATASETS` points at the public data sets, by default `../shared/datasets`). "
    "It writes `bench-results/report.md`; `--readme` also puts the "
    "report here. The scale corpora are generated reproducibly from MultiLing 2011 by "
    "`tests/benchmarks/scale.py` (its docstring says how, and why it times like real news). "
    "`bench_corpora` sets the topics of every kind of corpus (one story, many events, snippets, subsets, "
    "other languages, AG News, scale) beside TF-IDF + KMeans and HDBSCAN; the many events are written for "
    "it (`tests/fixtures/events`, whose README says how)."
)


def available() -> list[str]:
    """Names of the benchmark modules (``bench_<name>.py``), sorted."""
    return sorted(p.stem[len("bench_"):] for p in BENCH_DIR.glob("bench_*.py"))


def machine() -> str:
    """One paragraph describing where the numbers were measured."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = []
    for package in ("numpy", "scipy", "scikit-learn", "joblib", "PyStemmer", "sumy", "PySide6-Essentials"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    return (f"{cpu}, {cores} cores{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; {', '.join(versions)}.")


def render_table(table: Table) -> str:
    """One table as Markdown, its targets listed under it."""
    lines = [f"### {table.title}", ""]
    lines.append("| " + " | ".join(str(c) for c in table.columns) + " |")
    lines.append("|" + "---|" * len(table.columns))
    for row in table.rows:
        lines.append("| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |")
    if table.targets:
        lines.append("")
        for target in table.targets:
            sign = ">=" if target.at_least else "<="
            mark = "met" if target.met else "**missed**"
            lines.append(f"- target {target.name}: {target.value:.3g}{target.unit} {sign} "
                         f"{target.limit:g}{target.unit}: {mark}")
    if table.notes:
        lines += ["", " ".join(table.notes.split())]
    return "\n".join(lines)


def report(results: dict[str, list[Table] | str], ctx: Context, command: str, seconds: float) -> str:
    """The whole report: command, machine, every table, a summary of targets."""
    tables = [t for r in results.values() if not isinstance(r, str) for t in r]
    targets = [t for table in tables for t in table.targets]
    missed = [t.name for t in targets if not t.met]
    lines = [
        f"Produced by `{command}` ({'smoke mode, numbers not meaningful' if ctx.quick else 'full run'}, "
        f"{seconds:.0f} s).",
        "",
        f"Machine: {machine()}",
        "",
        f"Targets met: {len(targets) - len(missed)} of {len(targets)}"
        + (f" (missed: {', '.join(missed)})." if missed else "."),
    ]
    for name, result in results.items():
        lines.append("")
        if isinstance(result, str):
            lines += [f"### {name}: failed", "", "```", result.strip(), "```"]
        else:
            lines += [render_table(table) + "\n" for table in result]
    return "\n".join(lines).rstrip() + "\n"


def update_readme(text: str, readme: Path = README) -> None:
    """Replace the Performance section of ``readme`` (between its markers) with ``text``."""
    from nlp.export.atomic import atomic_write_text

    content = readme.read_text(encoding="utf-8")
    section = f"{SECTION_START}\n## Performance\n\n{HOW_TO_RUN}\n\n{text}{SECTION_END}"
    if SECTION_END in content:
        head, rest = content.split(SECTION_START, 1)
        tail = rest.split(SECTION_END, 1)[1]
        content = head + section + tail
    else:
        content = content.replace(SECTION_START, section, 1)
    atomic_write_text(readme, content)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke mode: smallest sizes, one repeat")
    parser.add_argument("--only", nargs="+", metavar="NAME", help=f"run only these ({', '.join(available())})")
    parser.add_argument("--datasets", type=Path, default=None,
                        help="folder holding multiling2011/ and agnews/ (default: $TOPIC_DIGEST_DATASETS or "
                        "../shared/datasets; with --quick, the stand-ins in tests/fixtures/smoke_datasets)")
    parser.add_argument("--repeats", type=int, default=5, help="runs per timing; the median is reported")
    parser.add_argument("--out", type=Path, default=REPO / "bench-results" / "report.md", help="report file")
    parser.add_argument("--readme", action="store_true", help="also write the report into README.md's Performance section")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks; return the exit code."""
    args = _parser().parse_args(argv)
    names = args.only or available()
    unknown = sorted(set(names) - set(available()))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(available())}", file=sys.stderr)
        return 2
    datasets = args.datasets or (SMOKE_DATASETS if args.quick else datasets_from_env())
    ctx = Context(quick=args.quick, datasets=datasets, repeats=1 if args.quick else args.repeats)
    if not (ctx.datasets / MULTILING).is_dir():
        print(f"warning: no data sets at {ctx.datasets}; benchmarks that need them will fail "
              "(set TOPIC_DIGEST_DATASETS or --datasets)", file=sys.stderr)
    results: dict[str, list[Table] | str] = {}
    started = time.perf_counter()
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            results[name] = importlib.import_module(f"tests.benchmarks.bench_{name}").run(ctx)
        except Exception:  # one broken benchmark must not hide the others' numbers
            results[name] = traceback.format_exc()
        print(f"  {name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    command = "python -m tests.benchmarks.run" + (" --quick" if args.quick else "") + (
        f" --only {' '.join(args.only)}" if args.only else "")
    text = report(results, ctx, command, time.perf_counter() - started)
    from nlp.export.atomic import atomic_write_text

    args.out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(args.out, text)
    if args.readme:
        update_readme(text)
    print(f"report written to {args.out}", file=sys.stderr)
    return 1 if any(isinstance(r, str) for r in results.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
