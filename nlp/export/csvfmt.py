"""CSV digest: one row per summary sentence with its topic and provenance, for spreadsheets.

A cell a spreadsheet would evaluate as a formula (one starting with ``=``,
``+``, ``-``, ``@``, a tab, a line break or NUL, also after spaces) gets a
leading apostrophe, as OWASP recommends against CSV injection: a title
``=HYPERLINK(...)`` shows as text, not as a live link.
"""

from __future__ import annotations

import csv
import io

from nlp.ingest.dates import display_date
from nlp.types import Analysis

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""First characters that make a spreadsheet read a cell as a formula (with their full-width forms)."""


def neutralise(cell: str) -> str:
    """``cell`` with a leading apostrophe when a spreadsheet would evaluate it, else unchanged."""
    return "'" + cell if cell.lstrip(" ").startswith(FORMULA_STARTS) else cell

COLUMNS = (
    "topic", "cluster_label", "position", "rank", "score", "text",
    "article_id", "article_title", "article_source", "article_date", "article_path", "article_url",
    "sentence_index", "start", "end",
)


def render_csv(analysis: Analysis) -> str:
    """Render every summary sentence as a CSV row (header first, RFC 4180 quoting, text cells neutralised)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for cluster in analysis.clusters:
        for position, s in enumerate(cluster.summary.sentences, 1):
            article = analysis.article(s.article_id)
            texts = (cluster.label, s.text, article.id, article.title, article.source or "", display_date(article.date),
                     article.path, article.url or "")
            label, text, article_id, title, source, date, path, url = (neutralise(t) for t in texts)
            writer.writerow((
                cluster.id + 1, label, position, s.rank, f"{s.score:.6f}", text,
                article_id, title, source, date, path, url,
                s.sentence_index, s.start, s.end,
            ))
    return buffer.getvalue()
