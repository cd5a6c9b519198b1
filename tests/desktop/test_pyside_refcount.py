"""The installed Qt binding keeps Python's reference counts: a long session must not crash.

PySide6 6.12.0 returned ``None`` from every void method (``QFont.setBold``,
``QWidget.setEnabled``...) without taking a reference. On Python 3.11, where
``None`` is an ordinary object, each call drained one reference, and after
enough of them (opening 2,000 articles was enough) the app died with "Fatal
Python error: none_dealloc: deallocating None", at exit or in the middle of a
session. pyproject.toml keeps that version away from Python 3.11; this test
catches any binding with the same fault.
"""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtGui import QColor, QFont

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("call", ["QFont.setBold", "QColor.setRed"])
def test_void_methods_do_not_drain_references_to_none(qapp, call: str) -> None:  # type: ignore[no-untyped-def]
    font, colour = QFont(), QColor("#555555")
    method = {"QFont.setBold": lambda: font.setBold(True), "QColor.setRed": lambda: colour.setRed(3)}[call]
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(1000):
        method()
    gc.collect()
    assert sys.getrefcount(None) - before > -100  # 6.12.0 on Python 3.11: exactly -1000
