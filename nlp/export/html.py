"""HTML digest: one self-contained page (inline CSS, print-friendly); every text is escaped."""

from __future__ import annotations

from html import escape

from nlp.export.refs import article_line, article_link, cluster_facts, reference_numbers
from nlp.types import Analysis

CSS = """
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: #1d1d1f; max-width: 46rem;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font: 600 1.8rem/1.2 system-ui, sans-serif; margin-bottom: .2rem; }
h2 { font: 600 1.25rem/1.3 system-ui, sans-serif; margin: 2rem 0 .2rem; border-top: 1px solid #ddd;
     padding-top: 1rem; }
.meta { color: #555; font: .85rem system-ui, sans-serif; margin: 0 0 .6rem; }
.headline { font-style: italic; }
ol.summary li { margin: .35rem 0; }
a.ref { font: .75rem system-ui, sans-serif; vertical-align: super; text-decoration: none; color: #0b57d0; }
ol.sources { font-size: .9rem; }
code { font-size: .8rem; color: #555; word-break: break-all; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  li { break-inside: avoid; }
  a.ref { color: #000; }
}
"""


def render_html(analysis: Analysis) -> str:
    """Render the digest as one HTML page; no scripts, no remote resources."""
    refs = reference_numbers(analysis)
    links = {i: article_link(analysis.article(i)) for i in refs}
    e = escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        "<title>Topic Digest</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Topic Digest</h1>",
        f'<p class="meta">{len(analysis.articles)} articles in {len(analysis.clusters)} topics; '
        f"summaries by {e(analysis.options.method)}.</p>",
    ]
    for cluster in analysis.clusters:
        out.append(f'<section id="topic-{cluster.id + 1}"><h2>{cluster.id + 1}. {e(cluster.label)}</h2>')
        out.append(f'<p class="meta">{e(cluster_facts(cluster))}</p>')
        if cluster.headline:
            out.append(f'<p class="headline">{e(cluster.headline)}</p>')
        out.append('<ol class="summary">')
        for s in cluster.summary.sentences:
            n = refs[s.article_id]
            out.append(f'<li>{e(s.text)} <a class="ref" href="{e(links[s.article_id] or f"#source-{n}")}">[{n}]</a></li>')
        out.append("</ol></section>")
    out.append('<h2>Sources</h2><ol class="sources">')
    for article_id, number in sorted(refs.items(), key=lambda kv: kv[1]):
        article = analysis.article(article_id)
        out.append(f'<li id="source-{number}" value="{number}">{e(article_line(article))}'
                   f"<br><code>{e(article.path)}</code>"
                   + (f' <a href="{e(links[article_id])}">original</a>' if article.url and links[article_id] else "")
                   + "</li>")
    out.append("</ol>")
    if analysis.skipped:
        out.append("<h2>Skipped inputs</h2><ul>")
        out += [f"<li><code>{e(s.path)}</code>: {e(s.reason)}</li>" for s in analysis.skipped]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
