"""Key terms: a topic's 1-3 word phrases scored against the other topics, and the best few chosen.

Key terms are scored with a class-based TF-IDF over 1-3 word phrases, in
the spirit of BERTopic's c-TF-IDF but counted in stories rather than words,
so that one long article or a pile of rewrites cannot dominate: the share
``p`` of the topic's stories that use a phrase, times how much more often
they use it than the other stories do (``p - q``), times its sublinear
frequency. A phrase as common outside the topic as inside is never a key
term, which also keeps out boilerplate that every article carries. A
phrase that almost always occurs inside a longer one gives way to it
("Kuala" to "Kuala Lumpur"), and two terms that share a word or a stem
prefix ("Iran", "Iranian") are never both shown. Each term is written in
its most frequent spelling in the body text, so proper nouns keep their
case ("ASEAN", "Kuala Lumpur") and common words stay lower case. Where a
phrase could give way to two longer ones, it gives way to the one that
occurs first in the topic's text (stories by id), which is what a
per-topic loop over phrases would do.

The counts come from :class:`nlp.topics.phrases.Phrases`; the scores of
every topic are made at once from its per-story entries (numpy).
"""

from __future__ import annotations

import numpy as np

from nlp.arrays import reduce_runs, run_starts
from nlp.topics.phrases import MAX_WORDS, Phrases, no_topic_stems

MAX_TERMS = 3
"""Terms in a label (the label has 2-4 terms; fewer only when the text has fewer)."""
SUBSUMED = 0.8
"""A phrase gives way to a longer one that holds it in at least this share of its uses."""

Key = tuple[str, ...]


def key_terms(phrases: Phrases, topics: list[list[int]]) -> list[tuple[str, ...]]:
    """The key terms of each topic (lists of article indices into the corpus ``phrases`` counted), best first."""
    n_topics = len(topics)
    if not n_topics:
        return []
    topic, phrase, uses, present, first, stories = _topic_phrases(phrases, topics)
    outside = phrases.n_stories - stories
    share = present / stories
    with np.errstate(divide="ignore", invalid="ignore"):
        elsewhere = np.where(outside > 0, (phrases.document_frequency[phrase] - present) / outside, 0.0)
    keep = (present >= np.where(stories > 1, 2, 1)) & (share > elsewhere) & ~_no_topic(phrases, phrase)
    topic, phrase, uses, first = topic[keep], phrase[keep], uses[keep], first[keep]
    share, elsewhere, present = share[keep], elsewhere[keep], present[keep]
    score = share * (share - elsewhere) * (1.0 + np.log(uses / present))
    score, alive = _absorb(phrases, topic, phrase, uses, first, score)
    words = phrases.words(phrase[alive])
    rank = _stem_rank(phrases)[words]
    rank[words < 0] = -1
    order = np.lexsort((*(rank[:, c] for c in range(MAX_WORDS - 1, -1, -1)), -score[alive], topic[alive]))
    return _choose(phrases, topic[alive][order], words[order], n_topics)


def _topic_phrases(phrases: Phrases, topics: list[list[int]]) -> tuple[np.ndarray, ...]:
    """One entry per topic and phrase that the topic's stories use, sorted by (topic, phrase).

    Returns topic, phrase, uses (summed over the stories), stories using it,
    first position, and the topic's number of stories; floats where they are divided.
    """
    n_topics = len(topics)
    topic_of = np.repeat(np.arange(n_topics, dtype=np.int64), [len(m) for m in topics])
    pairs = np.unique(topic_of * phrases.n_stories + phrases.story_of_article[np.concatenate(topics)])
    pair_topic, pair_story = pairs // phrases.n_stories, pairs % phrases.n_stories
    topic_stories = np.bincount(pair_topic, minlength=n_topics)
    # one copy of a story's entries per topic holding the story, then grouped by (topic, phrase)
    by_story = np.argsort(pair_story, kind="stable")
    per_story = np.bincount(pair_story, minlength=phrases.n_stories)
    first_pair = np.r_[0, np.cumsum(per_story)[:-1]]
    copies = per_story[phrases.story]
    entry = np.repeat(np.arange(len(phrases.story)), copies)
    nth = np.arange(len(entry)) - np.repeat(np.cumsum(copies) - copies, copies)
    topic = pair_topic[by_story[first_pair[phrases.story[entry]] + nth]]
    sort = np.argsort(topic.astype(np.uint16) if n_topics < 2**16 else topic, kind="stable")
    entry, topic = entry[sort], topic[sort]
    phrase = phrases.phrase[entry]
    group = run_starts(topic, phrase)
    topic, phrase = topic[group], phrase[group]
    uses = reduce_runs(np.add, phrases.count[entry], group).astype(np.float64)
    present = np.diff(np.r_[group, len(entry)]).astype(np.float64)
    first = reduce_runs(np.minimum, phrases.first[entry], group)
    stories = topic_stories[topic].astype(np.float64)
    return topic, phrase, uses, present, first, stories


def _no_topic(phrases: Phrases, ids: np.ndarray) -> np.ndarray:
    """Which phrases hold a word that sets no topic apart (:func:`~nlp.topics.phrases.no_topic_stems`)."""
    no_topic = no_topic_stems(phrases.language)
    banned = np.array([stem in no_topic for stem in phrases.stems] + [False], dtype=bool)
    return banned[phrases.words(ids)].any(axis=1)


def _absorb(
    phrases: Phrases, topic: np.ndarray, phrase: np.ndarray, uses: np.ndarray, first: np.ndarray, score: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A phrase gives way to the first longer one (in text order) that holds it in SUBSUMED of its uses.

    Return the scores after giving way and the mask of the phrases left.
    """
    words = phrases.words(phrase)
    length = (words >= 0).sum(axis=1)
    holder: list[np.ndarray] = []
    part: list[np.ndarray] = []
    for size in range(2, MAX_WORDS + 1):
        longer = np.flatnonzero(length == size)
        for part_size in range(1, size):
            for start in range(size - part_size + 1):
                part_id = phrases.phrase_id(words[longer, start : start + part_size])
                holder.append(longer)
                part.append(part_id)
    score = score.copy()
    alive = np.ones(len(phrase), dtype=bool)
    if not holder:
        return score, alive
    holders, parts = np.concatenate(holder), np.concatenate(part)
    keys = topic * phrases.n_phrases + phrase  # ascending: entries are sorted by (topic, phrase)
    wanted = topic[holders] * phrases.n_phrases + parts
    where = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    found = (keys[where] == wanted) & (uses[holders] >= SUBSUMED * uses[where])
    holders, parts = holders[found], where[found]
    pick = np.lexsort((first[holders], parts))
    holders, parts = holders[pick], parts[pick]
    head = run_starts(parts)
    holders, parts = holders[head], parts[head]
    alive[parts] = False
    for size in range(1, MAX_WORDS):  # shorter parts first: a part passes on what it took
        mask = length[parts] == size
        np.maximum.at(score, holders[mask], score[parts[mask]])
    return score, alive


def _stem_rank(phrases: Phrases) -> np.ndarray:
    """Each stem's place in alphabetical order: ties of score go to the phrase whose stems sort first."""
    rank = np.empty(max(1, len(phrases.stems)), dtype=np.int64)
    rank[sorted(range(len(phrases.stems)), key=phrases.stems.__getitem__)] = np.arange(len(phrases.stems))
    return rank


def _choose(phrases: Phrases, topic: np.ndarray, words: np.ndarray, n_topics: int) -> list[tuple[str, ...]]:
    """Walk each topic's phrases by score; take MAX_TERMS that do not repeat a word or stem."""
    bounds = np.searchsorted(topic, np.arange(n_topics + 1))
    chosen_words: list[list[tuple[int, ...]]] = []
    for t in range(n_topics):
        chosen: list[Key] = []
        ids: list[tuple[int, ...]] = []
        for row in words[bounds[t] : bounds[t + 1]]:
            stem_ids = tuple(int(w) for w in row if w >= 0)
            key = tuple(phrases.stems[w] for w in stem_ids)
            if any(_repeats(key, other) for other in chosen):
                continue
            chosen.append(key)
            ids.append(stem_ids)
            if len(chosen) == MAX_TERMS:
                break
        chosen_words.append(ids)
    spelling = _spellings(phrases, {w for ids in chosen_words for w in ids})
    return [tuple(spelling[w] for w in ids) for ids in chosen_words]


def _spellings(phrases: Phrases, wanted: set[tuple[int, ...]]) -> dict[tuple[int, ...], str]:
    """The most frequent spelling of each wanted phrase: in body text, else in titles."""
    best: dict[tuple[int, ...], tuple[int, int, str]] = {}
    for size in range(1, MAX_WORDS + 1):
        rows = [w for w in wanted if len(w) == size]
        if not rows:
            continue
        ids = phrases.phrase_id(np.array(rows, dtype=np.int64).reshape(len(rows), size))
        ends, pid, _ = phrases.occurrences[size - 1]
        ends = ends[np.isin(pid, ids)]
        spelled = np.stack([phrases.spelling[ends - back] for back in range(size - 1, -1, -1)], axis=1)
        spelled = np.column_stack([spelled, phrases.is_title[ends]])
        distinct, counts = np.unique(spelled, axis=0, return_counts=True)
        for row, count in zip(distinct.tolist(), counts.tolist()):
            forms, in_title = row[:-1], row[-1]
            key = tuple(int(phrases.stem_of_form[f]) for f in forms)
            candidate = (0 if in_title else 1, count, " ".join(phrases.forms[f] for f in forms))
            if key not in best or candidate > best[key]:
                best[key] = candidate
    return {key: form for key, (_, _, form) in best.items()}


def _repeats(a: Key, b: Key) -> bool:
    """True when two phrases share a word or a word stem ("Iran" and "Iranian")."""
    return any(x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x))) for x in a for y in b)
