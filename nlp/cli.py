"""The ``topic-digest`` command: headless digests for scripts and scheduled jobs."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import TextIO, TypeVar

from nlp import __version__
from nlp.errors import OptionsError, TopicDigestError
from nlp.types import Analysis, Options, check_options

PROG = "topic-digest"
_T = TypeVar("_T")

EXAMPLES = """\
examples:
  topic-digest summarize --sample
      print a digest of the built-in sample corpus
  topic-digest summarize ~/news -o digest.html
      group a folder of articles into topics; write a self-contained HTML digest
  topic-digest summarize a.html b.txt feed.jsonl --format json --words 100
      JSON with 100-word summaries (the format follows -o's extension when given)
  scraper | topic-digest summarize - --format csv > digest.csv
      read JSON Lines articles from standard input
  topic-digest summarize ~/news --config ~/.config/Topic\\ Digest/settings.json
      use the options saved by the app (flags given here override them)
  topic-digest summarize ~/news --save-session news.tdigest
      save a session the app opens (and a script may edit); prints no digest unless asked
  topic-digest summarize news.tdigest -o digest.md
      export a session's curated digest, honouring edits made to it by hand

exit codes:
  0  success (inputs that could not be used are skipped with a warning each)
  1  nothing usable, or processing or writing failed
  2  usage error (unknown option, bad value)
  130, 143  interrupted by Ctrl-C or SIGTERM (128 + the signal); nothing was written
"""


def _checked(name: str, value: _T) -> _T:
    """``value`` when option ``name``'s rule (:data:`nlp.types.OPTION_RULES`) takes it; else argparse's error."""
    try:
        check_options(**{name: value})
    except OptionsError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _clusters(value: str) -> int | None:
    if value == "auto":
        return None
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected 'auto' or a whole number, not {value!r}") from None
    return _checked("clusters", number)


def _whole(name: str) -> Callable[[str], int]:
    """The parser of option ``name``'s whole-number flag."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
        return _checked(name, number)

    return parse


def _language(value: str) -> str:
    return _checked("language", value)


def _granularity(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, not {value!r}") from None
    return _checked("granularity", number)


class _SubcommandParser(argparse.ArgumentParser):
    """A subcommand's parser that rejects what it does not know itself, with its own usage line.

    argparse hands a subcommand's unknown arguments back to the top-level parser,
    whose error shows the top-level usage; the subcommand's says what it accepts.
    """

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        namespace, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return namespace, extras


def _method_list() -> str:
    """The summary methods in words, a line each (the GUI's method menu shows the same)."""
    from nlp.summarize.names import METHODS_DESCRIBED

    width = max(len(m.name) for m in METHODS_DESCRIBED) + 2
    lines = [f"  {m.name:<{width}}{m.label}: {m.description}" for m in METHODS_DESCRIBED]
    return "summary methods (--method):\n" + "\n".join(lines) + "\n\n"


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser (tests call it in-process)."""
    from nlp.export import FORMATS
    from nlp.summarize.selection import DEFAULT_METHOD, METHODS

    defaults = Options()
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Group news articles into topics and write extractive summaries with sources.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXAMPLES,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                     parser_class=_SubcommandParser)
    run = commands.add_parser(
        "summarize",
        help="turn files and folders of articles into a digest",
        description="Load articles, group them into topics, summarise each topic and write a digest.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_method_list() + EXAMPLES,
    )
    run.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    run.add_argument("paths", nargs="*", metavar="PATH",
                     help="article files or folders (read recursively); '-' reads JSON Lines from stdin; "
                          "or one session (.tdigest) to export")
    run.add_argument("--sample", action="store_true", help="use the built-in sample corpus")
    run.add_argument("-o", "--output", metavar="FILE",
                     help="write the digest to FILE atomically (default: standard output)")
    run.add_argument("--format", choices=FORMATS,
                     help="digest format (default: from -o's extension, else text)")
    run.add_argument("--config", metavar="FILE",
                     help="settings file saved by the app; flags given here override it")
    group = run.add_argument_group("topics")
    group.add_argument("--clusters", type=_clusters, metavar="auto|N", default=argparse.SUPPRESS,
                       help="number of topics, or 'auto' (default: auto)")
    group.add_argument("--granularity", type=_granularity, metavar="G", default=argparse.SUPPRESS,
                       help=f"0 = a few broad topics ... 1 = one per news story (default: {defaults.granularity})")
    group = run.add_argument_group("summaries")
    group.add_argument("--method", choices=list(METHODS), default=argparse.SUPPRESS,
                       help=f"summary method, listed below (default: {DEFAULT_METHOD})")
    length = group.add_mutually_exclusive_group()
    length.add_argument("--sentences", type=_whole("sentences"), metavar="N", default=argparse.SUPPRESS,
                        help=f"summary length in sentences (default: {defaults.sentences})")
    length.add_argument("--words", type=_whole("words"), metavar="N", default=argparse.SUPPRESS,
                        help="summary length as a word budget; sentences are never cut")
    group.add_argument("--language", type=_language, metavar="LANG", default=argparse.SUPPRESS,
                       help=f"article language for stop words and stemming (default: {defaults.language})")
    run.add_argument("--save-session", metavar="FILE",
                     help="also save a session (.tdigest) that the app and this command reopen")
    run.add_argument("-q", "--quiet", action="store_true",
                     help="no warnings (skipped inputs, fewer topics than asked)")
    return parser


_OPTION_FLAGS = ("clusters", "granularity", "method", "language", "words", "sentences")


def options_from_args(args: argparse.Namespace) -> Options:
    """Options from a settings file (if any), overridden by the flags given."""
    from nlp.config import load_options

    options = load_options(args.config) if args.config else Options()
    given = {k: getattr(args, k) for k in _OPTION_FLAGS[:4] if hasattr(args, k)}
    if hasattr(args, "words"):
        given.update(words=args.words)
    if hasattr(args, "sentences"):
        given.update(sentences=args.sentences, words=None)
    return replace(options, **given)


class _TerminalProgress:
    """Progress on one rewritten stderr line, at most ten times a second."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._last = 0.0

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self._last < 0.1 and fraction < 1.0:
            return
        self._last = now
        self._stream.write(f"\r\x1b[K{fraction:4.0%} {message[:70]}")
        self._stream.flush()

    def close(self) -> None:
        self._stream.write("\r\x1b[K")
        self._stream.flush()


def _analyse(args: argparse.Namespace, options: Options, progress: _TerminalProgress | None) -> Analysis:
    from nlp.ingest import load_jsonl_text
    from nlp.run.cancel import scaled
    from nlp.run.pipeline import LOADING_SHARE, analyze, load
    from nlp.sample import sample_paths
    from nlp.text.vocabulary import Vocabulary
    from nlp.types import Corpus

    paths = [p for p in args.paths if p != "-"]
    if args.sample:
        paths += [str(p) for p in sample_paths()]
    vocabulary = Vocabulary()  # the analysis's words, read as the files come in
    corpus = load(paths, options, vocabulary=vocabulary,
                  progress=scaled(progress, 0.0, LOADING_SHARE)) if paths else Corpus(())
    if "-" in args.paths:
        piped = load_jsonl_text(_read_stdin(), path="-", language=options.language)
        corpus = Corpus(corpus.articles + piped.articles, corpus.skipped + piped.skipped)
    return analyze(corpus, options, vocabulary=vocabulary, progress=scaled(progress, LOADING_SHARE, 1.0))


def _read_stdin() -> str:
    """Standard input as text: JSON Lines is UTF-8; bytes that are not become U+FFFD, never an error."""
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # replaced by a text stream (tests, embedding)
        return sys.stdin.read()
    return raw.read().decode("utf-8", "replace").lstrip("\ufeff")


def _write_stdout(text: str) -> None:
    """Write the digest to standard output; a failed write (full disk, closed pipe) is an ExportError."""
    from nlp.errors import ExportError

    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation, AttributeError):
            # What is still buffered would fail again at exit, with a traceback: send it nowhere.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        raise ExportError(f"cannot write to standard output: {exc.strerror or exc}") from None


class _Stopped(KeyboardInterrupt):
    """A signal that asks the process to end (SIGTERM, SIGHUP), raised so that clean-up code runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`_Stopped` while the run lasts (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Stopped(signum)

    names = [n for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    previous = {n: signal.signal(getattr(signal, n), stop) for n in names}
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)


def _say(prefix: str, message: str) -> None:
    """Print ``prefix: message`` to stderr, each line of it stripped of control characters."""
    from nlp.export.lines import one_line
    from nlp.ingest.decode import valid_unicode

    lines = [valid_unicode(one_line(line)) for line in str(message).split("\n")]
    print(f"{prefix}: " + "\n".join(lines), file=sys.stderr)


def _warn_over_budget(analysis: Analysis, options: Options) -> None:
    """Say when the word budget held no sentence of some topics (each then shows its best sentence alone)."""
    over = [c.summary for c in analysis.clusters if c.summary.over_budget and c.summary.sentences]
    if over:
        longest = max(len(s.sentences[0].text.split()) for s in over)
        _say(f"{PROG}: warning", f"--words {options.words} is too small for any sentence of {len(over)} topic(s); "
             f"each shows its best sentence alone (up to {longest} words)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 failed, 2 usage, 128 + N on signal N).

    No traceback reaches the user: an error nobody foresaw prints one line
    (what failed, on which file when known) and goes to the log file
    (:func:`nlp.logfile.log_path`) with its traceback.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.paths and not args.sample:
        print(f"{PROG} summarize: error: give at least one PATH, '-' for standard input, or --sample",
              file=sys.stderr)
        return 2
    progress = _TerminalProgress(sys.stderr) if sys.stderr.isatty() else None
    try:
        with _signals_raise():
            return _run(args, progress)
    except OptionsError as exc:
        _say(f"{PROG} summarize: error", str(exc))
        return 2
    except TopicDigestError as exc:
        if progress:
            progress.close()
        _say(f"{PROG}: error", str(exc))
        return 1
    except KeyboardInterrupt as exc:
        if progress:
            progress.close()
        print(f"{PROG}: interrupted; nothing was written", file=sys.stderr)
        return 128 + getattr(exc, "signum", signal.SIGINT)
    except Exception as exc:  # noqa: BLE001 - the boundary: one line for the user, the traceback to the log
        if progress:
            progress.close()
        from nlp.logfile import log_exception

        log = log_exception(exc, f"{PROG} {' '.join(sys.argv[1:] if argv is None else argv)}")
        where = getattr(exc, "filename", None)
        detail = f"{where}: " if where else ""
        note = f" (details in {log})" if log else ""
        _say(f"{PROG}: error", f"{detail}unexpected {type(exc).__name__}: {exc}{note}")
        return 1


def _run(args: argparse.Namespace, progress: _TerminalProgress | None) -> int:
    from nlp.export import format_for_path, render, write
    from nlp.export.atomic import writable_target
    from nlp.edits import draft_of
    from nlp.session import is_session_path, open_curated, save_session, session_input

    inputs = [p for p in args.paths if p != "-"] + ([args.config] if args.config else [])
    for target in (args.output, args.save_session):  # refused before the run: a device, a folder, an input
        if target:
            writable_target(target, keep=inputs)
    if args.output and is_session_path(args.output):
        raise OptionsError(f"{args.output} names a session (.tdigest), and -o writes a digest: "
                           "save a session with --save-session")
    if args.output and args.save_session and Path(args.output).resolve() == Path(args.save_session).resolve():
        raise OptionsError(f"-o and --save-session name one file ({args.output}): the digest would replace the session")
    curated = session_input(args.paths)
    if curated:
        if args.sample or args.config or any(hasattr(args, k) for k in _OPTION_FLAGS):
            raise OptionsError("a session keeps the options it was made with; give it without other inputs or options")
        draft = open_curated(curated)
        options = draft.analysis.options
    else:
        options = options_from_args(args).validate()  # before reading anything
        draft = draft_of(_analyse(args, options, progress))
    analysis = draft.analysis
    if progress:
        progress.close()
    if not args.quiet:
        for s in analysis.skipped:
            _say(f"{PROG}: warning", f"skipped {s.message}")
        for note in analysis.notes:
            _say(f"{PROG}: warning", note)
    _warn_over_budget(analysis, options)
    if args.save_session:
        save_session(draft, args.save_session)
    fmt = args.format or (format_for_path(args.output) if args.output else "text")
    if args.save_session and not (args.output or args.format):
        pass  # the session was asked for, not a digest on standard output
    elif args.output:
        write(analysis, Path(args.output), fmt, keep=inputs)
    else:
        _write_stdout(render(analysis, fmt))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
