"""Error dialogs that never block: the event loop (and the worker's signals) keep running."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """Show ``text`` in a window-modal error box and return at once.

    ``QMessageBox.critical`` runs a nested event loop until the user answers;
    a failure that arrives while another dialog is up, or in a headless run,
    would then stall everything behind it. ``open()`` shows the same box
    without a nested loop; the box deletes itself when closed.
    """
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("error_dialog")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if parent is not None:
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
    else:  # no parent keeps it alive: hold it until it is closed, or Python deletes it at once
        _PARENTLESS.add(box)
        box.finished.connect(lambda _result: _PARENTLESS.discard(box))
        box.show()
    return box


_PARENTLESS: set[QMessageBox] = set()
