"""Numbered references to source articles, shared by the human-readable digests."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from nlp.ingest.dates import display_date
from nlp.types import Analysis, Article, Cluster


def reference_numbers(analysis: Analysis) -> dict[str, int]:
    """Number the articles 1..N in the order the digest first shows them (topic by topic)."""
    numbers: dict[str, int] = {}
    for cluster in analysis.clusters:
        for sentence in cluster.summary.sentences:
            numbers.setdefault(sentence.article_id, len(numbers) + 1)
        for article_id in cluster.article_ids:
            numbers.setdefault(article_id, len(numbers) + 1)
    for article in analysis.articles:
        numbers.setdefault(article.id, len(numbers) + 1)
    return numbers


def cluster_facts(cluster: Cluster) -> str:
    """One line of counts and dates: "3 articles, 2 stories · 2021-03-24 – 2024-09-23"."""
    n = len(cluster.article_ids)
    parts = [f"{n} article{'s' * (n != 1)}, {cluster.story_count} stor{'ies' if cluster.story_count != 1 else 'y'}"]
    first, last = (display_date(d) for d in cluster.date_range)
    if first and last and first != last:
        parts.append(f"{first} – {last}")
    elif first or last:
        parts.append(str(first or last))
    if cluster.sources:
        parts.append(", ".join(cluster.sources))
    return " · ".join(parts)


def article_line(article: Article) -> str:
    """Title, source, date and path of an article, for source lists."""
    bits = [article.title or article.id]
    meta = ", ".join(x for x in (article.source, display_date(article.date)) if x)
    if meta:
        bits.append(f"({meta})")
    return " ".join(bits)


_WEB = ("http://", "https://")


def article_link(article: Article) -> str | None:
    """Where a reference to ``article`` leads: its web address, else its file; ``None`` for neither.

    Only ``http``/``https`` addresses count as web addresses (a record's
    ``url`` field could hold ``javascript:`` or anything else), and they come
    back percent-encoded where a space, quote or bracket would end a link in
    Markdown or HTML. The file is linked as an absolute ``file:`` URI.
    """
    url = (article.url or "").strip()
    if url.lower().startswith(_WEB):
        return quote(url, safe="/:?#@!$&'*+,;=%~-._[]")
    if article.path and article.path != "-":
        try:
            return Path(article.path).absolute().as_uri()
        except ValueError:
            return None
    return None
