"""Summaries: the method table, sumy equivalence, exact picks, budget, redundancy, provenance, seeds."""

from __future__ import annotations

import re

import numpy as np
import pytest

from nlp.topics.dedup import mark_duplicates
from nlp.errors import OptionsError
from nlp.ingest import load_paths, make_article
from nlp.text.language import stemmer, stop_words
from nlp.summarize.names import METHOD_NAMES
from nlp.text.sentences import Tokenizer
from nlp.summarize.selection import METHODS, summarize
from nlp.summarize.document import Document, Position, build_document
from nlp.types import Article
from tests.conftest import SEEDS
from tests.sumy_reference import sumy_summarizer


def test_method_table_matches_the_names_the_gui_lists() -> None:
    assert tuple(METHODS) == METHOD_NAMES


def test_unknown_method_is_named() -> None:
    article = make_article("a", ["The council approved the new budget on Monday evening."])
    with pytest.raises(OptionsError, match="unknown summary method 'nope'"):
        summarize([article], method="nope")


# --- the same picks as sumy's classes ---------------------------------------------------------

def _sumy_text(article: Article) -> str:
    """The article as sumy's plain-text parser reads it: title as an upper-case heading."""
    paragraphs = [article.body[a:b] for a, b in article.paragraphs]
    return article.title.upper() + "\n" + "\n\n".join(paragraphs)


def _our_document(parsed: object) -> Document:
    texts, positions = [], []
    paragraphs = parsed.paragraphs  # type: ignore[attr-defined]
    for p, paragraph in enumerate(paragraphs):
        for s, sentence in enumerate(paragraph.sentences):
            texts.append(str(sentence))
            positions.append(Position(p == 0, p == len(paragraphs) - 1, s == 0, s == len(paragraph.sentences) - 1))
    return build_document(texts, positions=positions, headings=[str(h) for h in parsed.headings])  # type: ignore[attr-defined]


def _small_documents() -> list[Article]:
    articles = [a for a in load_paths([SEEDS]).articles if a.id[:3] in ("000", "002", "004")]
    return articles + [
        make_article("h", [
            "Floods hit the northern province after three days of heavy rain.",
            "Rescue teams reached the flooded villages on Tuesday. Officials said forty people died in the floods.",
            "The rain is expected to ease by the weekend. Roads to the province remain closed.",
            "The government promised emergency aid for the flooded villages.",
        ], title="Floods kill forty in northern province"),
    ]


@pytest.mark.parametrize("name", [m for m in METHOD_NAMES if m != "centroid"])
def test_picks_the_same_sentences_as_sumy(name: str) -> None:
    from sumy.parsers.plaintext import PlaintextParser

    for article in _small_documents():
        parsed = PlaintextParser.from_string(_sumy_text(article), Tokenizer("english")).document
        doc = _our_document(parsed)
        summarizer = sumy_summarizer(name)
        ranking = list(METHODS[name](doc))
        scores = dict(ranking)
        sentences = list(parsed.sentences)
        for count in (1, 3, 5):
            theirs = sorted(sentences.index(s) for s in summarizer(parsed, count))  # type: ignore[operator]
            ours = sorted(i for i, _ in ranking[:count])
            if name == "lsa":  # sumy's SVD noise orders sentences of equal length: compare scores
                assert sorted(scores[i] for i in ours) == pytest.approx(sorted(scores[i] for i in theirs))
            else:
                assert ours == theirs, (article.id, count)


def test_lsa_scores_are_sumys_singular_value_ranks() -> None:
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lsa import LsaSummarizer

    article = _small_documents()[0]
    body = "\n\n".join(article.body[a:b] for a, b in article.paragraphs)
    parsed = PlaintextParser.from_string(body, Tokenizer("english")).document
    summarizer = LsaSummarizer(stemmer("english"))
    summarizer.stop_words = stop_words("english")
    dictionary = summarizer._create_dictionary(parsed)
    matrix = summarizer._compute_term_frequency(summarizer._create_matrix(parsed, dictionary))
    _, sigma, v = np.linalg.svd(matrix, full_matrices=False)
    theirs = summarizer._compute_ranks(sigma, v)
    ours = dict(METHODS["lsa"](_our_document(parsed)))
    assert [ours[i] for i in range(len(theirs))] == pytest.approx(theirs)


# --- exact picks on tiny documents ---------------------------------------------------------

TINY = [
    "The city council approved the new bridge over the river on Monday.",
    "Council members said the new bridge will open to traffic next year.",
    "A local bakery won a prize for its apple pie at the county fair.",
    "The bridge over the river will cost the city forty million dollars.",
]


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("centroid", [TINY[0], TINY[1]]),
        ("textrank", [TINY[0], TINY[3]]),
        ("edmundson", [TINY[0], TINY[3]]),
        ("luhn", [TINY[0], TINY[3]]),
    ],
)
def test_exact_sentences_on_a_tiny_document(method: str, expected: list[str]) -> None:
    """The lead and a bridge sentence; never the off-topic bakery."""
    article = make_article("t", [" ".join(TINY)])
    summary = summarize([article], method=method, sentences=2)
    assert [s.text for s in summary.sentences] == expected


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_word_budget_is_respected_without_cutting(method: str) -> None:
    articles = mark_duplicates(load_paths([SEEDS]).articles)
    for budget in (20, 45, 100):
        summary = summarize(articles, method=method, words=budget)
        assert sum(len(s.text.split()) for s in summary.sentences) <= budget
        by_id = {a.id: a for a in articles}
        assert all(s.text == by_id[s.article_id].sentences[s.sentence_index].text for s in summary.sentences)
    # a 20-word budget skips a long top sentence and still finds one that fits
    assert summarize(articles, method=method, words=20).sentences


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_two_near_identical_sentences_are_never_both_chosen(method: str) -> None:
    article = make_article("r", [
        "The storm destroyed two hundred homes along the coast on Friday night.",
        "On Friday night the storm destroyed two hundred homes along the coast.",
        "Power was restored to most of the region by Sunday afternoon.",
        "Schools in the coastal towns will stay closed until next week.",
    ])
    texts = [s.text for s in summarize([article], method=method, sentences=3).sentences]
    assert sum("destroyed two hundred homes" in t for t in texts) == 1
    assert len(texts) == 3


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_provenance_spans_and_only_body_sentences(method: str) -> None:
    article = make_article(
        "k",
        [
            "Key Takeaways",
            "Talks between the two governments are planned for next week in Geneva.",
            "Officials from both governments met in Geneva to prepare the talks on trade.",
            "Photo of the delegates arriving at the talks in Geneva on a rainy morning.",
            "The talks in Geneva will cover trade, tariffs and fishing rights in the region.",
        ],
        kinds=["heading", "list", "body", "caption", "body"],
    )
    summary = summarize([article], method=method, sentences=5)
    assert [s.sentence_index for s in summary.sentences] == [2, 4]
    for s in summary.sentences:
        assert article.body[s.start : s.end] == s.text
    assert sorted(s.rank for s in summary.sentences) == [0, 1]


# --- the seeds -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds() -> tuple[Article, ...]:
    return mark_duplicates(load_paths([SEEDS]).articles)


def test_wire_story_summary_names_the_talks_once(seeds: tuple[Article, ...]) -> None:
    from nlp.topics.dedup import stem_words

    members = [a for a in seeds if a.id[:3] in ("000", "001")]
    assert members[1].duplicate_of == members[0].id
    for method in METHOD_NAMES:
        summary = summarize(members, method=method)
        text = " ".join(s.text for s in summary.sentences)
        if method == "centroid":
            assert "three-way talks" in text and "Kuala Lumpur" in text
        sets = [frozenset(stem_words(s.text)) for s in summary.sentences]
        for i, a in enumerate(sets):
            for b in sets[i + 1 :]:
                assert len(a & b) / np.sqrt(len(a) * len(b)) < 0.5, method
        # the rewrite 001 never restates what 000 says
        assert all(s.article_id == members[0].id for s in summary.sentences), method


BANNED = re.compile(r"SHARE|Link copied|Sign up|^By [A-Z]|From left|Yonhap$|@")


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_no_furniture_byline_or_caption_in_any_seed_summary(seeds: tuple[Article, ...], method: str) -> None:
    captions = {s.text for a in seeds for s in a.sentences if s.kind != "body"}
    for article in seeds:
        for budget in ({"sentences": 10}, {"words": 200}):
            for s in summarize([article], method=method, **budget).sentences:  # type: ignore[arg-type]
                assert not BANNED.search(s.text) and s.text not in captions


def test_small_corpora_identical_copies_and_fragments_only() -> None:
    text = [
        "The museum reopened on Saturday after a two-year renovation of its main hall.",
        "Visitors queued for hours to see the restored ceiling paintings in the hall.",
    ]
    one, same = make_article("a", text), make_article("b", text)  # identical, not marked as copies
    summary = summarize([one, same], method="centroid", sentences=4)
    assert sorted(s.text for s in summary.sentences) == sorted(text)
    fragments = make_article("f", ["Short line here.", "Another one.", "Photo: Reuters"])
    assert summarize([fragments], sentences=3).sentences == ()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("By Friday, the storm had moved north over the coast.", True),
        ("Share prices fell sharply on Monday in Tokyo trading.", True),
        ("Video footage showed the bridge collapsing into the river.", True),
        ("By Ann Lee, Reuters correspondent in Paris.", False),
        ("Sign up for our newsletter today and get the news.", False),
        ("Related: the talks in Geneva were cancelled on Monday.", False),
        ("2005/01/08 Tsunami aid donations in 2005 deductible for 2004 in the U.S.", False),
        ("Officials said the talks were over", False),  # no sentence end: a heading-like line
    ],
)
def test_furniture_is_told_from_prose(text: str, kept: bool) -> None:
    from nlp.summarize.candidates import is_summary_material
    from nlp.types import Sentence

    assert is_summary_material(Sentence(0, 0, len(text), text)) is kept


def test_after_the_opener_dates_without_a_year_come_after_full_dates_and_undated_last() -> None:
    texts = {
        "a_undated": "Rescue teams reached the flooded northern villages early on Tuesday morning.",
        "b_no_year": "Officials said forty people had died in the floods across the province.",
        "c_2025": "The national government promised emergency aid for every flooded village.",
        "d_2024": "Heavy rain had already closed the main roads into the province last year.",
    }
    dates = {"a_undated": None, "b_no_year": "--07-10", "c_2025": "2025-07-10", "d_2024": "2024-03-01"}
    members = [make_article(i, [t], title="Floods", date=dates[i]) for i, t in texts.items()]
    summary = summarize(members, sentences=4)
    # the opener is the lead closest to the topic; the rest follow in reading order
    assert [s.article_id for s in summary.sentences] == ["b_no_year", "d_2024", "c_2025", "a_undated"]


def test_positions_mark_each_paragraphs_first_and_last_sentence_even_when_a_paragraph_comes_back() -> None:
    """Articles built by hand may number paragraphs out of order: first/last are per paragraph, not per run."""
    from dataclasses import replace as copy

    from nlp.ingest import make_article
    from nlp.summarize.candidates import story_candidates

    article = make_article("p", ["The council approved the budget on Monday evening. "
                                 "Teachers will get a raise next spring. Road repairs start in the north in June."])
    sentences = tuple(copy(s, paragraph=p) for s, p in zip(article.sentences, (0, 1, 0)))
    found = story_candidates([copy(article, sentences=sentences)])
    flags = [(c.position.first_paragraph, c.position.last_paragraph, c.position.first_in_paragraph,
              c.position.last_in_paragraph) for c in found]
    assert flags == [(True, False, True, False), (False, True, True, True), (True, False, False, True)]


def test_candidates_found_per_story_beforehand_are_the_candidates_found_per_topic(
    seeds: tuple[Article, ...],
) -> None:
    """The pipeline finds each story's candidates while topics are merged; the summaries must not change."""
    from nlp.summarize.candidates import by_story, candidates

    articles = mark_duplicates(load_paths([SEEDS]).articles)
    known = by_story(articles)
    assert len(known) == len({a.story_id for a in articles}) < len(articles)  # 000 and 001 are one story
    for members in (articles, articles[::-1], articles[:2], articles[2:]):
        assert candidates(members, known) == candidates(members)
    stories = {c.story for c in candidates(articles, known)}
    assert stories == set(range(len(known)))
    for method in METHOD_NAMES:
        assert summarize(articles, method=method, known=known) == summarize(articles, method=method)


def test_document_terms_are_numbered_as_they_first_occur_with_their_counts(seeds: tuple[Article, ...]) -> None:
    """build_document counts from stem numbers; the columns must be those of a plain first-seen vocabulary."""
    texts = [s.text for a in seeds for s in a.sentences] + ["In 2005, 3 of 3 cats sat.", "", "The of and."]
    doc = build_document(texts)
    vocabulary: dict[str, int] = {}
    cells: dict[tuple[int, int], float] = {}
    for row, terms in enumerate(doc.terms):
        for term in terms:
            column = vocabulary.setdefault(term, len(vocabulary))
            cells[row, column] = cells.get((row, column), 0.0) + 1.0
    assert list(doc.vocabulary.items()) == list(vocabulary.items())
    matrix = doc.matrix.tocoo()
    assert dict(zip(zip(matrix.row.tolist(), matrix.col.tolist()), matrix.data.tolist())) == cells
    assert doc.terms[-3] == ("2005", "3", "3", "cat", "sat") and doc.matrix[len(texts) - 3].sum() == 5


# --- read cold: the lead first, context kept, no datelines, a budget too small -------------------

FLOODS = {
    "a": ("2024-01-02", "Rescue teams reached the flooded villages of the northern province on Tuesday. "
          "He said the floods in the northern province killed forty people after heavy rain."),
    "b": ("2024-01-01", "Floods in the northern province killed forty people after three days of heavy rain. "
          "The government promised emergency aid for the flooded villages of the province."),
}


def _floods() -> list[Article]:
    return [make_article(i, [text], title="Floods", date=date) for i, (date, text) in FLOODS.items()]


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_every_summary_opens_on_the_lead_that_states_the_story(method: str) -> None:
    """The earlier-dated article's lead names the event; the pronoun-led restatement never opens or enters."""
    summary = summarize(_floods(), method=method, sentences=3)
    assert [s.text for s in summary.sentences] == [
        "Floods in the northern province killed forty people after three days of heavy rain.",
        "The government promised emergency aid for the flooded villages of the province.",
        "Rescue teams reached the flooded villages of the northern province on Tuesday.",
    ]


BRIDGE = [
    "The city council approved the new bridge over the river on Monday.",
    "Council members met the builders of the bridge in the town hall.",
    "They said the bridge over the river will cost forty million dollars.",
    "A local bakery won a prize for its apple pie at the county fair.",
]


@pytest.mark.parametrize(("sentences", "expected"), [(2, [0, 1]), (3, [0, 1, 2])])
def test_a_sentence_that_leans_on_its_predecessor_comes_only_right_after_it(
    sentences: int, expected: list[int]
) -> None:
    """"They said ..." is the centroid's third pick; it needs "Council members ...", so it waits for room for both."""
    summary = summarize([make_article("t", [" ".join(BRIDGE)])], sentences=sentences)
    assert [BRIDGE.index(s.text) for s in summary.sentences] == expected


def test_a_connective_never_opens_even_when_it_leads_its_article() -> None:
    article = make_article("u", ["However, the bridge over the river will cost the city forty million dollars. "
                                 "The city council approved the new bridge over the river on Monday."])
    assert [s.text for s in summarize([article], sentences=1).sentences] == [
        "The city council approved the new bridge over the river on Monday."
    ]


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_seed_summaries_open_cold_and_keep_each_leaning_sentence_after_its_predecessor(
    seeds: tuple[Article, ...], method: str
) -> None:
    from nlp.summarize.cohesion import dangling

    for budget in ({"sentences": 3}, {"sentences": 8}, {"words": 45}, {"words": 150}):
        summary = summarize(seeds, method=method, **budget)  # type: ignore[arg-type]
        assert not dangling(summary.sentences[0].text)
        for before, s in zip(summary.sentences, summary.sentences[1:]):
            if dangling(s.text):
                body = [x.index for x in next(a for a in seeds if a.id == s.article_id).sentences if x.kind == "body"]
                assert (before.article_id, before.sentence_index) == (s.article_id, body[body.index(s.sentence_index) - 1])


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_datelines_are_cut_from_summary_sentences_and_the_offsets_follow(method: str) -> None:
    article = make_article("d", [
        "Tuesday, January 18, 2005Through a telethon, Romanians have raised 15 billion lei for tsunami victims.",
        "TEXAS, US – A military court found the soldier guilty of abusing prisoners at the prison.",
    ])
    summary = summarize([article], method=method, sentences=2)
    assert sorted(s.text for s in summary.sentences) == [
        "A military court found the soldier guilty of abusing prisoners at the prison.",
        "Through a telethon, Romanians have raised 15 billion lei for tsunami victims.",
    ]
    assert all(article.body[s.start : s.end] == s.text for s in summary.sentences)


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_a_budget_too_small_for_any_sentence_gives_the_best_one_and_says_so(method: str) -> None:
    summary = summarize(_floods(), method=method, words=3)
    assert [s.text for s in summary.sentences] == [
        "Floods in the northern province killed forty people after three days of heavy rain."
    ]
    assert summary.over_budget
    assert not summarize(_floods(), method=method, words=14).over_budget  # the lead has 14 words


def test_the_command_line_warns_when_the_budget_holds_no_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from nlp.cli import main

    assert main(["summarize", "--sample", "--format", "json", "--words", "3"]) == 0
    captured = capsys.readouterr()
    assert all(len(c["summary"]) == 1 for c in json.loads(captured.out)["clusters"])
    assert re.search(r"warning: --words 3 is too small for any sentence of \d+ topic\(s\)", captured.err)
    assert main(["summarize", "--sample", "--format", "json", "--words", "100"]) == 0
    assert "too small" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("He was accused of assaulting prisoners for fun.", True),
        ("They are all British nationals.", True),
        ("However, the mayor was in the room when the council voted.", True),
        ("But the council said it wanted its money back.", True),
        ("Also at the meeting were the mayor and two councillors.", True),
        ("This disproportionate impact will lead to problems for years.", True),
        ("In addition, the council approved a new budget.", True),
        ("The Iranian government then stated that it was not the first time.", True),
        ("President Barack Obama also said that the country would be ready to assist.", True),
        ("This year's session of the conference begins next week in Bali.", False),
        ("A strong earthquake has once again struck Haiti, eight days after the first.", False),
        ("The then-President signed the bill into law on Friday.", False),
        ("West Yorkshire Police searched six houses in Leeds today.", False),
        ("Thousands of people attended the ceremony in the stadium.", False),
    ],
)
def test_sentences_that_lean_on_the_one_before_are_told(text: str, leans: bool) -> None:
    from nlp.summarize.cohesion import dangling

    assert dangling(text) is leans
    assert not dangling(text, "german")  # the word lists are English


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Tuesday, January 18, 2005Through a telethon, Romanians raised money.", "Through a telethon, Romanians raised money."),
        ("Saturday, March 26, 2005 Up to four times as many women died.", "Up to four times as many women died."),
        ("TEXAS, US – A United States Army court martial met.", "A United States Army court martial met."),
        ("Meadow Lake, Saskatchewan – The municipal council said so.", "The municipal council said so."),
        ("LONDON (Reuters) - Police searched six houses.", "Police searched six houses."),
        ("WASHINGTON (AP) _ The Senate voted on Tuesday.", "The Senate voted on Tuesday."),
        ("BEIJING, October 2 (Xinhua) -- China launched a satellite.", "China launched a satellite."),
        ("NEW YORK — Stocks fell sharply.", "Stocks fell sharply."),
        ("January 18, 2005 was a cold day in Bucharest.", "January 18, 2005 was a cold day in Bucharest."),
        ("Hasib Hussain – the youngest bomber – was from Leeds.", "Hasib Hussain – the youngest bomber – was from Leeds."),
    ],
)
def test_datelines_are_told_from_sentence_openings(text: str, rest: str) -> None:
    from nlp.summarize.cohesion import dateline_length

    assert text[dateline_length(text):] == rest


def test_a_topic_whose_every_sentence_leans_still_gets_a_summary() -> None:
    article = make_article("x", ["He said the storm destroyed two hundred homes along the coast. "
                                 "They said the power was restored to most of the region by Sunday."])
    assert [s.sentence_index for s in summarize([article], sentences=2).sentences] == [0, 1]
    assert [s.sentence_index for s in summarize([article], sentences=1).sentences] == [0]
