"""Run core work off the GUI thread: one QRunnable job at a time, cancellable, never stale."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from nlp.run.cancel import CancelToken
from nlp.errors import Cancelled

Task = Callable[[Callable[[float, str], None], CancelToken], Any]
"""A job body: ``task(progress, cancel) -> result``, run in a pool thread."""


class JobSignals(QObject):
    """Signals of one job; created in the GUI thread so slots run there.

    Signals
    -------
    progress(float, str)
        Fraction done and what is being done; at most ~20 a second.
    finished(object)
        The job's result.
    failed(object)
        The exception the job raised (not for cancellation).
    cancelled()
        The job stopped because it was cancelled.
    """

    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Job(QRunnable):
    """One unit of core work; reports through :class:`JobSignals`.

    Parameters
    ----------
    task : callable
        ``task(progress, cancel) -> result``.
    signals : JobSignals
        Made by the caller in the GUI thread.
    """

    PROGRESS_INTERVAL = 0.05

    def __init__(self, task: Task, signals: JobSignals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task
        self.signals = signals
        self.cancel_token = CancelToken()
        self._last = 0.0

    def _progress(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if fraction >= 1.0 or now - self._last >= self.PROGRESS_INTERVAL:
            self._last = now
            self.signals.progress.emit(fraction, message)

    def run(self) -> None:  # Qt override: runs in a pool thread
        try:
            result = self._task(self._progress, self.cancel_token)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - every failure reaches the window as failed(exc)
            self.signals.failed.emit(exc)
        else:
            if self.cancel_token.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)


class JobRunner(QObject):
    """Starts jobs one at a time: a new one cancels and disconnects the previous one.

    Signals
    -------
    busy_changed(bool)
        True while a job runs.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._current: Job | None = None

    @property
    def busy(self) -> bool:
        """Whether a job is running."""
        return self._current is not None

    def start(
        self,
        task: Task,
        *,
        on_finished: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        on_progress: Callable[[float, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Job:
        """Cancel the running job (its result will never arrive) and start ``task``."""
        self.cancel()
        signals = JobSignals(self)
        job = Job(task, signals)

        def done(slot: Callable[..., None] | None) -> Callable[..., None]:
            def handler(*args: Any) -> None:
                signals.deleteLater()
                if self._current is not job:
                    return  # a stale job: its result never reaches the view
                self._current = None
                self.busy_changed.emit(False)
                if slot is not None:
                    slot(*args)

            return handler

        signals.finished.connect(done(on_finished))
        signals.failed.connect(done(on_failed))
        signals.cancelled.connect(done(on_cancelled))
        if on_progress is not None:
            signals.progress.connect(lambda f, m: self._current is job and on_progress(f, m))
        self._current = job
        self.busy_changed.emit(True)
        self._pool.start(job)
        return job

    def cancel(self) -> None:
        """Ask the running job to stop; its signals are ignored from now on."""
        job, self._current = self._current, None
        if job is not None:
            job.cancel_token.cancel()
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30_000) -> bool:
        """Cancel and wait for the pool thread to finish (on close)."""
        self.cancel()
        return self._pool.waitForDone(msecs)

    def active_threads(self) -> int:
        """Pool threads still running a job (tests check it is 0 after each test)."""
        return self._pool.activeThreadCount()
