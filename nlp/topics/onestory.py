"""Tell a corpus about one story, and gather it into one topic.

The merging's background similarity is estimated from the corpus itself
(:mod:`nlp.topics.cluster`); in a corpus that is all one story every pair is
"the same story", the background is high, and nothing stands out: each
article would be a topic of its own. So the corpus is also measured on a
scale that does not depend on the corpus: the cosine of plain sublinear term
frequencies (no IDF, which in a one-story corpus weighs the story's own
words least). Two articles of one story share its names and words; two
unrelated ones only the vocabulary of news. When the median pair of stories
that the merging put in different groups is as alike as two articles of one
story, the corpus is one story. Where the merging found real topics, the
pairs it put apart are the unlike ones; a story told in headlines splits
into its outlets' wordings (a wire copy and its rewrites), yet its pairs put
apart still share the story's names. Then the groups are merged again on
this scale, by average linkage, while two groups are as alike on average as
two articles of one story: the median says the corpus is one story where
it is mostly one, and a second story beside it (the median's pairs are the
first story's, split) keeps apart as its own topic. Unrelated stories of
full articles share the vocabulary of news about as much as that level, so
two groups of several stories also keep apart when they are far less
alike than each group's own stories are (:data:`COHESION_SHARE`; less far
for headlines alone, :data:`HEADLINE_SHARE`). A lone
article below the level joins the topic it is most alike to if that is of
the corpus's own order, as a stray headline of the story is; one much less
alike stays out.
Means, not medians, here: two headlines of one story share no word more
often than not, and a median of zeros cannot tell a rewording from a stray.

The level, :data:`ONE_STORY`, holds for full articles and for snippets (title
and first sentence) alike, since unrelated snippets share next to no word at
all; it is checked on corpora of both kinds and of many sizes
(``tests/benchmarks/bench_corpora.py``). A story told from many angles
(rescue, politics, money) shares fewer words than that, but still its names:
the people and places of the event, which unrelated stories, even sibling
events of one kind, do not share. So a corpus a little below the level whose
pairs put apart share their names (:data:`NAMED`) is one story too. Two
sibling events of one kind alone (two elections) read as one story on their
words; where the two sides of the corpus's tree on this scale, told in text,
name apart (the merging's bar), each side is gathered on its own (headlines
and snippets, :data:`SNIPPET_SENTENCES`, name too little to tell).

A corpus of a few stories is no better a background for the merging: many
of its pairs are of one story, and each story splits in three or four. So
where the corpus is not one story, each branch of its stories' tree on this
scale that reads as one story is gathered the same way
(:func:`_gather_branches`); there the names must be alike too, since two
sibling events of one kind read as one story on their words.

Pages saved from one site carry its furniture (a footer, a sign-up line)
verbatim, and without IDF it makes any two of them alike: the sentences many
stories close on word for word (:func:`nlp.topics.furniture.furniture_of`) are left out of both measures.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from nlp.text.vocabulary import Vocabulary
from nlp.topics.furniture import furniture_of, with_furniture
from nlp.topics.linkage import NAMED_LEAST
from nlp.topics.vectors import article_tokens
from nlp.types import Article

ONE_STORY = 0.105
"""Median plain-TF cosine of two stories the merging put apart above which a corpus reads as one story (granularity 0.5)."""
NAMED = 0.1
"""Median cosine of the names that two stories put apart share, above which a corpus reaching :data:`NAMED_FLOOR` is one story."""
NAMED_FLOOR = 0.08
"""Median plain cosine a corpus whose stories share their names must reach still (granularity 0.5 and coarser only)."""
KEEPS_APART = 0.4
"""A lone article below the level joins the topic it is most alike to from this share of the mean of the pairs put apart."""
COHESION_SHARE = 0.55
"""Two groups of :data:`MIN_SIDE` stories or more keep apart when their mean is below this share of the smaller
of their own means (:func:`_cut`), from granularity 0.5 on (:func:`cohesion_at`); stories told in text."""
HEADLINE_SHARE = 0.45
""":data:`COHESION_SHARE` where either group is mostly headlines alone: there a group's own mean is mostly its
near-copies of one wire headline, far above what its other wordings share, so one story's groups are less alike."""
MIN_SIDE = 5
"""Stories a group needs for its own mean to be measured: two or three wordings of a headline are alike by far."""
MIN_STORIES = 4
"""Fewer stories make too few pairs for their median to tell one story from several."""
SNIPPET_SENTENCES = 2
"""An article of this many body sentences or fewer is a snippet: too few names for the root's names bar
(:func:`gather_one_story`), as a headline is."""
SAMPLE = 1000
"""Stories compared pairwise at most; above, a sample picked by the rows' (content) order."""
PER_GROUP = 50
"""Stories of one group compared with the rest at most (its first by row)."""
_BLOCK_CELLS = 4_000_000


class OneStory(NamedTuple):
    """What :func:`gather_one_story` decided, and on what."""

    members: list[list[int]]
    """The gathered topic first, then the groups that keep apart; when not one story, the branches that are
    one gathered (:func:`_gather_branches`), then the groups left as they were."""
    median: float
    """Median plain cosine of the story pairs put apart; NaN when not measured."""
    names: float
    """Median cosine of their names (0 when no article has one); measured only where :func:`reads_as_one`
    needs them (the plain median from :data:`NAMED_FLOOR` to the level, granularity 0.5 or coarser), NaN otherwise."""


def names_of(article: Article, vocabulary: Vocabulary | None = None) -> list[str]:
    """The stems of the names in the article's body (:attr:`~nlp.text.vocabulary.Terms.names`), in order.

    No word of a site's furniture (:mod:`nlp.topics.furniture`) is a name.
    Names are stemmed as the vectors' words are, so that Polish "Warszawa"
    and "Warszawie" match.
    """
    vocabulary = Vocabulary() if vocabulary is None else vocabulary
    table = vocabulary.sentences(article.language)
    numbers = b"".join(table[s.text].names for s in article.sentences if s.kind == "body")
    stems = vocabulary.stems(article.language)
    return [stems[n] for n in np.frombuffer(numbers, dtype=np.intc).tolist()]


def _unit_rows(tokens: list[list[str]]) -> object:
    """Unit rows of plain sublinear counts of ``tokens`` (no IDF): what the one-story cosines compare."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    if not any(tokens):
        return csr_matrix((len(tokens), 1), dtype=np.float64)
    counts = CountVectorizer(analyzer=list).fit_transform(tokens)
    return TfidfTransformer(use_idf=False, sublinear_tf=True).fit_transform(counts)


def _without_furniture(plain: object, articles: Sequence[Article], starts: np.ndarray, title_weight: int) -> object:
    """``plain`` with the rows of ``starts`` made again from ``articles``, their furniture marked (other rows empty)."""
    from scipy.sparse import csr_matrix

    vocabulary = Vocabulary()
    rows = _unit_rows([article_tokens(articles[s], title_weight=title_weight, vocabulary=vocabulary)
                       for s in starts.tolist()]).tocoo()  # type: ignore[attr-defined]
    return csr_matrix((rows.data, (starts[rows.row], rows.col)),
                      shape=(plain.shape[0], rows.shape[1]))  # type: ignore[attr-defined]


class _NamesAlike:
    """Cosines of the names (sublinear counts, as :func:`names_of` reads them) of the articles ``heads``.

    From ``rows``, how often each article names each name
    (:attr:`~nlp.topics.vectors.Vectors.names`), when given; else read again.
    """

    def __init__(self, articles: Sequence[Article], heads: np.ndarray, rows: object = None) -> None:
        self.articles, self.heads, self.rows = articles, heads, rows
        self.sims: np.ndarray | None = None

    def median(self, i: np.ndarray, j: np.ndarray) -> float:
        """Median cosine over the pairs ``(heads[i], heads[j])``; 0 when no article names anything."""
        if self.sims is None:
            self.sims = self._sims()
        return float(np.median(self.sims[i, j]))

    def _sims(self) -> np.ndarray:
        from sklearn.feature_extraction.text import TfidfTransformer

        if self.rows is not None:
            rows = TfidfTransformer(use_idf=False, sublinear_tf=True).fit_transform(self.rows)
        else:
            vocabulary = Vocabulary()
            named = [names_of(self.articles[h], vocabulary) for h in self.heads.tolist()]
            if not any(named):  # no capitalised word at all (a language without capitals, or German)
                return np.zeros((len(named), len(named)))
            rows = _unit_rows(named)
        return (rows @ rows.T).toarray()  # type: ignore[attr-defined]


def _gather(plain: object, rows: object, sims: np.ndarray, starts: np.ndarray, owner: np.ndarray,
            members: list[list[int]], level: float, alone: float, cohesion: tuple[float, float],
            headlines: np.ndarray) -> list[list[int]]:
    """``members`` merged by average linkage on their stories' plain cosines while two groups' mean reaches ``level``.

    The sampled stories (``rows``, ``sims``) are linked exactly (scipy's
    UPGMA, the stories of one group at distance 0 so that they meet first),
    and the tree is cut at ``level`` and where two groups of several stories
    are far less alike than within (``cohesion`` for text and for the sampled
    stories that are ``headlines`` alone, :func:`_cut`).
    A group with no sampled story joins the topic its first :data:`PER_GROUP`
    stories are most alike to on average, if that reaches ``level``; a lone
    article, sampled or not, joins the topic it is most alike to from ``alone``.
    """
    from scipy.cluster.hierarchy import linkage

    head_owner = owner[starts[: len(sims)]]
    distances = np.clip(1.0 - sims, 0.0, 2.0)
    distances[head_owner[:, None] == head_owner[None, :]] = 0.0
    condensed = distances[np.triu_indices(len(distances), 1)]  # scipy's condensed order: the upper triangle by row
    head_topic = _cut(linkage(condensed, "average"), sims, level, cohesion, headlines)
    n_topics = int(head_topic.max()) + 1
    to_means = np.zeros((len(head_topic), n_topics))  # a row of cosines to the heads @ this = its mean per topic
    to_means[np.arange(len(head_topic)), head_topic] = 1.0 / np.bincount(head_topic)[head_topic]
    topic_of = np.full(len(members), -1, dtype=np.int64)
    topic_of[head_owner] = head_topic
    unsampled = np.isin(owner[starts], np.flatnonzero(topic_of < 0))
    if unsampled.any():
        mine, mine_owner = starts[unsampled], owner[starts[unsampled]]
        order = np.lexsort((mine, mine_owner))
        mine, mine_owner = mine[order], mine_owner[order]
        rank = np.arange(len(mine)) - np.searchsorted(mine_owner, mine_owner, side="left")
        mine, mine_owner = mine[rank < PER_GROUP], mine_owner[rank < PER_GROUP]
        totals = np.zeros((len(members), n_topics))
        block = max(1, _BLOCK_CELLS // max(1, len(head_topic)))
        for begin in range(0, len(mine), block):
            part = (plain[mine[begin : begin + block]] @ rows.T).toarray()  # type: ignore[index, attr-defined]
            np.add.at(totals, mine_owner[begin : begin + block], part @ to_means)
        counted = np.bincount(mine_owner, minlength=len(members))
        for number in np.unique(mine_owner).tolist():
            means = totals[number] / counted[number]
            if means.max() >= (alone if len(members[number]) == 1 else level):
                topic_of[number] = int(np.argmax(means))
    articles_in = np.zeros(n_topics, dtype=np.int64)
    np.add.at(articles_in, topic_of[topic_of >= 0], [len(members[n]) for n in np.flatnonzero(topic_of >= 0)])
    for h, number in enumerate(head_owner.tolist()):
        if len(members[number]) != 1 or articles_in[topic_of[number]] != 1:
            continue  # not a lone article
        means = np.where(articles_in > 1, sims[h] @ to_means, -1.0)
        if means.max() >= alone:
            topic_of[number] = int(np.argmax(means))
    gathered: dict[int, list[int]] = {}
    for number, member in enumerate(members):
        gathered.setdefault(int(topic_of[number]) if topic_of[number] >= 0 else -1 - number, []).extend(member)
    return sorted((sorted(m) for m in gathered.values()), key=lambda m: (-len(m), m[0]))


def _story_tree(sims: np.ndarray, head_owner: np.ndarray) -> object:
    """The sampled stories' average-linkage tree on the plain scale, one merging group's stories at distance 0."""
    from scipy.cluster.hierarchy import linkage, to_tree

    distances = np.clip(1.0 - sims, 0.0, 2.0)
    distances[head_owner[:, None] == head_owner[None, :]] = 0.0
    return to_tree(linkage(distances[np.triu_indices(len(distances), 1)], "average"))


class _Within(NamedTuple):
    """A corpus that reads as one story on its words: the gathering's level and lone articles' bar there, and
    which sampled stories are told too short for the names bar (headlines, snippets)."""

    level: float
    alone: float
    short: np.ndarray


def _gather_branches(plain: object, rows: object, sims: np.ndarray, tree: object, heads: np.ndarray,
                     owner: np.ndarray, members: list[list[int]], granularity: float, headlines: np.ndarray,
                     names: _NamesAlike, head_names: object, names_apart: float,
                     within: _Within | None = None) -> list[list[int]]:
    """``members`` with each branch of the stories' plain-scale tree that is one story gathered (:func:`_gather`).

    A corpus of a few stories is no background for the merging: many of its
    pairs are of one story, its words' IDF is low, and each story splits.
    The sampled stories (``heads``, cosines ``sims``) are linked by average
    linkage, one merging group's stories at distance 0, and the tree is walked
    from the root: a branch whose stories put apart read as one story
    (:func:`reads_as_one`, the names too always: sibling events of one kind
    read as one on their words) is gathered, if they are nearly as alike as
    the stories the merging put together (the shares of :func:`cohesion_at`
    of the median: pieces of one story are, two stories it kept apart are
    not) and its two sides, each of several stories, name alike enough
    (``names_apart``, as the merging's bar); any other branch is looked into.
    ``within`` a corpus that reads as one story but whose two sides name apart,
    each branch is gathered at the corpus's level unless its own sides name apart.
    """
    head_owner = owner[heads]
    cohesion = cohesion_at(granularity)
    gathered: list[list[int]] = []
    taken = np.zeros(len(members), dtype=bool)

    def gather(at: np.ndarray, numbers: np.ndarray, level: float, alone: float) -> None:
        own = np.full(len(owner), -1, dtype=np.int64)
        for k, number in enumerate(numbers.tolist()):
            own[members[number]] = k
        gathered.extend(_gather(plain, rows[at], sims[np.ix_(at, at)], heads[at], own,  # type: ignore[index]
                                [members[n] for n in numbers.tolist()], level, alone, cohesion, headlines[at]))
        taken[numbers] = True

    waiting = [tree.get_left(), tree.get_right()]  # type: ignore[attr-defined]
    while waiting:
        branch = waiting.pop()
        at = np.array(sorted(branch.pre_order()), dtype=np.int64)
        mine = head_owner[at]
        numbers = np.unique(mine[mine >= 0])
        if within is not None:  # the corpus reads as one story: only the names split it
            if len(numbers) < 2:
                continue  # one group already
            if _named_apart(branch, head_names, within.short, names_apart):
                waiting.extend((branch.get_left(), branch.get_right()))
            else:
                gather(at, numbers, within.level, within.alone)
            continue
        if len(at) < MIN_STORIES or len(numbers) < 2:
            continue  # too few stories to tell, or one group already
        i, j = np.triu_indices(len(at), 1)
        split = (mine[i] != mine[j]) & (mine[i] >= 0) & (mine[j] >= 0)
        kept = mine[i] == mine[j]
        together = sims[at[i[kept]], at[j[kept]]]  # stories the merging put in one group
        i, j = at[i[split]], at[j[split]]
        apart = sims[i, j]
        median = float(np.median(apart))
        share = cohesion[1] if headlines[at].mean() > 0.5 else cohesion[0]
        if (median < NAMED_FLOOR  # the names are read only where the words may be one story
                or (len(together) and median < share * float(np.median(together)))
                or not reads_as_one(median, named := names.median(i, j), granularity) or named < NAMED
                or _named_apart(branch, head_names, headlines, names_apart)):
            waiting.extend((branch.get_left(), branch.get_right()))
            continue
        gather(at, numbers, NAMED_FLOOR if names_needed(median, granularity) else level_for(granularity),
               KEEPS_APART * float(np.mean(apart)))
    return gathered + [m for n, m in enumerate(members) if not taken[n]]


def _named_apart(branch: object, head_names: object, headlines: np.ndarray, names_apart: float) -> bool:
    """Whether the branch's two sides, each of several stories in text naming some, name less alike than ``names_apart``."""
    if head_names is None or not names_apart:
        return False
    sides = [np.array(side.pre_order(), dtype=np.int64) for side in (branch.get_left(), branch.get_right())]  # type: ignore[attr-defined]
    if min(len(side) for side in sides) < 2 or max(headlines[side].mean() for side in sides) > 0.5:
        return False
    # as the merging counts them: how many of a side's stories name each name
    first, second = (np.asarray((head_names[side] > 0).sum(axis=0)).ravel() for side in sides)  # type: ignore[index]
    if min(first.sum(), second.sum()) < NAMED_LEAST:
        return False
    return float(first @ second) < names_apart * float(np.sqrt((first @ first) * (second @ second)))


def _cut(tree: np.ndarray, sims: np.ndarray, level: float, cohesion: tuple[float, float],
         headlines: np.ndarray) -> np.ndarray:
    """Topic numbers of the stories linked in ``tree``: its merges down to ``level``, bar those far less alike than within.

    ``tree`` links ``1 - sims``, one merging group's stories at distance 0.
    A merge of two groups of :data:`MIN_SIDE` stories or more above that
    height is not made when their mean cosine is below a share of the
    smaller of their own means (``cohesion``: the first for text, the second
    where either group is mostly ``headlines`` alone, a flag per story), nor
    any merge above it (scipy's tree
    cannot pair either side with another group instead, as
    :class:`~nlp.topics.linkage.Merger`'s bar does): two unrelated stories
    share the vocabulary of news as much as the parts of one story told in
    many words do, but far less than each story's own articles share.
    """
    n = len(sims)
    heads: list[list[int]] = [[h] for h in range(n)] + [[] for _ in range(len(tree))]
    within = np.zeros(n + len(tree))  # sum of the cosines of each group's pairs
    told = np.zeros(n + len(tree), dtype=np.int64)  # stories of each group that are headlines alone
    told[:n] = headlines
    merged = np.zeros(n + len(tree), dtype=bool)  # a group that is part of a larger one
    blocked = np.zeros(n + len(tree), dtype=bool)  # a merge not made, and every one above it
    for step, (a, b, height, _) in enumerate(tree):
        a, b, node = int(a), int(b), n + step
        if height > 1.0 - level or blocked[a] or blocked[b]:
            blocked[node] = True
            continue
        first, second = heads[a], heads[b]
        between = float(sims[np.ix_(first, second)].sum())
        if cohesion[0] and height > 0.0 and min(len(first), len(second)) >= MIN_SIDE:  # at 0: one merging group
            own = min(within[x] / (len(heads[x]) * (len(heads[x]) - 1) / 2) for x in (a, b))
            share = cohesion[1] if max(told[a] / len(first), told[b] / len(second)) > 0.5 else cohesion[0]
            if between / (len(first) * len(second)) < share * own:
                blocked[node] = True
                continue
        heads[node] = first + second
        within[node] = within[a] + within[b] + between
        told[node] = told[a] + told[b]
        merged[a] = merged[b] = True
    topic = np.empty(n, dtype=np.int64)
    for number, node in enumerate(x for x in range(n + len(tree)) if heads[x] and not merged[x]):
        topic[heads[node]] = number
    return topic


def level_for(granularity: float) -> float:
    """The one-story level at ``granularity``: :data:`ONE_STORY` up to 0.5, then up to four times that at 1."""
    return float(ONE_STORY * max(1.0, 4.0 ** (2.0 * granularity - 1.0)))


def cohesion_at(granularity: float) -> tuple[float, float]:
    """The gathering's cohesion shares at ``granularity``, for text and for headlines alone (:data:`COHESION_SHARE`,
    :data:`HEADLINE_SHARE`): none at 0 (broad themes gather), the full shares from 0.5.

    Above 0.5 the level itself rises (:func:`level_for`), splitting a story into its sub-events.
    """
    scale = min(1.0, 2.0 * granularity)
    return COHESION_SHARE * scale, HEADLINE_SHARE * scale


def names_needed(median: float, granularity: float) -> bool:
    """Whether the names decide: the plain median a little below the level, at granularity 0.5 or coarser.

    Finer settings split a story into its sub-events, which share its names:
    there the plain level alone decides.
    """
    return granularity <= 0.5 and NAMED_FLOOR <= median < ONE_STORY


def reads_as_one(median: float, names: float, granularity: float) -> bool:
    """Whether medians of the pairs put apart (plain and names, NaN if not measured) make one story."""
    if names_needed(median, granularity):
        return names >= NAMED
    return median >= level_for(granularity)


def gather_one_story(
    plain: object, articles: Sequence[Article], groups: Sequence[Sequence[int]], members: list[list[int]],
    granularity: float, title_weight: int = 2, *, headlines: Sequence[bool], names: object = None,
    names_apart: float = 0.0,
) -> OneStory:
    """``members`` with every group of a one-story corpus gathered into one, else each branch that is one
    story (:func:`_gather_branches`), and the corpus's medians.

    Parameters
    ----------
    plain : sparse matrix, shape (n_articles, n_terms)
        Unit rows of plain sublinear term frequencies, rows as in ``groups``.
    articles : sequence of Article
        The articles of those rows, in their order: their names are read.
    groups : sequence of sequence of int
        Story groups (near-duplicates together); their first rows stand for them.
    members : list of list of int
        The merging's groups, a partition of the same rows.
    granularity : float
        As :class:`~nlp.topics.cluster.TopicClusterer`'s.
    title_weight : int
        As the vectors': the rows of ``plain`` are made again with it
        where stories share furniture (:func:`~nlp.topics.furniture.furniture_of`).
    headlines : sequence of bool
        For each group of ``groups``, whether its articles are headlines alone.
    names : sparse matrix, shape (n_articles, n_names), optional
        The rows' names (:attr:`~nlp.topics.vectors.Vectors.names`), else
        read again (:func:`names_of`); with ``names_apart``, the merging's
        names bar for the branches of a corpus that is not one story
        (:func:`_gather_branches`). Where this marks furniture, the medians read the names again.
    names_apart : float
        As the merging's.

    Returns
    -------
    OneStory
        The groups, and the corpus's medians that decided: NaN when none was
        measured (one group, fewer than :data:`MIN_STORIES` stories).
    """
    nan = float("nan")
    if len(members) < 2 or len(groups) < MIN_STORIES:
        return OneStory(members, nan, nan)  # nothing to gather, or too few stories to tell
    owner = np.full(plain.shape[0], -1, dtype=np.int64)  # type: ignore[attr-defined]
    for number, member in enumerate(members):
        owner[member] = number
    starts = np.array(sorted(g[0] for g in groups), dtype=np.int64)
    furniture = furniture_of(articles, starts.tolist())
    if furniture:  # marked here too for callers that did not (the pipeline has)
        articles = with_furniture(articles, furniture)
        plain = _without_furniture(plain, articles, starts, title_weight)
    heads = starts[:SAMPLE]
    rows = plain[heads]  # type: ignore[index]
    sims = (rows @ rows.T).toarray()
    head_owner = owner[heads]
    i, j = np.triu_indices(len(heads), 1)
    split = (head_owner[i] != head_owner[j]) & (head_owner[i] >= 0) & (head_owner[j] >= 0)  # pairs put apart
    if not split.any():
        return OneStory(members, nan, nan)
    apart_sims = sims[i[split], j[split]]
    median, named = float(np.median(apart_sims)), nan
    head_names = None if names is None else names[heads].tocsr()  # type: ignore[index]
    alike = _NamesAlike(articles, heads, None if furniture else head_names)  # furniture's names: read again without
    if names_needed(median, granularity):
        named = alike.median(i[split], j[split])
    told = dict(zip((g[0] for g in groups), headlines))
    head_headlines = np.array([told[h] for h in heads.tolist()], dtype=bool)
    if not reads_as_one(median, named, granularity):
        return OneStory(_gather_branches(plain, rows, sims, _story_tree(sims, head_owner), heads, owner, members,
                                         granularity, head_headlines, alike, head_names, names_apart), median, named)
    level = NAMED_FLOOR if names_needed(median, granularity) else level_for(granularity)
    alone = KEEPS_APART * float(np.mean(apart_sims))  # means: a headline shares no word with most
    if head_names is not None and names_apart:  # sibling events of one kind read as one story on their words
        tree = _story_tree(sims, head_owner)
        short = head_headlines | np.array([sum(s.kind == "body" for s in articles[h].sentences) <= SNIPPET_SENTENCES
                                           for h in heads.tolist()], dtype=bool)
        if _named_apart(tree, head_names, short, names_apart):
            return OneStory(_gather_branches(plain, rows, sims, tree, heads, owner, members, granularity,
                                             head_headlines, alike, head_names, names_apart,
                                             _Within(level, alone, short)), median, named)
    return OneStory(_gather(plain, rows, sims, starts, owner, members, level, alone, cohesion_at(granularity),
                            head_headlines), median, named)
