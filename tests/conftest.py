"""Test set-up shared by every test: headless Qt before anything imports PySide6."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any PySide6 import, here or in tests
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    """The sample corpus folder of the checkout."""
    return SEEDS
