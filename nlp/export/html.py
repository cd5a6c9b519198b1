"""HTML digest: one self-contained page (inline CSS and SVG, no script, print-friendly); every text is escaped.

A table of contents; per topic its summary, its timeline and sources as
pictures, and a collapsible list of its articles (``<details>``, a story's
copies folded under one entry); the map of the corpus; the numbered sources.
"""

from __future__ import annotations

from html import escape

from nlp.ingest.dates import display_date
from nlp.export.marker import GENERATOR
from nlp.export.palette import topic_colour
from nlp.export.refs import article_line, article_link, cluster_facts, reference_numbers
from nlp.export.svg import map_svg, sources_svg, timeline_svg
from nlp.topics.story import source_counts, stories, timeline
from nlp.types import Analysis, Article, Cluster

CSS = """
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: #1d1d1f; max-width: 46rem;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font: 600 1.8rem/1.2 system-ui, sans-serif; margin-bottom: .2rem; }
h2 { font: 600 1.25rem/1.3 system-ui, sans-serif; margin: 2rem 0 .2rem; border-top: 1px solid #ddd;
     padding-top: 1rem; }
h3 { font: 600 .9rem system-ui, sans-serif; color: #444; margin: .8rem 0 .2rem; }
nav ol { font: .95rem system-ui, sans-serif; columns: 2; }
nav .swatch, h2 .swatch { display: inline-block; width: .7em; height: .7em; border-radius: 50%;
     margin-right: .35em; vertical-align: baseline; }
.meta { color: #555; font: .85rem system-ui, sans-serif; margin: 0 0 .6rem; }
.headline { font-style: italic; }
ol.summary li { margin: .35rem 0; }
a.ref { font: .75rem system-ui, sans-serif; vertical-align: super; text-decoration: none; color: #0b57d0; }
ol.sources, details { font-size: .9rem; }
details summary { cursor: pointer; font: .9rem system-ui, sans-serif; color: #0b57d0; }
details details { margin-left: 1.2rem; }
ul.articles { list-style: none; padding-left: .4rem; }
.num { font: .75rem system-ui, sans-serif; color: #555; }
svg { display: block; max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
svg .axis { fill: #666; }
svg .label { font-weight: 600; fill: #222; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg.map { border: 1px solid #ddd; }
code { font-size: .8rem; color: #555; word-break: break-all; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  li, svg { break-inside: avoid; }
  a.ref { color: #000; }
  nav ol { columns: 1; }
}
"""


def render_html(analysis: Analysis) -> str:
    """Render the digest as one HTML page; no scripts, no remote resources."""
    refs = reference_numbers(analysis)
    links = {i: article_link(analysis.article(i)) for i in refs}
    e = escape
    picture = map_svg(analysis, refs)
    n, k = len(analysis.articles), len(analysis.clusters)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{GENERATOR}">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        "<title>Topic Digest</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Topic Digest</h1>",
        f'<p class="meta">{n} article{"s" * (n != 1)} in {k} topic{"s" * (k != 1)}; '
        f"summaries by {e(analysis.options.method)}.</p>",
        '<nav id="contents"><h2>Contents</h2><ol>',
    ]
    for cluster in analysis.clusters:
        n = len(cluster.article_ids)
        out.append(f'<li><a href="#topic-{cluster.id + 1}"><span class="swatch" style="background:'
                   f'{topic_colour(cluster.id, cluster.is_other)}"></span>{e(cluster.label)}</a> '
                   f'<span class="num">{n} article{"s" * (n != 1)}</span></li>')
    if picture:
        out.append('<li><a href="#map">Map of the corpus</a></li>')
    out.append('<li><a href="#sources">Sources</a></li></ol></nav>')
    for cluster in analysis.clusters:
        out += _topic(analysis, cluster, refs, links)
    if picture:
        out.append('<section id="map"><h2>Map of the corpus</h2>')
        out.append('<p class="meta">Each article is a point, coloured by its topic; articles alike lie close. '
                   "Hover over a point for its title; click it for its entry in the sources.</p>")
        out.append(picture + "</section>")
    out.append('<h2 id="sources">Sources</h2><ol class="sources">')
    for article_id, number in sorted(refs.items(), key=lambda kv: kv[1]):
        article = analysis.article(article_id)
        original = f' <a href="{e(links[article_id] or "")}">original</a>' if article.url and links[article_id] else ""
        out.append(f'<li id="source-{number}" value="{number}">{e(article_line(article))}'
                   f"<br><code>{e(article.path)}</code>{original}</li>")
    out.append("</ol>")
    if analysis.skipped:
        out.append("<h2>Skipped inputs</h2><ul>")
        out += [f"<li><code>{e(s.path)}</code>: {e(s.detail)}</li>" for s in analysis.skipped]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _topic(analysis: Analysis, cluster: Cluster, refs: dict[str, int], links: dict[str, str | None]) -> list[str]:
    """One topic's section: heading, facts, summary, timeline, sources, and its articles folded."""
    e = escape
    colour = topic_colour(cluster.id, cluster.is_other)
    members = [analysis.article(i) for i in cluster.article_ids]
    out = [f'<section id="topic-{cluster.id + 1}"><h2><span class="swatch" style="background:{colour}"></span>'
           f"{cluster.id + 1}. {e(cluster.label)}</h2>",
           f'<p class="meta">{e(cluster_facts(cluster))}</p>']
    if cluster.headline:
        out.append(f'<p class="headline">{e(cluster.headline)}</p>')
    out.append('<ol class="summary">')
    for s in cluster.summary.sentences:
        n = refs[s.article_id]
        out.append(f'<li>{e(s.text)} <a class="ref" href="{e(links[s.article_id] or f"#source-{n}")}">[{n}]</a></li>')
    out.append("</ol>")
    line = timeline(members)
    bars = timeline_svg(line, colour)
    if bars:
        undated = f" ({len(line.undated)} undated)" if line.undated else ""
        out.append(f"<h3>Articles per {line.unit}{undated}</h3>{bars}")
    counts = source_counts(members)
    if any(c.source for c in counts):
        out.append(f"<h3>Sources</h3>{sources_svg(counts, colour)}")
    out.append(f"<details><summary>The {len(members)} article{'s' * (len(members) != 1)}</summary>"
               '<ul class="articles">')
    for story in stories(members):
        out.append(f"<li>{_entry(story.head, refs, links)}")
        if story.copies:
            out.append(f"<details><summary>{e(story.fold_label())}</summary><ul class=\"articles\">")
            out += [f"<li>≈ {_entry(copy, refs, links)}</li>" for copy in story.copies]
            out.append("</ul></details>")
        out.append("</li>")
    out.append("</ul></details></section>")
    return out


def _entry(article: Article, refs: dict[str, int], links: dict[str, str | None]) -> str:
    """``[n] title`` linked to the original (else the file), then source and date."""
    e = escape
    n = refs[article.id]
    title = e(article.title or article.id)
    link = links[article.id]
    named = f'<a href="{e(link)}">{title}</a>' if link else title
    meta = ", ".join(x for x in (article.source, display_date(article.date)) if x)
    return (f'<a class="num" href="#source-{n}">[{n}]</a> {named}'
            + (f' <span class="num">{e(meta)}</span>' if meta else ""))
