"""Editing the topics of an analysis: rename, merge, split, move and exclude, as pure functions.

An edit returns a new :class:`Draft` in which only the topics whose articles
changed are described and summarised again, exactly as the pipeline would
describe and summarise a topic with those members in that corpus: key terms
are scored against the whole corpus as analysed (excluded articles included),
so a topic's label depends on its own members only. A label the user wrote
stays as written. Topics keep their places; a topic left empty disappears and
"Other" stays last.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from nlp.errors import EditError
from nlp.run.cancel import CancelToken, check
from nlp.types import Analysis, Article, Cluster

if TYPE_CHECKING:
    from nlp.topics.phrases import Tokens

_NAME_LENGTH = 40


@dataclass(frozen=True)
class Draft:
    """An analysis as the user curates it.

    Parameters
    ----------
    analysis : Analysis
        What is shown and exported: the topics as edited, and only the
        articles that are in a topic.
    corpus : tuple of Article
        Every article as analysed, excluded ones included, by id.
    named : tuple of bool
        For each cluster, whether the user wrote its label.
    history : tuple of str
        The edits made, one line each, oldest first.
    tokens : Tokens or None
        The corpus's words as :func:`nlp.topics.phrases.tokens_of` gives them
        in the analysis's language, when the pipeline or a session file
        brought them: the corpus is then not tokenised again for its first
        edit, nor for saving the session.
    """

    analysis: Analysis
    corpus: tuple[Article, ...]
    named: tuple[bool, ...]
    history: tuple[str, ...] = ()
    tokens: Tokens | None = field(default=None, compare=False, repr=False)

    @property
    def excluded(self) -> tuple[str, ...]:
        """Ids of the articles of the corpus that are in no topic, by id."""
        shown = {i for c in self.analysis.clusters for i in c.article_ids}
        return tuple(a.id for a in self.corpus if a.id not in shown)

    @property
    def step(self) -> str:
        """The last edit, as the Edit menu names it ("" for none)."""
        return self.history[-1] if self.history else ""


def draft_of(analysis: Analysis) -> Draft:
    """The unedited draft of an analysis."""
    return Draft(analysis=analysis, corpus=analysis.articles, named=(False,) * len(analysis.clusters),
                 tokens=analysis.tokens)


class Workbench:
    """What describing a topic needs from the whole corpus: its phrases, counted once per corpus, and its words.

    The words (:attr:`vocabulary`) are the corpus's as the phrases were
    read, and those of every topic an edit summarised since: an edit reads
    only what no edit read before. They go with the workbench.

    Parameters
    ----------
    corpus : sequence of Article
        ``Draft.corpus``.
    language : str
        The analysis's language (``Options.language``).
    tokens : Tokens, optional
        ``tokens_of(corpus, language)`` when already known (``Draft.tokens``).
    """

    def __init__(self, corpus: Sequence[Article], language: str, tokens: Tokens | None = None) -> None:
        from nlp.text.vocabulary import Vocabulary
        from nlp.topics.phrases import Phrases, tokens_of

        self.corpus = tuple(corpus)
        self.language = language
        self.position = {a.id: i for i, a in enumerate(self.corpus)}
        self.vocabulary = Vocabulary()
        self.tokens = tokens if tokens is not None else tokens_of(self.corpus, language, self.vocabulary)
        self.phrases = Phrases(self.tokens, [a.story_id for a in self.corpus])
        self.phrases.unigram_vectors()


def workbench(draft: Draft) -> Workbench:
    """The :class:`Workbench` of ``draft``'s corpus (about as long as labelling the analysis took)."""
    return Workbench(draft.corpus, draft.analysis.options.language, draft.tokens)


@dataclass(frozen=True)
class _Group:
    """A topic being rebuilt: its members, and the cluster to keep when they did not change."""

    ids: tuple[str, ...]
    is_other: bool
    kept: Cluster | None = None
    label: str | None = None  # written by the user


def _groups(draft: Draft) -> list[_Group]:
    return [_Group(c.article_ids, c.is_other, c, c.label if named else None)
            for c, named in zip(draft.analysis.clusters, draft.named)]


def _name(cluster: Cluster) -> str:
    label = cluster.label
    return f"“{label if len(label) <= _NAME_LENGTH else label[:_NAME_LENGTH - 1] + '…'}”"


def _cluster(draft: Draft, cluster_id: int) -> Cluster:
    clusters = draft.analysis.clusters
    if not 0 <= cluster_id < len(clusters):
        raise EditError(f"there is no topic {cluster_id + 1}; the topics are 1 to {len(clusters)}")
    return clusters[cluster_id]


def _articles(count: int) -> str:
    return f"{count} article{'s' * (count != 1)}"


def _rebuild(draft: Draft, groups: list[_Group], bench: Workbench, step: str, cancel: CancelToken | None) -> Draft:
    """The draft with ``groups`` as its topics: empty ones dropped, "Other" last, changed ones described anew."""
    from nlp.summarize.selection import summarize
    from nlp.topics.labels import describe_groups

    groups = [g for g in groups if g.ids]
    groups = [g for g in groups if not g.is_other] + [g for g in groups if g.is_other]
    if not groups:
        raise EditError("an edit must leave at least one article in a topic")
    if bench.corpus is not draft.corpus and bench.corpus != draft.corpus:
        raise ValueError("the workbench was made for another corpus")
    options = draft.analysis.options
    changed = [n for n, g in enumerate(groups) if g.kept is None]
    check(cancel)
    described = describe_groups(
        bench.phrases, bench.corpus, [[bench.position[i] for i in groups[n].ids] for n in changed],
        [groups[n].is_other for n in changed],
    )
    fresh = dict(zip(changed, described))
    clusters: list[Cluster] = []
    for number, group in enumerate(groups):
        if group.kept is not None:
            cluster = replace(group.kept, id=number)
        else:
            check(cancel)
            cluster = fresh[number]
            members = [bench.corpus[bench.position[i]] for i in group.ids]
            summary = summarize(members, method=options.method, sentences=options.sentences,
                                words=options.words, language=options.language, vocabulary=bench.vocabulary)
            cluster = replace(cluster, id=number, summary=summary)
        if group.label is not None:
            cluster = replace(cluster, label=group.label)
        clusters.append(cluster)
    shown = {i for g in groups for i in g.ids}
    articles = tuple(a for a in draft.corpus if a.id in shown)
    points = dict(zip((a.id for a in draft.analysis.articles), draft.analysis.coordinates))
    coordinates = tuple(points[a.id] for a in articles) if all(a.id in points for a in articles) else ()
    analysis = replace(draft.analysis, articles=articles, clusters=tuple(clusters), coordinates=coordinates,
                       tokens=None)  # the draft keeps the corpus's
    return Draft(analysis=analysis, corpus=draft.corpus, named=tuple(g.label is not None for g in groups),
                 history=draft.history + (step,), tokens=draft.tokens)


def rename(draft: Draft, cluster_id: int, label: str) -> Draft:
    """Give topic ``cluster_id`` the label ``label``; a blank label gives back the key terms'."""
    from nlp.topics.labels import OTHER, SEPARATOR

    cluster = _cluster(draft, cluster_id)
    label = " ".join(label.split())
    named = list(draft.named)
    if label:
        named[cluster_id] = True
        step = f"Rename {_name(cluster)} to “{label}”"
    else:
        label = OTHER if cluster.is_other or not cluster.terms else SEPARATOR.join(cluster.terms)
        named[cluster_id] = False
        step = f"Give {_name(cluster)} back its label"
    clusters = list(draft.analysis.clusters)
    clusters[cluster_id] = replace(cluster, label=label)
    return replace(draft, analysis=replace(draft.analysis, clusters=tuple(clusters)), named=tuple(named),
                   history=draft.history + (step,))


def merge(draft: Draft, cluster_ids: Iterable[int], bench: Workbench, *, cancel: CancelToken | None = None) -> Draft:
    """Merge topics into the first of them; with "Other" among them, into "Other".

    The merged topic keeps the first label the user wrote among them, if any.
    """
    chosen = sorted(set(cluster_ids))
    if len(chosen) < 2:
        raise EditError("choose two topics or more to merge")
    clusters = [_cluster(draft, n) for n in chosen]
    groups = _groups(draft)
    ids = tuple(i for n in chosen for i in groups[n].ids)
    label = next((groups[n].label for n in chosen if groups[n].label is not None), None)
    groups[chosen[0]] = _Group(ids, any(c.is_other for c in clusters), None, label)
    for n in chosen[1:]:
        groups[n] = _Group((), False)
    return _rebuild(draft, groups, bench, f"Merge {len(chosen)} topics into {_name(clusters[0])}", cancel)


def split(draft: Draft, cluster_id: int, parts: int, bench: Workbench, *,
          cancel: CancelToken | None = None) -> Draft:
    """Split a topic into ``parts`` sub-topics by clustering its articles again, in its place."""
    from nlp.topics.cluster import TopicClusterer
    from nlp.topics.vectors import vectorize

    cluster = _cluster(draft, cluster_id)
    stories = len({bench.corpus[bench.position[i]].story_id for i in cluster.article_ids})
    if parts < 2:
        raise EditError(f"a topic is split into 2 parts or more, not {parts}")
    if stories < parts:
        raise EditError(f"{_name(cluster)} tells {stories} stor{'ies' if stories != 1 else 'y'}: "
                        f"it cannot be split into {parts} topics")
    members = [bench.corpus[bench.position[i]] for i in cluster.article_ids]
    options = draft.analysis.options
    clusterer = TopicClusterer(n_clusters=parts, language=options.language, random_state=options.random_state)
    vectors = vectorize(members, vocabulary=bench.vocabulary, random_state=options.random_state, cancel=cancel)
    labels = clusterer.fit(members, vectors=vectors, cancel=cancel).labels_
    found: dict[int, list[str]] = {}
    for article, label in zip(members, labels):
        found.setdefault(max(int(label), 0), []).append(article.id)  # no content word: with the largest part
    if len(found) < 2:
        raise EditError(f"the articles of {_name(cluster)} form one group; it cannot be split")
    groups = _groups(draft)
    pieces = [_Group(tuple(found[k]), False) for k in sorted(found)]
    groups[cluster_id:cluster_id + 1] = pieces
    return _rebuild(draft, groups, bench, f"Split {_name(cluster)} into {len(pieces)} topics", cancel)


def split_off(draft: Draft, article_ids: Iterable[str], bench: Workbench, *,
              cancel: CancelToken | None = None) -> Draft:
    """Make the articles a topic of their own, placed after the topic that held the first of them."""
    wanted = _known(draft, article_ids)
    groups = _groups(draft)
    home = next(n for n, g in enumerate(groups) if wanted[0] in g.ids)
    taken = set(wanted)
    groups = [g if taken.isdisjoint(g.ids) else _Group(tuple(i for i in g.ids if i not in taken), g.is_other,
                                                        None, g.label) for g in groups]
    groups.insert(home + 1, _Group(tuple(wanted), False))
    return _rebuild(draft, groups, bench, f"Make {_articles(len(wanted))} a topic", cancel)


def move(draft: Draft, article_ids: Iterable[str], cluster_id: int, bench: Workbench, *,
         cancel: CancelToken | None = None) -> Draft:
    """Move articles to topic ``cluster_id``; a topic left empty disappears."""
    target = _cluster(draft, cluster_id)
    moving = [i for i in _known(draft, article_ids) if i not in set(target.article_ids)]
    if not moving:
        raise EditError(f"the articles are already in {_name(target)}")
    taken = set(moving)
    groups = [g if taken.isdisjoint(g.ids) else _Group(tuple(i for i in g.ids if i not in taken), g.is_other,
                                                        None, g.label) for g in _groups(draft)]
    old = groups[cluster_id]
    groups[cluster_id] = _Group(old.ids + tuple(moving), old.is_other, None, old.label)
    return _rebuild(draft, groups, bench, f"Move {_articles(len(moving))} to {_name(target)}", cancel)


def exclude(draft: Draft, article_ids: Iterable[str], bench: Workbench, *,
            cancel: CancelToken | None = None) -> Draft:
    """Leave articles out of the digest (they stay in the draft's corpus)."""
    leaving = set(_known(draft, article_ids))
    groups = [g if leaving.isdisjoint(g.ids) else _Group(tuple(i for i in g.ids if i not in leaving), g.is_other,
                                                         None, g.label) for g in _groups(draft)]
    return _rebuild(draft, groups, bench, f"Exclude {_articles(len(leaving))}", cancel)


def regroup(draft: Draft, groups: Sequence[tuple[tuple[str, ...], bool, str | None]], changed: Iterable[int],
            bench: Workbench, *, step: str, cancel: CancelToken | None = None) -> Draft:
    """The draft with topics ``(article ids, is other, label written by the user or None)``.

    The topics numbered in ``changed`` are described and summarised again,
    the others keep the draft's cluster at the same position (a session
    edited by hand: :mod:`nlp.session`).
    """
    redo = set(changed)
    clusters = draft.analysis.clusters
    rebuilt = [_Group(ids, other, None if n in redo else clusters[n], label)
               for n, (ids, other, label) in enumerate(groups)]
    return _rebuild(draft, rebuilt, bench, step, cancel)


def _known(draft: Draft, article_ids: Iterable[str]) -> list[str]:
    """The ids in topic order, each once; raise EditError for an article in no topic."""
    wanted = set(article_ids)
    if not wanted:
        raise EditError("choose one article or more")
    ordered = [i for c in draft.analysis.clusters for i in c.article_ids if i in wanted]
    missing = wanted - set(ordered)
    if missing:
        raise EditError(f"article {sorted(missing)[0]} is in no topic")
    return ordered
