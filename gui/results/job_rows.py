"""The rows of the results table and how events fold into them (no Qt).

One :class:`JobRow` per job, one :class:`Separator` per run heading, one
:class:`RunBlock` per run's contiguous rows. :func:`fold_event` applies one
event to a row; :class:`gui.results.results_model.ResultsModel` does the batching and
tells the view.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from workers.events import (
    TERMINAL_EVENTS,
    Event,
    Experiment,
    JobDone,
    JobFailed,
    JobKilled,
    JobStarted,
    JobSubmitted,
    RunFinished,
    RunStarted,
    is_terminal,
)

STATES = ("pending", "running", "done", "failed", "killed", "cancelled")
STATE_RANK = {s: i for i, s in enumerate(STATES)}
TERMINAL_STATE = dict(zip(TERMINAL_EVENTS, ("done", "failed", "killed", "cancelled"), strict=True))
JOB_EVENTS = (JobSubmitted, JobStarted, *TERMINAL_EVENTS)


@dataclass(slots=True)
class JobRow:
    """One job as the table shows it; :meth:`ResultsModel.job_rows` yields copies."""

    run_id: int
    job_id: int
    name: str = ""  # process name, or the URL for pool jobs
    pid: int | None = None  # child PID, or the pool worker's
    n: int | None = None
    square: int | None = None
    http: int | None = None
    nbytes: int | None = None
    started: float | None = None  # wall clock, seconds since the epoch
    finished: float | None = None
    duration: float | None = None  # seconds
    state: str = "pending"  # one of STATES
    reason: str = ""  # why it failed, was killed or cancelled
    detail: str = ""  # longer technical text (JobFailed.detail)
    signal_name: str = ""  # for killed jobs
    started_mono: float | None = field(default=None, repr=False)
    row: int = -1  # current row in the model, -1 until inserted


@dataclass(slots=True)
class Separator:
    """A run's heading row."""

    run_id: int
    started: RunStarted | None = None
    finished: RunFinished | None = None
    row: int = -1


@dataclass(slots=True)
class RunBlock:
    """A run's contiguous rows: its separator (append mode only) and its jobs."""

    run_id: int
    experiment: Experiment | None = None
    separator: Separator | None = None
    length: int = 0  # rows of this run now in the table
    finished: bool = False  # RunFinished arrived
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))


def clock(t_wall: float | None, millis: bool = True) -> str:
    """``hh:mm:ss.mmm`` in local time ('' for None)."""
    if t_wall is None:
        return ""
    text = time.strftime("%H:%M:%S", time.localtime(t_wall))
    return f"{text}.{int(t_wall % 1 * 1000):03d}" if millis else text


def fold_event(job: JobRow, ev: Event) -> str | None:
    """Fold one event into a row; returns the row's new state, or None if it
    stays as it is. The first terminal event wins for good."""
    ended = job.state not in ("pending", "running")
    pid = getattr(ev, "pid", 0)
    if pid and not job.pid:
        job.pid = pid
    if isinstance(ev, JobSubmitted):
        return None
    if isinstance(ev, JobStarted):
        if job.started is None:
            job.started, job.started_mono = ev.t_wall, ev.t_mono
        if ended:
            return None
        job.pid = pid or job.pid
        return "running"
    if not is_terminal(ev) or ended:
        return None
    job.pid = pid or job.pid
    job.finished = ev.t_wall
    if isinstance(ev, JobDone):
        job.duration = ev.duration
        if job.started is None:  # no JobStarted came: work it out from the worker's clock
            job.started = ev.t_wall - (ev.t_mono - ev.started_mono)
        job.n = ev.n if ev.n is not None else job.n
        job.square, job.http, job.nbytes = ev.result, ev.status, ev.nbytes
    else:
        if job.started_mono is not None:
            job.duration = max(0.0, ev.t_mono - job.started_mono)
        job.reason = ev.reason  # type: ignore[attr-defined]
        if isinstance(ev, JobFailed):
            job.detail, job.http = ev.detail, ev.status
        elif isinstance(ev, JobKilled):
            job.signal_name = ev.signal_name
    return TERMINAL_STATE[type(ev)]
