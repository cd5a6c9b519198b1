"""JSON parsing with bounded nesting: a 2 KB file nested 1,000 deep is an error, not a RecursionError."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import numpy as np

MAX_DEPTH = 100
"""Deepest nesting of arrays and objects accepted; articles need a handful of levels."""

_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)  # an unclosed string runs to the end: one pass
_STEP = np.zeros(256, dtype=np.int8)
_STEP[[ord("["), ord("{")]] = 1
_STEP[[ord("]"), ord("}")]] = -1


class JSONTooDeep(json.JSONDecodeError):
    """The document nests arrays and objects deeper than :data:`MAX_DEPTH`.

    A :class:`json.JSONDecodeError`, so every caller that handles malformed
    JSON handles this too, with the line and column where the limit is passed.
    """


def loads_bounded(text: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """:func:`json.loads` for untrusted ``text``, refusing nesting deeper than ``max_depth``.

    Python's parser recurses once per level and raises :class:`RecursionError`
    (not a decoding error) near 1,000 levels, and code walking a parsed
    document recurses again. The depth is found first, without recursion:
    strings are blanked out (brackets in them do not count), then the running
    sum of opening minus closing brackets is taken with numpy.

    Raises
    ------
    JSONTooDeep
        When the nesting is deeper than ``max_depth``.
    json.JSONDecodeError
        When ``text`` is not JSON.
    """
    if text.count("[") + text.count("{") > max_depth:  # a short cut: most documents nest little
        _check_depth(text, max_depth)
    return loads_whole_numbers(text)


def loads_whole_numbers(text: str) -> Any:
    """:func:`json.loads`, with integers past Python's conversion limit kept as their digits (text).

    Python refuses to convert more than 4,300 digits (a guard against slow
    conversions) with a plain ValueError, which would cost the whole file; a
    number that long is no date, count or id any field needs, and its record
    keeps its text. Read again only then: converting every integer by hand
    costs a large session a tenth of a second.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError:
        return json.loads(text, parse_int=_whole_number)


def _whole_number(digits: str) -> int | str:
    if len(digits.lstrip("-")) > _MAX_DIGITS:
        return digits
    return int(digits)


_MAX_DIGITS = sys.get_int_max_str_digits() or sys.maxsize  # 0: no limit


def _check_depth(text: str, max_depth: int) -> None:
    # UTF-8 bytes past the first of a character are never ASCII, so counting bytes counts brackets
    data = np.frombuffer(_STRINGS.sub('""', text).encode("utf-8", "surrogatepass"), dtype=np.uint8)
    steps = _STEP[data]
    depth = np.cumsum(steps[steps != 0], dtype=np.int64)
    too_deep = depth > max_depth
    if not too_deep.any():
        return
    position = _position_of_bracket(text, int(too_deep.argmax()))
    raise JSONTooDeep(f"nested more than {max_depth} levels deep", text, position)


def _position_of_bracket(text: str, index: int) -> int:
    """Offset in ``text`` of its ``index``-th bracket outside strings (counting from 0)."""
    seen = 0
    for match in re.finditer(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', text, re.DOTALL):
        if match.group()[0] != '"':
            if seen == index:
                return match.start()
            seen += 1
    return len(text)
