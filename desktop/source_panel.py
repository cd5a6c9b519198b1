"""The source pane: an article's header and clean body as plain text, summary sentences highlighted."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTextEdit, QVBoxLayout, QWidget

from desktop.elide import ElidedLabel
from nlp.ingest.dates import display_date
from nlp.types import Article

SUMMARY_COLOUR = QColor("#cfe3ff")
FOCUS_COLOUR = QColor("#ffd36b")
MATCH_COLOUR = QColor("#fff3b0")
FURNITURE_COLOUR = QColor("#767676")
"""Text colour of a site's furniture (nlp.topics.furniture): shown, never summarised; 4.5:1 on white."""


class SourcePanel(QWidget):
    """Shows one article as plain text (no HTML is interpreted, nothing is loaded).

    "Open original" hands the article's web address to the desktop's browser;
    "Show file" opens the folder that holds its file.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)  # our own markup; every value is escaped
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setOpenExternalLinks(False)
        self.path = ElidedLabel(Qt.TextElideMode.ElideMiddle, self)  # a path is cut in its middle, never wrapped
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        palette = self.path.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#555555"))
        self.path.setPalette(palette)
        self.body = QPlainTextEdit(self)
        self.body.setReadOnly(True)
        self.body.setToolTip("The article's clean text; summary sentences are highlighted in blue. "
                             "Grey: the site's footer, which many articles carry; it is never summarised")
        self.body.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.open_original = QPushButton("Open &original", self)
        self.open_original.setToolTip("Open the article's web address in the browser")
        self.show_file = QPushButton("Show &file", self)
        self.show_file.setToolTip("Open the folder that holds the article's file")
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_original)
        buttons.addWidget(self.show_file)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.path)
        layout.addLayout(buttons)
        layout.addWidget(self.body, 1)
        self.article: Article | None = None
        self.open_original.clicked.connect(self._on_open_original)
        self.show_file.clicked.connect(self._on_show_file)
        self.show_article(None)

    def original_url(self) -> QUrl | None:
        """The web address of the article shown (http or https only), or ``None``."""
        url = QUrl((self.article.url or "").strip()) if self.article is not None else QUrl()
        return url if url.isValid() and url.scheme() in ("http", "https") else None

    def file_folder(self) -> Path | None:
        """The folder holding the article's file when it exists, or ``None``."""
        if self.article is None or self.article.path in ("", "-"):
            return None
        folder = Path(self.article.path).absolute().parent
        return folder if folder.is_dir() else None

    def _on_open_original(self) -> None:
        url = self.original_url()
        if url is not None:
            QDesktopServices.openUrl(url)

    def _on_show_file(self) -> None:
        folder = self.file_folder()
        if folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def show_article(
        self,
        article: Article | None,
        highlights: list[tuple[int, int]] | None = None,
        focus: tuple[int, int] | None = None,
        words: tuple[str, ...] = (),
    ) -> None:
        """Show ``article`` with ``highlights`` marked and ``focus`` scrolled into view."""
        from desktop.topics_model import whole_word

        if article is None:
            self.article = None
            self.header.setText("<i>Select an article or a summary sentence.</i>")
            self.path.setText("")
            self.body.setPlainText("")
            self._update_buttons()
            return
        if article is not self.article:
            self.article = article
            self.header.setText(_header_html(article))
            self.path.setText(article.path)
            self.body.setPlainText(article.body)
            self._update_buttons()
        selections = [self._selection(s.start, s.end, FURNITURE_COLOUR, text=True)
                      for s in article.sentences if s.kind == "furniture"]
        lower = article.body.lower()
        for word in words:
            for match in whole_word(word).finditer(lower):
                selections.append(self._selection(match.start(), match.end(), MATCH_COLOUR))
        for start, end in highlights or []:
            colour = FOCUS_COLOUR if focus == (start, end) else SUMMARY_COLOUR
            selections.append(self._selection(start, end, colour))
        self.body.setExtraSelections(selections)
        if focus is not None:
            cursor = self.body.textCursor()
            cursor.setPosition(focus[1])
            self.body.setTextCursor(cursor)
            cursor.setPosition(focus[0])
            self.body.setTextCursor(cursor)
            self.body.centerCursor()
        else:
            self.body.moveCursor(QTextCursor.MoveOperation.Start)

    def _update_buttons(self) -> None:
        url = self.original_url()
        self.open_original.setEnabled(url is not None)
        self.open_original.setToolTip(url.toString() if url is not None else "This article has no web address")
        self.show_file.setEnabled(self.file_folder() is not None)

    def highlighted_texts(self) -> list[str]:
        """The texts currently highlighted (tests and accessibility)."""
        return [s.cursor.selectedText() for s in self.body.extraSelections() if s.format.hasProperty(
            QTextFormat.Property.BackgroundBrush)]

    def greyed_texts(self) -> list[str]:
        """The texts shown grey: the site's furniture (tests and accessibility)."""
        return [s.cursor.selectedText() for s in self.body.extraSelections() if not s.format.hasProperty(
            QTextFormat.Property.BackgroundBrush)]

    def _selection(self, start: int, end: int, colour: QColor, *, text: bool = False) -> QTextEdit.ExtraSelection:
        """A selection of ``start:end`` with ``colour`` as its background, or as its text colour (``text``)."""
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.body.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        if text:
            fmt.setForeground(colour)
        else:
            fmt.setBackground(colour)
            fmt.setForeground(QColor("#111111"))
        selection.cursor = cursor
        selection.format = fmt
        return selection


def _header_html(article: Article) -> str:
    meta = " · ".join(escape(x) for x in (article.source, article.author, display_date(article.date)) if x)
    dup = "<br><i>A copy or rewrite of another article of the same story.</i>" if article.duplicate_of else ""
    url = f"<br><span style='color:#0b57d0'>{escape(article.url)}</span>" if article.url else ""
    return f"<b style='font-size:large'>{escape(article.title)}</b>{'<br>' if meta else ''}{meta}{url}{dup}"
