"""Sentence splitting on news text: abbreviations, quotations, headings, offsets, sumy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.text.sentences import Tokenizer, sentence_spans, split_sentences, words

LABELLED = Path(__file__).resolve().parents[1] / "fixtures" / "sentences_labelled.json"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S. Korea and the U.S. agreed. The U.N. said so.", ["S. Korea and the U.S. agreed.", "The U.N. said so."]),
        ("They met in New York, Sept. 23, at the U.N. General Assembly.",
         ["They met in New York, Sept. 23, at the U.N. General Assembly."]),
        ("He lives in Washington, D.C. He works there.", ["He lives in Washington, D.C.", "He works there."]),
        ("Mr. Kim met Gen. Park. No. 2 is next.", ["Mr. Kim met Gen. Park.", "No. 2 is next."]),
        ("The U.S. President spoke.", ["The U.S. President spoke."]),
        ('"Is it over?" he asked. "Yes," she said.', ['"Is it over?" he asked.', '"Yes," she said.']),
        ("“We are done.” Officials left.", ["“We are done.”", "Officials left."]),
        ("Key Takeaways\n- Talks are planned.\n- Tariffs too", ["Key Takeaways", "- Talks are planned.", "- Tariffs too"]),
        ("Talks next week\nThe three allies will meet in Washington to discuss the North.",
         ["Talks next week", "The three allies will meet in Washington to discuss the North."]),
        ("First paragraph\n\nSecond one. Third", ["First paragraph", "Second one.", "Third"]),
        ("気象庁は発表した。花見客が訪れた。", ["気象庁は発表した。", "花見客が訪れた。"]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_spans_are_exact_offsets() -> None:
    text = "  Gen. Park spoke.  The U.S. agreed!\n\nNext one?  "
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["Gen. Park spoke.", "The U.S. agreed!", "Next one?"]


def test_labelled_set_accuracy_stays_high() -> None:
    items = json.loads(LABELLED.read_text(encoding="utf-8"))
    gold = [s for item in items for s in item["sentences"]]
    got = {s for item in items for s in split_sentences(item["text"])}
    assert sum(s in got for s in gold) / len(gold) >= 0.95


def test_words_keep_inner_hyphens_and_apostrophes() -> None:
    assert words("Park Yoon-joo's high-level talks, 2025.") == ["Park", "Yoon-joo's", "high-level", "talks", "2025"]


def test_sumy_summarizer_runs_with_our_tokenizer() -> None:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    text = "The U.S. and S. Korea met. Mr. Kim spoke first.\n\nTalks ended at noon. Both sides agreed to meet again."
    document = PlaintextParser.from_string(text, Tokenizer("english")).document
    assert [str(s) for s in document.sentences] == [
        "The U.S. and S. Korea met.", "Mr. Kim spoke first.", "Talks ended at noon.", "Both sides agreed to meet again."
    ]
    summary = LexRankSummarizer(Stemmer("english"))(document, 2)
    assert len(summary) == 2
