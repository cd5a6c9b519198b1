"""Near-duplicates: rewrites of one wire story are linked; articles on the same topic are not."""

from __future__ import annotations

import itertools

import pytest

from nlp.topics.dedup import aligned_share, duplicate_pairs, mark_duplicates
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


def _sentence_sets(article: Article) -> list[tuple[str, ...]]:
    """The plain definition: each body sentence's distinct content stems in order, sentences of three or more."""
    from nlp.topics.dedup import stem_words

    body = [s.text for s in article.sentences if s.kind == "body"] or [s.text for s in article.sentences]
    sets = [tuple(dict.fromkeys(stem_words(text, article.language))) for text in body]
    return [s for s in sets if len(s) >= 3]


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
    from tests.conftest import SEEDS

    articles = list(load_paths([SEEDS]).articles)
    for article in list(articles):  # each seed once more, with every third word of each sentence dropped
        shortened = [" ".join(w for n, w in enumerate(s.text.split()) if n % 3 != 2) for s in article.sentences]
        articles.append(make_article(article.id + "c", shortened))
    for n, headline in enumerate(_HEADLINES):  # one-sentence articles, held to the stricter match
        articles.append(make_article(f"h{n:02d}", [headline]))
    sets = [_sentence_sets(a) for a in articles]
    expected = [(i, j) for i, j in itertools.combinations(range(len(articles)), 2)
                if aligned_share(sets[i], sets[j]) >= 0.6]
    assert [(i, j) for i, j, _ in duplicate_pairs(articles)] == expected
    assert (0, 1) in expected and len(expected) > 5
    headlines = [(i - 10, j - 10) for i, j in expected if i >= 10]
    assert headlines == [(0, 1), (4, 5)]


_HEADLINES = [
    "Regional airline cancels flights as pilots strike over pay",
    "Regional airline cancels more flights as pilots strike over pay",  # the same headline, one word added
    "Pilots strike grounds regional airline fleet",  # the same story, other words
    "Airline pilots strike talks resume with pay offer",
    "Storm closes mountain passes and cuts power to valley towns",
    "Storm closes mountain passes, cuts power to valley towns",
    "Mountain passes reopen after storm",
]


def test_headlines_of_one_story_are_not_copies_of_each_other() -> None:
    """Half their words in common is any two headlines of one story; linked, a feed chained into one "story"."""
    feed = [make_article(f"h{n:02d}", [text]) for n, text in enumerate(_HEADLINES)]
    marked = [a.duplicate_of for a in mark_duplicates(feed)]
    assert marked == [None, "h00", None, None, None, "h04", None]
    assert aligned_share([frozenset({"pilot", "strike", "airlin", "talk"})],
                         [frozenset({"pilot", "strike", "region", "airlin", "ground", "fleet"})]) == 0.0
    assert aligned_share([frozenset({"pilot", "strike", "airlin", "talk"}), frozenset({"pay", "offer", "vote"})],
                         [frozenset({"pilot", "strike", "region", "airlin", "ground", "fleet"}),
                          frozenset({"pay", "offer", "vote", "union"})]) == 1.0  # two sentences: the usual match


def test_curly_and_straight_apostrophes_stem_alike() -> None:
    from nlp.topics.dedup import stem_words

    assert stem_words("The government’s budget and Obama‘s plan") == ("govern", "budget", "obama", "plan")
    assert stem_words("The government's budget and Obama's plan") == ("govern", "budget", "obama", "plan")


def _common_words_filler() -> list[Article]:
    """60 articles that make every stem of the twins below too common for the shortlist to see."""
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]
    return [make_article(f"f{i:02d}", [f"Stock markets closed higher Friday rally {words[i // 10]}{words[i % 10]}."])
            for i in range(60)]


def test_the_same_stems_in_another_word_order_are_the_same_content() -> None:
    """Linked at once, even when every stem is too common for the shortlist to see them."""
    a = make_article("twin-a", ["Stock markets closed higher on Friday after a rally."])
    b = make_article("twin-b", ["After a rally on Friday, stock markets closed higher."])
    marked = {x.id: x.duplicate_of for x in mark_duplicates([*_common_words_filler(), a, b])}
    assert marked["twin-b"] == "twin-a" and marked["twin-a"] is None


def test_the_pairs_are_the_same_when_the_shortlist_drops_pairs_as_it_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small blocks and no room to hold pairs (the memory bounds): the same near-duplicate pairs."""
    import nlp.topics.dedup
    from tests.conftest import SEEDS

    articles = list(load_paths([SEEDS]).articles)
    for article in list(articles):
        for cut in (2, 3, 5):  # several copies of each seed, so that articles have many near neighbours
            kept = [" ".join(w for n, w in enumerate(s.text.split()) if n % cut != 1) for s in article.sentences]
            articles.append(make_article(f"{article.id}-{cut}", kept))
    monkeypatch.setattr(nlp.topics.dedup, "NEIGHBOURS", 3)
    whole = duplicate_pairs(articles)
    monkeypatch.setattr(nlp.topics.dedup, "BLOCK_CELLS", 20)
    monkeypatch.setattr(nlp.topics.dedup, "HELD_PAIRS", 0)
    assert duplicate_pairs(articles) == whole and len(whole) > len(articles)


def test_a_pair_stays_shortlisted_when_it_is_the_nearest_of_either_article() -> None:
    """An article with more close copies than NEIGHBOURS still pairs with a rewrite whose nearest it is."""
    from nlp.topics.dedup import NEIGHBOURS
    from tests.conftest import SEEDS

    original = load_paths([SEEDS]).articles[0]
    texts = [s.text for s in original.sentences]
    copies = [make_article(f"copy{n:02d}", [texts[0] + " Zq" + "abcdefghijklmnopqrstuvwxyz"[n] + "ly.", *texts[1:]])
              for n in range(NEIGHBOURS + 2)]  # each a word longer than the original: closer to it than the rewrite
    rewrite = make_article("rewrite", [" ".join(w for n, w in enumerate(t.split()) if n % 3 != 2) for t in texts])
    articles = [original, *copies, rewrite]
    pairs = {(i, j) for i, j, _ in duplicate_pairs(articles)}
    assert (0, len(articles) - 1) in pairs
    assert all((0, j) in pairs for j in range(1, len(articles)))


def test_a_copy_in_capitals_is_the_same_content_and_a_too_short_one_is_nothing() -> None:
    """Linked at once, even when every stem is too common for the shortlist to see them; case is ignored."""
    a = make_article("twin-a", ["Stock markets closed higher on Friday after a rally."])
    b = make_article("twin-b", ["STOCK MARKETS CLOSED HIGHER ON FRIDAY AFTER A RALLY."])
    short = [make_article(f"short-{n}", ["Two words.", "Only three here."]) for n in range(2)]
    marked = {x.id: x.duplicate_of for x in mark_duplicates([*_common_words_filler(), b, a, *short])}
    assert marked["twin-b"] == "twin-a" and marked["twin-a"] is None
    assert marked["short-0"] is None and marked["short-1"] is None
