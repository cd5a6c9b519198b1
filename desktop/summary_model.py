"""List model of one topic's summary sentences, numbered, each with its source article."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.roles import Role
from nlp.ingest.dates import display_date
from nlp.types import Analysis, Cluster, SummarySentence

Index = QModelIndex | QPersistentModelIndex


class SummaryModel(QAbstractListModel):
    """Rows are the summary sentences of the selected topic, in reading order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._analysis: Analysis | None = None
        self._sentences: tuple[SummarySentence, ...] = ()
        self._refs: dict[str, int] = {}

    def set_cluster(self, analysis: Analysis | None, cluster: Cluster | None) -> None:
        """Show ``cluster``'s summary (``None`` clears)."""
        from nlp.export.refs import reference_numbers

        self.beginResetModel()
        if analysis is not self._analysis:  # the digest's numbering, so the screen and every export agree
            self._refs = reference_numbers(analysis) if analysis is not None else {}
        self._analysis = analysis
        self._sentences = cluster.summary.sentences if cluster is not None else ()
        self.endResetModel()

    @property
    def sentences(self) -> tuple[SummarySentence, ...]:
        """The sentences shown."""
        return self._sentences

    def reference(self, article_id: str) -> int:
        """The [n] number of an article, the same as in every exported digest."""
        return self._refs.get(article_id, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._sentences)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._sentences):
            return None
        s = self._sentences[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {s.text}  [{self.reference(s.article_id)}]"
        if role == Qt.ItemDataRole.ToolTipRole and self._analysis is not None:
            article = self._analysis.article(s.article_id)
            return (f"[{self.reference(s.article_id)}] {article.title}\n{article.source or ''} {display_date(article.date)}\n"
                    f"score {s.score:.3f}, chosen {s.rank + 1}. — click to open the source")
        if role == Role.ARTICLE_ID:
            return s.article_id
        if role == Role.START:
            return s.start
        if role == Role.END:
            return s.end
        return None

    def as_text(self) -> str:
        """The summary with [n] references and the reference list, for the clipboard."""
        if self._analysis is None or not self._sentences:
            return ""
        lines = [f"{n}. {s.text} [{self.reference(s.article_id)}]" for n, s in enumerate(self._sentences, 1)]
        lines.append("")
        for article_id in sorted({s.article_id for s in self._sentences}, key=self.reference):
            a = self._analysis.article(article_id)
            meta = ", ".join(x for x in (a.source, display_date(a.date)) if x)
            lines.append(f"[{self.reference(article_id)}] {a.title}" + (f" ({meta})" if meta else "")
                         + f" — {a.url or a.path}")
        return "\n".join(lines) + "\n"
