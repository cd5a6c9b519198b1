"""Graph centrality: LexRank, TextRank and Reduction, sumy's scoring on sparse matrices.

sumy builds the sentence-similarity matrix with two Python loops over every
pair (7 s for 1,000 sentences); here it is one sparse product, computed in row
blocks so that a 3,000-sentence cluster never holds a dense 3,000 x 3,000
matrix. The scores are sumy's: same weights, same power method, same
stopping rule, so on the same sentences the same ones are picked
(``tests/nlp/test_summarize.py`` checks it against sumy's classes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from nlp.summarize.document import Document, Ranking, by_score

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

LEXRANK_THRESHOLD = 0.1
"""sumy's ``LexRankSummarizer.threshold``: cosine above which two sentences are linked."""
LEXRANK_EPSILON = 0.1
TEXTRANK_DAMPING = 0.85
TEXTRANK_EPSILON = 1e-4
_BLOCK = 512


def lexrank(doc: Document) -> Ranking:
    """LexRank (Erkan & Radev 2004) with sumy's idf-modified cosine and threshold.

    The weights are sumy's, which no library offers: term frequency over the
    sentence's largest, times ``log(n / (1 + df))``.
    """
    from scipy.sparse import diags, vstack
    from sklearn.preprocessing import normalize

    counts = doc.matrix
    n = counts.shape[0]
    row_max = counts.max(axis=1).toarray().ravel()
    row_max[row_max == 0] = 1.0
    tf = diags(1.0 / row_max) @ counts
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    idf = np.log(n / (1.0 + df))
    unit = normalize((tf @ diags(idf)).tocsr())
    blocks = []
    for start in range(0, n, _BLOCK):
        block = (unit[start : start + _BLOCK] @ unit.T).tocsr()
        block.data = (block.data > LEXRANK_THRESHOLD).astype(float)
        block.eliminate_zeros()
        blocks.append(block)
    links = vstack(blocks).tocsr()
    degrees = np.asarray(links.sum(axis=1)).ravel()
    degrees[degrees == 0] = 1.0
    transition = (diags(1.0 / degrees) @ links).T.tocsr()
    p = np.full(n, 1.0 / n)
    change = 1.0
    while change > LEXRANK_EPSILON:
        following = transition @ p
        norm = np.linalg.norm(following)
        if norm == 0.0:  # no sentence links to another (every idf is 0): all sentences tie
            return by_score(np.zeros(n))
        following /= norm
        change = float(np.linalg.norm(following - p))
        p = following
    return by_score(p)


def _overlap_weights(doc: Document, *, textrank: bool) -> csr_matrix:
    """Shared words over the sum of log lengths, for every pair (sumy's edge weight).

    TextRank keeps the raw overlap when both sentences have a single word
    (log-length sum 0); Reduction gives such a pair 0.
    """
    from scipy.sparse import coo_matrix, vstack

    counts = doc.matrix
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    logs = np.log(np.maximum(lengths, 1.0))
    blocks = []
    for start in range(0, counts.shape[0], _BLOCK):
        shared = (counts[start : start + _BLOCK] @ counts.T).tocoo()
        rows = shared.row + start
        norm = logs[rows] + logs[shared.col]
        flat = np.isclose(norm, 0.0) if textrank else norm == 0.0
        data = np.where(flat, shared.data if textrank else 0.0, shared.data / np.where(flat, 1.0, norm))
        blocks.append(coo_matrix((data, (shared.row, shared.col)), shape=shared.shape).tocsr())
    return vstack(blocks).tocsr()


def textrank(doc: Document) -> Ranking:
    """TextRank (Mihalcea & Tarau 2004): PageRank over word-overlap weights, as in sumy."""
    from scipy.sparse import diags

    weights = _overlap_weights(doc, textrank=True)
    n = weights.shape[0]
    sums = np.asarray(weights.sum(axis=1)).ravel() + 1e-7  # sumy's zero-division guard
    transition = (diags(1.0 / sums) @ weights).T.tocsr()
    p = np.full(n, 1.0 / n)
    change = 1.0
    while change > TEXTRANK_EPSILON:
        following = (1.0 - TEXTRANK_DAMPING) / n * p.sum() + TEXTRANK_DAMPING * (transition @ p)
        change = float(np.linalg.norm(following - p))
        p = following
    return by_score(p)


def reduction(doc: Document) -> Ranking:
    """Reduction: each sentence's summed overlap weight with every other sentence."""
    weights = _overlap_weights(doc, textrank=False)
    scores = np.asarray(weights.sum(axis=1)).ravel() - weights.diagonal()
    return by_score(scores)
