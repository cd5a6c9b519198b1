"""The ``topic-digest`` command: headless digests for scripts and scheduled jobs."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from nlp import __version__
from nlp.errors import OptionsError, TopicDigestError
from nlp.types import Analysis, Options

PROG = "topic-digest"

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
"""


def _clusters(value: str) -> int | None:
    if value == "auto":
        return None
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected 'auto' or a whole number, not {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("the number of clusters must be 1 or more")
    return number


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _granularity(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, not {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError("must be from 0 (broad topics) to 1 (single stories)")
    return number


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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    run = commands.add_parser(
        "summarize",
        help="turn files and folders of articles into a digest",
        description="Load articles, group them into topics, summarise each topic and write a digest.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXAMPLES,
    )
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
                       help=f"summary method (default: {DEFAULT_METHOD})")
    length = group.add_mutually_exclusive_group()
    length.add_argument("--sentences", type=_positive, metavar="N", default=argparse.SUPPRESS,
                        help=f"summary length in sentences (default: {defaults.sentences})")
    length.add_argument("--words", type=_positive, metavar="N", default=argparse.SUPPRESS,
                        help="summary length as a word budget; sentences are never cut")
    group.add_argument("--language", metavar="LANG", default=argparse.SUPPRESS,
                       help=f"article language for stop words and stemming (default: {defaults.language})")
    run.add_argument("--save-session", metavar="FILE",
                     help="also save a session (.tdigest) that the app and this command reopen")
    run.add_argument("-q", "--quiet", action="store_true", help="no warnings about skipped inputs")
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
    from nlp.ingest import load_jsonl_text, load_paths
    from nlp.run.pipeline import analyze, prepare
    from nlp.sample import sample_paths
    from nlp.types import Corpus

    paths = [p for p in args.paths if p != "-"]
    if args.sample:
        paths += [str(p) for p in sample_paths()]
    corpus = load_paths(paths, language=options.language, progress=progress, meanwhile=prepare) if paths \
        else Corpus(())
    if "-" in args.paths:
        piped = load_jsonl_text(sys.stdin.read(), path="-", language=options.language)
        corpus = Corpus(corpus.articles + piped.articles, corpus.skipped + piped.skipped)
    return analyze(corpus, options, progress=progress)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 failed, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.paths and not args.sample:
        print(f"{PROG} summarize: error: give at least one PATH, '-' for standard input, or --sample",
              file=sys.stderr)
        return 2
    from nlp.export import format_for_path, render, write

    progress = _TerminalProgress(sys.stderr) if sys.stderr.isatty() else None
    try:
        from nlp.edits import draft_of
        from nlp.session import open_curated, save_session, session_input

        curated = session_input(args.paths)
        if curated and (args.sample or args.config or any(hasattr(args, k) for k in _OPTION_FLAGS)):
            raise OptionsError("a session keeps the options it was made with; give it without other inputs or options")
        draft = open_curated(curated) if curated else draft_of(_analyse(args, options_from_args(args), progress))
        analysis = draft.analysis
        if progress:
            progress.close()
        if not args.quiet:
            for s in analysis.skipped:  # the reason names the file (and the record) itself
                print(f"{PROG}: warning: skipped {s.reason}", file=sys.stderr)
        if args.save_session:
            save_session(draft, args.save_session)
        fmt = args.format or (format_for_path(args.output) if args.output else "text")
        if args.save_session and not (args.output or args.format):
            pass  # the session was asked for, not a digest on standard output
        elif args.output:
            write(analysis, Path(args.output), fmt)
        else:
            sys.stdout.write(render(analysis, fmt))
    except OptionsError as exc:
        print(f"{PROG} summarize: error: {exc}", file=sys.stderr)
        return 2
    except TopicDigestError as exc:
        if progress:
            progress.close()
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; nothing was written", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
