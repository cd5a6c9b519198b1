"""The Export dialog never starts in the corpus folder, and a digest saved there is not read back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.main_window import MainWindow
from tests.conftest import SEEDS

pytestmark = pytest.mark.gui
TIMEOUT = 120_000


def test_export_dialog_starts_outside_the_corpus_and_a_digest_there_is_skipped(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:6]:
        shutil.copy(seed, corpus / seed.name)
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.open_paths([str(corpus)])
    window.settings.set_last_folder(str(corpus))  # as "Open Folder" leaves it
    offered: list[str] = []

    def save_dialog(parent, caption, start, filters, selected):  # type: ignore[no-untyped-def]
        offered.append(start)
        return str(corpus / "digest.html"), selected  # the user insists on the corpus folder

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    window.export_dialog()
    (start,) = offered
    assert corpus not in Path(start).resolve().parents
    assert (corpus / "digest.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT) as blocker:
        window.open_paths([str(corpus)])
    analysis = blocker.args[0]
    assert all(not a.path.endswith("digest.html") for a in analysis.articles)
    assert [s.reason for s in analysis.skipped] == [f"{corpus / 'digest.html'}: a Topic Digest export"]


def test_export_dialog_adds_the_filters_extension_and_a_typed_extension_names_the_format(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.open_sample()
    out = tmp_path / "exports"
    out.mkdir()
    answers = iter([(str(out / "monday"), "Markdown digest (*.md)"),
                    (str(out / "tuesday.json"), "HTML digest (*.html)")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: next(answers))
    window.export_dialog()
    window.export_dialog()
    assert sorted(p.name for p in out.iterdir()) == ["monday.md", "tuesday.json"]
    assert (out / "monday.md").read_text("utf-8").startswith("# Topic Digest")
    assert json.loads((out / "tuesday.json").read_text("utf-8"))["clusters"]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out / "monday"), "Plain text (*.txt)"))
    (out / "monday.txt").write_text("kept", "utf-8")
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    window.export_dialog()  # the dialog asked about "monday", not "monday.txt": asked here, and declined
    assert (out / "monday.txt").read_text("utf-8") == "kept"
