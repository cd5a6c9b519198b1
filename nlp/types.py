"""Immutable results that flow through the core: Article, Sentence, Cluster, Summary, Analysis, Options."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from nlp.text.vocabulary import Vocabulary
    from nlp.topics.phrases import Tokens

from nlp.errors import OptionsError

SentenceKind = Literal["body", "list", "heading", "caption", "quote_block", "furniture"]
"""What a sentence is. Only ``"body"`` sentences are summary material."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article body.

    Parameters
    ----------
    index : int
        Position of the sentence in its article, counting from 0.
    start, end : int
        Character offsets into ``Article.body``; ``body[start:end] == text``.
    text : str
        The sentence exactly as it stands in the body.
    paragraph : int
        Index of the paragraph (into ``Article.paragraphs``) that holds it.
    kind : SentenceKind
        ``"body"`` for ordinary prose; anything else (list items under a
        "Key Takeaways" heading, headings, captions, and a site's footer
        that many stories carry, :mod:`nlp.topics.furniture`) is never summarised.
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    kind: SentenceKind = "body"


@dataclass(frozen=True)
class Article:
    """One clean article, the unit everything downstream works on.

    Parameters
    ----------
    id : str
        Unique, stable identifier derived from the file path (and the record
        number for multi-record files); independent of reading order.
    path : str
        The file the article came from (``"-"`` for standard input).
    title : str
        Explicit title, else a headline-like first line, else a shortened
        first sentence. Never empty for an article with a body.
    body : str
        Clean body text: paragraphs joined by ``"\\n\\n"``.
    paragraphs : tuple of (int, int)
        ``(start, end)`` spans of each paragraph in ``body``.
    sentences : tuple of Sentence
        Sentences of ``body`` in order, with offsets.
    source, author, url : str or None
        Publication, byline and address when known.
    date : str or None
        ISO 8601: ``"2025-07-10"``, ``"2025-07"``, or ``"--07-10"`` when the
        year is unknown (a partial date is never completed by guessing).
    language : str
        Language name as sumy and NLTK's Snowball know it (``"english"``).
    duplicate_of : str or None
        Id of the first article of the same story when this one is a copy or
        rewrite of it (set by :mod:`nlp.topics.dedup`), else ``None``.
    record : int or None
        Record number inside a multi-record file, else ``None``.
    time : str or None
        Time of day of ``date`` as the source gives it (``"14:30"``), when it gives one.
    """

    id: str
    path: str
    title: str
    body: str
    paragraphs: tuple[tuple[int, int], ...] = ()
    sentences: tuple[Sentence, ...] = ()
    source: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    language: str = "english"
    duplicate_of: str | None = None
    record: int | None = None
    time: str | None = None

    @property
    def story_id(self) -> str:
        """Id of the story this article tells: its own, or the one it duplicates."""
        return self.duplicate_of or self.id


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and why (the message names the file)."""

    path: str
    reason: str
    record: int | None = None

    @property
    def message(self) -> str:
        """The reason naming the file once: ``"path: reason"`` unless ``reason`` starts with ``path``."""
        return self.reason if self.reason.startswith(self.path) else f"{self.path}: {self.reason}"

    @property
    def detail(self) -> str:
        """The reason without the file name it starts with, for a view that shows the file beside it."""
        prefix = f"{self.path}: "
        return self.reason[len(prefix):] if self.reason.startswith(prefix) else self.reason


@dataclass(frozen=True)
class Corpus:
    """What ingest returns: the articles that loaded and the inputs that did not."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()


@dataclass(frozen=True)
class SummarySentence:
    """A summary sentence with its provenance.

    ``text == article.body[start:end]`` for the article with ``article_id``;
    ``sentence_index`` indexes ``article.sentences``. ``score`` is the
    method's score, ``rank`` the selection order (0 = chosen first).
    """

    text: str
    article_id: str
    sentence_index: int
    start: int
    end: int
    score: float
    rank: int


@dataclass(frozen=True)
class Summary:
    """The extractive summary of one cluster: its opening sentence, then the rest in reading order.

    ``over_budget`` is True when the word budget held no sentence and the
    summary is the topic's best sentence alone, longer than asked.
    """

    method: str = ""
    sentences: tuple[SummarySentence, ...] = ()
    over_budget: bool = False


@dataclass(frozen=True)
class Cluster:
    """One topic: its articles, how to recognise it, and its summary.

    Parameters
    ----------
    id : int
        Position of the cluster in ``Analysis.clusters`` (0-based).
    label : str
        2-4 key terms joined by ``" · "``; ``"Other"`` for the catch-all group.
    terms : tuple of str
        The key terms of the label, best first.
    headline : str
        Title of the most representative article.
    article_ids : tuple of str
        Member articles, most representative first.
    story_count : int
        Number of distinct stories (articles minus near-duplicates).
    sources : tuple of str
        Distinct publications, sorted.
    date_range : tuple of (str or None, str or None)
        Earliest and latest article date.
    is_other : bool
        True for the group of articles that fit no topic.
    summary : Summary
        Filled in by :mod:`nlp.summarize.selection`.
    """

    id: int
    label: str
    terms: tuple[str, ...]
    headline: str
    article_ids: tuple[str, ...]
    story_count: int
    sources: tuple[str, ...] = ()
    date_range: tuple[str | None, str | None] = (None, None)
    is_other: bool = False
    summary: Summary = field(default_factory=Summary)


@dataclass(frozen=True)
class Options:
    """Everything a user can choose about an analysis (GUI and CLI alike).

    Parameters
    ----------
    clusters : int or None
        Fixed number of topics, or ``None`` to choose it automatically.
    granularity : float
        From 0.0 (a few broad topics) to 1.0 (one topic per news story);
        steers the automatic choice. 0.5 aims at news stories.
    method : str
        Summariser name, a key of :data:`nlp.summarize.selection.METHODS`.
    sentences : int or None
        Summary length in sentences (used when ``words`` is None).
    words : int or None
        Summary length as a word budget; never exceeded, never cuts a sentence.
    language : str
        Corpus language for stop words, stemming and splitting.
    random_state : int
        Seed for every randomised step.
    """

    clusters: int | None = None
    granularity: float = 0.5
    method: str = "centroid"
    sentences: int | None = 5
    words: int | None = None
    language: str = "english"
    random_state: int = 0

    def validate(self) -> Options:
        """Return these options; raise OptionsError naming the first option outside :data:`OPTION_RULES`."""
        check_options(**{f.name: getattr(self, f.name) for f in fields(self)})
        return self


@dataclass(frozen=True)
class Interval:
    """Numbers from ``low`` to ``high`` (inclusive; None is unbounded), whole ones unless ``real``.

    ``none`` says what None means when it is allowed ("automatic"); empty when it is not.
    """

    low: float | None = None
    high: float | None = None
    real: bool = False
    none: str = ""

    def problem(self, name: str, value: object) -> str | None:
        """Why ``value`` cannot be option ``name``, or None when it can."""
        if value is None and self.none:
            return None
        kinds = (int, float) if self.real else (int,)
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        if isinstance(value, bool) or not isinstance(value, kinds):
            return f"{name} must be {self}, not {shown}"
        if (self.low is not None and not value >= self.low) or (self.high is not None and not value <= self.high):  # NaN too
            return f"{name} must be {self}, not {shown}"
        return None

    def __str__(self) -> str:
        kind = "a number" if self.real else "a whole number"
        if self.low is not None and self.high is not None:
            text = f"{kind} between {self.low:g} and {self.high:g}"
        elif self.low is not None:
            text = f"{kind} of {self.low:g} or more"
        else:
            text = kind
        return text + (f", or None ({self.none})" if self.none else "")


@dataclass(frozen=True)
class OneOf:
    """One of the names ``known()`` lists (read when checked: the lists load lazily)."""

    what: str
    known: Callable[[], Sequence[str]]

    def problem(self, name: str, value: object) -> str | None:
        """Why ``value`` cannot be option ``name``, or None when it can."""
        names = self.known()
        if isinstance(value, str) and value in names:
            return None
        return f"unknown {self.what} {value!r}; choose one of: {', '.join(names)}"


def _method_names() -> Sequence[str]:
    from nlp.summarize.names import METHOD_NAMES

    return METHOD_NAMES


def _languages() -> Sequence[str]:
    from nlp.text.language import languages

    return languages()


OPTION_RULES: dict[str, Interval | OneOf] = {
    "clusters": Interval(low=1, none="automatic"),
    "granularity": Interval(low=0, high=1, real=True),
    "method": OneOf("summary method", _method_names),
    "sentences": Interval(low=1, none="when words is given"),
    "words": Interval(low=1, none="measure in sentences"),
    "language": OneOf("language", _languages),  # a known name, never a path
    "random_state": Interval(),
}
"""What each field of :class:`Options` may hold: the one declaration the CLI, the GUI and the pipeline check."""


def check_options(**values: object) -> None:
    """Raise OptionsError for the first of ``values`` (fields of :class:`Options`) its rule refuses.

    When both ``sentences`` and ``words`` are given, one of them must set the
    summary length.
    """
    for name, value in values.items():
        problem = OPTION_RULES[name].problem(name, value)
        if problem:
            raise OptionsError(problem)
    if values.keys() >= {"sentences", "words"} and values["sentences"] is None and values["words"] is None:
        raise OptionsError("sentences must be a whole number of 1 or more when words is None, not None")


@dataclass(frozen=True)
class Analysis:
    """The result of :func:`nlp.run.pipeline.analyze`, shown by the GUI and written by exporters.

    ``notes`` are what the user should be told about the result itself, one
    sentence each ("asked for 500 topics; 100 were possible: ..."); the CLI
    prints them as warnings and the window shows them in its status bar.

    ``coordinates`` places each article (same order as ``articles``) on a 2-D
    map of the corpus, both axes in [-1, 1] (:mod:`nlp.topics.projection`);
    empty when no map was made.

    ``tokens`` are the words of ``articles`` as
    :func:`nlp.topics.phrases.tokens_of` gives them in ``options.language``,
    when the pipeline read them (None otherwise): a draft of the analysis
    and its session file take them, so that neither reads the corpus again.
    ``vocabulary`` is the analysis's own (:class:`nlp.text.vocabulary.Vocabulary`),
    kept so that re-summarising does not read every sentence again; it goes
    with the analysis.
    """

    articles: tuple[Article, ...]
    clusters: tuple[Cluster, ...]
    skipped: tuple[Skipped, ...] = ()
    options: Options = field(default_factory=Options)
    notes: tuple[str, ...] = ()
    coordinates: tuple[tuple[float, float], ...] = ()
    tokens: Tokens | None = field(default=None, compare=False, repr=False)
    vocabulary: Vocabulary | None = field(default=None, compare=False, repr=False)

    @cached_property
    def _by_id(self) -> dict[str, Article]:
        return {article.id: article for article in self.articles}

    def article(self, article_id: str) -> Article:
        """Return the article with ``article_id``; raise KeyError if absent."""
        return self._by_id[article_id]
