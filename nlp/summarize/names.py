"""Summary methods by name, in words and in a line each, importable without the summarisers (the GUI lists
them before sumy loads; the CLI's --help and the GUI's menu read the same table)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MethodName:
    """A summary method as people see it: its option value, its name in words, what it does."""

    name: str
    label: str
    description: str


METHODS_DESCRIBED: tuple[MethodName, ...] = (
    MethodName("centroid", "Centroid (multi-document)",
               "Sentences closest to the topic's centre, favouring article leads and avoiding repeats"),
    MethodName("lexrank", "LexRank (graph)",
               "Sentences most similar to many others, found by a random walk over a similarity graph"),
    MethodName("textrank", "TextRank (graph)", "PageRank over the words sentences share"),
    MethodName("lsa", "Latent semantic analysis",
               "Sentences that weigh most in the topic's main word patterns"),
    MethodName("luhn", "Luhn (word clusters)", "Sentences with the densest clusters of frequent words"),
    MethodName("kl", "KL-Sum (word distribution)",
               "Sentences whose words together best match the topic's word frequencies"),
    MethodName("sumbasic", "SumBasic (word frequency)",
               "Sentences of the most frequent words, each word counted less once used"),
    MethodName("edmundson", "Edmundson (cues, title, position)",
               "Sentences with news cue words and title words, early in their article"),
    MethodName("reduction", "Reduction (word overlap)", "Sentences that share the most words with all others"),
)
"""Every summary method, in menu order."""

METHOD_NAMES: tuple[str, ...] = tuple(m.name for m in METHODS_DESCRIBED)
"""Every key of :data:`nlp.summarize.selection.METHODS`, in menu order (a test keeps the two equal)."""
