"""nlp.workers: a call in a worker process gives its result, its error, or, if the worker dies, the call made here."""

from __future__ import annotations

import os

import pytest

from nlp import workers
from nlp.workers import Pending


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
