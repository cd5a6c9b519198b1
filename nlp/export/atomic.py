"""Atomic file writes: the new file is made beside the target, then renamed over it; nothing else is replaced.

The target must be a regular file or a new name: writing "onto" a device, a
FIFO or a folder is refused (renaming over ``/dev/null`` would replace the
system's). A symbolic link is followed, so the file it names is replaced and
the link stays. Where Linux offers ``O_TMPFILE`` the new file has no name
until it is complete, so nothing is left behind even by ``kill -9``; elsewhere
a hidden temporary file is removed on any failure, including the exception a
signal handler raises (the CLI turns SIGTERM and SIGHUP into one), and one
left by a killed process is removed by the next write of the same file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from nlp.errors import ExportError

_HEAD_BYTES = 8192
"""What :func:`_own_output` reads of a file: its mark is in its first 2,000 characters."""
_ENDING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
                        if hasattr(signal, name))


def writable_target(path: str | os.PathLike[str], *, keep: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """The file that writing ``path`` replaces: ``path`` itself, or what its symbolic links name.

    Parameters
    ----------
    path : str or path-like
        The output file the user named.
    keep : iterable of str or path-like
        Files and folders that must not be replaced (the run's inputs): the
        target may be none of them, nor a file inside one of the folders.

    Raises
    ------
    ExportError
        When the target exists and is not a regular file, or is one of ``keep``.
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        from nlp.ingest.files import file_kind

        raise ExportError(f"cannot write {path}: it is {file_kind(info.st_mode)}; give a regular file or a new name")
    for kept in keep:
        reason = _input_reason(Path(kept), target, info)
        if reason:
            raise ExportError(f"cannot write {path}: {reason}; choose another output file")
    return target


def _input_reason(kept: Path, target: Path, info: os.stat_result) -> str:
    """Why ``target`` belongs to the input ``kept`` (it is that file, or lies in that folder), else ``""``."""
    from nlp.ingest.files import display_name

    try:
        kept_info = os.stat(kept)
    except OSError:
        return ""
    if (kept_info.st_dev, kept_info.st_ino) == (info.st_dev, info.st_ino):
        return "it is an input of this analysis"
    if stat.S_ISDIR(kept_info.st_mode) and Path(os.path.realpath(kept)) in target.parents and not _own_output(target):
        return f"it lies in {display_name(kept)}, an input folder of this analysis"
    return ""


def _own_output(target: Path) -> bool:
    """Whether ``target`` is a digest or session this app wrote, which ingest skips: replacing it loses no article.

    A scheduled ``summarize ~/news -o ~/news/digest.md`` then replaces its own
    digest of the day before.
    """
    from nlp.export.marker import is_export

    try:
        with open(target, "rb") as file:
            head = file.read(_HEAD_BYTES)
    except OSError:
        return False
    return is_export(head.decode("utf-8", "replace"))


def atomic_write_text(path: Path, text: str, *, encoding: str = "utf-8",
                      keep: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half.

    The text goes to a new file in the target's folder (so the final rename
    stays on one file system), is flushed and synced, then replaces the
    target (see :func:`writable_target`). On any failure the new file is
    removed and the target is untouched. Returns ``path``.

    Raises
    ------
    ExportError
        Naming ``path`` and the reason.
    """
    path = Path(path)
    target = writable_target(path, keep=keep)
    data = text.encode(encoding)
    try:
        _replace(target, data)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path


def _replace(target: Path, data: bytes) -> None:
    folder = target.parent
    mode = _mode_for(target)
    _remove_stale(folder, target.name)
    if not _replace_unnamed(folder, target, data, mode):
        _replace_named(folder, target, data, mode)
    with contextlib.suppress(OSError):  # the rename itself survives a crash once the folder is synced
        folder_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(folder_fd)
        finally:
            os.close(folder_fd)


def _replace_unnamed(folder: Path, target: Path, data: bytes, mode: int) -> bool:
    """Write an ``O_TMPFILE`` file, name it, rename it over ``target``; ``False`` where the system cannot.

    The file has no name until it is complete, so no signal, not even
    SIGKILL, can leave it behind; naming it needs ``/proc`` and a kernel
    that links such files across its own ``/proc`` (some sandboxes cannot).
    """
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return False
    try:
        fd = os.open(folder, flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return False  # this file system has no unnamed files
        raise
    tmp_name: str | None = None
    try:
        _write_all(fd, data, mode)
        with _signals_held():  # a polite signal between link and rename would leave the name
            try:
                tmp_name = _link_unnamed(fd, folder, target.name)
            except OSError as exc:
                if exc.errno in (errno.EXDEV, errno.EPERM, errno.ENOENT, errno.EOPNOTSUPP):
                    return False
                raise
            os.replace(tmp_name, target)
            tmp_name = None
        return True
    finally:
        os.close(fd)
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _replace_named(folder: Path, target: Path, data: bytes, mode: int) -> None:
    """Write a hidden temporary file beside ``target`` and rename it over; removed on any failure.

    Its name holds the writer's process id, so that one left by a process
    killed outright (SIGKILL, power loss) is removed by the next write of
    the same file once that process is gone.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    done = False
    try:
        try:
            _write_all(fd, data, mode)
        finally:
            os.close(fd)
        os.replace(tmp_name, target)
        done = True
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _remove_stale(folder: Path, name: str) -> None:
    """Remove the temporary files of ``name`` whose writing process no longer runs."""
    prefix = f".{name}."
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                continue
            pid = entry.name[len(prefix):].split(".", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _write_all(fd: int, data: bytes, mode: int) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.fchmod(fd, mode)
    os.fsync(fd)


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, else those a new file gets (0666 less the umask)."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _link_unnamed(fd: int, folder: Path, name: str) -> str:
    """Give the ``O_TMPFILE`` file ``fd`` a hidden name in ``folder`` (renamed over the target next)."""
    for attempt in range(100):
        tmp_name = os.path.join(folder, f".{name}.{os.getpid()}.{attempt}.tmp")
        try:
            os.link(f"/proc/self/fd/{fd}", tmp_name, follow_symlinks=True)
            return tmp_name
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "no free temporary name", str(folder))


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back the ending signals for a few system calls (delivered right after); a no-op where unsupported."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
