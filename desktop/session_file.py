"""File > Open Session / Save Session: ``.tdigest`` files read off the GUI thread, written atomically."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from desktop.actions import make_action
from desktop.dialogs import replace_confirmed, show_error
from desktop.edits import Editor
from desktop.settings import Settings
from nlp.edits import Draft
from nlp.run.cancel import CancelToken, Progress

FILTER = "Topic Digest sessions (*.tdigest)"


class SessionFiles(QObject):
    """Opens and saves sessions; knows the current file and whether there are edits to save.

    Signals
    -------
    opened(object, str)
        A session's :class:`~nlp.edits.Draft` is shown, and the file it came from.
    saved(str)
        The session was written to this file.
    """

    opened = Signal(object, str)
    saved = Signal(str)

    def __init__(self, window: QMainWindow, editor: Editor, settings: Settings, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.editor = editor
        self.settings = settings
        self.path: Path | None = None
        self.open_action = make_action(self.window, "&Open Session…", self.open_dialog, "Ctrl+O",
                                        "Reopen a saved session: topics, edits and texts, without analysing again")
        self.save_action = make_action(self.window, "&Save Session", self.save, "Ctrl+S",
                                        "Save the topics, your edits and the articles' texts in one file")
        self.save_as_action = make_action(self.window, "Save Session &As…", self.save_as, "Ctrl+Shift+S",
                                           "Save the session in a new file")
        self.recent_menu = QMenu("Recent Sessions", window)
        self.recent_menu.setToolTipsVisible(True)
        first = menu.actions()[0] if menu.actions() else None
        menu.insertActions(first, [self.open_action])
        menu.insertMenu(first, self.recent_menu)
        menu.insertActions(first, [self.save_action, self.save_as_action])
        menu.insertSeparator(first)
        self.refresh_recent()

    @property
    def modified(self) -> bool:
        """Whether the shown topics have edits no session file holds."""
        return self.editor.draft is not None and not self.editor.stack.isClean()

    # ----- opening ------------------------------------------------------------------------
    def open_dialog(self) -> None:
        """Ask for a session file and open it."""
        path, _ = QFileDialog.getOpenFileName(self.window, "Open Session", self.settings.last_folder(), FILTER)
        if path:
            self.open(path)

    def open(self, path: str) -> None:
        """Read the session at ``path`` in the worker and show it (edits made by hand brought up to date)."""
        if not self.confirm_discard():
            return
        chosen = Path(path)

        def task(progress: Progress, cancel: CancelToken) -> tuple[Draft, bool]:
            from nlp.session import read_session

            progress(0.0, f"Opening {chosen.name}")
            opened = read_session(chosen)
            if opened.stale:
                progress(0.3, f"Recomputing {len(opened.stale)} topics edited by hand")
            return opened.reconciled(cancel=cancel), not opened.stale

        self.editor.runner.start(task, on_finished=lambda result: self._on_read(chosen, *result),
                                 on_failed=lambda exc: show_error(self.window, "Cannot open the session", str(exc)))

    def _on_read(self, path: Path, draft: Draft, clean: bool) -> None:
        self.path = path
        self.settings.add_recent_session(str(path))
        self.settings.set_last_folder(str(path.parent))
        self.refresh_recent()
        self.editor.reset(draft, clean=clean)
        self.opened.emit(draft, str(path))

    def refresh_recent(self) -> None:
        """Rebuild the Recent Sessions menu from the settings."""
        self.recent_menu.clear()
        for path in self.settings.recent_sessions():
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.open(p))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    # ----- saving -------------------------------------------------------------------------
    def save(self) -> bool:
        """Save to the current session file (asking for one the first time); return whether it was saved."""
        if self.path is None:
            return self.save_as()
        return self.save_to(str(self.path))

    def save_as(self) -> bool:
        """Ask for a file and save the session there."""
        if self.editor.draft is None:
            return False
        start = str(self.path or Path(self.settings.last_folder() or Path.home()) / "digest.tdigest")
        path, _ = QFileDialog.getSaveFileName(self.window, "Save Session", start, FILTER)
        if not path:
            return False
        if not path.endswith(".tdigest"):
            path += ".tdigest"
            if not replace_confirmed(self.window, path):
                return False
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the session to ``path`` atomically; show a dialog naming the file if that fails."""
        from nlp.errors import TopicDigestError
        from nlp.session import save_session

        if self.editor.draft is None:
            return False
        try:
            save_session(self.editor.draft, path)
        except TopicDigestError as exc:
            show_error(self.window, "Save failed", str(exc))
            return False
        self.path = Path(path)
        self.editor.stack.setClean()
        self.settings.add_recent_session(path)
        self.settings.set_last_folder(str(Path(path).parent))
        self.refresh_recent()
        self.saved.emit(path)
        return True

    def confirm_discard(self) -> bool:
        """With unsaved edits, ask whether to save them; return False when the user cancels."""
        if not self.modified:
            return True
        answer = QMessageBox.question(
            self.window, "Unsaved edits", "The topics have edits that are not saved in a session. Save them?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard
