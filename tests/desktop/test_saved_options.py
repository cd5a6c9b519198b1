"""Saved options the analysis would refuse are not shown: the window starts from the defaults instead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from desktop.main_window import MainWindow

pytestmark = pytest.mark.gui


def _window(qtbot, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(settings)
    qtbot.addWidget(window)
    return window


def test_saved_options_show_in_the_controls(qtbot, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    settings.setValue("options/granularity", 0.8)
    settings.setValue("options/clusters", 7)
    window = _window(qtbot, settings)
    assert (window.granularity.value(), window.cluster_count.value()) == (8, 7)


def test_a_saved_value_out_of_range_gives_the_defaults(qtbot, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    settings.setValue("options/granularity", 5.0)  # a hand-edited file: the slider would show its end
    settings.setValue("options/clusters", 7)
    window = _window(qtbot, settings)
    assert (window.granularity.value(), window.cluster_count.value()) == (5, 0)
    assert window.session.options.granularity == 0.5
