"""Word-frequency summarisers: Luhn, KL-Sum and SumBasic, as sumy scores them.

Luhn is linear already and is written out as sumy has it. KL-Sum and SumBasic
are greedy: sumy recomputes every remaining sentence's score in Python after
each pick (KL-Sum took 25 s for 400 sentences). Here one greedy step is a few
array operations over the sparse count matrix, and the ranking is produced
lazily, so only as many steps run as the summary needs.

KL-Sum departs from sumy on purpose in one way: sumy's ``KLSummarizer`` never
stems, drops stop words before lower-casing them, and mixes the summary's raw
words (capitals and stop words) into the summary distribution. We use stemmed
content words throughout, like every other method; the equivalence test
compares with sumy's class with those word lists corrected the same way.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from nlp.summarize.document import Document, Ranking, by_score, settled

LUHN_MAX_GAP = 4
"""sumy's ``LuhnSummarizer.max_gap_size``: insignificant words that end a cluster."""


def luhn(doc: Document) -> Ranking:
    """Luhn (1958): the densest cluster of significant words in each sentence."""
    frequency = Counter(term for sentence in doc.terms for term in sentence)
    frequency.update(_heading_terms(doc))  # sumy counts the headings' words too
    significant = {term for term, count in frequency.items() if count > 1}
    return by_score([_luhn_rating(stems, significant) for stems in doc.stems])


def _heading_terms(doc: Document) -> list[str]:
    return [t for terms in doc.heading_terms for t in terms]


def _luhn_rating(stems: tuple[str, ...], significant: set[str]) -> float:
    chunks: list[list[int]] = []
    in_chunk = False
    for stem in stems:
        hit = int(stem in significant)
        if hit and not in_chunk:
            in_chunk = True
            chunks.append([1])
        elif in_chunk:
            chunks[-1].append(hit)
        if chunks and len(chunks[-1]) >= LUHN_MAX_GAP and not any(chunks[-1][-LUHN_MAX_GAP:]):
            in_chunk = False
    best = 0.0
    for chunk in chunks:
        while chunk and chunk[-1] == 0:
            chunk.pop()
        hits = sum(chunk)
        if hits > 1:
            best = max(best, hits * hits / len(chunk))
    return best


def _doc_probabilities(doc: Document) -> np.ndarray:
    totals = np.asarray(doc.matrix.sum(axis=0)).ravel()
    return totals / max(1.0, totals.sum())


def kl(doc: Document) -> Ranking:
    """KL-Sum (Haghighi & Vanderwende 2009): add the sentence that brings the summary's
    word distribution closest to the document's, as sumy measures it (the sum runs over
    the summary's words)."""
    counts = doc.matrix
    p = _doc_probabilities(doc)
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    cols, values = counts.indices, counts.data
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    summary = np.zeros_like(p)
    summary_length = 0.0
    left = np.ones(counts.shape[0], dtype=bool)
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    n = counts.shape[0]
    for _ in range(n):
        in_summary = summary > 0
        base_entropy = plogp[in_summary].sum()
        base_log = (p[in_summary] * np.log(summary[in_summary])).sum()
        base_mass = p[in_summary].sum()
        old = summary[cols]
        new_word = old == 0
        # words already in the summary: log(S_w) becomes log(S_w + c_w)
        delta_log = p[cols] * (np.log(old + values) - np.log(np.where(new_word, 1.0, old)))
        delta_log = np.where(new_word, p[cols] * np.log(values), delta_log)
        delta_entropy = np.bincount(rows, np.where(new_word, plogp[cols], 0.0), minlength=n)
        delta_mass = np.bincount(rows, np.where(new_word, p[cols], 0.0), minlength=n)
        log_sum = base_log + np.bincount(rows, delta_log, minlength=n)
        mass = base_mass + delta_mass
        total = summary_length + lengths
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(total > 0, mass * np.log(np.where(total > 0, total, 1.0)), 0.0)
        divergence = base_entropy + delta_entropy - log_sum + scale
        divergence[~left] = np.inf
        best = int(np.argmin(settled(divergence)))
        yield best, -float(divergence[best])
        left[best] = False
        row = slice(counts.indptr[best], counts.indptr[best + 1])
        np.add.at(summary, counts.indices[row], counts.data[row])
        summary_length += lengths[best]


def sumbasic(doc: Document) -> Ranking:
    """SumBasic (Nenkova & Vanderwende 2005): highest mean word probability, then
    square the probabilities of the words just used."""
    counts = doc.matrix
    p = _doc_probabilities(doc)
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    left = np.ones(counts.shape[0], dtype=bool)
    for _ in range(counts.shape[0]):
        with np.errstate(divide="ignore", invalid="ignore"):
            average = np.where(lengths > 0, (counts @ p) / np.where(lengths > 0, lengths, 1.0), 0.0)
        average[~left] = -1.0
        best = int(np.argmax(settled(average)))
        yield best, float(average[best])
        left[best] = False
        row = slice(counts.indptr[best], counts.indptr[best + 1])
        used, times = counts.indices[row], counts.data[row]
        p[used] = p[used] ** (2.0 ** times)
