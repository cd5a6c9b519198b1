"""The skipped-files pane: every input that could not be used, with the reason."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QVBoxLayout, QWidget

from desktop.column_fit import ColumnFitter
from desktop.elide import ElideDelegate
from desktop.rows_model import Index, RowsModel
from nlp.types import Skipped


class SkippedModel(RowsModel[Skipped]):
    """Rows of (file name, reason without the path); the tooltips give the whole path."""

    HEADERS = ("File", "Reason")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        record = "" if row.record is None else f" (record {row.record})"
        if index.column() == 0:  # the name; the whole path in the tooltip
            name = "standard input" if row.path == "-" else (PurePath(row.path).name or row.path)
            return name + record if role == Qt.ItemDataRole.DisplayRole else row.path + record
        return row.detail if role == Qt.ItemDataRole.DisplayRole else row.reason


class SkippedPanel(QWidget):
    """A table of skipped inputs, shown as a dock the user sees when something was skipped."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SkippedModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setToolTip("Files that could not be used, and why; the rest of the corpus was analysed")
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setResizeContentsPrecision(200)  # a few thousand skipped files stay quick
        self.table.setItemDelegateForColumn(0, ElideDelegate(Qt.TextElideMode.ElideMiddle, self.table))
        self.columns = ColumnFitter(self.table, main=1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
