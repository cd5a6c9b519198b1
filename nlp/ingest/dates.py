"""Dates found in article text to ISO 8601, keeping partial dates partial (dateutil)."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from dateutil import parser as dateparser

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
"""A month name, in full or abbreviated."""
# A date written out, with or without weekday and year: "March 24, 2021", "July 10",
# "10 July 2025", "Saturday, January 8, 2005".
WRITTEN_DATE = re.compile(
    rf"\b(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{MONTH}(?:,?\s+\d{{4}})?)\b"
)
ISO_DATE = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_YEAR = re.compile(r"\b\d{4}\b")
_CLOCK = re.compile(r"(?:^|[T\s,@-])([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?\s*([ap])?\.?m?\b", re.I)
_SENTINEL = datetime(1, 1, 1)


def parse_date(text: str) -> str | None:
    """Return the first date in ``text`` as ISO 8601, or None.

    ``"2021-03-24"`` for a full date; ``"--07-10"`` when the text gives no
    year ("July 10"): a missing year is never guessed.

    Examples
    --------
    >>> parse_date("Published : March 24, 2021 - 15:07")
    '2021-03-24'
    >>> parse_date("Kuala Lumpur, July 10 (IANS)")
    '--07-10'
    """
    if not text:
        return None
    if text.isdigit() and len(text) in (10, 13):  # Unix time in seconds or milliseconds (API exports)
        return datetime.fromtimestamp(int(text[:10]), tz=timezone.utc).date().isoformat()
    if text.isdigit() and len(text) == 8:  # "20240101"
        try:
            return datetime(int(text[:4]), int(text[4:6]), int(text[6:])).date().isoformat()
        except ValueError:
            return None
    iso = ISO_DATE.search(text)
    written = WRITTEN_DATE.search(text)
    if iso and (not written or iso.start() <= written.start()):
        year, month, day = (int(g) for g in iso.groups())
        try:
            return datetime(year, month, day).date().isoformat()
        except ValueError:
            return None
    if written:
        return _written(written.group(0))
    return _free_form(text)


def parse_time(text: str) -> str | None:
    """The time of day of a date-and-time value as ``"HH:MM"`` (24 hours), or None.

    Only a value that also holds a full date has a time: a clock alone is no
    moment. Unix times are read in UTC; a written time keeps its own zone.

    Examples
    --------
    >>> parse_time("2024-05-01T14:30:00Z")
    '14:30'
    >>> parse_time("Wed, 01 May 2024 09:05:00 +0000")
    '09:05'
    >>> parse_time("May 1, 2024 2:30 pm")
    '14:30'
    >>> parse_time("2024-05-01") is None
    True
    """
    if not text or not (parse_date(text) or "")[:1].isdigit():
        return None
    if text.isdigit() and len(text) in (10, 13):
        return datetime.fromtimestamp(int(text[:10]), tz=timezone.utc).strftime("%H:%M")
    clock = _CLOCK.search(text)
    if clock is None:
        return None
    hour, minute, half = int(clock.group(1)), int(clock.group(2)), (clock.group(3) or "").lower()
    if half and 1 <= hour <= 12:
        hour = hour % 12 + (12 if half == "p" else 0)
    return f"{hour:02d}:{minute:02d}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def display_date(value: str | None) -> str:
    """A date as readers see it: ISO dates as they are, a year-less ``"--07-10"`` as ``"10 July"``.

    Examples
    --------
    >>> display_date("--07-10")
    '10 July'
    >>> display_date("2021-03-24")
    '2021-03-24'
    """
    if not value:
        return ""
    partial = re.fullmatch(r"--(\d{2})-(\d{2})", value)
    if partial and 1 <= int(partial.group(1)) <= 12:
        return f"{int(partial.group(2))} {_MONTHS[int(partial.group(1)) - 1]}"
    return value


def _written(phrase: str) -> str | None:
    try:
        parsed = dateparser.parse(phrase, default=_SENTINEL)
    except (ValueError, OverflowError):
        return None
    if _YEAR.search(phrase):
        return parsed.date().isoformat()
    return f"--{parsed.month:02d}-{parsed.day:02d}"


def _free_form(text: str) -> str | None:
    """Structured metadata values ("2024-05-01T10:00:00Z", "Tue, 01 May 2024 ...")."""
    if len(text) > 64 or not _YEAR.search(text):
        return None
    try:
        parsed = dateparser.parse(text, default=_SENTINEL)
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed.year > 1 else None
