"""The settings file shared by the GUI (which writes it) and the CLI (``--config FILE``)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

from nlp.errors import OptionsError
from nlp.export.atomic import atomic_write_text
from nlp.types import Options, check_options


def options_from_mapping(data: dict[str, Any], *, origin: str = "settings") -> Options:
    """Build Options from a mapping; unknown keys and values their rule refuses raise OptionsError naming ``origin``.

    Each value is checked alone (:func:`nlp.types.check_options`): flags given
    with the file may still override one, so the options as a whole are
    checked where they are used.
    """
    known = {f.name for f in fields(Options)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise OptionsError(f"{origin}: unknown setting {unknown[0]!r}; known: {', '.join(sorted(known))}")
    for key, value in data.items():
        try:
            check_options(**{key: value})
        except OptionsError as exc:
            raise OptionsError(f"{origin}: {exc}") from None
    if isinstance(data.get("granularity"), int):
        data = {**data, "granularity": float(data["granularity"])}
    return replace(Options(), **data)


def load_options(path: str | os.PathLike[str]) -> Options:
    """Read a settings file written by :func:`save_options` (or by hand).

    Raises
    ------
    OptionsError
        When the file is missing, is not JSON, or holds an unknown setting.
    """
    from nlp.ingest.jsonsafe import loads_bounded  # here: importing nlp.ingest loads every reader, and the GUI imports this early

    path = Path(path)
    try:
        data = loads_bounded(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise OptionsError(f"cannot read settings file {path}: {exc.strerror or exc}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise OptionsError(f"settings file {path} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise OptionsError(f"settings file {path} must hold a JSON object")
    data.pop("schema", None)
    return options_from_mapping(data, origin=str(path))


def save_options(options: Options, path: str | os.PathLike[str]) -> Path:
    """Write ``options`` as a JSON settings file, atomically."""
    text = json.dumps({"schema": "topic-digest-settings/1", **asdict(options)}, indent=2) + "\n"
    return atomic_write_text(Path(path), text)
