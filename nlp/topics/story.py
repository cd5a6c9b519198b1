"""A topic as a story: when it was reported (a timeline), by whom (its sources), and its folded copies."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from nlp.types import Article

TimeUnit = Literal["day", "hour"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::\d{2}){0,2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$")

MAX_DAYS = 400
"""A timeline spanning more days than this keeps only the days that have articles."""


@dataclass(frozen=True)
class TimeBin:
    """One bar of a timeline: ``start`` (``"2025-07-10"``, or ``"2025-07-10T14"`` per hour) and its articles."""

    start: str
    article_ids: tuple[str, ...]

    @property
    def count(self) -> int:
        """How many articles fall in this bin."""
        return len(self.article_ids)


@dataclass(frozen=True)
class Timeline:
    """When a topic's articles appeared: consecutive bins, empty ones included, oldest first.

    Parameters
    ----------
    unit : {"day", "hour"}
        ``"hour"`` when every dated article is from one day and gives a time; else ``"day"``.
    bins : tuple of TimeBin
        Every day (or hour) from the first dated article to the last.
    undated : tuple of str
        Ids of the articles with no full date (none, a month, or a day without a year).
    """

    unit: TimeUnit
    bins: tuple[TimeBin, ...]
    undated: tuple[str, ...] = ()

    @property
    def peak(self) -> int:
        """The largest bin's count (0 for an empty timeline)."""
        return max((b.count for b in self.bins), default=0)


def _moment(value: str | None) -> tuple[date, int | None] | None:
    """The day of an ISO date (and its hour when it gives one); ``None`` for a partial or unknown date."""
    match = _DAY.match(value or "")
    if not match:
        return None
    year, month, day, hour = match.groups()
    try:
        return date(int(year), int(month), int(day)), (int(hour) if hour is not None else None)
    except ValueError:
        return None


def timeline(articles: Sequence[Article]) -> Timeline:
    """Count ``articles`` per day, or per hour when they all fall on one day and carry a time.

    Days between the first and the last article with no article get an empty
    bin, so the bars stand on a true time axis; when that would mean more than
    :data:`MAX_DAYS` bins, only the days that have articles are kept.
    """
    placed: list[tuple[date, int | None, str]] = []
    undated: list[str] = []
    for article in articles:
        moment = _moment(f"{article.date}T{article.time}" if article.date and article.time else article.date)
        if moment is None:
            undated.append(article.id)
        else:
            placed.append((moment[0], moment[1], article.id))
    if not placed:
        return Timeline("day", (), tuple(undated))
    days = {d for d, _h, _i in placed}
    if len(days) == 1 and all(h is not None for _d, h, _i in placed):
        (only,) = days
        hours = [h for _d, h, _i in placed if h is not None]
        keys = [f"{only.isoformat()}T{h:02d}" for h in range(min(hours), max(hours) + 1)]
        members: dict[str, list[str]] = {k: [] for k in keys}
        for _d, h, article_id in sorted(placed, key=lambda p: (p[1] or 0, p[2])):
            members[f"{only.isoformat()}T{h:02d}"].append(article_id)
        return Timeline("hour", tuple(TimeBin(k, tuple(v)) for k, v in members.items()), tuple(undated))
    first, last = min(days), max(days)
    span = (last - first).days + 1
    if span <= MAX_DAYS:
        keys = [(first + timedelta(days=n)).isoformat() for n in range(span)]
    else:
        keys = sorted(d.isoformat() for d in days)
    members = {k: [] for k in keys}
    for d, _h, article_id in sorted(placed, key=lambda p: (p[0], p[2])):
        members[d.isoformat()].append(article_id)
    return Timeline("day", tuple(TimeBin(k, tuple(v)) for k, v in members.items()), tuple(undated))


@dataclass(frozen=True)
class SourceCount:
    """One publication of a topic: how many of its articles, and when it first reported.

    Parameters
    ----------
    source : str
        The publication's name (``"Unknown source"`` for articles that name none).
    count : int
        Articles of the topic from it.
    first_date : str or None
        Date of its earliest article in the topic, as the article gives it.
    first : bool
        True for the source(s) that reported earliest (ties share it).
    """

    source: str
    count: int
    first_date: str | None
    first: bool = False


UNKNOWN_SOURCE = "Unknown source"


def _sort_key(value: str | None) -> tuple[int, str]:
    """Full dates sort by time; partial or unknown dates after them."""
    moment = _moment(value)
    if moment is None:
        return (1, value or "")
    return (0, f"{moment[0].isoformat()}T{moment[1] if moment[1] is not None else 0:02d}")


def source_counts(articles: Sequence[Article]) -> tuple[SourceCount, ...]:
    """Each source of ``articles``, most articles first (then by name), and who reported first.

    "First" compares the earliest full date of each source (to the hour when
    the dates give it); sources with no full date are never first.
    """
    counts = Counter(a.source or UNKNOWN_SOURCE for a in articles)
    earliest: dict[str, str | None] = {}
    for article in articles:
        name = article.source or UNKNOWN_SOURCE
        known = earliest.get(name)
        if name not in earliest or _sort_key(article.date) < _sort_key(known):
            earliest[name] = article.date
    dated = [_sort_key(d) for d in earliest.values() if _moment(d) is not None]
    best = min(dated) if dated else None
    return tuple(
        SourceCount(name, count, earliest[name], best is not None and _sort_key(earliest[name]) == best)
        for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower()))
    )


@dataclass(frozen=True)
class Story:
    """One story of a topic: its first article and the near-duplicate copies of it.

    Parameters
    ----------
    head : Article
        The article the copies duplicate (``Article.story_id``).
    copies : tuple of Article
        The other articles of the story, in the topic's order.
    """

    head: Article
    copies: tuple[Article, ...] = ()

    @property
    def copy_sources(self) -> tuple[str, ...]:
        """Distinct sources of the copies, sorted."""
        return tuple(sorted({c.source for c in self.copies if c.source}))

    def fold_label(self) -> str:
        """What the folded row of the copies says: ``"+ 48 copies from 12 sources"``."""
        n, k = len(self.copies), len(self.copy_sources)
        text = f"+ {n} cop{'ies' if n != 1 else 'y'}"
        return text + (f" from {k} source{'s' * (k != 1)}" if k else "")


def stories(articles: Sequence[Article]) -> tuple[Story, ...]:
    """Group ``articles`` (a topic's, in its order) into stories, in the order their first article comes.

    A copy whose first article is not among ``articles`` heads its own story.
    """
    present = {a.id for a in articles}
    members: dict[str, list[Article]] = {}  # story id -> its articles, the head first
    for article in articles:
        story = article.duplicate_of
        if story is None or story not in present:
            story = article.id
        group = members.get(story)
        if group is None:
            members[story] = [article]
        elif article.id == story:
            group.insert(0, article)
        else:
            group.append(article)
    return tuple(Story(group[0], tuple(group[1:])) for group in members.values())
