"""A long-lived process (the GUI) keeps no words of the corpora it analysed before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ANALYSES = 10
ARTICLES = 200
GROWTH_MB = 60
_STATM = Path("/proc/self/statm")


def made_up_corpus(number: int, articles: int = ARTICLES) -> list[object]:
    """``articles`` news-like articles in ten topics, of made-up words that no other ``number`` uses.

    Every word starts with two letters naming the corpus, so no two corpora
    share a word or a stem: each analysis meets an entirely new vocabulary.
    """
    import random

    from nlp.ingest import make_article

    rng = random.Random(number)
    tag = "".join(chr(ord("a") + d) for d in divmod(number, 26))
    letters = "bcdfghjklmnprstvz"
    vowels = "aeiou"

    def word() -> str:
        return tag + "".join(rng.choice(letters) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))

    topics = [[word() for _ in range(300)] for _ in range(10)]
    shared = [word() for _ in range(2000)]
    made = []
    for n in range(articles):
        words = topics[n % len(topics)]
        sentences = []
        for _ in range(rng.randint(24, 36)):
            picked = [rng.choice(words if rng.random() < 0.6 else shared) for _ in range(rng.randint(14, 26))]
            sentences.append(" ".join(picked).capitalize() + ".")
        title = " ".join(rng.choice(words) for _ in range(6)).capitalize()
        paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
        made.append(make_article(f"c{number:02d}-{n:04d}", paragraphs, title=title))
    return made


def resident_mb() -> float:
    """This process's resident memory now, in MB (Linux)."""
    return int(_STATM.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def analyse_in_turn(analyses: int = ANALYSES) -> list[float]:
    """Analyse ``analyses`` made-up corpora one after another; resident memory after each, in MB."""
    import gc

    from nlp.run.pipeline import analyze

    after: list[float] = []
    for number in range(analyses):
        analysis = analyze(made_up_corpus(number))
        assert len(analysis.articles) == ARTICLES and analysis.clusters
        del analysis
        gc.collect()
        after.append(resident_mb())
    return after


@pytest.mark.skipif(not _STATM.exists(), reason="reads resident memory from /proc (Linux)")
def test_ten_analyses_of_new_corpora_hold_memory_near_the_first() -> None:
    """Each analysis's words go with it: after the tenth, memory is within 60 MB of after the first."""
    script = "import json; from tests.nlp.test_memory import analyse_in_turn; print(json.dumps(analyse_in_turn()))"
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=280)
    assert done.returncode == 0, done.stderr
    after = json.loads(done.stdout.splitlines()[-1])
    assert len(after) == ANALYSES
    assert after[-1] - after[0] < GROWTH_MB, f"resident memory after each analysis (MB): {after}"
