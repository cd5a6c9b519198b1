"""Cluster descriptions: labels a reader recognises, headline, counts, sources, dates, "Other" last."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nlp.topics.cluster import TopicClusterer
from nlp.topics.dedup import mark_duplicates
from nlp.ingest import load_paths, make_article
from nlp.topics.labels import describe_clusters
from nlp.text.language import stop_words
from nlp.types import Cluster
from tests.nlp.test_cluster import handcrafted


@pytest.fixture(scope="module")
def described() -> tuple[Cluster, ...]:
    articles = handcrafted()
    return describe_clusters(articles, TopicClusterer().fit(articles).labels_)


def test_labels_name_each_story_with_its_own_terms(described: tuple[Cluster, ...]) -> None:
    assert [c.label for c in described] == [
        "chess · Carlsen · Madrid",
        "eruption · Grindavik · lava",
        "flooded · Kuala Lumpur · Malaysian capital",
        "Other",
    ]
    assert described[0].terms == ("chess", "Carlsen", "Madrid")


def test_terms_are_two_to_four_cased_distinct_and_never_stop_words(described: tuple[Cluster, ...]) -> None:
    stops = stop_words("english")
    for cluster in described[:-1]:
        assert 2 <= len(cluster.terms) <= 4
        assert cluster.label == " · ".join(cluster.terms)
        words = [w.lower() for t in cluster.terms for w in t.split()]
        assert len(words) == len(set(words))  # never "Kuala" beside "Kuala Lumpur"
        assert not stops.intersection(words)
    assert "Kuala Lumpur" in described[2].terms and "Kuala" not in described[2].terms


def test_description_fields(described: tuple[Cluster, ...]) -> None:
    chess, volcano, flood, other = described
    assert [c.id for c in described] == [0, 1, 2, 3]
    assert chess.headline == "Carlsen wins rapid chess title in Madrid"
    assert chess.article_ids == ("c1", "c3", "c2")  # most representative first
    assert (chess.story_count, chess.sources, chess.date_range) == (3, ("Source C",), (None, None))
    assert (other.label, other.terms, other.is_other, other.article_ids) == ("Other", (), True, ("r1",))
    assert not any(c.is_other for c in (chess, volcano, flood))
    assert all(c.summary.sentences == () for c in described)


def test_seed_topic_is_recognisable_and_counts_the_rewrite_as_one_story(seeds_dir: Path) -> None:
    articles = mark_duplicates(load_paths([seeds_dir]).articles)
    # the finest setting tells the ASEAN event apart from the theme's other events
    clusters = describe_clusters(articles, TopicClusterer(granularity=1.0).fit(articles).labels_)
    asean, other = clusters
    assert asean.label == "Rubio · tariffs · ASEAN"
    assert [i[:3] for i in asean.article_ids] == ["000", "001"]
    assert asean.headline == articles[0].title
    assert (asean.story_count, asean.sources, asean.date_range) == (
        1, ("IANS", "NationPress"), ("2025-07-10", "2025-07-10"),
    )
    assert other.is_other and other.label == "Other" and other.story_count == 3
    assert other.sources == ("The Korea Herald", "Yonhap")


def test_dates_without_a_year_only_count_when_no_date_has_one() -> None:
    def article(id: str, date: str | None) -> object:
        return make_article(id, ["Lava flowed near Grindavik again. The eruption went on."], title="Lava", date=date)

    undated = [article("a", "--07-10"), article("b", "--07-12")]
    assert describe_clusters(undated, [0, 0])[0].date_range == ("--07-10", "--07-12")
    mixed = [article("a", "--07-10"), article("b", "2024-03"), article("c", "2023-08-19")]
    assert describe_clusters(mixed, [0, 0, 0])[0].date_range == ("2023-08-19", "2024-03")


def test_one_topic_corpus_and_wrong_lengths() -> None:
    articles = handcrafted(["flood"])
    (flood,) = describe_clusters(articles, np.array([0, 0]))
    assert flood.terms == ("flooded", "Kuala Lumpur", "Malaysian capital")
    with pytest.raises(ValueError, match="1 labels for 2 articles"):
        describe_clusters(articles, [0])


def test_unigram_vectors_are_scikit_learns_sublinear_tfidf() -> None:
    """Per article, over single stemmed words: scikit-learn's numbers, an article with no content word an empty row."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer

    from nlp.topics.phrases import Phrases, tokens_of
    from tests.conftest import REPO

    articles = [*load_paths([REPO / "tests" / "fixtures"]).articles, make_article("empty", ["It is. Is it?"])]
    phrases = Phrases(tokens_of(articles, "english"), [a.story_id for a in articles])
    ours = csr_matrix(phrases.unigram_vectors())
    _, stems, article = phrases.occurrences[0]
    counts = csr_matrix((np.ones(len(stems)), (article, stems)), shape=ours.shape)
    theirs = csr_matrix(TfidfTransformer(sublinear_tf=True).fit_transform(counts))
    ours.sort_indices()
    theirs.sort_indices()
    assert np.array_equal(ours.indptr, theirs.indptr) and np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)
    assert ours[len(articles) - 1].nnz == 0


def test_phrase_tokens_hold_exactly_the_words_every_other_stage_sees() -> None:
    """Words first in the token pattern (for speed): still the very words of ``nlp.text.sentences.WORD``, breaks between."""
    from nlp.text.language import TOKEN
    from nlp.text.sentences import WORD
    from tests.conftest import REPO, SEEDS

    articles = [*load_paths([SEEDS]).articles, *load_paths([REPO / "tests" / "fixtures"]).articles]
    texts = [s.text for a in articles for s in a.sentences] + ["rock 'n' roll - a/b \u2014 \u201cquoted\u201d (x) it's 3-2"]
    for text in texts:
        tokens = TOKEN.findall(text)
        assert [t for t in tokens if WORD.fullmatch(t)] == WORD.findall(text)
        assert all(WORD.fullmatch(t) or not t[0].isalnum() for t in tokens)


def _spelled(text: str) -> list[str | None]:
    """Key-term words of ``text`` as written down plainly: a spelling, or None for a break or a word never shown."""
    import re

    from nlp.text.language import stop_words

    breaks = r"[.,;:!?()\[\]{}\"“”„‘«»/|…–—]|\s[-']\s|'(?=\s)|(?<=\s)'"
    out: list[str | None] = []
    cjk = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # unspaced scripts: a character is a word
    for token in re.findall(rf"[{cjk}]|[^\W{cjk}]+(?:[-'’][^\W{cjk}]+)*|{breaks}", text):
        form = re.sub(r"['’]s$", "", token, flags=re.IGNORECASE)
        shown = (bool(re.match(r"\w", token)) and len(form) >= 2 and form.lower() not in stop_words("english")
                 and any(c.isalpha() for c in form))
        out.append(form if shown else None)
    return out


def test_phrase_words_come_with_each_sentences_terms_as_written() -> None:
    """What key terms read of an article: its title's words, a break, each body sentence's words with breaks between."""
    from nlp.text.language import stemmer
    from nlp.topics.phrases import tokens_of
    from tests.conftest import REPO, SEEDS

    articles = [*load_paths([SEEDS]).articles, *load_paths([REPO / "tests" / "fixtures"]).articles]
    articles.append(make_article("possessive", ["Iran's envoy met the U.S. team - again. 'Talks,' he said; 3 of 4 agreed."],
                                 title="Seoul's \u201cbig\u201d day"))
    tokens = tokens_of(articles, "english")
    read = [tokens.forms[i] if i >= 0 else None for i in tokens.spelling.tolist()]
    expected: list[str | None] = []
    for article in articles:
        expected += [*_spelled(article.title), None]
        for sentence in (s for s in article.sentences if s.kind == "body"):
            expected += [*_spelled(sentence.text), None]
        if not any(s.kind == "body" for s in article.sentences):
            expected.append(None)
    assert read == expected
    last = tokens_of(articles[-1:], "english")
    assert [last.forms[i] for i in last.spelling.tolist() if i >= 0] == ["Seoul", "big", "day", "Iran", "envoy", "met",
                                                                       "team", "Talks", "agreed"]
    assert tokens.lengths.sum() == len(read)
    stem = stemmer("english")
    assert all(tokens.stems[tokens.stem_of_form[i]] == stem(form.lower()) for i, form in enumerate(tokens.forms))


def test_phrases_do_not_depend_on_the_order_the_words_were_read_in() -> None:
    """Articles read in any order give the same phrases: they are numbered in story order all the same."""
    from nlp.topics.keyterms import key_terms
    from nlp.topics.phrases import Phrases, tokens_of
    from tests.conftest import REPO

    articles = list(load_paths([REPO / "tests" / "fixtures"]).articles)
    stories = [a.story_id for a in articles]
    reversed_ = articles[::-1]
    one = Phrases(tokens_of(articles, "english"), stories)
    other = Phrases(tokens_of(reversed_, "english"), stories[::-1])
    assert one.forms == other.forms and one.stems == other.stems
    assert one.spelling.tolist() == other.spelling.tolist()
    n = len(articles)
    topics = [[0, 1, 2], list(range(3, n))]
    flipped = [[n - 1 - i for i in t] for t in topics]
    assert key_terms(one, topics) == key_terms(other, flipped)
    assert key_terms(one, topics)[0]  # the fixtures do have terms
