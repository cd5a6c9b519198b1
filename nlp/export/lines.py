"""Text made safe for a terminal or a line-based format: no control characters, no line break of its own."""

from __future__ import annotations

import re

_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
# C0 and C1 controls (ESC starts terminal sequences: colours, titles, OSC 8 links), DEL, and the
# bidirectional embeddings, overrides and isolates that can make shown text differ from its order.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """``text`` as one line: each run of line breaks is a space, tabs are spaces, controls are gone.

    For fields that a line-based output (a Markdown list item, a heading, a
    warning) shows on one line: a newline in a title must not start a block
    of its own.
    """
    return _CONTROLS.sub("", _BREAKS.sub(" ", text)).replace("\t", " ")
