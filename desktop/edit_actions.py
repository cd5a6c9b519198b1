"""The Edit menu's topic edits and the topics tree's context menu, wired to the :class:`~desktop.edits.Editor`."""

from __future__ import annotations


from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu

from desktop.actions import make_action
from desktop.edits import Editor
from desktop.topics_panel import TopicsPanel
from nlp import edits
from nlp.errors import EditError

MAX_SPLIT = 20
"""The most sub-topics the Split dialog offers."""


class EditActions(QObject):
    """Undo, redo and every topic edit, as actions of the window and entries of the tree's context menu."""

    def __init__(self, window: QMainWindow, panel: TopicsPanel, editor: Editor, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.panel = panel
        self.editor = editor
        self.undo = editor.stack.createUndoAction(window, "&Undo")
        self.undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo = editor.stack.createRedoAction(window, "&Redo")
        self.redo.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self.rename = make_action(self.window, "Re&name Topic", panel.edit_current_label, "F2",
                                   "Write the selected topic's label yourself (double-click works too)")
        self.merge = make_action(self.window, "&Merge Topics", self.merge_selected, "Ctrl+M",
                                  "Merge the selected topics into one")
        self.split = make_action(self.window, "&Split Topic…", self.split_dialog, "Ctrl+Shift+T",
                                  "Split the selected topic into sub-topics by grouping its articles again")
        self.split_off = make_action(self.window, "New Topic from &Articles", self.split_off_selected, "Ctrl+Shift+N",
                                      "Make the selected articles a topic of their own")
        self.exclude = make_action(self.window, "E&xclude Articles", self.exclude_selected, QKeySequence.StandardKey.Delete,
                                    "Leave the selected articles out of the digest")
        self.move_menu = QMenu("Mo&ve Articles To", window)
        self.move_menu.aboutToShow.connect(lambda: self._fill_move_menu(self.move_menu))
        for action in (self.undo, self.redo):
            window.addAction(action)
        menu.insertActions(menu.actions()[0] if menu.actions() else None, [self.undo, self.redo])
        menu.insertSeparator(menu.actions()[2] if len(menu.actions()) > 2 else None)
        menu.addSeparator()
        menu.addActions([self.rename, self.merge, self.split, self.split_off])
        menu.addMenu(self.move_menu)
        menu.addAction(self.exclude)
        panel.tree.customContextMenuRequested.connect(self._on_context_menu)
        panel.model.rename_requested.connect(self.rename_topic)
        panel.model.move_requested.connect(self.move_articles)

    # ----- edits --------------------------------------------------------------------------
    def rename_topic(self, cluster_id: int, label: str) -> None:
        """Rename a topic (instant: nothing is recomputed)."""
        draft = self.editor.draft
        if draft is None:
            return
        try:
            self.editor.push_now(edits.rename(draft, cluster_id, label))
        except EditError as exc:
            self.editor.failed.emit(exc)

    def merge_selected(self) -> None:
        """Merge the selected topics."""
        chosen = self.panel.selected_cluster_ids()
        self.editor.apply(lambda d, b, c: edits.merge(d, chosen, b, cancel=c), "Merging topics")

    def split_dialog(self) -> None:
        """Ask how many sub-topics, then split the current topic into them."""
        cluster_id = self.panel.current_cluster_id()
        draft = self.editor.draft
        if cluster_id is None or draft is None:
            return
        label = draft.analysis.clusters[cluster_id].label
        parts, ok = QInputDialog.getInt(self.window, "Split Topic", f"Split “{label}” into how many topics?",
                                        2, 2, MAX_SPLIT)
        if ok:
            self.split_topic(cluster_id, parts)

    def split_topic(self, cluster_id: int, parts: int) -> None:
        """Split a topic into ``parts`` sub-topics."""
        self.editor.apply(lambda d, b, c: edits.split(d, cluster_id, parts, b, cancel=c), "Splitting the topic")

    def split_off_selected(self) -> None:
        """Make the selected articles a topic."""
        chosen = self.panel.selected_article_ids()
        self.editor.apply(lambda d, b, c: edits.split_off(d, chosen, b, cancel=c), "Making a new topic")

    def move_articles(self, article_ids: list[str], cluster_id: int) -> None:
        """Move articles to a topic (a drop, or the Move menu)."""
        self.editor.apply(lambda d, b, c: edits.move(d, article_ids, cluster_id, b, cancel=c), "Moving articles")

    def exclude_selected(self) -> None:
        """Exclude the selected articles."""
        chosen = self.panel.selected_article_ids()
        self.editor.apply(lambda d, b, c: edits.exclude(d, chosen, b, cancel=c), "Excluding articles")

    # ----- menus --------------------------------------------------------------------------
    def _fill_move_menu(self, menu: QMenu) -> None:
        menu.clear()
        draft = self.editor.draft
        chosen = self.panel.selected_article_ids()
        if draft is None or not chosen:
            menu.addAction("Select articles to move").setEnabled(False)
            return
        for cluster in draft.analysis.clusters:
            action = menu.addAction(f"{cluster.id + 1}. {cluster.label}")
            action.setEnabled(not set(chosen) <= set(cluster.article_ids))
            action.triggered.connect(lambda _c=False, n=cluster.id, ids=chosen: self.move_articles(ids, n))

    def context_menu(self) -> QMenu:
        """The tree's context menu for the current selection (built anew each time)."""
        menu = QMenu(self.panel)
        articles = bool(self.panel.selected_article_ids())
        menu.addActions([self.rename, self.merge, self.split])
        if articles:
            menu.addSeparator()
            move = menu.addMenu("Mo&ve to")
            self._fill_move_menu(move)
            menu.addActions([self.split_off, self.exclude])
        return menu

    def _on_context_menu(self, position: QPoint) -> None:
        self.context_menu().popup(self.panel.tree.viewport().mapToGlobal(position))
