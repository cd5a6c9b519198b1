"""Topic colours shared by the window's map and the HTML digest's pictures, so a topic looks the same in both."""

from __future__ import annotations

TOPIC_COLOURS: tuple[str, ...] = (
    "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d",
    "#ff9da6", "#2f8f9d", "#8c6bb1", "#bab0ac",
)
"""Tableau-10-like colours told apart on screen and in print, cycled by topic number."""

OTHER_COLOUR = "#b0b0b0"
"""The colour of the "Other" group: grey, for articles that fit no topic."""


def topic_colour(cluster_id: int, is_other: bool = False) -> str:
    """The ``#rrggbb`` colour of topic ``cluster_id``."""
    return OTHER_COLOUR if is_other else TOPIC_COLOURS[cluster_id % len(TOPIC_COLOURS)]
