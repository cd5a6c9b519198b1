"""A topic as a story: timeline counts, sources and who reported first, folded copies, the corpus map."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from nlp.ingest import load_paths, make_article
from nlp.ingest.dates import parse_time
from nlp.run.pipeline import analyze
from nlp.topics.projection import project
from nlp.topics.story import UNKNOWN_SOURCE, source_counts, stories, timeline
from nlp.types import Article


def _article(id: str, date: str | None, source: str | None = None, duplicate_of: str | None = None) -> Article:
    article = make_article(id, [f"Article {id} says something about the harbour."], path=f"{id}.txt",
                           title=f"Title {id}", source=source, date=date)
    return replace(article, duplicate_of=duplicate_of)


def test_timeline_counts_each_day_with_the_empty_days_between() -> None:
    articles = [_article("a", "2024-05-01"), _article("b", "2024-05-03"), _article("c", "2024-05-03"),
                _article("d", "2024-05"), _article("e", None), _article("f", "--05-02")]
    line = timeline(articles)
    assert line.unit == "day"
    assert [(b.start, b.count) for b in line.bins] == [("2024-05-01", 1), ("2024-05-02", 0), ("2024-05-03", 2)]
    assert line.bins[2].article_ids == ("b", "c")
    assert set(line.undated) == {"d", "e", "f"}
    assert line.peak == 2


def test_one_day_with_times_is_counted_per_hour() -> None:
    articles = [_article("a", "2024-05-01T09:15"), _article("b", "2024-05-01T11:00:00Z"),
                _article("c", "2024-05-01T11:59")]
    line = timeline(articles)
    assert line.unit == "hour"
    assert [(b.start, b.count) for b in line.bins] == [
        ("2024-05-01T09", 1), ("2024-05-01T10", 0), ("2024-05-01T11", 2)]


def test_one_day_without_times_is_one_bar_and_no_dates_is_no_bar() -> None:
    assert [(b.start, b.count) for b in timeline([_article("a", "2024-05-01")] * 2).bins] == [("2024-05-01", 2)]
    empty = timeline([_article("a", None)])
    assert empty.bins == () and empty.undated == ("a",) and empty.peak == 0


def test_sources_are_counted_and_the_earliest_reported_first() -> None:
    articles = [_article("a", "2024-05-02", "Daily"), _article("b", "2024-05-01", "Herald"),
                _article("c", "2024-05-03", "Daily"), _article("d", None, None), _article("e", "2024-05-01", "Post")]
    counts = source_counts(articles)
    assert [(s.source, s.count, s.first_date, s.first) for s in counts] == [
        ("Daily", 2, "2024-05-02", False), ("Herald", 1, "2024-05-01", True),
        ("Post", 1, "2024-05-01", True), (UNKNOWN_SOURCE, 1, None, False)]


def test_copies_fold_under_their_story_with_their_sources_counted() -> None:
    articles = [_article("h", "2024-05-01", "Wire")]
    articles += [_article(f"c{n}", "2024-05-01", f"Paper {n % 12}", duplicate_of="h") for n in range(48)]
    articles.append(_article("x", "2024-05-02", "Other"))
    folded = stories(articles)
    assert [s.head.id for s in folded] == ["h", "x"]
    assert len(folded[0].copies) == 48 and folded[1].copies == ()
    assert folded[0].fold_label() == "+ 48 copies from 12 sources"
    assert stories(articles[:2])[0].fold_label() == "+ 1 copy from 1 source"


def test_the_map_has_one_point_per_article_inside_the_unit_square() -> None:
    articles = [make_article(f"{t}{n}", [f"The {t} {w} report number {n} about {t} and {w}."], title=f"{t} {w}")
                for t, w in (("harbour", "ships"), ("election", "votes"), ("storm", "rain")) for n in range(4)]
    analysis = analyze(articles)
    assert len(analysis.coordinates) == len(analysis.articles)
    points = np.array(analysis.coordinates)
    assert np.abs(points).max() <= 1.0 and points.std(axis=0).min() > 0
    topic = {i: c.id for c in analysis.clusters for i in c.article_ids}
    centre = {c.id: points[[n for n, a in enumerate(analysis.articles) if topic[a.id] == c.id]].mean(axis=0)
              for c in analysis.clusters}
    for n, a in enumerate(analysis.articles):  # every article lies nearer its own topic's centre than another's
        own = np.linalg.norm(points[n] - centre[topic[a.id]])
        assert all(own <= np.linalg.norm(points[n] - c) for k, c in centre.items() if k != topic[a.id]), a.id


@pytest.mark.parametrize("shape", [(0, 5), (1, 5), (3, 1)])
def test_the_map_of_too_little_is_zeros_or_a_line(shape: tuple[int, int]) -> None:
    points = project(np.ones(shape))
    assert points.shape == (shape[0], 2) and not np.abs(points).any()


def test_the_map_of_ten_thousand_articles_takes_under_five_seconds() -> None:
    vectors = np.random.default_rng(0).standard_normal((10_000, 200)).astype(np.float32)
    started = time.perf_counter()
    points = project(vectors)
    assert time.perf_counter() - started < 5.0
    assert points.shape == (10_000, 2)


def test_a_day_of_timed_reports_gives_an_hourly_timeline_from_what_ingest_reads(tmp_path: Path) -> None:
    feed = tmp_path / "wire.jsonl"
    lines = [
        {"title": f"Quake update {n}", "published_at": f"2024-05-01T{hour}:{minute}:00Z",
         "text": f"Rescuers searched the rubble in the city after the earthquake, update {n}."}
        for n, (hour, minute) in enumerate((("06", "10"), ("06", "45"), ("09", "05"), ("11", "30")))
    ]
    feed.write_text("\n".join(json.dumps(line) for line in lines) + "\n", "utf-8")
    rss = tmp_path / "late.rss"
    rss.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Quake: night falls'
        "</title><description>Rescuers stopped the search in the city for the night after the earthquake."
        "</description><pubDate>Wed, 01 May 2024 13:20:00 +0000</pubDate></item></channel></rss>", "utf-8")
    articles = load_paths([tmp_path]).articles
    assert sorted(a.time for a in articles) == ["06:10", "06:45", "09:05", "11:30", "13:20"]
    line = timeline(articles)
    assert line.unit == "hour"
    assert [(b.start, b.count) for b in line.bins] == [
        ("2024-05-01T06", 2), ("2024-05-01T07", 0), ("2024-05-01T08", 0), ("2024-05-01T09", 1),
        ("2024-05-01T10", 0), ("2024-05-01T11", 1), ("2024-05-01T12", 0), ("2024-05-01T13", 1),
    ]


def test_a_date_alone_or_a_clock_alone_gives_no_time() -> None:
    assert parse_time("2024-05-01") is None and parse_time("14:30") is None
    assert parse_time("May 1, 2024 2:30 pm") == "14:30" and parse_time("1714573800") == "14:30"
