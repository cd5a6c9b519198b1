"""Offline sentence splitting, and a tokenizer object for sumy's classes (the tests' and benchmarks' reference).

We split sentences ourselves because sumy's default ``Tokenizer`` needs NLTK's
punkt data, which users' machines may lack and which the app must never
download at run time. The rules are written for news English: a candidate
end is a run of ``.!?`` (plus closing quotes or brackets) followed by white
space; it is rejected after titles ("Mr.", "Gen."), before numbers after
"No."/months ("No. 2", "Sept. 23"), after initials ("S. Korea") and after
abbreviations ("U.S.", "D.C.", "Inc.") unless the next word is one that
usually starts a sentence ("The", "He", "But" ...), and whenever the next
word starts in lower case (``"Is it over?" he asked``). Chinese and Japanese
end sentences with full-width marks and no space; Korean, Arabic (``؟``),
Urdu (``۔``) and Hindi (``।``) with a mark and a space before a letter that
has no case, which starts a sentence as a capital does.
"""

from __future__ import annotations

import re

# Titles that precede a name: never the end of a sentence.
TITLES = frozenset(
    """
    mr mrs ms messrs dr prof gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep
    rev fr mt ft pres supt insp det amb hon sec gens govs sens reps
    """.split()
)
# Abbreviations that come before a number ("No. 2", "Sept. 23", "Vol. 3").
BEFORE_NUMBERS = frozenset(
    """
    no nos vol vols p pp art fig ch para jan feb mar apr jun jul aug sep sept
    oct nov dec
    """.split()
)
# Other abbreviations: they end a sentence only when a sentence starter follows.
ABBREVIATIONS = (
    frozenset(
        """
        u.s u.n u.k e.u s d.c a.m p.m i.e e.g etc vs inc corp co ltd llc plc bros
        dept est approx u.s.a n.y l.a r.o.k d.p.r.k univ assn ave blvd rd st jr sr
        """.split()
    )
    | TITLES
    | BEFORE_NUMBERS
)
# Words that begin sentences after an abbreviation: "in the U.S. The ...".
_STARTERS = frozenset(
    """
    the a an he she it they we i you this that these those there his her its their
    our but and however in on at for after before when while if as so yet meanwhile
    also still then what who why how where some many most all both one no not
    """.split()
)

_CANDIDATE = re.compile(r"""[.!?…؟۔।]+["'”’)\]»]*(?=\s)|[。！？]+[」』”’）)]*""")
UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Scripts written without spaces between words: Han (Chinese, Japanese kanji), hiragana, katakana."""
WORD = re.compile(rf"[{UNSPACED}]|[^\W{UNSPACED}]+(?:[-'’][^\W{UNSPACED}]+)*", re.UNICODE)
"""A word: letters and digits, with inner hyphens and apostrophes (every stage's tokens); in the
unspaced scripts, where no space tells words apart, one character."""
_UNSPACED_CHAR = re.compile(f"[{UNSPACED}]")
_NEXT_WORD = re.compile(r"[\"'“‘(\[]*([\w’'-]+)")
_TERMINAL = ".!?…:;,\"'”’)"
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]*[-*•▪►–]\s)")
_FULL_WIDTH = "。！？」』”’）)"
_BULLET = "-*•–—·▪►"


def _is_boundary(text: str, stop: int, after: int) -> bool:
    """Decide whether the punctuation run ending at ``stop`` ends a sentence."""
    if after >= len(text) or text[stop - 1] in "。！？」』）":
        return True
    nxt = text[after]
    if nxt.islower():
        return False  # '"Is it over?" he asked', "e.g. this", "... and"
    # The token before the punctuation run, without its trailing marks.
    space = max(text.rfind(" ", 0, stop), text.rfind("\n", 0, stop), text.rfind("\t", 0, stop))
    token = text[space + 1 : stop]
    core = token.rstrip(".!?\"'”’)]").lstrip("\"'“‘([")
    if token.rstrip("\"'”’)]").endswith(".") and not token.rstrip("\"'”’)]").endswith(".."):
        word = core.lower()
        if word in TITLES:
            return False
        if word in BEFORE_NUMBERS and nxt.isdigit():
            return False
        is_initial = len(word) == 1 and word.isalpha()
        if word in ABBREVIATIONS or is_initial or _dotted(word):
            match = _NEXT_WORD.match(text, after)
            following = match.group(1).lower() if match else ""
            return following in _STARTERS or nxt in "\"“‘"
    # Hangul, Arabic, Hebrew and Han have no case: a letter of theirs may start a sentence
    uncased = nxt.isalpha() and not nxt.isupper() and not nxt.islower()
    return nxt.isupper() or uncased or nxt.isdigit() or nxt in "\"'“‘([«" or not nxt.isalnum()


def _dotted(word: str) -> bool:
    """True for dotted abbreviations not listed: "N.Y", "a.k.a", "Ph.D"."""
    return "." in word and all(len(part) <= 2 for part in word.split("."))


def _heading_break(text: str) -> int:
    """Return the end of a heading line that starts ``text``, or -1.

    A first line with no sentence punctuation, clearly shorter than the line
    after it (or followed by a bullet), is a heading: it never joins the
    sentence that follows.
    """
    newline = text.find("\n")
    if newline <= 0:
        return -1
    line = text[:newline].rstrip()
    rest = text[newline + 1 :].lstrip()
    if not line or not rest or line[-1] in _TERMINAL or line[-1] in "-–":
        return -1
    second = rest.split("\n", 1)[0]
    if rest[0] in _BULLET or (rest[0].isupper() and len(line) < 0.6 * len(second)):
        return len(line)
    return -1


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of one paragraph.

    Spans cover the text without surrounding white space; ``text[start:end]``
    is the sentence exactly. A blank line always ends a sentence, and so does
    a heading line (see :func:`_heading_break`).
    """
    if "\n" in text:
        return _multiline_spans(text)
    return _line_spans(text, 0, len(text))


def _multiline_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    bounds = [0]
    for gap in _BLANK_LINE.finditer(text):
        bounds += [gap.start(), gap.end()]
    bounds.append(len(text))
    for start, end in zip(bounds[::2], bounds[1::2]):
        if start >= end or text[start:end].isspace():
            continue
        cut = _heading_break(text[start:end])
        if cut > 0:
            spans.append((start, start + cut))
            start = start + cut
        spans.extend(_line_spans(text, start, end))
    return spans


def _line_spans(text: str, begin: int, finish: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = begin
    for match in _CANDIDATE.finditer(text, begin, finish):
        stop = match.end()
        after = stop
        while after < finish and text[after].isspace():
            after += 1
        if after < finish and (after > stop or text[stop - 1] in _FULL_WIDTH) and _is_boundary(text, stop, after):
            spans.append((start, stop))
            start = after
    spans.append((start, finish))
    return [_strip(text, a, b) for a, b in spans if not text[a:b].isspace() and a < b]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences; blank lines and heading lines always end a sentence."""
    return [text[a:b] for a, b in sentence_spans(text)]


def word_count(text: str) -> int:
    """Words as a length budget counts them: white-space separated, and one per character of an unspaced script.

    ``"The council met."`` has 3; ``"中国政府周一宣布。"`` has 8.
    """
    if text.isascii():
        return len(text.split())
    count = 0
    for chunk in text.split():
        unspaced = len(_UNSPACED_CHAR.findall(chunk))
        rest = _UNSPACED_CHAR.sub(" ", chunk).split()
        count += unspaced + sum(1 for r in rest if any(ch.isalnum() for ch in r)) if unspaced else 1
    return count


def words(text: str) -> list[str]:
    """Return the word tokens of ``text`` (letters, digits, inner hyphens)."""
    return WORD.findall(text)


class Tokenizer:
    """The tokenizer object sumy expects (``to_sentences``, ``to_words``), offline.

    The summaries never call sumy; the tests and benchmarks give this to
    sumy's classes, the reference our methods are checked against.

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
