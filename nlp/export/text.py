"""Plain-text digest for terminals and pipes."""

from __future__ import annotations

import textwrap

from nlp.export.refs import article_line, cluster_facts, reference_numbers
from nlp.types import Analysis

WIDTH = 78


def render_text(analysis: Analysis) -> str:
    """Render the digest as wrapped plain text with [n] references."""
    refs = reference_numbers(analysis)
    out: list[str] = []
    for cluster in analysis.clusters:
        title = f"{cluster.id + 1}. {cluster.label}"
        out += [title, "=" * min(WIDTH, len(title)), cluster_facts(cluster)]
        if cluster.headline:
            out.append(f"Headline: {cluster.headline}")
        out.append("")
        for s in cluster.summary.sentences:
            out += textwrap.wrap(f"{s.text} [{refs[s.article_id]}]", WIDTH, initial_indent="  * ",
                                 subsequent_indent="    ")
        out.append("")
    out += ["Sources", "-------"]
    for article_id, number in sorted(refs.items(), key=lambda kv: kv[1]):
        article = analysis.article(article_id)
        out.append(f"[{number}] {article_line(article)}")
        out.append(f"    {article.path}")
        if article.url:
            out.append(f"    {article.url}")
    for s in analysis.skipped:
        out.append(f"skipped {s.path}: {s.reason}")
    return "\n".join(out) + "\n"
