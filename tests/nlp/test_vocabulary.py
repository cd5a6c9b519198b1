"""One analysis's vocabulary: each text read once, numbers that name stems, nothing shared between analyses."""

from __future__ import annotations

import threading

import pytest

from nlp.errors import OptionsError
from nlp.text.language import languages
from nlp.text.vocabulary import Vocabulary


def test_a_text_is_read_once_into_its_stems_content_words_and_spellings() -> None:
    vocabulary = Vocabulary()
    terms = vocabulary.terms("The government’s 2 budgets and Iran's plan")
    assert terms.stems == ("the", "govern", "2", "budget", "and", "iran", "plan")
    assert terms.content == ("govern", "2", "budget", "iran", "plan")
    assert terms.plain == ("govern", "budget", "iran", "plan")
    spellings = vocabulary.spellings()
    assert spellings.forms == ["government", "budgets", "Iran", "plan"]  # possessives dropped, no stop word or number
    assert [spellings.stems[spellings.stem_of_form[f]] for f in range(4)] == ["govern", "budget", "iran", "plan"]
    assert vocabulary.terms("The government’s 2 budgets and Iran's plan") is terms


def test_articles_in_two_languages_share_a_stem_only_when_its_text_is_the_same() -> None:
    vocabulary = Vocabulary()
    english = vocabulary.terms("Taxi drivers protest in Paris", "english")
    french = vocabulary.terms("Les taxis de Paris protestent", "french")
    numbers, sizes, names = vocabulary.stem_numbers([english.plain_ids, french.plain_ids], ["english", "french"])
    assert sizes.tolist() == [len(english.plain), len(french.plain)]
    assert [names[i] for i in numbers] == [*english.plain, *french.plain]
    assert len(set(numbers.tolist())) == len(set(english.plain) | set(french.plain))


def test_stem_numbers_hold_after_every_language_was_used() -> None:
    vocabulary = Vocabulary()
    volcano = vocabulary.terms("The volcano erupted again near the village", "english")
    for language in languages():
        vocabulary.terms(f"Words {language} again and again", language)
    chess = vocabulary.terms("Grandmasters played chess all night", "english")
    numbers, _, names = vocabulary.stem_numbers([volcano.plain_ids, chess.plain_ids], ["english", "english"])
    assert [names[i] for i in numbers] == [*volcano.plain, *chess.plain]
    with pytest.raises(OptionsError, match="unknown language 'klingon'"):
        vocabulary.terms("", "klingon")


def test_two_vocabularies_share_nothing() -> None:
    """What one analysis read is not held by the next: each numbers its own words from 0."""
    first, second = Vocabulary(), Vocabulary()
    first.terms("Volcanic ash grounded flights")
    assert first.holds("Volcanic ash grounded flights") and not second.holds("Volcanic ash grounded flights")
    chess = second.terms("Grandmasters played chess")
    assert second.stems() == ["grandmast", "play", "chess"] and list(chess.plain) == second.stems()
    assert "volcan" in first.stems() and "volcan" not in second.stems()


def test_two_threads_reading_at_once_number_every_word_once() -> None:
    from tests.nlp.test_memory import made_up_corpus

    articles = made_up_corpus(0, articles=60)
    shared, alone = Vocabulary(), Vocabulary()
    readers = [threading.Thread(target=shared.add, args=(part,)) for part in (articles, articles[::-1])]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    alone.add(articles)
    assert sorted(shared.stems()) == sorted(alone.stems())  # no stem numbered twice
    stems = shared.stems()
    for article in articles:
        for sentence in article.sentences:
            numbers = shared.stem_numbers([shared.terms(sentence.text).plain_ids], ["english"])[0]
            assert tuple(stems[i] for i in numbers) == alone.terms(sentence.text).plain


def test_adding_articles_reads_their_titles_and_sentences_in_their_language() -> None:
    from nlp.ingest import make_article

    article = make_article("a", ["Les taxis de Paris protestent. Ils bloquent les routes."], title="Grève",
                           language="french")
    vocabulary = Vocabulary()
    vocabulary.add([article])
    assert all(vocabulary.holds(text, "french") for text in ("Grève", *(s.text for s in article.sentences)))
    assert not vocabulary.holds("Grève", "english")


def test_an_analysis_hands_its_words_to_its_draft_as_a_fresh_reading_gives_them() -> None:
    """Editing or saving a fresh analysis reads no word again: the draft has the pipeline's tokens."""
    from nlp.edits import draft_of
    from nlp.run.pipeline import analyze_paths
    from nlp.topics.phrases import tokens_of
    from tests.conftest import SEEDS

    analysis = analyze_paths([SEEDS])
    tokens = draft_of(analysis).tokens
    fresh = tokens_of(analysis.articles, analysis.options.language)
    assert tokens is not None and tokens.lengths.tolist() == fresh.lengths.tolist()
    assert [tokens.forms[i] if i >= 0 else None for i in tokens.spelling.tolist()] == \
        [fresh.forms[i] if i >= 0 else None for i in fresh.spelling.tolist()]
