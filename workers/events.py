"""The event protocol shared by both experiments.

Every run reports what happens as a stream of small, frozen, picklable
dataclasses. The command line prints them, the window's table, timeline and
CPU-plot markers are built from them, and tests assert on them. Nothing here
imports Qt.

Timestamps come in pairs: ``t_mono`` is ``time.monotonic()`` (comparable
across processes on one machine, used for durations and timelines) and
``t_wall`` is ``time.time()`` (seconds since the epoch, for showing a clock
time to people).

Every job of a run ends in exactly one terminal event: ``JobDone``,
``JobFailed``, ``JobKilled`` or ``JobCancelled``.
"""

from __future__ import annotations

import signal
import time
from dataclasses import dataclass, field
from enum import Enum


class Experiment(str, Enum):
    """Which of the lesson's two experiments a run belongs to."""

    NAMED = "named"  # multiprocessing.Process(name=...) per job
    POOL = "pool"  # ProcessPoolExecutor URL fetches


def now_mono() -> float:
    """Monotonic seconds, comparable between processes on one machine."""
    return time.monotonic()


def now_wall() -> float:
    """Wall-clock seconds since the epoch."""
    return time.time()


@dataclass(frozen=True)
class Event:
    """Base of every event: which run, and when (see module docstring)."""

    run_id: int  # unique per run within the parent process
    t_mono: float = field(default_factory=now_mono, kw_only=True)
    t_wall: float = field(default_factory=now_wall, kw_only=True)


@dataclass(frozen=True)
class RunStarted(Event):
    """A run has begun; ``total`` jobs will each end in one terminal event."""

    experiment: Experiment
    total: int  # number of jobs in the run
    parent_pid: int  # PID of the process that owns the run
    start_method: str  # "spawn", "forkserver" or "fork"
    workers: int = 0  # pool size (0 for the named experiment)
    detail: str = ""  # one human line, e.g. "certificate checks off"


@dataclass(frozen=True)
class JobSubmitted(Event):
    """The parent handed a job to the OS or the pool.

    For a named process ``pid`` is the child's PID as soon as ``start()``
    returned; for a pool job it is 0 (no worker has taken it yet).
    """

    job_id: int  # 0-based index of the job within the run
    label: str  # process name ("1", "2", …) or the URL
    pid: int = 0


@dataclass(frozen=True)
class JobStarted(Event):
    """A child (or pool worker) began working on the job, from inside it."""

    job_id: int
    label: str  # as in JobSubmitted; for named jobs current_process().name
    pid: int  # the process doing the work (child or pool worker)


@dataclass(frozen=True)
class JobDone(Event):
    """Terminal: the job succeeded.

    Named jobs fill ``n`` and ``result`` (n * n); pool jobs fill ``status``
    (HTTP status) and ``nbytes`` (page size). ``started_mono`` and
    ``finished_mono`` are measured inside the worker.
    """

    job_id: int
    label: str
    pid: int
    started_mono: float
    finished_mono: float
    n: int | None = None
    result: int | None = None
    status: int | None = None
    nbytes: int | None = None

    @property
    def duration(self) -> float:
        return self.finished_mono - self.started_mono


@dataclass(frozen=True)
class JobFailed(Event):
    """Terminal: the job ran (or tried to) and did not succeed.

    ``reason`` is one short line for people ("HTTP 404 Not Found");
    ``kind`` is a stable machine word ("http", "dns", "timeout", …) and
    ``detail`` the longer technical text, if any.
    """

    job_id: int
    label: str
    pid: int  # worker PID if known, else 0
    reason: str
    kind: str = "error"
    detail: str = ""
    status: int | None = None  # HTTP status when the server answered


def signal_name(number: int) -> str:
    """``9`` -> ``"SIGKILL"``; unknown numbers stay readable."""
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


@dataclass(frozen=True)
class JobKilled(Event):
    """Terminal: the process running the job was killed by a signal."""

    job_id: int
    label: str
    pid: int
    signal_name: str  # e.g. "SIGKILL"
    signal_number: int
    reason: str  # one line for people, names the signal

    @classmethod
    def by_signal(
        cls, run_id: int, job_id: int, label: str, pid: int, number: int, who: str = ""
    ) -> JobKilled:
        """The reason reads "killed by SIGKILL", or with ``who`` (e.g.
        "pool worker 123") "pool worker 123 was killed by SIGKILL"."""
        name = signal_name(number)
        return cls(
            run_id,
            job_id=job_id,
            label=label,
            pid=pid,
            signal_name=name,
            signal_number=number,
            reason=f"{who} was killed by {name}" if who else f"killed by {name}",
        )


@dataclass(frozen=True)
class JobCancelled(Event):
    """Terminal: the job was stopped, or never started, because the run was
    cancelled."""

    job_id: int
    label: str
    pid: int = 0  # the child that was terminated, 0 if none had started
    reason: str = "stopped by user"


@dataclass(frozen=True)
class AsCompletedTimedOut(Event):
    """The lesson's ``as_completed(timeout=...)`` raised ``TimeoutError``.

    The run goes on: the jobs still pending are reported when they end.
    """

    timeout: float
    pending: tuple[str, ...]  # labels of the jobs not finished by then


@dataclass(frozen=True)
class RunFinished(Event):
    """The run is over; no more events follow for ``run_id``."""

    total: int
    done: int
    failed: int
    killed: int
    cancelled: int
    elapsed: float  # seconds from RunStarted to now

    @property
    def ok(self) -> bool:
        return self.done == self.total


TERMINAL_EVENTS = (JobDone, JobFailed, JobKilled, JobCancelled)
JobEnded = JobDone | JobFailed | JobKilled | JobCancelled


def is_terminal(event: Event) -> bool:
    """True for the one event that ends a job."""
    return isinstance(event, TERMINAL_EVENTS)
