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

from gui.style.theme import get_theme

if TYPE_CHECKING:
    from gui.session_store import SessionStore
    from workers.record.session import RecordChange

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
        # Not at the top: the first paint does without it (see there). The
        # window imports it once loaded, so no run waits for it here.
        from gui.panels.console_lines import console_lines

        record = self._store.record
        lines: list[str] = []
        for event in change.events:
            run = record.run(event.run_id)
            if run is not None:
                lines += console_lines(event, run)
        if lines:
            # appendPlainText keeps the view pinned to the bottom only if it
            # was there, so a student scrolled up to read is not yanked away.
            self.appendPlainText("\n".join(lines))

    @Slot()
    def _on_theme_changed(self) -> None:
        theme = get_theme()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(theme.font_pt(1.0))
        self.setFont(font)
