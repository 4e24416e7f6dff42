"""The console: what the lesson's scripts print, line by line, as it happens.

The lines come from :func:`workers.cli.lesson_text.lesson_lines`, the same words the
command line prints, so the window and the terminal tell one story. Each run
is framed by a heading line and a summary line.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from gui.style.theme import get_theme
from workers.cli.lesson_text import lesson_lines
from workers.events import Event, Experiment, RunFinished, RunStarted

#: Oldest lines are dropped past this, so a day of 1000-process runs stays light.
MAX_LINES = 5000


class LogView(QPlainTextEdit):
    """Read-only console of both experiments' lesson lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logView")
        self.setReadOnly(True)
        self.setMaximumBlockCount(MAX_LINES)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setPlaceholderText(self.tr("What the processes print appears here."))
        get_theme().changed.connect(self._on_theme_changed)
        self._on_theme_changed()

    def append_events(self, events: Sequence[Event], experiment: Experiment) -> None:
        """Append the lines for a batch of events in one go (one layout, one repaint)."""
        lines: list[str] = []
        for event in events:
            if isinstance(event, RunStarted):
                lines.append(self._heading(event))
            lines.extend(lesson_lines(event, experiment))
            if isinstance(event, RunFinished):
                if experiment is Experiment.NAMED:
                    lines.append("Main-Processing Done!")  # the lesson's last line, verbatim
                lines.append(self._summary(event))
        if lines:
            # appendPlainText keeps the view pinned to the bottom only if it
            # was there, so a student scrolled up to read is not yanked away.
            self.appendPlainText("\n".join(lines))

    def _heading(self, event: RunStarted) -> str:
        if event.experiment is Experiment.POOL:
            text = self.tr("Run {run}: fetching {total} pages with {workers} workers ({method})")
        else:
            text = self.tr("Run {run}: starting {total} named processes ({method})")
        text = text.format(
            run=event.run_id,
            total=event.total,
            workers=event.workers,
            method=event.start_method,
        )
        if event.detail:
            text += f", {event.detail}"
        return f"── {text} ──"

    def _summary(self, event: RunFinished) -> str:
        return self.tr(
            "── Run {run} finished in {elapsed:.2f} s: {done} done, {failed} failed, "
            "{killed} killed, {cancelled} cancelled ──"
        ).format(
            run=event.run_id,
            elapsed=event.elapsed,
            done=event.done,
            failed=event.failed,
            killed=event.killed,
            cancelled=event.cancelled,
        )

    @Slot()
    def _on_theme_changed(self) -> None:
        theme = get_theme()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(theme.font_pt(1.0))
        self.setFont(font)
