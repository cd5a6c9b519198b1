"""Item delegate that word-wraps a list's text to the view's width, so no item is ever cut short."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex
PADDING = 6
"""Vertical room around the text, in pixels."""


class WrappingDelegate(QStyledItemDelegate):
    """Each item as tall as its whole text needs at the view's current width; nothing elided."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def text_width(self) -> int:
        """Width the text is wrapped to: the viewport less the style's text margins."""
        style = self._view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self._view) + 1
        return max(40, self._view.viewport().width() - 2 * margin - 2 * self._view.spacing() - 4)

    def text_rect(self, option: QStyleOptionViewItem, index: Index) -> QRect:
        """The box the item's whole text takes when wrapped to :meth:`text_width`."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        return option.fontMetrics.boundingRect(QRect(0, 0, self.text_width(), 100_000), flags, text)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 - Qt override
        self.initStyleOption(option, index)
        rect = self.text_rect(option, index)
        return QSize(self.text_width(), rect.height() + PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        option.textElideMode = Qt.TextElideMode.ElideNone
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        super().paint(painter, option, index)
