"""A feed of headlines alone (``tests/fixtures/headlines``): copies, one story alone, many stories."""

from __future__ import annotations

from collections import Counter

from nlp.topics.cluster import TopicClusterer
from nlp.topics.dedup import mark_duplicates
from tests.benchmarks.bench_corpora import headlines


def _feed(story: str | None = None) -> tuple[list, list[str]]:
    articles, gold = headlines()
    pairs = sorted(((a, g) for a, g in zip(articles, gold) if story is None or g == story), key=lambda p: p[0].id)
    return list(mark_duplicates([a for a, _ in pairs])), [g for _, g in pairs]


def test_the_feed_keeps_its_stories_apart_and_each_mostly_together() -> None:
    articles, gold = _feed()
    labels = TopicClusterer().fit(articles).labels_.tolist()
    main = {}
    for story in set(gold):
        topic, count = Counter(t for t, g in zip(labels, gold) if g == story).most_common(1)[0]
        assert topic != -1 and count >= 0.5 * gold.count(story), story
        main[story] = topic
    assert max(Counter(main.values()).values()) <= 2  # at most sibling stories share a topic
    assert len(set(main.values())) >= 19  # two ransomware attacks (a10, b12) may share one


def test_a_story_told_by_many_outlets_is_not_split_into_their_wordings() -> None:
    """24 stories, each worded anew by several outlets (a wire line and its rewrites): about one topic each."""
    articles, gold = _feed()
    clusterer = TopicClusterer().fit(articles)
    assert clusterer.n_clusters_ <= 30
    for story in set(gold):
        topics = Counter(t for t, g in zip(clusterer.labels_.tolist(), gold) if g == story and t != -1)
        assert topics.most_common(1)[0][1] >= 0.7 * gold.count(story), story


def test_one_storys_headlines_alone_are_one_topic() -> None:
    """A phone launch's 42 headlines, most of them worded by their outlet: one topic, not ten."""
    articles, _ = _feed("a07")
    clusterer = TopicClusterer().fit(articles)
    assert clusterer.n_clusters_ == 1
    assert (clusterer.labels_ == 0).sum() >= 40


def test_a_wire_headline_copied_by_five_outlets_does_not_split_its_story() -> None:
    """A central bank's 38 headlines: its wire line's copies are far more alike than its other wordings.

    Two topics at most, as told in headlines; held to the share for text, it would be five.
    """
    articles, _ = _feed("a01")
    clusterer = TopicClusterer().fit(articles)
    assert clusterer.n_clusters_ <= 2 and (clusterer.labels_ >= 0).sum() >= 36


def test_stories_beyond_the_sample_join_the_story_they_are_alike_to(monkeypatch) -> None:
    """The same 42 headlines with ten of their stories sampled, as a feed of thousands is: still one topic."""
    import nlp.topics.onestory as onestory

    articles, _ = _feed("a07")
    monkeypatch.setattr(onestory, "SAMPLE", 10)
    clusterer = TopicClusterer().fit(articles)
    assert clusterer.n_clusters_ == 1 and (clusterer.labels_ == 0).all()


def test_headlines_that_reword_the_story_join_it() -> None:
    """A reunion tour in 31 headlines, four without the band's name ("They're back, finally"): one topic."""
    articles, _ = _feed("b05")
    clusterer = TopicClusterer().fit(articles)
    assert clusterer.n_clusters_ == 1 and (clusterer.labels_ == 0).all()


def test_k_given_keeps_two_sibling_stories_apart_when_one_headline_is_syndicated_forty_times() -> None:
    """Two drug approvals, one wire headline copied by 40 outlets: with k = 2 the copies join their story, no more."""
    from nlp.ingest import make_article

    articles, gold = headlines()
    first = [a for a, g in zip(articles, gold) if g == "b09"]
    second = [a for a, g in zip(articles, gold) if g == "b10"]
    wire = first[0]
    copies = [make_article(f"copy{i:02d}", [wire.body], title=wire.title) for i in range(40)]
    corpus = mark_duplicates(sorted([*first, *second, *copies], key=lambda a: a.id))
    labels = dict(zip((a.id for a in corpus), TopicClusterer(n_clusters=2).fit(corpus).labels_.tolist()))
    topics = {frozenset(i for i, t in labels.items() if t == topic) for topic in set(labels.values())}
    assert topics == {frozenset(a.id for a in [*first, *copies]), frozenset(a.id for a in second)}


def test_k_given_on_the_feeds_broad_categories_beats_plain_kmeans() -> None:
    """Four categories of headlines, where no partition stands apart: at least TF-IDF + KMeans given k = 4."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import normalized_mutual_info_score

    from nlp.topics.vectors import article_tokens

    articles, gold = headlines("category")
    pairs = sorted(zip(articles, gold), key=lambda p: p[0].id)
    corpus, categories = list(mark_duplicates([a for a, _ in pairs])), [g for _, g in pairs]
    ours = normalized_mutual_info_score(categories, TopicClusterer(n_clusters=4).fit(corpus).labels_)
    matrix = TfidfVectorizer(analyzer=lambda words: words, sublinear_tf=True).fit_transform(
        [article_tokens(a) for a in corpus])
    kmeans = max(normalized_mutual_info_score(categories, KMeans(4, n_init=10, random_state=seed).fit(matrix).labels_)
                 for seed in range(3))
    assert ours >= kmeans


def test_k_given_mends_a_story_split_in_two_while_two_others_share_a_topic() -> None:
    """Six stories, k = 6: the best start splits the ransomware story (a10) in two and gives two profit forecasts
    (a03, a04) one topic; splitting a topic and merging two others mends it: each story has a topic of its own."""
    stories = {"a03", "a04", "a05", "a10", "b08", "b11"}
    articles, gold = headlines()
    pairs = sorted(((a, g) for a, g in zip(articles, gold) if g in stories), key=lambda p: p[0].id)
    corpus, told = list(mark_duplicates([a for a, _ in pairs])), [g for _, g in pairs]
    labels = TopicClusterer(n_clusters=6).fit(corpus).labels_.tolist()
    main = {}
    for story in stories:
        topic, count = Counter(t for t, g in zip(labels, told) if g == story).most_common(1)[0]
        assert count >= 0.8 * told.count(story), story
        main[story] = topic
    assert len(set(main.values())) == 6


def test_at_granularity_0_the_feeds_stories_gather_into_a_handful_of_themes() -> None:
    """Headlines of one theme share a word or two, far below the corpus floor: topics are measured against topics."""
    articles, _ = _feed()
    category = {a.id: c for a, c in zip(*headlines("category"))}
    broad = TopicClusterer(granularity=0.0).fit(articles)
    labels = broad.labels_.tolist()
    assert 4 <= broad.n_clusters_ <= 12  # a handful for 4 categories, not a topic per story
    in_main = sum(Counter(category[a.id] for a, t in zip(articles, labels) if t == topic).most_common(1)[0][1]
                  for topic in set(labels))
    assert in_main >= 0.9 * len(articles)  # each theme mostly one category
