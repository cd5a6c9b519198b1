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
gold = its stories). Without the data sets (``--quick`` in CI) only the
in-repo seeds run and the other rows say why they are skipped.
"""

from __future__ import annotations

import csv
import io
import random
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from nlp.ingest import load_paths, make_article
from nlp.ingest.plaintext import parse_plaintext
from nlp.text.vocabulary import Vocabulary
from nlp.topics.cluster import TopicClusterer
from nlp.topics.dedup import mark_duplicates
from nlp.topics.vectors import article_tokens, vectorize
from nlp.types import Article
from tests.benchmarks.common import SEEDS, Context, Table, Target

Corpus = tuple[list[Article], list[int]]
KMEANS_SEEDS = 5


def _scores(gold: Sequence[int], labels: Sequence[int]) -> tuple[float, float]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    return float(normalized_mutual_info_score(gold, labels)), float(adjusted_rand_score(gold, labels))


def _sorted(corpus: Corpus) -> Corpus:
    pairs = sorted(zip(*corpus), key=lambda p: p[0].id)
    return list(mark_duplicates([a for a, _ in pairs])), [g for _, g in pairs]


def _ours(articles: list[Article], **options: object) -> TopicClusterer:
    return TopicClusterer(**options).fit(articles)  # type: ignore[arg-type]


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


def _number(cell: object) -> float:
    return float(str(cell).split()[0])


def _single_stories(name: str, corpus: Corpus) -> tuple[tuple, int]:
    """One row for all stories of ``corpus`` clustered one at a time: how many come out as one topic."""
    articles, gold = corpus
    found = []
    for story in sorted(set(gold)):
        alone = [a for a, g in zip(articles, gold) if g == story]
        clusterer = _ours(list(mark_duplicates(sorted(alone, key=lambda a: a.id))))
        found.append((clusterer.n_clusters_, int((clusterer.labels_ == -1).sum())))
    ones = sum(1 for topics, other in found if topics == 1 and other == 0)
    return (name, f"{len(articles) // max(1, len(found))} x {len(found)}", 1, "ours, automatic, each story alone",
            f"{ones} of {len(found)} one topic", "; ".join(f"{t}+{o}" for t, o in found), "", ""), ones


def run(ctx: Context) -> list[Table]:
    """One table: every corpus, our automatic and k-given topics beside KMeans and HDBSCAN."""
    rows: list[tuple] = []
    skipped: list[str] = []
    margins: list[float] = []
    ones_found: list[int] = []
    ml_nmi = ag_nmi = None

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

    seeded = seeds()
    rows.append(_single_stories("seeds (in-repo, one theme)", seeded)[0])
    made = attempt("MultiLing", lambda: _row("MultiLing", multiling(ctx), broad=True))
    given_margin(made)
    if made:
        ml_nmi = _number(made[0][6])
        ml = multiling(ctx)
        row, ones = _single_stories("MultiLing stories", ml)
        rows.append(row)
        ones_found.append(ones)
        row, ones = _single_stories("MultiLing snippets", snippets(ml))
        rows.append(row)
        given_margin(attempt("MultiLing snippets", lambda: _row("MultiLing snippets", snippets(ml))))
        given_margin(attempt("MultiLing + seeds", lambda: _row(
            "MultiLing + seeds", (ml[0] + seeded[0], ml[1] + seeded[1]))))
        for size in [s for s in (20, 30, 50, 70) if s < len(ml[0])]:  # the smoke stand-ins hold 12
            for seed in range(1 if ctx.quick else 3):
                picked = random.Random(seed).sample(range(len(ml[0])), size)
                subset = ([ml[0][i] for i in picked], [ml[1][i] for i in picked])
                given_margin(attempt(f"subset {size}", lambda s=subset, z=size, d=seed: _row(
                    f"MultiLing subset of {z} (seed {d})", s)))
        cut = snippets(ml)
        for size in [s for s in (30, 60) if s < len(ml[0]) and not ctx.quick]:
            for seed in range(2):
                picked = random.Random(100 + seed).sample(range(len(ml[0])), size)
                subset = ([cut[0][i] for i in picked], [cut[1][i] for i in picked])
                given_margin(attempt(f"snippet subset {size}", lambda s=subset, z=size, d=seed: _row(
                    f"MultiLing snippets, subset of {z} (seed {d})", s)))
    if not ctx.quick:
        made = attempt("AG News", lambda: _row("AG News test", agnews(ctx), broad=True))
        given_margin(made)
        ag_nmi = next((_number(r[6]) for r in made if r[3] == "ours, k given"), None)

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
        given_margin(attempt("scale 1000", lambda: _row("scale corpus 1,000", scale(ctx, 1000))))
        attempt("scale 10000", lambda: _row("scale corpus 10,000", scale(ctx, 10000), baselines=False))
    else:
        skipped.append("AG News, scale corpus: skipped in --quick mode (they take minutes)")
    targets = []
    if ones_found:
        targets.append(Target("MultiLing stories alone that give one topic", ones_found[0], 10, at_least=True))
    if ml_nmi is not None:
        targets.append(Target("MultiLing automatic NMI", ml_nmi, 0.96, at_least=True))
    if ag_nmi is not None:
        targets.append(Target("AG News k=4 NMI", ag_nmi, 0.30, at_least=True))
    if margins:
        targets.append(Target("k given NMI minus KMeans mean NMI, worst corpus", min(margins), 0.0, at_least=True))
    return [Table(
        title="Topics across corpora: automatic, granularity 0, k given; TF-IDF + KMeans and HDBSCAN beside",
        columns=("corpus", "articles", "true k", "method", "topics", "in Other", "NMI", "ARI"),
        rows=tuple(rows),
        notes=(__doc__ or "") + " " + " ".join(skipped),
        targets=tuple(targets),
    )]


if __name__ == "__main__":
    import sys

    from tests.benchmarks.common import run_alone

    run_alone(run, sys.argv)
