"""Per-language resources shared by every stage: stop words, stemmer, word tokens."""

from __future__ import annotations

import re
import threading
from array import array
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from nlp.errors import OptionsError
from nlp.text.sentences import WORD

if TYPE_CHECKING:
    import numpy as np


@lru_cache(maxsize=16)
def stop_words(language: str = "english") -> frozenset[str]:
    """Return the lower-case stop words of ``language`` (sumy's lists, shipped offline).

    ``language`` must be one of :func:`languages` (a name, never a path).
    """
    if language not in languages():
        raise OptionsError(f"unknown language {language!r}; use one of: {', '.join(languages())}")
    try:
        data = resources.files("sumy") / "data" / "stopwords" / f"{language}.txt"
        text = data.read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise OptionsError(
            f"no stop words for language {language!r}; use one of: {', '.join(languages())}"
        ) from exc
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip())


def languages() -> list[str]:
    """Return the languages that have stop words.

    Found without importing sumy: the GUI checks its saved options
    (:meth:`nlp.types.Options.validate`) before sumy loads.
    """
    from importlib.util import find_spec

    spec = find_spec("sumy")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(spec.submodule_search_locations[0]) / "data" / "stopwords"
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201b": "'"})


@lru_cache(maxsize=16)
def stemmer(language: str = "english") -> Callable[[str], str]:
    """Return a Snowball stemmer for ``language`` (lower-casing only where Snowball has none).

    PyStemmer is the Snowball project's own C build: much faster than NLTK's
    pure-Python port, and it imports in milliseconds with no data files.
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
    spellings: bytes
    """Every word and phrase break as a :func:`spellings` number, native C ints, for key terms
    (:mod:`nlp.topics.phrases`): -1 for a break, a stop word, a number or a one-letter word."""


class StemIds:
    """A language's content stems numbered as they are first met, for the whole process.

    Near-duplicates and clustering count the stems of every sentence of a
    corpus: with numbers cached with each sentence's terms, numpy does what
    was a dict lookup per word per stage. Numbers are never reused and the
    table is never dropped (cached terms hold its numbers), so it grows with
    the distinct content stems ever seen.
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


class Spellings:
    """A language's spellings of words for key terms, numbered as they are first met, for the whole process.

    A spelling is a word as written with a possessive dropped ("Iran's" ->
    "Iran"); each has the stem of its lower case, numbered likewise. Like
    :class:`StemIds`, never dropped: cached terms hold these numbers. The
    lists only grow, so a reader may index them without the lock.
    """

    def __init__(self) -> None:
        self.number: dict[str, int] = {}
        self.forms: list[str] = []
        self.stem_of_form: list[int] = []
        self.stem_number: dict[str, int] = {}
        self.stems: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, form: str, stem: str) -> int:
        with self._lock:
            number = self.number.get(form)
            if number is None:
                number = self.number[form] = len(self.forms)
                self.forms.append(form)
                self.stem_of_form.append(self.stem_number.setdefault(stem, len(self.stems)))
                if self.stem_of_form[-1] == len(self.stems):
                    self.stems.append(stem)
            return number


_TABLES_LOCK = threading.Lock()
_STEM_IDS: dict[str, StemIds] = {}
_SPELLINGS: dict[str, Spellings] = {}
_WORD_TABLES: dict[str, dict[str, tuple[str, int, int, int]]] = {}


_Table = TypeVar("_Table")


def _one_per_language(tables: dict[str, _Table], language: str, make: Callable[[], _Table]) -> _Table:
    """``tables[language]``, made once under the lock (two threads never make two)."""
    table = tables.get(language)
    if table is None:
        with _TABLES_LOCK:
            table = tables.setdefault(language, make())
    return table


def stem_ids(language: str = "english") -> StemIds:
    """The process's :class:`StemIds` of ``language``: one for good, whatever else is cached or dropped."""
    return _one_per_language(_STEM_IDS, language, StemIds)


def spellings(language: str = "english") -> Spellings:
    """The process's :class:`Spellings` of ``language``."""
    return _one_per_language(_SPELLINGS, language, Spellings)


PHRASE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”‘«»/|…–—]|\s[-']\s|'(?=\s)|(?<=\s)'")
"""Where a key phrase cannot run on: punctuation, a dash or quote standing alone."""
TOKEN = re.compile(rf"{WORD.pattern}|{PHRASE_BREAK.pattern}", re.UNICODE)
"""A word or a phrase break. No break overlaps a word (a word starts with a word character and a
break never does), so this finds ``WORD``'s very words, with the breaks between; words, the
common case, are tried first."""

_ID_BYTES = array("i").itemsize
_STOP, _NUMBER, _PLAIN, _BREAK = 0, 1, 2, 3
_WORDS_HELD = 1 << 20
"""Distinct words a language's word table holds before it starts again, bounding its memory."""


def _word_table(language: str) -> dict[str, tuple[str, int, int, int]]:
    """Token as written -> its stem, kind (stop word, number, plain word, break), stem number and spelling
    number, filled as tokens come.

    Made once per language (``language`` checked then: an unknown one raises
    :class:`~nlp.errors.OptionsError`), never replaced, so its numbers always
    are :func:`stem_ids`' own.
    """
    if language not in _WORD_TABLES:
        stop_words(language)
    return _one_per_language(_WORD_TABLES, language, dict)


def _look_up(word: str, language: str, table: dict[str, tuple[str, int, int, int]]) -> tuple[str, int, int, int]:
    if len(table) >= _WORDS_HELD:
        table.clear()
    if not WORD.match(word):
        entry = table[word] = ("", _BREAK, -1, -1)
        return entry
    stops = stop_words(language)
    stem = stemmer(language)
    lower = word.lower()
    kind = _STOP if lower in stops else _NUMBER if lower.isdigit() else _PLAIN
    stemmed = stem(lower)
    # the spelling key terms show: possessive dropped; no stop word, number or one-letter word
    form, form_lower, form_stem = word, lower, stemmed
    if word[-1] in "sS" and word[-2:-1] in ("'", "’"):
        form = word[:-2]
        form_lower = form.lower()
        form_stem = stem(form_lower)
    spelled = -1
    if len(form) >= 2 and form_lower not in stops and any(c.isalpha() for c in form):
        spelled = spellings(language)(form, form_stem)
    entry = table[word] = (stemmed, kind, stem_ids(language)(stemmed) if kind != _STOP else -1, spelled)
    return entry


@lru_cache(maxsize=1 << 20)
def terms(text: str, language: str = "english") -> Terms:
    """Tokenise, lower-case and stem ``text`` once for every stage (cached per sentence).

    Near-duplicates, clustering, candidate filtering and every summariser ask
    for the same sentences, so each is tokenised once. Each distinct word is
    lower-cased, stemmed and classified once, then looked up (one dict lookup
    a word instead of four steps). The key terms' spellings are read in the
    same pass rather than by tokenising the texts again.

    The cache holds a million texts, every sentence and title of about
    80,000 articles: each stage reads them all in turn, and a cache smaller
    than a corpus misses every time (least recently used goes first).
    """
    table = _word_table(language)
    get = table.get
    stems: list[str] = []
    content: list[str] = []
    plain: list[str] = []
    ids = array("i")  # of content, then of plain when the two differ
    plain_ids: list[int] = []
    spelled = array("i")
    for token in TOKEN.findall(text):
        entry = get(token)
        if entry is None:
            entry = _look_up(token, language, table)
        stemmed, kind, number, spelling = entry
        spelled.append(spelling)
        if kind == _STOP:
            stems.append(stemmed)
        elif kind == _PLAIN:
            stems.append(stemmed)
            content.append(stemmed)
            ids.append(number)
            plain.append(stemmed)
            plain_ids.append(number)
        elif kind == _NUMBER:
            stems.append(stemmed)
            content.append(stemmed)
            ids.append(number)
    content_ = tuple(content)
    content_ids = ids.tobytes()
    if len(plain) == len(content):
        return Terms(tuple(stems), content_, content_, content_ids, content_ids, spelled.tobytes())
    return Terms(tuple(stems), content_, tuple(plain), array("i", plain_ids).tobytes(), content_ids, spelled.tobytes())


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
