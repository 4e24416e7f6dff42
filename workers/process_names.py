"""Python names by PID, from the session record (no Qt).

``Process(name="7")`` names a process for Python only; the operating system
never hears of it. The record has each child's name from the child's own
reports; :class:`PythonNames` keeps them by PID, so the process inspector
can put them beside what the operating system shows.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workers.record.session import RecordChange, SessionRecord


@dataclass(frozen=True, slots=True)
class RecordedName:
    """What the session record says about the process with a PID."""

    name: str  # its Python name ("7"); "" for a pool worker (it reports none)
    pool: bool  # a pool worker (else a named child)
    run_ordinal: int  # the run it worked for ("Run 3")
    started_mono: float | None  # when it began its (last) job there


class PythonNames:
    """PID -> :class:`RecordedName`, kept up to date from the session record.

    Call :meth:`add_runs` once with what the record holds, then
    :meth:`add_change` with each change. A PID may be used again by a later
    process: :meth:`lookup` ignores an entry older than the process asking.
    """

    #: A process started this long after a job began cannot have run it.
    SLACK_S = 1.0

    def __init__(self) -> None:
        self._by_pid: dict[int, RecordedName] = {}

    def __len__(self) -> int:
        return len(self._by_pid)

    def add_runs(self, record: SessionRecord) -> None:
        """Take in every job of every run the record keeps."""
        for run in record.runs():
            self._add_jobs(run.ordinal, run.experiment.value == "pool", run.jobs)

    def add_change(self, record: SessionRecord, change: RecordChange) -> None:
        """Take in the jobs one change of the record touched."""
        for run_id, job_id in change.changed_jobs:
            run = record.run(run_id)
            job = record.job(run_id, job_id)
            if run is not None and job is not None:
                self._add_jobs(run.ordinal, run.experiment.value == "pool", (job,))

    def _add_jobs(self, ordinal: int, pool: bool, jobs: Iterable[object]) -> None:
        for job in jobs:
            worker = job.worker  # type: ignore[attr-defined]
            # A process of its own: a PID, and neither a thread's name (a
            # thread of this very process) nor an address (a remote worker).
            if worker is None or not worker.pid or worker.thread or worker.address:
                continue
            name = "" if pool else (worker.name or job.label)  # type: ignore[attr-defined]
            started = job.started_mono  # type: ignore[attr-defined]
            self._by_pid[worker.pid] = RecordedName(name, pool, ordinal, started)

    def lookup(self, pid: int, created_mono: float | None = None) -> RecordedName | None:
        """What the record says about ``pid``, if it can be about the process
        that has it now (started at ``created_mono``, on the monotonic clock)."""
        entry = self._by_pid.get(pid)
        if entry is None or created_mono is None or entry.started_mono is None:
            return entry
        if created_mono > entry.started_mono + self.SLACK_S:
            return None  # that was an earlier process with the same PID
        return entry


def epoch_to_mono(seconds: float) -> float:
    """A ``time.time()`` instant (a process's start) on the monotonic clock."""
    return seconds - (time.time() - time.monotonic())
