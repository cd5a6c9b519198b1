"""The map pane: holds the corpus map, made (and pyqtgraph imported) only once the pane is first shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from nlp.types import Analysis

if TYPE_CHECKING:
    from desktop.map_view import MapView


class MapPanel(QWidget):
    """A light stand-in until shown; then a :class:`~desktop.map_view.MapView` of the current analysis.

    Signals
    -------
    article_selected(str)
        A point was clicked.
    articles_selected(object)
        The list of article ids a lasso took.
    """

    article_selected = Signal(str)
    articles_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = QLabel("Each article is a point, coloured by topic. Hover for its title, click to open it, "
                           "Shift+drag to lasso several.", self)
        self.hint.setWordWrap(True)
        self.setMinimumHeight(240)  # room for the points when the pane opens under the three columns
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.hint)
        self.view: MapView | None = None
        self._analysis: Analysis | None = None
        self._article: str | None = None

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Map ``analysis`` now if the map is made, else when the pane is first shown."""
        self._analysis = analysis
        self._article = None
        if self.view is not None:
            self.view.set_analysis(analysis)

    def show_article(self, article_id: str | None) -> None:
        """Mark the article shown elsewhere in the window."""
        self._article = article_id
        if self.view is not None:
            self.view.show_article(article_id)

    def make_view(self) -> MapView:
        """Make the map (importing pyqtgraph) if it is not made yet, and return it."""
        if self.view is None:
            from desktop.map_view import MapView

            self.view = MapView(self)
            self.view.article_selected.connect(self.article_selected)
            self.view.articles_selected.connect(self.articles_selected)
            self._layout.addWidget(self.view, 1)
            self.view.set_analysis(self._analysis)
            self.view.show_article(self._article)
        return self.view

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self.make_view()
        super().showEvent(event)
