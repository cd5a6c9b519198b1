"""The topics pane: a filter box over the sortable tree of topics and their articles."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from desktop.column_fit import ColumnFitter
from desktop.filter_bar import EscapeClears, FacetBar
from desktop.roles import Role
from desktop.topics_model import TopicsFilter, TopicsModel
from nlp.types import Analysis


EXPAND_UP_TO = 500
"""Up to this many articles, every topic opens unfolded."""
RESIZE_ROWS = 100
"""Rows measured to size the columns, topic labels included, to their contents (three screens or so: each costs
the window a little); longer texts further down are cut, and their tooltips hold them whole."""


class TopicsPanel(QWidget):
    """Shows topics and articles; tells which topic or article the user picked.

    Signals
    -------
    cluster_selected(int)
        A topic row was selected (its cluster id).
    article_selected(str)
        An article row was selected (its article id).
    matched(bool)
        The rows shown changed (a filter, a new analysis): whether any is shown.
    """

    cluster_selected = Signal(int)
    article_selected = Signal(str)
    matched = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TopicsModel(self)
        self.proxy = TopicsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter topics, titles and text (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip(
            "Show only topics and articles containing all these whole words (matches highlighted); Esc clears")
        self._escape = EscapeClears(self.filter_edit)
        self.facets = FacetBar(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setToolTip("Topics found in the articles; expand a topic to see its articles")
        header = self.tree.header()
        # Column widths from the first rows only: measuring every row of a big corpus would
        # freeze the window each time an analysis arrives.
        header.setResizeContentsPrecision(RESIZE_ROWS)
        self.columns = ColumnFitter(self.tree, main_need=self._label_width)
        header.setSectionHidden(4, True)  # after the fitter sets the resize modes, which would count it in
        self._hidden_by_filter: object = None  # the row that was current when the filter emptied the tree
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.facets)
        layout.addWidget(self.tree)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._on_filter_timeout)
        self.filter_edit.textChanged.connect(self._debounce.start)
        self.facets.changed.connect(self._on_facets_changed)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def set_analysis(self, analysis: Analysis | None, select: int = 0) -> None:
        """Show a new analysis and select topic ``select`` (the first if it is gone)."""
        self.model.set_analysis(analysis)
        self._hidden_by_filter = None
        self.facets.set_analysis(analysis)
        self._unfold()  # a big corpus opens with its topics folded, unless a filter is on
        index = self.proxy.mapFromSource(self.model.cluster_index(select))
        if not index.isValid() and self.proxy.rowCount() > 0:
            index = self.proxy.index(0, 0)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        elif self.nothing_matches and self.model.cluster_index(select).isValid():  # hidden by the filter
            self._hidden_by_filter = self.model.node_at(self.model.cluster_index(select))
        self.matched.emit(not self.nothing_matches)

    @property
    def nothing_matches(self) -> bool:
        """Whether a filter (words, dates, source) is on and no topic or article matches it."""
        return bool(self.proxy.words or any(self.proxy.facets)) and self.proxy.rowCount() == 0

    def selected_cluster_ids(self) -> list[int]:
        """Ids of the selected topic rows, in tree order."""
        rows = self.tree.selectionModel().selectedRows(0)
        return sorted({int(i.data(Role.CLUSTER_ID)) for i in rows if i.data(Role.KIND) == "cluster"})

    def selected_article_ids(self) -> list[str]:
        """Ids of the selected article rows, in the order they were selected."""
        rows = self.tree.selectionModel().selectedRows(0)
        return list(dict.fromkeys(str(i.data(Role.ARTICLE_ID)) for i in rows if i.data(Role.KIND) == "article"))

    def current_cluster_id(self) -> int | None:
        """The topic of the current row (the row's own, or its article's), or None."""
        index = self.tree.currentIndex()
        return int(index.data(Role.CLUSTER_ID)) if index.isValid() and index.data(Role.CLUSTER_ID) is not None else None

    def edit_current_label(self) -> None:
        """Start editing the label of the current row's topic in place (F2)."""
        cluster_id = self.current_cluster_id()
        if cluster_id is None:
            return
        index = self.proxy.mapFromSource(self.model.cluster_index(cluster_id))
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.edit(index)

    def apply_filter(self) -> None:
        """Apply the filter box now (without waiting for typing to pause)."""
        self._debounce.stop()
        self._on_filter_timeout()

    def select_article(self, article_id: str) -> None:
        """Select the row of ``article_id`` without re-emitting if it is already current."""
        index = self.proxy.mapFromSource(self.model.article_index(article_id))
        if index.isValid() and index != self.tree.currentIndex():
            self._select_quietly(index)

    def select_articles(self, article_ids: list[str]) -> int:
        """Select the rows of ``article_ids`` (the map's lasso), the first one current; return how many are shown."""
        rows = [self.proxy.mapFromSource(self.model.article_index(i)) for i in article_ids]
        rows = [r for r in rows if r.isValid()]
        selection = QItemSelection()
        for row in rows:
            selection.select(row, row.siblingAtColumn(self.proxy.columnCount() - 1))
        if rows:
            self.tree.setCurrentIndex(rows[0])
            self.tree.scrollTo(rows[0])
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.tree.selectionModel().select(selection, flags)
        return len(rows)

    def _select_quietly(self, index: QModelIndex) -> None:
        """Make ``index`` current without announcing it (what it shows is already shown)."""
        self.tree.blockSignals(True)
        self.tree.selectionModel().blockSignals(True)
        self.tree.setCurrentIndex(index)
        self.tree.selectionModel().blockSignals(False)
        self.tree.blockSignals(False)
        self.tree.scrollTo(index)

    def _on_filter_timeout(self) -> None:
        self._refilter(lambda: self.proxy.set_query(self.filter_edit.text()))

    def _on_facets_changed(self, first: str | None, last: str | None, source: str | None) -> None:
        self._refilter(lambda: self.proxy.set_facets(first, last, source))

    def _refilter(self, change: Callable[[], bool]) -> None:
        """Apply ``change`` to the filter, keeping the current row when it is still shown."""
        current = self.proxy.mapToSource(self.tree.currentIndex())
        node = self.model.node_at(current) if current.isValid() else self._hidden_by_filter
        if not change():
            return  # same words (a space typed, a letter typed and deleted): leave the tree as it is
        self._unfold()
        index = self.proxy.mapFromSource(self.model.index_of(node)) if node is not None else QModelIndex()
        self._hidden_by_filter = node if self.nothing_matches else None
        if index.isValid() and not current.isValid():  # back from "no match": show that row again
            self.tree.setCurrentIndex(index)
        elif index.isValid():  # the row that was current stays current, in the same column
            self._select_quietly(index.siblingAtColumn(current.column()))
        elif self.proxy.rowCount() > 0:  # it is filtered out: go to the first row shown, and show it
            self.tree.setCurrentIndex(self.proxy.index(0, 0))
        self.matched.emit(not self.nothing_matches)

    def _label_width(self) -> int:
        """Room the topic labels need (article titles below them may be cut: their tooltips are whole)."""
        rows = min(self.proxy.rowCount(), RESIZE_ROWS)
        widths = (self.tree.sizeHintForIndex(self.proxy.index(row, 0)).width() for row in range(rows))
        return max(widths, default=0) + self.tree.indentation()

    def _unfold(self) -> None:
        """Unfold the topics while filtering (copies stay folded); else the opening view (topics unfolded when few)."""
        if self.proxy.words or any(self.proxy.facets):
            self.tree.expandToDepth(0)  # a story's copies stay folded under their first article
        elif self.model.article_count <= EXPAND_UP_TO:
            self.tree.expandToDepth(0)
        self.columns.refit()

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        index: QModelIndex = indexes[0]
        if index.data(Role.KIND) == "cluster":
            self.cluster_selected.emit(int(index.data(Role.CLUSTER_ID)))
        else:
            self.article_selected.emit(str(index.data(Role.ARTICLE_ID)))
