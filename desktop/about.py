"""The About dialog: version and the licences of what the app is built on."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QMessageBox, QWidget

import nlp

LICENCES = (
    ("Qt for Python (PySide6)", "LGPL-3.0"),
    ("scikit-learn", "BSD-3-Clause"),
    ("sumy", "Apache-2.0"),
    ("PyStemmer (Snowball stemmers)", "MIT / BSD-3-Clause"),
    ("trafilatura", "Apache-2.0"),
    ("charset-normalizer", "MIT"),
    ("python-dateutil", "Apache-2.0 / BSD-3-Clause"),
    ("NumPy, SciPy", "BSD-3-Clause"),
)


def about_text() -> str:
    """The dialog's rich text (every value escaped)."""
    rows = "".join(f"<li>{escape(name)}: {escape(lic)}</li>" for name, lic in LICENCES)
    return (
        f"<h3>Topic Digest {escape(nlp.__version__)}</h3>"
        "<p>Groups news articles into topics and writes extractive summaries whose every "
        "sentence links back to its source. Works offline.</p>"
        "<p>Licence: MIT.</p><p>Built on:</p>"
        f"<ul>{rows}</ul>"
    )


def show_about(parent: QWidget) -> None:
    """Show the About dialog."""
    QMessageBox.about(parent, "About Topic Digest", about_text())
