"""Every article that has text is kept: wire copy, snippet feeds, news-API exports, feeds, CSV dialects, encodings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.export import FORMATS, write
from nlp.ingest import load_paths, make_article
from nlp.ingest.clean import clean_text
from nlp.ingest.dates import display_date
from nlp.ingest.decode import decode_bytes
from nlp.types import Analysis, Cluster, Options, Summary, SummarySentence
from tests.conftest import REPO

SHAPES = REPO / "tests" / "fixtures" / "ingest" / "shapes"


def _load(name: str) -> tuple[list[list[str]], list[str]]:
    corpus = load_paths([SHAPES / name])
    return [[s.text for s in a.sentences] for a in corpus.articles], [s.reason for s in corpus.skipped]


def test_a_complete_sentence_before_a_cut_off_tail_is_kept() -> None:
    cleaned = clean_text("Complete sentence here on Tuesday. Then a cut-off tail that")
    assert cleaned.paragraphs == ["Complete sentence here on Tuesday. Then a cut-off tail that"]


def test_text_without_any_sentence_end_is_kept_as_the_article() -> None:
    cleaned = clean_text("Stocks rally on hopes of an early rate cut")
    assert cleaned.paragraphs == ["Stocks rally on hopes of an early rate cut"]
    assert clean_text("SHARE\n36").paragraphs == []  # a word alone is no article


def test_one_hard_wrapped_paragraph_under_its_headline_is_one_paragraph() -> None:
    (article,) = load_paths([SHAPES / "wire_one_paragraph.txt"]).articles
    assert article.title == "Port strike enters second week as talks stall"
    assert article.source == "Reuters"  # the dateline is read and cut
    assert [s.text[:30] for s in article.sentences] == ["Dock workers at Europe's large",
                                                        "Union leaders said they would "]


def test_a_wire_take_cut_mid_sentence_keeps_every_paragraph_and_loses_the_desk_marker() -> None:
    (sentences,), skipped = _load("wire_cut_tail.txt")
    assert skipped == [] and len(sentences) == 4
    assert sentences[-1].endswith("arrive late again this year")


def test_snippets_without_a_final_full_stop_are_all_kept() -> None:
    corpus = load_paths([SHAPES / "snippets.jsonl"])
    assert corpus.skipped == ()
    assert [a.title for a in corpus.articles][-1] == "Shares slip as oil prices climb"
    assert corpus.articles[0].sentences[0].text.endswith("no change before the summer")
    assert corpus.articles[-1].sentences[0].text == "Shares slip as oil prices climb"  # headline only


def test_a_headline_feed_keeps_two_word_headlines_and_names_the_record_it_skips(tmp_path: Path) -> None:
    """As the UCI News Aggregator publishes them: headline, publisher, a story id, no text; "Snowden speaks" is an item."""
    feed = tmp_path / "headlines.csv"  # the aggregator's columns; its STORY is the story's id, not a text
    feed.write_text(
        "ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP\n"
        "1,Snowden speaks,http://a.example/1,Reuters,t,dK3aXw9QzLp0RtY7uVbN2mC4sE8fG,a.example,1394470370698\n"
        "2,Stocks Slip,http://b.example/2,MarketWatch,b,dP5hGq1WzMn8XcV3bL0kJ6tR9yU2e,b.example,1394470371207\n"
        "3,Phenomena:,http://c.example/3,Blog,t,dK3aXw9QzLp0RtY7uVbN2mC4sE8fG,c.example,1394470371550\n"
        "4,Fed official says weak data caused by weather,http://d.example/4,LA Times,b,"
        "dP5hGq1WzMn8XcV3bL0kJ6tR9yU2e,d.example,1394470371793\n", encoding="utf-8")
    corpus = load_paths([feed])
    assert [[s.text for s in a.sentences] for a in corpus.articles] == [
        ["Snowden speaks"], ["Stocks Slip"], ["Fed official says weak data caused by weather"]]
    assert [a.source for a in corpus.articles[:2]] == ["Reuters", "MarketWatch"]
    assert corpus.articles[0].date == "2014-03-10"
    assert [(s.record, s.reason.endswith("record 3: field 'STORY' holds one token (an id), not text"))
            for s in corpus.skipped] == [(3, True)]


def test_news_api_export_reads_source_name_and_drops_truncation_markers() -> None:
    corpus = load_paths([SHAPES / "newsapi.json"])
    first, second, third = corpus.articles
    assert (first.source, first.author, first.date) == ("BBC News", "Anna Holligan", "2024-02-14")
    assert "[+2150 chars]" not in first.body and "reser" not in first.body  # cut back to the last full sentence
    assert [s.text for s in second.sentences] == [
        "The company said the plant would employ 2,000 people by 2026.",
        "The plant, which cost $12bn to build, will make processors for phones and cars",
    ]
    assert third.sentences[0].text == "City library to stay open until midnight"
    assert corpus.skipped == ()


def test_guardian_and_nyt_shapes_give_one_article_per_result() -> None:
    guardian = load_paths([SHAPES / "guardian.json"]).articles
    assert [a.title for a in guardian] == ["Wild bee numbers recover in protected meadows",
                                           "Ferry service resumes after winter storms"]
    assert guardian[0].author == "Helen Marsh" and guardian[0].date == "2024-03-04"
    nyt = load_paths([SHAPES / "nyt.json"]).articles
    assert [a.title for a in nyt] == ["City to Plant 10,000 Street Trees", "Lost Paintings Go on Show"]
    assert (nyt[0].author, nyt[0].source) == ("Maria Lopez", "The New York Times")
    assert nyt[1].sentences[0].text.startswith("A new exhibition shows paintings")


def test_any_json_holding_one_list_of_objects_is_read(tmp_path: Path) -> None:
    doc = {"meta": {"count": 2}, "payload": {"stories": [
        {"heading": "x", "words": "The first story has a body of plain words and no known field names."},
        {"heading": "y", "words": "The second story is just the same, told in another sentence here."}]}}
    (tmp_path / "odd.json").write_text(json.dumps(doc), "utf-8")
    corpus = load_paths([tmp_path / "odd.json"])
    assert [a.sentences[0].text[:16] for a in corpus.articles] == ["The first story ", "The second story"]


def test_semicolon_and_tab_separated_csv_are_sniffed() -> None:
    assert [len(s) for s in _load("semicolon.csv")[0]] == [2, 1]
    assert [len(s) for s in _load("tabs_named.csv")[0]] == [2, 1]
    (bridge, _bakery) = load_paths([SHAPES / "semicolon.csv"]).articles
    assert (bridge.title, bridge.source, bridge.date) == ("Bridge reopens after repairs", "River Post", "2024-05-06")


def test_a_headerless_csv_finds_its_title_and_text_columns(tmp_path: Path) -> None:
    (tmp_path / "ag.csv").write_text(
        '"3","Oil Climbs Above $50 a Barrel","Reuters - Oil prices rose on Monday as traders\\worried about supply"\n'
        '"1","Talks Resume in Geneva","AP - Negotiators met again on Tuesday after a week-long break"\n', "utf-8")
    corpus = load_paths([tmp_path / "ag.csv"])
    assert [a.title for a in corpus.articles] == ["Oil Climbs Above $50 a Barrel", "Talks Resume in Geneva"]
    assert corpus.articles[0].body == "Oil prices rose on Monday as traders worried about supply"
    assert [a.source for a in corpus.articles] == ["Reuters", "AP"]  # the feed's wire credit, cut from the text


def test_a_feeds_escaped_markup_broken_entities_and_credits_become_plain_text(tmp_path: Path) -> None:
    """As AG News publishes them: "&lt;DELL.O&gt;", "#39;" and " quot;" for lost ampersands, "(Reuters)" in headlines."""
    (tmp_path / "feed.csv").write_text(
        'class,title,description\n'
        '"4","Dell Exits China Market (Reuters)","HONG KONG (Reuters) - Dell Inc. &lt;DELL.O&gt;, the world #39;s '
        'largest PC maker, said it left the  quot;low-end quot; market."\n'
        '"2","Sox Win Again (AP)","NEW YORK - The Red Sox won on Monday, their fifth win in a row at home."\n'
        '"4","Verizon Near Deal","Verizon Inc. &lt;A HREF=""http://www.example.com/q?t=VZ.N""&gt;VZ.N&lt;/A&gt; is '
        'near a deal to sell its directory unit, people familiar with it said."\n'
        '"4","Rover ranked #10; next","NASA - The agency delayed the launch of its rover again, officials said."\n',
        "utf-8")
    dell, sox, verizon, rover = load_paths([tmp_path / "feed.csv"]).articles
    assert dell.title == "Dell Exits China Market" and dell.source == "Reuters"
    assert dell.body == 'Dell Inc., the world\'s largest PC maker, said it left the "low-end" market.'
    assert (sox.title, sox.source) == ("Sox Win Again", "AP")
    assert sox.body.startswith("The Red Sox won on Monday")  # the place alone, in capitals, is a dateline
    assert verizon.body.startswith("Verizon Inc. VZ.N is near a deal")
    # what only looks like them stays: an acronym opening a sentence, a number before a semicolon
    assert rover.title == "Rover ranked #10; next" and rover.body.startswith("NASA - The agency delayed")


def test_a_malformed_csv_row_is_skipped_and_the_rows_around_it_are_kept() -> None:
    corpus = load_paths([SHAPES / "malformed_row2.csv"])
    assert [a.title for a in corpus.articles] == ["Market reopens", "Stray quote", "Museum extends hours"]
    assert corpus.articles[1].body.startswith("This row has a stray")  # a stray quote in one line: read leniently
    (skip,) = corpus.skipped
    assert skip.record == 2
    assert skip.reason.endswith("row 2 (lines 3-4 of the file) is malformed, ',' expected after '\"': skipped; "
                                "row 1 and the rows after it were read")


def test_json_errors_give_line_and_column_and_end_as_a_phrase(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"title": "a",\n "text": "tab\there"}', "utf-8")
    (reason,) = [s.reason for s in load_paths([tmp_path / "bad.json"]).skipped]
    assert reason.endswith("malformed JSON at line 2, column 14: invalid control character")


def test_an_empty_text_field_is_named(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text('{"text": "", "date": "2024-01-01"}\n', "utf-8")
    (reason,) = [s.reason for s in load_paths([tmp_path / "empty.jsonl"]).skipped]
    assert reason.endswith("record 1: field 'text' is empty")


def test_rss_and_atom_items_are_articles_with_their_metadata() -> None:
    rss = load_paths([SHAPES / "feed.rss"]).articles
    assert [a.title for a in rss] == ["New ferry terminal opens on the east quay",
                                      "Fish market moves to Saturday mornings",
                                      "Harbour lights switched on for the season"]
    assert (rss[0].source, rss[0].author, rss[0].date) == ("Harbour Gazette", "Ruth Penn", "2024-04-08")
    assert "The harbour board said the project came in under budget." in [s.text for s in rss[0].sentences]
    assert "<p>" not in rss[1].body and rss[1].url == "https://gazette.example.org/fish-market"
    atom = load_paths([SHAPES / "feed.atom"]).articles
    assert [a.author for a in atom] == ["Omar Haddad", None]
    assert atom[1].sentences[0].text == "A warm spring brought the cherry harvest forward by two weeks, growers said"


def test_a_feed_cannot_expand_entities(tmp_path: Path) -> None:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    (tmp_path / "bomb.rss").write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{lol}]>'
        '<rss version="2.0"><channel><title>T</title><item><title>Bomb &l9;</title>'
        "<description>The description is plain text and says nothing else.</description></item></channel></rss>",
        "utf-8")
    (article,) = load_paths([tmp_path / "bomb.rss"]).articles
    assert len(article.title) < 40 and "lollol" not in article.body


def test_xml_that_is_not_a_feed_is_read_for_its_text(tmp_path: Path) -> None:
    (tmp_path / "config.xml").write_text('<?xml version="1.0"?><settings><a>1</a></settings>', "utf-8")
    (reason,) = [s.reason for s in load_paths([tmp_path / "config.xml"]).skipped]
    assert reason.endswith("no article text found")
    (tmp_path / "story.xml").write_text(
        '<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><newsItem><headline>Flood barriers raised</headline>'
        "<body><p>Engineers raised the flood barriers on Sunday as the river rose.</p></body></newsItem>", "utf-8")
    (article,) = load_paths([tmp_path / "story.xml"]).articles
    assert article.title == "Flood barriers raised"
    assert [s.text for s in article.sentences] == ["Engineers raised the flood barriers on Sunday as the river rose."]


def test_wrapped_and_search_index_records_find_their_fields(tmp_path: Path) -> None:
    doc = {"hits": {"total": 1, "hits": [{"_index": "news", "_source": {
        "title": "Harbour crane toppled by gale", "body": "A crane fell into the harbour during the gale on Friday.",
        "published": 1700000000}}]}}
    (tmp_path / "search.json").write_text(json.dumps(doc), "utf-8")
    (article,) = load_paths([tmp_path / "search.json"]).articles
    assert (article.title, article.date, article.source) == ("Harbour crane toppled by gale", "2023-11-14", None)


def test_a_short_page_trafilatura_finds_nothing_in_still_gives_its_text(tmp_path: Path) -> None:
    (tmp_path / "short.html").write_text(
        "<html><head><title>Short</title><script>var x = 1;</script></head><body><nav>Home</nav>"
        "<h1>Short news</h1><p>Council meets on Monday to vote on the budget</p></body></html>", "utf-8")
    (article,) = load_paths([tmp_path / "short.html"]).articles
    assert [s.text for s in article.sentences] == ["Council meets on Monday to vote on the budget"]


def test_utf8_cut_mid_character_stays_utf8_and_utf16_without_bom_is_read() -> None:
    (sentences,), _ = _load("truncated_utf8.txt")
    assert sentences[0].startswith("Der Präsident der Europäischen Kommission")
    assert sentences[-1].endswith("die Pläne für Öko")
    (article,) = load_paths([SHAPES / "utf16_nobom.txt"]).articles
    assert article.title == "Council approves budget for new bus lanes"
    assert decode_bytes("The council met. It agreed.".encode("utf-16-be")) == "The council met. It agreed."


def test_a_file_named_for_its_language_is_read_as_text(tmp_path: Path) -> None:
    (tmp_path / "M0001.english").write_text("A story in a file named for its language. It has two sentences.", "utf-8")
    (tmp_path / "slides.pdf").write_bytes(b"%PDF-1.4 \x00\x01\x02 binary")
    corpus = load_paths([tmp_path])
    assert [a.id for a in corpus.articles] == ["M0001"]
    assert "unsupported file type '.pdf'" in corpus.skipped[0].reason


def test_datelines_and_dated_titles_go_into_the_date() -> None:
    cleaned = clean_text("2005/01/08 Tsunami aid deductible in the U.S.\n\n"
                         "Tuesday, January 18, 2005Through a telethon, Romanians raised 15 billion lei.")
    assert cleaned.title == "Tsunami aid deductible in the U.S."
    assert cleaned.date == "2005-01-08"
    assert cleaned.paragraphs == ["Through a telethon, Romanians raised 15 billion lei."]
    assert clean_text("Tuesday, January 18, 2005Through a telethon, Romanians raised 15 billion lei.").date == \
        "2005-01-18"


def test_a_year_less_date_is_shown_as_a_reader_writes_it() -> None:
    assert display_date("--07-10") == "10 July"
    assert display_date("2024-07-10") == "2024-07-10"
    assert display_date(None) == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_is_skipped_when_read_back(fmt: str, tmp_path: Path) -> None:
    article = make_article("a", ["Talks opened in Seoul on Monday. Officials met for two hours."],
                           path="news/a.txt", title="Talks open in Seoul", date="--07-10")
    s = article.sentences[0]
    cluster = Cluster(0, "Seoul · Talks", ("Seoul",), "Talks open in Seoul", ("a",), 1, (), ("--07-10", "--07-10"),
                      summary=Summary("centroid", (SummarySentence(s.text, "a", 0, s.start, s.end, 0.5, 0),)))
    path = write(Analysis((article,), (cluster,), (), Options()), tmp_path / f"digest.{fmt}", fmt)
    text = path.read_text("utf-8")
    assert "--07-10" not in text or fmt in ("json", "csv")  # machine formats keep ISO 8601's partial date
    if fmt in ("markdown", "html", "text"):
        assert "10 July" in text
    corpus = load_paths([path])
    assert corpus.articles == ()
    assert [s.reason for s in corpus.skipped] == [f"{path}: a Topic Digest export"]


def test_reuters_21578_and_gigaword_newswire_give_one_article_per_story() -> None:
    reuters = load_paths([SHAPES / "reuters21578.sgm"]).articles
    assert [(a.id, a.title, a.date) for a in reuters] == [
        ("reuters21578#1", "BAHIA COCOA REVIEW", "1987-02-26"),
        ("reuters21578#2", "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT", "1987-02-26"),
    ]
    assert reuters[0].sentences[-1].text.endswith("at the same stage last year.")  # "Reuter" only signs off
    (afp,) = load_paths([SHAPES / "afp_eng_200501"]).articles  # Gigaword: an id, no DOCNO, no extension
    assert (afp.title, afp.date, len(afp.sentences)) == ("Quake toll rises", "2005-01-01", 2)


def test_newsml_is_read_for_its_text() -> None:
    (article,) = load_paths([SHAPES / "newsml.xml"]).articles
    assert article.title == "Flood barriers raised along the river"
    assert len(article.sentences) == 2


def test_records_keyed_by_id_are_each_an_article(tmp_path: Path) -> None:
    doc = {"a1": {"headline_text": "Council backs new cycle routes", "publish_date": "20240101"},
           "a2": {"headline_text": "Storm closes mountain passes", "publish_date": "20240102"}}
    (tmp_path / "keyed.json").write_text(json.dumps(doc), "utf-8")
    corpus = load_paths([tmp_path / "keyed.json"])
    assert [a.sentences[0].text for a in corpus.articles] == ["Council backs new cycle routes",
                                                              "Storm closes mountain passes"]
    assert [a.date for a in corpus.articles] == ["2024-01-01", "2024-01-02"]


def test_csv_rows_with_too_few_or_too_many_fields_keep_their_text(tmp_path: Path) -> None:
    (tmp_path / "ragged.csv").write_text(
        "title,text,date\nBridge opens,The bridge opened on Monday, two months early.,2024-01-01\n"
        "Ferry returns,The ferry is back after a week of storms\n", "utf-8")
    first, second = load_paths([tmp_path / "ragged.csv"]).articles
    assert (first.body, first.date) == ("The bridge opened on Monday, two months early.", "2024-01-01")
    assert (second.body, second.date) == ("The ferry is back after a week of storms", None)


def test_a_text_field_of_one_token_is_an_id_but_unspaced_scripts_and_markup_are_text(tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([
        {"title": "Quake shakes the north", "text": "แผ่นดินไหวรุนแรงเขย่าภาคเหนือ"},
        {"title": "Markets fall in early trade", "story": "dK3aXw9QzLp0RtY7uVbN2mC4sE8fG"},
        {"title": "Oil", "body": "<p>Crude&nbsp;fell&nbsp;sharply&nbsp;on&nbsp;Monday.</p>"},
    ], ensure_ascii=False), encoding="utf-8")
    corpus = load_paths([feed])
    assert [[s.text for s in a.sentences] for a in corpus.articles] == [
        ["แผ่นดินไหวรุนแรงเขย่าภาคเหนือ"], ["Markets fall in early trade"], ["Crude fell sharply on Monday."]]
