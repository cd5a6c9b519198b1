"""Markdown digest: topics, summaries with numbered references, and the source list."""

from __future__ import annotations

import re

from nlp.export.lines import one_line
from nlp.export.marker import GENERATOR
from nlp.export.refs import article_line, article_link, cluster_facts, reference_numbers
from nlp.types import Analysis

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    """Escape Markdown and inline-HTML syntax so article text shows as written, on its one line."""
    return _SPECIAL.sub(r"\\\1", one_line(text))


def _code(text: str) -> str:
    """``text`` as an inline code span: one line, no backtick to end it early."""
    return "`" + one_line(text).replace("`", "") + "`"


def render_markdown(analysis: Analysis) -> str:
    """Render the digest as Markdown."""
    refs = reference_numbers(analysis)
    links = {i: article_link(analysis.article(i)) for i in refs}

    def ref(article_id: str) -> str:
        link = links[article_id]
        return f"[\\[{refs[article_id]}\\]]({link})" if link else f"[{refs[article_id]}]"

    out = ["# Topic Digest", "", f"<!-- generator: {GENERATOR} -->", ""]
    n = len(analysis.articles)
    k = len(analysis.clusters)
    out += [f"{n} article{'s' * (n != 1)} in {k} topic{'s' * (k != 1)}; "
            f"summaries by {analysis.options.method}.", ""]
    for cluster in analysis.clusters:
        out += [f"## {cluster.id + 1}. {_md(cluster.label)}", ""]
        out += [f"*{_md(cluster_facts(cluster))}*", ""]
        if cluster.headline:
            out += [f"**{_md(cluster.headline)}**", ""]
        for number, s in enumerate(cluster.summary.sentences, 1):
            out.append(f"{number}. {_md(s.text)} {ref(s.article_id)}")
        if cluster.summary.sentences:
            out.append("")
        articles = ", ".join(ref(i) for i in cluster.article_ids)
        out += [f"Articles: {articles}", ""]
    out += ["## Sources", ""]
    for article_id, number in sorted(refs.items(), key=lambda kv: kv[1]):
        article = analysis.article(article_id)
        url = f" <{links[article_id]}>" if article.url and links[article_id] else ""
        out.append(f"{number}. {_md(article_line(article))} — {_code(article.path)}{url}")
    if analysis.skipped:
        out += ["", "## Skipped inputs", ""]
        out += [f"- {_code(s.path)}: {_md(s.detail)}" for s in analysis.skipped]
    return "\n".join(out) + "\n"
