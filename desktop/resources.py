"""App resources (icons, desktop entry) from the installed package or the source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon

APP_ID = "io.github.topicdigest.TopicDigest"


def resource_dir() -> Path:
    """``desktop/_resources`` in a wheel, else the checkout's ``resources/``."""
    packaged = Path(str(resources.files("desktop") / "_resources"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def app_icon() -> QIcon:
    """The application icon, with every PNG size and the SVG."""
    icon = QIcon()
    hicolor = resource_dir() / "icons" / "hicolor"
    for png in sorted(hicolor.glob(f"*/apps/{APP_ID}.png")):
        icon.addFile(str(png))
    svg = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    return icon
