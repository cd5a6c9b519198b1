"""The item models pass Qt's model tester and show what a reader expects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from desktop.roles import Role
from desktop.skipped_panel import SkippedModel
from desktop.summary_model import SummaryModel
from desktop.topics_model import TopicsFilter, TopicsModel
from nlp.ingest import make_article
from nlp.types import Analysis, Cluster, Options, Skipped, Summary, SummarySentence

pytestmark = pytest.mark.gui


def _analysis(n_extra: int = 0) -> Analysis:
    a = make_article("a", ["Rubio met ministers in Kuala Lumpur. Talks were long."], title="Talks in KL",
                     date="2025-07-10", source="IANS")
    b = make_article("b", ["Rubio met ministers in Kuala Lumpur. Talks took hours."], title="KL talks",
                     duplicate_of="a")
    c = make_article("c", ["NATO leaders gathered in Washington. The summit began."], title="NATO summit")
    extra = [make_article(f"x{i:05d}", [f"Filler story number {i} about farming. Crops grew."], title=f"Farm {i}")
             for i in range(n_extra)]
    s = a.sentences[0]
    clusters = (
        Cluster(0, "Kuala Lumpur · Rubio", ("Kuala Lumpur", "Rubio"), "Talks in KL", ("a", "b"), 1, ("IANS",),
                ("2025-07-10", "2025-07-10"),
                summary=Summary("centroid", (SummarySentence(s.text, "a", 0, s.start, s.end, 0.9, 0),))),
        Cluster(1, "NATO · Washington", ("NATO",), "NATO summit", ("c", *(e.id for e in extra)), 1 + n_extra),
    )
    return Analysis((a, b, c, *extra), clusters, (Skipped("bad.bin", "binary file"),), Options())


def test_topics_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = TopicsModel()
    model.set_analysis(_analysis(3))
    qtmodeltester.check(model)
    proxy = TopicsFilter()
    proxy.setSourceModel(model)
    proxy.set_query("farm")
    qtmodeltester.check(proxy)


def test_near_duplicates_fold_under_one_row_after_their_story(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = TopicsModel()
    model.set_analysis(_analysis())
    topic = model.index(0, 0)
    assert topic.data() == "1. Kuala Lumpur · Rubio"
    assert model.index(0, 1).data() == 2 and model.index(0, 2).data() == 1
    assert model.rowCount(topic) == 2  # a, then the fold of its copy
    head, fold = model.index(0, 0, topic), model.index(1, 0, topic)
    assert head.data() == "[1] Talks in KL" and model.rowCount(head) == 0
    assert fold.data() == "+ 1 copy" and fold.data(Role.KIND) == "copies" and fold.data(Role.ARTICLE_ID) == "a"
    assert model.index(0, 0, fold).data() == "[2] ≈ KL talks"
    assert model.index(0, 0, fold).data(Role.ARTICLE_ID) == "b"


def test_filter_keeps_matching_rows_and_marks_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = TopicsModel()
    model.set_analysis(_analysis(2))
    proxy = TopicsFilter()
    proxy.setSourceModel(model)
    proxy.set_query("SUMMIT began")
    assert proxy.rowCount() == 1
    topic = proxy.index(0, 0)
    assert topic.data() == "2. NATO · Washington" and proxy.rowCount(topic) == 1
    article = proxy.index(0, 0, topic)
    assert article.data() == "[3] NATO summit"
    assert article.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert topic.data(Qt.ItemDataRole.BackgroundRole) is None  # kept as the match's parent only
    proxy.set_query("")
    assert proxy.rowCount() == 2


def _painted(index: QModelIndex) -> tuple[str, str]:
    """(text colour, background colour) the view's delegate paints ``index`` with."""
    option = QStyleOptionViewItem()
    QStyledItemDelegate().initStyleOption(option, index)
    return option.palette.color(QPalette.ColorRole.Text).name(), option.backgroundBrush.color().name()


def test_copies_are_painted_grey_and_filter_matches_yellow(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = TopicsModel()
    model.set_analysis(_analysis())
    proxy = TopicsFilter()
    proxy.setSourceModel(model)
    topic = proxy.index(0, 0)
    head, fold = proxy.index(0, 0, topic), proxy.index(1, 0, topic)
    assert _painted(fold)[0] == _painted(proxy.index(0, 0, fold))[0] == "#555555"
    assert _painted(head)[0] != "#555555"
    proxy.set_query("took hours")
    copy = proxy.index(0, 0, proxy.index(0, 0, proxy.index(0, 0)))
    assert copy.data() == "[2] ≈ KL talks" and _painted(copy) == ("#555555", "#fff3b0")


def test_summary_and_skipped_models(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    analysis = _analysis()
    summary = SummaryModel()
    summary.set_cluster(analysis, analysis.clusters[0])
    qtmodeltester.check(summary)
    assert summary.index(0).data() == "1. Rubio met ministers in Kuala Lumpur.  [1]"
    assert summary.as_text().splitlines()[-1] == "[1] Talks in KL (IANS, 2025-07-10) — "
    skipped = SkippedModel()
    skipped.set_rows(analysis.skipped)
    qtmodeltester.check(skipped)
    assert [skipped.index(0, c).data() for c in (0, 1)] == ["bad.bin", "binary file"]


def test_ten_thousand_articles_filter_in_one_pass(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = TopicsModel()
    model.set_analysis(_analysis(10_000))
    proxy = TopicsFilter()
    proxy.setSourceModel(model)
    proxy.set_query("number 9999")
    topic = proxy.index(0, 0)
    assert proxy.rowCount(topic) == 1 and proxy.index(0, 0, topic).data().endswith("] Farm 9999")
    assert model.rowCount(model.index(1, 0, QModelIndex())) == 10_001


@pytest.mark.parametrize(("word", "text", "found"), [
    ("chile", "surf at pichilemu", False), ("chile", "chile's new charter", True), ("chile", "chile", True),
    ("u.s.", "the u.s. said", True), ("u.s.", "thu.s.x", False), ("talks", "talks.", True), ("talk", "talks", False),
])
def test_the_filter_finds_whole_words_only(word: str, text: str, found: bool) -> None:
    from desktop.topics_model import whole_word

    assert bool(whole_word(word).search(text)) is found
