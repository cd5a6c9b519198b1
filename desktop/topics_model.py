"""Tree model of topics and their articles; a story's near-duplicates fold under one row after its first article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import json

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QSortFilterProxyModel,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from desktop.roles import Role
from nlp.ingest.dates import display_date
from nlp.types import Analysis, Article, Cluster

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Topic / article", "Articles", "Stories", "Dates", "Source")
COLUMN_TIPS = (
    "Topics, numbered as in every digest, and their articles",
    "Articles in the topic",
    "Distinct stories in the topic: copies and rewrites of one story count once",
    "Dates of the earliest and the latest article",
    "Publications",
)

ARTICLES_MIME = "application/x-topic-digest-articles"
"""Drag-and-drop type of article rows: a JSON list of article ids."""

OTHER_GREY = QColor("#6b6b6b")
"""Text colour of the Other topic. Roles get colours, not brushes: PySide builds
QGradient's enums on the first QBrush, about 90 ms on the GUI thread, and views take either."""
COPY_GREY = QColor("#555555")
"""Text colour of copies and rewrites of a story, and of their fold."""


@dataclass(eq=False, slots=True)
class _Node:
    """One row of the tree: a cluster, an article, or the fold of a story's copies (``fold`` set, ``article`` its head)."""

    parent: _Node | None
    row: int
    cluster: Cluster | None = None
    article: Article | None = None
    children: list[_Node] = field(default_factory=list)
    search: str = ""
    fold: str = ""


def _dates(first: str | None, last: str | None) -> str:
    first, last = display_date(first), display_date(last)
    if first and last and first != last:
        return f"{first} – {last}"
    return first or last or ""


class TopicsModel(QAbstractItemModel):
    """Clusters at the top level, their articles below, copies of a story below its first article.

    A topic's label is editable and articles can be dragged onto a topic (or
    onto one of its articles); the model itself never changes for it: it
    asks, and shows the edited analysis when it comes.

    Signals
    -------
    rename_requested(int, str)
        Cluster id and the label the user typed.
    move_requested(list, int)
        Article ids dropped, and the cluster id they were dropped on.
    """

    rename_requested = Signal(int, str)
    move_requested = Signal(list, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = _Node(None, 0)
        self._analysis: Analysis | None = None
        self._numbers: dict[str, int] = {}

    @property
    def article_count(self) -> int:
        """Articles of the analysis shown (0 when none)."""
        return len(self._analysis.articles) if self._analysis is not None else 0

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Show ``analysis`` (``None`` clears the tree)."""
        from nlp.export.refs import reference_numbers
        from nlp.run.bulk import bulk_allocations

        self.beginResetModel()
        self._analysis = analysis
        self._numbers = reference_numbers(analysis) if analysis is not None else {}
        with bulk_allocations():  # a node per article: the collector would walk the analysis again and again
            self._root = self._tree(analysis)
        self.endResetModel()

    @classmethod
    def _tree(cls, analysis: Analysis | None) -> _Node:
        """The root of the rows: topics, each story's first article under them, its copies folded below it."""
        from nlp.topics.story import stories

        root = _Node(None, 0)
        if analysis is None:
            return root
        for cluster in analysis.clusters:
            node = _Node(root, len(root.children), cluster=cluster)
            node.search = (cluster.label + "\n" + cluster.headline).lower()
            root.children.append(node)
            for story in stories([analysis.article(i) for i in cluster.article_ids]):
                cls._add(node, story.head)
                if story.copies:
                    fold = _Node(node, len(node.children), article=story.head, fold=story.fold_label())
                    node.children.append(fold)
                    for copy in story.copies:
                        cls._add(fold, copy)
        return root

    @staticmethod
    def _add(owner: _Node, article: Article) -> None:
        child = _Node(owner, len(owner.children), article=article)
        child.search = (article.title + "\n" + article.body).lower()
        owner.children.append(child)

    def _node(self, index: Index) -> _Node:
        return index.internalPointer() if index.isValid() else self._root  # type: ignore[no-any-return]

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)  # not hasIndex(): it calls rowCount() and columnCount() back in Python
        if not (0 <= row < len(node.children) and 0 <= column < len(COLUMNS)) or parent.column() > 0:
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._node(index).parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return COLUMN_TIPS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        column = index.column()
        if node.cluster is not None:
            return self._cluster_data(node.cluster, column, role, node)
        assert node.article is not None
        return self._article_data(node.article, column, role, node)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        node = self._node(index)
        if node.cluster is not None:
            editable = Qt.ItemFlag.ItemIsEditable if index.column() == 0 else Qt.ItemFlag.NoItemFlags
            return base | Qt.ItemFlag.ItemIsDropEnabled | editable
        return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        node = self._node(index)
        if role != Qt.ItemDataRole.EditRole or node.cluster is None or index.column() != 0:
            return False
        if str(value) != node.cluster.label:
            self.rename_requested.emit(node.cluster.id, str(value))
        return True

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ARTICLES_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]  # noqa: N802
        ids: list[str] = []
        for index in indexes:
            node = self._node(index)
            if node.article is not None and node.article.id not in ids:
                ids.append(node.article.id)
        data = QMimeData()
        data.setData(ARTICLES_MIME, json.dumps(ids).encode("utf-8"))
        return data

    def drop_target(self, parent: Index) -> int | None:
        """The cluster id of a drop on ``parent`` (a topic row or one of its articles), else None."""
        node = self._node(parent)
        while node is not None and node.cluster is None:
            node = node.parent
        return node.cluster.id if node is not None and node.cluster is not None else None

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Index) -> bool:
        return data.hasFormat(ARTICLES_MIME) and self.drop_target(parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        target = self.drop_target(parent)
        if not data.hasFormat(ARTICLES_MIME) or target is None:
            return False
        ids = [str(i) for i in json.loads(bytes(data.data(ARTICLES_MIME).data()).decode("utf-8"))]
        if ids:
            self.move_requested.emit(ids, target)
        return False  # nothing to remove where the drag began: the edit comes back as a new analysis

    def _cluster_data(self, cluster: Cluster, column: int, role: int, node: _Node) -> Any:
        if role == Qt.ItemDataRole.EditRole and column == 0:
            return cluster.label
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"{cluster.id + 1}. {cluster.label}", len(cluster.article_ids), cluster.story_count,
                    _dates(*cluster.date_range), ", ".join(cluster.sources))[column]
        if role == Role.SORT_KEY:
            return (cluster.id, len(cluster.article_ids), cluster.story_count,
                    cluster.date_range[0] or "", ", ".join(cluster.sources))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{cluster.id + 1}. {cluster.label}\n{cluster.headline}" if column == 0 else self._full(column, node)
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and cluster.is_other:
            return OTHER_GREY
        return self._common(role, "cluster", cluster.id, None)

    def _article_data(self, article: Article, column: int, role: int, node: _Node) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and node.fold:
            return (node.fold, len(node.children), "", "", "")[column]
        if role == Qt.ItemDataRole.DisplayRole:
            name = ("≈ " if article.duplicate_of else "") + article.title
            return (f"[{self.number(article.id)}] {name}", "", "", display_date(article.date), article.source or "")[column]
        if role == Role.SORT_KEY:  # a fold sorts as its story's first article, and stays after it (a stable sort)
            return (article.title.lower(), 0, 0, article.date or "", article.source or "")[column]
        if role == Qt.ItemDataRole.ToolTipRole and node.fold:
            sources = ", ".join(sorted({c.article.source for c in node.children if c.article and c.article.source}))
            return f"Copies or rewrites of “{article.title}”; expand to see them" + (f"\n{sources}" if sources else "")
        if role == Qt.ItemDataRole.FontRole and node.fold:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            dup = "\nA copy or rewrite of the same story" if article.duplicate_of else ""
            return f"{article.title}\n{article.path}{dup}" if column == 0 else self._full(column, node)
        if role == Qt.ItemDataRole.ForegroundRole and (article.duplicate_of or node.fold):
            return COPY_GREY
        cluster_node = node.parent if node.parent and node.parent.cluster else (node.parent.parent if node.parent else None)
        cluster_id = cluster_node.cluster.id if cluster_node and cluster_node.cluster else None
        return self._common(role, "copies" if node.fold else "article", cluster_id, article.id)

    def _full(self, column: int, node: _Node) -> str | None:
        """The whole text of a cell (its tooltip), for cells the column may be too narrow for."""
        text = self.data(self.createIndex(node.row, column, node), Qt.ItemDataRole.DisplayRole)
        return f"{COLUMNS[column]}: {text}" if text not in ("", None) else None

    @staticmethod
    def _common(role: int, kind: str, cluster_id: int | None, article_id: str | None) -> Any:
        if role == Role.KIND:
            return kind
        if role == Role.CLUSTER_ID:
            return cluster_id
        if role == Role.ARTICLE_ID:
            return article_id
        return None

    def number(self, article_id: str) -> int:
        """The article's reference number, the one the summary and every exported digest give it."""
        return self._numbers.get(article_id, 0)

    def cluster_index(self, cluster_id: int) -> QModelIndex:
        """Index of the topic row with ``cluster_id``."""
        return self.index(cluster_id, 0) if 0 <= cluster_id < len(self._root.children) else QModelIndex()

    def article_index(self, article_id: str) -> QModelIndex:
        """Index of the row showing ``article_id`` (searches the tree)."""
        stack = list(self._root.children)
        while stack:
            node = stack.pop()
            if node.article is not None and node.article.id == article_id and not node.fold:
                return self.createIndex(node.row, 0, node)
            stack.extend(node.children)
        return QModelIndex()

    def child_node(self, row: int, parent: Index) -> _Node:
        """The node at ``row`` under ``parent`` (no index built: the filter asks this for every row)."""
        return self._node(parent).children[row]

    def index_of(self, node: _Node) -> QModelIndex:
        """Index of ``node``'s row (first column)."""
        return self.createIndex(node.row, 0, node)

    def node_at(self, index: Index) -> _Node:
        """The node behind ``index`` (the root for an invalid index)."""
        return self._node(index)

    def matching(self, words: tuple[str, ...]) -> frozenset[_Node]:
        """Every node whose label, title or text contains all ``words`` (lower case) as whole words."""
        patterns = [whole_word(w) for w in words]
        hits: list[_Node] = []
        stack = list(self._root.children)
        while stack:
            node = stack.pop()
            if all(p.search(node.search) for p in patterns):
                hits.append(node)
            stack.extend(node.children)
        return frozenset(hits)


def whole_word(word: str) -> re.Pattern[str]:
    """A pattern that finds ``word`` only as a whole word ("chile" in "Chile's", not in "Pichilemu").

    The word comes first and the check of the character before it follows it
    (a lookbehind over the word and one more character): a pattern that starts
    with a literal is searched for by the regex engine's fast literal scan,
    about ten times faster than one that starts with the lookbehind.
    """
    escaped = re.escape(word)
    return re.compile(rf"{escaped}(?<!\w{escaped})(?!\w)")


class TopicsFilter(QSortFilterProxyModel):
    """Keeps rows whose label, title or text contains the filter words; marks direct matches."""

    MATCH = QColor("#fff3b0")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._facets: tuple[str | None, str | None, str | None] = (None, None, None)
        self._hits: frozenset[object] | None = None
        self._hits_of: object = None
        self.setRecursiveFilteringEnabled(True)
        self.setSortRole(Role.SORT_KEY)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    @property
    def words(self) -> tuple[str, ...]:
        """The lower-case words every shown row matches (empty: no filter)."""
        return self._words

    def set_query(self, text: str) -> bool:
        """Filter by the words of ``text`` (all must occur); return whether the filter changed."""
        words = tuple(w for w in text.lower().split() if w)
        if words == self._words:
            return False
        # A reset, not beginFilterChange(): updating the mapping row by row calls the source's
        # parent() once per row and article, far slower on a big corpus.
        self.beginResetModel()
        self._words = words
        self._hits = None
        self._hits_of = None  # holds the old tree alive otherwise
        self.endResetModel()
        return True

    @property
    def facets(self) -> tuple[str | None, str | None, str | None]:
        """(first day, last day, source) an article must have to be shown; ``None`` for no limit."""
        return self._facets

    def set_facets(self, first: str | None, last: str | None, source: str | None) -> bool:
        """Show only articles dated ``first``..``last`` (ISO days) from ``source``; return whether that changed.

        An article without a full date is hidden while a date limit is set;
        topics are shown only through their articles while any limit is set.
        """
        facets = (first or None, last or None, source or None)
        if facets == self._facets:
            return False
        self.beginResetModel()
        self._facets = facets
        self.endResetModel()
        return True

    def _within(self, node: _Node) -> bool:
        first, last, source = self._facets
        if first is None and last is None and source is None:
            return True
        article = node.article
        if article is None:
            return False
        if source is not None and (article.source or "") != source:
            return False
        if first is not None or last is not None:
            day = (article.date or "")[:10]
            if len(day) != 10 or day.startswith("-"):
                return False
            if (first is not None and day < first) or (last is not None and day > last):
                return False
        return True

    def _matching(self) -> frozenset[object]:
        # Found once per query and per analysis by walking the tree in Python, then looked up
        # per row: going through index() and data() for each of 10,000 rows froze the window.
        model = self.sourceModel()
        if self._hits is None or self._hits_of is not model.node_at(QModelIndex()):
            self._hits = model.matching(self._words)
            self._hits_of = model.node_at(QModelIndex())  # a new analysis has a new root
        return self._hits

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        node = self.sourceModel().child_node(source_row, source_parent)
        if not self._within(node):
            return False
        return not self._words or node in self._matching()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and self._words:
            if self.sourceModel().node_at(self.mapToSource(index)) in self._matching():
                return self.MATCH
        return super().data(index, role)
