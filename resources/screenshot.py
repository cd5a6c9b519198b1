"""Grab the README's screenshot: the real window on the sample corpus, offscreen.

Run from the checkout: ``.venv/bin/python resources/screenshot.py`` (writes
``resources/screenshot.png``). It opens the sample corpus, selects the topic
of the Kuala Lumpur wire story, clicks its first summary sentence so the
source pane shows the highlight, and grabs the window.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = Path(__file__).resolve().parent / "screenshot.png"


def main() -> int:
    """Open the sample, select a topic and a sentence, save the grab; return the exit code."""
    app = QApplication([])
    from desktop.app import configure_app
    from desktop.main_window import MainWindow

    configure_app(app)
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1400, 820)
        window.show()
        failed: list[str] = []

        def shown(analysis: object) -> None:
            cluster = next(c for c in window.session.analysis.clusters  # type: ignore[union-attr]
                           if any(i.startswith("000_") for i in c.article_ids))
            index = window.topics.proxy.mapFromSource(window.topics.model.cluster_index(cluster.id))
            window.topics.tree.setCurrentIndex(index)
            window.topics.tree.expandAll()
            first = cluster.summary.sentences[0]
            window.summary.list.setCurrentIndex(window.summary.model.index(0))
            window._on_sentence_activated(first.article_id, first.start, first.end)
            QTimer.singleShot(300, lambda: (window.grab().save(str(OUT)), app.quit()))

        window.analysis_shown.connect(shown)
        window.session.failed.connect(lambda exc: (failed.append(str(exc)), app.quit()))
        window.open_sample()
        app.exec()
        window.close()
    if failed:
        print(f"analysis failed: {failed[0]}", file=sys.stderr)
        return 1
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
