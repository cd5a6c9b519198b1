"""Undoable edits of the topics: one QUndoCommand per edit, computed off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.worker import JobRunner
from nlp.edits import Draft, Workbench
from nlp.run.cancel import CancelToken, Progress

Edit = Callable[[Draft, Workbench, CancelToken], Draft]
"""An edit's body: ``edit(draft, workbench, cancel) -> new draft``, run in the worker."""


class DraftCommand(QUndoCommand):
    """One edit: undo shows the draft before it, redo the draft after it; both are kept, nothing is recomputed."""

    def __init__(self, before: Draft, after: Draft, show: Callable[[Draft], None]) -> None:
        super().__init__(after.step)
        self.before = before
        self.after = after
        self._show = show

    def redo(self) -> None:  # Qt override
        self._show(self.after)

    def undo(self) -> None:  # Qt override
        self._show(self.before)


class Editor(QObject):
    """The draft the window shows, its undo stack, and the jobs that compute edits.

    The workbench (the corpus's phrases) is made in the first edit's job and
    kept while the corpus stays the same.

    Signals
    -------
    draft_changed(object)
        The :class:`~nlp.edits.Draft` to show now (an edit, an undo or a redo).
    failed(object)
        The exception an edit raised (:class:`~nlp.errors.EditError` says why).
    progress(float, str)
        Progress of the edit being computed.
    """

    draft_changed = Signal(object)
    failed = Signal(object)
    progress = Signal(float, str)

    def __init__(self, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.stack = QUndoStack(self)
        self.draft: Draft | None = None
        self._bench: Workbench | None = None

    def reset(self, draft: Draft | None, *, clean: bool = True) -> None:
        """Show ``draft`` with no edit to undo (a new analysis or an opened session)."""
        if self._bench is not None and (draft is None or self._bench.corpus is not draft.corpus):
            self._bench = None
        self.stack.clear()
        if not clean:
            self.stack.resetClean()
        self._show(draft)

    def apply(self, edit: Edit, what: str = "Recomputing the edited topics") -> None:
        """Compute ``edit`` in the worker; when it is done, push it on the undo stack."""
        before, bench = self.draft, self._bench
        if before is None:
            return

        def task(progress: Progress, cancel: CancelToken) -> tuple[Draft, Workbench]:
            from nlp.edits import workbench

            made = bench
            if made is None:
                progress(0.0, "Counting the corpus's phrases for editing")
                made = workbench(before)
            progress(0.5, what)
            return edit(before, made, cancel), made

        self.runner.start(task, on_finished=lambda result: self._on_done(before, *result),
                          on_failed=self.failed.emit, on_progress=self.progress.emit)

    def push_now(self, after: Draft) -> None:
        """Push an edit already computed (a rename needs no worker)."""
        if self.draft is not None:
            self.stack.push(DraftCommand(self.draft, after, self._show))

    def _on_done(self, before: Draft, after: Draft, bench: Workbench) -> None:
        if self.draft is not before:
            return  # the shown draft changed meanwhile (an undo): this edit was made on another
        self._bench = bench
        self.stack.push(DraftCommand(before, after, self._show))

    def _show(self, draft: Draft | None) -> None:
        self.draft = draft
        self.draft_changed.emit(draft)
