"""GUI test fixtures: a window with throw-away settings, and a guard against leftover worker threads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QMessageBox

from desktop.main_window import MainWindow
from tests.topics_corpus import write_topics_corpus

TOPICS_TIMEOUT = 120_000
"""Milliseconds a test waits for the three-topic corpus to be analysed or edited."""


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in a temporary ini file, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings: QSettings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The real main window, shown offscreen; fails the test if its worker is left running."""
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    runner = win.session.runner
    leftover = runner.active_threads()
    win.close()
    assert runner.wait(10_000), "a worker thread did not finish"
    assert leftover == 0 or not runner.busy, "the test left a job running"


@pytest.fixture(autouse=True)
def _no_dangling_threads() -> Iterator[None]:
    """Fail a test that leaves a job running on Qt's global pool (napari's _dangling_qthread_pool)."""
    yield
    pool = QThreadPool.globalInstance()
    if pool.activeThreadCount():
        pool.waitForDone(5_000)
        pytest.fail("a test left a worker thread running on the global thread pool")


@pytest.fixture
def topics_window(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The window showing the three-topic corpus; closing it at the end discards the edits without asking."""
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Discard)
    paths = [str(p) for p in write_topics_corpus(tmp_path / "articles")]
    with qtbot.waitSignal(window.analysis_shown, timeout=TOPICS_TIMEOUT):
        window.open_paths(paths)
    window.activateWindow()
    yield window
    qtbot.waitUntil(lambda: not window.session.runner.busy, timeout=TOPICS_TIMEOUT)
