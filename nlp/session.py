"""Session files (``.tdigest``): a curated digest and everything reopening it needs, versioned.

A session is one JSON document::

    {"format": "topic-digest-session", "version": 2,
     "digest":  the JSON digest (nlp/schema/digest.schema.json) of the topics as edited,
     "corpus":  every article as analysed: its text and metadata,
     "sentences": every article's sentence offsets, paragraphs and kinds (packed),
     "tokens":  the corpus's words as spelling numbers (zlib, base64), so that
                a reopened session is not tokenised again before its first edit,
     "edits":   {"named": [ids of topics whose label the user wrote], "history": [...],
                 "basis": {topic id: {"article_ids": [...], "label": "..."}}}}

It reopens without the original files and without analysing again. A
script may edit ``digest.clusters`` by hand: a label that differs from the
one the topic was described with is the user's and stays; a topic whose
``article_ids`` differ from those its summary was made for is described and
summarised again; an article in no topic is excluded. ``basis`` records, for
each topic, the members and label its description was made for.
"""

from __future__ import annotations

import base64
import json
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

import numpy as np

from nlp.edits import Draft, Workbench, regroup, workbench
from nlp.errors import OptionsError, SessionError
from nlp.export.atomic import atomic_write_text
from nlp.export.jsonfmt import to_document
from nlp.ingest.jsonsafe import loads_whole_numbers
from nlp.run.bulk import bulk_allocations
from nlp.run.cancel import CancelToken
from nlp.types import Analysis, Article, Cluster, Options, Sentence, SentenceKind, Skipped, Summary, SummarySentence

if TYPE_CHECKING:
    from nlp.topics.phrases import Tokens

FORMAT = "topic-digest-session"
VERSION = 2
"""The session schema this version writes and the newest it reads (2: sentences of kind "furniture"; 1 reads as ever)."""
SUFFIX = ".tdigest"

_KINDS: tuple[str, ...] = get_args(SentenceKind)

# What each field read from a session must hold: a script may edit the file, and a wrong type would
# otherwise surface only when a topic is exported or summarised. Checked by hand, field by field, in
# one pass with the reading: a 10,000-article session reopens in well under a second, and a schema
# validator (pure Python) would walk every article's record again.
# Exact types, as JSON gives them (a bool is no whole number).
_TEXT, _MAYBE_TEXT = frozenset({str}), frozenset({str, type(None)})
_WHOLE, _MAYBE_WHOLE, _BOOL, _NUMBER = frozenset({int}), frozenset({int, type(None)}), frozenset({bool}), frozenset({int, float})
_ARTICLE_FIELDS = {"id": _TEXT, "path": _TEXT, "title": _TEXT, "body": _TEXT, "source": _MAYBE_TEXT,
                   "author": _MAYBE_TEXT, "date": _MAYBE_TEXT, "url": _MAYBE_TEXT, "language": _TEXT,
                   "duplicate_of": _MAYBE_TEXT, "record": _MAYBE_WHOLE}
_CLUSTER_FIELDS = {"id": _WHOLE, "label": _TEXT, "headline": _TEXT, "story_count": _WHOLE, "is_other": _BOOL,
                   "method": _TEXT}
_SENTENCE_FIELDS = {"text": _TEXT, "article_id": _TEXT, "sentence_index": _WHOLE, "start": _WHOLE, "end": _WHOLE,
                    "score": _NUMBER, "rank": _WHOLE}
_SKIPPED_FIELDS = {"path": _TEXT, "reason": _TEXT, "record": _MAYBE_WHOLE}
_KIND_NAMES = {_TEXT: "text", _MAYBE_TEXT: "text or null", _WHOLE: "a whole number",
               _MAYBE_WHOLE: "a whole number or null", _BOOL: "true or false", _NUMBER: "a number"}


def _shown(value: object) -> str:
    """``value`` for a one-line message: its JSON, cut short."""
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _typed(record: object, spec: dict[str, frozenset[type]], what: str | Callable[[], str]) -> dict[str, Any]:
    """``record`` when it is an object whose fields of ``spec`` hold their kinds; else ValueError naming ``what``
    (made only then, when a callable)."""
    if type(record) is not dict:
        raise ValueError(f"{what() if callable(what) else what} is {_shown(record)}, not an object")
    for key, kinds in spec.items():
        value = record[key]
        if type(value) not in kinds:
            raise ValueError(f"the {key} of {what() if callable(what) else what} is {_shown(value)}, "
                             f"not {_KIND_NAMES[kinds]}")
    return record


def _texts(values: object, what: str, *, null: bool = False) -> list[Any]:
    """``values`` when it is a list of text (or null, with ``null``); else ValueError naming ``what``."""
    kinds = _MAYBE_TEXT if null else _TEXT
    if type(values) is not list or not set(map(type, values)) <= kinds:
        raise ValueError(f"{what} is {_shown(values)}, not a list of {_KIND_NAMES[kinds]}")
    return values
"""Sentence kinds by their number in the file."""


def is_session_path(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a session file (by its extension)."""
    return Path(path).suffix.lower() == SUFFIX


def to_session_document(draft: Draft) -> dict[str, Any]:
    """The session of ``draft`` as JSON-ready data."""
    digest = to_document(draft.analysis)
    return {
        "format": FORMAT,
        "version": VERSION,
        "digest": digest,
        "corpus": [_article_record(a) for a in draft.corpus],
        "sentences": _sentences_record(draft.corpus),
        "tokens": _tokens_record(draft),
        "map": {a.id: list(xy) for a, xy in zip(draft.analysis.articles, draft.analysis.coordinates)},
        "notes": list(draft.analysis.notes),
        "edits": {
            "named": [c.id for c, named in zip(draft.analysis.clusters, draft.named) if named],
            "history": list(draft.history),
            "basis": {str(c["id"]): {"article_ids": c["article_ids"], "label": c["label"] if not named else None}
                      for c, named in zip(digest["clusters"], draft.named)},
        },
    }


def render_session(draft: Draft) -> str:
    """The session file's text: the same draft gives the same bytes."""
    with bulk_allocations():
        return json.dumps(to_session_document(draft), ensure_ascii=False, separators=(",", ":")) + "\n"


def save_session(draft: Draft, path: str | os.PathLike[str]) -> Path:
    """Write ``draft`` to ``path`` atomically; raise ExportError naming the file if that fails."""
    return atomic_write_text(Path(path), render_session(draft))


def _article_record(a: Article) -> dict[str, Any]:
    return {
        "id": a.id, "path": a.path, "title": a.title, "body": a.body,
        "paragraphs": [list(p) for p in a.paragraphs],
        "source": a.source, "author": a.author, "date": a.date, "url": a.url,
        "language": a.language, "duplicate_of": a.duplicate_of, "record": a.record, "time": a.time,
    }


def _packed(values: np.ndarray, dtype: str) -> str:
    return base64.b64encode(zlib.compress(values.astype(dtype).tobytes(), 1)).decode("ascii")


def _unpacked(text: str, dtype: str) -> np.ndarray:
    return np.frombuffer(zlib.decompress(base64.b64decode(text)), dtype=dtype)


def _tokens_record(draft: Draft) -> dict[str, Any]:
    """The corpus's tokens with the spellings and stems it uses only, numbered from 0."""
    from nlp.topics.phrases import tokens_of

    language = draft.analysis.options.language
    tokens = draft.tokens if draft.tokens is not None else tokens_of(draft.corpus, language)
    spelling = np.asarray(tokens.spelling, dtype=np.int64)
    known = spelling >= 0
    used, local = np.unique(spelling[known], return_inverse=True)
    spelling = spelling.copy()
    spelling[known] = local.ravel()
    stem_ids = np.array([tokens.stem_of_form[f] for f in used.tolist()], dtype=np.int64)
    stems_used, stem_local = np.unique(stem_ids, return_inverse=True)
    return {
        "language": language,
        "spelling": _packed(spelling, "<i4"),
        "lengths": _packed(np.asarray(tokens.lengths), "<i8"),
        "forms": [tokens.forms[f] for f in used.tolist()],
        "stem_of_form": stem_local.ravel().tolist(),
        "stems": [tokens.stems[s] for s in stems_used.tolist()],
    }


def _tokens(record: dict[str, Any] | None, corpus: tuple[Article, ...], language: str) -> Tokens | None:
    """The :class:`~nlp.topics.phrases.Tokens` of a session, or None when it has none for ``language``."""
    from nlp.topics.phrases import Tokens

    if not record or record.get("language") != language:
        return None
    lengths = _unpacked(record["lengths"], "<i8").astype(np.int64)
    spelling = _unpacked(record["spelling"], "<i4").astype(np.int32)
    if len(lengths) != 2 * len(corpus) or int(lengths.sum()) != len(spelling):
        raise ValueError("its tokens do not match its articles")
    forms, stems = _texts(record["forms"], "its words' forms"), _texts(record["stems"], "its words' stems")
    stem_of_form = record["stem_of_form"]
    if (type(stem_of_form) is not list or len(stem_of_form) != len(forms)
            or (stem_of_form and not (set(map(type, stem_of_form)) <= _WHOLE
                                      and 0 <= min(stem_of_form) and max(stem_of_form) < len(stems)))
            or (len(spelling) and not -1 <= int(spelling.min()) <= int(spelling.max()) < len(forms))):
        raise ValueError("its tokens do not match their words")
    return Tokens(spelling=spelling, lengths=lengths, forms=list(forms), stem_of_form=list(stem_of_form),
                  stems=list(stems))


def _sentences_record(corpus: tuple[Article, ...]) -> dict[str, str]:
    """Every article's sentences as one packed table: start, end, paragraph and kind number per row."""
    rows = [(s.start, s.end, s.paragraph, _KINDS.index(s.kind)) for a in corpus for s in a.sentences]
    return {"counts": _packed(np.array([len(a.sentences) for a in corpus], dtype=np.int64), "<i8"),
            "table": _packed(np.array(rows, dtype=np.int64).reshape(-1, 4), "<i8")}


def _corpus(records: list[dict[str, Any]], sentences: dict[str, str]) -> tuple[Article, ...]:
    counts = _unpacked(sentences["counts"], "<i8").tolist()
    table = _unpacked(sentences["table"], "<i8").reshape(-1, 4)
    if len(counts) != len(records) or sum(counts) != len(table):
        raise ValueError("its sentences do not match its articles")
    starts, ends, paragraphs, kinds = table.T.tolist()
    if kinds and not 0 <= min(kinds) <= max(kinds) < len(_KINDS):
        raise ValueError("a sentence has a kind number no version writes")
    corpus, first = [], 0
    for record, count in zip(records, counts):
        last = first + count
        corpus.append(_article(record, starts[first:last], ends[first:last], paragraphs[first:last],
                               kinds[first:last]))
        first = last
    return tuple(corpus)


def _article(record: dict[str, Any], starts: list[int], ends: list[int], paragraphs: list[int],
             kinds: list[int]) -> Article:
    def what() -> str:
        return f"article {_shown(record.get('id')) if isinstance(record, dict) else '?'}"

    _typed(record, _ARTICLE_FIELDS, what)
    if type(record.get("time")) not in _MAYBE_TEXT:
        raise ValueError(f"the time of {what()} is {_shown(record['time'])}, not text or null")
    body = record["body"]
    if starts and (min(starts) < 0 or max(ends) > len(body)):
        raise ValueError(f"the sentences of {what()} do not fit in its text")
    # positional and mapped: a reopened session builds about 110,000 sentences per 10,000 articles
    sentences = tuple(map(Sentence, range(len(starts)), starts, ends, map(body.__getitem__, map(slice, starts, ends)),
                          paragraphs, map(_KINDS.__getitem__, kinds)))
    return Article(
        id=record["id"], path=record["path"], title=record["title"], body=body,
        paragraphs=tuple((int(s), int(e)) for s, e in record["paragraphs"]), sentences=sentences,
        source=record["source"], author=record["author"], date=record["date"], url=record["url"],
        language=record["language"], duplicate_of=record["duplicate_of"], record=record["record"],
        time=record.get("time"),
    )


def _cluster(record: dict[str, Any], number: int) -> Cluster:
    what = f"topic {record['id']}"
    if not isinstance(record["summary"], list):
        raise ValueError(f"the summary of {what} is {_shown(record['summary'])}, not a list")
    summary = Summary(method=record["method"], sentences=tuple(
        SummarySentence(text=s["text"], article_id=s["article_id"], sentence_index=s["sentence_index"],
                        start=s["start"], end=s["end"], score=float(s["score"]), rank=s["rank"])
        for s in (_typed(s, _SENTENCE_FIELDS, f"a sentence in the summary of {what}") for s in record["summary"])))
    _texts(record["terms"], f"the terms of {what}")
    _texts(record["sources"], f"the sources of {what}")
    dates = _texts(record["date_range"], f"the date range of {what}", null=True)
    if len(dates) != 2:
        raise ValueError(f"the date range of {what} is {_shown(dates)}, not a first and a last date")
    first, last = dates
    return Cluster(
        id=number, label=record["label"], terms=tuple(record["terms"]), headline=record["headline"],
        article_ids=tuple(record["article_ids"]), story_count=record["story_count"],
        sources=tuple(record["sources"]), date_range=(first, last), is_other=bool(record["is_other"]),
        summary=summary,
    )


@dataclass(frozen=True)
class Opened:
    """A session as read: the draft as saved, and the topics a hand edit left out of date.

    Parameters
    ----------
    draft : Draft
        The topics as the file has them (stale ones not yet recomputed).
    stale : tuple of int
        Topics whose ``article_ids`` differ from those they were described with.
    groups : tuple of (tuple of str, bool, str or None)
        Members, "Other" flag and user label of each topic, for :func:`nlp.edits.regroup`.
    """

    draft: Draft
    stale: tuple[int, ...]
    groups: tuple[tuple[tuple[str, ...], bool, str | None], ...]

    def reconciled(self, bench: Workbench | None = None, *, cancel: CancelToken | None = None) -> Draft:
        """The draft with its stale topics described and summarised again (the draft itself when none)."""
        if not self.stale:
            return self.draft
        bench = bench or workbench(self.draft)
        step = f"Apply the edits made to {len(self.stale)} topic{'s' * (len(self.stale) != 1)} by hand"
        return regroup(self.draft, self.groups, self.stale, bench, step=step, cancel=cancel)


def read_session(path: str | os.PathLike[str]) -> Opened:
    """Read a session file.

    Raises
    ------
    SessionError
        In one line naming the file: it cannot be read, is not a session, is
        corrupt or inconsistent, or was saved by a newer version.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SessionError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError:
        raise SessionError(f"{path} is not a Topic Digest session (it is not UTF-8 text)") from None
    return parse_session(text, str(path))


def parse_session(text: str, name: str = "the session") -> Opened:
    """:func:`read_session` of a file's text; ``name`` names it in errors."""
    with bulk_allocations():
        try:
            document = loads_whole_numbers(text)
        except json.JSONDecodeError as exc:
            raise SessionError(f"{name} is corrupt: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
        except RecursionError:  # a hostile file nested thousands deep
            raise SessionError(f"{name} is corrupt: nested too deep to be a session") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise SessionError(f"{name} is not a Topic Digest session")
        version = document.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise SessionError(f"{name} is corrupt: its session version is {_shown(version)}")
        if version > VERSION:
            raise SessionError(f"{name} was saved by a newer Topic Digest (session version {version}); "
                               f"this version reads sessions up to version {VERSION}: update Topic Digest")
        try:
            return _opened(document, name)
        except SessionError:
            raise
        except (KeyError, TypeError, ValueError, IndexError, AttributeError, zlib.error) as exc:
            detail = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise SessionError(f"{name} is corrupt: {detail}") from None


def _opened(document: dict[str, Any], name: str) -> Opened:
    digest, edits = document["digest"], document["edits"]
    corpus = _corpus(document["corpus"], document["sentences"])
    corpus_by_id = {a.id: a for a in corpus}
    known = set(corpus_by_id)
    if len(known) != len(corpus):
        raise SessionError(f"{name} is corrupt: two articles have one id")
    option_names = {f.name for f in fields(Options)}
    options = Options(**{k: v for k, v in digest["options"].items() if k in option_names})
    try:
        options.validate()  # the rules every other way in checks (nlp.types.OPTION_RULES)
    except OptionsError as exc:
        raise SessionError(f"{name} is corrupt: its options are not valid: {exc}") from None
    if not isinstance(digest["clusters"], list):
        raise SessionError(f"{name} is corrupt: its clusters are not a list")
    for record in digest["clusters"]:
        _typed(record, _CLUSTER_FIELDS, f"topic {_shown(record.get('id'))}" if isinstance(record, dict) else "a topic")
        _texts(record["article_ids"], f"the article_ids of topic {record['id']}")
    records = [c for c in digest["clusters"] if c["article_ids"]]  # a topic emptied by hand is gone
    seen: dict[str, int] = {}
    for number, record in enumerate(records):
        for article_id in record["article_ids"]:
            if article_id not in known:
                raise SessionError(f"{name}: topic {record['id']} names article {article_id!r}, "
                                   "which the session does not hold")
            if article_id in seen:
                raise SessionError(f"{name}: article {article_id!r} is in two topics "
                                   f"({records[seen[article_id]]['id']} and {record['id']})")
            seen[article_id] = number
    if not records:
        raise SessionError(f"{name} has no article left in any topic")
    named_ids = set(edits.get("named", []))
    basis = edits.get("basis", {})
    clusters, named, stale, groups = [], [], [], []
    for number, record in enumerate(records):
        base = basis.get(str(record["id"]))
        if base is None:  # a topic a script added: described anew, its label kept when it has one
            user = bool(record["label"].strip())
            stale.append(number)
        else:
            user = record["id"] in named_ids or base.get("label") != record["label"]
            if set(base["article_ids"]) != set(record["article_ids"]):
                stale.append(number)
        clusters.append(_cluster(record, number))
        if number not in stale:  # its summary is shown as saved: it must quote the topic's own articles
            _quotes_its_articles(clusters[-1], record["id"], corpus_by_id, name)
        named.append(user)
        groups.append((tuple(record["article_ids"]), bool(record["is_other"]), record["label"] if user else None))
    shown = set(seen)
    articles = tuple(a for a in corpus if a.id in shown)
    skipped = [_typed(s, _SKIPPED_FIELDS, "a skipped input") for s in digest["skipped"]]
    notes = _texts(document.get("notes", []), "its notes")
    history = _texts(edits.get("history", []), "its history of edits")
    points = document.get("map") or {}  # the corpus map as analysed; none for a session without one
    analysis = Analysis(
        articles=articles, clusters=tuple(clusters),
        skipped=tuple(Skipped(path=s["path"], reason=s["reason"], record=s["record"]) for s in skipped),
        options=options, notes=tuple(notes),
        coordinates=tuple((float(points[a.id][0]), float(points[a.id][1])) for a in articles)
        if all(a.id in points for a in articles) else (),
    )
    draft = Draft(analysis=analysis, corpus=corpus, named=tuple(named), history=tuple(history),
                  tokens=_tokens(document.get("tokens"), corpus, options.language))
    return Opened(draft, tuple(stale), tuple(groups))


def _quotes_its_articles(cluster: Cluster, topic: int, corpus: dict[str, Article], name: str) -> None:
    """Refuse a summary sentence that is not a sentence of one of its topic's articles, where it says it is."""
    members = set(cluster.article_ids)
    for sentence in cluster.summary.sentences:
        if sentence.article_id not in members:
            raise SessionError(f"{name} is corrupt: the summary of topic {topic} quotes article "
                               f"{_shown(sentence.article_id)}, which is not in the topic")
        article = corpus[sentence.article_id]
        if not (0 <= sentence.start <= sentence.end <= len(article.body)
                and 0 <= sentence.sentence_index < len(article.sentences)):
            raise SessionError(f"{name} is corrupt: the summary of topic {topic} quotes a passage past the end "
                               f"of article {_shown(sentence.article_id)}")


def session_input(paths: list[str]) -> Path | None:
    """The session among a command's inputs, or None; raise OptionsError when it is not the only input."""

    sessions = [p for p in paths if is_session_path(p)]
    if not sessions:
        return None
    if len(paths) > 1:
        raise OptionsError("a session (.tdigest) is exported on its own: give it as the only input")
    return Path(sessions[0])


def open_curated(path: str | os.PathLike[str], *, cancel: CancelToken | None = None) -> Draft:
    """Read a session and bring the topics edited by hand up to date (what the CLI exports)."""
    return read_session(path).reconciled(cancel=cancel)


__all__ = ["FORMAT", "SUFFIX", "VERSION", "Opened", "open_curated", "is_session_path", "parse_session",
           "read_session", "render_session", "save_session", "session_input", "to_session_document"]
