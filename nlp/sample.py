"""The built-in sample corpus (seeds/), found in a source checkout and in an installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from nlp.errors import InputError


def sample_dir() -> Path:
    """Return the folder holding the sample articles.

    In a wheel the seeds are packaged as ``nlp/_sample``; in a source
    checkout they are the top-level ``seeds/`` folder.
    """
    packaged = Path(str(resources.files("nlp") / "_sample"))
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "seeds"
    if checkout.is_dir():
        return checkout
    raise InputError("the sample corpus is missing from this installation; reinstall topic-digest")


def sample_paths() -> list[Path]:
    """Return the sample articles' files, sorted (the folder's README is not an article)."""
    return sorted(p for p in sample_dir().glob("*.txt"))
