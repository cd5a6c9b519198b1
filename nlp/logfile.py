"""The log file in the platform's log folder: where tracebacks go instead of the user's terminal."""

from __future__ import annotations

import contextlib
import datetime
import os
import traceback
from pathlib import Path

APP_NAME = "Topic Digest"
LOG_NAME = "topic-digest.log"
MAX_LOG_BYTES = 1024 * 1024
"""Past this size the log is moved to ``topic-digest.log.1`` (replacing the older one) and started anew."""


def log_path() -> Path:
    """The log file: ``~/.local/state/Topic Digest/log/topic-digest.log`` on Linux (``$XDG_STATE_HOME``).

    platformdirs knows each platform's place (``~/Library/Logs`` on macOS,
    ``%LOCALAPPDATA%`` on Windows), as the GUI's Qt paths would.
    """
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False)) / LOG_NAME


def log_exception(exc: BaseException, context: str) -> Path | None:
    """Append ``context`` and the traceback of ``exc`` to the log; return the log's path.

    Returns ``None`` when the log cannot be written (read-only home, full
    disk): logging must never be what stops a run. Each entry is one
    ``write`` on a file opened for appending, so worker processes that log at
    once do not interleave their entries.
    """
    path = log_path()
    stamp = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    entry = f"{stamp} pid {os.getpid()}: {context}\n" + "".join(traceback.format_exception(exc)) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            if path.stat().st_size > MAX_LOG_BYTES:
                os.replace(path, path.with_name(LOG_NAME + ".1"))
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(entry)
    except OSError:
        return None
    return path
