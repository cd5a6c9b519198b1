"""Phrases and key terms: every 1-3 word phrase of a corpus, counted per story, scored per topic.

Key terms are scored with a class-based TF-IDF over 1-3 word phrases, in
the spirit of BERTopic's c-TF-IDF but counted in stories rather than words,
so that one long article or a pile of rewrites cannot dominate: the share
``p`` of the topic's stories that use a phrase, times how much more often
they use it than the other stories do (``p - q``), times its sublinear
frequency. A phrase as common outside the topic as inside is never a key
term, which also keeps out boilerplate that every article carries. Phrases never cross punctuation
and never contain stop words, digits or one-letter words. A phrase that
almost always occurs inside a longer one gives way to it ("Kuala" to "Kuala
Lumpur"), and two terms that share a word or a stem prefix ("Iran",
"Iranian") are never both shown. Each term
is written in its most frequent spelling in the body text, so proper nouns
keep their case ("ASEAN", "Kuala Lumpur") and common words stay lower case.

*Scale.* All phrases of all articles are counted at once: the words become
one array of ids, each phrase one int64 code, and the counts per story and
per topic come from sorting those codes (numpy), never from a Python loop
over articles x phrases; 10,000 articles take under two seconds and ~250 MB
(``tests/benchmarks/bench_pipeline.py``). Where a phrase could give way to
two longer ones, it gives way to the one that occurs first in the topic's
text (stories by id), which is what a per-topic loop over phrases would do.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from nlp.arrays import by_first_occurrence
from nlp.text.vocabulary import Vocabulary
from nlp.types import Article

MAX_TERMS = 3
"""Terms in a label (the label has 2-4 terms; fewer only when the text has fewer)."""
MAX_WORDS = 3
"""Longest phrase, in words."""
SUBSUMED = 0.8
"""A phrase gives way to a longer one that holds it in at least this share of its uses."""

Key = tuple[str, ...]

WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag "
    "lunes martes miércoles jueves viernes sábado domingo "
    "lunedì martedì mercoledì giovedì venerdì sabato domenica "
    "segunda terça quarta quinta sexta maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"
)
"""Weekday names: news gives one to nearly every event, so they never set a topic apart."""


@lru_cache(maxsize=16)
def no_topic_stems(language: str) -> frozenset[str]:
    """Stems of words that set no topic apart (:data:`WEEKDAYS`), in ``language``: kept out of labels and vectors."""
    words = Vocabulary().sentences(language)  # a few words of one language, not a corpus's
    return frozenset(stem for word in WEEKDAYS.split() for stem in words[word].plain)


class Tokens(NamedTuple):
    """The words of articles as spelling numbers (:func:`tokens_of`): plain arrays and strings."""

    spelling: np.ndarray
    """int32: each article's title, -1, its body, -1, articles in input order; -1 at every phrase break."""
    lengths: np.ndarray
    """int64, two per article: the title's ids and the body's, each with its closing -1."""
    forms: list[str]
    """Spellings (possessive dropped) by id: the vocabulary's (:class:`nlp.text.vocabulary.Spellings`), which may hold more."""
    stem_of_form: list[int]
    """The stem id of each spelling."""
    stems: list[str]
    language: str = "english"
    """The language the words were read in."""


_GAP = array("i", [-1]).tobytes()
_GAP_BYTES = len(_GAP)


def tokens_of(articles: Sequence[Article], language: str, vocabulary: Vocabulary | None = None) -> Tokens:
    """Every word of every title and body sentence as a spelling id; stop words, digits and breaks -1.

    The spellings come with each sentence's terms in ``vocabulary`` (the
    analysis's: when ``language`` is the articles' own, the words were read
    once for every stage; a vocabulary of these articles is made when not given).
    """
    vocabulary = Vocabulary() if vocabulary is None else vocabulary
    table = vocabulary.sentences(language)
    parts: list[bytes] = []
    for article in articles:
        parts.append(table[article.title].spellings + _GAP)
        parts.append(_GAP.join([table[s.text].spellings for s in article.sentences if s.kind == "body"]) + _GAP)
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)) // _GAP_BYTES
    spelled = vocabulary.spellings(language)
    return Tokens(
        spelling=np.frombuffer(b"".join(parts), dtype=np.intc).astype(np.int32),
        lengths=lengths,
        forms=spelled.forms,
        stem_of_form=spelled.stem_of_form,
        stems=spelled.stems,
        language=language,
    )


class Phrases:
    """Every 1-3 word phrase of a corpus, counted per story in one vectorised pass.

    Articles are read in story order (stories by id, articles in input order)
    into one stream of spelling ids with -1 at every phrase break, so that the
    first occurrence of a phrase in a topic's stories is its smallest position
    in the stream. A phrase is identified by its stems: a unigram's id is its
    stem id, longer phrases follow. Spellings and stems are numbered as they
    first occur in that stream.
    """

    def __init__(self, tokens: Tokens, stories: Sequence[str]) -> None:
        n_articles = len(stories)
        if len(tokens.lengths) != 2 * n_articles:
            raise ValueError(f"tokens of {len(tokens.lengths) // 2} articles for {n_articles} stories")
        order = sorted(range(n_articles), key=lambda i: (stories[i], i))
        ranked = np.array(order, dtype=np.int64)
        parts = tokens.lengths.reshape(n_articles, 2)
        size = parts.sum(axis=1)
        # the stream in story order: each article's ids moved from where tokens_of put them
        moved = size[ranked]
        shift = np.r_[0, np.cumsum(size)[:-1]][ranked] - np.r_[0, np.cumsum(moved)[:-1]]
        spelling = tokens.spelling[np.repeat(shift, moved) + np.arange(int(moved.sum()))]
        forms, stem_of_form, stems = _renumber(spelling, tokens)
        if len(stems) ** MAX_WORDS >= 2**63:
            raise ValueError(f"{len(stems)} distinct words are too many to label topics")
        lengths = parts[ranked].ravel()
        self.n_articles = n_articles
        self.no_topic = no_topic_stems(tokens.language)
        self.forms = forms
        self.stems = stems
        self.stem_of_form = np.r_[stem_of_form, -1].astype(np.int32)  # index -1 -> -1
        self.spelling = spelling
        self.is_title = np.repeat(np.tile([True, False], n_articles), lengths)
        article_rank = np.repeat(np.arange(n_articles, dtype=np.int32), moved)
        self.order = ranked
        story_names, story_rank = np.unique(np.array(stories, dtype=object)[ranked], return_inverse=True)
        self.n_stories = len(story_names)
        self.story_of_rank = story_rank.astype(np.int64).ravel()  # story index of each ranked article
        self.story_of_article = np.empty(n_articles, dtype=np.int64)
        self.story_of_article[ranked] = self.story_of_rank
        self._count(self.stem_of_form[self.spelling], article_rank)
        self._unigrams: object | None = None

    def _count(self, stem: np.ndarray, article_rank: np.ndarray) -> None:
        """Per size: phrase ids of every occurrence; per story and phrase: largest count, first position."""
        n_stems = max(1, len(self.stems))
        self.occurrences: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (last word's position, phrase, article)
        self.codes: list[np.ndarray] = []  # sorted stem codes of the phrases of each size
        self.offsets: list[int] = []
        columns: list[tuple[np.ndarray, ...]] = []
        offset = 0
        runs = stem >= 0
        for size in range(1, MAX_WORDS + 1):
            if size > 1:
                runs = runs & np.r_[False, runs[:-1]]  # the last ``size`` words are all content words
            ends = np.flatnonzero(runs)
            code = _code(stem, ends, size, n_stems)
            if size == 1:
                uniq, local = np.arange(len(self.stems), dtype=np.int64), code
            else:
                uniq, local = np.unique(code, return_inverse=True)
            pid = local.astype(np.int64).ravel() + offset
            rank = article_rank[ends]
            self.codes.append(uniq)
            self.offsets.append(offset)
            self.occurrences.append((ends.astype(np.int32), pid.astype(np.int32), self.order[rank].astype(np.int32)))
            sort = np.argsort(pid * max(1, self.n_articles) + rank)
            pid_s, rank_s = pid[sort], rank[sort]
            pair = _run_starts(pid_s, rank_s)
            pair_count = np.diff(np.r_[pair, len(sort)])
            pair_first = _reduce(np.minimum, ends[sort], pair)
            pair_pid = pid_s[pair]
            pair_story = self.story_of_rank[rank_s[pair]]
            story = _run_starts(pair_pid, pair_story)
            columns.append((
                pair_story[story],
                pair_pid[story],
                _reduce(np.maximum, pair_count, story),
                _reduce(np.minimum, pair_first, story) * MAX_WORDS + size - 1,
            ))
            offset += len(uniq)
        self.n_phrases = offset
        # story-level entries, sorted by (phrase, story); ``first`` orders phrases as the text first shows them
        self.story, self.phrase, self.count, self.first = (np.concatenate(c) for c in zip(*columns))
        self.document_frequency = np.bincount(self.phrase, minlength=self.n_phrases)

    def _words(self, pids: np.ndarray) -> np.ndarray:
        """Stem ids of phrases, shape (n, MAX_WORDS), -1 after the last word."""
        out = np.full((len(pids), MAX_WORDS), -1, dtype=np.int64)
        n_stems = max(1, len(self.stems))
        for size, (offset, codes) in enumerate(zip(self.offsets, self.codes), start=1):
            mask = (pids >= offset) & (pids < offset + len(codes))
            rest = codes[pids[mask] - offset]
            for position in range(size - 1, -1, -1):
                out[mask, position] = rest % n_stems
                rest = rest // n_stems
        return out

    def _phrase_id(self, words: np.ndarray) -> np.ndarray:
        """Phrase ids of stem-id rows (all of one length); each phrase must occur."""
        size = words.shape[1]
        code = np.zeros(len(words), dtype=np.int64)
        for column in range(size):
            code = code * max(1, len(self.stems)) + words[:, column]
        return np.searchsorted(self.codes[size - 1], code) + self.offsets[size - 1]

    def key_terms(self, topics: list[list[int]]) -> list[tuple[str, ...]]:
        """The key terms of each topic (lists of article indices), as in the module docstring."""
        n_topics = len(topics)
        if not n_topics:
            return []
        topic_of = np.repeat(np.arange(n_topics, dtype=np.int64), [len(m) for m in topics])
        pairs = np.unique(topic_of * self.n_stories + self.story_of_article[np.concatenate(topics)])
        pair_topic, pair_story = pairs // self.n_stories, pairs % self.n_stories
        topic_stories = np.bincount(pair_topic, minlength=n_topics)
        # one copy of a story's entries per topic holding the story, then grouped by (topic, phrase)
        by_story = np.argsort(pair_story, kind="stable")
        per_story = np.bincount(pair_story, minlength=self.n_stories)
        first_pair = np.r_[0, np.cumsum(per_story)[:-1]]
        copies = per_story[self.story]
        entry = np.repeat(np.arange(len(self.story)), copies)
        nth = np.arange(len(entry)) - np.repeat(np.cumsum(copies) - copies, copies)
        topic = pair_topic[by_story[first_pair[self.story[entry]] + nth]]
        sort = np.argsort(topic.astype(np.uint16) if n_topics < 2**16 else topic, kind="stable")
        entry, topic = entry[sort], topic[sort]
        phrase = self.phrase[entry]
        group = _run_starts(topic, phrase)
        topic, phrase = topic[group], phrase[group]
        uses = _reduce(np.add, self.count[entry], group).astype(np.float64)
        present = np.diff(np.r_[group, len(entry)]).astype(np.float64)
        first = _reduce(np.minimum, self.first[entry], group)
        stories = topic_stories[topic].astype(np.float64)
        outside = self.n_stories - stories
        share = present / stories
        with np.errstate(divide="ignore", invalid="ignore"):
            elsewhere = np.where(outside > 0, (self.document_frequency[phrase] - present) / outside, 0.0)
        keep = (present >= np.where(stories > 1, 2, 1)) & (share > elsewhere) & ~self._no_topic(phrase)
        topic, phrase, uses, first = topic[keep], phrase[keep], uses[keep], first[keep]
        share, elsewhere, present = share[keep], elsewhere[keep], present[keep]
        score = share * (share - elsewhere) * (1.0 + np.log(uses / present))
        score, alive = self._absorb(topic, phrase, uses, first, score)
        words = self._words(phrase[alive])
        rank = self._stem_rank()[words]
        rank[words < 0] = -1
        order = np.lexsort((*(rank[:, c] for c in range(MAX_WORDS - 1, -1, -1)), -score[alive], topic[alive]))
        return self._choose(topic[alive][order], words[order], n_topics)

    def _no_topic(self, phrases: np.ndarray) -> np.ndarray:
        """Which phrases hold a word that sets no topic apart (:func:`no_topic_stems`)."""
        banned = np.array([stem in self.no_topic for stem in self.stems] + [False], dtype=bool)
        return banned[self._words(phrases)].any(axis=1)

    def _absorb(
        self, topic: np.ndarray, phrase: np.ndarray, uses: np.ndarray, first: np.ndarray, score: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """A phrase gives way to the first longer one (in text order) that holds it in SUBSUMED of its uses.

        Return the scores after giving way and the mask of the phrases left.
        """
        words = self._words(phrase)
        length = (words >= 0).sum(axis=1)
        holder: list[np.ndarray] = []
        part: list[np.ndarray] = []
        for size in range(2, MAX_WORDS + 1):
            longer = np.flatnonzero(length == size)
            for part_size in range(1, size):
                for start in range(size - part_size + 1):
                    part_id = self._phrase_id(words[longer, start : start + part_size])
                    holder.append(longer)
                    part.append(part_id)
        score = score.copy()
        alive = np.ones(len(phrase), dtype=bool)
        if not holder:
            return score, alive
        holders, parts = np.concatenate(holder), np.concatenate(part)
        keys = topic * self.n_phrases + phrase  # ascending: entries are sorted by (topic, phrase)
        wanted = topic[holders] * self.n_phrases + parts
        where = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        found = (keys[where] == wanted) & (uses[holders] >= SUBSUMED * uses[where])
        holders, parts = holders[found], where[found]
        pick = np.lexsort((first[holders], parts))
        holders, parts = holders[pick], parts[pick]
        head = _run_starts(parts)
        holders, parts = holders[head], parts[head]
        alive[parts] = False
        for size in range(1, MAX_WORDS):  # shorter parts first: a part passes on what it took
            mask = length[parts] == size
            np.maximum.at(score, holders[mask], score[parts[mask]])
        return score, alive

    def _stem_rank(self) -> np.ndarray:
        rank = np.empty(max(1, len(self.stems)), dtype=np.int64)
        rank[sorted(range(len(self.stems)), key=self.stems.__getitem__)] = np.arange(len(self.stems))
        return rank

    def _choose(self, topic: np.ndarray, words: np.ndarray, n_topics: int) -> list[tuple[str, ...]]:
        """Walk each topic's phrases by score; take MAX_TERMS that do not repeat a word or stem."""
        bounds = np.searchsorted(topic, np.arange(n_topics + 1))
        chosen_words: list[list[tuple[int, ...]]] = []
        for t in range(n_topics):
            chosen: list[Key] = []
            ids: list[tuple[int, ...]] = []
            for row in words[bounds[t] : bounds[t + 1]]:
                stem_ids = tuple(int(w) for w in row if w >= 0)
                key = tuple(self.stems[w] for w in stem_ids)
                if any(_repeats(key, other) for other in chosen):
                    continue
                chosen.append(key)
                ids.append(stem_ids)
                if len(chosen) == MAX_TERMS:
                    break
            chosen_words.append(ids)
        spelling = self._spellings({w for ids in chosen_words for w in ids})
        return [tuple(spelling[w] for w in ids) for ids in chosen_words]

    def _spellings(self, wanted: set[tuple[int, ...]]) -> dict[tuple[int, ...], str]:
        """The most frequent spelling of each wanted phrase: in body text, else in titles."""
        best: dict[tuple[int, ...], tuple[int, int, str]] = {}
        for size in range(1, MAX_WORDS + 1):
            rows = [w for w in wanted if len(w) == size]
            if not rows:
                continue
            ids = self._phrase_id(np.array(rows, dtype=np.int64).reshape(len(rows), size))
            ends, pid, _ = self.occurrences[size - 1]
            ends = ends[np.isin(pid, ids)]
            spelled = np.stack([self.spelling[ends - back] for back in range(size - 1, -1, -1)], axis=1)
            spelled = np.column_stack([spelled, self.is_title[ends]])
            distinct, counts = np.unique(spelled, axis=0, return_counts=True)
            for row, count in zip(distinct.tolist(), counts.tolist()):
                forms, in_title = row[:-1], row[-1]
                key = tuple(int(self.stem_of_form[f]) for f in forms)
                candidate = (0 if in_title else 1, count, " ".join(self.forms[f] for f in forms))
                if key not in best or candidate > best[key]:
                    best[key] = candidate
        return {key: form for key, (_, _, form) in best.items()}

    def unigram_vectors(self) -> object:
        """Sublinear TF-IDF rows over single stemmed words, per article (:meth:`_unigram_vectors`), made once."""
        if self._unigrams is None:
            self._unigrams = self._unigram_vectors()
        return self._unigrams

    def _unigram_vectors(self) -> object:
        """Sublinear TF-IDF rows (L2-normalised, sparse) over single stemmed words, per article."""
        from scipy.sparse import csr_matrix
        from sklearn.feature_extraction.text import TfidfTransformer

        _, stems, article = self.occurrences[0]
        counts = csr_matrix(
            (np.ones(len(stems)), (article, stems)),
            shape=(self.n_articles, max(1, len(self.stems))),
        )
        return TfidfTransformer(sublinear_tf=True).fit_transform(counts)


def _renumber(spelling: np.ndarray, tokens: Tokens) -> tuple[list[str], np.ndarray, list[str]]:
    """Renumber ``spelling`` in place, and spellings and stems, in the order they first occur in it.

    Numbered so, the ids are those a vocabulary filled while reading this
    stream would give, whatever order :func:`tokens_of` read the articles in
    and whatever words the vocabulary met before (a session's tokens come
    numbered otherwise). The work grows with this stream, not with the tables.
    """
    known = spelling >= 0
    form_order, spelling[known] = by_first_occurrence(spelling[known])  # old ids, by first occurrence
    forms = form_order.tolist()
    stem_order, stem_of_form = by_first_occurrence(
        np.fromiter(map(tokens.stem_of_form.__getitem__, forms), dtype=np.int64, count=len(forms))
    )
    return [tokens.forms[f] for f in forms], stem_of_form, [tokens.stems[s] for s in stem_order.tolist()]


def _code(stem: np.ndarray, ends: np.ndarray, size: int, n_stems: int) -> np.ndarray:
    """One int64 per phrase occurrence: its stem ids as digits in base ``n_stems``."""
    code = np.zeros(len(ends), dtype=np.int64)
    for back in range(size - 1, -1, -1):
        code = code * n_stems + stem[ends - back]
    return code


def _run_starts(*columns: np.ndarray) -> np.ndarray:
    """Indices where a run of equal rows (over ``columns``, sorted) starts."""
    if not len(columns[0]):
        return np.zeros(0, dtype=np.int64)
    change = np.zeros(len(columns[0]), dtype=bool)
    change[0] = True
    for column in columns:
        change[1:] |= column[1:] != column[:-1]
    return np.flatnonzero(change)


def _reduce(ufunc: np.ufunc, values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    return ufunc.reduceat(values, starts) if len(starts) else values[:0]


def _repeats(a: Key, b: Key) -> bool:
    """True when two phrases share a word or a word stem ("Iran" and "Iranian")."""
    return any(x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x))) for x in a for y in b)
