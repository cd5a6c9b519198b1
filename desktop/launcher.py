"""The standalone bundle's one executable: ``TopicDigest [PATH...]`` opens the window, ``TopicDigest summarize ...`` runs headless."""

from __future__ import annotations

import runpy
import sys
from collections.abc import Sequence

HEADLESS_COMMAND = "summarize"

_HELPER_MODULES = ("joblib.externals.loky.", "multiprocessing.")
"""Modules whose helper processes a frozen bundle must run itself (see :func:`run_helper_process`)."""


def run_helper_process(argv: Sequence[str]) -> bool:
    """Run the worker or resource-tracker process that ``argv`` asks for; False when it asks for none.

    joblib's loky starts its workers as ``sys.executable -m
    joblib.externals.loky.backend.popen_loky_posix ...`` and its resource
    tracker as ``sys.executable -c "from joblib.externals.loky... import
    main; main(...)"``. In the bundle ``sys.executable`` is this program, not
    a Python, so it must recognise those command lines and run them, or the
    workers would open windows or fail and every run would fall back to one
    process. On Windows loky starts a frozen worker as ``exe
    --multiprocessing-fork HANDLE``. Only loky's and multiprocessing's own
    commands are run.
    """
    import multiprocessing
    from subprocess import _args_from_interpreter_flags  # what loky puts before -c

    if sys.platform == "win32" and len(argv) == 2 and argv[0] == "--multiprocessing-fork" and argv[1].isdigit():
        from joblib.externals.loky.backend.popen_loky_win32 import main as loky_worker

        loky_worker(int(argv[1]))  # a frozen loky worker on Windows: exe --multiprocessing-fork HANDLE
        return True
    multiprocessing.freeze_support()  # PyInstaller's: multiprocessing's own tracker and workers
    flags = _args_from_interpreter_flags()
    argv = list(argv[len(flags):] if list(argv[: len(flags)]) == flags else argv)
    if len(argv) < 2 or argv[0] not in ("-m", "-c"):
        return False
    switch, target, *rest = argv
    if switch == "-m" and target.startswith(_HELPER_MODULES):
        sys.argv = [target, *rest]
        runpy.run_module(target, run_name="__main__", alter_sys=True)
        return True
    if switch == "-c" and target.startswith(tuple(f"from {m}" for m in _HELPER_MODULES)):
        sys.argv = ["-c", *rest]
        exec(target, {"__name__": "__main__"})  # noqa: S102 - one of the allowed helper commands above
        return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to the headless command or the window; return the exit code.

    ``summarize ...`` takes the same options as ``topic-digest summarize``;
    anything else goes to the app (``topic-digest-gui``): no arguments opens
    the sample corpus on the first start and the last corpus after that,
    paths open those files.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == [HEADLESS_COMMAND]:
        from nlp.cli import main as cli_main

        return cli_main(args)
    if args[:1] in (["-h"], ["--help"]):
        print(f"TopicDigest [PATH...] opens the window; TopicDigest {HEADLESS_COMMAND} ... makes a digest "
              f"without one (TopicDigest {HEADLESS_COMMAND} --help).\n")
    from desktop.app import main as app_main

    return app_main(args)
