"""The row under the results: Stop, how far the current runs are, and
whether a new run keeps the earlier ones in the table."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QProgressBar, QPushButton, QWidget

from gui.style.theme import get_theme

#: At most this often (ms) the progress bar is repainted during a run.
PROGRESS_REFRESH_MS = 200


class RunControls(QWidget):
    """Stop button, progress of the current runs ("37 / 100"), "Keep earlier runs".

    Progress adds up the runs of both experiments that belong together: a
    run that starts while the other experiment is idle starts a fresh count.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setToolTip(self.tr("Stop every running experiment and its processes"))
        self.stop_button.setEnabled(False)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("runProgress")
        self.progress.setToolTip(self.tr("Jobs ended / jobs in the current runs"))
        self.progress.setTextVisible(True)

        self.keep_runs_check = QCheckBox(self.tr("Keep earlier runs"), self)
        self.keep_runs_check.setObjectName("keepRunsCheck")
        self.keep_runs_check.setToolTip(
            self.tr(
                "On: each new run is added below the earlier ones, under its own heading.\n"
                "Off: a new run clears the table first."
            )
        )

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.keep_runs_check)

        # experiment -> (ended, total) of its latest run, while it counts.
        self._runs: dict[str, tuple[int, int]] = {}
        # QProgressBar.setValue repaints at once (synchronously, with every
        # other dirty widget), so progress is shown at most this often rather
        # than once per event batch.
        self._progress_timer = QTimer(self)
        self._progress_timer.setObjectName("progressRefreshTimer")
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_REFRESH_MS)
        self._progress_timer.timeout.connect(self._show_progress)
        self._show_progress()
        get_theme().changed.connect(self._on_theme_changed)
        self._on_theme_changed()

    def run_started(self, experiment: str, total: int, others_running: bool) -> None:
        """A run began; without other runs going, the count starts afresh."""
        if not others_running:
            self._runs.clear()
        self._runs[experiment] = (0, total)
        self._show_progress()

    def run_progress(self, experiment: str, ended: int, total: int) -> None:
        self._runs[experiment] = (ended, total)
        if ended >= total:
            self._show_progress()  # the end of a run is shown at once
        elif not self._progress_timer.isActive():
            self._progress_timer.start()

    def set_running(self, running: bool) -> None:
        self.stop_button.setEnabled(running)

    @Slot()
    def _show_progress(self) -> None:
        self._progress_timer.stop()
        ended = sum(e for e, _ in self._runs.values())
        total = sum(t for _, t in self._runs.values())
        if total == 0:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.progress.setFormat(self.tr("No run yet"))
            return
        self.progress.setRange(0, total)
        self.progress.setValue(ended)
        self.progress.setFormat(self.tr("%v / %m"))  # Qt fills in value and maximum

    @Slot()
    def _on_theme_changed(self) -> None:
        # Stop is the one button a teacher must find at once mid-run.
        self.stop_button.setFont(get_theme().font(1.1, bold=True))
