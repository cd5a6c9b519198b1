"""Sentences that lean on the one before them, and the wire datelines that open news sentences.

A sentence that opens on a pronoun ("He said ...", "They were ...") or a
discourse connective ("However, ...", "But ...", "The government then
stated ...") reads as nonsense without its predecessor: a summary may show it
only right after that predecessor. The word lists are English; in other
languages no sentence counts as dangling.

A dateline is the place, date or agency a wire story opens with ("Tuesday,
January 18, 2005", "TEXAS, US –", "LONDON (Reuters) -", "WASHINGTON (AP) _",
"BEIJING, October 2 (Xinhua) --"). Ingest often glues it
to the first sentence ("...2005Through a telethon, ..."); :func:`dateline_length`
finds it so that candidates start after it.
"""

from __future__ import annotations

import re

_PRONOUNS = frozenset(
    "he she it they we his her its their them him these those this that such".split()
)
"""Opening words that point back: the referent is in an earlier sentence."""
_CONNECTIVES = frozenset(
    """
    however but and or also meanwhile moreover furthermore nevertheless nonetheless still yet so
    thus hence therefore instead besides additionally otherwise then later afterwards afterward
    subsequently consequently likewise similarly accordingly indeed again too both another others
    nor finally
    """.split()
)
"""Opening words that continue an argument begun before."""
_PHRASES = (
    "in addition", "as a result", "at the same time", "on the other hand", "in turn", "by then",
    "for example", "for instance", "in fact", "even so", "after that", "despite this", "because of this",
    "the same", "the latter", "the other", "other than that", "apart from this",
    "in response", "until then", "since then", "before that", "prior to that", "at that time",
)
_EARLY_MARKERS = frozenset({"then", "also", "however", "meanwhile", "instead", "though"})
"""Words that, in a sentence's first few words, tie it to a previous one ("The Iranian government then stated")."""
EARLY_WORDS = 6
"""How far into a sentence an early marker still ties it to the previous one."""
_TIMES = frozenset(
    """
    year year's years week week's weekend month month's morning afternoon evening night season summer winter
    spring autumn fall time century decade
    """.split()
)
"""Nouns after "this", "that", "these" or "those" that make a time, not a reference ("This year's session")."""
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
_PUNCTUATION = ",.;:!?\"'“”‘’()[]—–"
"""Stripped from a word's ends ("However," is "however"); a hyphen is kept: "then-President" is no connective."""

_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})"
)
_PLACE = r"[A-Z][\w.'’-]*(?:,? [A-Z][\w.'’-]*){0,4}"  # "TEXAS, US", "Meadow Lake, Saskatchewan"
_DATE_STARTS = frozenset("Mon Tue Wed Thu Fri Sat Sun Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())
_DAY = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)"  # "October 2", "Oct. 2, 1998"
_AGENCY = r"\([A-Z][\w .&'-]{0,30}\)"  # "(AP)", "(Reuters)", "(Xinhua)"
_DATELINE = re.compile(
    rf"(?:{_DATE}"  # "Tuesday, January 18, 2005" (often glued to the next word)
    rf"|{_PLACE}(?:,\s*{_DAY})?(?:\s*{_AGENCY})?(?:,\s*{_DATE})?\s+(?:[–—-]{{1,2}}|_)(?=\s))"  # "... (AP) _"
    r"\s*"
)
_AGENCY_ONLY = re.compile(r"[A-Z][A-Z .,'’-]{1,40}\s*\([A-Z][\w .&'-]{0,30}\)\s*[–—:-]?\s*")
"""``LONDON (Reuters) The ...``: upper-case place and agency, dash optional."""


def dangling(text: str, language: str = "english") -> bool:
    """True when ``text`` opens on a pronoun or connective whose referent is in an earlier sentence."""
    if language != "english":
        return False
    head = text[:80].lower()
    words = head.split(None, 2)
    if not words:
        return False
    first = words[0].strip(_PUNCTUATION)
    if first in _DEMONSTRATIVES and len(words) > 1 and words[1].strip(_PUNCTUATION) in _TIMES:
        return False
    if first in _PRONOUNS or first in _CONNECTIVES or head.startswith(_PHRASES):
        return True
    if not any(marker in head for marker in _EARLY_MARKERS):  # most sentences: one C search each
        return False
    early = [w.strip(_PUNCTUATION) for w in head.split(None, EARLY_WORDS)[1:EARLY_WORDS]]
    return not _EARLY_MARKERS.isdisjoint(early)


def dateline_length(text: str) -> int:
    """Characters of the dateline ``text`` opens with (0 when none), so that the sentence starts after it.

    A place dateline counts only when what follows starts like a sentence
    (a capital letter or a quotation mark), so that a sentence beginning with
    a name and a dash ("Hasib Hussain – the youngest ...") keeps its subject.
    """
    head = text[:60]
    if not (head[:3] in _DATE_STARTS or head[:1].isdigit() or "–" in head or "—" in head or " -" in head
            or "(" in head or " _ " in head):
        return 0  # no date first and no dash or agency near the start: most sentences, found cheaply
    for pattern in (_DATELINE, _AGENCY_ONLY):
        match = pattern.match(text)
        if match is None:
            continue
        rest = text[match.end():]
        if rest[:1].isupper() or rest[:1] in "\"“'‘":
            return match.end()
    return 0
