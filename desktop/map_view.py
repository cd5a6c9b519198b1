"""The corpus map: one point per article, coloured by topic and labelled (pyqtgraph; imported only when shown)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QVBoxLayout, QWidget

from nlp.export.palette import topic_colour
from nlp.types import Analysis

LABELLED_TOPICS = 30
"""The largest topics get their label written on the map; the rest show theirs on hover."""
POINT_SIZE = 7


class LassoViewBox(pg.ViewBox):
    """A view box where Shift+drag draws a lasso; dragging without Shift pans, the wheel zooms.

    Signals
    -------
    lasso_finished(object)
        The lasso's corners in data coordinates, an (n, 2) array.
    """

    lasso_finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()  # no locked aspect: each axis is scaled to [-1, 1] on its own
        self._trail: list[QPointF] = []
        self.lasso = QGraphicsPathItem()
        self.lasso.setPen(QPen(QColor("#222222"), 0, Qt.PenStyle.DashLine))
        self.lasso.setZValue(1_000)
        self.addItem(self.lasso, ignoreBounds=True)

    def mouseDragEvent(self, ev, axis=None) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - pyqtgraph override
        if ev.button() != Qt.MouseButton.LeftButton or not ev.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        if ev.isStart():
            self._trail = [self.mapToView(ev.buttonDownPos())]
        self._trail.append(self.mapToView(ev.pos()))
        path = QPainterPath(self._trail[0])
        for point in self._trail[1:]:
            path.lineTo(point)
        path.closeSubpath()
        self.lasso.setPath(path)
        if ev.isFinish():
            corners = np.array([(p.x(), p.y()) for p in self._trail])
            self.lasso.setPath(QPainterPath())
            self._trail = []
            self.lasso_finished.emit(corners)


def inside(points: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """Which of ``points`` (n x 2) lie inside ``polygon`` (m x 2 corners): even-odd ray casting, vectorised."""
    result = np.zeros(len(points), dtype=bool)
    if len(polygon) < 3 or len(points) == 0:
        return result
    x, y = points[:, 0], points[:, 1]
    for (x1, y1), (x2, y2) in zip(polygon, np.roll(polygon, -1, axis=0)):
        crosses = (y1 > y) != (y2 > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            at = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        result ^= crosses & (x < at)
    return result


class MapView(QWidget):
    """Scatter of the articles of an :class:`~nlp.types.Analysis` at ``Analysis.coordinates``.

    Hovering over a point shows its title; clicking selects its article;
    Shift+drag draws a lasso that selects every article inside.

    Signals
    -------
    article_selected(str)
        The article of the point clicked.
    articles_selected(object)
        A list of the article ids inside the lasso.
    """

    article_selected = Signal(str)
    articles_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view_box = LassoViewBox()
        self.plot = pg.PlotWidget(self, viewBox=self.view_box, background="w")
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setToolTip("")
        self.scatter = pg.ScatterPlotItem(size=POINT_SIZE, pen=None, hoverable=True, tip=self._tip,
                                          hoverPen=pg.mkPen("#111111", width=1.5))
        self.chosen = pg.ScatterPlotItem(size=POINT_SIZE + 6, pen=pg.mkPen("#111111", width=2), brush=None)
        self.plot.addItem(self.scatter)
        self.plot.addItem(self.chosen)
        self.labels: list[pg.TextItem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.analysis: Analysis | None = None
        self.ids: tuple[str, ...] = ()
        self.xy = np.zeros((0, 2))
        self.selected: tuple[str, ...] = ()
        self.scatter.sigClicked.connect(self._on_clicked)
        self.view_box.lasso_finished.connect(self.select_inside)

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Plot ``analysis`` (``None`` or one without coordinates clears the map)."""
        self.analysis = analysis
        for label in self.labels:
            self.plot.removeItem(label)
        self.labels = []
        self.selected = ()
        self.chosen.setData([], [])
        if analysis is None or len(analysis.coordinates) != len(analysis.articles):
            self.ids, self.xy = (), np.zeros((0, 2))
            self.scatter.setData([], [])
            return
        topic = {i: c for c in analysis.clusters for i in c.article_ids}
        self.ids = tuple(a.id for a in analysis.articles)
        self.xy = np.asarray(analysis.coordinates, dtype=np.float64).reshape(-1, 2)
        brushes = {c.id: pg.mkBrush(topic_colour(c.id, c.is_other)) for c in analysis.clusters}
        self.scatter.setData(x=self.xy[:, 0], y=self.xy[:, 1], data=list(self.ids),
                             brush=[brushes[topic[i].id] for i in self.ids])
        row = {article_id: n for n, article_id in enumerate(self.ids)}
        ranked = sorted((c for c in analysis.clusters if not c.is_other), key=lambda c: -len(c.article_ids))
        for cluster in ranked[:LABELLED_TOPICS]:
            centre = self.xy[[row[i] for i in cluster.article_ids]].mean(axis=0)
            label = pg.TextItem(cluster.label, color=QColor(topic_colour(cluster.id)).darker(160), anchor=(0.5, 1.0),
                                fill=pg.mkBrush(255, 255, 255, 190))
            label.setPos(float(centre[0]), float(centre[1]))
            self.plot.addItem(label)
            self.labels.append(label)
        self.view_box.autoRange(padding=0.05)

    def colour_of(self, article_id: str) -> str:
        """The ``#rrggbb`` colour the point of ``article_id`` is drawn in."""
        brush = self.scatter.points()[self.ids.index(article_id)].brush()
        return QBrush(brush).color().name()

    def point_position(self, article_id: str) -> QPointF:
        """Where the point of ``article_id`` is, in the plot widget's pixels (for hovering and clicking it)."""
        x, y = self.xy[self.ids.index(article_id)]
        scene = self.view_box.mapViewToScene(QPointF(float(x), float(y)))
        return QPointF(self.plot.mapFromScene(scene))

    def show_article(self, article_id: str | None) -> None:
        """Ring the point of ``article_id`` (``None`` removes the ring)."""
        if article_id is None or article_id not in self.ids:
            self.chosen.setData([], [])
            return
        x, y = self.xy[self.ids.index(article_id)]
        self.chosen.setData([x], [y])

    def select_inside(self, polygon: np.ndarray) -> None:
        """Select the articles inside ``polygon`` (data coordinates) and announce them."""
        mask = inside(self.xy, np.asarray(polygon, dtype=np.float64).reshape(-1, 2))
        self.selected = tuple(i for i, keep in zip(self.ids, mask) if keep)
        self.chosen.setData(self.xy[mask, 0], self.xy[mask, 1])
        self.articles_selected.emit(list(self.selected))

    def _tip(self, x: float, y: float, data: object) -> str:
        if self.analysis is None or not isinstance(data, str):
            return ""
        article = self.analysis.article(data)
        meta = ", ".join(v for v in (article.source, article.date) if v)
        return article.title + (f"\n{meta}" if meta else "")

    def _on_clicked(self, _item: object, points: list[object], _event: object) -> None:
        if len(points):
            article_id = str(points[0].data())  # type: ignore[attr-defined]
            self.show_article(article_id)
            self.article_selected.emit(article_id)
