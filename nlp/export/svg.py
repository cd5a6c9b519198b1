"""Small inline SVG pictures for the HTML digest: a topic's timeline, its sources, the corpus map.

Plain strings, no script and no outside resource: each picture is part of the
one self-contained page. Every text is escaped; hovering over a bar or a
point shows its ``<title>`` as a tooltip, which browsers do without script.
"""

from __future__ import annotations

from html import escape

from nlp.ingest.dates import display_date
from nlp.export.palette import topic_colour
from nlp.topics.story import SourceCount, Timeline
from nlp.types import Analysis

TIMELINE_SIZE = (560, 90)
MAP_SIZE = (700, 460)
SOURCES_SHOWN = 10
MAP_LABELS = 30


def timeline_svg(timeline: Timeline, colour: str) -> str:
    """Bars of articles per day (or hour), first and last day written under them; ``""`` when nothing is dated."""
    if not timeline.bins:
        return ""
    width, height = TIMELINE_SIZE
    plot = height - 22
    step = (width - 8) / len(timeline.bins)
    peak = max(1, timeline.peak)
    out = [f'<svg class="timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="Articles per {timeline.unit}">']
    for number, item in enumerate(timeline.bins):
        bar = plot * item.count / peak
        when = item.start.replace("T", " ") + (":00" if "T" in item.start else "")
        out.append(f'<rect x="{4 + number * step:.1f}" y="{4 + plot - bar:.1f}" width="{max(1.0, step - 1):.1f}" '
                   f'height="{bar:.1f}" fill="{colour}"><title>{escape(when)}: {item.count} article'
                   f'{"s" * (item.count != 1)}</title></rect>')
    out.append(f'<line x1="4" y1="{4 + plot}" x2="{width - 4}" y2="{4 + plot}" stroke="#888"/>')
    first, last = (b.start.replace("T", " ") for b in (timeline.bins[0], timeline.bins[-1]))
    out.append(f'<text x="4" y="{height - 3}" class="axis">{escape(first)}</text>')
    if last != first:
        out.append(f'<text x="{width - 4}" y="{height - 3}" text-anchor="end" class="axis">{escape(last)}</text>')
    out.append(f'<text x="{width / 2:.0f}" y="{height - 3}" text-anchor="middle" class="axis">'
               f"peak {timeline.peak} a {timeline.unit}</text></svg>")
    return "".join(out)


def sources_svg(sources: tuple[SourceCount, ...], colour: str) -> str:
    """Horizontal bars of articles per source (the first :data:`SOURCES_SHOWN`), ★ on who reported first."""
    if not sources:
        return ""
    shown = sources[:SOURCES_SHOWN]
    width, row = 560, 18
    height = row * len(shown) + (row if len(sources) > len(shown) else 0) + 4
    most = max(s.count for s in shown)
    out = [f'<svg class="sources" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="Articles per source">']
    for number, source in enumerate(shown):
        y = 2 + number * row
        bar = 260 * source.count / most
        star = " ★ first" if source.first else ""
        out.append(f'<text x="196" y="{y + 13}" text-anchor="end">{escape(_clip(source.source, 30))}</text>'
                   f'<rect x="202" y="{y + 3}" width="{bar:.1f}" height="{row - 5}" fill="{colour}">'
                   f"<title>{escape(source.source)}: {source.count}, earliest {escape(display_date(source.first_date) or 'undated')}"
                   f"</title></rect>"
                   f'<text x="{206 + bar:.1f}" y="{y + 13}">{source.count}{escape(star)}</text>')
    if len(sources) > len(shown):
        out.append(f'<text x="196" y="{2 + len(shown) * row + 13}" text-anchor="end" class="axis">'
                   f"and {len(sources) - len(shown)} more</text>")
    out.append("</svg>")
    return "".join(out)


def map_svg(analysis: Analysis, numbers: dict[str, int]) -> str:
    """One point per article at ``analysis.coordinates``, coloured by topic, the largest topics labelled.

    Each point links to the article's entry in the source list and shows its
    title on hover. ``""`` when the analysis has no map.
    """
    if len(analysis.coordinates) != len(analysis.articles) or not analysis.articles:
        return ""
    width, height = MAP_SIZE
    pad = 14

    def place(x: float, y: float) -> tuple[float, float]:
        return pad + (x + 1) / 2 * (width - 2 * pad), pad + (1 - y) / 2 * (height - 2 * pad)

    topic = {i: c for c in analysis.clusters for i in c.article_ids}
    out = [f'<svg class="map" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="Map of the corpus: one point per article, coloured by topic">']
    where: dict[int, list[tuple[float, float]]] = {}
    for article, (x, y) in zip(analysis.articles, analysis.coordinates):
        cluster = topic.get(article.id)
        if cluster is None:
            continue
        px, py = place(x, y)
        where.setdefault(cluster.id, []).append((px, py))
        out.append(f'<a href="#source-{numbers.get(article.id, 0)}"><circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" '
                   f'fill="{topic_colour(cluster.id, cluster.is_other)}"><title>{escape(article.title)}</title>'
                   f"</circle></a>")
    ranked = sorted((c for c in analysis.clusters if not c.is_other and c.id in where), key=lambda c: -len(c.article_ids))
    for cluster in ranked[:MAP_LABELS]:
        points = where[cluster.id]
        cx = sum(p[0] for p in points) / len(points)
        cy = sum(p[1] for p in points) / len(points)
        text = _clip(cluster.label, 40)
        half = 3.3 * len(text) + 4  # about half the text's width at 11px: the label stays inside the picture
        cx = min(max(cx, half), width - half)
        out.append(f'<text x="{cx:.1f}" y="{max(12.0, cy - 6):.1f}" text-anchor="middle" class="label">'
                   f"{escape(text)}</text>")
    out.append("</svg>")
    return "".join(out)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
