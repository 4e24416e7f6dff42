"""Where the runs were, for the graphs: one mark per run, numbered as people count them.

Each run the session record knows becomes a :class:`RunMark`: its number
("3", the run's ordinal), when it started and ended, and the key's line
that says what the number means ("3 · 100 processes · forkserver · 2.5 s").
The CPU graph and the timeline draw the same marks as shaded spans with a
numbered badge (:mod:`gui.plots.run_spans`), and one key lists them.

Bounded: at most :data:`MAX_MARKS` marks are kept (the oldest go first);
they are plain data, drawn by a fixed handful of items, so a long class
with hundreds of runs costs a few hundred small objects, nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from gui import words

if TYPE_CHECKING:
    from gui.session_store import SessionStore
    from workers.record.session import RecordChange, RunRecord

#: The most marks kept: as many runs as the session record keeps by default.
MAX_MARKS = 200


@dataclass(frozen=True)
class RunMark:
    """One run on the graphs."""

    run_id: int
    number: int  # the run's ordinal: "Run 3" is badge "3"
    start: float  # monotonic seconds
    end: float | None  # None while the run goes on
    key: str  # what the number means, e.g. "3 · 100 processes · forkserver · 2.5 s"
    stopped: bool = False


class RunMarks(QObject):
    """The marks of one session, in the order runs started."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, capacity: int = MAX_MARKS) -> None:
        super().__init__(parent)
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity!r}")
        self._capacity = capacity
        self._marks: dict[int, RunMark] = {}  # run_id -> mark, oldest first
        self._store: SessionStore | None = None

    @property
    def capacity(self) -> int:
        return self._capacity

    def marks(self) -> list[RunMark]:
        """Every kept mark, oldest first."""
        return list(self._marks.values())

    def in_range(self, start: float, end: float, now: float) -> list[RunMark]:
        """The marks whose span meets ``start``..``end`` (monotonic), oldest
        first; a run still going reaches ``now``."""
        return [
            m
            for m in self._marks.values()
            if m.start <= end and (m.end if m.end is not None else now) >= start
        ]

    def has_open(self) -> bool:
        """True while a marked run goes on (its span grows)."""
        return any(m.end is None for m in self._marks.values())

    def put(self, mark: RunMark) -> None:
        """Add ``mark``, or replace the mark of its run."""
        self._marks[mark.run_id] = mark
        while len(self._marks) > self._capacity:
            del self._marks[next(iter(self._marks))]
        self.changed.emit()

    def clear(self) -> None:
        self._marks.clear()
        self.changed.emit()

    # -- following a session --------------------------------------------------

    def follow(self, store: SessionStore) -> None:
        """Keep a mark for every run of ``store``'s record, from now on and
        for the runs it already has."""
        self._store = store
        for run in store.record.runs():
            self.put(mark_of(run))
        store.changed.connect(self._on_store_changed)

    @Slot(object)
    def _on_store_changed(self, change: RecordChange) -> None:
        if self._store is None:
            return
        record = self._store.record
        changed = (*change.new_runs, *change.finished_runs, *change.stopping_runs)
        for run_id in dict.fromkeys(changed):
            run = record.run(run_id)
            if run is not None:
                self.put(mark_of(run))

    def retranslate(self) -> None:
        """Re-make every key in the current language."""
        if self._store is None:
            return
        record = self._store.record
        for run_id in list(self._marks):
            run = record.run(run_id)
            if run is not None:
                self._marks[run_id] = mark_of(run)
        self.changed.emit()


def mark_of(run: RunRecord) -> RunMark:
    """The mark of ``run`` as the record has it now."""
    return RunMark(
        run_id=run.run_id,
        number=run.ordinal,
        start=run.started_mono,
        end=run.finished_mono,
        key=words.run_key_text(run),
        stopped=run.stopped,
    )
