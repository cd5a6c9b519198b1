"""Date-range and source filters that sit beside the text filter, and Esc to clear a filter box."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from nlp.types import Analysis

ALL_SOURCES = "All sources"


def _day(date: QDate) -> str:
    return date.toString("yyyy-MM-dd")


class FacetBar(QWidget):
    """From / to dates and a source; each at its first entry ("Any", "All sources") means no limit.

    Signals
    -------
    changed(object, object, object)
        First day, last day (ISO strings or ``None``) and source (``None`` for all).
    """

    changed = Signal(object, object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_edit = self._date_edit("Show articles from this day on (Any: no limit)")
        self.last_edit = self._date_edit("Show articles up to this day (Any: no limit)")
        self.source_box = QComboBox(self)
        self.source_box.setToolTip("Show only the articles of one source")
        self.source_box.addItem(ALL_SOURCES)
        self.source_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source_box.setMinimumContentsLength(12)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel("From", self), self.first_edit, QLabel("to", self), self.last_edit, self.source_box):
            layout.addWidget(widget)
        self.first_edit.dateChanged.connect(self._on_changed)
        self.last_edit.dateChanged.connect(self._on_changed)
        self.source_box.currentIndexChanged.connect(self._on_changed)
        self._emitted: tuple[str | None, str | None, str | None] = (None, None, None)

    def _date_edit(self, tip: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.setSpecialValueText("Any")
        edit.setToolTip(tip)
        edit.setMinimumDate(QDate(1900, 1, 1))
        edit.setDate(edit.minimumDate())
        return edit

    @property
    def first(self) -> str | None:
        """The first day shown, or ``None``."""
        edit = self.first_edit
        return None if edit.date() == edit.minimumDate() else _day(edit.date())

    @property
    def last(self) -> str | None:
        """The last day shown, or ``None``."""
        edit = self.last_edit
        return None if edit.date() == edit.minimumDate() else _day(edit.date())

    @property
    def source(self) -> str | None:
        """The source shown, or ``None`` for all."""
        return None if self.source_box.currentIndex() <= 0 else self.source_box.currentText()

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Offer ``analysis``'s sources and dates; clear every limit."""
        days = sorted(a.date[:10] for a in (analysis.articles if analysis else ()) if a.date and a.date[:1] != "-"
                      and len(a.date) >= 10)
        self.blockSignals(True)
        self.source_box.clear()
        self.source_box.addItem(ALL_SOURCES)
        self.source_box.addItems(sorted({a.source for a in (analysis.articles if analysis else ()) if a.source},
                                        key=str.lower))
        if days:
            earliest = QDate.fromString(days[0], "yyyy-MM-dd")
            for edit in (self.first_edit, self.last_edit):
                edit.setMinimumDate(earliest.addDays(-1))  # the day before stands for "Any"
                edit.setMaximumDate(QDate.fromString(days[-1], "yyyy-MM-dd"))
        self.clear()
        self.blockSignals(False)
        self._on_changed()

    def set_day(self, day: str) -> None:
        """Show only the articles of ``day`` (ISO); ``""`` lifts the date limits."""
        self.set_range(day or None, day or None)

    def set_range(self, first: str | None, last: str | None) -> None:
        """Show only the articles dated ``first``..``last`` (``None``: no limit on that side)."""
        for edit, value in ((self.first_edit, first), (self.last_edit, last)):
            date = QDate.fromString(value, "yyyy-MM-dd") if value else edit.minimumDate()
            edit.blockSignals(True)
            edit.setDate(date if date.isValid() else edit.minimumDate())
            edit.blockSignals(False)
        self._on_changed()

    def set_source(self, source: str | None) -> None:
        """Show only the articles of ``source`` (``None``: all)."""
        index = self.source_box.findText(source, Qt.MatchFlag.MatchExactly) if source else 0
        self.source_box.setCurrentIndex(max(0, index))

    def clear(self) -> None:
        """Remove every limit."""
        for widget in (self.first_edit, self.last_edit, self.source_box):
            widget.blockSignals(True)
        self.first_edit.setDate(self.first_edit.minimumDate())
        self.last_edit.setDate(self.last_edit.minimumDate())
        self.source_box.setCurrentIndex(0)
        for widget in (self.first_edit, self.last_edit, self.source_box):
            widget.blockSignals(False)
        self._on_changed()

    def _on_changed(self, *_args: object) -> None:
        if self.signalsBlocked():
            return
        facets = (self.first, self.last, self.source)
        if facets != self._emitted:
            self._emitted = facets
            self.changed.emit(*facets)


class EscapeClears(QObject):
    """Event filter: Esc in a line edit clears it (and is not taken by a window shortcut meanwhile)."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and self._edit.text():
            if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape and not event.modifiers():
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    self._edit.clear()
                return True
        return False
