"""One analysis's vocabulary: every sentence's stems, stem numbers and spellings, read once for every stage.

Near-duplicates, vectors, key terms and summaries all read the same
sentences. A :class:`Vocabulary` tokenises each text once, the first time a
stage asks for it, and numbers stems and spellings as it meets them, so
that the stages count with numpy on numbers rather than look up words. It
belongs to one analysis and is passed to each stage: what it holds goes
with it, and a long-lived process (the GUI) keeps no words of the corpora
it analysed before.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from nlp.text.language import MONTHS, TOKEN, WEEKDAYS, stemmer, stop_words
from nlp.text.sentences import TITLES, WORD

if TYPE_CHECKING:
    import numpy as np

    from nlp.types import Article


class Terms(NamedTuple):
    """One sentence's words as every stage needs them, lower-cased and stemmed."""

    stems: tuple[str, ...]
    """Every word's stem, stop words included (what sumy's ``stem_word`` gives)."""
    content: tuple[str, ...]
    """Stems of the words that are not stop words, in order, repeats kept."""
    plain: tuple[str, ...]
    """``content`` without numbers: what near-duplicates, clustering and labels compare."""
    plain_ids: bytes
    """``plain`` as stem numbers (:meth:`Vocabulary.stems`), native C ints (``numpy.frombuffer(..., numpy.intc)``)."""
    content_ids: bytes
    """``content`` as stem numbers, likewise."""
    spellings: bytes
    """Every word and phrase break as a spelling number (:meth:`Vocabulary.spellings`), native C ints, for
    key terms (:mod:`nlp.topics.phrases`): -1 for a break, a stop word, a number or a one-letter word."""
    names: bytes
    """The stem numbers of the sentence's names, in order, native C ints: its capitalised words that open
    no sentence, quotation or clause and are no stop word, weekday, month or title (:data:`NOT_NAMES`);
    none in a sentence in title case (most of its stop words capitalised: "Told To Leave At Once"), nor in a
    language that capitalises every noun (:data:`NOUNS_CAPITALISED`)."""


class Spellings(NamedTuple):
    """A language's spellings of words for key terms, by number: a word as written, possessive dropped.

    The lists grow as the vocabulary meets new words, never change what they hold.
    """

    forms: list[str]
    """Each spelling ("Iran" for "Iran's")."""
    stem_of_form: list[int]
    """The number of each spelling's stem (the stem of its lower case) in ``stems``."""
    stems: list[str]


NOT_NAMES = frozenset(f"{WEEKDAYS} {MONTHS}".split()) | TITLES
"""Capitalised words that name no story: weekdays, months and titles before a name ("Mr", "Gov")."""
OPENS = ":\"“«„‘'("
"""After these a capital opens a quotation or a clause: it marks no name."""
NOUNS_CAPITALISED = frozenset({"german"})
"""Languages that capitalise every noun: there a capital marks no name."""

_ID_BYTES = array("i").itemsize
_STOP, _NUMBER, _PLAIN, _BREAK = 0, 1, 2, 3
_OTHER, _NAME, _CAPITAL_STOP, _LOWER_STOP, _OPENER = 0, 1, 2, 3, 4  # a token's part in telling names
_Entry = tuple[str, int, int, int, int]
_BREAK_ENTRY: _Entry = ("", _BREAK, -1, -1, _OTHER)
_OPENER_ENTRY: _Entry = ("", _BREAK, -1, -1, _OPENER)


class _Words:
    """One language's words of a vocabulary: token -> stem, kind, stem number, spelling number and name role.

    Filled as tokens come, under the vocabulary's lock (PyStemmer is not
    thread-safe, and a number is given once); a word met before is one dict lookup.
    """

    def __init__(self, language: str, lock: threading.Lock) -> None:
        self.stops = stop_words(language)  # an unknown language raises OptionsError here
        self.stem = stemmer(language)
        self.names = language not in NOUNS_CAPITALISED
        self.lock = lock
        self.table: dict[str, _Entry] = {}
        self.stem_number: dict[str, int] = {}
        self.stems: list[str] = []
        self.form_number: dict[str, int] = {}
        self.spellings = Spellings([], [], [])
        self.form_stem_number: dict[str, int] = {}

    def look_up(self, word: str) -> _Entry:
        with self.lock:
            entry = self.table.get(word)
            if entry is None:
                if WORD.match(word):
                    entry = self._entry(word)
                else:
                    entry = _OPENER_ENTRY if word.rstrip()[-1:] in OPENS else _BREAK_ENTRY
                self.table[word] = entry
            return entry

    def _entry(self, word: str) -> _Entry:
        lower = word.lower()
        kind = _STOP if lower in self.stops else _NUMBER if lower.isdigit() else _PLAIN
        stemmed = self.stem(lower)
        # the spelling key terms show: possessive dropped; no stop word, number or one-letter word
        form, form_lower, form_stem = word, lower, stemmed
        if word[-1] in "sS" and word[-2:-1] in ("'", "’"):
            form = word[:-2]
            form_lower = form.lower()
            form_stem = self.stem(form_lower)
        spelled = -1
        if len(form) >= 2 and form_lower not in self.stops and any(c.isalpha() for c in form):
            spelled = self._spelling(form, form_stem)
        number = -1
        if kind != _STOP:
            number = self.stem_number.setdefault(stemmed, len(self.stems))
            if number == len(self.stems):
                self.stems.append(stemmed)
        if kind == _STOP:
            role = _CAPITAL_STOP if word[0].isupper() else _LOWER_STOP
        elif kind == _PLAIN and self.names and word[0].isupper() and lower not in NOT_NAMES and len(stemmed) > 1:
            role = _NAME
        else:
            role = _OTHER
        return stemmed, kind, number, spelled, role

    def _spelling(self, form: str, stem: str) -> int:
        number = self.form_number.get(form)
        if number is None:
            spellings = self.spellings
            number = self.form_number[form] = len(spellings.forms)
            stem_number = self.form_stem_number.setdefault(stem, len(spellings.stems))
            if stem_number == len(spellings.stems):
                spellings.stems.append(stem)
            spellings.stem_of_form.append(stem_number)
            spellings.forms.append(form)
        return number

    def read(self, text: str) -> Terms:
        """Tokenise, lower-case and stem ``text``; each distinct word is classified once, then looked up."""
        get = self.table.get
        stems: list[str] = []
        content: list[str] = []
        plain: list[str] = []
        ids = array("i")  # of content, then of plain when the two differ
        plain_ids: list[int] = []
        spelled = array("i")
        names = array("i")
        stops = capital_stops = 0
        first = True  # the sentence's first word, which no capital marks as a name
        opened = False  # the last token opens a quotation or clause
        for token in TOKEN.findall(text):
            entry = get(token)
            if entry is None:
                entry = self.look_up(token)
            stemmed, kind, number, spelling, role = entry
            spelled.append(spelling)
            if kind == _BREAK:
                opened = role == _OPENER
                continue
            if first:
                first = False
            elif role == _NAME:
                if not opened:
                    names.append(number)
            elif role == _CAPITAL_STOP:
                stops += 1
                capital_stops += 1
            elif role == _LOWER_STOP:
                stops += 1
            opened = False
            if kind == _STOP:
                stems.append(stemmed)
            elif kind == _PLAIN:
                stems.append(stemmed)
                content.append(stemmed)
                ids.append(number)
                plain.append(stemmed)
                plain_ids.append(number)
            else:
                stems.append(stemmed)
                content.append(stemmed)
                ids.append(number)
        content_ = tuple(content)
        content_ids = ids.tobytes()
        named = b"" if 2 * capital_stops > stops else names.tobytes()
        if len(plain) == len(content):
            return Terms(tuple(stems), content_, content_, content_ids, content_ids, spelled.tobytes(), named)
        return Terms(tuple(stems), content_, tuple(plain), array("i", plain_ids).tobytes(), content_ids,
                     spelled.tobytes(), named)


class _Sentences(dict[str, Terms]):
    """Text -> its :class:`Terms` in one language; a text not read yet is read on lookup (``table[text]``)."""

    def __init__(self, words: _Words) -> None:
        super().__init__()
        self.words = words

    def __missing__(self, text: str) -> Terms:
        terms = self[text] = self.words.read(text)
        return terms

    def read_in(self, texts: Iterable[str]) -> None:
        """Read each of ``texts`` not read yet."""
        for text in texts:
            if text not in self:
                self[text] = self.words.read(text)


class Vocabulary:
    """The words of one analysis: each text's :class:`Terms`, and the stems and spellings they number.

    Made empty and filled as the stages ask for texts (or ahead, by
    :meth:`add`); safe to read from two threads at once. Numbers are given
    as words are first met, so they depend on what was read before: every
    stage that compares them renumbers what it uses by first occurrence or
    by the stems' text, and no result depends on them.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._languages: dict[str, _Sentences] = {}

    def sentences(self, language: str = "english") -> Mapping[str, Terms]:
        """Text -> :class:`Terms` in ``language``, read on first lookup: index it (``table[text]``), as hot loops do.

        Raises
        ------
        OptionsError
            For a language without stop words.
        """
        return self._table(language)

    def terms(self, text: str, language: str = "english") -> Terms:
        """The :class:`Terms` of ``text`` in ``language``, read once."""
        return self._table(language)[text]

    def holds(self, text: str, language: str = "english") -> bool:
        """Whether ``text`` was read already in ``language``."""
        table = self._languages.get(language)
        return table is not None and text in table

    def add(self, articles: Iterable[Article], language: str | None = None) -> None:
        """Read every title and sentence of ``articles``, in ``language`` or else each article's own."""
        for article in articles:
            table = self._table(language or article.language)
            table.read_in([article.title, *(s.text for s in article.sentences)])

    def stems(self, language: str = "english") -> list[str]:
        """The stem of each stem number of ``language`` (:attr:`Terms.plain_ids`, ``content_ids``)."""
        return self._table(language).words.stems

    def spellings(self, language: str = "english") -> Spellings:
        """The spellings of ``language`` by number (:attr:`Terms.spellings`)."""
        return self._table(language).words.spellings

    def _table(self, language: str) -> _Sentences:
        table = self._languages.get(language)
        if table is None:
            with self._lock:
                table = self._languages.get(language)
                if table is None:
                    table = self._languages[language] = _Sentences(_Words(language, self._lock))
        return table

    def stem_numbers(self, parts: Sequence[bytes], languages: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """The stem numbers of ``parts`` (each a :attr:`Terms.plain_ids` or ``content_ids`` of its language), concatenated.

        Returns the numbers (int64), how many each part has, and the stem of
        each number. With one language the numbers are this vocabulary's own;
        with several, stems are numbered afresh by their text, so that a stem
        two languages share is one number, as it is one string.
        """
        import numpy as np

        from nlp.arrays import unique

        numbers = np.frombuffer(b"".join(parts), dtype=np.intc).astype(np.int64)
        sizes = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)) // _ID_BYTES
        distinct = sorted(set(languages))
        if len(distinct) <= 1:
            return numbers, sizes, self.stems(distinct[0] if distinct else "english")
        which = np.repeat(np.array([distinct.index(x) for x in languages], dtype=np.int64), sizes)
        names: dict[str, int] = {}
        out = np.empty_like(numbers)
        for k, language in enumerate(distinct):
            mask = which == k
            used = unique(numbers[mask])
            stems = self.stems(language)
            renumber = np.array([names.setdefault(stems[i], len(names)) for i in used.tolist()], dtype=np.int64)
            out[mask] = renumber[np.searchsorted(used, numbers[mask])]
        return out, sizes, list(names)
