"""The real window driven as a user would: open, read, click, filter, cancel, export, drop."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QMessageBox

from desktop.main_window import MainWindow
from desktop.roles import Role
from nlp.types import Analysis
from tests.conftest import SEEDS

pytestmark = pytest.mark.gui
TIMEOUT = 120_000


def _open_sample(qtbot, window: MainWindow) -> Analysis:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT) as blocker:
        window.open_sample()
    return blocker.args[0]  # type: ignore[no-any-return]


def _select_topic_with(window: MainWindow, analysis: Analysis, stem: str) -> int:
    cluster = next(c for c in analysis.clusters if any(i.startswith(stem) for i in c.article_ids))
    index = window.topics.proxy.mapFromSource(window.topics.model.cluster_index(cluster.id))
    window.topics.tree.setCurrentIndex(index)
    return cluster.id


def test_sample_corpus_shows_topics_summary_and_source(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    analysis = _open_sample(qtbot, window)
    assert len(analysis.articles) == 5
    assert window.topics.proxy.rowCount() == len(analysis.clusters)
    cluster_id = _select_topic_with(window, analysis, "000_")
    cluster = analysis.clusters[cluster_id]
    shown = [window.summary.model.index(r).data() for r in range(window.summary.model.rowCount())]
    assert shown and len(shown) == len(cluster.summary.sentences)
    assert shown[0].startswith("1. " + cluster.summary.sentences[0].text)
    assert "talks" in " ".join(shown) and len(cluster.article_ids) == 5  # the sample is one theme: one topic
    assert window.summary.title.text() == f"{cluster_id + 1}. {cluster.label}"
    assert window.status_label.text().startswith("5 articles in ")


def test_clicking_a_sentence_opens_its_article_there(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    analysis = _open_sample(qtbot, window)
    cluster = analysis.clusters[_select_topic_with(window, analysis, "003_")]
    last = window.summary.model.rowCount() - 1
    sentence = cluster.summary.sentences[last]
    rect = window.summary.list.visualRect(window.summary.model.index(last))
    qtbot.mouseClick(window.summary.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.source.article is not None and window.source.article.id == sentence.article_id
    assert sentence.text in window.source.highlighted_texts()
    cursor = window.source.body.textCursor()
    assert cursor.position() == sentence.start
    visible = window.source.body.cursorRect(cursor)
    assert window.source.body.viewport().rect().contains(visible.center())
    assert window.source.path.text() == analysis.article(sentence.article_id).path


def test_filter_narrows_the_tree(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open_sample(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.topics.filter_edit.hasFocus()
    qtbot.keyClicks(window.topics.filter_edit, "Camp David")
    window.topics.apply_filter()
    proxy = window.topics.proxy
    titles = [proxy.index(r, 0, proxy.index(t, 0)).data() for t in range(proxy.rowCount())
              for r in range(proxy.rowCount(proxy.index(t, 0)))]
    assert titles and all("Kuala" not in t for t in titles)
    assert len(titles) == 2  # 003 and 004 mention Camp David


def test_the_current_row_survives_filtering_and_clearing_unfolds_again(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    analysis = _open_sample(qtbot, window)
    article = next(a for a in analysis.articles if a.id.startswith("004_"))
    window.topics.select_article(article.id)
    tree, proxy = window.topics.tree, window.topics.proxy
    for query in ("Camp David", "Biden Kishida", ""):
        window.topics.filter_edit.setText(query)
        window.topics.apply_filter()
        assert tree.currentIndex().data(Role.ARTICLE_ID) == article.id, query
    assert all(tree.isExpanded(proxy.index(r, 0)) for r in range(proxy.rowCount()))
    window.topics.filter_edit.setText("Kuala Lumpur")  # 004 does not match: the first row shown takes over
    window.topics.apply_filter()
    first = proxy.index(0, 0)
    assert tree.currentIndex() == first and tree.selectionModel().isSelected(first)
    assert window.summary.title.text().startswith(f"{first.data(Role.CLUSTER_ID) + 1}. ")


def test_filtering_keeps_the_column_and_a_blank_change_keeps_the_folds(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    analysis = _open_sample(qtbot, window)
    tree, proxy = window.topics.tree, window.topics.proxy
    article = next(a for a in analysis.articles if a.id.startswith("003_"))
    window.topics.select_article(article.id)
    tree.setCurrentIndex(tree.currentIndex().siblingAtColumn(3))  # the Dates cell
    window.topics.filter_edit.setText("Camp David")
    window.topics.apply_filter()
    assert tree.currentIndex().column() == 3 and tree.currentIndex().siblingAtColumn(0).data(Role.ARTICLE_ID) == article.id
    window.topics.filter_edit.clear()
    window.topics.apply_filter()
    tree.collapse(proxy.index(0, 0))
    window.topics.filter_edit.setText(" ")  # no words: nothing changes, the fold stays
    window.topics.apply_filter()
    assert not tree.isExpanded(proxy.index(0, 0))


def test_changing_length_resummarises_without_reclustering(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = _open_sample(qtbot, window)
    import nlp.run.pipeline

    calls: list[str] = []
    original = nlp.run.pipeline.analyze
    monkeypatch.setattr(nlp.run.pipeline, "analyze", lambda *a, **k: calls.append("analyze") or original(*a, **k))
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT) as blocker:
        window.summary.length.setValue(1)
    second: Analysis = blocker.args[0]
    assert calls == []
    assert [c.article_ids for c in second.clusters] == [c.article_ids for c in first.clusters]
    assert all(len(c.summary.sentences) <= 1 for c in second.clusters)
    assert window.summary.model.rowCount() <= 1


def test_pipeline_runs_off_the_gui_thread_and_cancel_keeps_the_window_usable(
    qtbot, window: MainWindow, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    import nlp.run.pipeline

    threads: list[threading.Thread] = []
    gate = threading.Event()
    original = nlp.run.pipeline.analyze

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        gate.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(nlp.run.pipeline, "analyze", slow)
    window.open_sample()
    qtbot.waitUntil(lambda: bool(threads), timeout=TIMEOUT)
    assert threads[0] is not threading.main_thread()
    assert window.cancel_button.isVisible()
    window.topics.filter_edit.setText("typing while it runs")  # the UI answers during a run
    assert window.topics.filter_edit.text() == "typing while it runs"
    shown: list[object] = []
    window.analysis_shown.connect(shown.append)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    gate.set()
    assert window.session.runner.wait(20_000)
    qtbot.wait(50)
    assert shown == [] and not window.cancel_button.isVisible()
    assert "Cancelled" in window.status_label.text()
    monkeypatch.setattr(nlp.run.pipeline, "analyze", original)
    window.topics.filter_edit.clear()
    assert len(_open_sample(qtbot, window).articles) == 5


def test_a_failing_analysis_shows_a_dialog_and_the_app_goes_on(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import nlp.run.pipeline

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the disk vanished")

    original = nlp.run.pipeline.analyze
    monkeypatch.setattr(nlp.run.pipeline, "analyze", broken)
    with qtbot.waitSignal(window.session.failed, timeout=TIMEOUT):
        window.open_sample()
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert [b.text() for b in boxes] == ["the disk vanished"]
    assert window.status_label.text() == "The analysis failed"
    boxes[0].accept()
    monkeypatch.setattr(nlp.run.pipeline, "analyze", original)
    assert len(_open_sample(qtbot, window).articles) == 5


def test_export_writes_what_the_cli_writes(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    analysis = _open_sample(qtbot, window)
    from nlp.export import render

    assert window.export_to(str(tmp_path / "digest.json"))
    document = json.loads((tmp_path / "digest.json").read_text("utf-8"))
    assert document == json.loads(render(analysis, "json"))
    assert window.export_to(str(tmp_path / "digest.html"))
    assert "<h1>Topic Digest</h1>" in (tmp_path / "digest.html").read_text("utf-8")


def test_an_export_to_a_full_disk_shows_the_error_and_keeps_the_previous_file(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    _open_sample(qtbot, window)
    target = tmp_path / "digest.md"
    target.write_text("yesterday's digest", encoding="utf-8")

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", disk_full)
    assert not window.export_to(str(target))
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert [b.text() for b in boxes] == [f"cannot write {target}: No space left on device"]
    boxes[0].accept()
    assert target.read_text("utf-8") == "yesterday's digest"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".digest")] == []
    monkeypatch.undo()
    assert window.export_to(str(target)) and target.read_text("utf-8").startswith("# Topic Digest")


def test_export_replaces_no_article_and_no_session_but_its_own_digest(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, corpus / seed.name)
    session = tmp_path / "news.tdigest"
    session.write_text("a session", "utf-8")
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.open_paths([str(corpus)])
    article = sorted(corpus.glob("*.txt"))[0]
    before = article.read_bytes()
    for target, reason in [(article, "an input folder of this analysis"), (session, "a digest is no session")]:
        assert not window.export_to(str(target), "markdown")
        (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        assert box.text().startswith(f"cannot write {target}: ") and reason in box.text()
        box.accept()
    assert article.read_bytes() == before and session.read_text("utf-8") == "a session"
    for _ in range(2):  # the digest of the day before, saved in the corpus folder, is replaced
        assert window.export_to(str(corpus / "digest.md"))
    assert window.status_label.text() == f"Exported {corpus / 'digest.md'}"


def test_the_source_pane_shows_markup_as_text_and_loads_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hostile = '<b>bold</b> <img src="http://evil.example/p.png"> <script>alert(1)</script>'
    record = {"title": "Council <i>votes</i>", "text": f"The council voted on the budget today. A reader wrote {hostile} here."}
    (tmp_path / "feed.json").write_text(json.dumps([record]), "utf-8")
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT) as blocker:
        window.open_paths([str(tmp_path / "feed.json")])
    (article,) = blocker.args[0].articles
    window.topics.select_article(article.id)
    assert window.source.article is not None and window.source.article.id == article.id
    assert hostile in window.source.body.toPlainText()
    assert "Council &lt;i&gt;votes&lt;/i&gt;" in window.source.header.text()
    assert window.source.header.openExternalLinks() is False


def test_copy_summary_puts_references_on_the_clipboard(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    analysis = _open_sample(qtbot, window)
    cluster = analysis.clusters[_select_topic_with(window, analysis, "000_")]
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    text = QGuiApplication.clipboard().text()
    assert cluster.summary.sentences[0].text in text and "[1]" in text


def test_dropping_files_opens_them(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    files = sorted(SEEDS.glob("00[34]_*.txt"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(QPointF(QPoint(50, 50)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT) as blocker:
        window.dropEvent(event)
    assert sorted(a.path for a in blocker.args[0].articles) == [str(f) for f in files]


def test_skipped_files_are_listed(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "empty.txt").write_bytes(b"")
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.open_paths([str(SEEDS), str(tmp_path / "empty.txt")])
    assert window.skipped_dock.isVisible()
    assert window.skipped.model.index(0, 0).data().endswith("empty.txt")
    assert window.skipped.model.index(0, 1).data()


def test_settings_persist_across_windows(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.summary.method.setCurrentText("LexRank (graph)")
    first.cluster_count.setValue(3)
    first.cluster_count.editingFinished.emit()
    first.splitter.setSizes([300, 300, 600])
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert second.summary.method.currentData() == "lexrank"
    assert second.cluster_count.value() == 3
    assert second.session.options.method == "lexrank" and second.session.options.clusters == 3
    assert second.splitter.sizes() == sizes
    second.close()
    from nlp.config import load_options

    shared = Path(settings.fileName()).parent / "settings.json"
    assert load_options(shared) == second.session.options  # what `topic-digest --config` reads


def test_menus_have_mnemonics_and_shortcuts(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Analysis", "&Help"]
    shortcuts = {a.text(): a.shortcut().toString() for a in window.actions.__dict__.values() if hasattr(a, "shortcut")}
    assert shortcuts["Open &Folder…"] == "Ctrl+Shift+O"
    assert shortcuts["Open F&iles…"] == "Ctrl+Alt+O"
    assert shortcuts["&Export…"] == "Ctrl+E"
    assert shortcuts["&Re-analyse"] == "F5"
    assert shortcuts["&Cancel"] == "Esc"
    assert shortcuts["&Filter…"] == "Ctrl+F"
    for widget in (window.topics.filter_edit, window.summary.method, window.summary.length,
                   window.cluster_count, window.granularity, window.cancel_button, window.source.body):
        assert widget.toolTip(), widget


@pytest.mark.slow
def test_a_large_folder_loads_in_worker_processes_and_every_file_is_accounted_for(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from nlp.run.workers import Schedule

    many = Schedule().parallel_files  # what the window reads in worker processes
    assert many is not None
    topics = ("council budget vote", "harbour storm flood", "senate election poll")
    for i in range(many):
        words = topics[i % 3]
        (tmp_path / f"{i:04d}.txt").write_text(f"Report {i} on the {words}. The {words} story goes on today.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    messages: list[str] = []
    window.session.progress.connect(lambda _fraction, message: messages.append(message))
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT) as blocker:
        window.open_paths([str(tmp_path)])
    analysis = blocker.args[0]
    assert any(m.endswith("processes") for m in messages), messages[:5]
    assert len(analysis.articles) == many
    assert window.status_label.text().startswith(f"{many} articles in ")
    assert window.skipped.model.index(0, 0).data().endswith("empty.txt")
    topics = [window.topics.proxy.index(r, 0) for r in range(window.topics.proxy.rowCount())]
    assert all(window.topics.tree.isExpanded(t) for t in topics)  # few articles: every topic unfolded


@pytest.mark.slow
def test_a_big_corpus_opens_with_its_topics_folded(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.topics_panel import EXPAND_UP_TO

    topics = ("council budget vote", "harbour storm flood", "senate election poll")
    for i in range(EXPAND_UP_TO + 1):
        words = topics[i % 3]
        (tmp_path / f"{i:04d}.txt").write_text(f"Report {i} on the {words}. The {words} story goes on today.\n")
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.open_paths([str(tmp_path)])
    rows = [window.topics.proxy.index(r, 0) for r in range(window.topics.proxy.rowCount())]
    assert len(rows) >= 3 and not any(window.topics.tree.isExpanded(r) for r in rows)
    assert window.summary.model.rowCount() > 0  # the first topic is still selected and summarised
    window.topics.filter_edit.setText("Report 7")
    window.topics.apply_filter()
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):  # a new analysis under the filter
        window.open_paths([str(tmp_path)])
    proxy = window.topics.proxy
    rows = [proxy.index(r, 0) for r in range(proxy.rowCount())]
    assert rows and all(window.topics.tree.isExpanded(r) for r in rows)  # the matches are shown
