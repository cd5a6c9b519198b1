"""Editing topics in the window as a user would: F2 and typing, shortcuts, drag and drop, context menu, undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QMessageBox

from desktop.main_window import MainWindow
from tests.desktop.conftest import TOPICS_TIMEOUT
from desktop.roles import Role
from nlp.types import Analysis

pytestmark = pytest.mark.gui
TIMEOUT = TOPICS_TIMEOUT


@pytest.fixture
def edit_window(topics_window: MainWindow) -> MainWindow:
    """The window showing the three-topic corpus (``tests/desktop/conftest.py``)."""
    return topics_window


def _shown(window: MainWindow) -> Analysis:
    assert window.session.analysis is not None
    return window.session.analysis


def _topic_row(window: MainWindow, theme: str) -> QModelIndex:
    cluster = next(c for c in _shown(window).clusters if c.article_ids[0].startswith(theme))
    return window.topics.proxy.mapFromSource(window.topics.model.cluster_index(cluster.id))


def _article_row(window: MainWindow, article_id: str) -> QModelIndex:
    return window.topics.proxy.mapFromSource(window.topics.model.article_index(article_id))


def _labels(window: MainWindow) -> list[str]:
    proxy = window.topics.proxy
    return [proxy.index(r, 0).data(Qt.ItemDataRole.EditRole) for r in range(proxy.rowCount())]  # without "N. "


def _select(window: MainWindow, *indexes: QModelIndex) -> None:
    tree = window.topics.tree
    tree.setCurrentIndex(indexes[0])
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for index in indexes[1:]:
        tree.selectionModel().select(index, flags)


def _summary_lines(window: MainWindow) -> list[str]:
    model = window.summary.model
    return [model.index(r).data() for r in range(model.rowCount())]


def _edit_done(qtbot, window: MainWindow, trigger) -> Analysis:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT) as blocker:
        trigger()
    return blocker.args[0]  # type: ignore[no-any-return]


def test_f2_renames_a_topic_and_undo_redo_name_the_step(qtbot, edit_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = edit_window
    row = _topic_row(window, "glacier")
    old = row.data(Qt.ItemDataRole.EditRole)
    window.topics.tree.setCurrentIndex(row)
    window.topics.tree.setFocus()
    qtbot.keyClick(window.topics.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == old
    editor.selectAll()
    qtbot.keyClicks(editor, "Melting ice")
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert "Melting ice" in _labels(window)
    assert window.summary.title.text().endswith(". Melting ice")
    assert window.edit_actions.undo.text() == f"&Undo Rename “{old}” to “Melting ice”"
    assert window.isWindowModified()
    _edit_done(qtbot, window, lambda: qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert old in _labels(window) and "Melting ice" not in _labels(window)
    _edit_done(qtbot, window, lambda: qtbot.keyClick(
        window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    assert "Melting ice" in _labels(window)


def test_double_click_on_a_label_edits_it(qtbot, edit_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = edit_window
    tree = window.topics.tree
    row = _topic_row(window, "harbour")
    rect = tree.visualRect(row)
    qtbot.mousePress(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == row.data(Qt.ItemDataRole.EditRole)


def test_dragging_an_article_onto_a_topic_moves_it_and_updates_the_summary(  # type: ignore[no-untyped-def]
        qtbot, edit_window: MainWindow, tmp_path: Path) -> None:
    window = edit_window
    proxy = window.topics.proxy
    before = {c.id: c for c in _shown(window).clusters}
    data = proxy.mimeData([_article_row(window, "glacier-1")])
    target = _topic_row(window, "harbour")
    assert proxy.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    analysis = _edit_done(qtbot, window, lambda: proxy.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target))
    harbour = next(c for c in analysis.clusters if c.article_ids[0].startswith("harbour")
                   or "harbour-1" in c.article_ids)
    assert "glacier-1" in harbour.article_ids
    row = _topic_row(window, "harbour")
    assert row.siblingAtColumn(1).data() == 5
    titles = [proxy.index(r, 0, row).data() for r in range(proxy.rowCount(row))]
    assert any(title.endswith("] Glacier report 1") for title in titles)  # "[n] title", numbered as in the digests
    window.topics.tree.setCurrentIndex(row)
    assert len(_summary_lines(window)) == len(harbour.summary.sentences)
    glacier = next(c for c in analysis.clusters if "glacier-2" in c.article_ids)
    assert glacier.summary != before[glacier.id].summary or glacier.article_ids != before[glacier.id].article_ids
    assert window.edit_actions.undo.text().startswith("&Undo Move 1 article to “")
    assert window.export_to(str(tmp_path / "digest.json"))
    exported = json.loads((tmp_path / "digest.json").read_text(encoding="utf-8"))
    assert "glacier-1" in next(c for c in exported["clusters"] if "harbour-1" in c["article_ids"])["article_ids"]


def test_context_menu_moves_and_delete_excludes(qtbot, edit_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = edit_window
    _select(window, _article_row(window, "orchestra-2"))
    menu = window.edit_actions.context_menu()
    move = next(a.menu() for a in menu.actions() if a.text() == "Mo&ve to")
    assert isinstance(move, QMenu)
    glacier_label = _topic_row(window, "glacier").data()
    entry = next(a for a in move.actions() if a.text().endswith(glacier_label))
    analysis = _edit_done(qtbot, window, entry.trigger)
    assert "orchestra-2" in next(c for c in analysis.clusters if "glacier-1" in c.article_ids).article_ids
    _select(window, _article_row(window, "orchestra-3"))
    window.topics.tree.setFocus()
    analysis = _edit_done(qtbot, window, lambda: qtbot.keyClick(window.topics.tree, Qt.Key.Key_Delete))
    assert "orchestra-3" not in {a.id for a in analysis.articles}
    assert not window.topics.model.article_index("orchestra-3").isValid()
    assert window.edit_actions.undo.text() == "&Undo Exclude 1 article"


def test_merge_split_and_new_topic_from_articles(qtbot, edit_window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = edit_window
    _select(window, _topic_row(window, "harbour"), _topic_row(window, "orchestra"))
    window.topics.tree.setFocus()
    analysis = _edit_done(qtbot, window, lambda: qtbot.keyClick(window, Qt.Key.Key_M,
                                                                Qt.KeyboardModifier.ControlModifier))
    assert window.topics.proxy.rowCount() == 2
    merged = next(c for c in analysis.clusters if len(c.article_ids) == 8)
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getInt", lambda *args, **kwargs: (2, True))
    window.topics.tree.setCurrentIndex(window.topics.proxy.mapFromSource(window.topics.model.cluster_index(merged.id)))
    analysis = _edit_done(qtbot, window, window.edit_actions.split.trigger)
    assert window.topics.proxy.rowCount() == 3
    assert sorted(len(c.article_ids) for c in analysis.clusters) == [4, 4, 4]
    _select(window, _article_row(window, "glacier-3"), _article_row(window, "glacier-4"))
    analysis = _edit_done(qtbot, window, lambda: qtbot.keyClick(
        window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    assert window.topics.proxy.rowCount() == 4
    assert any(set(c.article_ids) == {"glacier-3", "glacier-4"} for c in analysis.clusters)
    assert window.edit_actions.undo.text() == "&Undo Make 2 articles a topic"
    analysis = _edit_done(qtbot, window, window.edit_actions.undo.trigger)
    assert window.topics.proxy.rowCount() == 3


def test_an_impossible_edit_explains_itself(qtbot, edit_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = edit_window
    _select(window, _topic_row(window, "harbour"))
    window.edit_actions.merge.trigger()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error_dialog") is not None, timeout=TIMEOUT)
    box = window.findChild(QMessageBox, "error_dialog")
    assert "choose two topics or more" in box.text()
    box.close()
    assert window.topics.proxy.rowCount() == 3 and not window.isWindowModified()


def test_topic_rows_know_their_articles_and_the_drop_target(edit_window: MainWindow) -> None:
    window = edit_window
    model = window.topics.model
    article = model.article_index("harbour-2")
    assert article.data(Role.KIND) == "article"
    assert model.drop_target(article) == model.drop_target(article.parent())
    assert not model.flags(article) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(article.parent()) & Qt.ItemFlag.ItemIsEditable


def test_edits_are_computed_off_the_gui_thread(qtbot, edit_window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import threading

    from nlp import edits

    window = edit_window
    threads = []
    real = edits.exclude

    def exclude(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(edits, "exclude", exclude)
    _select(window, _article_row(window, "harbour-3"))
    with qtbot.waitSignal(window.session.runner.busy_changed, timeout=TIMEOUT) as started:
        window.edit_actions.exclude.trigger()
    assert started.args == [True]
    qtbot.waitUntil(lambda: not window.topics.model.article_index("harbour-3").isValid(), timeout=TIMEOUT)
    assert threads and threads[0] is not threading.main_thread()
