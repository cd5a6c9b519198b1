"""What the window says about the corpus on screen: its title and its status line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from nlp.types import Analysis

APP_NAME = "Topic Digest"
SAMPLE_NAME = "Sample corpus"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def corpus_name(paths: Sequence[str]) -> str:
    """Name the corpus read from ``paths``: its folder or file, the sample, or "a.txt and 2 more"."""
    if not paths:
        return ""
    from nlp.errors import InputError
    from nlp.sample import sample_paths

    try:
        if [str(p) for p in sample_paths()] == [str(p) for p in paths]:
            return SAMPLE_NAME
    except InputError:  # no sample in this installation: the paths are the user's
        pass
    first = Path(paths[0]).name or str(paths[0])
    return first if len(paths) == 1 else f"{first} and {len(paths) - 1} more"


def window_title(name: str, analysis: Analysis | None) -> str:
    """"news — 100 articles — Topic Digest"; the app's name alone while nothing is shown.

    The ``[*]`` after the name is Qt's placeholder: an asterisk while the window has unsaved edits.
    """
    if analysis is None or not name:
        return f"{APP_NAME}[*]"
    return f"{name}[*] — {_count(len(analysis.articles), 'article')} — {APP_NAME}"


def analysis_status(analysis: Analysis) -> str:
    """"5 articles in 2 topics, 1 file skipped", then what the analysis notes (fewer topics than asked)."""
    text = f"{_count(len(analysis.articles), 'article')} in {_count(len(analysis.clusters), 'topic')}"
    if analysis.skipped:
        text += f", {_count(len(analysis.skipped), 'file')} skipped"
    return "; ".join((text, *analysis.notes))


def cancelled_status(name: str, analysis: Analysis | None) -> str:
    """Say that the run stopped, and which result stays on screen."""
    if analysis is None:
        return "Cancelled; nothing is open"
    return f"Cancelled; showing the previous result: {name}, {analysis_status(analysis)}"


def no_match_status(query: str) -> str:
    """The status line while the filter matches no topic and no article."""
    return f"No match for “{query.strip()}”"
