"""The window's actions and menus: mnemonics, shortcuts and tooltips in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass
class Actions:
    """Every QAction of the main window."""

    open_folder: QAction
    open_files: QAction
    open_sample: QAction
    export: QAction
    quit: QAction
    copy_summary: QAction
    find: QAction
    reanalyse: QAction
    cancel: QAction
    about: QAction
    recent_menu: QMenu
    file_menu: QMenu
    edit_menu: QMenu


def make_action(
    window: QMainWindow, text: str, slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None, tip: str,
) -> QAction:
    """A window-wide action: its shortcut, the same tip as tooltip and status tip, ``slot`` on trigger."""
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_actions(window: QMainWindow, slots: dict[str, Callable[[], object]]) -> Actions:
    """Create the actions and the menu bar of ``window``; ``slots`` maps action names to callables."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    edit_menu = bar.addMenu("&Edit")
    analysis_menu = bar.addMenu("&Analysis")
    help_menu = bar.addMenu("&Help")
    a = Actions(
        open_folder=make_action(window, "Open &Folder…", slots["open_folder"], "Ctrl+Shift+O",
                            "Analyse every article in a folder and its subfolders"),
        open_files=make_action(window, "Open F&iles…", slots["open_files"], "Ctrl+Alt+O",
                           "Analyse the chosen article files"),
        open_sample=make_action(window, "Open &Sample Corpus", slots["open_sample"], None,
                            "Analyse the five built-in sample articles"),
        export=make_action(window, "&Export…", slots["export"], "Ctrl+E",
                       "Write the digest as JSON, Markdown, HTML, CSV or text"),
        quit=make_action(window, "&Quit", slots["quit"], QKeySequence.StandardKey.Quit, "Quit Topic Digest"),
        copy_summary=make_action(window, "&Copy Summary", slots["copy_summary"], "Ctrl+Shift+C",
                             "Copy the selected topic's summary with its references"),
        find=make_action(window, "&Filter…", slots["find"], QKeySequence.StandardKey.Find,
                     "Filter topics and articles by words"),
        reanalyse=make_action(window, "&Re-analyse", slots["reanalyse"], "F5",
                          "Read the files again and analyse them"),
        cancel=make_action(window, "&Cancel", slots["cancel"], "Esc", "Stop the running analysis"),
        about=make_action(window, "&About Topic Digest", slots["about"], None, "Version and licences"),
        recent_menu=QMenu("Open &Recent", window),
        file_menu=file_menu,
        edit_menu=edit_menu,
    )
    a.recent_menu.setToolTipsVisible(True)
    file_menu.addActions([a.open_folder, a.open_files])
    file_menu.addMenu(a.recent_menu)
    file_menu.addAction(a.open_sample)
    file_menu.addSeparator()
    file_menu.addAction(a.export)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)
    edit_menu.addActions([a.copy_summary, a.find])
    analysis_menu.addActions([a.reanalyse, a.cancel])
    help_menu.addAction(a.about)
    a.cancel.setEnabled(False)
    return a
