"""JSON digest: the documented, versioned schema in nlp/schema/digest.schema.json; byte-stable output."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from nlp.export.marker import GENERATOR
from nlp.types import Analysis

SCHEMA_VERSION = "1.1"


def to_document(analysis: Analysis) -> dict[str, Any]:
    """Return the digest as plain JSON-ready data (see the JSON Schema for field meanings)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": GENERATOR,
        "options": asdict(analysis.options),
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "source": a.source,
                "author": a.author,
                "date": a.date,
                "url": a.url,
                "duplicate_of": a.duplicate_of,
            }
            for a in analysis.articles
        ],
        "clusters": [
            {
                "id": c.id,
                "topic": c.id + 1,
                "label": c.label,
                "terms": list(c.terms),
                "headline": c.headline,
                "article_ids": list(c.article_ids),
                "story_count": c.story_count,
                "date_range": list(c.date_range),
                "sources": list(c.sources),
                "is_other": c.is_other,
                "method": c.summary.method,
                "summary": [
                    {
                        "text": s.text,
                        "article_id": s.article_id,
                        "sentence_index": s.sentence_index,
                        "start": s.start,
                        "end": s.end,
                        "score": round(float(s.score), 6),
                        "rank": s.rank,
                    }
                    for s in c.summary.sentences
                ],
            }
            for c in analysis.clusters
        ],
        "skipped": [{"path": s.path, "reason": s.reason, "record": s.record} for s in analysis.skipped],
    }


def render_json(analysis: Analysis) -> str:
    """Render the digest as JSON: same input and options give the same bytes."""
    return json.dumps(to_document(analysis), ensure_ascii=False, indent=2) + "\n"
