"""Sentence splitter: accuracy on a labelled set of tricky news sentences, and throughput."""

from __future__ import annotations

import json

from nlp.text.sentences import split_sentences
from tests.benchmarks.common import REPO, Context, Table, Target, median_time

LABELLED = REPO / "tests" / "fixtures" / "sentences_labelled.json"


def _boundaries(text: str, sentences: list[str]) -> set[int]:
    """Character offsets where sentences end (found in order in ``text``)."""
    ends: set[int] = set()
    position = 0
    for sentence in sentences:
        start = text.index(sentence, position)
        position = start + len(sentence)
        ends.add(position)
    return ends


def accuracy() -> tuple[int, int, float, float, float]:
    """Return (paragraphs, gold sentences, exact-match share, boundary precision, boundary recall)."""
    items = json.loads(LABELLED.read_text(encoding="utf-8"))
    exact = tp = fp = fn = gold_total = 0
    for item in items:
        got = split_sentences(item["text"])
        gold = item["sentences"]
        gold_total += len(gold)
        exact += len(set(got) & set(gold))
        g, p = _boundaries(item["text"], gold), _boundaries(item["text"], got)
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    return len(items), gold_total, exact / gold_total, tp / max(1, tp + fp), tp / max(1, tp + fn)


def corpus_text(ctx: Context, megabytes: float) -> str:
    """Real news text (MultiLing sources, else the seeds) repeated to ``megabytes``."""
    try:
        files = sorted((ctx.multiling() / "SourceTexts").glob("*.english"))
    except FileNotFoundError:
        files = sorted((REPO / "seeds").glob("*.txt"))
    base = "\n\n".join(f.read_text(encoding="utf-8") for f in files)
    size = len(base.encode("utf-8"))
    return "\n\n".join([base] * max(1, round(megabytes * 1e6 / size)))


def run(ctx: Context) -> list[Table]:
    """Accuracy table and throughput table."""
    n, gold, exact, precision, recall = accuracy()
    text = corpus_text(ctx, 0.5 if ctx.quick else 10.0)
    megabytes = len(text.encode("utf-8")) / 1e6
    seconds, sentences = median_time(lambda: split_sentences(text), 1 if ctx.quick else ctx.repeats)
    speed = megabytes / seconds
    return [
        Table(
            title="Sentence splitter accuracy (tests/fixtures/sentences_labelled.json)",
            columns=("paragraphs", "gold sentences", "exact sentences", "boundary precision", "boundary recall"),
            rows=((n, gold, f"{exact:.3f}", f"{precision:.3f}", f"{recall:.3f}"),),
            notes="Real paragraphs from MultiLing 2011 (WikiNews) and the seeds with abbreviations, initials, "
            "quotations, ellipses and headings; labels reviewed by hand.",
            targets=(Target("exact sentence share", exact, 0.95, at_least=True),),
        ),
        Table(
            title="Sentence splitter throughput (one core)",
            columns=("text MB", "sentences", "seconds", "MB/s"),
            rows=((f"{megabytes:.1f}", len(sentences), f"{seconds:.3f}", f"{speed:.1f}"),),
            targets=(Target("throughput", speed, 5.0, unit="MB/s", at_least=True),),
        ),
    ]


if __name__ == "__main__":
    import sys

    from tests.benchmarks.common import run_alone

    run_alone(run, sys.argv)
