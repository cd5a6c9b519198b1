"""Topic clustering: quality against MultiLing's gold topics, the automatic number of topics, and speed.

MultiLing 2011 (English) holds 10 news stories x 10 articles; the gold topic is
the digit A of ``M00AB.english``. The automatic choice (granularity 0.5, no k
given) is set beside the baseline the issue names: TF-IDF (the same vectors)
+ KMeans given the true k. "Other" counts as one more cluster in NMI/ARI.
Also: MultiLing mixed with the five seeds (their gold: one more topic, since
they all are about South Korea-US-Japan talks), random subsets of 20 and 50
articles (mean over seeds), and speed on 1,000 / 10,000 synthetic articles
made reproducibly from MultiLing sentences (each one 6 sentences drawn from
one topic's pool, so 10 real clusters exist).
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence

import numpy as np

from nlp.text.vocabulary import Vocabulary
from nlp.topics.cluster import TopicClusterer
from nlp.topics.dedup import mark_duplicates
from nlp.topics.vectors import article_tokens
from nlp.ingest import load_paths, make_article
from nlp.run.workers import Schedule
from nlp.ingest.plaintext import parse_plaintext
from nlp.types import Article
from tests.benchmarks.common import SEEDS, Context, Table, Target, peak_rss_mb


def _multiling(ctx: Context) -> list[Article]:
    files = sorted((ctx.multiling() / "SourceTexts").glob("M00*.english"))
    return [parse_plaintext(f.read_text(encoding="utf-8"), id=f.stem, path=str(f)) for f in files]


def _gold(articles: Sequence[Article]) -> list[int]:
    return [int(a.id[3]) if a.id.startswith("M00") else 10 for a in articles]


def _scores(gold: Sequence[int], labels: Sequence[int]) -> tuple[float, float]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    return normalized_mutual_info_score(gold, labels), adjusted_rand_score(gold, labels)


def _kmeans(articles: Sequence[Article], k: int, random_state: int = 0) -> np.ndarray:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    vocabulary = Vocabulary()
    matrix = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True).fit_transform(
        [article_tokens(a, vocabulary=vocabulary) for a in articles]
    )
    return KMeans(k, n_init=10, random_state=random_state).fit(matrix).labels_


def _auto(articles: Sequence[Article]) -> TopicClusterer:
    return TopicClusterer().fit(mark_duplicates(sorted(articles, key=lambda a: a.id)))


def _labels_in(articles: Sequence[Article], clusterer: TopicClusterer) -> list[int]:
    ordered = sorted(articles, key=lambda a: a.id)
    by_id = dict(zip((a.id for a in ordered), clusterer.labels_.tolist()))
    return [by_id[a.id] for a in articles]


def quality(ctx: Context, articles: list[Article]) -> Table:
    gold = _gold(articles)
    clusterer = _auto(articles)
    labels = _labels_in(articles, clusterer)
    nmi, ari = _scores(gold, labels)
    base_nmi, base_ari = _scores(gold, _kmeans(articles, 10).tolist())
    rows = [
        ("automatic (granularity 0.5)", f"{nmi:.3f}", f"{ari:.3f}", clusterer.n_clusters_, labels.count(-1), 10),
        ("TF-IDF + KMeans, true k", f"{base_nmi:.3f}", f"{base_ari:.3f}", 10, 0, 10),
    ]
    for granularity in (0.0, 0.25, 0.75, 1.0):
        c = TopicClusterer(granularity=granularity).fit(mark_duplicates(sorted(articles, key=lambda a: a.id)))
        n, a = _scores(gold, _labels_in(articles, c))
        rows.append((f"automatic (granularity {granularity})", f"{n:.3f}", f"{a:.3f}", c.n_clusters_,
                     int((c.labels_ == -1).sum()), 10))
    return Table(
        title=f"MultiLing 2011: automatic number of topics vs KMeans given k ({len(articles)} articles)",
        columns=("method", "NMI", "ARI", "topics", "in Other", "true k"),
        rows=tuple(rows),
        notes=__doc__ or "",
        targets=(Target("automatic NMI minus baseline NMI", nmi - base_nmi, 0.0, at_least=True),),
    )


def mixtures(ctx: Context, multiling: list[Article]) -> Table:
    seeds = list(load_paths([SEEDS]).articles)
    rows = []
    mixed = multiling + seeds
    clusterer = _auto(mixed)
    labels = _labels_in(mixed, clusterer)
    nmi, ari = _scores(_gold(mixed), labels)
    seed_labels = labels[-5:]
    rows.append(("MultiLing + 5 seeds", len(mixed), f"{nmi:.3f}", f"{ari:.3f}", clusterer.n_clusters_, 11,
                 f"seeds -> {seed_labels}"))
    repeats = 2 if ctx.quick else 10
    for size in [s for s in (20, 50) if s < len(multiling)] or [len(multiling) // 2]:  # smoke stand-ins: 12
        results = []
        for seed in range(repeats):
            subset = random.Random(seed).sample(multiling, size)
            c = _auto(subset)
            results.append((*_scores(_gold(subset), _labels_in(subset, c)), c.n_clusters_,
                            len(set(_gold(subset))), int((c.labels_ == -1).sum()),
                            _scores(_gold(subset), _kmeans(subset, len(set(_gold(subset))), seed).tolist())[0]))
        mean = np.mean(results, axis=0)
        rows.append((f"random subsets of {size} (mean of {repeats})", size, f"{mean[0]:.3f}", f"{mean[1]:.3f}",
                     f"{mean[2]:.1f}", f"{mean[3]:.1f}", f"in Other {mean[4]:.1f}; KMeans(true k) NMI {mean[5]:.3f}"))
    return Table(
        title="Automatic choice on mixtures and subsets",
        columns=("corpus", "articles", "NMI", "ARI", "topics", "true k", "notes"),
        rows=tuple(rows),
        notes="Seeds' gold: one topic (all five are about South Korea-US-Japan talks). "
        "Subsets: random.Random(seed).sample of the 100 MultiLing articles; a topic with one article "
        "in the subset is a loner and belongs in Other.",
    )


def synthetic(multiling: Sequence[Article], n: int) -> list[Article]:
    """``n`` articles of 6 sentences, each drawn from one MultiLing topic's sentence pool."""
    pools: dict[str, list[str]] = {}
    for article in multiling:
        pools.setdefault(article.id[3], []).extend(s.text for s in article.sentences if s.kind == "body")
    out = []
    for i in range(n):
        topic = sorted(pools)[i % len(pools)]
        rng = random.Random(i)
        sentences = rng.sample(pools[topic], 6)
        out.append(make_article(f"S{i:05d}T{topic}", [" ".join(sentences[1:])], title=sentences[0][:80]))
    return out


def speed(ctx: Context, multiling: list[Article]) -> Table:
    rows = []
    targets = []
    for n in (1000,) if ctx.quick else (1000, 10000):
        articles = synthetic(multiling, n)
        t0 = time.perf_counter()
        clusterer = TopicClusterer().fit(articles, schedule=Schedule.serial())  # in this process, no worker
        seconds = time.perf_counter() - t0
        gold = [int(a.id[-1]) for a in articles]
        nmi, _ = _scores(gold, clusterer.labels_.tolist())
        rows.append((n, f"{seconds:.2f}", clusterer.n_clusters_, int((clusterer.labels_ == -1).sum()), 10,
                     f"{nmi:.3f}", f"{peak_rss_mb():.0f}"))
        if n == 10000:
            targets.append(Target("seconds to cluster 10,000 articles", seconds, 10.0, unit="s"))
    return Table(
        title="Clustering speed (TopicClusterer.fit alone, no dedup) on synthetic MultiLing articles",
        columns=("articles", "seconds", "topics", "in Other", "true k", "NMI", "peak RSS MB (process)"),
        rows=tuple(rows),
        notes="2 cores; LSA (200 dims) + 20 nearest neighbours above 200 articles.",
        targets=tuple(targets),
    )


def run(ctx: Context) -> list[Table]:
    """Quality, mixtures and speed tables."""
    multiling = _multiling(ctx)
    return [quality(ctx, multiling), mixtures(ctx, multiling), speed(ctx, multiling)]


if __name__ == "__main__":
    import sys

    from tests.benchmarks.common import run_alone

    run_alone(run, sys.argv)
