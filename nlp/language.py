"""Per-language resources shared by every stage: stop words, stemmer, word tokens."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from nlp.errors import OptionsError


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


@lru_cache(maxsize=16)
def stemmer(language: str = "english") -> Callable[[str], str]:
    """Return a Snowball stemmer for ``language`` (identity where Snowball has none)."""
    from nltk.stem.snowball import SnowballStemmer  # no NLTK data needed

    if language not in SnowballStemmer.languages:
        return str.lower
    stem = SnowballStemmer(language).stem
    return lru_cache(maxsize=200_000)(stem)
