"""The summary pane names each method in words and says when the length holds no sentence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.summary_panel import SummaryPanel
from nlp.run.pipeline import analyze_paths
from nlp.summarize.names import METHODS_DESCRIBED
from nlp.types import Options
from tests.conftest import SEEDS

pytestmark = pytest.mark.gui


def test_method_menu_names_each_method_in_words_with_a_description(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = SummaryPanel()
    qtbot.addWidget(panel)
    shown = [panel.method.itemText(i) for i in range(panel.method.count())]
    assert shown == [m.label for m in METHODS_DESCRIBED]
    assert "kl" not in shown and "KL-Sum (word distribution)" in shown
    tips = [panel.method.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(panel.method.count())]
    assert tips == [m.description for m in METHODS_DESCRIBED]
    with qtbot.waitSignal(panel.summary_options_changed) as blocker:
        panel.method.setCurrentText("LexRank (graph)")
    assert blocker.args == ["lexrank", 5, 0]
    assert "random walk" in panel.method.toolTip()


def test_a_length_too_small_for_any_sentence_shows_the_best_sentence_and_a_note(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = SummaryPanel()
    qtbot.addWidget(panel)
    panel.show()
    tiny = analyze_paths([SEEDS], Options(words=5))
    cluster = tiny.clusters[0]
    panel.show_cluster(tiny, cluster)
    assert panel.model.rowCount() == 1
    assert panel.note.isVisible()
    words = len(cluster.summary.sentences[0].text.split())
    assert panel.note.text() == (f"The length is too small for any sentence of this topic: "
                                 f"showing its best sentence alone ({words} words).")
    roomy = analyze_paths([SEEDS], Options(words=100))
    panel.show_cluster(roomy, roomy.clusters[0])
    assert not panel.note.isVisible() and panel.model.rowCount() >= 2
