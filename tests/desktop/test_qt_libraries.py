"""The GUI names the system libraries Qt's X11 plugin lacks, and the README's apt line is complete."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.qt_libraries import DEBIAN_PACKAGES, missing_libraries, uses_xcb, xcb_plugin
from tests.conftest import REPO

QT_SYSTEM_LIBRARY = re.compile(r"^lib(xcb|X11|xkbcommon|EGL|GL|fontconfig|freetype|glib|gthread|dbus)\b")


def _fake_ldd(folder: Path, output: str) -> Path:
    folder.mkdir(exist_ok=True)
    script = folder / "ldd"
    script.write_text(f"#!/bin/sh\ncat <<'EOF'\n{output}\nEOF\n", encoding="utf-8")
    script.chmod(0o755)
    return folder


def test_missing_libraries_are_named_with_their_packages(tmp_path: Path) -> None:
    bin_dir = _fake_ldd(tmp_path / "bin", "\tlibxcb-icccm.so.4 => not found\n"
                        "\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x0)\n"
                        "\tlibxcb-keysyms.so.1 => not found")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "DISPLAY": ":99"}
    env.pop("QT_QPA_PLATFORM")
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run([sys.executable, "-m", "desktop.app", "--sample"], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in proc.stderr
    assert proc.stderr.splitlines()[-1].strip() == "sudo apt install libxcb-icccm4 libxcb-keysyms1"
    assert "Aborted" not in proc.stderr and "could not load the Qt platform plugin" not in proc.stderr


def test_nothing_missing_or_no_ldd_means_no_message(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    bin_dir = _fake_ldd(tmp_path / "bin", "\tlibxcb.so.1 => /lib/libxcb.so.1 (0x0)")
    assert missing_libraries(plugin, ldd=str(bin_dir / "ldd")) == []
    assert missing_libraries(plugin, ldd=str(tmp_path / "no-such-ldd")) == []


def test_the_x11_plugin_is_only_checked_where_qt_would_use_it() -> None:
    assert uses_xcb({"DISPLAY": ":0"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0"}, "darwin")


@pytest.mark.skipif(xcb_plugin() is None, reason="this PySide6 has no X11 platform plugin")
def test_the_table_covers_every_system_library_the_pinned_plugin_loads() -> None:
    out = subprocess.run(["ldd", str(xcb_plugin())], capture_output=True, text=True, check=True).stdout
    needed = {line.split()[0] for line in out.splitlines() if "=>" in line}
    assert {name for name in needed if QT_SYSTEM_LIBRARY.match(name)} <= set(DEBIAN_PACKAGES)


def test_the_readme_apt_line_names_every_package() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    line = re.search(r"sudo apt install (lib[^`\n]+)", readme)
    assert line is not None
    assert sorted(line.group(1).split()) == sorted(set(DEBIAN_PACKAGES.values()))
