"""Starting the app: no-display message, identity, lazy heavy imports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import has_display
from tests.conftest import REPO

pytestmark = pytest.mark.gui


def test_no_display_says_so_and_shows_the_headless_command() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "desktop.app", "--sample"], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "no display" in proc.stderr and "topic-digest summarize --sample" in proc.stderr
    assert "Aborted" not in proc.stderr and "qt.qpa" not in proc.stderr


@pytest.mark.skipif(not (Path(sys.executable).parent / "topic-digest-gui").is_file(),
                    reason="the package's scripts are not installed beside this interpreter")
def test_the_installed_script_prints_a_headless_command_that_runs() -> None:
    bin_dir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PATH"] = "/usr/bin:/bin"  # as after the README's set-up: .venv/bin is not on PATH
    proc = subprocess.run([str(bin_dir / "topic-digest-gui"), "--sample"], env=env, capture_output=True,
                          text=True, timeout=120)
    command = proc.stderr.strip().splitlines()[-1].split()
    assert command == [str((bin_dir / "topic-digest").resolve()), "summarize", "--sample"]
    shown = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert shown.returncode == 0 and "ASEAN" in shown.stdout


def test_display_detection() -> None:
    assert not has_display({}, "linux")
    assert has_display({"DISPLAY": ":0"}, "linux")
    assert has_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert has_display({}, "win32") and has_display({}, "darwin")


def test_window_appears_before_scikit_learn_sumy_and_pyqtgraph_load() -> None:
    code = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
import desktop.app as app_module
app = QApplication([])
from desktop.main_window import MainWindow
w = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
w.show()
app.processEvents()
print(w.isVisible(), app.applicationName() or "-", sorted({m.split('.')[0] for m in sys.modules} & {"sklearn", "sumy", "scipy", "trafilatura", "pyqtgraph"}))
"""
    proc = subprocess.run([sys.executable, "-c", code, str(REPO / ".pytest_cache" / "lazy.ini")], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[0] == "True"
    assert proc.stdout.rstrip().endswith("[]"), proc.stdout


def test_identity_is_set(qapp) -> None:  # type: ignore[no-untyped-def]
    import nlp
    from desktop.app import configure_app
    from desktop.resources import APP_ID, app_icon, resource_dir

    configure_app(qapp)
    assert (qapp.applicationName(), qapp.applicationVersion()) == ("Topic Digest", nlp.__version__)
    assert qapp.desktopFileName() == APP_ID and not qapp.windowIcon().isNull()

    assert not app_icon().isNull()
    assert (resource_dir() / f"{APP_ID}.desktop").read_text("utf-8").count("Exec=topic-digest-gui %F") == 1
    assert min(s.width() for s in app_icon().availableSizes()) == 16


def test_an_uncaught_exception_is_logged_and_stays_on_screen(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import gc

    from desktop.app import install_excepthook
    from PySide6.QtWidgets import QApplication, QMessageBox

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))  # where platformdirs puts the log on Linux
    log = tmp_path / "Topic Digest" / "log" / "topic-digest.log"
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    try:
        raise RuntimeError("the index is corrupt")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    gc.collect()  # a parentless box that nothing holds would be gone now
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1 and "the index is corrupt" in boxes[0].text()
    assert str(log) in boxes[0].text()
    assert "RuntimeError: the index is corrupt" in log.read_text("utf-8")
    boxes[0].accept()
