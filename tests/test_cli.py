"""`topic-digest summarize`, in-process and once as a subprocess: formats, exit codes, stdin, -o."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from nlp.cli import main
from tests.conftest import REPO, SEEDS

SCHEMA = json.loads((resources.files("nlp.schema") / "digest.schema.json").read_text("utf-8"))


def _cluster_with(document: dict, stem: str) -> dict:  # type: ignore[type-arg]
    return next(c for c in document["clusters"] if any(i.startswith(stem) for i in c["article_ids"]))


def test_json_digest_of_the_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", str(SEEDS), "--format", "json"]) == 0
    out = capsys.readouterr().out
    document = json.loads(out)
    jsonschema.validate(document, SCHEMA)
    assert len(document["articles"]) == 5
    assert _cluster_with(document, "000_") is _cluster_with(document, "001_")
    bodies = {}
    from nlp.ingest import load_paths

    for article in load_paths([SEEDS]).articles:
        bodies[article.id] = article.body
    for cluster in document["clusters"]:
        for s in cluster["summary"]:
            assert bodies[s["article_id"]][s["start"] : s["end"]] == s["text"]
    # byte-identical on a second run
    assert main(["summarize", str(SEEDS), "--format", "json"]) == 0
    assert capsys.readouterr().out == out


def test_every_format_writes_a_file(tmp_path: Path) -> None:
    for name in ("d.json", "d.md", "d.html", "d.csv", "d.txt"):
        assert main(["summarize", "--sample", "-o", str(tmp_path / name), "-q"]) == 0
    assert json.loads((tmp_path / "d.json").read_text("utf-8"))["schema_version"] == "1.1"
    assert "ASEAN" in (tmp_path / "d.md").read_text("utf-8")
    assert (tmp_path / "d.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "d.csv").read_text("utf-8"))))
    assert rows and all(r["article_id"] and r["text"] for r in rows)
    assert "Sources" in (tmp_path / "d.txt").read_text("utf-8")


def test_length_and_method_flags_shape_the_summaries(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", "--sample", "--format", "json", "--sentences", "1", "--method", "lexrank"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["options"]["method"] == "lexrank"
    assert all(len(c["summary"]) <= 1 for c in document["clusters"])
    assert main(["summarize", "--sample", "--format", "json", "--words", "40"]) == 0
    document = json.loads(capsys.readouterr().out)
    for c in document["clusters"]:
        assert sum(len(s["text"].split()) for s in c["summary"]) <= 40


def test_config_file_from_the_app_and_flag_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from nlp.config import save_options
    from nlp.types import Options

    settings = save_options(Options(sentences=2, method="luhn"), tmp_path / "settings.json")
    assert main(["summarize", "--sample", "--format", "json", "--config", str(settings), "--method", "lsa"]) == 0
    options = json.loads(capsys.readouterr().out)["options"]
    assert (options["sentences"], options["method"]) == (2, "lsa")


def test_skipped_inputs_warn_and_still_succeed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    assert main(["summarize", str(SEEDS), str(tmp_path), "--format", "text"]) == 0
    err = capsys.readouterr().err
    assert "warning: skipped" in err and "empty.txt" in err and "blob.txt" in err
    assert err.count("empty.txt") == 1, err  # named once, not "skipped X: X: empty file"
    assert main(["summarize", str(SEEDS), str(tmp_path), "--format", "text", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_nothing_usable_exits_1_naming_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["summarize", str(tmp_path / "empty.txt")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("topic-digest: error: ") and "empty.txt" in err
    assert "Traceback" not in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize"]) == 2
    assert "give at least one PATH" in capsys.readouterr().err
    for bad in (["--clusters", "zero"], ["--granularity", "3"], ["--method", "nope"],
                ["--sentences", "2", "--words", "9"]):
        with pytest.raises(SystemExit) as exit_info:
            main(["summarize", "--sample", *bad])
        assert exit_info.value.code == 2


def test_write_failure_exits_1_and_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", "--sample", "-o", str(tmp_path / "missing" / "d.json")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_help_lists_options_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["summarize", "--help"])
    out = capsys.readouterr().out
    for flag in ("--output", "--format", "--clusters", "--granularity", "--method", "--sentences",
                 "--words", "--language", "--config", "--sample", "--quiet", "exit codes", "examples"):
        assert flag in out


@pytest.mark.slow
def test_subprocess_reads_json_lines_from_stdin(tmp_path: Path) -> None:
    from nlp.ingest import load_paths

    lines = [
        json.dumps({"title": a.title, "text": a.body, "date": a.date, "source": a.source})
        for a in load_paths([SEEDS]).articles
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "nlp.cli", "summarize", "-", "--format", "json", "-o", str(tmp_path / "d.json")],
        input="\n".join(lines) + "\n", capture_output=True, text=True, cwd=REPO, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    document = json.loads((tmp_path / "d.json").read_text("utf-8"))
    assert len(document["articles"]) == 5 and all(a["path"] == "-" for a in document["articles"])
    assert [len(c["article_ids"]) for c in document["clusters"]] == [5]  # one theme: one topic

    version = subprocess.run([sys.executable, "-m", "nlp.cli", "--version"], capture_output=True, text=True,
                             cwd=REPO, timeout=120)
    assert version.returncode == 0 and version.stdout.startswith("topic-digest 0.")


def test_json_is_byte_identical_across_processes_whatever_the_string_hashing(tmp_path: Path) -> None:
    """Python salts string hashes per process: no set or dict order may leak into the digest."""
    import os

    outputs = []
    for seed in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "nlp.cli", "summarize", str(SEEDS), str(REPO / "tests" / "fixtures" / "ingest"),
             "--format", "json", "-q"],
            capture_output=True, cwd=REPO, timeout=300, env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1] and len(json.loads(outputs[0])["clusters"]) >= 2
