"""Table model of a topic's sources: articles from each and who reported first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from desktop.rows_model import Index, RowsModel
from nlp.ingest.dates import display_date
from nlp.topics.story import SourceCount


class SourcesModel(RowsModel[SourceCount]):
    """One row per source, most articles first; the first to report is bold and marked."""

    HEADERS = ("Source", "Articles", "First report")

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
