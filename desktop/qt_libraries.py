"""Qt's X11 platform plugin and the system libraries it lacks, named by their Debian packages.

When the plugin cannot load, Qt aborts with a generic "could not load the Qt platform plugin
xcb" (and sometimes names the wrong library). Asking ``ldd`` first lets the app say exactly
which libraries are missing and which packages bring them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

DEBIAN_PACKAGES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
"""Every system library the pinned PySide6's ``libqxcb.so`` loads (``ldd``), and its Debian package.

The README's ``apt install`` line names exactly these packages; a test keeps the two equal.
"""

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def xcb_plugin() -> Path | None:
    """The X11 platform plugin of the installed PySide6, found without loading Qt; None if absent."""
    import PySide6  # the package's __init__ only sets paths: no Qt library is loaded

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def uses_xcb(env: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt will pick the X11 plugin: asked for, or an X display without Wayland (Linux/BSD)."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0]
    if chosen:
        return chosen == "xcb"
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def missing_libraries(plugin: Path, ldd: str = "ldd") -> list[str]:
    """Sonames ``plugin`` needs that the system cannot find, by ``ldd``; [] when ``ldd`` is unavailable."""
    program = shutil.which(ldd)
    if program is None:
        return []
    try:
        out = subprocess.run([program, str(plugin)], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(set(_NOT_FOUND.findall(out)))


def missing_message(missing: list[str]) -> str:
    """What to tell the user: the missing libraries and the ``apt install`` line that brings them."""
    packages = sorted({DEBIAN_PACKAGES.get(name, name) for name in missing})
    return (
        "topic-digest-gui: Qt cannot open a window: its X11 platform plugin needs system libraries that "
        f"are not installed: {', '.join(missing)}.\n"
        f"On Debian or Ubuntu install them with:\n  sudo apt install {' '.join(packages)}"
    )


def check_platform(env: Mapping[str, str] = os.environ) -> str | None:
    """The message for missing X11 libraries when Qt would use X11 and cannot; None when all is there."""
    if not uses_xcb(env):
        return None
    plugin = xcb_plugin()
    missing = missing_libraries(plugin) if plugin is not None else []
    return missing_message(missing) if missing else None
