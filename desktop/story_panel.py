"""The story pane: the selected topic's timeline and its sources, under the summary."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.sources_model import SourcesModel
from desktop.timeline_view import TimelineView
from nlp.topics.story import UNKNOWN_SOURCE, source_counts, timeline
from nlp.types import Analysis, Cluster


class StoryPanel(QWidget):
    """When a topic's articles appeared and who reported them.

    Signals
    -------
    day_clicked(str)
        A day of the timeline was clicked: show only that day's articles (``""``: every day again).
    source_activated(str)
        A source was double-clicked (or Enter pressed on it): show only its articles.
    """

    day_clicked = Signal(str)
    source_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel("Timeline", self)
        self.timeline = TimelineView(self)
        self.sources = SourcesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.sources)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setToolTip("Who reported this story; double-click a source to show only its articles")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.timeline)
        layout.addWidget(self.table, 1)
        self.timeline.day_clicked.connect(self.day_clicked)
        self.table.activated.connect(self._on_source_activated)

    def show_cluster(self, analysis: Analysis | None, cluster: Cluster | None, chosen: str | None = None) -> None:
        """Show ``cluster``'s timeline (``chosen`` day marked) and sources; ``None`` clears."""
        articles = [analysis.article(i) for i in cluster.article_ids] if analysis and cluster else []
        line = timeline(articles)
        self.timeline.set_timeline(line, chosen)
        self.sources.set_rows(source_counts(articles))
        undated = f", {len(line.undated)} undated" if line.undated else ""
        per = "hour" if line.unit == "hour" else "day"
        self.caption.setText(f"Articles per {per}{undated} — click a day to show only its articles"
                             if articles else "Timeline")

    def _on_source_activated(self, index: QModelIndex) -> None:
        source = self.sources.rows[index.row()].source
        self.source_activated.emit("" if source == UNKNOWN_SOURCE else source)
