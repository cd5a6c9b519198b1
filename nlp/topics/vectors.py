"""Article vectors for clustering: word counts, sublinear TF-IDF, then LSA to unit vectors.

An article is the stemmed content words of its title (``title_weight``
times) and body sentences, without the words that set no topic apart
(:func:`nlp.topics.phrases.no_topic_stems`): the words near-duplicates and
summaries read, from the analysis's :class:`~nlp.text.vocabulary.Vocabulary`.
Counts are weighted as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``
does (its own transformer), then reduced to ``n_components`` dimensions: by
TruncatedSVD for large corpora, by an exact factorisation of the Gram matrix
below that many articles (nothing is lost), kept whole when the vocabulary
is that small. :class:`nlp.topics.cluster.TopicClusterer` fits these vectors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from nlp.errors import NoArticlesError, OptionsError
from nlp.run.cancel import CancelToken, Progress, check, report
from nlp.text.vocabulary import Vocabulary
from nlp.topics.phrases import no_topic_stems
from nlp.types import Article


class Vectors(NamedTuple):
    """Unit vectors of articles (:func:`vectorize`), rows in id order."""

    ids: tuple[str, ...]
    vectors: np.ndarray
    """n x d float32, zero for the articles without content words."""
    usable: np.ndarray
    """Which articles have content words."""
    plain: object = None
    """n x terms sparse unit rows of plain sublinear term frequencies (:mod:`nlp.topics.onestory`)."""
    by_content: np.ndarray | None = None
    """The rows in content order (by :func:`content_key`, then id): the order the clusterer works in."""
    names: object = None
    """n x names sparse rows: how often the article's body names that name (:attr:`~nlp.text.vocabulary.Terms.names`)."""


def vectorize(
    articles: Sequence[Article],
    *,
    vocabulary: Vocabulary | None = None,
    title_weight: int = 2,
    n_components: int = 200,
    random_state: int = 0,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Vectors:
    """The articles' unit vectors, rows in id order (reading order never matters).

    It reads only titles and sentences, never ``duplicate_of``, so it may
    run while near-duplicates are being found (``nlp.run.pipeline`` does).

    Parameters
    ----------
    articles : sequence of Article
        The corpus.
    vocabulary : Vocabulary, optional
        The analysis's words; a vocabulary of these articles is made when not given.
    title_weight : int
        How many times the title's words count.
    n_components : int
        Dimensions of the LSA vectors for large corpora.
    random_state : int
        Seed of the randomised SVD (used above ``n_components`` articles).
    progress : callable, optional
        ``progress(fraction, message)``.
    cancel : CancelToken, optional
        Polled between steps; raises :class:`~nlp.errors.Cancelled`.

    Raises
    ------
    OptionsError
        For a ``title_weight`` below 1 or an ``n_components`` below 2.
    NoArticlesError
        When there is no article, or none has a content word.
    """
    for name, value, least in (("title_weight", title_weight, 1), ("n_components", n_components, 2)):
        if isinstance(value, bool) or value < least:
            raise OptionsError(f"{name} must be {least} or more, not {value}")
    if not articles:
        raise NoArticlesError("no articles to cluster")
    ranked = sorted(articles, key=lambda a: a.id)
    # made in content order, so that no rounding follows the ids (renamed files, same vectors); returned in id order
    by_content = np.array(sorted(range(len(ranked)), key=lambda i: (content_key(ranked[i]), ranked[i].id)),
                          dtype=np.int64)
    back = np.argsort(by_content)
    ranked = [ranked[i] for i in by_content]
    counts, usable = _counts(ranked, Vocabulary() if vocabulary is None else vocabulary, title_weight,
                             progress, cancel)
    if not usable.any():
        languages = ", ".join(sorted({a.language for a in ranked}))
        raise NoArticlesError(
            f"no article has a word to cluster on: all {len(ranked)} hold only stop words, "
            f"numbers or punctuation; check that the language ({languages}) is right"
        )
    report(progress, 0.4, "Weighing words (TF-IDF)")
    plain = _plain_rows(counts, usable)  # before the weighting, which works on ``counts`` in place
    matrix = sublinear_tfidf(counts)
    check(cancel)
    reduced = _reduce(matrix, n_components, random_state)
    vectors = np.zeros((len(ranked), reduced.shape[1]), dtype=np.float32)
    vectors[usable] = reduced
    names = _name_rows(ranked, Vocabulary() if vocabulary is None else vocabulary)
    return Vectors(ids=tuple(ranked[i].id for i in back), vectors=vectors[back], usable=usable[back],
                   plain=plain[back], by_content=by_content, names=names[back])  # type: ignore[index]


def content_key(article: Article) -> bytes:
    """A digest of the article's title and body: what orders rows, so that renaming files changes nothing."""
    text = f"{article.title}\x00{article.body}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).digest()


def article_tokens(article: Article, *, title_weight: int = 2, vocabulary: Vocabulary | None = None) -> list[str]:
    """Stemmed content words of the title (``title_weight`` times) and the body sentences: what a row counts.

    Words that set no topic apart (weekday names, :func:`nlp.topics.phrases.no_topic_stems`) are left out.
    """
    table = (Vocabulary() if vocabulary is None else vocabulary).sentences(article.language)
    tokens = list(table[article.title].plain) * title_weight
    for sentence in article.sentences:
        if sentence.kind == "body":
            tokens += table[sentence.text].plain
    noise = no_topic_stems(article.language)
    return [t for t in tokens if t not in noise]


def word_counts(articles: Sequence[Article], *, title_weight: int = 2,
                vocabulary: Vocabulary | None = None) -> tuple[object, np.ndarray]:
    """Word counts of the articles that have content words (:func:`article_tokens`), and which those are.

    The matrix scikit-learn's ``CountVectorizer(analyzer=article_tokens,
    dtype=np.float32)`` makes of ``articles`` in their order, entry for entry
    and in the same stored order (columns by stem, entries of a row by the
    stems' first occurrence in the corpus).
    """
    return _counts(articles, Vocabulary() if vocabulary is None else vocabulary, title_weight, None, None)


def sublinear_tfidf(counts: object) -> object:
    """What ``TfidfVectorizer(sublinear_tf=True)`` does with its counts: scikit-learn's own transformer.

    Works on ``counts`` in place (scipy's sparse matrix, float).
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    weighting = TfidfTransformer(sublinear_tf=True)
    weighting.fit(counts)
    return weighting.transform(counts, copy=False)


def _counts(
    articles: Sequence[Article], vocabulary: Vocabulary, title_weight: int, progress: Progress | None,
    cancel: CancelToken | None,
) -> tuple[object, np.ndarray]:
    """:func:`word_counts`, from the stem numbers each sentence's terms carry: sorts instead of a dict lookup per word."""
    from scipy.sparse import csr_matrix

    from nlp.arrays import by_first_occurrence, unique_counts

    parts: list[bytes] = []
    for number, article in enumerate(articles):
        if number % 250 == 0:
            check(cancel)
            report(progress, 0.4 * number / len(articles), f"Reading words {number}/{len(articles)}")
        table = vocabulary.sentences(article.language)
        body = [table[s.text].plain_ids for s in article.sentences if s.kind == "body"]
        parts.append(table[article.title].plain_ids * title_weight + b"".join(body))
    numbers, sizes, names = vocabulary.stem_numbers(parts, [a.language for a in articles])
    numbers, sizes = _without_noise(numbers, sizes, names, {a.language for a in articles})
    usable = sizes > 0
    row = np.repeat(np.arange(int(usable.sum()), dtype=np.int64), sizes[usable])
    order, seen = by_first_occurrence(numbers)  # distinct stems by first occurrence
    width = max(1, len(order))
    cell, count = unique_counts(row * width + seen)
    spelled = [names[i] for i in order.tolist()]
    column = np.empty(len(order), dtype=np.int32)  # first-occurrence rank -> column (stems sorted)
    column[sorted(range(len(spelled)), key=spelled.__getitem__)] = np.arange(len(spelled), dtype=np.int32)
    indptr = np.searchsorted(cell // width, np.arange(int(usable.sum()) + 1)).astype(np.int32)
    counts = csr_matrix(
        (count.astype(np.float32), column[cell % width], indptr), shape=(len(indptr) - 1, len(order))
    )
    return counts, usable


def _name_rows(articles: Sequence[Article], vocabulary: Vocabulary) -> object:
    """How often each article's body names each name: a sparse row per article, a column per name stem."""
    from scipy.sparse import csr_matrix

    from nlp.arrays import unique_counts

    parts = []
    for article in articles:
        table = vocabulary.sentences(article.language)
        parts.append(b"".join([table[s.text].names for s in article.sentences if s.kind == "body"]))
    numbers, sizes, stems = vocabulary.stem_numbers(parts, [a.language for a in articles])
    width = max(1, len(stems))
    cells, counts = unique_counts(np.repeat(np.arange(len(articles), dtype=np.int64), sizes) * width + numbers)
    return csr_matrix((counts.astype(np.float64), (cells // width, cells % width)),
                      shape=(len(articles), width))


def _reduce(matrix: object, n_components: int, random_state: int) -> np.ndarray:
    """Dense unit vectors whose dot products are (about) the TF-IDF cosines."""
    n, width = matrix.shape  # type: ignore[attr-defined]
    if width <= n_components:
        dense = matrix.toarray()  # type: ignore[attr-defined]
    elif n <= n_components:
        gram = (matrix @ matrix.T).toarray().astype(np.float64)  # type: ignore[attr-defined]
        values, basis = np.linalg.eigh(gram)
        keep = values > 1e-9
        dense = basis[:, keep] * np.sqrt(values[keep])
    else:
        from sklearn.decomposition import TruncatedSVD

        svd = TruncatedSVD(n_components, algorithm="randomized", n_iter=4, random_state=random_state)
        dense = svd.fit_transform(matrix)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    return (dense / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def _without_noise(
    numbers: np.ndarray, sizes: np.ndarray, names: list[str], languages: set[str]
) -> tuple[np.ndarray, np.ndarray]:
    """``numbers`` (stem numbers, ``sizes`` per article) without the stems that set no topic apart."""
    noise = set().union(*(no_topic_stems(language) for language in languages))
    used = np.unique(numbers)
    dropped = used[[names[i] in noise for i in used.tolist()]] if len(used) else used
    if not len(dropped):
        return numbers, sizes
    keep = ~np.isin(numbers, dropped)
    article = np.repeat(np.arange(len(sizes)), sizes)
    return numbers[keep], np.bincount(article[keep], minlength=len(sizes)).astype(np.int64)


def _plain_rows(counts: object, usable: np.ndarray) -> object:
    """Unit rows of sublinear term frequencies without IDF, one per article (zero without content words)."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer

    rows = TfidfTransformer(use_idf=False, sublinear_tf=True).fit_transform(counts)
    place = np.flatnonzero(usable)
    spread = csr_matrix((np.ones(len(place), dtype=np.float32), (place, np.arange(len(place)))),
                        shape=(len(usable), len(place)))
    return (spread @ rows).tocsr()
