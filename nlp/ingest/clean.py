"""Clean scraped plain text: general line rules separate the article from the page's clutter.

The rules, in the order they apply (documented for users in the README):

1. **Units.** Blank lines separate blocks. A block whose lines all look
   hard-wrapped (two or more lines, none longer than 100 characters, every
   line but the last at least 60% of the longest, the first line full enough
   that the second's first word would not have fitted) is one paragraph with
   its lines joined; otherwise each line is a unit of its own, except that a
   line ending mid-sentence whose next line's first word would not have
   fitted on it (or that goes on in lower case) is joined with that line: a
   headline above a wrapped paragraph stays apart from it. A dated first line
   ("2005/01/08 Title") is the title and gives the date.
2. **Metadata lines** become metadata and leave the body: bylines ("By ..."
   plus an optional e-mail), a field name with a date ("Published : ...",
   "date 2025-07-10"), a date alone, e-mail addresses, credits in brackets
   ("(Yonhap)"). A field date, a written date run into the text ("Tuesday,
   January 18, 2005Through ...") and a dateline ("Kuala Lumpur, July 10
   (IANS)") opening the first paragraph are cut off and read the same way,
   as is a credit closing a paragraph.
3. **Foreign script.** A line written mostly in another script than the
   article as a whole (a Hangul line in an English article) is dropped.
4. **No words.** Lines without letters ("36", "0", "•") are dropped.
5. **Repetition.** A line equal (ignoring case and spacing) to an earlier
   one, or to the title, is dropped: one copy stays.
6. **Prose.** A unit is prose when it ends like a sentence (``. ! ? ...`` or
   a closing quote; a Title-Case line ending in "?" is a headline), or, below
   the first such sentence, when it is long (12+ words) with a normal share of
   stop words (at least 25%), or when a complete sentence of five or more
   words is followed by a cut-off tail (a take whose last line was cut). A
   wire desk's continuation marker closing a unit ("..., 4th graf pvs") is
   trimmed. Photo captions (a line starting "From left," or ending in a
   bare credit after its last sentence, "... in Seoul. Yonhap") are kept as
   ``kind="caption"``; bullet lines as ``kind="list"``.
7. **Position.** Before the first prose unit (the header), the first
   headline-like line (3-30 words, not ending in a period) is the title; a
   short Title-Case line above it is the site's name (the source). Every
   other non-prose line, anywhere, is a heading, button, section name or
   prompt ("SHARE", "Top 10 Stories", "Key Takeaways") and is dropped.
8. **Nothing is lost.** When these rules find no prose in text that has
   three words or more, its lines (those of three words or more, metadata
   and repeats left out) are kept as the article, with a note in the log: a
   snippet without a final full stop, a list of headlines, a one-line story.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field

from nlp.ingest.metadata import (
    read_metadata_line,
    split_title_date,
    strip_leading_metadata,
    strip_trailing_credit,
)
from nlp.text.language import stop_words
from nlp.text.sentences import word_count
from nlp.types import SentenceKind

_BULLET = re.compile(r"^\s*(?:[-*•▪►·–]|\d{1,2}[.)])\s+")
SENTENCE_END = re.compile(r"[.!?…。！？؟۔।][\"'”’)\]」』）»]*$|[\"”’」』»]$")
"""A unit that ends a sentence: a stop, perhaps closed by quotes or brackets (:func:`ends_sentence` is its fast form)."""
_STOPS = ".!?…。！？؟۔।"
_CLOSERS = "\"'”’)]」』）»"
_QUOTES = "\"”’」』"
_CAPTION_START = re.compile(r"^\s*\(?(?:from left|from right|clockwise from|photo\s*:|pictured)\b", re.I)
CAPTION_CREDIT = re.compile(r"[.!?]\s+(?:[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,2}|[A-Z][\w]*/[A-Z][\w]*)$")
"""A caption that ends on a photo credit ("... on Monday. Kim Ji Soo"; :func:`caption_credit` is its fast form)."""
_IDENTIFIER = re.compile(r"[A-Za-z0-9_+/=.:#-]+")
HEADLINE_WORDS = 2
"""Words a record's headline needs to stand as an article alone (a page's line needs three: :func:`has_text`)."""
_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Wire desks' markers closing a take: "..., 4th graf pvs", "(MORE)", "-30-", "ENDS".
_WIRE_TAIL = re.compile(
    r"[\s,;:–—-]*(?:\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
    r"\s+(?:graf|grf|graph|para|pgh|paragraph|add|take|lead|ld|sub)s?\b[^.!?]{0,40}"
    r"|\(?\b(?:MORE|ENDS?|PVS|pvs)\b\)?|-30-|#{3})\s*$"
)
_INNER_END = re.compile(r"[.!?…。！？][\"'”’)\]」』）]*\s+(?=[\"“‘(]?[A-Z0-9])")
log = logging.getLogger(__name__)


@dataclass
class Cleaned:
    """The article found in a page of text: title, paragraphs with kinds, and metadata."""

    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    kinds: list[SentenceKind] = field(default_factory=list)
    author: str | None = None
    date: str | None = None
    time: str | None = None
    source: str | None = None


def units(text: str) -> list[str]:
    """Split ``text`` into paragraphs/lines following rule 1 (hard wraps joined)."""
    out: list[str] = []
    for block in re.split(r"\n[ \t\u00a0]*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) == 1:
            out.append(lines[0])
        elif _hard_wrapped(lines):
            if len(lines) > 2 and ends_sentence(lines[-2]) and len(lines[-1].split()) < 3 \
                    and not ends_sentence(lines[-1]):
                out += [" ".join(lines[:-1]), lines[-1]]  # a sign-off under the paragraph ("Reuter", "-- AP")
            else:
                out.append(" ".join(lines))
        else:
            out.extend(_wrapped_runs(lines))
    return out


def _wrapped_runs(lines: list[str]) -> list[str]:
    """Lines of a mixed block, wrapped runs joined: a long line that ends mid-sentence goes on below.

    A headline or dateline above a hard-wrapped paragraph (no blank line
    between) stays a line of its own; the paragraph's lines become one unit.
    """
    body = lines[1:] if len(lines) >= 3 else lines  # a first line is often a longer headline
    width = max((len(line) for line in body if len(line) <= 100), default=0)
    out: list[str] = []
    previous = ""
    for line in lines:
        # greedy wrapping: the line's first word did not fit on the previous line
        fits = len(previous) + 1 + len(line.split()[0]) <= width - 2
        joins = (out and width >= 40 and len(previous) <= width + 3
                 and (not fits or line[:1].islower())
                 and not _BULLET.match(line) and not ends_sentence(previous)
                 and not previous.endswith(":"))
        if joins:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        previous = line
    return out


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    longest = max(len(line) for line in lines)
    if longest > 100:
        return False
    if any(_BULLET.match(line) for line in lines[1:]):
        return False
    if not all(len(line) >= 0.6 * longest for line in lines[:-1]):
        return False
    # a headline above the paragraph is no wrapped line: the next line's first word would have fit on it
    return len(lines[0]) + 1 + len(lines[1].split()[0]) > longest - 2 or lines[1][:1].islower()


def clean_text(text: str, *, language: str = "english") -> Cleaned:
    """Apply the cleaning rules to one article's text.

    Parameters
    ----------
    text : str
        The decoded text of the file.
    language : str
        The article's language: its stop words measure prose, its script
        tells foreign lines apart.

    Returns
    -------
    Cleaned
        Title, body paragraphs with their kinds, and metadata found.
    """
    result = Cleaned()
    stops = stop_words(language)
    items = units(text)
    if len(items) > 1 and len(items[0].split()) <= 30:  # "2005/01/08 Title": a dated title, whatever it ends with
        title, date = split_title_date(items[0])
        if date:
            result.title, result.date, items = title, date, items[1:]
    latin = _latin_share("".join(items)) >= 0.5
    kinds = [_classify(u, stops) for u in items]
    for i, kind in enumerate(kinds):  # a lone bullet line is no list ("• Link copied")
        neighbours = kinds[max(0, i - 1) : i] + kinds[i + 1 : i + 2]
        if kind == "list" and "list" not in neighbours:
            kinds[i] = _classify(_BULLET.sub("", items[i]), stops)
    first_prose = next((i for i, k in enumerate(kinds) if k == "prose"), len(items))
    # Long lines without a sentence end are prose only below the first real sentence:
    # above it, they are headlines.
    kinds = ["other" if k == "long" and i < first_prose else k for i, k in enumerate(kinds)]
    kinds = ["prose" if k == "long" else k for k in kinds]
    seen: set[str] = set()
    worded: list[str] = []  # every unit with words that is not metadata: the fallback article
    for number, unit in enumerate(items):
        if number == first_prose or (number < first_prose and not result.paragraphs):
            unit, found = strip_leading_metadata(unit)
            result.date = result.date or found.date
            result.source = result.source or found.source
        meta = read_metadata_line(unit)
        if meta is not None:
            result.author = result.author or meta.author
            result.date = result.date or meta.date
            result.source = result.source or meta.source
            continue
        if _latin_share(unit) < 0.5 if latin else _latin_share(unit) > 0.5:
            continue  # rule 3: a line in another script than the article's
        if not any(ch.isalpha() for ch in unit):
            continue
        key = _key(unit)
        if key in seen:
            continue
        seen.add(key)
        worded.append(unit)
        kind = kinds[number]
        if number < first_prose and kind == "other":
            _header_line(result, unit, items, number, first_prose)
            continue
        if kind == "prose":
            unit, credit = strip_trailing_credit(trim_wire_tail(unit))
            result.source = result.source or credit
            _add(result, unit, "body")
        elif kind == "list" and len(_WORDS.findall(unit)) >= 3:
            _add(result, _BULLET.sub("", unit), kind)
        elif kind == "caption":
            _add(result, unit, kind)
    if not result.paragraphs and worded and has_text(" ".join(worded)):
        _keep_all(result, worded)
    if result.title and len(result.paragraphs) > 1:
        title_key = _key(result.title)
        # _key(p) begins with casefold(p's first character): only a paragraph beginning alike can equal the title
        head = title_key[:1]
        keep = [(p, k) for p, k in zip(result.paragraphs, result.kinds)
                if p.lstrip()[:1].casefold()[:1] != head or _key(p) != title_key]
        result.paragraphs = [p for p, _ in keep]
        result.kinds = [k for _, k in keep]
    return result


def _keep_all(result: Cleaned, worded: list[str]) -> None:
    """The principle: text with words whose lines the rules find no prose in is kept whole.

    The title stays the title (and is the one sentence when it is all there
    is); every other line is a paragraph.
    """
    title = _key(result.title) if result.title else ""
    worded = [u for u in worded if has_text(u)] or worded  # "Home", "Menu": a line of three words or more wins
    rest = [u for u in worded if _key(u) != title] or worded
    if not result.title and len(rest) > 1 and _headline_like(rest[0]):
        result.title, rest = rest[0], rest[1:]
    for unit in rest:
        _add(result, trim_wire_tail(unit), "body")
    log.info("no prose found by the cleaning rules; %d lines kept as the article", len(rest))


def has_text(text: str, words: int = 3) -> bool:
    """True when ``text`` is more than a word or two: three words, or four letters of an unspaced script.

    A record's headline needs only two ``words``: a feed's field says it is
    a headline ("Snowden speaks", "Stocks slip"), where a line of a page might be a menu.
    """
    return len(_WORDS.findall(text)) >= words or _unspaced_letters(text) >= 4


def is_words(text: str) -> bool:
    """Words, not an identifier: anything but one token of ASCII letters, digits and ``_-+/=.:#`` ("ddUyU0VZz0BR6sIxvM")."""
    return _IDENTIFIER.fullmatch(text.strip()) is None


def _unspaced_letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha() and ord(ch) >= 0x2E80)


def trim_wire_tail(unit: str) -> str:
    """Remove a wire desk's continuation marker closing a unit ("..., 4th graf pvs", "MORE")."""
    if ends_sentence(unit):
        return unit
    match = _WIRE_TAIL.search(unit)
    return unit[: match.start()].rstrip(" ,;:-–—") if match and match.start() > 0 else unit


def _add(result: Cleaned, text: str, kind: SentenceKind) -> None:
    if text.strip():
        result.paragraphs.append(text.strip())
        result.kinds.append(kind)


def _header_line(result: Cleaned, unit: str, items: list[str], number: int, first_prose: int) -> None:
    """Rule 7: the title and the site name live above the first paragraph."""
    if result.title or not _headline_like(unit):
        return
    later = [u for u in items[number + 1 : first_prose] if _headline_like(u) and not _site_name(u)]
    if number == 0 and _site_name(unit) and later:
        result.source = result.source or unit
        return
    result.title, date = split_title_date(unit)
    result.date = result.date or date


def _classify(unit: str, stops: frozenset[str]) -> str:
    """Return "prose", "long" (prose without a sentence end), "caption", "list" or "other"."""
    if _BULLET.match(unit):
        return "list"
    if _CAPTION_START.match(unit) or (caption_credit(unit) and not ends_sentence(unit)):
        return "caption"
    if ends_sentence(unit.rstrip()) and (len(unit) >= 20 or word_count(unit) >= 3):
        headline = _headline_like(unit) and _title_case(unit) and unit.rstrip()[-1] in "?!"
        return "other" if headline else "prose"
    tokens = [w.lower() for w in _WORDS.findall(unit)]
    if len(tokens) >= 12 and sum(t in stops for t in tokens) >= 0.25 * len(tokens):
        return "long"
    if _complete_then_tail(unit):
        return "prose"
    return "other"


def _complete_then_tail(unit: str) -> bool:
    """A complete sentence (5+ words) followed by a cut-off tail: prose whose last line was cut."""
    ends = [m.end() for m in _INNER_END.finditer(unit)]
    return bool(ends) and len(_WORDS.findall(unit[: ends[-1]])) >= 5


def ends_sentence(unit: str) -> bool:
    """``SENTENCE_END.search(unit)``, looking at the end only.

    The regex is anchored at the end, but ``search`` tries it at every
    position of the unit.
    ``$`` also matches before a final newline, hence the two ends.
    """
    for end in (unit, unit[:-1]) if unit.endswith("\n") else (unit,):
        if end[-1:] in _QUOTES and end:
            return True
        stripped = end.rstrip(_CLOSERS)
        if stripped and stripped[-1] in _STOPS:
            return True
    return False


def caption_credit(unit: str) -> bool:
    """``CAPTION_CREDIT.search(unit)``, tried only where it can match.

    A credit's words hold no ``.``, ``!`` or ``?``, so a match starts at the
    last of them (the regex alone was tried at every position).
    """
    last = max(unit.rfind("."), unit.rfind("!"), unit.rfind("?"))
    return last >= 0 and CAPTION_CREDIT.match(unit, last) is not None


def _headline_like(unit: str) -> bool:
    words = unit.split()
    enough = len(words) >= 3 or (len(unit) >= 4 and _latin_share(unit) < 0.5)  # CJK: no spaces
    return enough and len(words) <= 30 and not unit.rstrip().endswith((".", ",", ";", ":", "。"))


def _title_case(unit: str) -> bool:
    """Most words capitalised, as in headlines: "Are Talks Planned at ASEAN Meetings?"."""
    words = [w for w in unit.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _site_name(unit: str) -> bool:
    """A short line of capitalised words only: "The Korea Herald"."""
    words = unit.split()
    return 1 <= len(words) <= 5 and all(w[:1].isupper() or w[:1].isdigit() for w in words)


_ASCII_LETTERS = re.compile("[A-Za-z]+")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _latin_share(text: str) -> float:
    """Share of the letters of ``text`` that are Latin (0.5 when it has no letters).

    ASCII letters are counted by a regex; only the non-ASCII characters (a
    few curly quotes in English news) are looked at one by one.
    """
    if text.isascii():  # known without a scan: CPython records it with the string
        return 1.0 if _ASCII_LETTERS.search(text) else 0.5
    foreign = [ch for ch in _NON_ASCII.findall(text) if ch.isalpha()]
    if not foreign:  # the common case: only ASCII letters, if any; no need to count them
        return 1.0 if _ASCII_LETTERS.search(text) else 0.5
    letters = latin = sum(map(len, _ASCII_LETTERS.findall(text)))
    for ch in foreign:
        letters += 1
        latin += ord(ch) < 0x250 or unicodedata.name(ch, "").startswith("LATIN")
    return latin / letters


def _key(text: str) -> str:
    return " ".join(text.casefold().split())
