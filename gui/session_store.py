"""The window's one session record, and the signal every view updates from.

The bridges' event batches and the sampler's CPU readings go to the
:class:`SessionStore` only; it folds them into its
:class:`~workers.record.session.SessionRecord` and says what changed. The
table, the console, the status counts, the progress bar and the graph's
markers all read the record when :attr:`SessionStore.changed` fires; none
keeps a fold of its own. Everything here runs on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from workers.terms import JobState

if TYPE_CHECKING:
    from workers.cpu_sample import CpuSample
    from workers.events import Event
    from workers.record.session import RecordChange, SessionRecord


class SessionStore(QObject):
    """Owns the window's :class:`SessionRecord` (see the module docstring)."""

    changed = Signal(object)  # RecordChange: what one batch changed
    samples_added = Signal()  # CPU samples were kept

    def __init__(self, parent: QObject | None = None, record: SessionRecord | None = None) -> None:
        super().__init__(parent)
        # Made on first use: the record's module is not needed for the
        # window's first paint (see gui.app's staged start).
        self._record = record

    @property
    def record(self) -> SessionRecord:
        if self._record is None:
            from workers.record.session import SessionRecord

            self._record = SessionRecord()
        return self._record

    @Slot(object)
    def apply_events(self, events: Iterable[Event]) -> RecordChange:
        """Fold one batch in and emit :attr:`changed` once (if anything came)."""
        change = self.record.apply(events)
        if change.events:
            self.changed.emit(change)
        return change

    @Slot(object)
    def add_sample(self, sample: CpuSample) -> None:
        self.record.add_samples((sample,))
        self.samples_added.emit()

    def counts(self, run_ids: Iterable[int] | None = None) -> dict[JobState, int]:
        """Jobs in each state over ``run_ids`` (every kept run if None)."""
        total = dict.fromkeys(JobState, 0)
        record = self.record
        runs = record.runs() if run_ids is None else (record.run(r) for r in run_ids)
        for run in runs:
            if run is not None:
                for state, count in run.counts.items():
                    total[state] += count
        return total
