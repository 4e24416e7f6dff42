"""The console: what the lesson's scripts print, line by line, as it happens.

It follows the :class:`~gui.session_store.SessionStore`: each batch of
events the record took becomes a few lines, appended in one go. The lesson's
own lines (``Process ID: …, Process Name: …``, ``'<url>' page is <n> bytes``,
``Main-Processing Done!``) come from :func:`workers.cli.lesson_text.lesson_lines`,
the same words the command line prints, so the window and the terminal tell
one story. Why a job did not succeed, and each run's heading and summary,
are the window's translated words (:mod:`gui.words`). A stopped run ends
with its summary (``── Run 3 stopped after 2.49 s: 11 done, 8 stopped, 81
never started ──``), never with the lesson's "Main-Processing Done!".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from gui import words
from gui.style.theme import get_theme
from workers.cli.lesson_text import lesson_lines
from workers.events import (
    AsCompletedTimedOut,
    Event,
    Experiment,
    JobCancelled,
    JobDone,
    JobEnded,
    RunFinished,
    RunStarted,
    RunStopping,
)

if TYPE_CHECKING:
    from gui.session_store import SessionStore
    from workers.record.session import RecordChange, RunRecord

#: Oldest lines are dropped past this, so a day of 1000-process runs stays light.
MAX_LINES = 5000


class LogView(QPlainTextEdit):
    """Read-only console of both experiments' lines."""

    def __init__(self, store: SessionStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logView")
        self._store = store
        self.setReadOnly(True)
        self.setMaximumBlockCount(MAX_LINES)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.retranslate_ui()
        # Follows the newest line until someone scrolls up, and keeps
        # following when a zoom or a resize re-lays the lines out (which
        # grows the scroll range without moving the view).
        self._following = True
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scroll_value_changed)
        bar.rangeChanged.connect(self._on_scroll_range_changed)
        store.changed.connect(self._on_store_changed)  # new lines from each batch
        get_theme().changed.connect(self._on_theme_changed)
        self._on_theme_changed()

    def retranslate_ui(self) -> None:
        """The placeholder and the tooltip; the lines already printed stay as
        they were printed (the lesson's own lines are the program's output)."""
        self.setPlaceholderText(self.tr("What the processes print appears here."))
        self.setToolTip(
            self.tr("The lines the lesson's scripts print, as the processes print them")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def is_following(self) -> bool:
        """True while the console keeps its newest line in view."""
        return self._following

    @Slot(int)
    def _on_scroll_value_changed(self, value: int) -> None:
        self._following = value >= self.verticalScrollBar().maximum()

    @Slot(int, int)
    def _on_scroll_range_changed(self, _minimum: int, maximum: int) -> None:
        if self._following:
            self.verticalScrollBar().setValue(maximum)

    @Slot(object)
    def _on_store_changed(self, change: RecordChange) -> None:
        """Append the lines for a batch in one go (one layout, one repaint)."""
        record = self._store.record
        lines: list[str] = []
        for event in change.events:
            run = record.run(event.run_id)
            if run is not None:
                lines += self.lines_for(event, run)
        if lines:
            # appendPlainText keeps the view pinned to the bottom only if it
            # was there, so a student scrolled up to read is not yanked away.
            self.appendPlainText("\n".join(lines))

    @staticmethod
    def lines_for(event: Event, run: RunRecord) -> list[str]:
        """The console's lines for one event of ``run``."""
        experiment = run.experiment
        named = experiment is Experiment.NAMED
        if isinstance(event, RunStarted):
            dashboard = words.dashboard_line(run)  # a Dask cluster asked to show it
            return [
                words.run_heading(run),
                *([dashboard] if dashboard else []),
                *lesson_lines(event, experiment),
            ]
        if isinstance(event, JobDone):
            return lesson_lines(event, experiment)
        if isinstance(event, JobCancelled):
            return []  # the summary counts them: "81 never started"
        if isinstance(event, JobEnded):
            failure = getattr(event, "failure", None)
            if failure is None:
                return []
            reason = words.failure_text(failure)
            if not named:  # the lesson's line
                return [f"'{words.shown_url(event.label)}' generated an exception: {reason}"]
            if event.pid:  # the same shape as the command line's line
                return [f"Process ID: {event.pid}, Process Name: {event.label} {reason}"]
            return [f"Process Name: {event.label} {reason}"]
        if isinstance(event, RunStopping):
            return [words.stopping_line(run, event)]
        if isinstance(event, AsCompletedTimedOut):
            return [words.timeout_notice(run, event)]
        if isinstance(event, RunFinished):
            lines = []
            if named and not run.stopped:
                lines.append("Main-Processing Done!")  # the lesson's last line, verbatim
            lines.append(words.run_summary(run))
            return lines
        return []

    @Slot()
    def _on_theme_changed(self) -> None:
        theme = get_theme()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(theme.font_pt(1.0))
        self.setFont(font)
