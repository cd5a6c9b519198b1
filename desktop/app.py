"""Start the desktop app: ``topic-digest-gui [--sample] [PATH...]``."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import nlp
from desktop.resources import APP_ID

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from desktop.main_window import MainWindow
    from nlp.types import Analysis

HEADLESS_HINT = "topic-digest summarize --sample"


def headless_command() -> str:
    """The headless command, with the path of the ``topic-digest`` script beside this one when there is one.

    The README's set-up puts both scripts in ``.venv/bin``, which is not on
    the user's PATH: the hint must be a command that runs as printed. In the
    standalone bundle the same executable runs headless.
    """
    if getattr(sys, "frozen", False):
        return f"{sys.executable} summarize --sample"
    script = Path(sys.argv[0]).resolve().parent / "topic-digest" if sys.argv and sys.argv[0] else None
    if script is not None and script.is_file() and shutil.which("topic-digest") != str(script):
        return f"{script} summarize --sample"
    return HEADLESS_HINT


def has_display(env: dict[str, str] | os._Environ[str] = os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt can open a window: always off Linux/BSD; there, a display or a chosen Qt platform."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return any(env.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="topic-digest-gui", description="Open Topic Digest.")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders to open")
    parser.add_argument("--sample", action="store_true", help="open the built-in sample corpus")
    parser.add_argument("--smoke-test", action="store_true",
                        help="quit once the corpus is analysed and shown with its map and a story, printing "
                             "when each appeared (for CI and start-time measurements)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {nlp.__version__}")
    return parser


def install_excepthook() -> None:
    """Log uncaught exceptions to the platform's log folder and show a dialog naming the log."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        from PySide6.QtWidgets import QApplication

        from desktop.dialogs import show_error

        from nlp.logfile import log_exception, log_path

        text = "".join(traceback.format_exception(kind, exc, tb))
        log = log_exception(exc, "uncaught exception in the window")  # the CLI's log, one place for both
        where = f"Details were written to {log}." if log else f"The log ({log_path()}) could not be written."
        logging.getLogger("topic_digest").error("uncaught exception\n%s", text)
        if QApplication.instance() is not None:
            show_error(None, "Topic Digest: unexpected error",
                       f"Something went wrong: {exc}\n\n{where}\nThe app keeps running.")

    sys.excepthook = hook


def configure_app(app: QCoreApplication) -> None:
    """Give the application its name, version, desktop entry and icon."""
    from PySide6.QtGui import QGuiApplication

    from desktop.resources import app_icon

    app.setApplicationName("Topic Digest")
    app.setApplicationVersion(nlp.__version__)
    app.setOrganizationName("Topic Digest")
    app.setOrganizationDomain("topicdigest.github.io")
    if isinstance(app, QGuiApplication):
        app.setApplicationDisplayName("Topic Digest")
        app.setDesktopFileName(APP_ID)
        app.setWindowIcon(app_icon())


def _show_map_and_story(window: MainWindow) -> str:
    """Open the map pane and the first topic's story as a user would, paint both, and say what they show.

    The map is the one part of the window that imports pyqtgraph, so a
    standalone bundle missing one of its modules fails here.
    """
    window.map_dock.show()
    view = window.map.make_view()
    window.topics.tree.setCurrentIndex(window.topics.proxy.index(0, 0))
    view.grab()
    window.story.grab()
    return (f"{len(view.scatter.points())} points on the map, {len(window.story.sources.rows)} sources "
            f"and {len(window.story.timeline.timeline.bins)} timeline bars in the first topic's story")


def _quit_when_shown(app: QCoreApplication, window: MainWindow) -> None:
    """``--smoke-test``: print when the window, the analysis, the map and a story are on screen, then quit.

    Wall-clock times (seconds since the epoch), so that a script that noted
    when it started the program can tell the start-up time, bootloader
    included.
    """
    from PySide6.QtCore import QTimer

    def shown() -> None:
        print(f"window shown at {time.time():.3f}", flush=True)

    def analysed(analysis: Analysis) -> None:
        print(f"analysis shown at {time.time():.3f}: {len(analysis.articles)} articles, "
              f"{len(analysis.clusters)} topics", flush=True)
        views = _show_map_and_story(window)
        print(f"map and story shown at {time.time():.3f}: {views}", flush=True)
        window.close()
        # On the next turn of the event loop, not inside this signal's delivery: exiting there
        # left the process's later event loops returning at once (seen in the test suite).
        QTimer.singleShot(0, lambda: app.exit(0))

    def failed(error: BaseException) -> None:
        print(f"analysis failed: {error}", file=sys.stderr, flush=True)
        window.close()
        QTimer.singleShot(0, lambda: app.exit(1))

    QTimer.singleShot(0, shown)  # the first turn of the event loop, after show()
    window.analysis_shown.connect(analysed)
    window.session.failed.connect(failed)


def main(argv: Sequence[str] | None = None) -> int:
    """Open the main window; return the exit code."""
    args = _parser().parse_args(argv)
    if not has_display():
        print(
            "topic-digest-gui: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window "
            f"cannot open.\nOn this machine use the headless command instead:\n  {headless_command()}",
            file=sys.stderr,
        )
        return 1
    from desktop.qt_libraries import check_platform

    if (problem := check_platform()) is not None:  # before Qt aborts with a generic message
        print(problem, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "topic-digest-gui"])
    configure_app(app)
    install_excepthook()
    window = MainWindow()
    recent = window.settings.recent()
    if args.smoke_test:
        _quit_when_shown(app, window)
    window.show()
    if args.paths:
        window.open_paths([str(Path(p).resolve()) for p in args.paths])
    elif args.sample or not recent:
        window.open_sample()  # the first start shows the sample corpus
    elif all(Path(p).exists() for p in recent[0]):
        window.open_paths(recent[0])  # later starts reopen the last corpus
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
