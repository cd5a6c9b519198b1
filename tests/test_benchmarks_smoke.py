"""The benchmark harness in smoke mode, so that it cannot rot between full runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.benchmarks import run as harness
from tests.benchmarks.common import DATASETS_ENV, Table, Target
from tests.conftest import REPO

pytestmark = pytest.mark.slow


def test_every_benchmark_runs_in_smoke_mode_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    bare = {**os.environ, DATASETS_ENV: str(tmp_path / "no-datasets")}  # as in a clone with nothing beside it
    proc = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.run", "--quick", "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=900, env=bare,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "warning: no data sets" not in proc.stderr  # smoke mode reads the in-repository stand-ins
    text = out.read_text(encoding="utf-8")
    assert text.startswith("Produced by `python -m tests.benchmarks.run --quick`")
    assert "failed" not in text.split("Targets met", 1)[1].split("\n")[0]
    for name in harness.available():
        assert f"running {name}" in proc.stderr
    assert "### Pipeline stages" in text and "### GUI responsiveness" in text
    assert "Machine: " in text and " cores" in text


def test_report_marks_missed_targets_and_rewrites_only_the_readme_section(tmp_path: Path) -> None:
    table = Table("Speed", ("what", "s"), (("x", 2.0),), targets=(Target("x fast", 2.0, 1.0, " s"),))
    from tests.benchmarks.common import Context

    text = harness.report({"speed": [table], "broken": "Traceback: boom"}, Context(quick=True), "cmd", 1.0)
    assert "Targets met: 0 of 1 (missed: x fast)." in text
    assert "- target x fast: 2 s <= 1 s: **missed**" in text
    assert "### broken: failed" in text and "Traceback: boom" in text
    readme = tmp_path / "README.md"
    readme.write_text("# T\n\n<!-- performance -->\n\n## Licence\n", encoding="utf-8")
    harness.update_readme("first\n", readme)
    harness.update_readme("second\n", readme)
    content = readme.read_text(encoding="utf-8")
    assert content == (f"# T\n\n<!-- performance -->\n## Performance\n\n{harness.HOW_TO_RUN}\n\nsecond\n"
                       "<!-- /performance -->\n\n## Licence\n")


def test_unknown_benchmark_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert harness.main(["--only", "nope"]) == 2
    assert "unknown benchmark(s): nope" in capsys.readouterr().err
