"""A scale corpus of any size, generated reproducibly from the MultiLing 2011 articles.

How: the 100 MultiLing articles give ten pools of real news sentences, one per
story (tsunami aid, a pope's funeral, the London bombings ...). A synthetic
*story* takes 80 sentences of one pool as its facts and gives every proper
name and number in them a value of its own (names made from syllables by a
seeded random generator), so that two stories of one pool share the general
vocabulary of their theme but not their people, places and figures, as two
news stories on one theme do; each of its articles is a headline and 6 to 16
of the story's facts, about one in four attributed to one of its names. Story sizes follow a
long tail (most stories have 1 to 5 articles, a few up to 40) and about one
article in twenty is a wire rewrite of another article of its story (same
sentences, some words dropped, a different site's header).

Why it times like real news: the articles are real English news prose of the
real length (about 12 sentences, 300 words), with a realistic vocabulary that
grows with the corpus (the invented names add thousands of rare terms, as
real names do); there are many small stories and a few big ones, sharing
general vocabulary across stories of one pool while their names set them
apart; and rewrites exist for deduplication to find. So tokenising, TF-IDF,
clustering and summarising do the same kind of work per article as on a real
feed. It is not a quality benchmark: its gold labels are only as meaningful
as the invented names.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from nlp.text.sentences import split_sentences

_SYLLABLES = ("ka", "lo", "mer", "dun", "vi", "tas", "rel", "bor", "shi", "an", "qua", "zen",
              "mo", "ri", "fal", "gor", "ne", "thu", "pel", "sar", "iv", "ost", "wen", "cal")
_SITES = ("The Daily Ledger", "Morning Wire", "Global Report", "City Herald", "Newsline")


@dataclass(frozen=True)
class ScaleCorpus:
    """Files written, and the story each file belongs to (by file name)."""

    folder: Path
    stories: dict[str, int]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def story_pools(multiling: Path) -> list[list[str]]:
    """Body sentences of each MultiLing story (file ``M00AB.english``: A is the story)."""
    pools: list[list[str]] = [[] for _ in range(10)]
    for path in sorted((multiling / "SourceTexts").glob("*.english")):
        paragraphs = path.read_text(encoding="utf-8").split("\n\n")[2:]
        for paragraph in paragraphs:
            for sentence in split_sentences(paragraph.strip()):
                if len(sentence.split()) >= 6 and sentence[0].isupper() and sentence[-1] in ".!?\"'":
                    pools[int(path.stem[3])].append(sentence)
    return [pool for pool in pools if pool]  # the smoke stand-ins hold fewer than ten stories


def _story_size(rng: random.Random) -> int:
    return min(40, int(rng.paretovariate(1.2)) + rng.randint(0, 2))


_PROPER = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}\b")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")


def _story_facts(pool: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """A story's own sentences: a sample of its pool with every name and number its own."""
    facts = rng.sample(pool, min(len(pool), 80))
    names: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        return names.setdefault(match.group(0), _name(rng))

    facts = [_NUMBER.sub(lambda m: str(rng.randint(2, 999)), _PROPER.sub(rename, s)) for s in facts]
    people = list(names.values())[:6] or [_name(rng)]
    return facts, people


def write_scale_corpus(folder: Path, n: int, multiling: Path, *, seed: int = 0) -> ScaleCorpus:
    """Write ``n`` article files into ``folder`` (created) and return their stories."""
    rng = random.Random(seed)
    pools = story_pools(multiling)
    folder.mkdir(parents=True, exist_ok=True)
    stories: dict[str, int] = {}
    story = 0
    written = 0
    while written < n:
        facts, names = _story_facts(pools[story % len(pools)], rng)
        bodies: list[list[str]] = []
        for _ in range(min(_story_size(rng), n - written)):
            if bodies and rng.random() < 0.05:
                body = [" ".join(w for i, w in enumerate(s.split()) if i % 7 != 6) for s in rng.choice(bodies)]
            else:
                body = rng.sample(facts, min(len(facts), rng.randint(6, 16)))
                body = [s if rng.random() > 0.25 else f"{s[:-1]}, according to {rng.choice(names)}."
                        for s in body]
            bodies.append(body)
            headline = f"{names[0]}: {' '.join(body[0].split()[:8]).rstrip(',.')}"
            paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
            text = f"{rng.choice(_SITES)}\n\n{headline}\n\n" + "\n\n".join(paragraphs) + "\n"
            name = f"s{story:06d}_{written:06d}.txt"
            (folder / name).write_text(text, encoding="utf-8")
            stories[name] = story
            written += 1
        story += 1
    return ScaleCorpus(folder, stories)
