"""LSA (Steinberger & Ježek 2004) as sumy computes it, without the SVD.

sumy's ``LsaSummarizer`` keeps every dimension (``REDUCTION_RATIO = 1``), and
a sentence's score is then sqrt(sum_k sigma_k^2 v_jk^2), which is exactly the
length of the sentence's column of the term x sentence matrix (A^T A = V S^2
V^T). So the score needs no decomposition: we compute the column lengths of
sumy's smoothed matrix directly (every cell of a non-empty column is
``0.4 + 0.6 * count / column max``, zeros included), in linear time, where the
dense SVD of a 6,000-term x 3,000-sentence matrix takes many seconds.
"""

from __future__ import annotations

import numpy as np

from nlp.summarize.document import Document, Ranking, by_score

SMOOTH = 0.4
"""sumy's maximum-tf smoothing."""


def lsa(doc: Document) -> Ranking:
    """Rank sentences by the length of their smoothed term-frequency vector."""
    counts = doc.matrix
    vocabulary = len(doc.vocabulary)
    column_max = counts.max(axis=1).toarray().ravel()
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    scaled = SMOOTH + (1.0 - SMOOTH) * counts.data / column_max[rows]
    extra = np.bincount(rows, scaled**2 - SMOOTH**2, minlength=counts.shape[0])
    squared = np.where(column_max > 0, vocabulary * SMOOTH**2 + extra, 0.0)
    return by_score(np.sqrt(squared))
