"""A topic's timeline as bars, one per day (or hour); clicking a day asks to show only its articles."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from nlp.topics.story import Timeline

BAR = QColor("#4c78a8")
CHOSEN = QColor("#f58518")
AXIS = QColor("#888888")


class TimelineView(QWidget):
    """Bars of a :class:`~nlp.topics.story.Timeline`, drawn to fit the widget.

    Signals
    -------
    day_clicked(str)
        The day (``"2025-07-10"``) of the bar clicked; per-hour bars give their day.
        ``""`` when the day already chosen is clicked again: every day is shown again.
    """

    day_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline = Timeline("day", ())
        self.chosen: str | None = None
        self.setMouseTracking(True)
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("Articles per day; click a day to show only its articles")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(300, 80)

    def set_timeline(self, timeline: Timeline, chosen: str | None = None) -> None:
        """Draw ``timeline``; ``chosen`` (a day) is marked."""
        self.timeline = timeline
        self.chosen = chosen
        self.update()

    def bar_rect(self, number: int) -> QRect:
        """Where bar ``number`` is drawn at its full height (the part of the widget a click on it hits)."""
        count = max(1, len(self.timeline.bins))
        plot = self.rect().adjusted(4, 4, -4, -18)
        width = plot.width() / count
        return QRect(int(plot.left() + number * width), plot.top(), max(1, int(width)), plot.height())

    def bar_at(self, point: QPoint) -> int | None:
        """The bar under ``point``, or ``None``."""
        for number in range(len(self.timeline.bins)):
            if self.bar_rect(number).adjusted(0, 0, 0, 18).contains(point):
                return number
        return None

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        bins = self.timeline.bins
        if not bins:
            painter.setPen(AXIS)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No dated articles")
            return
        peak = max(1, self.timeline.peak)
        for number, item in enumerate(bins):
            full = self.bar_rect(number)
            height = round(full.height() * item.count / peak)
            bar = QRect(full.left() + 1, full.bottom() - height + 1, max(1, full.width() - 2), height)
            painter.fillRect(bar, CHOSEN if item.start[:10] == self.chosen else BAR)
        painter.setPen(AXIS)
        base = self.bar_rect(0).bottom() + 1
        painter.drawLine(4, base, self.width() - 4, base)
        first, last = bins[0].start, bins[-1].start
        text_box = QRect(4, base + 2, self.width() - 8, 14)
        painter.drawText(text_box, Qt.AlignmentFlag.AlignLeft, _short(first))
        if last != first:
            painter.drawText(text_box, Qt.AlignmentFlag.AlignRight, _short(last))
        painter.drawText(text_box, Qt.AlignmentFlag.AlignHCenter, f"peak {self.timeline.peak} a {self.timeline.unit}")

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        number = self.bar_at(event.position().toPoint())
        if number is not None:
            item = self.timeline.bins[number]
            QToolTip.showText(event.globalPosition().toPoint(),
                              f"{_short(item.start)}: {item.count} article{'s' * (item.count != 1)}", self)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        number = self.bar_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and number is not None:
            day = self.timeline.bins[number].start[:10]
            day = "" if day == self.chosen else day
            self.chosen = day or None
            self.update()
            self.day_clicked.emit(day)
            return
        super().mousePressEvent(event)


def _short(start: str) -> str:
    """``"2025-07-10"`` as it is, ``"2025-07-10T14"`` as ``"2025-07-10 14:00"``."""
    return f"{start[:10]} {start[11:13]}:00" if "T" in start else start
