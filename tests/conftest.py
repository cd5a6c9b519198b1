"""Test set-up shared by every test: headless Qt before anything imports PySide6."""

from __future__ import annotations

import os
import socket

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any PySide6 import, here or in tests
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tests.benchmarks.common import (  # noqa: E402
    AGNEWS,
    MULTILING,
    REQUIRE_DATASETS_ENV,
    DatasetMissing,
    dataset,
    datasets_required,
)

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def require_dataset(name: str) -> Path:
    """The public data set ``name``, found through ``TOPIC_DIGEST_DATASETS``; skip the test without it.

    With ``TOPIC_DIGEST_REQUIRE_DATASETS=1`` (CI sets it) a missing data set fails the test
    instead, so a green CI cannot hide a data-set test that never ran.
    """
    try:
        return dataset(name)
    except DatasetMissing as missing:
        if datasets_required():
            pytest.fail(f"{missing} ({REQUIRE_DATASETS_ENV} is set, so this is a failure, not a skip)")
        pytest.skip(str(missing))


@pytest.fixture
def multiling_dir() -> Path:
    """MultiLing 2011 English (``SourceTexts/``, ``Model Summaries/``...); skips without the data sets."""
    return require_dataset(MULTILING)


@pytest.fixture
def agnews_dir() -> Path:
    """AG News (``test.csv``, ``classes.txt``); skips without the data sets."""
    return require_dataset(AGNEWS)


@pytest.fixture
def seeds_dir() -> Path:
    """The sample corpus folder of the checkout."""
    return SEEDS


@pytest.fixture(autouse=True)
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where tracebacks go during a test: a log under ``tmp_path``, never the user's ~/.local/state."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "Topic Digest" / "log" / "topic-digest.log"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test whose code opens an Internet socket: Topic Digest never goes online.

    Local (AF_UNIX) sockets stay allowed; subprocesses are not covered, which is
    why the tests that start the app or the CLI in a subprocess also run in-process.
    """
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def refuse(sock: socket.socket, address: object) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = f"{address[0]}:{address[1]}" if isinstance(address, tuple) else str(address)
            raise AssertionError(f"network access attempted: {host}")

    def connect(sock: socket.socket, address: object) -> None:
        refuse(sock, address)
        real_connect(sock, address)  # type: ignore[arg-type]

    def connect_ex(sock: socket.socket, address: object) -> int:
        refuse(sock, address)
        return real_connect_ex(sock, address)  # type: ignore[arg-type]

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> list[object]:
        raise AssertionError(f"network access attempted: name lookup of {host}")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
