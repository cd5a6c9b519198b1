"""The analysis says when fewer topics were possible than the user asked for, and why."""

from __future__ import annotations

from dataclasses import replace

import pytest

from nlp.ingest import make_article
from nlp.run.pipeline import analyze, resummarize
from nlp.types import Article, Options

STORIES = (
    ("quake", "A strong earthquake struck the coast of Haiti on Monday. Rescuers searched the rubble."),
    ("vote", "The city council voted on the budget for schools. The mayor welcomed the vote."),
    ("match", "The home team won the football final after extra time. Fans celebrated downtown."),
)


def _articles(copies: bool = False) -> list[Article]:
    articles = [make_article(name, [text], title=name.title()) for name, text in STORIES]
    if copies:  # a second copy of the first story: still three stories
        articles.append(make_article("quake-copy", [STORIES[0][1]], title="Quake again"))
    return articles


def test_asking_for_more_topics_than_stories_gives_a_note() -> None:
    analysis = analyze(_articles(copies=True), Options(clusters=10))
    assert len(analysis.clusters) == 3
    assert analysis.notes == ("asked for 10 topics; 3 were possible: the 4 articles tell 3 distinct stories",)
    assert resummarize(analysis, replace(analysis.options, sentences=1)).notes == analysis.notes


def test_one_article_is_told_in_the_singular() -> None:
    analysis = analyze(_articles()[:1], Options(clusters=2))
    assert analysis.notes == ("asked for 2 topics; 1 was possible: the 1 article tells 1 distinct story",)


@pytest.mark.parametrize("clusters", [None, 2, 3])
def test_no_note_when_the_topics_asked_for_were_made(clusters: int | None) -> None:
    assert analyze(_articles(), Options(clusters=clusters)).notes == ()
