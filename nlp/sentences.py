"""Offline sentence splitting, and the tokenizer object handed to sumy.

We split sentences ourselves because sumy's default ``Tokenizer`` needs NLTK's
punkt data, which users' machines may lack and which the app must never
download at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words that end in a period without ending a sentence (news style).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev st jr sr
    inc corp co ltd no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.n u.k e.u s d.c a.m p.m i.e e.g mt ft
    """.split()
)

_CANDIDATE = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+)""")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def _is_boundary(text: str, stop: int, after: int) -> bool:
    """Decide whether the punctuation run ending at ``stop`` ends a sentence."""
    head = text[max(0, stop - 20):stop]
    token = re.search(r"(\S+)$", head)
    word = token.group(1).rstrip(".!?\"'”’)]").lower() if token else ""
    nxt = text[after:after + 1]
    if text[stop - 1] == "." and word in ABBREVIATIONS:
        # "Sept. 23", "U.S. officials": not an end unless a capital follows a
        # word that rarely precedes a name (kept simple; refined in ingest).
        return False
    if text[stop - 1] == "." and len(word) == 1 and word.isalpha():
        return False  # initials: "S. Korea", "George W. Bush"
    return bool(nxt) and (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘(")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of one paragraph.

    Spans cover the text without surrounding white space; ``text[start:end]``
    is the sentence exactly.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        stop = match.end()
        after = stop
        while after < len(text) and text[after].isspace():
            after += 1
        if _is_boundary(text, stop, after):
            spans.append((start, stop))
            start = after
    if start < len(text):
        spans.append((start, len(text)))
    return [_strip(text, a, b) for a, b in spans if text[a:b].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences; blank lines always end a sentence."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        out.extend(paragraph[a:b] for a, b in sentence_spans(paragraph))
    return out


def words(text: str) -> list[str]:
    """Return the word tokens of ``text`` (letters, digits, inner hyphens)."""
    return _WORD.findall(text)


class Tokenizer:
    """The tokenizer object sumy expects (``to_sentences``, ``to_words``), offline.

    Parameters
    ----------
    language : str
        Language name, kept for sumy (``tokenizer.language``).
    """

    def __init__(self, language: str = "english") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Split a paragraph into sentences."""
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Split a sentence into words."""
        return tuple(words(sentence))


@lru_cache(maxsize=8)
def tokenizer(language: str = "english") -> Tokenizer:
    """Return a shared :class:`Tokenizer` for ``language``."""
    return Tokenizer(language)
