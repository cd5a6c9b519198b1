"""Error dialogs that never block, where file dialogs start, and replacing a name completed with a suffix."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
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


def replace_confirmed(parent: QWidget | None, path: str) -> bool:
    """Whether ``path``, a name the caller completed with a suffix, may be written: new, or the user says replace.

    The file dialog asked before replacing the name as typed, not the one
    the suffix makes, so the question is asked here.
    """
    if not Path(path).exists():
        return True
    answer = QMessageBox.question(parent, "Replace file", f"{path} already exists. Replace it?",
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def export_folder(corpus: Sequence[str], last: str = "") -> str:
    """Where the Export dialog starts: the last export folder, Documents or home, never inside the corpus.

    A digest saved among the articles would be read back on the next
    analysis (ingest skips it, but the user should not have to see that).
    """
    roots = [Path(p).resolve() for p in corpus]
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for folder in (last, documents, str(Path.home()), *(str(r.parent) for r in roots), tempfile.gettempdir()):
        if not folder or not Path(folder).is_dir():
            continue
        where = Path(folder).resolve()
        if not any(where == r or r in where.parents for r in roots):
            return str(where)
    return tempfile.gettempdir()
