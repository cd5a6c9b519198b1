"""Ingest coverage: for every corpus, items in, articles kept, and what was skipped, by reason.

Corpora: the seeds; the in-repo fixtures (every shape ingest reads, the bad
records among them on purpose); a folder of bad input (empty, binary, broken
JSON, an unclosed CSV quote, a page of buttons, a digest the app exported);
MultiLing 2011's English source texts; AG News's test set (one headless CSV
of headline and snippet, 7,600 rows); and the scale corpus (10,000 files;
300 in smoke mode). An item is a file, or a record of a JSON, CSV or feed
file; items in = articles kept + items skipped, and AG News's row count is
also read independently with ``csv``. Without the data sets their rows say
"absent" and the rest still run.
"""

from __future__ import annotations

import csv
import re
import tempfile
import time
from collections import Counter
from pathlib import Path

from nlp.ingest import load_paths
from nlp.types import Corpus
from tests.benchmarks.common import REPO, SEEDS, Context, Table, Target

FIXTURES = REPO / "tests" / "fixtures" / "ingest"
AGNEWS = "agnews/test.csv"


def reasons(corpus: Corpus) -> Counter[str]:
    """Skips by reason, the path and numbers taken out ("record N has no article text")."""
    out: Counter[str] = Counter()
    for skip in corpus.skipped:
        reason = skip.reason.split(": ", 1)[1] if skip.reason.startswith(skip.path) else skip.reason
        reason = re.sub(r"\d+", "N", re.sub(r"\s*\([^)]*\)", "", reason).split(": skipped")[0])
        out[reason[:70]] += 1
    return out


def bad_input(folder: Path) -> Path:
    """Files that hold no article text, each broken in its own way; plus one digest the app exported."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 16)
    (folder / "broken.json").write_text('[{"title": "Half", "text": "A record cut in the mid', "utf-8")
    (folder / "unclosed.csv").write_text('title,text\n"Unclosed,"A quote that never ends\n', "utf-8")
    (folder / "buttons.txt").write_text("SHARE\n\n36\n\n•\n", "utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "digest.md").write_text("# Topic Digest\n\n<!-- generator: Topic Digest 0.1.0 -->\n\n1 article.\n",
                                      "utf-8")
    return folder


def _row(name: str, paths: list[Path], items: int | None = None) -> tuple[tuple[object, ...], int, int]:
    t0 = time.perf_counter()
    corpus = load_paths(paths)
    seconds = time.perf_counter() - t0
    counted = len(corpus.articles) + len(corpus.skipped)
    by_reason = "; ".join(f"{n} {r}" for r, n in reasons(corpus).most_common()) or "-"
    total = items if items is not None else counted
    return (name, total, len(corpus.articles), len(corpus.skipped), by_reason, f"{seconds:.2f}"), \
        total, len(corpus.articles)


def _agnews_rows(path: Path, limit: int | None, folder: Path) -> Path:
    """AG News itself, or its first ``limit`` rows (smoke mode) in a file in ``folder``."""
    if limit is None:
        return path
    lines = path.read_text("utf-8").splitlines(keepends=True)[:limit]
    out = folder / "agnews.csv"
    out.write_text("".join(lines), "utf-8")
    return out


def run(ctx: Context) -> list[Table]:
    """One table: a row per corpus."""
    rows: list[tuple[object, ...]] = []
    targets: list[Target] = []
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        rows.append(_row("seeds", [SEEDS])[0])
        rows.append(_row("in-repo fixtures", [FIXTURES])[0])
        rows.append(_row("bad input", [bad_input(Path(tmp) / "bad")])[0])
        multiling = ctx.datasets / "multiling2011" / "TAC 2011 MultiLing Pilot Dataset"
        if multiling.is_dir():
            files = sorted((multiling / "SourceTexts").glob("*.english"))
            row, total, kept = _row("MultiLing 2011 (English)", files, len(files))
            rows.append(row)
            targets.append(Target("MultiLing items kept", kept / max(1, total), 1.0, at_least=True))
        else:
            rows.append(("MultiLing 2011 (English)", "absent", "", "", "", ""))
        agnews = ctx.datasets / AGNEWS
        if agnews.is_file():
            source = _agnews_rows(agnews, 500 if ctx.quick else None, Path(tmp))
            with source.open(encoding="utf-8", newline="") as handle:
                items = sum(1 for _ in csv.reader(handle))
            row, total, kept = _row("AG News test set", [source], items)
            rows.append(row)
            targets.append(Target("AG News items kept", kept / max(1, total), 1.0, at_least=True))
        else:
            rows.append(("AG News test set", "absent", "", "", "", ""))
        if multiling.is_dir():
            from tests.benchmarks.scale import write_scale_corpus

            n = 300 if ctx.quick else 10_000
            write_scale_corpus(Path(tmp) / "scale", n, multiling)
            row, total, kept = _row(f"scale corpus ({n:,} files)", [Path(tmp) / "scale"], n)
            rows.append(row)
            targets.append(Target("scale items kept", kept / max(1, total), 1.0, at_least=True))
        else:
            rows.append(("scale corpus", "absent", "", "", "", ""))
    return [
        Table(
            title="Ingest coverage",
            columns=("corpus", "items in", "articles kept", "skipped", "skipped by reason", "seconds"),
            rows=tuple(rows),
            notes=__doc__ or "",
            targets=tuple(targets),
        )
    ]


if __name__ == "__main__":
    import sys

    from tests.benchmarks.common import run_alone

    run_alone(run, sys.argv)
