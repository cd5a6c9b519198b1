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
