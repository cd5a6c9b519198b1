"""Table model of a topic's sources: articles from each and who reported first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from nlp.ingest.dates import display_date
from nlp.topics.story import SourceCount

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Source", "Articles", "First report")


class SourcesModel(QAbstractTableModel):
    """One row per source, most articles first; the first to report is bold and marked."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[SourceCount, ...] = ()

    @property
    def rows(self) -> tuple[SourceCount, ...]:
        """The sources shown."""
        return self._rows

    def set_sources(self, rows: tuple[SourceCount, ...]) -> None:
        """Show ``rows``."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            first = display_date(row.first_date) + ("  ★ first" if row.first else "")
            return (row.source, row.count, first)[index.column()]
        if role == Qt.ItemDataRole.FontRole and row.first:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            first = " — reported first" if row.first else ""
            return f"{row.source}: {row.count} article{'s' * (row.count != 1)}, earliest {display_date(row.first_date) or 'undated'}{first}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
