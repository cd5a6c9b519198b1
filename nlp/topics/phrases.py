"""Phrases: every 1-3 word phrase of a corpus, counted per story in one vectorised pass.

Phrases never cross punctuation and never contain stop words, digits or
one-letter words. The counts are what key terms (:mod:`nlp.topics.keyterms`)
and the labels' representative articles (:meth:`Phrases.unigram_vectors`)
are made from; they need the stories only, not the topics.

*Scale.* All phrases of all articles are counted at once: the words become
one array of ids, each phrase one int64 code, and the counts per story come
from sorting those codes (numpy), never from a Python loop over articles x
phrases (``tests/benchmarks/bench_pipeline.py`` measures it at 10,000
articles).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from nlp.arrays import by_first_occurrence, reduce_runs, run_starts
from nlp.text.language import CALENDAR, WEEKDAYS
from nlp.text.vocabulary import Vocabulary
from nlp.types import Article

MAX_WORDS = 3
"""Longest phrase, in words."""



@lru_cache(maxsize=16)
def no_topic_stems(language: str) -> frozenset[str]:
    """Stems of words that set no topic apart (:data:`WEEKDAYS`, :data:`CALENDAR`), in ``language``: kept out of labels and vectors."""
    words = Vocabulary().sentences(language)  # a few words of one language, not a corpus's
    return frozenset(stem for word in f"{WEEKDAYS} {CALENDAR}".split() for stem in words[word].plain)


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

    Attributes
    ----------
    forms, stems : list of str
        Spellings and stems by id; ``stem_of_form`` maps one to the other (-1 at index -1).
    spelling, is_title : ndarray
        The stream of spelling ids, and whether each position is in a title.
    language : str
        The language the words were read in.
    n_articles, n_stories, n_phrases : int
        Sizes; ``story_of_article`` numbers each article's story (stories by id).
    occurrences : list of (ends, phrase, article) arrays
        Per phrase size, every occurrence: its last word's position in the stream, phrase id, article.
    story, phrase, count, first : ndarray
        One entry per story and phrase it uses, sorted by (phrase, story): the
        largest count in one article of the story, and the first position
        (times ``MAX_WORDS``, plus size - 1) that orders phrases as the text first shows them.
    document_frequency : ndarray
        Stories using each phrase.
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
        self.language = tokens.language
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
            pair = run_starts(pid_s, rank_s)
            pair_count = np.diff(np.r_[pair, len(sort)])
            pair_first = reduce_runs(np.minimum, ends[sort], pair)
            pair_pid = pid_s[pair]
            pair_story = self.story_of_rank[rank_s[pair]]
            story = run_starts(pair_pid, pair_story)
            columns.append((
                pair_story[story],
                pair_pid[story],
                reduce_runs(np.maximum, pair_count, story),
                reduce_runs(np.minimum, pair_first, story) * MAX_WORDS + size - 1,
            ))
            offset += len(uniq)
        self.n_phrases = offset
        # story-level entries, sorted by (phrase, story); ``first`` orders phrases as the text first shows them
        self.story, self.phrase, self.count, self.first = (np.concatenate(c) for c in zip(*columns))
        self.document_frequency = np.bincount(self.phrase, minlength=self.n_phrases)

    def words(self, pids: np.ndarray) -> np.ndarray:
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

    def phrase_id(self, words: np.ndarray) -> np.ndarray:
        """Phrase ids of stem-id rows (all of one length); each phrase must occur."""
        size = words.shape[1]
        code = np.zeros(len(words), dtype=np.int64)
        for column in range(size):
            code = code * max(1, len(self.stems)) + words[:, column]
        return np.searchsorted(self.codes[size - 1], code) + self.offsets[size - 1]

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


