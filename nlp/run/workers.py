"""Parallel work, in one place: the schedule a run follows, worker processes, threads beside the caller.

What runs side by side is decided here and by the pipeline that states it
(:mod:`nlp.run.pipeline`); the stages themselves take a :class:`Schedule`
at most and never start a thread or a process of their own. Worker processes
go through joblib's loky executor, one pool for every task: they start clean
(no fork of a process whose GUI threads may hold locks) without running the
caller's main script again, and stay up between runs, so a task after the
loader's pays no start-up.
"""

from __future__ import annotations

import contextlib
import os
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, TypeVar

from nlp.run.cancel import CancelToken, check

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 8
MAX_THREADS = 4
"""Most threads :func:`thread_map` uses."""

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


@dataclass(frozen=True)
class Schedule:
    """What a run does in parallel, by the size of its input: the caller passes one, tests a serial one.

    Each threshold is the size from which a step runs beside another (0:
    always, ``None``: never). Results never depend on the schedule, only the
    time a run takes does.

    Parameters
    ----------
    parallel_files : int or None
        From this many files on, files are read in worker processes
        (:mod:`nlp.ingest.loader`); below, process start-up would cost more
        than it saves.
    overlap_from : int or None
        From this many articles on, a thread makes the clustering vectors while
        near-duplicates are found: both spend their time in code that releases
        the GIL. Below, both take well under a second and a second thread only
        contends for the imports.
    worker_merge_from : int or None
        From this many stories on, the topics are merged in a worker process
        (pure Python: a heap, a few numpy calls per merge) while a thread here
        makes what needs only the stories. Below, merging is quick.
    label_overlap_from : int or None
        From this many articles on, a thread describes the topics (mostly numpy
        on whole arrays) while the summaries (mostly Python) are made.
    workers : int or None
        Worker processes: by default one per core (:func:`cores`); 1 means none.
    """

    parallel_files: int | None = 400
    overlap_from: int | None = 5_000
    worker_merge_from: int | None = 3_000
    label_overlap_from: int | None = 0
    workers: int | None = None

    @classmethod
    def serial(cls) -> Schedule:
        """Every step after the other, in this process: no step beside another, no worker process."""
        return cls(parallel_files=None, overlap_from=None, worker_merge_from=None, label_overlap_from=None,
                   workers=1)

    def processes(self, files: int) -> int:
        """Worker processes that read ``files`` files; 1: they are read in this process."""
        if not _reaches(files, self.parallel_files):
            return 1
        return max(1, self.workers) if self.workers is not None else cores()

    def overlaps(self, articles: int) -> bool:
        """Whether near-duplicates and the clustering vectors of ``articles`` articles are made side by side."""
        return _reaches(articles, self.overlap_from)

    def merges_in_worker(self, stories: int) -> bool:
        """Whether the topics of ``stories`` stories are merged in a worker process (never with one core)."""
        allowed = self.workers if self.workers is not None else cores()
        return _reaches(stories, self.worker_merge_from) and allowed > 1 and cores() > 1

    def labels_overlap(self, articles: int) -> bool:
        """Whether the topics of ``articles`` articles are described while their summaries are made."""
        return _reaches(articles, self.label_overlap_from)

    def call(self, function: Callable[..., R], *args: Any, stories: int, cancel: CancelToken | None = None) -> R:
        """``function(*args, cancel)``: in a worker process when :meth:`merges_in_worker`, else here.

        A worker gets no ``cancel`` (a token cannot travel); the wait here
        polls it instead and, on cancel, the call ends in the background
        (:class:`Pending`). If the worker dies, the call is made here.
        """
        if not self.merges_in_worker(stories):
            return function(*args, cancel)
        pending = Pending(function, *args, here=lambda: function(*args, cancel))
        try:
            return pending.result(cancel)
        finally:
            pending.close()


def _reaches(size: int, threshold: int | None) -> bool:
    return threshold is not None and size >= threshold


def thread_map(function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
    """``map(function, items)``, in up to :data:`MAX_THREADS` threads (one per core) for GIL-free work.

    In order, like ``map``; in this thread when there is one item or one core.
    """
    threads = min(MAX_THREADS, cores(), len(items))
    if threads < 2:
        yield from map(function, items)
        return
    with ThreadPoolExecutor(max_workers=threads) as pool:
        yield from pool.map(function, items)


class InThread(Generic[T]):
    """``function()`` running in a thread beside the caller; :meth:`result` waits for it.

    Use it as a context manager around what runs meanwhile: leaving the
    block waits for the thread. If the block fails, ``stop`` is cancelled
    first, so a call that polls it ends early, and the thread's own result
    or error is dropped. With ``blas_threads``, BLAS uses at most that many
    threads of its own while the call runs (they would spin on cores that
    the two threads already keep busy); the limit holds for the process.
    """

    def __init__(self, function: Callable[[], T], *, name: str, stop: CancelToken | None = None,
                 blas_threads: int | None = None) -> None:
        self._stop = stop
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"topic-digest-{name}")
        self._future = self._pool.submit(_limited, function, blas_threads)

    def result(self) -> T:
        """The call's result (or its error), once it is done."""
        return self._future.result()

    def __enter__(self) -> InThread[T]:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if error is not None and self._stop is not None:
            self._stop.cancel()
        self._pool.shutdown(wait=True)


def _limited(function: Callable[[], T], blas_threads: int | None) -> T:
    if blas_threads is None:
        return function()
    import scipy.linalg  # noqa: F401  (loads scipy's own BLAS, so that the limit reaches it too)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=blas_threads, user_api="blas"):
        return function()


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
    """A call running in a worker process (as :meth:`Schedule.call` makes it); :meth:`result` waits for it.

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
