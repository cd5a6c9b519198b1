"""Per-language constants shared by every stage: stop words, stemmer, what a token is.

What the words of a corpus become (stems, numbers, spellings) belongs to its
analysis: :class:`nlp.text.vocabulary.Vocabulary`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from nlp.errors import OptionsError
from nlp.text.sentences import WORD


ISO_CODES = {
    "arabic": "ar", "chinese": "zh", "czech": "cs", "english": "en", "french": "fr", "german": "de",
    "greek": "el", "hebrew": "he", "italian": "it", "japanese": "ja", "korean": "ko", "polish": "pl",
    "portuguese": "pt", "slovak": "sk", "spanish": "es", "swedish": "sv", "thai": "th", "ukrainian": "uk",
}
"""ISO 639-1 code of each language name, for the stopwords-iso lists."""


@lru_cache(maxsize=16)
def stop_words(language: str = "english") -> frozenset[str]:
    """Return the lower-case stop words of ``language`` (sumy's lists, shipped offline).

    Outside English, the stopwords-iso list of the language joins sumy's:
    sumy's Spanish, French, German and others lack the commonest function
    words ("de", "y", "que", "une", "wurden"), which would otherwise weigh
    as much as names in every vector. English keeps sumy's list alone, as
    the other holds news words that set topics apart ("state", "world").
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
    words = {w.strip().lower() for w in text.splitlines() if w.strip()}
    if language != "english" and language in ISO_CODES:
        import stopwordsiso

        words.update(w.strip().lower() for w in stopwordsiso.stopwords(ISO_CODES[language]) if w.strip())
    return frozenset(words)


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
    Nothing is cached here: a :class:`~nlp.text.vocabulary.Vocabulary` stems
    each distinct word of its analysis once.
    """
    import Stemmer  # PyStemmer; no data files needed

    if language not in Stemmer.algorithms():
        return str.lower
    raw = Stemmer.Stemmer(language).stemWord
    lock = threading.Lock()  # a PyStemmer object is not thread-safe, and every caller shares this one

    def stem(word: str) -> str:
        # Snowball's rules know only the straight apostrophe; scraped news mostly has the curly
        # one ("government’s"), which NLTK's port straightened and PyStemmer does not.
        word = word.translate(_APOSTROPHES)
        with lock:
            return raw(word)  # type: ignore[no-any-return]

    return stem


WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag "
    "lunes martes miércoles jueves viernes sábado domingo "
    "lunedì martedì mercoledì giovedì venerdì sabato domenica "
    "segunda terça quarta quinta sexta maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"
)
"""Weekday names: news gives one to nearly every event, so they never set a topic apart."""
MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "januar februar märz juni juli oktober dezember "
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "janeiro fevereiro março maio junho julho setembro outubro novembro dezembro "
    "januari februari maart mei juni juli augustus oktober"
)
"""Month names and their short forms: capitalised in most languages, yet they name no story."""
CALENDAR = (
    "today yesterday tomorrow tonight week weekend month year "
    "aujourd'hui hier demain semaine mois année heute gestern woche monat jahr "
    "hoy ayer semana año años oggi ieri domani settimana mese anno hoje ontem amanhã ano anos"
)
"""Words of the calendar relative to the report ("yesterday", "this year"): as common to every topic as weekdays.

Spanish "mes" is left out: its stem is that of "mesa" (a polling station's table).
"""

PHRASE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”„‘«»/|…–—]|\s[-']\s|'(?=\s)|(?<=\s)'")
"""Where a key phrase cannot run on: punctuation, a dash or quote standing alone."""
TOKEN = re.compile(rf"{WORD.pattern}|{PHRASE_BREAK.pattern}", re.UNICODE)
"""A word or a phrase break. No break overlaps a word (a word starts with a word character and a
break never does), so this finds ``WORD``'s very words, with the breaks between; words, the
common case, are tried first."""
