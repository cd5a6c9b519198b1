"""File > Save Session / Open Session: a curated session reopens without its files, exactly as saved."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.main_window import MainWindow
from tests.desktop.conftest import TOPICS_TIMEOUT
from nlp.export import FORMATS

pytestmark = pytest.mark.gui
TIMEOUT = TOPICS_TIMEOUT


@pytest.fixture
def edited(qtbot, topics_window: MainWindow) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The window with the three-topic corpus, one article moved and one topic renamed."""
    window = topics_window
    clusters = window.session.analysis.clusters  # type: ignore[union-attr]
    harbour = next(c.id for c in clusters if "harbour-1" in c.article_ids)
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.edit_actions.move_articles(["glacier-1"], harbour)
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.edit_actions.rename_topic(harbour, "Ports")
    yield window


def _exports(window: MainWindow, folder: Path) -> dict[str, bytes]:
    folder.mkdir(exist_ok=True)
    out = {}
    for fmt in FORMATS:
        assert window.export_to(str(folder / f"digest.{fmt}"), fmt)
        out[fmt] = (folder / f"digest.{fmt}").read_bytes()
    return out


def test_save_then_reopen_elsewhere_shows_and_exports_the_same(  # type: ignore[no-untyped-def]
        qtbot, edited: MainWindow, tmp_path: Path, monkeypatch) -> None:
    session = tmp_path / "work.tdigest"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(session.with_suffix("")), ""))
    assert edited.isWindowModified()
    qtbot.keyClick(edited, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert session.is_file() and not edited.isWindowModified()
    assert edited.windowTitle().endswith("[*] — 12 articles — Topic Digest")  # "*" only while modified
    before = _exports(edited, tmp_path / "before")
    shutil.rmtree(tmp_path / "articles")  # another machine: the original files are not there
    other = MainWindow(QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(session), ""))
    with qtbot.waitSignal(other.analysis_shown, timeout=TIMEOUT):
        other.session_files.open_action.trigger()  # File > Open Session… (Ctrl+O)
    assert _exports(other, tmp_path / "after") == before
    proxy = other.topics.proxy
    assert "Ports" in [proxy.index(r, 0).data(Qt.ItemDataRole.EditRole) for r in range(proxy.rowCount())]
    assert other.windowTitle().startswith("work.tdigest")
    assert not other.isWindowModified() and not other.edit_actions.undo.isEnabled()
    assert [a.text() for a in other.session_files.recent_menu.actions()] == ["work.tdigest"]
    assert other.session_files.open_action.shortcut().toString() == "Ctrl+O"
    with qtbot.waitSignal(other.analysis_shown, timeout=TIMEOUT):  # edits go on in the reopened session
        music = next(c.id for c in other.session.analysis.clusters if "orchestra-1" in c.article_ids)  # type: ignore[union-attr]
        other.edit_actions.move_articles(["glacier-2"], music)
    assert other.isWindowModified()
    other.session_files.save()
    assert not other.isWindowModified()
    saved = json.loads(session.read_text(encoding="utf-8"))["digest"]["clusters"]
    assert "glacier-2" in next(c for c in saved if "orchestra-1" in c["article_ids"])["article_ids"]
    other.close()


def test_save_as_asks_before_the_added_suffix_replaces_a_session(  # type: ignore[no-untyped-def]
        qtbot, edited: MainWindow, tmp_path: Path, monkeypatch) -> None:
    session = tmp_path / "work.tdigest"
    session.write_text("last week's session", "utf-8")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(tmp_path / "work"), ""))
    asked: list[str] = []

    def answer(reply):  # type: ignore[no-untyped-def]
        return lambda parent, title, text, *args: asked.append(text) or reply

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    assert not edited.session_files.save_as()
    assert asked == [f"{session} already exists. Replace it?"] and session.read_text("utf-8") == "last week's session"
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    assert edited.session_files.save_as() and not edited.isWindowModified()
    assert json.loads(session.read_text("utf-8"))["digest"]["clusters"]


def test_closing_with_unsaved_edits_asks(qtbot, edited: MainWindow, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        return lambda *args, **kwargs: asked.append(args[2]) or button

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    assert not edited.close()
    assert edited.isVisible() and "not saved" in asked[0]
    session = tmp_path / "kept.tdigest"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(session), ""))
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Save))
    assert edited.close()
    assert session.is_file() and len(asked) == 2


def test_a_session_edited_by_hand_opens_with_its_topics_recomputed(  # type: ignore[no-untyped-def]
        qtbot, edited: MainWindow, tmp_path: Path) -> None:
    session = tmp_path / "hand.tdigest"
    assert edited.session_files.save_to(str(session))
    document = json.loads(session.read_text(encoding="utf-8"))
    clusters = document["digest"]["clusters"]
    moved = clusters[0]["article_ids"].pop()
    clusters[1]["article_ids"].append(moved)
    session.write_text(json.dumps(document), encoding="utf-8")
    with qtbot.waitSignal(edited.analysis_shown, timeout=TIMEOUT) as blocker:
        edited.session_files.open(str(session))
    analysis = blocker.args[0]
    assert moved in analysis.clusters[1].article_ids
    assert edited.isWindowModified()  # what is shown is no longer what the file holds


def test_a_corrupt_or_newer_session_is_refused_with_a_dialog(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    session = tmp_path / "new.tdigest"
    session.write_text('{"format": "topic-digest-session", "version": 7}', encoding="utf-8")
    window.session_files.open(str(session))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error_dialog") is not None, timeout=TIMEOUT)
    box = window.findChild(QMessageBox, "error_dialog")
    assert "newer Topic Digest (session version 7)" in box.text() and "\n" not in box.text()
    box.close()
    assert window.session.analysis is None
