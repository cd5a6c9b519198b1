"""What `topic-digest summarize` tells a user: version, usage, progress, and topics it could not make."""

from __future__ import annotations

import csv
import io
import json
import re
import types
from pathlib import Path

import pytest

import nlp.cli
from nlp import __version__
from nlp.cli import main
from tests.conftest import SEEDS


class _Terminal(io.StringIO):
    """A standard error stream that says it is a terminal, so the CLI draws its progress line."""

    def isatty(self) -> bool:
        return True


def test_version_is_answered_by_the_subcommand_too(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["summarize", "--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"topic-digest {__version__}\n"


def test_an_unknown_flag_prints_the_subcommands_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["summarize", "--sample", "--bogus"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: topic-digest summarize ")
    assert "topic-digest summarize: error: unrecognized arguments: --bogus" in err


def test_progress_is_one_bar_that_never_runs_backwards(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter(range(1, 10_000))  # a second passes between calls: every update is drawn
    monkeypatch.setattr(nlp.cli, "time", types.SimpleNamespace(monotonic=lambda: float(next(clock))))
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["summarize", str(SEEDS), "--format", "json", "-q"]) == 0
    shown = re.findall(r"\r\x1b\[K\s*(\d+)% ([^\r]*)", terminal.getvalue())
    percents = [int(p) for p, _ in shown]
    assert any(m.startswith("Loading") for _, m in shown) and any(m.startswith("Summarising") for _, m in shown)
    assert percents == sorted(percents), shown
    assert percents[0] < 10 and percents[-1] == 100


def test_more_topics_than_stories_says_how_many_were_possible(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", str(SEEDS), "--clusters", "500", "--format", "json"]) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    made = len(document["clusters"])
    assert made < 500
    warnings = [line for line in captured.err.splitlines() if "warning" in line]
    assert warnings == [f"topic-digest: warning: asked for 500 topics; {made} were possible: "
                        f"the 5 articles tell {made} distinct stories"]


def test_topic_numbers_agree_in_every_format(tmp_path: Path) -> None:
    for name in ("d.json", "d.md", "d.csv", "d.txt", "d.html"):
        assert main(["summarize", "--sample", "-o", str(tmp_path / name), "-q"]) == 0
    document = json.loads((tmp_path / "d.json").read_text("utf-8"))
    numbered = {c["topic"]: c["label"] for c in document["clusters"]}
    assert sorted(numbered) == list(range(1, len(numbered) + 1))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "d.csv").read_text("utf-8"))))
    assert {(int(r["topic"]), r["cluster_label"]) for r in rows} <= set(numbered.items())
    assert min(int(r["topic"]) for r in rows) == 1
    markdown = (tmp_path / "d.md").read_text("utf-8")
    text = (tmp_path / "d.txt").read_text("utf-8")
    html = (tmp_path / "d.html").read_text("utf-8")
    for number, label in numbered.items():
        assert f"## {number}. {label}" in markdown
        assert f"\n{number}. {label}\n" in "\n" + text
        assert re.search(rf"<h2>(<span [^>]*></span>)?{number}\. {re.escape(label)}</h2>", html)  # after a colour swatch


def test_digests_name_a_skipped_file_once(tmp_path: Path) -> None:
    empty = tmp_path / "in" / "empty.txt"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    for name in ("d.md", "d.txt", "d.html"):
        assert main(["summarize", str(SEEDS), str(empty), "-o", str(tmp_path / name), "-q"]) == 0
        written = (tmp_path / name).read_text("utf-8")
        assert written.count(str(empty)) == 1, name
        assert "empty file" in written
