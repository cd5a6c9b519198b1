"""Persistent settings (QSettings): window layout, recent files, last folders and analysis options.

The analysis options are also written as JSON to ``settings.json`` beside the QSettings file,
the file ``topic-digest summarize --config`` reads.
"""

from __future__ import annotations

import logging
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from nlp.types import Options

MAX_RECENT = 10


class Settings:
    """Typed access to the app's QSettings.

    Parameters
    ----------
    settings : QSettings, optional
        Where to keep them; the application's default location when omitted.
    """

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings if settings is not None else QSettings()

    def options(self) -> Options:
        """Analysis options saved last time (defaults where absent, unreadable or refused by ``Options.validate``)."""
        defaults = Options()
        values: dict[str, Any] = {}
        for f in fields(Options):
            raw = self._s.value(f"options/{f.name}")
            if raw is None:
                continue
            default = getattr(defaults, f.name)
            try:
                if raw in ("", "@Invalid()", "none"):
                    values[f.name] = None
                elif isinstance(default, float):
                    values[f.name] = float(raw)
                elif isinstance(default, str):
                    values[f.name] = str(raw)
                else:
                    values[f.name] = int(raw)
            except (TypeError, ValueError):
                continue
        try:
            from nlp.config import options_from_mapping

            return options_from_mapping(values).validate()
        except ValueError:  # OptionsError: the analysis would refuse them
            return defaults

    def set_options(self, options: Options) -> None:
        """Remember ``options``, and write them to :meth:`options_file` for ``topic-digest --config``."""
        from nlp.config import save_options
        from nlp.errors import ExportError

        for f in fields(Options):
            value = getattr(options, f.name)
            self._s.setValue(f"options/{f.name}", "none" if value is None else value)
        try:
            save_options(options, self.options_file())
        except ExportError as exc:  # the app goes on; the CLI simply cannot share the options
            logging.getLogger("topic_digest").warning("settings file not written: %s", exc)

    def options_file(self) -> Path:
        """The JSON settings file beside the app's settings (``~/.config/Topic Digest/settings.json``)."""
        return Path(self._s.fileName()).parent / "settings.json"

    def recent(self) -> list[list[str]]:
        """Recently opened corpora, newest first; each a list of paths."""
        raw = self._s.value("recent", [])
        items = raw if isinstance(raw, list) else [raw]
        return [str(item).split("\n") for item in items if item]

    def add_recent(self, paths: list[str]) -> None:
        """Put ``paths`` first in the recent list."""
        key = "\n".join(paths)
        items = ["\n".join(p) for p in self.recent() if "\n".join(p) != key]
        self._s.setValue("recent", [key, *items][:MAX_RECENT])

    def recent_sessions(self) -> list[str]:
        """Session files opened or saved, most recent first."""
        raw = self._s.value("recent_sessions", [])
        return [str(p) for p in ([raw] if isinstance(raw, str) else raw or [])]

    def add_recent_session(self, path: str) -> None:
        """Put ``path`` first in the recent sessions."""
        items = [p for p in self.recent_sessions() if p != path]
        self._s.setValue("recent_sessions", [path, *items][:MAX_RECENT])

    def last_folder(self) -> str:
        """The folder the last file dialog was in."""
        return str(self._s.value("last_folder", "") or "")

    def set_last_folder(self, folder: str) -> None:
        """Remember the folder of the last file dialog."""
        self._s.setValue("last_folder", folder)

    def export_folder(self) -> str:
        """Where the Export dialog opens: the folder of the last export, else Documents, else home.

        It does not follow the Open dialogs: a digest saved among the articles
        is not an article, and the folder opened last may be one that failed.
        """
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        for folder in (str(self._s.value("last_export_folder", "") or ""), documents):
            if folder and Path(folder).is_dir():
                return folder
        return str(Path.home())

    def set_export_folder(self, folder: str) -> None:
        """Remember the folder a digest was last exported to."""
        self._s.setValue("last_export_folder", folder)

    def byte_array(self, key: str) -> QByteArray | None:
        """A saved geometry or splitter state."""
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_byte_array(self, key: str, value: QByteArray) -> None:
        """Save a geometry or splitter state."""
        self._s.setValue(key, value)

    def sync(self) -> None:
        """Write to disk now."""
        self._s.sync()


def with_summary(options: Options, method: str, sentences: int, words: int) -> Options:
    """``options`` with the summary controls' values (0 means unused)."""
    return replace(options, method=method, sentences=sentences or None, words=words or None)
