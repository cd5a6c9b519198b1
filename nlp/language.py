"""Per-language resources shared by every stage: stop words, stemmer, word tokens."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from nlp.errors import OptionsError
from nlp.sentences import words


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


@lru_cache(maxsize=1 << 18)
def terms(text: str, language: str = "english") -> Terms:
    """Tokenise, lower-case and stem ``text`` once for every stage (cached per sentence).

    Near-duplicates, clustering, candidate filtering and every summariser ask
    for the same sentences; tokenising each once saved 2.4 s of a 10,000-article
    run (``tests/benchmarks/bench_pipeline.py``).
    """
    stops = stop_words(language)
    stem = stemmer(language)
    stems: list[str] = []
    content: list[str] = []
    plain: list[str] = []
    for word in words(text):
        lower = word.lower()
        stemmed = stem(lower)
        stems.append(stemmed)
        if lower not in stops:
            content.append(stemmed)
            if not lower.isdigit():
                plain.append(stemmed)
    content_ = tuple(content)
    return Terms(tuple(stems), content_, content_ if len(plain) == len(content) else tuple(plain))
