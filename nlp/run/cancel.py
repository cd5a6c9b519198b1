"""Progress callbacks and the cancel token that every long operation of the core accepts."""

from __future__ import annotations

import threading
from typing import Protocol

from nlp.errors import Cancelled


class Progress(Protocol):
    """A plain callable told how far a long operation has got.

    ``fraction`` goes from 0.0 to 1.0; ``message`` says what is being done
    ("Loading 120/5000 files"). It is called from the worker thread.
    """

    def __call__(self, fraction: float, message: str) -> None: ...


class CancelToken:
    """A thread-safe flag that a caller sets to stop a long operation.

    The operation polls :meth:`raise_if_cancelled` between units of work and
    raises :class:`~nlp.errors.Cancelled`. A token made with a ``parent`` is
    also cancelled when the parent is: a helper thread's token, which the
    operation can cancel on its own when it fails.
    """

    def __init__(self, parent: CancelToken | None = None) -> None:
        self._event = threading.Event()
        self._parent = parent

    def cancel(self) -> None:
        """Ask the operation to stop at its next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called on this token or on its parent."""
        return self._event.is_set() or (self._parent is not None and self._parent.cancelled)

    def raise_if_cancelled(self) -> None:
        """Raise :class:`~nlp.errors.Cancelled` if :meth:`cancel` was called."""
        if self.cancelled:
            raise Cancelled()


def check(cancel: CancelToken | None) -> None:
    """Raise :class:`~nlp.errors.Cancelled` if ``cancel`` is set (``None`` never is)."""
    if cancel is not None:
        cancel.raise_if_cancelled()


def report(progress: Progress | None, fraction: float, message: str) -> None:
    """Call ``progress`` if there is one, with ``fraction`` clamped to [0, 1]."""
    if progress is not None:
        progress(min(1.0, max(0.0, fraction)), message)


def scaled(progress: Progress | None, start: float, stop: float) -> Progress | None:
    """Return a callback mapping a sub-step's 0..1 onto ``start..stop`` of ``progress``."""
    if progress is None:
        return None
    outer = progress

    def inner(fraction: float, message: str) -> None:
        outer(start + (stop - start) * min(1.0, max(0.0, fraction)), message)

    return inner
