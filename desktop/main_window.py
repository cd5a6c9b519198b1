"""The main window: composition of the panels, the session and the actions; no analysis logic."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSlider,
    QSpinBox,
    QSplitter,
    QToolBar,
)

from desktop.about import show_about
from desktop.actions import build_actions
from desktop.dialogs import export_folder, replace_confirmed, show_error
from desktop.edit_actions import EditActions
from desktop.edits import Editor
from desktop.map_panel import MapPanel
from desktop.resources import app_icon
from desktop.session import Session
from desktop.session_file import SessionFiles
from desktop.settings import Settings, with_summary
from desktop.skipped_panel import SkippedPanel
from desktop.source_panel import SourcePanel
from desktop.story_panel import StoryPanel
from desktop.summary_panel import SummaryPanel
from desktop.topics_panel import TopicsPanel
from desktop.window_text import analysis_status, cancelled_status, corpus_name, no_match_status, window_title
from nlp.edits import Draft, draft_of
from nlp.types import Analysis, Corpus, Options

EXPORT_FILTERS = {
    "json": "JSON digest (*.json)",
    "markdown": "Markdown digest (*.md)",
    "html": "HTML digest (*.html)",
    "csv": "CSV, one row per sentence (*.csv)",
    "text": "Plain text (*.txt)",
}


class MainWindow(QMainWindow):
    """Topics, summary and source side by side.

    Signals
    -------
    analysis_shown(object)
        An :class:`~nlp.types.Analysis` is now on screen.
    """

    analysis_shown = Signal(object)

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = Settings(settings)
        self.session = Session(self.settings.options(), self)
        self.setWindowTitle(window_title("", None))
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.topics = TopicsPanel(self)
        self.summary = SummaryPanel(self)
        self.source = SourcePanel(self)
        self.story = StoryPanel(self)
        self.middle = QSplitter(Qt.Orientation.Vertical, self)  # the summary over its story's timeline and sources
        self.middle.addWidget(self.summary)
        self.middle.addWidget(self.story)
        self.middle.setStretchFactor(0, 3)
        self.middle.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for panel in (self.topics, self.middle, self.source):
            self.splitter.addWidget(panel)
            self.splitter.setCollapsible(self.splitter.indexOf(panel), False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 4)
        self.setCentralWidget(self.splitter)
        self.skipped = SkippedPanel(self)
        self.skipped_dock = QDockWidget("Skipped files", self)
        self.skipped_dock.setObjectName("skipped")
        self.skipped_dock.setWidget(self.skipped)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.skipped_dock)
        self.skipped_dock.hide()
        self.map = MapPanel(self)  # pyqtgraph is imported only when the map is first shown
        self.map_dock = QDockWidget("Corpus map", self)
        self.map_dock.setObjectName("map")
        self.map_dock.setWidget(self.map)
        self.map_dock.toggleViewAction().setText("&Map")
        self.map_dock.toggleViewAction().setToolTip("Show every article as a point on a map of the corpus, coloured by topic")
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.map_dock)
        self.tabifyDockWidget(self.skipped_dock, self.map_dock)  # one bottom pane, a tab each
        self.map_dock.visibilityChanged.connect(lambda shown: shown and self.map_dock.raise_())
        self.map_dock.hide()
        self.actions = build_actions(self, {
            "open_folder": self.open_folder_dialog, "open_files": self.open_files_dialog,
            "open_sample": self.open_sample, "export": self.export_dialog, "quit": self.close,
            "copy_summary": self.summary.copy_summary, "find": self._on_find,
            "reanalyse": self.session.reanalyse, "cancel": self.session.cancel,
            "about": lambda: show_about(self),
        })
        self.editor = Editor(self.session.runner, self)
        self.edit_actions = EditActions(self, self.topics, self.editor, self.actions.edit_menu)
        self.session_files = SessionFiles(self, self.editor, self.settings, self.actions.file_menu)
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        self.summary.set_options(self.session.options.method, self.session.options.sentences,
                                 self.session.options.words)
        self._show_cluster_options(self.session.options)
        self._refresh_recent()
        self._restore_layout()
        self._current_cluster: int | None = None
        self._focus: tuple[str, int, int] | None = None
        self._shown_name = ""  # what the title calls the corpus on screen

    # ----- construction -------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar("Topics", self)
        bar.setObjectName("topics-toolbar")
        bar.setMovable(False)
        bar.addAction(self.actions.open_folder)
        bar.addAction(self.actions.reanalyse)
        bar.addAction(self.map_dock.toggleViewAction())
        bar.addSeparator()
        label = QLabel(" &Topics: ", self)
        self.cluster_count = QSpinBox(self)
        self.cluster_count.setRange(0, 500)
        self.cluster_count.setSpecialValueText("Auto")
        self.cluster_count.setToolTip("Number of topics; Auto finds it from the articles")
        label.setBuddy(self.cluster_count)
        bar.addWidget(label)
        bar.addWidget(self.cluster_count)
        bar.addWidget(QLabel("  Broad ", self))
        self.granularity = QSlider(Qt.Orientation.Horizontal, self)
        self.granularity.setRange(0, 10)
        self.granularity.setFixedWidth(140)
        self.granularity.setToolTip("Granularity of automatic topics: broad themes (left) to single news stories (right)")
        bar.addWidget(self.granularity)
        bar.addWidget(QLabel(" Stories", self))
        self.addToolBar(bar)

    def _build_status_bar(self) -> None:
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setToolTip("Progress of the analysis")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop the running analysis (Esc)")
        self.cancel_button.clicked.connect(self.session.cancel)
        self.status_label = QLabel("", self)
        status = self.statusBar()
        status.addWidget(self.status_label, 1)
        status.addPermanentWidget(self.progress_bar)
        status.addPermanentWidget(self.cancel_button)
        self._on_busy_changed(False)

    def _connect(self) -> None:
        s = self.session
        s.analysis_ready.connect(self._on_new_analysis)
        self.editor.draft_changed.connect(self._on_draft_changed)
        self.editor.failed.connect(self._on_edit_failed)
        self.editor.progress.connect(self._on_progress)
        self.editor.stack.cleanChanged.connect(self._on_clean_changed)
        self.session_files.opened.connect(self._on_session_opened)
        s.failed.connect(self._on_failed)
        s.progress.connect(self._on_progress)
        s.busy_changed.connect(self._on_busy_changed)
        s.cancelled.connect(self._on_cancelled)
        self.topics.matched.connect(self._on_filter_matched)
        self.topics.cluster_selected.connect(self._on_cluster_selected)
        self.topics.article_selected.connect(self._on_article_selected)
        self.summary.summary_options_changed.connect(self._on_summary_options_changed)
        self.summary.sentence_activated.connect(self._on_sentence_activated)
        self.story.day_clicked.connect(self.topics.facets.set_day)
        self.story.source_activated.connect(lambda source: self.topics.facets.set_source(source or None))
        self.topics.facets.changed.connect(lambda *_facets: self._show_story())
        self.map.article_selected.connect(self._on_map_article_selected)
        self.map.articles_selected.connect(self._on_map_articles_selected)
        self.cluster_count.editingFinished.connect(self._on_cluster_options_changed)
        self.cluster_count.valueChanged.connect(lambda _v: self.cluster_count.hasFocus() or self._on_cluster_options_changed())
        self.granularity.sliderReleased.connect(self._on_cluster_options_changed)
        self.granularity.valueChanged.connect(lambda _v: self.granularity.isSliderDown() or self._on_cluster_options_changed())

    def _restore_layout(self) -> None:
        geometry = self.settings.byte_array("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 820)
        state = self.settings.byte_array("window/splitter")
        if state is None or not self.splitter.restoreState(state):
            self.splitter.setSizes([500, 400, 500])

    # ----- opening ------------------------------------------------------------------------
    def open_paths(self, paths: list[str]) -> None:
        """Read and analyse ``paths`` (files and folders)."""
        if not paths:
            return
        self.settings.add_recent(paths)
        self._refresh_recent()
        self.status_label.setText(f"Reading {', '.join(Path(p).name for p in paths[:3])}"
                                  + ("…" if len(paths) > 3 else ""))
        self.session.open(paths)

    def open_sample(self) -> None:
        """Analyse the built-in sample corpus."""
        from nlp.sample import sample_paths

        self.open_paths([str(p) for p in sample_paths()])

    def open_folder_dialog(self) -> None:
        """Ask for a folder and analyse it."""
        folder = QFileDialog.getExistingDirectory(self, "Open Folder", self.settings.last_folder())
        if folder:
            self.settings.set_last_folder(folder)
            self.open_paths([folder])

    def open_files_dialog(self) -> None:
        """Ask for article files and analyse them."""
        files, _ = QFileDialog.getOpenFileNames(
            self, "Open Files", self.settings.last_folder(),
            "Articles (*.txt *.md *.text *.html *.htm *.json *.jsonl *.ndjson *.csv *.tsv *.sgml *.sgm);;All files (*)",
        )
        if files:
            self.settings.set_last_folder(str(Path(files[0]).parent))
            self.open_paths(files)

    def _refresh_recent(self) -> None:
        menu = self.actions.recent_menu
        menu.clear()
        for paths in self.settings.recent():
            name = Path(paths[0]).name + (f" and {len(paths) - 1} more" if len(paths) > 1 else "")
            action = menu.addAction(name)
            action.setToolTip("\n".join(paths))
            action.triggered.connect(lambda _c=False, p=paths: self.open_paths(p))
        menu.setEnabled(bool(menu.actions()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    # ----- export -------------------------------------------------------------------------
    def export_dialog(self) -> None:
        """Ask for a file and write the digest through the CLI's exporters."""
        if self.session.analysis is None:
            return
        start = str(Path(export_folder(self.session.paths, self.settings.export_folder())) / "digest.html")
        path, chosen = QFileDialog.getSaveFileName(self, "Export Digest", start, ";;".join(EXPORT_FILTERS.values()),
                                                   EXPORT_FILTERS["html"])
        if path:  # a known extension typed names the format; a name without one gets the chosen filter's
            from nlp.export import SUFFIXES, format_for_path

            fmt = format_for_path(path, "") or next((k for k, v in EXPORT_FILTERS.items() if v == chosen), "html")
            if not Path(path).suffix:
                path += SUFFIXES[fmt]
                if not replace_confirmed(self, path):
                    return
            self.export_to(path, fmt)

    def export_to(self, path: str, fmt: str | None = None) -> bool:
        """Write the digest to ``path``; show a dialog naming the file if that fails.

        As the CLI's ``-o``, it never replaces an input file or folder's article, nor a session.
        """
        from nlp.errors import TopicDigestError
        from nlp.export import format_for_path, write

        if self.session.analysis is None:
            return False
        try:
            write(self.session.analysis, path, fmt or format_for_path(path, "json"), keep=self.session.paths)
        except TopicDigestError as exc:
            show_error(self, "Export failed", str(exc))
            return False
        self.settings.set_export_folder(str(Path(path).parent))
        self.status_label.setText(f"Exported {path}")
        return True

    # ----- slots --------------------------------------------------------------------------
    def _on_find(self) -> None:
        self.topics.filter_edit.setFocus()
        self.topics.filter_edit.selectAll()

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(int(fraction * 1000))
        self.status_label.setText(message)

    def _on_busy_changed(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.actions.cancel.setEnabled(busy)
        if busy:
            self.progress_bar.setValue(0)

    def _on_failed(self, exc: BaseException) -> None:
        self.status_label.setText("The analysis failed")
        show_error(self, "Analysis failed", str(exc) or type(exc).__name__)

    def _on_new_analysis(self, analysis: Analysis) -> None:
        old, files = self.editor.draft, self.session_files
        if old is not None and [c.article_ids for c in old.analysis.clusters] == [c.article_ids for c in analysis.clusters]:
            # re-summarised: the edited topics stay; the session file no longer matches
            self.editor.reset(replace(old, analysis=analysis), clean=files.path is None and not files.modified)
        else:
            files.path = None
            self.editor.reset(draft_of(analysis))

    def _on_edit_failed(self, exc: BaseException) -> None:
        show_error(self, "Edit failed", str(exc))

    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _on_draft_changed(self, draft: Draft | None) -> None:
        self.session.analysis = draft.analysis if draft is not None else None
        if draft is not None:
            self._on_analysis_ready(draft.analysis)

    def _on_session_opened(self, draft: Draft, path: str) -> None:
        options = draft.analysis.options
        self.session.paths, self.session.options = [], options
        self.session.corpus = Corpus(articles=draft.corpus, skipped=draft.analysis.skipped)
        self.summary.set_options(options.method, options.sentences, options.words)
        self._show_cluster_options(options)
        self._shown_name = Path(path).name
        self.setWindowTitle(window_title(self._shown_name, draft.analysis))

    def _on_map_articles_selected(self, article_ids: list[str]) -> None:
        shown = self.topics.select_articles(article_ids)  # selected in the tree, ready for Edit > Move To
        self.status_label.setText(f"{shown} articles selected on the map: Edit > Move Articles To or New Topic from Articles")

    def _on_analysis_ready(self, analysis: Analysis) -> None:
        previous, self._current_cluster = self._current_cluster, None
        self.source.show_article(None)
        self.topics.set_analysis(analysis, select=previous or 0)
        self.skipped.model.set_rows(analysis.skipped)
        self.map.set_analysis(analysis)
        self.skipped_dock.setVisible(bool(analysis.skipped))
        if self.session_files.path is None:  # a session keeps its file's name
            self._shown_name = corpus_name(self.session.paths)
        self.setWindowTitle(window_title(self._shown_name, analysis))
        self._show_status()
        self.analysis_shown.emit(analysis)

    def _show_status(self) -> None:
        analysis = self.session.analysis
        if self.topics.nothing_matches:
            self.status_label.setText(no_match_status(self.topics.filter_edit.text()))
        elif analysis is not None:
            self.status_label.setText(analysis_status(analysis))

    def _on_cancelled(self) -> None:
        self.status_label.setText(cancelled_status(self._shown_name, self.session.analysis))

    def _on_filter_matched(self, matched: bool) -> None:
        if not matched:  # nothing on screen may belong to a row the filter hides
            self._current_cluster = None
            self.summary.show_cluster(None, None, "No topic or article matches the filter")
            self.source.show_article(None)
        if not self.session.runner.busy:  # else the status line tells the progress
            self._show_status()

    def _on_cluster_selected(self, cluster_id: int) -> None:
        analysis = self.session.analysis
        if analysis is None or not 0 <= cluster_id < len(analysis.clusters):
            return
        self._current_cluster = cluster_id
        cluster = analysis.clusters[cluster_id]
        self.summary.show_cluster(analysis, cluster)
        self._show_story()
        if self.source.article is None or self.source.article.id not in cluster.article_ids:
            first = cluster.summary.sentences[0].article_id if cluster.summary.sentences else cluster.article_ids[0]
            self._show_article(first)

    def _on_article_selected(self, article_id: str) -> None:
        analysis = self.session.analysis
        if analysis is None:
            return
        cluster = next(c for c in analysis.clusters if article_id in c.article_ids)
        if cluster.id != self._current_cluster:
            self._current_cluster = cluster.id
            self.summary.show_cluster(analysis, cluster)
            self._show_story()
        self._show_article(article_id)

    def _on_map_article_selected(self, article_id: str) -> None:
        self._on_article_selected(article_id)
        self.topics.select_article(article_id)

    def _show_story(self) -> None:
        analysis, number = self.session.analysis, self._current_cluster
        cluster = analysis.clusters[number] if analysis is not None and number is not None else None
        facets = self.topics.facets
        self.story.show_cluster(analysis, cluster, facets.first if facets.first == facets.last else None)

    def _on_sentence_activated(self, article_id: str, start: int, end: int) -> None:
        self._show_article(article_id, focus=(start, end))
        self.topics.select_article(article_id)

    def _show_article(self, article_id: str, focus: tuple[int, int] | None = None) -> None:
        analysis = self.session.analysis
        if analysis is None:
            return
        spans = [(s.start, s.end) for s in self.summary.model.sentences if s.article_id == article_id]
        self.map.show_article(article_id)
        self.source.show_article(analysis.article(article_id), spans, focus, self.topics.proxy.words)

    def _on_summary_options_changed(self, method: str, sentences: int, words: int) -> None:
        self._apply_options(with_summary(self.session.options, method, sentences, words))

    def _on_cluster_options_changed(self) -> None:
        count = self.cluster_count.value()
        options = replace(self.session.options, clusters=count or None, granularity=self.granularity.value() / 10)
        if options != self.session.options:
            self._apply_options(options)

    def _apply_options(self, options: Options) -> None:
        self.settings.set_options(options)
        self.session.set_options(options)

    def _show_cluster_options(self, options: Options) -> None:
        for widget in (self.cluster_count, self.granularity):
            widget.blockSignals(True)
        self.cluster_count.setValue(options.clusters or 0)
        self.granularity.setValue(round(options.granularity * 10))
        for widget in (self.cluster_count, self.granularity):
            widget.blockSignals(False)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.session_files.confirm_discard():
            event.ignore()
            return
        self.session.shutdown()
        self.settings.set_byte_array("window/geometry", self.saveGeometry())
        self.settings.set_byte_array("window/splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)


__all__ = ["MainWindow"]
