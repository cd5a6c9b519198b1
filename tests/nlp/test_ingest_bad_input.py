"""Bad input never stops a load: each bad file or record is skipped with a reason naming it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from nlp.run.cancel import CancelToken
from nlp.errors import Cancelled
from nlp.ingest import load_paths

GOOD = "The council met on Tuesday. It approved the budget for next year.\n"


def _reasons(folder: Path) -> dict[str, str]:
    corpus = load_paths([folder])
    assert [a.id for a in corpus.articles] == ["good"]
    return {Path(s.path).name: s.reason for s in corpus.skipped}


def test_each_bad_file_is_skipped_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n  ")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "broken.json").write_text('{"title": "x", "text": ')
    (tmp_path / "slides.pdf").write_bytes(b"%PDF-1.4 ...")
    (tmp_path / "noise.txt").write_text("36\n0\nSHARE\n")
    reasons = _reasons(tmp_path)
    assert set(reasons) == {"empty.txt", "blank.txt", "image.txt", "broken.json", "slides.pdf", "noise.txt"}
    assert "empty file" in reasons["empty.txt"] and "empty.txt" in reasons["empty.txt"]
    assert "binary" in reasons["image.txt"]
    assert "malformed JSON" in reasons["broken.json"]
    assert "unsupported file type '.pdf'" in reasons["slides.pdf"]
    assert "no article text" in reasons["noise.txt"]


def test_oversized_single_line_file_is_skipped_without_reading(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB of one "line", sparse on disk
    t0 = time.perf_counter()
    reasons = _reasons(tmp_path)
    assert time.perf_counter() - t0 < 2.0
    assert "too large (50.0 MB; the limit is 20 MB)" in reasons["huge.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    try:
        assert "cannot be read" in _reasons(tmp_path)["locked.txt"]
    finally:
        locked.chmod(0o644)


def test_undecodable_bytes_are_skipped_not_mojibake(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "control.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 50)
    assert "control.txt" in _reasons(tmp_path)


def test_missing_path_is_reported() -> None:
    corpus = load_paths(["/no/such/folder"])
    assert corpus.articles == ()
    assert "no such file or folder" in corpus.skipped[0].reason


def test_malformed_csv_quote_names_file_and_row(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "rows.csv").write_text('title,text\n"A","Text of the first record. It is fine."\n"B","unclosed\n')
    corpus = load_paths([tmp_path])
    assert sorted(a.id for a in corpus.articles) == ["good", "rows#1"]
    (bad,) = corpus.skipped
    assert bad.record == 2 and "rows.csv" in bad.reason


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_ten_thousand_files_report_progress_and_can_be_cancelled(
    tmp_path: Path, workers: int, recwarn: pytest.WarningsRecorder
) -> None:
    from nlp.run.workers import Schedule

    for i in range(10_000):
        (tmp_path / f"{i:05d}.txt").write_text(f"Story number {i} happened today. It was short.\n")
    token = CancelToken()
    seen: list[tuple[float, str]] = []

    def progress(fraction: float, message: str) -> None:
        seen.append((fraction, message))
        if fraction > 0.3:
            token.cancel()

    with pytest.raises(Cancelled, match="cancelled"):
        load_paths([tmp_path], progress=progress, cancel=token, schedule=Schedule(workers=workers))
    assert 0.3 < seen[-1][0] < 0.4
    first = "Loading 1/10000 files" if workers == 1 else "Loading 10000 files in 2 processes"
    assert seen[0][1] == first
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions)
    assert [str(w.message) for w in recwarn] == []  # joblib's note on dropped tasks is not the user's concern
