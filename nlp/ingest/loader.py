"""Load files and folders of every supported format into a Corpus; skip what cannot be used, saying why."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from nlp.run.bulk import bulk_allocations
from nlp.run.cancel import CancelToken, Progress, check, report
from nlp.ingest.build import make_article
from nlp.ingest.clean import HEADLINE_WORDS, Cleaned, clean_text, has_text
from nlp.ingest.dates import parse_date, parse_time
from nlp.ingest.decode import MAX_FILE_BYTES, DecodeError, decode_bytes, valid_unicode
from nlp.ingest.files import UnreadableFile, display_name, find_files, read_regular
from nlp.ingest.metadata import strip_title_credit
from nlp.ingest.records import Record, delimited_records, json_records, jsonl_records
from nlp.logfile import log_exception
from nlp.ingest.feeds import feed_records, looks_like_feed, xml_text
from nlp.ingest.sgml import looks_like_sgml, parse_sgml
from nlp.export.marker import SKIP_REASON, is_export
from nlp.types import Article, Corpus, Skipped
from nlp.run.workers import Schedule, quiet_dropped_tasks, task, worker_lost

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".csv", ".tsv"})
SGML_SUFFIXES = frozenset({".sgml", ".sgm"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".rdf"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | SGML_SUFFIXES | FEED_SUFFIXES
MAX_FILES = 100_000
"""Most files one run reads; past it the run stops at once with :class:`~nlp.errors.InputError`."""
_CHUNK = 50
"""Files a worker reads per task: small enough for progress and cancel, large enough to be cheap."""
FOLDER_DOCS = ("readme", "license", "licence", "copying")
"""Folder documentation (README*, LICENSE*, COPYING*) is not an article when walking a folder."""


@dataclass(frozen=True)
class _Item:
    """An article before its final id is known: the id's stem part and its record suffix."""

    path: Path
    suffix: str
    article: Article


@dataclass(frozen=True)
class Batch:
    """Files read together: their articles (ids not yet final) and what was skipped, in file order."""

    items: tuple[_Item, ...]
    skipped: tuple[Skipped, ...]

    @property
    def articles(self) -> tuple[Article, ...]:
        """The batch's articles, with the ids of their files' stems (:meth:`Reading.corpus` makes them unique)."""
        return tuple(item.article for item in self.items)


class Reading(Iterator[Batch]):
    """Files and folders being read: an iterator of :class:`Batch` as they come in, then :meth:`corpus`.

    Made by :func:`read_paths`. While worker processes read (:attr:`in_workers`),
    the caller may work between two batches: the workers read on meanwhile.
    """

    def __init__(self, paths: Iterable[str | os.PathLike[str]], *, language: str, schedule: Schedule,
                 progress: Progress | None, cancel: CancelToken | None) -> None:
        files, skipped = _expand(paths)
        jobs = schedule.processes(len(files))
        self._total = len(files)
        self.in_workers = jobs > 1
        """Whether worker processes read the files (else this process does, batch after batch)."""
        self._skipped = skipped
        self._read: list[Batch] = []
        self._done = False
        self._progress = progress
        self._batches = _load_parallel(files, language, jobs, progress, cancel) if self.in_workers else \
            _load_serial(files, language, progress, cancel)

    def __next__(self) -> Batch:
        try:
            batch = next(self._batches)
        except StopIteration:
            if not self._done:
                self._done = True
                report(self._progress, 1.0, f"Loaded {self._total} files")
            raise
        self._read.append(batch)
        return batch

    def close(self) -> None:
        """Stop reading (the batches not yet in are dropped)."""
        self._batches.close()

    def corpus(self) -> Corpus:
        """Read what is left and return every article, with ids unique and sorted, and the skipped inputs."""
        for _ in self:
            pass
        items = [item for batch in self._read for item in batch.items]
        skipped = self._skipped + [s for batch in self._read for s in batch.skipped]
        return Corpus(articles=_assign_ids(items), skipped=tuple(skipped))


def read_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    language: str = "english",
    schedule: Schedule | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Reading:
    """Start reading files and folders, as :func:`load_paths` does; the batches come in as they are read.

    Raises
    ------
    InputError
        When the inputs hold more than :data:`MAX_FILES` files.
    """
    return Reading(paths, language=language, schedule=schedule or Schedule(), progress=progress, cancel=cancel)


def load_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    language: str = "english",
    schedule: Schedule | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Corpus:
    """Load articles from files and folders.

    Folders are read recursively (hidden files and folders and folder
    documentation skipped, files sorted); named files are always read. Each
    unusable file or record is listed in ``Corpus.skipped`` with the reason.

    Parameters
    ----------
    paths : iterable of str or path-like
        Files and folders.
    language : str
        Language of the articles.
    schedule : Schedule, optional
        From how many files on worker processes read them, and how many
        (:class:`nlp.run.workers.Schedule`; ``Schedule()`` by default).
    progress : callable, optional
        ``progress(fraction, message)``.
    cancel : CancelToken, optional
        Polled between files; raises :class:`~nlp.errors.Cancelled`.

    Returns
    -------
    Corpus
        Articles sorted by id, and the skipped inputs.

    Raises
    ------
    InputError
        When the inputs hold more than :data:`MAX_FILES` files.
    """
    with bulk_allocations():
        return read_paths(paths, language=language, schedule=schedule, progress=progress, cancel=cancel).corpus()


def _load_serial(files: Sequence[Path], language: str, progress: Progress | None,
                 cancel: CancelToken | None) -> Generator[Batch, None, None]:
    total = len(files)
    step = max(1, total // 200)
    for number, path in enumerate(files):
        check(cancel)
        if number % step == 0:
            report(progress, number / max(1, total), f"Loading {number + 1}/{total} files")
        items, skipped = load_file(path, language=language)
        yield Batch(tuple(items), tuple(skipped))


def _load_chunk(files: Sequence[Path], language: str) -> tuple[list[_Item], list[Skipped]]:
    """Load ``files`` (in a worker process); items and skips in file order."""
    items: list[_Item] = []
    skipped: list[Skipped] = []
    for path in files:
        loaded, problems = load_file(path, language=language)
        items.extend(loaded)
        skipped.extend(problems)
    return items, skipped


def _load_parallel(files: Sequence[Path], language: str, jobs: int, progress: Progress | None,
                   cancel: CancelToken | None) -> Generator[Batch, None, None]:
    """Load ``files`` in ``jobs`` worker processes, chunk by chunk; the batches come in file order.

    Cleaning and sentence splitting are pure Python, so threads would take
    turns on one core; processes use them all, and the caller works on
    each batch as it arrives (:func:`nlp.run.pipeline.load` reads its words). joblib's
    loky executor rather than ``multiprocessing``: its workers start clean
    (no fork of a process whose GUI threads may hold locks) without running
    the caller's main script again, and they stay up between runs. If a
    worker dies (killed, out of memory), the chunks not yet returned are
    read here instead, so nothing is lost.
    """
    from joblib import Parallel

    chunks = [list(files[i : i + _CHUNK]) for i in range(0, len(files), _CHUNK)]
    total = len(files)
    done = 0
    returned = 0
    report(progress, 0.0, f"Loading {total} files in {jobs} processes")
    outputs = Parallel(n_jobs=jobs, return_as="generator", backend="loky")(
        task(_load_chunk, chunk, language) for chunk in chunks
    )
    try:
        for items, skipped in outputs:
            done += len(chunks[returned])
            returned += 1
            check(cancel)
            report(progress, done / total, f"Loading {done}/{total} files")
            yield Batch(tuple(items), tuple(skipped))
    except Exception as exc:  # a dead worker: read the rest here
        if not worker_lost(exc):
            raise
    finally:
        quiet_dropped_tasks()  # on cancel, joblib warns that the dropped tasks' work was wasted
        outputs.close()  # on cancel: the tasks not started are dropped
    for chunk in chunks[returned:]:
        check(cancel)
        items, skipped = _load_chunk(chunk, language)
        done += len(chunk)
        report(progress, done / total, f"Loading {done}/{total} files (in this process: a worker stopped)")
        yield Batch(tuple(items), tuple(skipped))


def load_jsonl_text(text: str, *, path: str = "-", language: str = "english") -> Corpus:
    """Load articles from JSON Lines text (standard input); ids are ``"<path>#<line>"``."""
    items, skipped = _from_records(Path(path), jsonl_records(text), language)
    articles = [replace(i.article, id=f"{path}{i.suffix}", path=path) for i in items]
    return Corpus(articles=tuple(sorted(articles, key=lambda a: a.id)), skipped=tuple(skipped))


def _expand(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Skipped]]:
    found = find_files(paths, max_files=MAX_FILES, skip_names=FOLDER_DOCS)
    return found.files, found.skipped


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix.lstrip(".").isdigit():  # newswire names such as APW19981016.0001
        suffix = ""
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in SGML_SUFFIXES:
        return "sgml"
    if suffix in RECORD_SUFFIXES:
        return suffix[1:]
    if suffix in FEED_SUFFIXES:
        return "feed"
    return "sniff"  # no suffix, or one that names no format (".english"): read when it is text


def _unsupported(path: Path) -> str:
    return f"unsupported file type {path.suffix!r} (supported: {', '.join(sorted(SUPPORTED))})"


def load_file(path: Path, *, language: str = "english") -> tuple[list[_Item], list[Skipped]]:
    """Load one file; return its articles (ids not yet final) and what was skipped.

    Whatever the file holds, it never ends the run: an error no check
    foresaw makes it a skip naming the error, and its traceback goes to the
    log (:mod:`nlp.logfile`).
    """
    name = display_name(path)
    try:
        return _load_file(path, name, language)
    except Exception as exc:  # noqa: BLE001 - one file's surprise must not lose the others
        log_exception(exc, f"loading {name}")
        detail = " ".join(str(exc).split())[:200]
        return [], [Skipped(name, f"{name}: cannot be used ({type(exc).__name__}{': ' if detail else ''}{detail})")]


def _load_file(path: Path, name: str, language: str) -> tuple[list[_Item], list[Skipped]]:
    kind = _kind(path)
    try:  # a 50 MB line never reaches the parser; a FIFO or /dev/zero is never read
        data = read_regular(path, MAX_FILE_BYTES)
    except UnreadableFile as exc:
        return [], [Skipped(name, f"{name}: {exc.reason}")]
    except OSError as exc:
        return [], [Skipped(name, f"{name}: cannot be read ({exc.strerror or exc})")]
    if not data.strip():
        return [], [Skipped(name, f"{name}: empty file")]
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        if kind == "sniff" and path.suffix:
            return [], [Skipped(name, f"{name}: {_unsupported(path)}")]
        return [], [Skipped(name, f"{name}: {exc}")]
    if is_export(text):
        return [], [Skipped(name, f"{name}: {SKIP_REASON}")]
    if kind in ("sniff", "feed"):
        kind = "feed" if looks_like_feed(text) else "sgml" if looks_like_sgml(text) else \
            "text" if kind == "sniff" else "xml"
    if kind == "xml":  # XML that is no feed: its elements' text, read as plain text
        text, kind = xml_text(text), "text"
    if kind in ("json", "jsonl", "ndjson", "csv", "tsv", "feed"):
        records = {
            "json": json_records,
            "jsonl": jsonl_records,
            "ndjson": jsonl_records,
            "csv": lambda t: delimited_records(t, ","),
            "tsv": lambda t: delimited_records(t, "\t"),
            "feed": feed_records,
        }[kind](text)
        items, skipped = _from_records(path, records, language)
    elif kind == "sgml":
        items, skipped = _from_sgml(path, text, language)
    else:
        if kind == "html":
            from nlp.ingest.html import parse_html

            page = parse_html(text, language=language)
            cleaned, url = page.cleaned, page.url
        else:
            cleaned, url = clean_text(text, language=language), None
        article = _article(path, cleaned, language, url=url)
        if not article.sentences:
            unknown = _kind(path) == "sniff" and path.suffix  # ".pdf" read as text held none
            return [], [Skipped(name, f"{name}: {_unsupported(path) if unknown else 'no article text found'}")]
        items, skipped = [_Item(path, "", article)], []
    if not items and not skipped:
        skipped = [Skipped(name, f"{name}: no articles in the file")]
    return items, skipped


def _article(path: Path, cleaned: Cleaned, language: str, *, url: str | None = None,
             record: int | None = None) -> Article:
    return make_article(
        _stem(path),
        cleaned.paragraphs,
        path=display_name(path),
        title=cleaned.title,
        kinds=cleaned.kinds,
        source=cleaned.source,
        author=cleaned.author,
        date=cleaned.date,
        time=cleaned.time,
        url=url,
        language=language,
        record=record,
    )


def _headline_alone(cleaned: Cleaned, title: str, *, had_text: bool) -> None:
    """With no text left, the headline is a one-sentence article: of two words, or three where a text cleaned away."""
    if not cleaned.paragraphs and has_text(title, 3 if had_text else HEADLINE_WORDS):
        cleaned.paragraphs, cleaned.kinds = [title], ["body"]


def _from_records(path: Path, records: Iterable[Record], language: str) -> tuple[list[_Item], list[Skipped]]:
    items: list[_Item] = []
    skipped: list[Skipped] = []
    name = display_name(path)
    for record in records:
        number = record.number or None
        if record.error:
            skipped.append(Skipped(name, f"{name}: {record.error}", record=number))
            continue
        fields = {key: valid_unicode(value) for key, value in record.fields.items()}  # "\ud800" in JSON
        title, credit = strip_title_credit(fields.get("title", ""))
        cleaned = clean_text(fields.get("text") or title, language=language)
        _headline_alone(cleaned, title, had_text=bool(fields.get("text")))
        cleaned.title = title or cleaned.title
        cleaned.source = fields.get("source") or cleaned.source or credit
        cleaned.author = fields.get("author") or cleaned.author
        if fields.get("date") and (when := parse_date(fields["date"])):
            cleaned.date, cleaned.time = when, parse_time(fields["date"])
        article = _article(path, cleaned, language, url=fields.get("url"), record=number)
        if not article.sentences:
            skipped.append(Skipped(name, f"{name}: record {number} has no article text", record=number))
            continue
        items.append(_Item(path, f"#{number}" if number else "", article))
    return items, skipped


def _from_sgml(path: Path, text: str, language: str) -> tuple[list[_Item], list[Skipped]]:
    items: list[_Item] = []
    skipped: list[Skipped] = []
    name = display_name(path)
    docs = parse_sgml(text)
    if not docs:
        return [], [Skipped(name, f"{name}: SGML without any <DOC>...</DOC>")]
    for number, doc in enumerate(docs, start=1):
        cleaned = clean_text(doc.text or doc.title, language=language)
        _headline_alone(cleaned, doc.title, had_text=bool(doc.text))
        cleaned.title = doc.title or cleaned.title
        cleaned.source = doc.source or cleaned.source
        cleaned.author = doc.author or cleaned.author
        cleaned.date = parse_date(doc.date) or cleaned.date
        article = _article(path, cleaned, language, record=number)
        label = doc.docno or str(number)
        if not article.sentences:
            skipped.append(Skipped(name, f"{name}: document {label} has no text", record=number))
            continue
        items.append(_Item(path, f"#{label}", article))
    return items, skipped


def _assign_ids(items: Sequence[_Item]) -> tuple[Article, ...]:
    """Give every article a unique id derived from its path, whatever the reading order.

    The id is the file stem plus the record suffix. When several files give
    the same id, each of them uses its file name with extension, then as many
    parent folders as it takes to tell them apart.
    """
    by_stem: dict[str, set[Path]] = defaultdict(set)
    for item in items:
        by_stem[_stem(item.path)].add(item.path)
    names: dict[Path, str] = {}
    for stem, paths in by_stem.items():
        names.update(_distinct_names(sorted(paths)) if len(paths) > 1 else {p: stem for p in paths})
    out = [replace(i.article, id=names[i.path] + i.suffix) for i in items]
    seen: dict[str, int] = {}
    unique: list[Article] = []
    for article in sorted(out, key=lambda a: (a.id, a.path, a.record or 0)):
        count = seen.get(article.id, 0)
        seen[article.id] = count + 1
        unique.append(article if count == 0 else replace(article, id=f"{article.id}~{count + 1}"))
    return tuple(unique)


def _stem(path: Path) -> str:
    """The file name without its extension; a numeric suffix (APW19981016.0001) is kept."""
    return display_name(path.name if path.suffix.lstrip(".").isdigit() else path.stem)


def _distinct_names(paths: list[Path]) -> dict[Path, str]:
    depth = 0
    while True:
        names = {p: display_name("/".join([*p.parent.parts[len(p.parent.parts) - depth :], p.name]) if depth
                                  else p.name) for p in paths}
        if len(set(names.values())) == len(paths) or depth > max(len(p.parts) for p in paths):
            return names
        depth += 1
