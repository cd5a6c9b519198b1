"""Columns sized to their content within the pane: the main column gets the room the others leave."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView

FLOOR = 18
"""No column is made narrower than this (pixels): a digit or two."""


def fit_widths(wants: Sequence[int], needs: Sequence[int], room: int, main: int = 0) -> list[int]:
    """Widths for columns that want ``wants`` pixels (header and content) and need ``needs`` in ``room``.

    Everything fits: each column gets what it wants and the main column the
    rest. Otherwise each column gets what it needs, the main one first and
    then from left to right, as long as room lasts (the last ones are cut,
    never below :data:`FLOOR`); room left over completes the other columns'
    headers, then the main column's longest texts.
    """
    widths = [min(n, w) for n, w in zip(needs, wants)]
    if sum(wants) <= room:
        widths = list(wants)
        if widths:
            widths[main] += room - sum(widths)
        return widths
    order = [main, *(c for c in range(len(wants)) if c != main)]
    left = room
    for place, column in enumerate(order):
        later = len(order) - place - 1
        widths[column] = max(FLOOR, min(widths[column], left - FLOOR * later))
        left -= widths[column]
    for column in order[1:] + [main]:
        extra = min(max(0, left), wants[column] - widths[column])
        widths[column] += max(0, extra)
        left -= max(0, extra)
    return widths


class ColumnFitter(QObject):
    """Keeps a tree's or a table's visible columns fitted to their content and to the pane's width.

    Content is measured again when the rows change (a new analysis, a filter,
    a topic unfolded), once for all the changes of one event-loop turn: unfolding
    every topic signals once per topic, and each measure reads up to the header's
    precision in rows. A resize only shares the width out again. Cut text is
    elided by the view; the model's tooltips give the whole of it. A column
    needs its whole content, except the main one when ``main_need`` says how
    much of it must show (a tree's topic labels, where its article titles may be cut).
    """

    def __init__(
        self, view: QTreeView | QTableView, main: int = 0, main_need: Callable[[], int] | None = None
    ) -> None:
        super().__init__(view)
        self._view: QAbstractItemView = view
        self._header: QHeaderView = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
        self._main = main
        self._main_need = main_need
        self._wants: dict[int, int] | None = None
        self._needs: dict[int, int] = {}
        self._applying = False
        self._header.setStretchLastSection(False)
        self._header.setMinimumSectionSize(FLOOR)  # the style's own minimum is wider than two digits
        self._header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        model = view.model()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self._apply)
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._changed)
        if isinstance(view, QTreeView):
            view.expanded.connect(self._changed)
            view.collapsed.connect(self._changed)
        view.viewport().installEventFilter(self)

    def refit(self, *_args: object) -> None:
        """Measure the columns' content again and fit them, now."""
        self._soon.stop()
        self._wants = None
        self._apply()

    def _changed(self, *_args: object) -> None:
        """The rows changed: measure again when control is back in the event loop (or at the next :meth:`refit`)."""
        self._wants = None
        self._soon.start()

    def widths(self) -> dict[int, int]:
        """Visible column -> the width it was given."""
        return {c: self._header.sectionSize(c) for c in self._visible()}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self._apply()
        return False

    def _visible(self) -> list[int]:
        header = self._header
        return [c for c in range(header.count()) if not header.isSectionHidden(c)]

    def _measure(self) -> dict[int, int]:
        """What each visible column wants (header and content); what it needs goes to ``_needs``."""
        view, header = self._view, self._header
        content = {c: view.sizeHintForColumn(c) for c in self._visible()}
        self._needs = dict(content)
        if self._main_need is not None and self._main in content:
            self._needs[self._main] = min(content[self._main], self._main_need())
        return {c: max(header.sectionSizeHint(c), width) for c, width in content.items()}

    def _apply(self) -> None:
        if self._applying:
            return
        self._applying = True
        try:
            if self._wants is None:
                self._wants = self._measure()
            columns = list(self._wants)
            if self._main not in columns:
                return
            room = self._view.viewport().width()
            widths = fit_widths([self._wants[c] for c in columns], [self._needs[c] for c in columns], room,
                                columns.index(self._main))
            header = self._header
            for column, width in zip(columns, widths):
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._applying = False
