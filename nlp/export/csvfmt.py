"""CSV digest: one row per summary sentence with its topic and provenance, for spreadsheets."""

from __future__ import annotations

import csv
import io

from nlp.types import Analysis

COLUMNS = (
    "cluster_id", "cluster_label", "position", "rank", "score", "text",
    "article_id", "article_title", "article_source", "article_date", "article_path", "article_url",
    "sentence_index", "start", "end",
)


def render_csv(analysis: Analysis) -> str:
    """Render every summary sentence as a CSV row (header first, RFC 4180 quoting)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for cluster in analysis.clusters:
        for position, s in enumerate(cluster.summary.sentences, 1):
            article = analysis.article(s.article_id)
            writer.writerow((
                cluster.id, cluster.label, position, s.rank, f"{s.score:.6f}", s.text,
                article.id, article.title, article.source or "", article.date or "", article.path, article.url or "",
                s.sentence_index, s.start, s.end,
            ))
    return buffer.getvalue()
