"""The candidate sentences of one cluster as every summariser sees them: tokens, stems, counts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from nlp.text.sentences import word_count
from nlp.text.vocabulary import Vocabulary

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix


@dataclass(frozen=True)
class Position:
    """Where a sentence stands in its article (Edmundson's location method)."""

    first_paragraph: bool = False
    last_paragraph: bool = False
    first_in_paragraph: bool = False
    last_in_paragraph: bool = False


@dataclass(frozen=True)
class Budget:
    """How long a summary may be: ``words`` when set, else ``sentences``."""

    sentences: int = 5
    words: int | None = None


@dataclass(frozen=True, eq=False)
class Document:
    """Candidate sentences of a cluster, one "document" for the summarisers.

    Parameters
    ----------
    texts : tuple of str
        The sentences.
    stems : tuple of tuple of str
        Stem of every word of each sentence, stop words included (sumy's
        ``stem_word`` of ``sentence.words``).
    terms : tuple of tuple of str
        Stems of the content words of each sentence, in order, repeats kept
        (sumy's ``_to_words_set``: lower-cased, stop words dropped, stemmed).
    stories : tuple of int
        Story number of each sentence (near-duplicate articles share one).
    order : tuple of int
        Position of each sentence among its article's sentences.
    positions : tuple of Position
        Paragraph and sentence position of each sentence in its article.
    headings : tuple of str
        Article titles (Edmundson's title words).
    language : str
        Language of the stop words and stemmer.
    vocabulary : dict of str to int
        Column of each term in :attr:`matrix`, numbered as the terms first occur.
    counts : csr_matrix or None
        Sentence x term counts (:func:`build_document` always fills it).
    heading_stems : tuple of tuple of str
        Stem of every word of each heading, as ``stems``.
    heading_terms : tuple of tuple of str
        Stems of the content words of each heading, as ``terms``.
    """

    texts: tuple[str, ...]
    stems: tuple[tuple[str, ...], ...]
    terms: tuple[tuple[str, ...], ...]
    stories: tuple[int, ...]
    order: tuple[int, ...]
    positions: tuple[Position, ...]
    headings: tuple[str, ...] = ()
    language: str = "english"
    heading_stems: tuple[tuple[str, ...], ...] = ()
    heading_terms: tuple[tuple[str, ...], ...] = ()
    vocabulary: dict[str, int] = field(default_factory=dict)
    counts: csr_matrix | None = None

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def matrix(self) -> csr_matrix:
        """Sentence x term counts of :attr:`terms` (float64 CSR)."""
        assert self.counts is not None
        return self.counts

    def word_counts(self) -> list[int]:
        """Number of words of each sentence as the length budget counts them."""
        return [word_count(text) for text in self.texts]  # unspaced scripts: one word per character


def build_document(
    texts: Sequence[str],
    *,
    language: str = "english",
    stories: Sequence[int] | None = None,
    order: Sequence[int] | None = None,
    positions: Sequence[Position] | None = None,
    headings: Sequence[str] = (),
    vocabulary: Vocabulary | None = None,
) -> Document:
    """Tokenise, stem and count ``texts`` and ``headings`` once for every summariser.

    Without ``stories``, ``order`` and ``positions`` the texts are one article
    of one paragraph. The words are read in ``vocabulary`` (the analysis's),
    or in one made here.
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    from nlp.arrays import by_first_occurrence

    vocabulary = Vocabulary() if vocabulary is None else vocabulary
    table = vocabulary.sentences(language)
    analysed = [table[text] for text in texts]  # read once per analysis: mostly looked up
    stems = [a.stems for a in analysed]
    terms = [a.content for a in analysed]
    # Terms numbered as they first occur: from the stem numbers each sentence's terms carry, by a
    # sort, not a dict lookup per word.
    numbers, sizes, names = vocabulary.stem_numbers([a.content_ids for a in analysed], [language] * len(analysed))
    seen, cols = by_first_occurrence(numbers)
    columns = {names[i]: column for column, i in enumerate(seen.tolist())}
    indptr = np.r_[0, np.cumsum(sizes)]
    counts = csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(texts), max(1, len(columns))))
    counts.sum_duplicates()
    n = len(texts)
    if positions is None:
        positions = [Position(True, True, i == 0, i == n - 1) for i in range(n)]
    return Document(
        texts=tuple(texts),
        stems=tuple(stems),
        terms=tuple(terms),
        stories=tuple(stories) if stories is not None else (0,) * n,
        order=tuple(order) if order is not None else tuple(range(n)),
        positions=tuple(positions),
        headings=tuple(headings),
        language=language,
        heading_stems=tuple(table[h].stems for h in headings),
        heading_terms=tuple(table[h].content for h in headings),
        vocabulary=columns,
        counts=counts,
    )


Ranking = Iterator[tuple[int, float]]
"""Candidate indices in the order a method prefers them, each with its score."""


class Ranker(Protocol):
    """A summariser: ranks a document's sentences, best first, lazily."""

    def __call__(self, doc: Document) -> Ranking: ...


def by_score(scores: Sequence[float]) -> Ranking:
    """Rank by descending score, ties in document order (sumy's stable sort).

    Scores equal to 12 significant digits are ties: which of two equal sums
    comes out larger in floating point depends on the order of the additions.
    """
    import numpy as np

    values = np.asarray(scores, dtype=float)
    for index in np.argsort(-settled(values), kind="stable"):
        yield int(index), float(values[index])


def settled(values: np.ndarray) -> np.ndarray:
    """``values`` rounded to 12 significant digits, so that rounding noise never breaks a tie."""
    import numpy as np

    finite = np.isfinite(values)
    scale = np.max(np.abs(values[finite])) if finite.any() else 0.0
    if scale == 0.0:
        return values
    digits = 12 - int(np.ceil(np.log10(scale)))
    return np.where(finite, np.round(values, digits), values)
