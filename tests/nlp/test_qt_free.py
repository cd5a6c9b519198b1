"""The core never imports Qt (STYLE.md point 1)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_importing_the_core_loads_no_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, nlp\n"
        "for m in pkgutil.walk_packages(nlp.__path__, 'nlp.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6', 'desktop'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout
