"""Summary method names, importable without the summarisers (the GUI lists them before sumy loads)."""

from __future__ import annotations

METHOD_NAMES: tuple[str, ...] = (
    "centroid", "lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "edmundson", "reduction",
)
"""Every key of :data:`nlp.summarize.selection.METHODS`, in menu order (a test keeps the two equal)."""
