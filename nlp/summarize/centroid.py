"""Centroid scoring with maximal marginal relevance, built for several articles at once.

Each sentence is a TF-IDF vector (sublinear term frequency, idf over the
cluster's sentences). The centroid is the mean of the stories' vectors (a
story is an article and its near-duplicates, so a story copied five times
does not outweigh the others), as in MEAD (Radev et al. 2004), which also
adds a bonus for sentences early in their article. Sentences are then taken
by maximal marginal relevance (Carbonell & Goldstein 1998): relevance to the
centroid minus similarity to what was already taken.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from nlp.summarize.document import Document, Ranking, settled

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

MMR_LAMBDA = 0.6
"""Weight of relevance against redundancy in MMR."""
POSITION_WEIGHT = 0.2
"""Bonus of an article's first sentence; it decays as 1 / (1 + position)."""


def tfidf(doc: Document) -> csr_matrix:
    """Unit-length TF-IDF rows of the sentences (sublinear tf, smoothed idf)."""
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer(sublinear_tf=True).fit_transform(doc.matrix)


def topic_centre(doc: Document, vectors: csr_matrix) -> np.ndarray:
    """Unit mean of the stories' unit vectors (zeros when the sentences share no term weight)."""
    from scipy.sparse import csr_matrix as sparse
    from sklearn.preprocessing import normalize

    _, story_of = np.unique(np.asarray(doc.stories), return_inverse=True)
    sizes = np.bincount(story_of)
    membership = sparse(  # story x sentence, built row by row: no conversion from coordinates
        (np.ones(len(story_of)), np.argsort(story_of, kind="stable"), np.r_[0, np.cumsum(sizes)]),
        shape=(len(sizes), len(story_of)),
    )
    centre = np.asarray(normalize(membership @ vectors).sum(axis=0)).ravel()
    length = np.linalg.norm(centre)
    return centre / length if length > 0 else centre


def centroid_relevance(doc: Document, vectors: csr_matrix) -> np.ndarray:
    """Cosine of each sentence with the mean of the stories' vectors, plus MEAD's position bonus."""
    cosine = vectors @ topic_centre(doc, vectors)
    position = POSITION_WEIGHT / (1.0 + np.asarray(doc.order, dtype=float))
    return np.asarray(cosine).ravel() + position


def centroid(doc: Document) -> Ranking:
    """MMR over centroid relevance: each pick is the best relevance minus redundancy."""
    vectors = tfidf(doc)
    relevance = centroid_relevance(doc, vectors)
    redundancy = np.zeros(len(doc))
    left = np.ones(len(doc), dtype=bool)
    for _ in range(len(doc)):
        value = MMR_LAMBDA * relevance - (1.0 - MMR_LAMBDA) * redundancy
        value[~left] = -np.inf
        best = int(np.argmax(settled(value)))
        yield best, float(relevance[best])
        left[best] = False
        similarity = np.asarray((vectors @ vectors[best].T).todense()).ravel()
        redundancy = np.maximum(redundancy, similarity)
