"""The source pane: summary sentences highlighted, a site's footer shown grey (it is never summarised)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.source_panel import SourcePanel
from nlp.ingest import load_paths, make_article
from nlp.run.pipeline import analyze
from nlp.topics.dedup import mark_duplicates

pytestmark = pytest.mark.gui
ANGLES = Path(__file__).resolve().parents[1] / "fixtures" / "one_story"
FOOTER = ("The Lessia Herald has covered the towns and villages of the Lessia valley since 1911.",
          "Readers in Brisk can reach the Lessia Herald newsroom at its offices on Aulen Street.")


def test_the_sites_footer_is_grey_and_the_summary_sentence_blue(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = mark_duplicates([
        make_article(a.id, [s.text for s in a.sentences if s.kind == "body"] + list(FOOTER), title=a.title)
        for a in sorted(load_paths([ANGLES]).articles, key=lambda a: a.id)
    ])
    analysis = analyze(corpus)
    said = analysis.clusters[0].summary.sentences[0]
    article = next(a for a in analysis.articles if a.id == said.article_id)
    panel = SourcePanel()
    qtbot.addWidget(panel)
    panel.resize(700, 600)
    panel.show()
    panel.show_article(article, [(said.start, said.end)], focus=(said.start, said.end))
    assert panel.greyed_texts() == list(FOOTER)
    assert panel.highlighted_texts() == [said.text]
    panel.grab().save(str(tmp_path / "source.png"))
