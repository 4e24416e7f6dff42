"""What the window says about its runs outside the table and the console:
the progress bar, the status bar's counts and notes, and which columns
the table makes room for. (The graphs' run marks follow the store
themselves: :mod:`gui.plots.run_marks`.)

All of it follows the :class:`~gui.session_store.SessionStore`'s
``changed`` signal and reads the session record; nothing here keeps a fold
of its own, only which runs the progress bar counts together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from gui import words
from workers.terms import JobState

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from workers.record.session import RecordChange, RunRecord

#: How long a note stays in the status bar (ms).
NOTICE_MS = 15_000


class RunFeedback(QObject):
    """Keeps the window's run indicators in step with the record."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        # The runs the progress bar adds up: a run that starts while no other
        # is going starts a fresh count; one that starts alongside joins it.
        self._counted: list[int] = []
        self._told_dropped = False
        window.store.changed.connect(self._on_store_changed)
        window.results_model.modelReset.connect(self._on_table_runs_changed)  # filter switched

    @Slot(object)
    def _on_store_changed(self, change: RecordChange) -> None:
        window = self._window
        record = window.store.record
        for run_id in change.new_runs:
            self._count_new_run(run_id)
        for run_id in change.timed_out_runs:
            run = record.run(run_id)
            if run is not None and run.as_completed_timeout is not None:
                window.statusBar().showMessage(
                    words.timeout_notice(run, run.as_completed_timeout), NOTICE_MS
                )
        if change.dropped_runs and not self._told_dropped:
            self._told_dropped = True  # once a session: it goes on happening from then on
            window.statusBar().showMessage(words.dropped_runs_notice(len(record.runs())), NOTICE_MS)
        self._show_progress(at_once=bool(change.new_runs or change.finished_runs))
        self._show_counts()
        if change.new_runs or change.dropped_runs:
            self._on_table_runs_changed()

    def _count_new_run(self, run_id: int) -> None:
        record = self._window.store.record
        going = [
            r for r in self._counted if (run := record.run(r)) is not None and not run.finished
        ]
        self._counted = [*going, run_id] if going else [run_id]

    def _counted_runs(self) -> list[RunRecord]:
        record = self._window.store.record
        return [run for r in self._counted if (run := record.run(r)) is not None]

    def _show_progress(self, at_once: bool) -> None:
        runs = self._counted_runs()
        total = sum(run.total for run in runs)
        # Jobs that never started did not end: after Stop the bar stays short of full.
        ended = sum(run.ended - run.counts[JobState.CANCELLED] for run in runs)
        stopped = any(run.stopped for run in runs)
        self._window.run_controls.show_progress(ended, total, stopped, at_once=at_once)

    def _show_counts(self) -> None:
        window = self._window
        counts = window.store.counts(window.results_model.shown_run_ids())
        window.status_counts_label.set_counts(counts)

    @Slot()
    def _on_table_runs_changed(self) -> None:
        """The columns the table makes room for: those of the runs it shows,
        the newest run's first."""
        window = self._window
        record = window.store.record
        runs = [record.run(r) for r in window.results_model.shown_run_ids()]
        experiments = {run.experiment for run in runs if run is not None}
        latest = record.runs()[-1].experiment if record.runs() else None
        window.results_view.column_fitter.set_experiments(experiments, latest)
        self._show_counts()
