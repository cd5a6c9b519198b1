"""The summary pane: method and length controls over the selected topic's numbered sentences."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.roles import Role
from desktop.summary_model import SummaryModel
from desktop.wrap_delegate import WrappingDelegate
from nlp.summarize.names import METHOD_NAMES, METHODS_DESCRIBED
from nlp.types import Analysis, Cluster


class SummaryPanel(QWidget):
    """Shows one topic's summary and the controls that change every summary.

    Signals
    -------
    summary_options_changed(str, int, int)
        Method, sentences (0 = by words), words (0 = by sentences).
    sentence_activated(str, int, int)
        Article id, start and end of the clicked sentence.
    """

    summary_options_changed = Signal(str, int, int)
    sentence_activated = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SummaryModel(self)
        self.title = QLabel("No topic selected", self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.facts = QLabel("", self)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        self.method = QComboBox(self)
        for number, described in enumerate(METHODS_DESCRIBED):
            self.method.addItem(described.label, described.name)
            self.method.setItemData(number, described.description, Qt.ItemDataRole.ToolTipRole)
        # the longest label must not widen the pane: the list opens wide enough, the box shows what fits
        self.method.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.method.setMinimumContentsLength(16)
        self._show_method_tip()
        self.unit = QComboBox(self)
        self.unit.addItems(["sentences", "words"])
        self.unit.setToolTip("Measure the summary length in sentences or as a word budget")
        self.length = QSpinBox(self)
        self.length.setRange(1, 1000)
        self.length.setValue(5)
        self.length.setToolTip("Summary length; a word budget never cuts a sentence")
        self.copy_button = QPushButton("&Copy", self)
        self.copy_button.setToolTip("Copy this summary with its references (Ctrl+Shift+C)")
        self.note = QLabel("", self)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.hide()
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformItemSizes(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # re-measure the wrapped items on resize
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.delegate = WrappingDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setToolTip("Click a sentence to open its source article at that sentence")
        controls = QHBoxLayout()
        method_label = QLabel("&Method:", self)
        method_label.setBuddy(self.method)
        length_label = QLabel("&Length:", self)
        length_label.setBuddy(self.length)
        for widget in (method_label, self.method, length_label, self.length, self.unit):
            controls.addWidget(widget)
        controls.addStretch(1)
        heading = QHBoxLayout()  # Copy beside the title: the controls' row stays narrow enough for 1024 pixels
        heading.addWidget(self.title, 1)
        heading.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.facts)
        layout.addLayout(controls)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        self.method.currentIndexChanged.connect(self._on_method_changed)
        self.unit.currentIndexChanged.connect(self._on_unit_changed)
        self.length.editingFinished.connect(self._on_controls_changed)
        self.length.valueChanged.connect(self._on_length_stepped)
        self.list.clicked.connect(self._on_clicked)
        self.list.activated.connect(self._on_clicked)
        self.copy_button.clicked.connect(self.copy_summary)
        self._emitted: tuple[str, int, int] | None = None

    def set_options(self, method: str, sentences: int | None, words: int | None) -> None:
        """Show these options in the controls without emitting a change."""
        for widget in (self.method, self.unit, self.length):
            widget.blockSignals(True)
        if method in METHOD_NAMES:
            self.method.setCurrentIndex(METHOD_NAMES.index(method))
            self._show_method_tip()
        self.unit.setCurrentIndex(1 if words else 0)
        self.length.setValue(words or sentences or 5)
        for widget in (self.method, self.unit, self.length):
            widget.blockSignals(False)
        self._emitted = self.current_options()

    def current_options(self) -> tuple[str, int, int]:
        """(method, sentences or 0, words or 0) as the controls show them."""
        by_words = self.unit.currentIndex() == 1
        value = self.length.value()
        return self.method.currentData(), 0 if by_words else value, value if by_words else 0

    def show_cluster(self, analysis: Analysis | None, cluster: Cluster | None, empty: str = "No topic selected") -> None:
        """Show ``cluster``'s summary; with ``None``, an empty pane titled ``empty``."""
        self.model.set_cluster(analysis, cluster)
        self.copy_button.setEnabled(cluster is not None)
        over = cluster.summary if cluster is not None and cluster.summary.over_budget else None
        if over is not None and over.sentences:
            words = len(over.sentences[0].text.split())
            self.note.setText(f"The length is too small for any sentence of this topic: showing its best "
                              f"sentence alone ({words} words).")
        self.note.setVisible(over is not None)
        if cluster is None:
            self.title.setText(empty)
            self.facts.setText("")
            return
        from nlp.export.refs import cluster_facts

        self.title.setText(f"{cluster.id + 1}. {cluster.label}")
        self.facts.setText(f"{cluster_facts(cluster)}\n{cluster.headline}")

    def copy_summary(self) -> None:
        """Put the summary with its references on the clipboard."""
        text = self.model.as_text()
        if text:
            QGuiApplication.clipboard().setText(f"{self.title.text()}\n\n{text}")

    def _show_method_tip(self) -> None:
        described = METHODS_DESCRIBED[max(0, self.method.currentIndex())]
        self.method.setToolTip(f"Summary method: {described.description}")

    def _on_method_changed(self, _index: int) -> None:
        self._show_method_tip()
        self._on_controls_changed()

    def _on_unit_changed(self, _index: int) -> None:
        self.length.blockSignals(True)
        self.length.setValue(100 if self.unit.currentIndex() == 1 else 5)
        self.length.blockSignals(False)
        self._on_controls_changed()

    def _on_length_stepped(self, _value: int) -> None:
        if not self.length.hasFocus():  # arrows or wheel: apply at once; typing waits for Enter
            self._on_controls_changed()

    def _on_controls_changed(self, *_args: object) -> None:
        options = self.current_options()
        if options != self._emitted:
            self._emitted = options
            self.summary_options_changed.emit(*options)

    def _on_clicked(self, index: QModelIndex) -> None:
        self.sentence_activated.emit(index.data(Role.ARTICLE_ID), index.data(Role.START), index.data(Role.END))
