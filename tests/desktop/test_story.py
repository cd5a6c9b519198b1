"""Following a story in the window: numbers, folded copies, whole-word filter, timeline, sources, originals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QFontMetrics, QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop.main_window import MainWindow
from desktop.roles import Role
from nlp.export import render
from nlp.export.refs import reference_numbers
from nlp.types import Analysis

pytestmark = pytest.mark.gui
TIMEOUT = 120_000
STRIKE = ("Dock workers at the northern harbour walked out on Monday over pay and shift rules. "
          "The union said the strike would last until the port authority returned to the table. "
          "Ships queued outside the breakwater as cranes stood idle along the quay.")


def _corpus(folder: Path) -> Path:
    records = [{"title": "Harbour strike halts port", "text": STRIKE, "source": "Wire", "date": "2024-05-01",
                "url": "https://wire.example/strike"}]
    records += [{"title": f"Harbour strike halts port ({n})", "text": STRIKE, "source": f"Paper {n % 5}",
                 "date": f"2024-05-0{1 + n % 3}", "url": f"https://paper{n}.example/strike"} for n in range(14)]
    records += [
        {"title": "Surfers flock to Pichilemu", "source": "Coast", "date": "2024-05-02",
         "text": "Surfers from abroad filled Pichilemu for the winter swell. Hostels were full all week. "
                 "Local shops sold out of wetsuits."},
        {"title": "Chile votes on a new charter", "source": "Capital", "date": "2024-05-03",
         "text": "Voters in Chile went to the polls on a new constitution. Turnout was high in the capital. "
                 "Results are expected on Tuesday."},
    ]
    path = folder / "news.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def _open(qtbot, window: MainWindow, tmp_path: Path) -> Analysis:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT) as blocker:
        window.open_paths([str(_corpus(tmp_path))])
    return blocker.args[0]  # type: ignore[no-any-return]


def _rows(window: MainWindow, parent=None) -> list:  # type: ignore[no-untyped-def]
    """Every index shown under ``parent`` (the whole tree by default), depth first."""
    proxy = window.topics.proxy
    parent = parent or QModelIndex()
    out = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        out.append(index)
        out += _rows(window, index)
    return out


def _strike_topic(window: MainWindow, analysis: Analysis) -> int:
    head = next(a for a in analysis.articles if a.source == "Wire")
    cluster = next(c for c in analysis.clusters if head.id in c.article_ids)
    window.topics.tree.setCurrentIndex(window.topics.proxy.mapFromSource(window.topics.model.cluster_index(cluster.id)))
    return cluster.id


def test_screen_and_exports_number_every_article_alike(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT) as blocker:
        window.open_sample()
    analysis: Analysis = blocker.args[0]
    numbers = reference_numbers(analysis)
    markdown, text = render(analysis, "markdown"), render(analysis, "text")
    for cluster in analysis.clusters:
        window.topics.tree.setCurrentIndex(window.topics.proxy.mapFromSource(window.topics.model.cluster_index(cluster.id)))
        model = window.summary.model
        for row, sentence in enumerate(cluster.summary.sentences):
            n = numbers[sentence.article_id]
            assert model.index(row).data().endswith(f"[{n}]")
            assert f"{sentence.text} [\\[{n}\\]](" in markdown and f"[{n}]" in text
    for index in _rows(window):
        article_id = index.data(Role.ARTICLE_ID)
        if index.data(Role.KIND) == "article":
            assert index.data().startswith(f"[{numbers[article_id]}] ")


def test_a_storys_copies_fold_under_one_row(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    analysis = _open(qtbot, window, tmp_path)
    topic = window.topics.proxy.mapFromSource(window.topics.model.cluster_index(_strike_topic(window, analysis)))
    children = [window.topics.proxy.index(r, 0, topic) for r in range(window.topics.proxy.rowCount(topic))]
    folds = [i for i in children if i.data(Role.KIND) == "copies"]
    assert len(folds) == 1 and folds[0].data() == "+ 14 copies from 5 sources"
    assert not window.topics.tree.isExpanded(folds[0])
    assert sum(1 for i in children if i.data().endswith("Harbour strike halts port")) == 1
    window.topics.filter_edit.setText("strike")  # the copies match too, and still stay folded
    window.topics.apply_filter()
    fold = next(i for i in _rows(window) if i.data(Role.KIND) == "copies")
    assert not window.topics.tree.isExpanded(fold) and window.topics.proxy.rowCount(fold) == 14


def test_the_filter_matches_whole_words_and_esc_clears_it(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open(qtbot, window, tmp_path)
    window.topics.filter_edit.setFocus()
    qtbot.keyClicks(window.topics.filter_edit, "chile")
    window.topics.apply_filter()
    titles = [i.data() for i in _rows(window) if i.data(Role.KIND) == "article"]
    assert len(titles) == 1 and titles[0].endswith("Chile votes on a new charter")  # not "Pichilemu"
    assert window.source.article is not None
    qtbot.keyClick(window.topics.filter_edit, Qt.Key.Key_Escape)
    window.topics.apply_filter()
    assert window.topics.filter_edit.text() == ""
    assert len([i for i in _rows(window) if i.data(Role.KIND) == "article"]) >= 3


def test_clicking_a_day_shows_only_that_days_articles(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    analysis = _open(qtbot, window, tmp_path)
    cluster = analysis.clusters[_strike_topic(window, analysis)]
    line = window.story.timeline.timeline
    members = [analysis.article(i) for i in cluster.article_ids]
    assert [(b.start, b.count) for b in line.bins] == [
        (day, sum(a.date == day for a in members)) for day in ("2024-05-01", "2024-05-02", "2024-05-03")]
    sources = {row.source: (row.count, row.first) for row in window.story.sources.rows}
    assert sources["Wire"] == (1, True) and sources["Paper 3"] == (sum(a.source == "Paper 3" for a in members), True)
    with qtbot.waitSignal(window.story.day_clicked) as blocker:
        qtbot.mouseClick(window.story.timeline, Qt.MouseButton.LeftButton, pos=window.story.timeline.bar_rect(1).center())
    assert blocker.args == ["2024-05-02"]
    assert (window.topics.facets.first, window.topics.facets.last) == ("2024-05-02", "2024-05-02")
    shown = [analysis.article(i.data(Role.ARTICLE_ID)) for i in _rows(window) if i.data(Role.KIND) == "article"]
    assert shown and all(a.date == "2024-05-02" for a in shown)
    window.topics.facets.set_source("Coast")
    assert window.story.timeline.chosen == "2024-05-02"
    shown = [analysis.article(i.data(Role.ARTICLE_ID)) for i in _rows(window) if i.data(Role.KIND) == "article"]
    assert [a.title for a in shown] == ["Surfers flock to Pichilemu"]
    window.topics.facets.set_source(None)
    _strike_topic(window, analysis)
    with qtbot.waitSignal(window.story.day_clicked) as blocker:  # the chosen day again: every day again
        qtbot.mouseClick(window.story.timeline, Qt.MouseButton.LeftButton, pos=window.story.timeline.bar_rect(1).center())
    assert blocker.args == [""] and window.topics.facets.first is None and window.topics.facets.last is None
    assert len([i for i in _rows(window) if i.data(Role.KIND) == "article"]) >= 3


class _Browser(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def test_open_original_and_show_file(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    analysis = _open(qtbot, window, tmp_path)
    article = next(a for a in analysis.articles if a.source == "Wire")
    window.topics.tree.setCurrentIndex(window.topics.proxy.mapFromSource(window.topics.model.article_index(article.id)))
    assert window.source.article == article and "https://wire.example/strike" in window.source.header.text()
    browser = _Browser()
    for scheme in ("https", "file"):
        QDesktopServices.setUrlHandler(scheme, browser, "open")
    try:
        qtbot.mouseClick(window.source.open_original, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(window.source.show_file, Qt.MouseButton.LeftButton)
    finally:
        for scheme in ("https", "file"):
            QDesktopServices.unsetUrlHandler(scheme)
    assert browser.opened == ["https://wire.example/strike", QUrl.fromLocalFile(str(tmp_path)).toString()]


def test_summary_sentences_show_their_whole_text_and_reference(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.open_sample()
    window.splitter.setSizes([500, 260, 500])  # a narrow summary pane: long sentences wrap over many lines
    qtbot.wait(50)
    view = window.summary.list
    metrics = QFontMetrics(view.font())
    for row in range(window.summary.model.rowCount()):
        index = window.summary.model.index(row)
        text = index.data()
        assert re.search(r"\[\d+\]$", text)
        rect = view.visualRect(index)
        needed = metrics.boundingRect(0, 0, window.summary.delegate.text_width(), 100_000,
                                      int(Qt.TextFlag.TextWordWrap), text)
        assert rect.height() >= needed.height() and needed.height() > metrics.height()  # wrapped, and all of it


def test_the_map_has_one_point_per_article_in_its_topics_colour(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from nlp.export.palette import topic_colour

    analysis = _open(qtbot, window, tmp_path)
    assert window.map.view is None  # not made (nor pyqtgraph imported for it) until shown
    window.map_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: window.map.view is not None, timeout=20_000)
    view = window.map.view
    assert len(view.scatter.points()) == len(analysis.articles)
    for cluster in analysis.clusters:
        assert {view.colour_of(i) for i in cluster.article_ids} == {topic_colour(cluster.id, cluster.is_other)}
    labels = {label.textItem.toPlainText() for label in view.labels}
    assert labels == {c.label for c in analysis.clusters if not c.is_other}
    surf = next(a for a in analysis.articles if a.title.startswith("Surfers"))
    window.map_dock.resize(900, 400)
    qtbot.wait(50)
    at = view.point_position(surf.id).toPoint()
    qtbot.mouseMove(view.plot.viewport(), at)
    qtbot.waitUntil(lambda: "Surfers flock to Pichilemu" in view.view_box.toolTip(), timeout=20_000)
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert window.source.article is not None and window.source.article.id == surf.id
    assert window.topics.tree.currentIndex().data(Role.ARTICLE_ID) == surf.id
    strike = [a.id for a in analysis.articles if a.title.startswith("Harbour strike")]
    xs, ys = zip(*(analysis.coordinates[analysis.articles.index(analysis.article(i))] for i in strike))
    box = [(min(xs) - 1e-3, min(ys) - 1e-3), (max(xs) + 1e-3, min(ys) - 1e-3),
           (max(xs) + 1e-3, max(ys) + 1e-3), (min(xs) - 1e-3, max(ys) + 1e-3)]
    with qtbot.waitSignal(view.articles_selected) as blocker:
        view.select_inside(box)
    assert set(strike) <= set(blocker.args[0])
    # the lassoed articles are selected in the tree, ready for the Edit menu's moves
    assert set(window.topics.selected_article_ids()) == set(blocker.args[0])
    assert window.status_label.text().startswith(f"{len(blocker.args[0])} articles selected on the map")
    assert window.edit_actions.split_off.isEnabled()


def test_a_shift_drag_lassoes_the_points_inside(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    analysis = _open(qtbot, window, tmp_path)
    window.map_dock.show()
    window.map_dock.resize(900, 400)
    view = window.map.make_view()
    qtbot.wait(50)
    target = next(a for a in analysis.articles if a.title.startswith("Chile"))
    centre = view.point_position(target.id).toPoint()
    corners = [centre + QPoint(dx, dy) for dx, dy in ((-6, -6), (6, -6), (6, 6), (-6, 6), (-6, -5))]
    viewport = view.plot.viewport()
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, shift, corners[0])
    for corner in corners[1:]:
        event = QMouseEvent(QEvent.Type.MouseMove, QPointF(corner), QPointF(viewport.mapToGlobal(corner)),
                            Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, shift)
        QApplication.sendEvent(viewport, event)
        qtbot.wait(30)  # pyqtgraph takes at most one mouse move per 1/100 s
    with qtbot.waitSignal(view.articles_selected) as blocker:
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, shift, corners[-1])
    picked = blocker.args[0]
    assert target.id in picked and len(picked) < len(analysis.articles)
