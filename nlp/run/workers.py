"""Worker processes shared by the stages: how many, one task in the background, a lost worker.

The loader reads files in them (:mod:`nlp.ingest.loader`); the pipeline
merges the topics in one while it prepares the summaries and the labels
(:mod:`nlp.run.pipeline`, :meth:`nlp.topics.cluster.TopicClusterer.fit`). All go through joblib's loky
executor, the same pool of workers: they start clean (no fork of a process
whose GUI threads may hold locks) without running the caller's main script
again, and stay up between runs, so a task after the loader's pays no
start-up.
"""

from __future__ import annotations

import contextlib
import os
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from nlp.run.cancel import CancelToken, check

T = TypeVar("T")

MAX_WORKERS = 8

WORKER_NICENESS = 10
"""How far below the app's a worker process's scheduling priority is (Unix ``nice``), so that the app comes first.

While the loader's workers read, this process takes in what they send
(tokenising it, :mod:`nlp.ingest.loader`) and imports what analysing needs;
with two workers and two cores, three processes would share the cores evenly
and this one, the one everything waits for, would fall behind. In the GUI the
window's thread comes first too.
"""

_JOBLIB_DROPPED = r".*(tasks have been successfully executed|which were still being processed)"


def cores() -> int:
    """The cores this process may use (affinity and cgroup quota, not the machine's), at most 8."""
    from joblib import cpu_count

    return max(1, min(cpu_count(), MAX_WORKERS))


def worker_lost(exc: BaseException) -> bool:
    """True when ``exc`` says a worker process died (killed, out of memory), not that a task failed."""
    from joblib.externals.loky.process_executor import (
        BrokenProcessPool,
        TerminatedWorkerError,
    )

    return isinstance(exc, (BrokenProcessPool, TerminatedWorkerError))


def quiet_dropped_tasks() -> None:
    """Silence joblib's warning that tasks dropped on cancel were wasted: that is the point.

    A narrow filter set in place, not ``catch_warnings()``, which is not thread-safe.
    """
    warnings.filterwarnings("ignore", message=_JOBLIB_DROPPED, category=UserWarning)


def task(function: Callable[..., T], *args: Any) -> Any:
    """joblib's ``delayed(function)(*args)``, to run through :func:`in_worker`: every worker task is made so."""
    from joblib import delayed

    return delayed(in_worker)(os.getpid(), function, *args)


def in_worker(parent: int, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)``, run by a worker process at :data:`WORKER_NICENESS` (every task goes through this).

    ``parent`` is the submitting process's id: where joblib runs a task in
    that very process (it may, when it cannot start workers), its priority
    is left alone.
    """
    if os.getpid() != parent:
        _lower_priority()
    return function(*args)


_lowered = False


def _lower_priority() -> None:
    global _lowered
    if not _lowered:
        _lowered = True
        with contextlib.suppress(AttributeError, OSError):  # no nice() (Windows), or not allowed
            os.nice(WORKER_NICENESS)


class Pending(Generic[T]):
    """A call running in a worker process; :meth:`result` waits for it.

    If the worker dies, or no worker could be started, the call is made here
    instead, so the caller always gets its result. The call goes to the pool
    of :func:`cores` workers that the loader uses, so after a load it starts
    no process (with no pool up, it starts the pool, which later loads reuse).
    """

    def __init__(self, function: Callable[..., T], *args: Any, here: Callable[[], T] | None = None) -> None:
        """Start ``function(*args)`` in a worker; ``here`` makes the call in this process if no worker
        can (by default ``function(*args)``; for instance with a cancel token, which cannot travel)."""
        self._function = function
        self._args = args
        self._here = here
        self._outputs: Iterator[T] | None = None
        if cores() < 2:
            return  # one core: a worker would only take turns with this process
        try:
            from joblib import Parallel

            self._outputs = Parallel(n_jobs=cores(), backend="loky", return_as="generator")([task(function, *args)])
        except (OSError, ImportError, RuntimeError):  # no processes here (a sandbox): run it in-process
            self._outputs = None

    def result(self, cancel: CancelToken | None = None) -> T:
        """The call's result, from the worker or, if it was lost, computed here.

        With ``cancel``, the wait polls it and raises :class:`~nlp.errors.Cancelled`;
        the call then ends in the background and its result is dropped, as with :meth:`close`.
        """
        outputs, self._outputs = self._outputs, None
        if outputs is not None:
            try:
                # Read to the end, never close early: closing joblib's generator before its end
                # aborts the run, and aborting kills the pool's workers, which the next run needs.
                # (An error in the call aborts the run too: the next run then starts new workers.)
                (result,) = outputs if cancel is None else _read_polling(outputs, cancel)
                return result  # type: ignore[no-any-return]
            except Exception as exc:
                if not worker_lost(exc):
                    raise
        return self._here() if self._here is not None else self._function(*self._args)

    def close(self) -> None:
        """Stop waiting for the call (on cancel); it ends in the background and its result is dropped.

        Not aborted: aborting kills the pool's workers (see :meth:`result`), and
        the call is one task of a few seconds at most.
        """
        outputs, self._outputs = self._outputs, None
        if outputs is not None:
            threading.Thread(target=_drain, args=(outputs,), name="topic-digest-drop", daemon=True).start()


def _read_polling(outputs: Iterator[T], cancel: CancelToken) -> list[T]:
    """All of ``outputs``, read in a thread while this one polls ``cancel``."""
    read: list[T] = []
    failed: list[BaseException] = []
    done = threading.Event()

    def reader() -> None:
        try:
            read.extend(outputs)
        except BaseException as exc:  # noqa: BLE001  (handed to the waiting thread)
            failed.append(exc)
        finally:
            done.set()

    threading.Thread(target=reader, name="topic-digest-wait", daemon=True).start()
    while not done.wait(0.05):
        check(cancel)  # on cancel the reader goes on to the end, and what it read is dropped
    if failed:
        raise failed[0]
    return read


def _drain(outputs: Iterator[object]) -> None:
    with contextlib.suppress(Exception):  # a dropped call: its error, like its result, is not wanted
        for _ in outputs:
            pass
