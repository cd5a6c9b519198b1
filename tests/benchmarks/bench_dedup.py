"""Near-duplicate linking: precision and recall on pairs whose truth is known, and speed.

Positives: the seeds' real wire rewrite (000/001), and for each MultiLing article
a copy as a second site would publish it (its own header, footer and share
buttons, the last paragraph cut, one sentence in three reworded by dropping
every third word). Negatives: every other pair, in particular the 450 pairs of
*different* MultiLing articles on the *same* news story, which share most
vocabulary but are not copies.
"""

from __future__ import annotations

import itertools

from nlp.topics.dedup import duplicate_pairs
from nlp.ingest import load_paths
from nlp.ingest.plaintext import parse_plaintext
from nlp.types import Article
from tests.benchmarks.common import SEEDS, Context, Table, Target, median_time


def _reworded_copy(text: str) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    kept = paragraphs[:-1] if len(paragraphs) > 3 else paragraphs
    out = []
    for number, paragraph in enumerate(kept):
        if number % 3 == 2:
            paragraph = " ".join(w for i, w in enumerate(paragraph.split()) if i % 3 != 2)
        out.append(paragraph)
    return "Daily Mirror Online\n\nSHARE\n\n" + "\n\n".join(out) + "\n\nSign up for our newsletter\n"


def build(ctx: Context) -> tuple[list[Article], set[tuple[str, str]], set[tuple[str, str]]]:
    """Articles, true duplicate pairs, and the same-story-not-copy pairs (by id)."""
    articles = list(load_paths([SEEDS]).articles)
    truth = {(articles[0].id, articles[1].id)}
    same_story: set[tuple[str, str]] = set()
    files = sorted((ctx.multiling() / "SourceTexts").glob("*.english"))
    if ctx.quick:
        files = [f for f in files if f.stem[3] in "01"]
    originals = [parse_plaintext(f.read_text(encoding="utf-8"), id=f.stem, path=str(f)) for f in files]
    copies = [
        parse_plaintext(_reworded_copy(f.read_text(encoding="utf-8")), id=f.stem + "c", path=str(f)) for f in files
    ]
    articles += originals + copies
    truth |= {(o.id, c.id) for o, c in zip(originals, copies)}
    for a, b in itertools.combinations(originals, 2):
        if a.id[3] == b.id[3]:
            same_story.add((a.id, b.id))
    return articles, truth, same_story


def run(ctx: Context) -> list[Table]:
    """Precision/recall table."""
    articles, truth, same_story = build(ctx)
    seconds, pairs = median_time(lambda: duplicate_pairs(articles), 1 if ctx.quick else ctx.repeats)
    found = {tuple(sorted((articles[i].id, articles[j].id))) for i, j, _ in pairs}
    truth = {tuple(sorted(p)) for p in truth}
    tp = len(found & truth)
    precision = tp / max(1, len(found))
    recall = tp / len(truth)
    false_same_story = len(found & {tuple(sorted(p)) for p in same_story})
    real = tuple(sorted((articles[0].id, articles[1].id))) in found
    return [
        Table(
            title="Near-duplicates (sentence alignment, threshold 0.6)",
            columns=("articles", "true pairs", "found", "precision", "recall", "same-story non-copies linked",
                     "seed rewrite 000/001 linked", "seconds"),
            rows=((len(articles), len(truth), len(found), f"{precision:.3f}", f"{recall:.3f}",
                   f"{false_same_story}/{len(same_story)}", real, f"{seconds:.3f}"),),
            notes=__doc__ or "",
            targets=(Target("precision", precision, 0.95, at_least=True),
                     Target("recall", recall, 0.9, at_least=True)),
        )
    ]


if __name__ == "__main__":
    import sys

    from tests.benchmarks.common import run_alone

    run_alone(run, sys.argv)
