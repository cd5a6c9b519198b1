"""Find the input files under folders and read them safely: regular files only, size bounded on bytes read.

A folder may hold anything: a FIFO (opening or reading it blocks), ``/dev/zero``
linked as ``x.txt`` (endless, with a size of 0), symlinked folders that loop,
folders the user may not list, names that are not UTF-8. Each such entry ends
as a :class:`~nlp.types.Skipped` with its reason; nothing here blocks or grows
without bound.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from nlp.errors import InputError
from nlp.ingest.decode import valid_unicode
from nlp.types import Skipped

_READ_CHUNK = 1 << 20


class UnreadableFile(OSError):
    """A file that is not read: not a regular file, too large, or refused by the system; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def display_name(path: str | os.PathLike[str]) -> str:
    """``path`` as valid Unicode: bytes that are not UTF-8 (and lone surrogates) become U+FFFD.

    Python keeps such bytes of a file name as lone surrogates
    (``surrogateescape``), which no UTF-8 output can hold; the real name stays
    in the :class:`~pathlib.Path` used for reading.
    """
    return valid_unicode(os.fspath(path))


def file_kind(mode: int) -> str:
    """What a file of ``st_mode`` is, in words, for skip reasons."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_regular(path: Path, limit: int) -> bytes:
    """Return the bytes of the regular file ``path``, at most ``limit`` of them.

    The type is checked twice: on the name (so a device or FIFO is never even
    opened: opening some devices has effects) and on the opened descriptor
    (``fstat``; the name may have changed in between). The file is opened
    non-blocking, so a FIFO that appears between the two checks cannot hang
    the open. The limit is enforced on the bytes actually read, not on
    ``st_size``, which a growing file or a special file does not tell truly.

    Raises
    ------
    UnreadableFile
        Not a regular file, or larger than ``limit``.
    OSError
        When the system refuses (missing, permission, symlink loop ...).
    """
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise UnreadableFile(f"{file_kind(mode)}, not a regular file")
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"{file_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise UnreadableFile(_too_large(info.st_size, limit))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(max(info.st_size + 1 - total, 1 << 16), _READ_CHUNK, limit + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise UnreadableFile(_too_large(None, limit))
    finally:
        os.close(fd)


def _too_large(size: int | None, limit: int) -> str:
    mb = 1024 * 1024
    shown = f"{limit // mb} MB" if limit % mb == 0 else f"{limit:,} bytes"
    if size is None:
        return f"too large (more than the {shown} limit when read)"
    return f"too large ({size / mb:.1f} MB; the limit is {shown})"


@dataclass(frozen=True)
class Found:
    """The files under some inputs (sorted), and the inputs and folders that cannot be used."""

    files: list[Path]
    skipped: list[Skipped]


def find_files(paths: Iterable[str | os.PathLike[str]], *, max_files: int,
               skip_names: tuple[str, ...] = ()) -> Found:
    """List the files of ``paths``: named files as they are, folders recursively.

    Hidden entries and names starting (case-insensitively) with one of
    ``skip_names`` are left out of folders. Symlinked folders are followed,
    each real folder read once: a link back to a folder being read (a loop)
    or to one read already is reported, as is a folder that cannot be listed.
    Entries that are not folders are listed whatever their type; reading
    checks it (:func:`read_regular`).

    Raises
    ------
    InputError
        When the inputs hold more than ``max_files`` files.
    """
    files: set[Path] = set()
    skipped: list[Skipped] = []
    seen: dict[tuple[int, int], Path] = {}
    for raw in paths:
        path = Path(raw)
        name = display_name(path)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            reason = "no such file or folder" if not os.path.islink(path) else "a broken symbolic link"
            skipped.append(Skipped(name, f"{name}: {reason}"))
            continue
        except OSError as exc:
            skipped.append(Skipped(name, f"{name}: cannot be read ({exc.strerror or exc})"))
            continue
        if not stat.S_ISDIR(info.st_mode):
            files.add(path)
            continue
        _walk(path, (info.st_dev, info.st_ino), files, skipped, seen, max_files, skip_names)
    return Found(sorted(files), skipped)


def _walk(top: Path, top_id: tuple[int, int], files: set[Path], skipped: list[Skipped],
          seen: dict[tuple[int, int], Path], max_files: int, skip_names: tuple[str, ...]) -> None:
    """Add the files under ``top`` depth first; ``seen`` maps each real folder read to its first path."""
    if top_id in seen:  # named twice, or inside a folder named before: its files are listed already
        return
    seen[top_id] = top
    stack: list[tuple[Path, tuple[tuple[int, int], ...]]] = [(top, (top_id,))]
    while stack:
        folder, ancestors = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            name = display_name(folder)
            skipped.append(Skipped(name, f"{name}: folder cannot be read ({exc.strerror or exc})"))
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if _is_dir(entry):
                try:
                    info = os.stat(path)
                except OSError as exc:
                    name = display_name(path)
                    skipped.append(Skipped(name, f"{name}: folder cannot be read ({exc.strerror or exc})"))
                    continue
                key = (info.st_dev, info.st_ino)
                if key in seen:
                    _report_again(path, seen[key], ancestors, skipped, key)
                    continue
                seen[key] = path
                stack.append((path, (*ancestors, key)))
            elif not entry.name.lower().startswith(skip_names):
                files.add(path)
                if len(files) > max_files:  # stop walking at once rather than list millions
                    raise InputError(
                        f"{display_name(top)}: more than {max_files:,} files; Topic Digest reads at most "
                        f"{max_files:,} files in one run: choose a sub-folder"
                    )


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symbolic links
    except OSError:
        return False


def _report_again(path: Path, first: Path, ancestors: tuple[tuple[int, int], ...], skipped: list[Skipped],
                  key: tuple[int, int]) -> None:
    name = display_name(path)
    if key in ancestors:
        reason = f"{name}: folder loop (links back to {display_name(first)}); not followed"
    else:
        reason = f"{name}: the same folder as {display_name(first)}, read once"
    skipped.append(Skipped(name, reason))
