"""The sentence a summary opens on: the article lead that best covers the topic.

A news article's first sentence states its story, so a summary that opens on
a lead can be read cold. Leads are each article's first candidate among its
first ``LEAD_ORDER`` body sentences that does not lean on a sentence before
it (:func:`nlp.summarize.cohesion.dangling`); they are ranked by their
TF-IDF cosine with the topic's centre (the mean of its stories, as the
centroid method computes it), so the lead that names the topic's event
comes before leads of background articles. A topic without such a lead
opens on its non-dangling sentence closest to the centre, and one whose
every sentence leans on another on its sentence closest to the centre.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from nlp.summarize.candidates import Candidate
from nlp.summarize.centroid import tfidf, topic_centre
from nlp.summarize.document import Document, settled

LEAD_ORDER = 3
"""A lead is among its article's first three body sentences (the first ones may be datelines or furniture)."""


def openers(doc: Document, found: Sequence[Candidate], leans: Callable[[int], bool]) -> list[tuple[int, float]]:
    """Candidate indices a summary may open on, best first, each with its cosine with the topic's centre.

    Parameters
    ----------
    doc : Document
        The candidates as the summarisers see them.
    found : sequence of Candidate
        The same candidates, with their articles.
    leans : callable
        Whether the candidate of an index needs its predecessor (never an opener).
    """
    vectors = tfidf(doc)
    cosine = np.asarray(vectors @ topic_centre(doc, vectors)).ravel()
    leads: dict[str, int] = {}
    for index, c in enumerate(found):
        if c.order < LEAD_ORDER and c.article.id not in leads and not leans(index):
            leads[c.article.id] = index
    if leads:
        chosen = np.array(sorted(leads.values()), dtype=int)
    else:
        chosen = np.array([i for i in range(len(found)) if not leans(i)], dtype=int)
        if not len(chosen):
            chosen = np.arange(len(found))
    scores = cosine[chosen]
    best_first = np.argsort(-settled(scores), kind="stable")
    return [(int(chosen[i]), float(scores[i])) for i in best_first]
