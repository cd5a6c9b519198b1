"""The standalone bundle's executable (desktop.launcher): the window, or ``summarize ...`` headless.

packaging/smoke.sh tests the frozen bundle itself; building it takes minutes, so these tests run
the launcher in-process and the entry script with this interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import headless_command
from desktop.launcher import main, run_helper_process
from desktop.main_window import MainWindow
from nlp.types import Analysis
from tests.conftest import REPO, SEEDS

SAMPLE = sorted(p.name for p in SEEDS.glob("*.txt"))


def test_summarize_runs_the_headless_command_with_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", "--sample", "--format", "json", "--sentences", "1"]) == 0
    digest = json.loads(capsys.readouterr().out)
    assert sorted(Path(a["path"]).name for a in digest["articles"]) == SAMPLE
    assert all(len(c["summary"]) == 1 for c in digest["clusters"])


def test_summarize_usage_errors_are_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["summarize", "--sample", "--clusters", "none"])
    assert exit_info.value.code == 2
    assert "--clusters" in capsys.readouterr().err


def test_help_names_both_faces(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "TopicDigest summarize --help" in out and "--sample" in out


def test_entry_script_summarises_without_loading_qt() -> None:
    code = (
        "import runpy, sys\n"
        "sys.argv = ['TopicDigest', 'summarize', '--sample']\n"
        "try:\n    runpy.run_path('packaging/TopicDigest.py', run_name='__main__')\n"
        "except SystemExit as e:\n    print('exit', e.code, 'PySide6' in sys.modules, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.stderr.strip().splitlines()[-1] == "exit 0 False", proc.stderr
    assert "ASEAN" in proc.stdout


def test_only_loky_and_multiprocessing_helper_commands_are_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert not run_helper_process([])
    assert not run_helper_process(["summarize", "--sample"])
    assert not run_helper_process(["-c", "print('anything else')"])
    assert not run_helper_process(["-m", "http.server"])
    assert capsys.readouterr().out == ""
    with pytest.raises(SystemExit) as exit_info, warnings.catch_warnings():  # a loky worker's entry: its usage
        # runpy warns when an earlier test's loky workers imported the module into this process already
        warnings.filterwarnings("ignore", "'joblib.externals.loky.backend.popen_loky_posix' found", RuntimeWarning)
        run_helper_process(["-m", "joblib.externals.loky.backend.popen_loky_posix", "--help"])
    assert exit_info.value.code == 0
    assert "--pipe" in capsys.readouterr().out


def test_in_the_bundle_the_no_display_hint_names_the_bundles_program(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/TopicDigest/TopicDigest")
    assert headless_command() == "/opt/TopicDigest/TopicDigest summarize --sample"


@pytest.fixture
def first_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app's own settings in an empty folder, as on a first start; the excepthook restored after."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # desktop.app installs its own
    home = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, home)


def _when_shown(app: QApplication, shown: list[Analysis]) -> None:
    """Once the window is up: note the first analysis it shows, then close it and quit."""
    (window,) = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]

    def done(analysis: Analysis) -> None:
        shown.append(analysis)
        window.close()
        QTimer.singleShot(0, app.quit)

    window.analysis_shown.connect(done)


@pytest.mark.gui
@pytest.mark.usefixtures("first_start")
def test_no_arguments_open_the_window_on_the_sample(qapp: QApplication) -> None:
    shown: list[Analysis] = []
    QTimer.singleShot(0, lambda: _when_shown(qapp, shown))
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(qapp.quit)  # a window that never shows the sample fails, not hangs
    give_up.start(120_000)
    try:
        assert main([]) == 0
    finally:
        give_up.stop()
    assert [sorted(Path(a.path).name for a in analysis.articles) for analysis in shown] == [SAMPLE]


@pytest.mark.gui
@pytest.mark.usefixtures("first_start")
def test_smoke_test_option_quits_once_the_analysis_map_and_story_are_shown(
    qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--smoke-test", "--sample"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" at ")[0] for line in lines] == ["window shown", "analysis shown", "map and story shown"]
    assert f": {len(SAMPLE)} articles, " in lines[1]
    assert f": {len(SAMPLE)} points on the map, " in lines[2]
    shown_at = float(lines[0].split(" at ")[1])
    analysed_at = float(lines[1].split(" at ")[1].split(":")[0])
    assert shown_at <= analysed_at
    assert not [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
