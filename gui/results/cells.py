"""What each cell of the results table holds, read from the session record.

A job row *is* the record's :class:`~workers.record.session.JobRecord`; this
module says, per column of :mod:`gui.results.columns`, its raw value (for
sorting and tests), its text, its sort key and its tooltip. Words come from
:mod:`gui.words`, cached here because ``data()`` asks for every visible
cell on every repaint.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale
from PySide6.QtGui import Qt

from gui import words
from gui.results.columns import (
    COL_BYTES,
    COL_DURATION,
    COL_FINISHED,
    COL_HTTP,
    COL_N,
    COL_NAME,
    COL_RUN,
    COL_SQUARE,
    COL_STARTED,
    COL_STATUS,
    COL_WORKER,
)
from gui.words import Words
from workers.terms import Experiment, JobState, WorkerKind, WorkerRef

if TYPE_CHECKING:
    from workers.failures import Failure
    from workers.record.session import JobRecord, SessionRecord

#: Order of the Status column when sorted: as a job passes through its states.
STATE_RANK = {state: i for i, state in enumerate(JobState)}
#: Characters of a name or URL the cell and its tooltip show (the view elides further).
NAME_SHOWN = 300
NAME_TIP_SHOWN = 2000
#: Status texts kept at most (one per distinct state and failure).
_STATUS_CACHE_MAX = 10_000


def clock(t_wall: float | None, millis: bool = True) -> str:
    """``hh:mm:ss.mmm`` in local time ('' for None)."""
    if t_wall is None:
        return ""
    text = time.strftime("%H:%M:%S", time.localtime(t_wall))
    return f"{text}.{int(t_wall % 1 * 1000):03d}" if millis else text


def worker_text(worker: WorkerRef | None) -> str:
    """The Worker cell: the PID of a process, the name of a thread."""
    if worker is None:
        return ""
    if worker.kind is WorkerKind.THREAD:
        return worker.thread or str(worker.pid or "")
    if worker.kind is WorkerKind.DASK:
        return worker.name or worker.address
    return str(worker.pid) if worker.pid else ""


def worker_tooltip(worker: WorkerRef | None) -> str | None:
    if worker is None:
        return None
    if worker.kind is WorkerKind.THREAD:
        return Words.tr("thread {thread} in process {pid}").format(
            thread=worker.thread, pid=worker.pid
        )
    if worker.kind is WorkerKind.DASK:
        return Words.tr("Dask worker {name} at {address}, PID {pid}").format(
            name=worker.name, address=worker.address, pid=worker.pid
        )
    if worker.name:
        return Words.tr("process {pid}, named '{name}'").format(pid=worker.pid, name=worker.name)
    return Words.tr("process {pid}").format(pid=worker.pid)


class Cells:
    """Cell values of job rows; ``record()`` gives the session record."""

    def __init__(self, record: Callable[[], SessionRecord]) -> None:
        self._record = record
        self._locale = QLocale()
        self._status: dict[tuple[JobState, Failure | None], str] = {}
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read the words (a translator was installed)."""
        words.retranslate()
        self._status.clear()
        self._locale = QLocale()

    # -- values -------------------------------------------------------------

    def _run(self, job: JobRecord) -> Any:
        return self._record().run(job.run_id)

    def _n(self, job: JobRecord) -> int | None:
        if job.n is not None:
            return job.n
        run = self._run(job)
        if run is not None and run.experiment is Experiment.NAMED and job.label.isdigit():
            # The lesson names each process after its argument: Process(name=str(i), args=(i,)).
            return int(job.label)
        return None

    def _wall(self, t_mono: float | None) -> float | None:
        return None if t_mono is None else self._record().wall_time(t_mono)

    def raw(self, job: JobRecord, column: int) -> Any:
        """The cell's value as data (int, float, str or None)."""
        if column == COL_RUN:
            run = self._run(job)
            return run.ordinal if run is not None else None
        if column == COL_NAME:
            return job.label
        if column == COL_WORKER:
            return worker_text(job.worker) or None
        if column == COL_N:
            return self._n(job)
        if column == COL_SQUARE:
            return job.result
        if column == COL_HTTP:
            return job.status
        if column == COL_BYTES:
            return job.nbytes
        if column == COL_STARTED:
            return self._wall(job.started_mono)
        if column == COL_FINISHED:
            return self._wall(job.finished_mono)
        if column == COL_DURATION:
            return job.duration
        if column == COL_STATUS:
            return job.state.value
        return None

    def text(self, job: JobRecord, column: int) -> str:
        """The cell as shown."""
        if column == COL_STATUS:
            return self.status(job)
        if column == COL_NAME:
            # Safe to show: no password, no direction-changing characters.
            return words.shown_url(job.label, NAME_SHOWN)
        value = self.raw(job, column)
        if value is None:
            return ""
        if column in (COL_STARTED, COL_FINISHED):
            return clock(value)
        if column == COL_DURATION:
            return f"{value:.3f}"
        if column == COL_BYTES:
            return self._locale.toString(value)  # grouped digits where the locale groups them
        return str(value)

    def status(self, job: JobRecord) -> str:
        key = (job.state, job.failure)
        text = self._status.get(key)
        if text is None:
            if len(self._status) >= _STATUS_CACHE_MAX:
                self._status.clear()
            text = self._status[key] = words.status_text(job.state, job.failure)
        return text

    def sort_key(self, job: JobRecord, column: int) -> Any:
        """A key that sorts the column as people expect (None: unknown, sorted last)."""
        if column == COL_STATUS:
            return STATE_RANK[job.state]
        if column == COL_NAME:
            # "2" before "10": process names are numbers; URLs compare as text.
            name = job.label
            return (0, int(name), "") if name.isdigit() else (1, 0, name.lower())
        if column == COL_WORKER:
            worker = job.worker
            if worker is None:
                return None
            return (worker.pid, worker.thread, worker.address)
        return self.raw(job, column)

    def tooltip(self, job: JobRecord, column: int) -> str | None:
        if job.failure is not None and column != COL_WORKER:
            return plain_tip(words.failure_tooltip(job.failure))
        if column == COL_WORKER:
            return worker_tooltip(job.worker)
        if column == COL_NAME and job.label:
            # The cell elides a long URL; the tooltip has (nearly) all of it.
            return plain_tip(words.shown_url(job.label, NAME_TIP_SHOWN))
        return None


def plain_tip(text: str) -> str:
    """``text`` as a tooltip shows it: outside text that looks like HTML (a
    URL with ``<b>`` in it, a server's error page) is shown as it is, not rendered."""
    return Qt.convertFromPlainText(text) if Qt.mightBeRichText(text) else text
