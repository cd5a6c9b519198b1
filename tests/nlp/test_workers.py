"""nlp.run.workers: a call in a worker process gives its result, its error, or, if the worker dies, the call made here."""

from __future__ import annotations

import os

import pytest

from nlp.run import workers
from nlp.run.workers import Pending


def _where(parent: int) -> str:
    return "here" if os.getpid() == parent else "worker"


def _die_unless_here(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)  # the worker dies as if killed
    return "here"


def _fail() -> None:
    raise ValueError("a bad record")


@pytest.mark.skipif(workers.cores() < 2, reason="one core: calls run in-process by design")
def test_a_call_runs_in_a_worker_and_gives_its_result() -> None:
    assert Pending(_where, os.getpid()).result() == "worker"


def test_a_dead_worker_costs_nothing_but_time() -> None:
    assert Pending(_die_unless_here, os.getpid()).result() == "here"


def test_an_error_in_the_call_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="a bad record"):
        Pending(_fail).result()


def test_one_core_means_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "cores", lambda: 1)
    assert Pending(_where, os.getpid()).result() == "here"


def _sleep(seconds: float) -> float:
    import time

    time.sleep(seconds)
    return seconds


def test_a_cancelled_wait_stops_at_once_and_the_pool_goes_on() -> None:
    import threading
    import time

    from nlp.run.cancel import CancelToken
    from nlp.errors import Cancelled

    token = CancelToken()
    threading.Timer(0.3, token.cancel).start()
    started = time.perf_counter()
    with pytest.raises(Cancelled):
        Pending(_sleep, 5.0).result(token)
    assert time.perf_counter() - started < 3.0  # not the call's 5 s
    assert Pending(_where, os.getpid()).result(CancelToken()) in ("worker", "here")
    assert Pending(_sleep, 0.01).result(CancelToken()) == 0.01


@pytest.mark.skipif(workers.cores() < 2 or not hasattr(os, "nice"), reason="no worker, or no nice() here")
def test_workers_run_below_the_apps_priority() -> None:
    """The app's own process, which takes in what the workers make (and draws the window), comes first."""
    here = os.nice(0)
    assert Pending(os.nice, 0).result() == min(19, here + workers.WORKER_NICENESS)
    assert os.nice(0) == here


def test_a_task_joblib_runs_here_leaves_the_apps_priority_alone() -> None:
    here = os.nice(0)
    assert workers.in_worker(os.getpid(), os.nice, 0) == here


def test_a_schedule_says_what_runs_side_by_side_from_which_size() -> None:
    from nlp.run.workers import Schedule

    default = Schedule()
    assert not default.overlaps(4_999) and default.overlaps(5_000)
    assert default.labels_overlap(1)
    serial = Schedule.serial()
    assert not (serial.overlaps(10**6) or serial.labels_overlap(10**6) or serial.merges_in_worker(10**6))
    assert serial.processes(10**6) == 1
    assert not Schedule(worker_merge_from=0, workers=1).merges_in_worker(10**6)  # no worker to merge in
    assert Schedule(worker_merge_from=0).merges_in_worker(1) == (workers.cores() > 1)
    with pytest.raises(AttributeError):
        default.overlap_from = 0  # type: ignore[misc]  (frozen: a run's schedule cannot change under it)


def test_a_call_the_schedule_keeps_here_gets_the_cancel_token() -> None:
    from nlp.run.cancel import CancelToken
    from nlp.run.workers import Schedule

    token = CancelToken()
    assert Schedule.serial().call(lambda a, cancel: (a, cancel), 3, stories=10**6, cancel=token) == (3, token)


def test_thread_map_keeps_the_order_of_map() -> None:
    from nlp.run.workers import thread_map

    assert list(thread_map(lambda x: x * x, range(50))) == [x * x for x in range(50)]
    assert list(thread_map(str, [])) == []


def test_a_thread_beside_gives_its_result_and_is_told_to_stop_when_the_caller_fails() -> None:
    import threading

    from nlp.errors import Cancelled
    from nlp.run.cancel import CancelToken, check
    from nlp.run.workers import InThread

    with InThread(lambda: threading.current_thread().name, name="test") as beside:
        assert beside.result().startswith("topic-digest-test")
    stop = CancelToken()
    stopped = threading.Event()

    def poll() -> None:
        for _ in range(500):  # up to 5 s, then give up: the test fails rather than hangs
            if stop.cancelled:
                stopped.set()
                check(stop)
            threading.Event().wait(0.01)

    with pytest.raises(ValueError, match="caller failed"):
        with InThread(poll, name="test", stop=stop):
            raise ValueError("caller failed")
    assert stopped.is_set()  # told to stop, and waited for; its Cancelled is not the caller's error
    with pytest.raises(Cancelled):
        check(stop)
