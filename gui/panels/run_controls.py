"""The row under the results: Stop, how far the current runs are, and
whether the table shows the earlier runs too."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QProgressBar, QWidget

from gui import words
from gui.style.look import ThemedButton
from gui.style.theme import get_theme

#: At most this often (ms) the progress bar is repainted during a run.
PROGRESS_REFRESH_MS = 200


class RunControls(QWidget):
    """Stop button, progress of the current runs ("37 / 100"), "Keep earlier runs".

    The window says what the progress is (:meth:`show_progress`), from the
    session record; after Stop the bar counts the jobs that ended and says
    so ("31 of 100 ended, stopped"), rather than filling up.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stop_button = ThemedButton(parent=self)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setEnabled(False)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("runProgress")
        self.progress.setTextVisible(True)

        self.keep_runs_check = QCheckBox(self)
        self.keep_runs_check.setObjectName("keepRunsCheck")
        self._set_words()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.keep_runs_check)

        self._progress = (0, 0, False)  # ended, total, stopped: what the bar should say
        # Progress is shown at most this often rather than once per event batch.
        self._progress_timer = QTimer(self)
        self._progress_timer.setObjectName("progressRefreshTimer")
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_REFRESH_MS)
        self._progress_timer.timeout.connect(self._show_progress)
        self._show_progress()
        get_theme().changed.connect(self._on_theme_changed)
        self._on_theme_changed()

    def _set_words(self) -> None:
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop every running experiment and its processes"))
        self.progress.setToolTip(
            self.tr("Jobs ended / jobs in the current runs (jobs that never started do not count)")
        )
        self.keep_runs_check.setText(self.tr("Keep earlier runs"))
        self.keep_runs_check.setToolTip(
            self.tr(
                "On: the table shows every run, each under its own heading.\n"
                "Off: only the latest run (and any run still going). Nothing is lost:\n"
                "tick it again to see the earlier runs."
            )
        )

    def retranslate_ui(self) -> None:
        """Every word of the row, the progress bar's included, in the current language."""
        self._set_words()
        self._show_progress()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_progress(self, ended: int, total: int, stopped: bool, at_once: bool = False) -> None:
        """``ended`` of ``total`` jobs of the current runs have ended;
        ``stopped``: Stop ended them early. Shown at once when ``at_once`` (a
        run's start or end), else within PROGRESS_REFRESH_MS."""
        self._progress = (ended, total, stopped)
        if at_once:
            self._show_progress()
        elif not self._progress_timer.isActive():
            self._progress_timer.start()

    def set_running(self, running: bool) -> None:
        self.stop_button.setEnabled(running)

    @Slot()
    def _show_progress(self) -> None:
        self._progress_timer.stop()
        ended, total, stopped = self._progress
        bar = self.progress
        # QProgressBar.setValue repaints at once, synchronously, and with it
        # every other dirty widget of the window (the table, both graphs):
        # a whole frame painted out of turn. With updates off it only marks
        # the bar dirty, painted with the rest of the window's next frame.
        bar.setUpdatesEnabled(False)
        try:
            bar.setRange(0, max(total, 1))
            bar.setValue(min(ended, total))
            bar.setFormat(words.progress_text(ended, total, stopped))
        finally:
            bar.setUpdatesEnabled(True)  # and update(): painted at the next frame

    @Slot()
    def _on_theme_changed(self) -> None:
        # Stop is the one button a teacher must find at once mid-run.
        self.stop_button.setFont(get_theme().font(1.1, bold=True))
