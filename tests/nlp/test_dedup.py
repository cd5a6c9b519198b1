"""Near-duplicates: rewrites of one wire story are linked; articles on the same topic are not."""

from __future__ import annotations

import itertools

import pytest

from nlp.topics.dedup import aligned_share, mark_duplicates
from nlp.ingest import load_paths, make_article
from nlp.types import Article


@pytest.fixture(scope="module")
def seeds() -> tuple[Article, ...]:
    from tests.conftest import SEEDS

    return load_paths([SEEDS]).articles


def test_seed_rewrites_are_linked_to_the_first_by_id(seeds: tuple[Article, ...]) -> None:
    marked = {a.id[:3]: a for a in mark_duplicates(seeds)}
    assert marked["001"].duplicate_of == marked["000"].id
    assert marked["000"].duplicate_of is None
    assert [marked[k].duplicate_of for k in ("002", "003", "004")] == [None, None, None]


def test_order_is_kept_and_the_link_does_not_depend_on_it(seeds: tuple[Article, ...]) -> None:
    reversed_in = tuple(reversed(seeds))
    out = mark_duplicates(reversed_in)
    assert [a.id for a in out] == [a.id for a in reversed_in]
    assert {a.id[:3]: a.duplicate_of for a in out}["001"] == seeds[0].id


def test_same_topic_different_stories_are_not_duplicates(seeds: tuple[Article, ...]) -> None:
    # 002, 003 and 004 all report trilateral Korea-US-Japan talks, in different stories.
    assert all(a.duplicate_of is None for a in mark_duplicates(seeds[2:]))


def _article(id: str, *paragraphs: str) -> Article:
    return make_article(id, list(paragraphs), path=f"{id}.txt")


def test_identical_copies_form_one_group_of_three() -> None:
    text = ("The port strike ended on Monday after three weeks of talks. Workers accepted a new contract. "
            "Shipping lines will return to the port this week.")
    out = mark_duplicates([_article("c", text), _article("a", text), _article("b", text)])
    assert [a.duplicate_of for a in out] == ["a", None, "a"]


def test_empty_and_tiny_articles_are_never_linked() -> None:
    out = mark_duplicates([_article("a", "Short."), _article("b", "Short."), _article("c")])
    assert [a.duplicate_of for a in out] == [None, None, None]


def test_aligned_share_counts_the_shorter_side() -> None:
    a = [frozenset({"port", "strike", "end"}), frozenset({"worker", "accept", "contract"})]
    b = [frozenset({"port", "strike", "end", "monday"})]
    assert aligned_share(a, b) == 1.0
    assert aligned_share(a, []) == 0.0


def test_the_vectorised_alignment_finds_exactly_the_pairs_of_the_plain_definition() -> None:
    """duplicate_pairs (sparse products, nearest-neighbour shortlist) against aligned_share on every pair."""
    import itertools

    from nlp.topics.dedup import _sentence_sets, duplicate_pairs
    from tests.conftest import SEEDS

    articles = list(load_paths([SEEDS]).articles)
    for article in list(articles):  # each seed once more, with every third word of each sentence dropped
        shortened = [" ".join(w for n, w in enumerate(s.text.split()) if n % 3 != 2) for s in article.sentences]
        articles.append(make_article(article.id + "c", shortened))
    sets = [_sentence_sets(a) for a in articles]
    expected = [(i, j) for i, j in itertools.combinations(range(len(articles)), 2)
                if aligned_share(sets[i], sets[j]) >= 0.6]
    assert [(i, j) for i, j, _ in duplicate_pairs(articles)] == expected
    assert (0, 1) in expected and len(expected) > 5


def test_curly_and_straight_apostrophes_stem_alike() -> None:
    from nlp.topics.dedup import stem_words

    assert stem_words("The government’s budget and Obama‘s plan") == ("govern", "budget", "obama", "plan")
    assert stem_words("The government's budget and Obama's plan") == ("govern", "budget", "obama", "plan")


def test_the_same_stems_in_another_word_order_are_the_same_content() -> None:
    """Linked at once, even when every stem is too common for the shortlist to see them."""
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]
    filler = [make_article(f"f{i:02d}", [f"Stock markets closed higher Friday rally {words[i // 10]}{words[i % 10]}."])
              for i in range(60)]
    a = make_article("twin-a", ["Stock markets closed higher on Friday after a rally."])
    b = make_article("twin-b", ["After a rally on Friday, stock markets closed higher."])
    marked = {x.id: x.duplicate_of for x in mark_duplicates([*filler, a, b])}
    assert marked["twin-b"] == "twin-a" and marked["twin-a"] is None


def test_the_shortlist_is_the_same_when_it_drops_pairs_as_it_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small blocks and no room to hold pairs: the nearest neighbours of each article are unchanged."""
    import numpy as np

    import nlp.topics.dedup
    from tests.conftest import SEEDS

    articles = list(load_paths([SEEDS]).articles)
    for article in list(articles):
        for cut in (2, 3, 5):  # several copies of each seed, so that articles have many near neighbours
            kept = [" ".join(w for n, w in enumerate(s.text.split()) if n % cut != 1) for s in article.sentences]
            articles.append(make_article(f"{article.id}-{cut}", kept))
    captured: list[object] = []
    original = nlp.topics.dedup._shortlist
    monkeypatch.setattr(nlp.topics.dedup, "NEIGHBOURS", 3)
    monkeypatch.setattr(nlp.topics.dedup, "_shortlist", lambda docs: captured.append(docs) or original(docs))
    nlp.topics.dedup.duplicate_pairs(articles)
    whole = original(captured[0])
    monkeypatch.setattr(nlp.topics.dedup, "_CELLS", 20)
    monkeypatch.setattr(nlp.topics.dedup, "_HELD_PAIRS", 0)
    assert np.array_equal(original(captured[0]), whole) and len(whole) > len(articles)


def test_a_pair_stays_shortlisted_when_it_is_the_nearest_of_either_article() -> None:
    """Article 0 has three closer neighbours, but 0 is article 4's nearest: (0, 4) is kept; ties go by index."""
    import numpy as np

    from nlp.topics.dedup import _nearest

    found = [(np.array([0, 0, 0, 0, 5, 5]), np.array([1, 2, 3, 4, 6, 7]),
              np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.5], dtype=np.float32))]
    lower, higher, score = _nearest(found, 8, 1)
    assert list(zip(lower.tolist(), higher.tolist())) == [(0, 1), (0, 2), (0, 3), (0, 4), (5, 6), (5, 7)]
    lower, higher, _ = _nearest(found, 8, 3)
    assert (0, 4) in zip(lower.tolist(), higher.tolist())
    assert np.allclose(score, [0.9, 0.8, 0.7, 0.6, 0.5, 0.5])


def test_the_sentence_table_holds_each_articles_sentence_sets_and_exact_copies_share_a_key() -> None:
    """The stem-number table against the plain definition (_sentence_sets); case is ignored."""
    from nlp.topics.dedup import _sentence_sets, _SentenceTable
    from nlp.text.vocabulary import Vocabulary
    from tests.conftest import SEEDS

    articles = list(load_paths([SEEDS]).articles)
    shouted = [s.text.upper() for s in articles[2].sentences]
    articles += [make_article("same", shouted), make_article("short", ["Two words.", "Only three here."])]
    vocabulary = Vocabulary()
    table = _SentenceTable.of(articles, vocabulary)
    names = vocabulary.stems("english")
    at = 0
    for number, article in enumerate(articles):
        sets = _sentence_sets(article)
        assert table.per_article[number] == len(sets)
        start = int(table.per_article[:number].sum())
        for sentence, expected in zip(table.lengths[start : start + len(sets)].tolist(), sets):
            assert tuple(names[i] for i in table.stems[at : at + sentence]) == expected
            at += sentence
    keys = [tuple(map(frozenset, _sentence_sets(a))) for a in articles]
    for i, j in itertools.combinations(range(len(articles)), 2):
        assert (table.keys[i] == table.keys[j] and table.keys[i] is not None) == (bool(keys[i]) and keys[i] == keys[j])
    assert table.keys[-2] == table.keys[2] and table.keys[-1] is None
