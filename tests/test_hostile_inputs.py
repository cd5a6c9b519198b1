"""The bad-input corpus of hostile folders: each case is skipped with its reason and the rest goes through.

Git cannot hold FIFOs, device links or loops, so each test builds its hostile
pieces in ``tmp_path``.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from nlp.cli import main
from nlp.export import FORMATS, render
from nlp.ingest import load_jsonl_text, load_paths
from nlp.run.pipeline import analyze_paths
from tests.test_robustness import OTHER, STORY



def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, "utf-8")
    return folder


def _reasons(paths: list[Path]) -> dict[str, str]:
    corpus = load_paths(paths)
    assert [Path(a.path).name for a in corpus.articles] == ["good.txt"]
    return {Path(s.path).name: s.reason for s in corpus.skipped}


def _load_within(paths: list[Path], seconds: float) -> dict[str, str]:
    """:func:`_reasons` in a thread that must finish in ``seconds`` (a hang fails, not blocks, the test)."""
    result: dict[str, dict[str, str]] = {}
    thread = threading.Thread(target=lambda: result.update(r=_reasons(paths)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"loading took more than {seconds} s"
    return result["r"]


def test_a_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "named.json")  # named on the command line too
    reasons = _load_within([folder, tmp_path / "named.json"], 20)
    assert reasons == {
        "pipe.txt": f"{folder / 'pipe.txt'}: a FIFO (named pipe), not a regular file",
        "named.json": f"{tmp_path / 'named.json'}: a FIFO (named pipe), not a regular file",
    }


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_linked_as_a_text_file_is_not_read(tmp_path: Path, device: str) -> None:
    folder = _folder(tmp_path)
    os.symlink(device, folder / "x.txt")
    t0 = time.perf_counter()
    reasons = _load_within([folder], 20)
    assert time.perf_counter() - t0 < 10
    assert reasons == {"x.txt": f"{folder / 'x.txt'}: a character device, not a regular file"}


def test_the_size_limit_counts_bytes_read_not_the_reported_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import nlp.ingest.loader

    proc = Path("/proc/self/maps")  # a regular file whose st_size is 0, whatever it holds
    if not proc.exists() or proc.stat().st_size != 0 or len(proc.read_bytes()) <= 1000:
        pytest.skip("needs a /proc file that reports size 0")
    folder = _folder(tmp_path)
    os.symlink(proc, folder / "maps.txt")
    monkeypatch.setattr(nlp.ingest.loader, "MAX_FILE_BYTES", 1000)
    reasons = _reasons([folder])
    assert reasons == {"maps.txt": f"{folder / 'maps.txt'}: too large (more than the 1,000 bytes limit when read)"}


def test_a_socket_is_skipped(tmp_path: Path) -> None:
    import socket

    folder = _folder(tmp_path)
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "s.txt"))
        assert _reasons([folder]) == {"s.txt": f"{folder / 's.txt'}: a socket, not a regular file"}


DEEP = "[" * 1000 + "]" * 1000  # 2 KB


def test_deeply_nested_json_is_skipped_in_files_and_json_lines(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "deep.json").write_text(DEEP, "utf-8")
    (folder / "deep_obj.json").write_text('{"a":' * 1000 + "1" + "}" * 1000, "utf-8")
    (folder / "feed.jsonl").write_text(json.dumps({"title": "Storm", "text": OTHER}) + "\n" + DEEP + "\n", "utf-8")
    corpus = load_paths([folder])
    assert sorted(a.id for a in corpus.articles) == ["feed#1", "good"]
    assert sorted(s.reason for s in corpus.skipped) == [
        f"{folder / 'deep.json'}: malformed JSON at line 1, column 101: nested more than 100 levels deep",
        f"{folder / 'deep_obj.json'}: malformed JSON at line 1, column 501: nested more than 100 levels deep",
        f"{folder / 'feed.jsonl'}: malformed JSON on line 2, column 101: nested more than 100 levels deep",
    ]


def test_deeply_nested_json_on_stdin_and_in_config(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    piped = load_jsonl_text(json.dumps({"title": "Budget", "text": STORY}) + "\n" + DEEP + "\n")
    assert [a.id for a in piped.articles] == ["-#1"]
    assert [s.reason for s in piped.skipped] == ["-: malformed JSON on line 2, column 101: nested more than 100 levels deep"]
    monkeypatch.setattr("sys.stdin", io.StringIO(DEEP + "\n"))
    assert main(["summarize", "-", "--format", "json"]) == 1
    err = capsys.readouterr().err
    assert "nested more than 100 levels deep" in err and "Traceback" not in err
    (tmp_path / "settings.json").write_text('{"method":' + DEEP + "}", "utf-8")
    assert main(["summarize", "--sample", "--config", str(tmp_path / "settings.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not valid JSON" in err and "nested more than 100 levels deep" in err


def test_a_non_utf8_file_name_and_a_lone_surrogate_give_valid_utf8_digests(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.makedirs(os.fsencode(folder) + b"/d\xff", exist_ok=True)
    (folder / "caf\udce9.txt").write_text(STORY, "utf-8")  # the file name's bytes: b"caf\xe9.txt"
    with open(os.fsencode(folder) + b"/d\xff/f\xfe.txt", "w", encoding="utf-8") as handle:
        handle.write(STORY.replace("council", "senate"))
    text = OTHER.strip().replace("ferry", "\\udfff ferry")
    (folder / "feed.json").write_text('[{"title": "Storm \\ud800 warning", "text": "' + text + '"}]', "utf-8")
    analysis = analyze_paths([folder])
    assert sorted(a.path for a in analysis.articles) == sorted(
        [f"{folder}/caf\ufffd.txt", f"{folder}/d\ufffd/f\ufffd.txt", f"{folder}/feed.json"])
    assert {a.id for a in analysis.articles} == {"caf\ufffd", "f\ufffd", "feed#1"}
    storm = next(a for a in analysis.articles if a.id == "feed#1")
    assert storm.title == "Storm \ufffd warning" and "closed three \ufffd ferry lines" in storm.body
    for fmt in FORMATS:
        render(analysis, fmt).encode("utf-8")  # strict: no surrogate survives


def test_a_symlinked_folder_is_read_once_and_a_loop_is_reported(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "storm.txt").write_text(OTHER, "utf-8")
    os.symlink(outside, folder / "linked")
    os.symlink(outside, folder / "linked_again")
    os.symlink(folder, outside / "back")  # a loop through the linked folder
    corpus = load_paths([folder])
    assert sorted(a.path for a in corpus.articles) == [str(folder / "good.txt"), str(folder / "linked/storm.txt")]
    assert sorted(s.reason for s in corpus.skipped) == [
        f"{folder / 'linked/back'}: folder loop (links back to {folder}); not followed",
        f"{folder / 'linked_again'}: the same folder as {folder / 'linked'}, read once",
    ]


def test_an_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    (folder / "locked").mkdir()
    (folder / "locked" / "secret.txt").write_text(OTHER, "utf-8")
    real_scandir = os.scandir

    def refuse(path: object = ".") -> object:  # chmod 0 does not stop root: the system's answer played back
        if os.fspath(path).endswith("locked"):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", refuse)
    assert _reasons([folder]) == {"locked": f"{folder / 'locked'}: folder cannot be read (Permission denied)"}


def test_an_error_nobody_foresaw_in_one_file_skips_that_file_and_logs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, log_file: Path
) -> None:
    import nlp.ingest.html

    folder = _folder(tmp_path)
    (folder / "page.html").write_text(f"<html><body><p>{OTHER}</p></body></html>", "utf-8")

    def explode(text: str, **kwargs: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(nlp.ingest.html, "parse_html", explode)
    assert _reasons([folder]) == {
        "page.html": f"{folder / 'page.html'}: cannot be used (RecursionError: maximum recursion depth exceeded)"}
    log = log_file.read_text("utf-8")
    assert f"loading {folder / 'page.html'}" in log and "Traceback (most recent call last)" in log


def test_stdin_bytes_that_are_not_utf8_become_replacement_characters(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    line = json.dumps({"title": "Caf\u00e9 budget", "text": STORY}, ensure_ascii=False).encode("utf-8").replace(b"\xc3\xa9", b"\xe9")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(line + b"\n")))
    assert main(["summarize", "-", "--format", "json"]) == 0
    (article,) = json.loads(capsys.readouterr().out)["articles"]
    assert article["title"] == "Caf\ufffd budget"
