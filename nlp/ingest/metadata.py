"""Metadata lines of scraped articles: bylines, dates, credits and datelines.

Each recogniser takes one line (or the start of a paragraph) and returns what
it found, or None. They look at the *shape* of a line (a "By" and a name, a
date after a field name, a parenthesised agency); only a wire credit with no
place before it ("AP - ") needs the agency's name (:data:`WIRES`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.ingest.dates import ISO_DATE, WRITTEN_DATE, parse_date
from nlp.ingest.dates import MONTH as _MONTH_PATTERN

_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|da|del|der|bin|al-\w+))*"
BYLINE = re.compile(
    rf"^\s*(?:By|BY|Written by|Reporting by|Words by)\s*:?\s+(?P<name>{_NAME}"
    rf"(?:\s*(?:,|and|&)\s*{_NAME})*)\s*(?:[(<\[]?\s*(?P<email>[\w.+-]+@[\w-]+\.[\w.-]+)\s*[)>\]]?)?"
    r"\s*(?:[,|/–—-]\s*(?P<org>[\w .'&-]{2,40}))?\s*$"
)
EMAIL_ONLY = re.compile(r"^\s*[(<\[]?\s*(?:e-?mail\s*:?\s*)?[\w.+-]+@[\w-]+\.[\w.-]+\s*[)>\]]?\s*$", re.I)
# "Published : March 24, 2021 - 15:07", "date 2025-07-10", "Updated: 2024-01-02 10:00".
FIELD_DATE = re.compile(
    r"^\s*(?P<field>published(?:\s+on)?|updated|posted(?:\s+on)?|date|dated|last\s+updated|modified)"
    r"\s*[:：-]?\s*(?P<value>.+?)\s*$",
    re.I,
)
# Credits: "(Yonhap)", "(Yonhap) (Yonhap)", "(AP)", "(IANS)".
_AGENCY = r"\((?P<agency>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\)"
CREDIT_LINE = re.compile(rf"^\s*(?:{_AGENCY}\s*)+$")
TRAILING_CREDIT = re.compile(rf"(?<=[.!?\"”’])\s*{_AGENCY}\s*$")
# Datelines opening a story: "Kuala Lumpur, July 10 (IANS)", "SEOUL, March 24 (Yonhap) --",
# "WASHINGTON (AP) —".
DATELINE = re.compile(
    rf"^\s*(?P<place>[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){{0,3}}(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?)?)"
    rf"(?:,\s*(?P<date>{WRITTEN_DATE.pattern}))?\s*{_AGENCY}\s*(?:[-–—:]+\s*)?"
)
# A wire credit opening the text without a place, as feeds publish them: "AP - ", "Reuters - ",
# "USATODAY.com - ", "(Sports Network) - ". Named agencies only: "Hurricane Frances - The storm" is no credit.
WIRES = (r"AP|AFP|Reuters|UPI|dpa|DPA|Xinhua|EFE|ANSA|Kyodo|Yonhap|IANS|PTI|ANI|Bloomberg|TASS|Interfax"
         r"|Canadian Press|Associated Press|Press Association")
"""Wire agencies a feed credits by name alone."""
WIRE_CREDIT = re.compile(
    rf"^\s*(?:(?P<agency>{WIRES}|[A-Za-z][\w-]*\.(?:com|net|org|co\.uk))"
    rf"|\((?P<inner>{WIRES}|[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){{1,3}})\))\s+[-–—]{{1,2}}\s+(?=[A-Z\"“‘])"
)
# A wire credit closing a feed's headline: "Stocks rise on oil (Reuters)".
TITLE_CREDIT = re.compile(rf"\((?P<agency>{WIRES})\)$")
# A dateline of a place alone, in capitals, then a dash: "NEW YORK - ", "BAGHDAD, Iraq -- ", "WASHINGTON - ".
# One word alone must have five letters or more: "NASA - ", "OPEC - ", "FBI - " open sentences.
PLACE_DATELINE = re.compile(
    r"^\s*(?:[A-Z]{2,}(?:[ .'-][A-Z]{2,}){1,3}|[A-Z]{2,}(?=,)|[A-Z]{5,})"
    r"(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?)?\s+[-–—]{1,2}\s+(?=[A-Z\"“‘])"
)
# A field name and a date value opening a paragraph: "date 2025-07-10 Kuala Lumpur ...".
LEADING_FIELD_DATE = re.compile(
    rf"^\s*(?:published|updated|posted|date|dated)\s*[:：]?\s*(?P<date>{ISO_DATE.pattern}|{WRITTEN_DATE.pattern})"
    r"(?:\s*[-–,]?\s*\d{1,2}:\d{2}(?::\d{2})?)?\s+",
    re.I,
)

# A dated line run into the story, its space lost: "Tuesday, January 18, 2005Through a telethon, ...".
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
LEADING_DATE = re.compile(
    rf"^\s*(?:{_WEEKDAY},?\s+)?(?P<date>{_MONTH_PATTERN}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH_PATTERN},?\s+\d{{4}}|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}})"
    r"(?:\s*[-–—:|]+\s*|\s+|(?=[A-Z\"“‘]))(?=[A-Z\"“‘])"
)
_TITLE_DATE = re.compile(r"^\s*(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:\s*[-–—:|]\s*|\s+)(?=\S)")


@dataclass(frozen=True)
class Found:
    """Metadata read from one line; None where the line says nothing."""

    author: str | None = None
    date: str | None = None
    source: str | None = None


def read_metadata_line(line: str) -> Found | None:
    """Return the metadata a whole line holds, or None if it is not a metadata line.

    Examples
    --------
    >>> read_metadata_line("By Lee Ji-yoon (jylee@heraldcorp.com)")
    Found(author='Lee Ji-yoon', date=None, source=None)
    >>> read_metadata_line("Published : March 24, 2021 - 15:07").date
    '2021-03-24'
    """
    if len(line) > 160:
        return None
    byline = BYLINE.match(line)
    if byline:
        return Found(author=byline.group("name").strip())
    if EMAIL_ONLY.match(line):
        return Found()
    field = FIELD_DATE.match(line)
    if field:
        date = parse_date(field.group("value"))
        if date:
            return Found(date=date)
    credit = CREDIT_LINE.match(line)
    if credit:
        return Found(source=credit.group("agency"))
    stripped = line.strip()
    if len(stripped) <= 40 and (ISO_DATE.fullmatch(stripped) or _only_date(stripped)):
        return Found(date=parse_date(stripped))
    return None


def _only_date(text: str) -> bool:
    """True when ``text`` is a written date and nothing else ("Saturday, January 8, 2005")."""
    match = WRITTEN_DATE.search(text)
    if not match:
        return False
    rest = (text[: match.start()] + text[match.end() :]).strip(" ,.-")
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    return rest == "" or rest.lower() in weekdays or bool(re.fullmatch(r"[\d:apm. ]+", rest.lower()))


def strip_leading_metadata(paragraph: str) -> tuple[str, Found]:
    """Remove a field date and a dateline that open ``paragraph``; return the rest and them.

    ``"date 2025-07-10 Kuala Lumpur, July 10 (IANS) South Korea ..."`` gives
    ``"South Korea ..."`` with date ``2025-07-10`` and source ``IANS``; a
    weekday and date run into the text ("Tuesday, January 18, 2005Through
    ...") are cut the same way, and so are a feed's wire credit ("AP - ",
    source ``AP``) and a place alone in capitals ("NEW YORK - ").
    """
    date = source = None
    field = LEADING_FIELD_DATE.match(paragraph) or LEADING_DATE.match(paragraph)
    if field and field.end() < len(paragraph):
        date = parse_date(field.group("date"))
        paragraph = paragraph[field.end() :]
    dateline = DATELINE.match(paragraph)
    if dateline and dateline.end() < len(paragraph):
        rest = paragraph[dateline.end() :]
        if rest[:1].isupper() or rest[:1] in "\"“'‘":
            source = dateline.group("agency")
            if not date and dateline.group("date"):
                date = parse_date(dateline.group("date"))
            paragraph = rest
            return paragraph, Found(date=date, source=source)
    credit = WIRE_CREDIT.match(paragraph)
    if credit and credit.end() < len(paragraph):
        return paragraph[credit.end() :], Found(date=date, source=credit.group("inner") or credit.group("agency"))
    place = PLACE_DATELINE.match(paragraph)
    if place and place.end() < len(paragraph):
        paragraph = paragraph[place.end() :]
    return paragraph, Found(date=date, source=source)


def split_title_date(title: str) -> tuple[str, str | None]:
    """Remove a date stamped before a title ("2005/01/08 Tsunami aid ..."); return the title and the date."""
    match = _TITLE_DATE.match(title)
    if not match:
        return title, None
    date = parse_date(match.group("date"))
    return (title[match.end() :], date) if date else (title, None)


def strip_title_credit(title: str) -> tuple[str, str | None]:
    """Remove a wire credit closing a headline ("Stocks rise on oil (Reuters)"); return the title and the agency."""
    stripped = title.rstrip()
    start = max(0, len(stripped) - 40)  # the credit is short: never search a long title
    match = TITLE_CREDIT.search(stripped, start) if stripped.endswith(")") else None
    kept = stripped[: match.start()].rstrip() if match else ""
    if not match or not kept:
        return title, None
    return kept, match.group("agency")


def strip_trailing_credit(paragraph: str) -> tuple[str, str | None]:
    """Remove a credit closing ``paragraph`` ("... other efforts. (Yonhap)")."""
    if not paragraph.rstrip().endswith(")"):  # every credit ends so; the regex alone tries every position
        return paragraph, None
    match = TRAILING_CREDIT.search(paragraph)
    if not match:
        return paragraph, None
    return paragraph[: match.start()].rstrip(), match.group("agency")
