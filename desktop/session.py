"""The open corpus and its analysis, and the jobs that load, cluster and summarise it off the GUI thread."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from desktop.worker import JobRunner
from nlp.run.cancel import CancelToken, Progress
from nlp.types import Analysis, Corpus, Options


class Session(QObject):
    """Holds what the window shows and runs the pipeline for it, one job at a time.

    Changing the summary method or length re-summarises only; changing the
    cluster options re-clusters the loaded corpus; opening files or
    re-analysing reads them again.

    Signals
    -------
    analysis_ready(object)
        A new :class:`~nlp.types.Analysis` to show.
    failed(object)
        The exception a job raised.
    progress(float, str)
        Progress of the running job.
    busy_changed(bool)
        A job started or ended.
    cancelled()
        The running job was cancelled.
    """

    analysis_ready = Signal(object)
    failed = Signal(object)
    progress = Signal(float, str)
    busy_changed = Signal(bool)
    cancelled = Signal()

    def __init__(self, options: Options | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = JobRunner(self)
        self.runner.busy_changed.connect(self.busy_changed)
        self.options = options or Options()
        self.paths: list[str] = []
        self.corpus: Corpus | None = None
        self.analysis: Analysis | None = None

    def open(self, paths: list[str]) -> None:
        """Read ``paths`` and analyse them."""
        self.paths = list(paths)
        options, chosen = self.options, list(paths)

        def task(progress: Progress, cancel: CancelToken) -> tuple[Corpus, Analysis]:
            from nlp.run.cancel import scaled
            from nlp.run.pipeline import analyze, load
            from nlp.text.vocabulary import Vocabulary

            vocabulary = Vocabulary()  # this analysis's words: read while loading, dropped with the job
            corpus = load(chosen, options, vocabulary=vocabulary, progress=scaled(progress, 0, 0.4), cancel=cancel)
            return corpus, analyze(corpus, options, vocabulary=vocabulary, progress=scaled(progress, 0.4, 1.0),
                                   cancel=cancel)

        self._start(task)

    def reanalyse(self) -> None:
        """Read the current files again and analyse them."""
        if self.paths:
            self.open(self.paths)

    def set_options(self, options: Options) -> None:
        """Apply ``options``: re-summarise or re-cluster only as much as they require."""
        old, self.options = self.options, options
        if self.corpus is None or self.analysis is None:
            return
        if replace(old, method=options.method, sentences=options.sentences, words=options.words) == options:
            if old != options:
                self._resummarize(options)
            return
        corpus = self.corpus

        def task(progress: Progress, cancel: CancelToken) -> tuple[Corpus, Analysis]:
            from nlp.run.pipeline import analyze

            return corpus, analyze(corpus, options, progress=progress, cancel=cancel)

        self._start(task)

    def _resummarize(self, options: Options) -> None:
        analysis, corpus = self.analysis, self.corpus
        assert analysis is not None and corpus is not None

        def task(progress: Progress, cancel: CancelToken) -> tuple[Corpus, Analysis]:
            from nlp.run.pipeline import resummarize

            return corpus, resummarize(analysis, options, progress=progress, cancel=cancel)

        self._start(task)

    def cancel(self) -> None:
        """Stop the running job; the view keeps what it showed."""
        if self.runner.busy:
            self.runner.cancel()
            self.cancelled.emit()

    def shutdown(self) -> None:
        """Cancel and wait for the worker (on window close)."""
        self.runner.wait()

    def _start(self, task: object) -> None:
        self.runner.start(
            task,  # type: ignore[arg-type]
            on_finished=self._on_finished,
            on_failed=self.failed.emit,
            on_progress=self.progress.emit,
            on_cancelled=self.cancelled.emit,
        )

    def _on_finished(self, result: tuple[Corpus, Analysis]) -> None:
        self.corpus, self.analysis = result
        self.analysis_ready.emit(self.analysis)
