"""Digest writers shared by the CLI and the GUI: JSON, Markdown, HTML, CSV and plain text."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from nlp.run.bulk import bulk_allocations
from nlp.errors import ExportError, OptionsError
from nlp.export.atomic import atomic_write_text
from nlp.types import Analysis

FORMATS: tuple[str, ...] = ("json", "markdown", "html", "csv", "text")
"""Export format names, as the CLI's ``--format`` and the GUI's Export dialog offer them."""

EXTENSIONS: dict[str, str] = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".txt": "text",
    ".text": "text",
}
"""File extension -> format, for choosing the format from an output file name."""

SUFFIXES: dict[str, str] = {"json": ".json", "markdown": ".md", "html": ".html", "csv": ".csv", "text": ".txt"}
"""Format -> the usual file extension."""


def format_for_path(path: str | os.PathLike[str], default: str = "text") -> str:
    """Return the format an output file's extension implies, or ``default``."""
    return EXTENSIONS.get(Path(path).suffix.lower(), default)


def _renderer(fmt: str) -> Callable[[Analysis], str]:
    if fmt == "json":
        from nlp.export.jsonfmt import render_json as fn
    elif fmt == "markdown":
        from nlp.export.markdown import render_markdown as fn
    elif fmt == "html":
        from nlp.export.html import render_html as fn
    elif fmt == "csv":
        from nlp.export.csvfmt import render_csv as fn
    elif fmt == "text":
        from nlp.export.text import render_text as fn
    else:
        raise OptionsError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return fn


def render(analysis: Analysis, fmt: str) -> str:
    """Render ``analysis`` as a digest in format ``fmt`` (one of :data:`FORMATS`).

    Rendering makes about a million short-lived objects and no reference
    cycles, right after an analysis left millions of long-lived ones: with
    Python's default thresholds a full collection would walk them all here
    for nothing, hence :func:`~nlp.run.bulk.bulk_allocations`.
    """
    from nlp.ingest.decode import valid_unicode

    renderer = _renderer(fmt)
    with bulk_allocations():
        return valid_unicode(renderer(analysis))  # every digest encodes as UTF-8, whatever came in


def write(analysis: Analysis, path: str | os.PathLike[str], fmt: str | None = None, *,
          keep: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Write the digest to ``path`` atomically; the format defaults to the file's extension.

    A symbolic link is followed (its target is replaced); a device, FIFO or
    folder is refused, and so are a session's name (``.tdigest``), any of
    ``keep`` (the run's input files and folders: see
    :func:`nlp.export.atomic.writable_target`) and every file an article of
    ``analysis`` was read from.

    Raises
    ------
    ExportError
        When the file cannot be written; the message names the file and the
        reason, and any previous file at ``path`` is left as it was.
    """
    from nlp.session import is_session_path

    if is_session_path(path):
        raise ExportError(f"cannot write {path}: a digest is no session (.tdigest); "
                          f"name it {', '.join(SUFFIXES.values())}")
    sources = dict.fromkeys(a.path for a in analysis.articles if a.path)
    text = render(analysis, fmt or format_for_path(path, "json"))
    return atomic_write_text(Path(path), text, keep=[*keep, *sources])


__all__ = ["EXTENSIONS", "FORMATS", "SUFFIXES", "format_for_path", "render", "write"]
