"""Topics on the hand-written events (``tests/fixtures/events``): many events, one event alone, other languages."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest

from nlp.ingest import load_paths
from nlp.run.pipeline import analyze_paths
from nlp.text.language import stop_words
from nlp.topics.cluster import TopicClusterer
from nlp.topics.dedup import mark_duplicates
from nlp.topics.linkage import merge_groups
from nlp.topics.onestory import ONE_STORY
from nlp.types import Article, Options

EVENTS = Path(__file__).resolve().parents[1] / "fixtures" / "events"
LANGUAGES = {"en": "english", "fr": "french", "de": "german", "es": "spanish"}


def event_of(article: Article) -> str:
    return Path(article.path or article.id).stem.split("-")[0]


def corpus(language: str = "en", folder: str = "") -> tuple[Article, ...]:
    paths = sorted((EVENTS / language / folder).rglob("*.txt"))
    return mark_duplicates(sorted(load_paths(paths, language=LANGUAGES[language]).articles, key=lambda a: a.id))


def topics_of(articles: tuple[Article, ...], labels: np.ndarray) -> dict[int, Counter[str]]:
    """Each topic's events, with how many of their articles it holds; -1 is "Other"."""
    found: dict[int, Counter[str]] = defaultdict(Counter)
    for article, label in zip(articles, labels.tolist()):
        found[label][event_of(article)] += 1
    return dict(found)


def test_many_events_give_about_one_topic_each_and_no_event_is_split() -> None:
    articles = corpus()
    events = {event_of(a) for a in articles}
    assert len(events) == 48
    clusterer = TopicClusterer().fit(articles)
    topics = topics_of(articles, clusterer.labels_)
    assert clusterer.n_clusters_ >= 0.8 * len(events)  # two elections, two earthquakes ... stay apart
    assert -1 not in topics
    homes = Counter(event for counts in topics.values() for event in counts)
    assert max(homes.values()) == 1  # every event in one topic
    assert max(len(counts) for counts in topics.values()) <= 2  # at most a pair of sibling events shares one


def test_granularity_zero_gathers_events_into_a_handful_of_broad_topics() -> None:
    articles = corpus()
    broad = TopicClusterer(granularity=0.0).fit(articles)
    assert 3 <= broad.n_clusters_ <= 12  # 48 events in 6 categories
    assert broad.n_clusters_ < TopicClusterer().fit(articles).n_clusters_ / 3


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_every_event_alone_is_one_topic(language: str) -> None:
    """From a two-article follow-up to eight reports with a one-paragraph wire brief: one topic, nothing in Other."""
    articles = corpus(language)
    by_event: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_event[event_of(article)].append(article)
    for event, members in sorted(by_event.items()):
        alone = mark_duplicates(sorted(members, key=lambda a: a.id))
        clusterer = TopicClusterer(language=LANGUAGES[language]).fit(alone)
        assert clusterer.n_clusters_ == 1 and (clusterer.labels_ == 0).all(), event
        median = clusterer.one_story_median_  # NaN: the merging left it one group already
        assert np.isnan(median) or median >= ONE_STORY, event  # one story by the level, not by luck


def test_eight_sibling_events_of_one_folder_stay_below_the_one_story_level() -> None:
    """Eight elections, votes and treaties (or storms, or deals) share their kind's words, yet are not one story."""
    medians = [TopicClusterer().fit(corpus("en", folder.name)).one_story_median_
               for folder in sorted((EVENTS / "en").iterdir()) if folder.is_dir()]
    assert len(medians) == 6 and not np.isnan(medians).any()
    assert max(medians) < ONE_STORY


@pytest.mark.parametrize("per_event", [1, 2])
def test_sibling_events_told_once_or_twice_each_are_not_gathered_as_one_story(per_event: int) -> None:
    """Eight earthquakes and floods (or elections, or deals) in an article or two each: their names differ."""
    names_measured = 0
    for folder in sorted(f.name for f in (EVENTS / "en").iterdir() if f.is_dir()):
        whole = corpus("en", folder)
        events = sorted({event_of(a) for a in whole})
        few = mark_duplicates([a for e in events for a in [b for b in whole if event_of(b) == e][-per_event:]])
        clusterer = TopicClusterer().fit(few)
        assert len(set(clusterer.labels_.tolist())) > 1, folder
        names_measured += not np.isnan(clusterer.one_story_names_)
    assert names_measured  # some folder's words alone came near the level: the names kept it apart


def test_three_reports_of_one_event_open_as_one_topic() -> None:
    """Below four stories the corpus's own pairs cannot tell one event from three; the prior decides."""
    analysis = analyze_paths(sorted((EVENTS / "en" / "politics").glob("pol2-*.txt")))
    (topic,) = analysis.clusters
    assert not topic.is_other and len(topic.article_ids) == 3


def test_three_events_of_one_theme_stay_three_topics() -> None:
    """The same prior keeps a vote, a treaty and sanctions apart, three reports on politics."""
    paths = [EVENTS / "en" / "politics" / name for name in ("pol2-2.txt", "pol4-2.txt", "pol7-2.txt")]
    clusterer = TopicClusterer().fit(mark_duplicates(sorted(load_paths(paths).articles, key=lambda a: a.id)))
    assert clusterer.n_clusters_ == 3


@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_other_languages_separate_their_events_and_labels_hold_no_function_word(language: str) -> None:
    analysis = analyze_paths([EVENTS / language], Options(language=LANGUAGES[language]))
    by_id = {a.id: event_of(a) for a in analysis.articles}
    topics = [c for c in analysis.clusters if not c.is_other]
    assert len(topics) >= 3  # of 4 events: function words ("de", "que", "wurden") tie none together
    for topic in topics:
        assert len({by_id[i] for i in topic.article_ids}) <= 2, topic.label  # at most two storms in one
    stops = stop_words(LANGUAGES[language])
    for topic in analysis.clusters:
        assert not {word.lower() for term in topic.terms for word in term.split()} & stops, topic.label


def test_stop_words_outside_english_hold_the_commonest_function_words() -> None:
    assert {"de", "y", "que", "del"} <= stop_words("spanish")
    assert {"de", "une", "est", "à"} <= stop_words("french")
    assert {"der", "und", "nicht", "wurden", "mehr"} <= stop_words("german")
    assert "million" not in stop_words("english") and "bill" not in stop_words("english")


def test_cohesion_keeps_two_tight_groups_apart_that_the_corpus_bar_would_merge() -> None:
    """Two events of one kind: each tight inside, alike enough to each other to clear a low corpus bar."""
    from nlp.topics.linkage import COPIES

    rng = np.random.default_rng(3)
    kind = rng.normal(size=60)
    points = []
    for _ in range(2):
        event = rng.normal(size=60)
        points += [kind + 1.8 * event + 0.3 * rng.normal(size=60) for _ in range(5)]
    vectors = np.array(points)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    groups = [[i] for i in range(10)]
    within = (vectors[:5] @ vectors[:5].T)[np.triu_indices(5, 1)].mean()
    across = (vectors[:5] @ vectors[5:].T).mean()
    assert 0.1 < across < 0.4 * min(within, COPIES)  # the case: alike, but far less than inside
    plain = merge_groups(vectors.astype(np.float32), groups, 0.1, 1, 20)
    barred = merge_groups(vectors.astype(np.float32), groups, 0.1, 1, 20, 0.4)
    assert len(plain) == 1
    assert sorted(barred) == [list(range(5)), list(range(5, 10))]


def _copies_and_report(seed: int, copies: int, share: float) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors of ``copies`` near-copies of an event (cosine about 0.9) and one report carrying ``share`` of it."""
    rng = np.random.default_rng(seed)
    event = rng.normal(size=80)
    vectors = np.array([*(event + 0.3 * rng.normal(size=80) for _ in range(copies)), share * event + rng.normal(size=80)])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32), vectors @ vectors.T


def test_copies_dedup_missed_do_not_bar_another_report_of_their_event() -> None:
    """Four near-copies (cosine about 0.9) and a report of the same event at about 0.3: one group."""
    vectors, sims = _copies_and_report(5, 4, 0.3)
    assert sims[:4, :4][np.triu_indices(4, 1)].min() > 0.85 and 0.2 < sims[4, :4].mean() < 0.4 * 0.85
    assert merge_groups(vectors, [[i] for i in range(5)], 0.1, 1, 20, 0.4) == [[0, 1, 2, 3, 4]]


def test_a_single_report_faces_no_cohesion_bar() -> None:
    """Three wire copies (0.9 alike, just short of dedup's match) and a headline of their story at 0.14: one group.

    The bar keeps events apart; a lone report only needs the corpus bar, as average linkage puts it where it is most alike.
    """
    vectors, sims = _copies_and_report(2, 3, 0.16)
    assert sims[:3, :3][np.triu_indices(3, 1)].min() > 0.85 and 0.1 < sims[3, :3].mean() < 0.4 * 0.5
    assert merge_groups(vectors, [[i] for i in range(4)], 0.1, 1, 20, 0.4) == [[0, 1, 2, 3]]


def test_k_given_finds_the_eight_business_events_of_one_folder() -> None:
    """Two takeovers, two rate decisions, two strikes: with k = 8, eight topics of one event each."""
    articles = corpus(folder="business")
    topics = topics_of(articles, TopicClusterer(n_clusters=8).fit(articles).labels_)
    assert sorted(len(counts) for counts in topics.values()) == [1] * 8
