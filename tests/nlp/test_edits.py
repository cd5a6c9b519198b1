"""Editing topics: only the topics an edit touches change, as the pipeline would describe them."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp import edits
from nlp.errors import EditError
from nlp.export import render
from nlp.summarize.selection import summarize
from nlp.types import Analysis
from tests.topics_corpus import analyse_topics_corpus


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return analyse_topics_corpus(tmp_path_factory.mktemp("topics"))


@pytest.fixture(scope="module")
def bench(analysis: Analysis) -> edits.Workbench:
    return edits.workbench(edits.draft_of(analysis))


def _topic(draft: edits.Draft, theme: str) -> int:
    return next(c.id for c in draft.analysis.clusters if c.article_ids[0].startswith(theme))


def test_describing_unchanged_topics_again_gives_the_pipeline_s_topics(analysis: Analysis,
                                                                       bench: edits.Workbench) -> None:
    draft = edits.draft_of(analysis)
    groups = [(c.article_ids, c.is_other, None) for c in analysis.clusters]
    again = edits.regroup(draft, groups, range(len(groups)), bench, step="again")
    assert again.analysis.clusters == analysis.clusters


def test_move_redescribes_the_two_topics_and_leaves_the_third(analysis: Analysis, bench: edits.Workbench) -> None:
    draft = edits.draft_of(analysis)
    harbour, glacier, orchestra = (_topic(draft, t) for t in ("harbour", "glacier", "orchestra"))
    moved = edits.move(draft, ["glacier-1"], harbour, bench)
    clusters = moved.analysis.clusters
    assert set(clusters[harbour].article_ids) == {f"harbour-{n}" for n in range(1, 5)} | {"glacier-1"}
    assert "glacier-1" not in clusters[glacier].article_ids
    assert clusters[orchestra] == analysis.clusters[orchestra]
    members = [moved.analysis.article(i) for i in clusters[glacier].article_ids]
    assert clusters[glacier].summary == summarize(members)
    assert clusters[glacier].summary != analysis.clusters[glacier].summary
    assert moved.step == f"Move 1 article to “{analysis.clusters[harbour].label}”"


def test_a_label_the_user_wrote_stays_through_later_edits(analysis: Analysis, bench: edits.Workbench) -> None:
    draft = edits.draft_of(analysis)
    glacier = _topic(draft, "glacier")
    renamed = edits.rename(draft, glacier, "  Melting   ice ")
    assert renamed.analysis.clusters[glacier].label == "Melting ice"
    moved = edits.move(renamed, ["harbour-2"], glacier, bench)
    assert moved.analysis.clusters[glacier].label == "Melting ice"
    assert "harbour-2" in moved.analysis.clusters[glacier].article_ids
    back = edits.rename(moved, glacier, "")
    assert back.analysis.clusters[glacier].label == " · ".join(moved.analysis.clusters[glacier].terms)
    assert back.step == "Give “Melting ice” back its label"


def test_merge_then_split_gives_back_the_two_themes(analysis: Analysis, bench: edits.Workbench) -> None:
    draft = edits.draft_of(analysis)
    harbour, orchestra = _topic(draft, "harbour"), _topic(draft, "orchestra")
    merged = edits.merge(draft, [harbour, orchestra], bench)
    assert len(merged.analysis.clusters) == 2
    big = next(c for c in merged.analysis.clusters if len(c.article_ids) == 8)
    assert merged.step.startswith("Merge 2 topics into")
    split = edits.split(merged, big.id, 2, bench)
    assert sorted(sorted(c.article_ids) for c in split.analysis.clusters) == sorted(
        sorted(c.article_ids) for c in analysis.clusters)
    assert [c.id for c in split.analysis.clusters] == [0, 1, 2]


def test_selected_articles_become_a_topic_after_their_own(analysis: Analysis, bench: edits.Workbench) -> None:
    draft = edits.draft_of(analysis)
    glacier = _topic(draft, "glacier")
    off = edits.split_off(draft, ["glacier-3", "glacier-4"], bench)
    new = off.analysis.clusters[glacier + 1]
    assert set(new.article_ids) == {"glacier-3", "glacier-4"}
    assert set(off.analysis.clusters[glacier].article_ids) == {"glacier-1", "glacier-2"}
    assert len(off.analysis.clusters) == 4 and off.step == "Make 2 articles a topic"


def test_an_excluded_article_leaves_the_digest_but_stays_in_the_corpus(analysis: Analysis,
                                                                      bench: edits.Workbench) -> None:
    draft = edits.draft_of(analysis)
    out = edits.exclude(draft, ["orchestra-2"], bench)
    assert out.excluded == ("orchestra-2",)
    assert "orchestra-2" not in {a.id for a in out.analysis.articles}
    assert "orchestra-2" not in render(out.analysis, "json")
    assert len(out.corpus) == len(analysis.articles)


def test_moving_every_article_away_removes_the_topic(analysis: Analysis, bench: edits.Workbench) -> None:
    draft = edits.draft_of(analysis)
    glacier, harbour = _topic(draft, "glacier"), _topic(draft, "harbour")
    moved = edits.move(draft, list(analysis.clusters[glacier].article_ids), harbour, bench)
    assert len(moved.analysis.clusters) == 2
    assert [c.id for c in moved.analysis.clusters] == [0, 1]


def test_impossible_edits_say_why(analysis: Analysis, bench: edits.Workbench) -> None:
    draft = edits.draft_of(analysis)
    with pytest.raises(EditError, match="two topics or more"):
        edits.merge(draft, [0], bench)
    with pytest.raises(EditError, match="there is no topic 10"):
        edits.rename(draft, 9, "x")
    with pytest.raises(EditError, match="cannot be split into 9 topics"):
        edits.split(draft, 0, 9, bench)
    with pytest.raises(EditError, match="already in"):
        edits.move(draft, [draft.analysis.clusters[0].article_ids[0]], 0, bench)
    with pytest.raises(EditError, match="at least one article"):
        edits.exclude(draft, [a.id for a in analysis.articles], bench)
    with pytest.raises(EditError, match="nope is in no topic"):
        edits.exclude(draft, ["nope"], bench)
