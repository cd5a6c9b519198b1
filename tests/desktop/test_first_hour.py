"""What a new user notices first: the title, the status line, the filter, the columns, the dialogs."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFileDialog

from desktop.main_window import MainWindow
from nlp.types import Analysis
from tests.conftest import SEEDS

pytestmark = pytest.mark.gui
TIMEOUT = 120_000


def _open(qtbot, window: MainWindow, paths: list[str] | None = None) -> Analysis:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT) as blocker:
        if paths is None:
            window.open_sample()
        else:
            window.open_paths(paths)
    return blocker.args[0]  # type: ignore[no-any-return]


def _filter(window: MainWindow, text: str) -> None:
    window.topics.filter_edit.setText(text)
    window.topics.apply_filter()


def test_the_title_names_the_corpus_and_its_article_count(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.windowTitle().replace("[*]", "") == "Topic Digest"
    _open(qtbot, window, [str(SEEDS)])
    assert window.windowTitle().replace("[*]", "") == "seeds — 5 articles — Topic Digest"
    _open(qtbot, window)
    assert window.windowTitle().replace("[*]", "") == "Sample corpus — 5 articles — Topic Digest"
    _open(qtbot, window, [str(p) for p in sorted(SEEDS.glob("00[34]_*.txt"))])
    assert window.windowTitle().replace("[*]", "").endswith(".txt and 1 more — 2 articles — Topic Digest")


def test_after_cancel_the_status_says_which_result_is_shown(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, monkeypatch
) -> None:
    import nlp.run.pipeline

    _open(qtbot, window)
    started, gate = threading.Event(), threading.Event()
    original = nlp.run.pipeline.analyze

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        gate.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(nlp.run.pipeline, "analyze", slow)
    window.open_paths([str(SEEDS / "000_4ea1095a08ef2000.txt")])
    qtbot.waitUntil(started.is_set, timeout=TIMEOUT)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    gate.set()
    assert window.session.runner.wait(20_000)
    assert window.status_label.text() == (
        "Cancelled; showing the previous result: Sample corpus, 5 articles in 1 topic")
    assert window.windowTitle().replace("[*]", "") == "Sample corpus — 5 articles — Topic Digest"


def test_a_filter_matching_nothing_clears_the_panes_and_clearing_it_restores_them(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow
) -> None:
    analysis = _open(qtbot, window)
    status, title = window.status_label.text(), window.summary.title.text()
    article = window.source.article
    assert article is not None and window.summary.model.rowCount() > 0
    _filter(window, "zebra xylophone")
    assert window.topics.proxy.rowCount() == 0
    assert window.status_label.text() == "No match for “zebra xylophone”"
    assert window.summary.model.rowCount() == 0
    assert window.summary.title.text() == "No topic or article matches the filter"
    assert window.source.article is None and window.source.body.toPlainText() == ""
    _filter(window, "")
    assert window.status_label.text() == status == "5 articles in 1 topic"
    assert window.summary.title.text() == title and window.summary.model.rowCount() > 0
    assert window.source.article is not None and window.source.article.id == article.id


def test_the_export_dialog_opens_where_the_last_digest_went_else_in_documents(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    failed = tmp_path / "empty-folder"
    failed.mkdir()
    window.settings.set_last_folder(str(failed))  # the Open Folder dialog was last in a folder that failed
    _open(qtbot, window, [str(SEEDS)])
    starts: list[str] = []

    def ask(parent, caption, start, filters, chosen):  # type: ignore[no-untyped-def]
        starts.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    window.export_dialog()
    assert starts == [str(home / "Documents" / "digest.html")]
    out = tmp_path / "digests"
    out.mkdir()
    assert window.export_to(str(out / "monday.md"))
    window.export_dialog()
    assert starts[-1] == str(out / "digest.html")
    assert window.settings.last_folder() == str(failed)  # exporting does not move the Open dialogs


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_columns_fit_their_content_within_the_pane(qtbot, window: MainWindow, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    analysis = _open(qtbot, window)
    qtbot.wait(20)
    tree, proxy = window.topics.tree, window.topics.proxy
    header = tree.header()
    visible = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert sum(header.sectionSize(c) for c in visible) <= tree.viewport().width()
    bold = QFont(tree.font())
    bold.setBold(True)
    for row in range(proxy.rowCount()):
        label = proxy.index(row, 0).data()
        assert label == f"{row + 1}. {analysis.clusters[row].label}"  # topics numbered as in every digest
        needed = QFontMetrics(bold).horizontalAdvance(label) + tree.indentation()
        assert header.sectionSize(0) >= needed, label  # the label is not cut
        for column in visible[1:]:
            text = str(proxy.index(row, column).data())
            if header.sectionSize(column) < QFontMetrics(tree.font()).horizontalAdvance(text):
                assert size[0] < 1600  # only a narrow pane cuts a cell, and then its tooltip holds it whole
                assert text in str(proxy.index(row, column).data(Qt.ItemDataRole.ToolTipRole))


def test_a_long_path_is_cut_in_its_middle_and_shown_whole_in_the_tooltip(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "a-folder-with-a-rather-long-name-for-the-archive" / "of-the-city-council-2025-and-2026"
    folder.mkdir(parents=True)
    article = folder / "council-votes-on-the-school-budget.txt"
    article.write_text("Council votes on the budget\n\nThe city council voted on the budget for schools today. "
                       "The mayor welcomed the vote.\n", "utf-8")
    window.resize(1024, 700)
    (shown,) = _open(qtbot, window, [str(article)]).articles
    assert window.source.article is not None and window.source.article.id == shown.id  # its topic's first article
    label = window.source.path
    assert label.text() == label.toolTip() == str(article)
    drawn = label.shown_text()
    assert "…" in drawn and drawn.startswith(str(tmp_path)[:5]) and drawn.endswith("budget.txt")
    assert window.source.width() < QFontMetrics(label.font()).horizontalAdvance(str(article))


def test_the_skipped_panel_names_the_file_and_gives_the_reason_without_the_path(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    empty = tmp_path / "corpora" / "monday" / "empty.txt"
    empty.parent.mkdir(parents=True)
    empty.write_bytes(b"")
    _open(qtbot, window, [str(SEEDS), str(empty)])
    model = window.skipped.model
    assert model.index(0, 0).data() == "empty.txt"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == str(empty)
    reason = model.index(0, 1).data()
    assert reason and str(empty) not in reason and "empty.txt" not in reason
    assert str(empty) in model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)


def test_fewer_topics_than_asked_is_said_in_the_status_line(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open(qtbot, window)
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT) as blocker:
        window.cluster_count.setValue(500)
    made = len(blocker.args[0].clusters)
    assert made < 500
    assert window.status_label.text() == (f"5 articles in {made} topics; asked for 500 topics; {made} were "
                                          f"possible: the 5 articles tell {made} distinct stories")


def _wrapped_height(text: str, font: QFont, width: int) -> int:
    """Height of ``text`` word-wrapped at ``width`` pixels, laid out line by line as Qt's item views do."""
    import math

    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        height += line.height()
    layout.endLayout()
    return math.ceil(height)


def test_every_summary_sentence_is_shown_whole_in_a_narrow_pane(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Each sentence's row spans the list and is tall enough for its text wrapped at that width.

    Rows measured by Qt for the viewport's whole width but drawn within the
    spacing were ragged and, when a sentence wrapped once more, lost the
    last line (the reference "[1]") to an ellipsis.
    """
    from PySide6.QtWidgets import QStyle

    window.resize(1024, 700)
    _open(qtbot, window)
    qtbot.wait(20)
    view = window.summary.list
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    width = view.viewport().width() - 2 * view.spacing()
    assert window.summary.model.rowCount() > 0
    for row in range(window.summary.model.rowCount()):
        index = window.summary.model.index(row)
        rect = view.visualRect(index)
        assert rect.width() == width, row
        assert rect.height() >= _wrapped_height(index.data(), view.font(), width - 2 * margin), row


def test_fit_widths_gives_the_main_column_the_rest_or_what_it_needs() -> None:
    from desktop.column_fit import FLOOR, fit_widths

    assert fit_widths([100, 50, 50], [100, 20, 20], 300) == [200, 50, 50]  # room to spare: to the main column
    assert fit_widths([300, 60, 80], [150, 20, 70], 300) == [160, 60, 80]  # needs, headers, then the main column
    # too narrow for every need: the main column first, the others cut but never below FLOOR
    assert fit_widths([400, 60, 60, 80], [200, 15, 15, 80], 250) == [250 - 3 * FLOOR, FLOOR, FLOOR, FLOOR]


def test_showing_topics_measures_the_columns_once_however_many_unfold(qtbot, topics_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Each topic unfolding signals a change; a measure for each would hold the window still for as many measures."""
    from PySide6.QtWidgets import QStyledItemDelegate

    class Counting(QStyledItemDelegate):
        asked = 0

        def sizeHint(self, option, index):  # type: ignore[no-untyped-def]  # noqa: N802 - Qt override
            Counting.asked += 1
            return super().sizeHint(option, index)

    topics, analysis = topics_window.topics, topics_window.session.analysis
    assert analysis is not None and len(analysis.clusters) >= 3
    topics.tree.setItemDelegate(Counting(topics.tree))
    topics.columns.refit()
    one_measure, Counting.asked = Counting.asked, 0
    assert one_measure > 0
    topics.set_analysis(analysis)
    assert all(topics.tree.isExpanded(topics.proxy.index(row, 0)) for row in range(topics.proxy.rowCount()))
    assert Counting.asked < 2 * one_measure  # one measure (and the labels' width), not one per topic unfolded
    qtbot.wait(20)  # the changes' own measure, back in the event loop, finds the columns measured already
    assert Counting.asked < 2 * one_measure
