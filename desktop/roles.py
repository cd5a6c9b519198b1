"""Custom item-data roles shared by the models and the panels."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class Role(IntEnum):
    """Item-data roles beyond Qt's own."""

    KIND = Qt.ItemDataRole.UserRole + 1
    """``"cluster"``, ``"article"``, or ``"copies"`` (the fold of a story's copies; its ARTICLE_ID is the story's first)."""
    CLUSTER_ID = Qt.ItemDataRole.UserRole + 2
    ARTICLE_ID = Qt.ItemDataRole.UserRole + 3
    SORT_KEY = Qt.ItemDataRole.UserRole + 5
    START = Qt.ItemDataRole.UserRole + 6
    END = Qt.ItemDataRole.UserRole + 7
