"""Per-language resources shared by every stage: stop words, stemmer, word tokens."""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

from nlp.errors import OptionsError
from nlp.sentences import words

if TYPE_CHECKING:
    import numpy as np


@lru_cache(maxsize=16)
def stop_words(language: str = "english") -> frozenset[str]:
    """Return the lower-case stop words of ``language`` (sumy's lists, shipped offline)."""
    try:
        data = resources.files("sumy") / "data" / "stopwords" / f"{language}.txt"
        text = data.read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise OptionsError(
            f"no stop words for language {language!r}; use one of: {', '.join(languages())}"
        ) from exc
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip())


def languages() -> list[str]:
    """Return the languages that have stop words."""
    folder = resources.files("sumy") / "data" / "stopwords"
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201b": "'"})


@lru_cache(maxsize=16)
def stemmer(language: str = "english") -> Callable[[str], str]:
    """Return a Snowball stemmer for ``language`` (lower-casing only where Snowball has none).

    PyStemmer is the Snowball project's own C build: it stems about 6 times
    faster than NLTK's pure-Python port, and importing it takes milliseconds
    where importing NLTK took 0.9 s, a tenth of a 10,000-article run.
    """
    import Stemmer  # PyStemmer; no data files needed

    if language not in Stemmer.algorithms():
        return str.lower
    raw = Stemmer.Stemmer(language).stemWord
    lock = threading.Lock()  # a PyStemmer object is not thread-safe; the lock is only taken on a cache miss

    def stem(word: str) -> str:
        # Snowball's rules know only the straight apostrophe; scraped news mostly has the curly
        # one ("government’s"), which NLTK's port straightened and PyStemmer does not.
        word = word.translate(_APOSTROPHES)
        with lock:
            return raw(word)  # type: ignore[no-any-return]

    return lru_cache(maxsize=200_000)(stem)


class Terms(NamedTuple):
    """One sentence's words as every stage needs them, lower-cased and stemmed."""

    stems: tuple[str, ...]
    """Every word's stem, stop words included (what sumy's ``stem_word`` gives)."""
    content: tuple[str, ...]
    """Stems of the words that are not stop words, in order, repeats kept."""
    plain: tuple[str, ...]
    """``content`` without numbers: what near-duplicates, clustering and labels compare."""
    plain_ids: bytes
    """``plain`` as :func:`stem_ids` numbers, native C ints (``numpy.frombuffer(..., numpy.intc)``)."""
    content_ids: bytes
    """``content`` as :func:`stem_ids` numbers, likewise."""


class StemIds:
    """A language's content stems numbered as they are first met, for the whole process.

    Near-duplicates and clustering count the stems of every sentence of a
    corpus: with numbers cached with each sentence's terms, numpy does what
    was a dict lookup per word per stage. Numbers are never reused and the
    table is never dropped (cached terms hold its numbers), so it grows with
    the distinct content stems ever seen: about 10 MB per 100,000.
    """

    def __init__(self) -> None:
        self.number: dict[str, int] = {}
        self.stems: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, stem: str) -> int:
        with self._lock:
            number = self.number.get(stem)
            if number is None:
                number = self.number[stem] = len(self.stems)
                self.stems.append(stem)
            return number


_TABLES_LOCK = threading.Lock()
_STEM_IDS: dict[str, StemIds] = {}
_WORD_TABLES: dict[str, dict[str, tuple[str, int, int]]] = {}


def stem_ids(language: str = "english") -> StemIds:
    """The process's :class:`StemIds` of ``language``: one for good, whatever else is cached or dropped."""
    table = _STEM_IDS.get(language)
    if table is None:
        with _TABLES_LOCK:
            table = _STEM_IDS.setdefault(language, StemIds())
    return table


_ID_BYTES = array("i").itemsize
_STOP, _NUMBER, _PLAIN = 0, 1, 2
_WORDS_HELD = 1 << 20
"""Distinct words a language's word table holds before it starts again (about 180 MB)."""


def _word_table(language: str) -> dict[str, tuple[str, int, int]]:
    """Word as written -> its stem, kind (stop word, number, plain word) and stem number, filled as words come.

    Made once per language (``language`` checked then: an unknown one raises
    :class:`~nlp.errors.OptionsError`), never replaced, so its numbers always
    are :func:`stem_ids`' own.
    """
    table = _WORD_TABLES.get(language)
    if table is None:
        stop_words(language)
        with _TABLES_LOCK:
            table = _WORD_TABLES.setdefault(language, {})
    return table


def _look_up(word: str, language: str, table: dict[str, tuple[str, int, int]]) -> tuple[str, int, int]:
    lower = word.lower()
    kind = _STOP if lower in stop_words(language) else _NUMBER if lower.isdigit() else _PLAIN
    stemmed = stemmer(language)(lower)
    if len(table) >= _WORDS_HELD:
        table.clear()
    entry = table[word] = (stemmed, kind, stem_ids(language)(stemmed) if kind != _STOP else -1)
    return entry


@lru_cache(maxsize=1 << 18)
def terms(text: str, language: str = "english") -> Terms:
    """Tokenise, lower-case and stem ``text`` once for every stage (cached per sentence).

    Near-duplicates, clustering, candidate filtering and every summariser ask
    for the same sentences; tokenising each once saved 2.4 s of a 10,000-article
    run (``tests/benchmarks/bench_pipeline.py``). Each distinct word is
    lower-cased, stemmed and classified once, then looked up: one dict lookup
    a word instead of four steps (the 110,824 sentences of 10,000 scale
    articles: 1.18 s -> 0.82 s).
    """
    table = _word_table(language)
    get = table.get
    stems: list[str] = []
    content: list[str] = []
    plain: list[str] = []
    ids = array("i")  # of content, then of plain when the two differ
    plain_ids: list[int] = []
    for word in words(text):
        entry = get(word)
        if entry is None:
            entry = _look_up(word, language, table)
        stemmed, kind, number = entry
        stems.append(stemmed)
        if kind:
            content.append(stemmed)
            ids.append(number)
            if kind == _PLAIN:
                plain.append(stemmed)
                plain_ids.append(number)
    content_ = tuple(content)
    content_ids = ids.tobytes()
    if len(plain) == len(content):
        return Terms(tuple(stems), content_, content_, content_ids, content_ids)
    return Terms(tuple(stems), content_, tuple(plain), array("i", plain_ids).tobytes(), content_ids)


def stem_numbers(parts: Sequence[bytes], languages: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The stem numbers of ``parts`` (each a :attr:`Terms.plain_ids` or ``content_ids`` of its language), concatenated.

    Returns the numbers (int64), how many each part has, and the stem of
    each number. With one language the numbers are :func:`stem_ids`' own;
    with several, stems are numbered afresh by their text, so that a stem two
    languages share is one number, as it is one string.
    """
    import numpy as np

    from nlp.arrays import unique

    numbers = np.frombuffer(b"".join(parts), dtype=np.intc).astype(np.int64)
    sizes = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)) // _ID_BYTES
    distinct = sorted(set(languages))
    if len(distinct) <= 1:
        return numbers, sizes, stem_ids(distinct[0] if distinct else "english").stems
    which = np.repeat(np.array([distinct.index(x) for x in languages], dtype=np.int64), sizes)
    names: dict[str, int] = {}
    out = np.empty_like(numbers)
    for k, language in enumerate(distinct):
        mask = which == k
        used = unique(numbers[mask])
        stems = stem_ids(language).stems
        renumber = np.array([names.setdefault(stems[i], len(names)) for i in used.tolist()], dtype=np.int64)
        out[mask] = renumber[np.searchsorted(used, numbers[mask])]
    return out, sizes, list(names)
