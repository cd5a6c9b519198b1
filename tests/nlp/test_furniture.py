"""A site's furniture (a footer every saved page carries) is no story's: not summarised, not a label."""

from __future__ import annotations

from pathlib import Path

from nlp.ingest import load_paths, make_article
from nlp.run.pipeline import analyze
from nlp.topics.dedup import mark_duplicates
from nlp.topics.furniture import furniture_of, mark_furniture
from nlp.types import Article

ANGLES = Path(__file__).resolve().parents[1] / "fixtures" / "one_story"
# a footer that names the story's own valley and river: no sign-up or copyright phrase tells it from prose
FOOTER = ("The Lessia Herald has covered the towns and villages of the Lessia valley and the Aulen river since 1911.",
          "Readers in Brisk can reach the Lessia Herald newsroom at its offices on Aulen Street.")


def _saved_from_one_site(articles: list[Article]) -> tuple[Article, ...]:
    return mark_duplicates([
        make_article(a.id, [s.text for s in a.sentences if s.kind == "body"] + list(FOOTER), title=a.title)
        for a in sorted(articles, key=lambda a: a.id)
    ])


def test_a_footer_naming_the_storys_places_is_neither_summary_nor_label() -> None:
    corpus = _saved_from_one_site(list(load_paths([ANGLES]).articles))
    analysis = analyze(corpus)
    [topic] = analysis.clusters
    said = [s.text for s in topic.summary.sentences]
    assert said and not set(said) & set(FOOTER)
    assert "herald" not in topic.label.lower() and not any("herald" in t.lower() for t in topic.terms)
    for article in analysis.articles:  # the text stays whole; the footer is only marked
        kinds = {s.text: s.kind for s in article.sentences}
        assert all(kinds[line] == "furniture" for line in FOOTER)
        assert sum(kind == "body" for kind in kinds.values()) >= 3


def test_a_quotation_many_outlets_give_word_for_word_stays_theirs() -> None:
    """The governor's words in every outlet's story, inside it: the story's, not the site's."""
    quote = '"We will not stop searching until every family knows," Governor Marta Kellan said in Brisk.'
    articles = []
    for a in sorted(load_paths([ANGLES]).articles, key=lambda a: a.id):
        body = [s.text for s in a.sentences if s.kind == "body"]
        articles.append(make_article(a.id, body[:1] + [quote] + body[1:], title=a.title))
    marked = mark_furniture(mark_duplicates(articles))
    assert [s.kind for a in marked for s in a.sentences if s.text == quote] == ["body"] * 8


def test_a_wire_lede_that_rewrites_open_on_stays_theirs() -> None:
    """Eight outlets' stories, each opening on the wire's lede word for word: the top of the page is the story's."""
    angles = sorted(load_paths([ANGLES]).articles, key=lambda a: a.id)
    lede = next(s.text for s in angles[0].sentences if s.kind == "body")
    articles = [make_article(a.id, [lede] + [s.text for s in a.sentences if s.kind == "body"][1:], title=a.title)
                for a in angles]
    marked = mark_furniture(mark_duplicates(articles))
    assert [s.kind for a in marked for s in a.sentences if s.text == lede] == ["body"] * 8


def test_copies_of_one_wire_story_count_once() -> None:
    """One report copied by four sites, beside two other reports: held by four pages, it is still one story's."""
    angles = {a.id: a for a in load_paths([ANGLES]).articles}
    wire = angles["dam-1"]
    lines = [s.text for s in wire.sentences if s.kind == "body"]
    copies = [make_article(f"copy-{n}", lines, title=wire.title) for n in range(4)]
    corpus = mark_duplicates(sorted([*copies, angles["dam-2"], angles["dam-3"]], key=lambda a: a.id))
    assert len({a.story_id for a in corpus}) == 3
    kinds = [s.kind for a in mark_furniture(corpus) for s in a.sentences if s.text in lines]
    assert len(kinds) >= 4 * len(lines) and set(kinds) == {"body"}


def test_the_mark_outlives_a_session_and_an_edit(tmp_path: Path) -> None:
    """Saved, reopened and split in two, the dam topic's summaries still leave the footer out."""
    from nlp import edits
    from nlp.session import read_session, save_session

    analysis = analyze(_saved_from_one_site(list(load_paths([ANGLES]).articles)))
    opened = read_session(save_session(edits.draft_of(analysis), tmp_path / "dam.tdigest")).reconciled()
    assert [s.kind for a in opened.corpus for s in a.sentences if s.text in FOOTER] == ["furniture"] * 16
    halves = edits.split(opened, 0, 2, edits.workbench(opened))
    assert len(halves.analysis.clusters) == 2
    for topic in halves.analysis.clusters:
        assert topic.summary.sentences and not {s.text for s in topic.summary.sentences} & set(FOOTER)


def test_analysing_a_sessions_marked_articles_again_gives_what_the_files_gave() -> None:
    """Options changed after a session is opened analyse its (marked) articles: as the files, to the byte."""
    from nlp.export import render

    corpus = _saved_from_one_site(list(load_paths([ANGLES]).articles))
    first = analyze(corpus)
    assert any(s.kind == "furniture" for a in first.articles for s in a.sentences)
    assert render(analyze(first.articles), "json") == render(first, "json")


def test_snippets_saved_from_one_site_are_not_copies_for_its_footer() -> None:
    """48 events' headlines and first sentences, the same two footer lines under each: no item is another's copy."""
    from tests.benchmarks.bench_corpora import events, snippets

    cut, _ = snippets(events())
    corpus = [make_article(a.id, [s.text for s in a.sentences if s.kind == "body"] + list(FOOTER), title=a.title)
              for a in cut]
    assert sum(a.duplicate_of is not None for a in mark_duplicates(corpus)) > 20  # what the footer alone does
    analysis = analyze(corpus)
    assert [a.id for a in analysis.articles if a.duplicate_of is not None] == []
    assert len(analysis.clusters) >= 40
