"""The event protocol shared by both experiments.

Every run reports what happens as a stream of small, frozen, picklable
dataclasses. The command line prints them, the window's table, timeline and
CPU-plot markers are built from them, and tests assert on them. Nothing here
imports Qt.

Timestamps come in pairs: ``t_mono`` is ``time.monotonic()`` (comparable
across processes on one machine, used for durations and timelines) and
``t_wall`` is ``time.time()`` (seconds since the epoch, for showing a clock
time to people).

One clock for everything: every ``*_mono`` field is ``time.monotonic()``,
which is the same clock in every process of one machine, so a job's start
measured in its worker and a run's start measured in the parent line up on
a timeline and in a trace.

Every job of a run ends in exactly one terminal event: ``JobDone``,
``JobFailed``, ``JobKilled``, ``JobStopped`` or ``JobCancelled``. Each names
the worker that ran it (:class:`WorkerRef`) and carries when it started and
ended. No event carries a sentence for people: failures are
:class:`~workers.failures.Failure` values, and the words are made by the
command line and the window (see :mod:`workers.failures`).
"""

from __future__ import annotations

import signal
from dataclasses import dataclass, field

from workers.failures import Failure
from workers.terms import Experiment, JobState, WorkerRef, now_mono, now_wall


@dataclass(frozen=True)
class Event:
    """Base of every event: which run, and when (see module docstring)."""

    run_id: int  # unique per run within the parent process
    t_mono: float = field(default_factory=now_mono, kw_only=True)
    t_wall: float = field(default_factory=now_wall, kw_only=True)


@dataclass(frozen=True, kw_only=True)
class RunStarted(Event):
    """A run has begun; ``total`` jobs will each end in one terminal event."""

    experiment: Experiment
    total: int  # number of jobs in the run
    parent_pid: int  # PID of the process that owns the run
    executor: str  # which executor runs the jobs: "process", "thread", … (named: "process")
    start_method: str = ""  # "spawn", "forkserver" or "fork"; "" where none applies
    workers: int = 0  # pool size (0 for the named experiment)
    #: The run's other settings as (key, plain value) pairs, e.g.
    #: (("workload", "cpu"), ("verify_tls", False), ("timeout", 60.0)).
    settings: tuple[tuple[str, object], ...] = ()

    def setting(self, key: str, default: object = None) -> object:
        return dict(self.settings).get(key, default)


@dataclass(frozen=True, kw_only=True)
class JobSubmitted(Event):
    """The parent handed a job to the OS or the pool.

    For a named process ``worker`` is the child, known as soon as
    ``start()`` returned; for a pool job it is None (no worker has taken it
    yet).
    """

    job_id: int  # 0-based index of the job within the run
    label: str  # process name ("1", "2", …) or the URL
    worker: WorkerRef | None = None


@dataclass(frozen=True, kw_only=True)
class JobStarted(Event):
    """A worker began the job; ``t_mono`` and ``t_wall`` are its own clocks."""

    job_id: int
    label: str  # as in JobSubmitted; for named jobs current_process().name
    worker: WorkerRef


#: ``JobEnded.measured_by``: the worker measured both the start and the end.
MEASURED_BY_WORKER = "worker"
#: The parent saw the end (a killed or stopped worker could not say); the
#: start is the worker's own if it reported one.
MEASURED_BY_PARENT = "parent"


@dataclass(frozen=True, kw_only=True)
class JobEnded(Event):
    """Base of the terminal events: the job's worker and its times.

    ``started_mono`` is None for a job that never started; ``finished_mono``
    is when it ended (for a cancelled job, when it was cancelled).
    """

    job_id: int
    label: str
    worker: WorkerRef | None = None  # None: no worker ever took it
    started_mono: float | None = None
    finished_mono: float | None = None
    measured_by: str = MEASURED_BY_WORKER  # or MEASURED_BY_PARENT

    @property
    def duration(self) -> float | None:
        if self.started_mono is None or self.finished_mono is None:
            return None
        return max(0.0, self.finished_mono - self.started_mono)

    @property
    def pid(self) -> int:
        """The worker's PID, 0 if none is known."""
        return self.worker.pid if self.worker is not None else 0


@dataclass(frozen=True, kw_only=True)
class JobDone(JobEnded):
    """Terminal: the job succeeded.

    Named jobs fill ``n`` and ``result`` (n * n); pool jobs fill ``status``
    (HTTP status) and ``nbytes`` (page size).
    """

    n: int | None = None
    result: int | None = None
    status: int | None = None
    nbytes: int | None = None


@dataclass(frozen=True, kw_only=True)
class JobFailed(JobEnded):
    """Terminal: the job ran (or tried to) and did not succeed."""

    failure: Failure
    nbytes: int | None = None  # body bytes read before it failed, if any


def signal_name(number: int) -> str:
    """``9`` -> ``"SIGKILL"``; unknown numbers become ``"signal 64"``."""
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


@dataclass(frozen=True, kw_only=True)
class JobKilled(JobEnded):
    """Terminal: the process running the job was killed by a signal that the
    app did not send (``failure.kind`` is KILLED, ``failure.signal`` names it)."""

    failure: Failure


@dataclass(frozen=True, kw_only=True)
class JobStopped(JobEnded):
    """Terminal: the job was running when Stop came and was ended
    (``failure.kind`` is STOPPED; ``failure.signal`` is the signal that
    ended it, "" where nothing could be killed)."""

    failure: Failure


@dataclass(frozen=True, kw_only=True)
class JobCancelled(JobEnded):
    """Terminal: the job never started; Stop came first (``failure.kind`` is
    NEVER_STARTED)."""

    failure: Failure


@dataclass(frozen=True, kw_only=True)
class AsCompletedTimedOut(Event):
    """The lesson's ``as_completed(timeout=...)`` raised ``TimeoutError``.

    The run goes on: the jobs still pending are reported when they end.
    """

    timeout: float
    pending: tuple[int, ...]  # job ids not finished by then


@dataclass(frozen=True, kw_only=True)
class RunStopping(Event):
    """Stop reached the run: ``running`` jobs are being ended.

    ``can_end_running`` is False where running jobs cannot be ended (threads
    cannot be killed): they finish on their own, at the latest after
    ``wait_limit`` seconds (their per-page timeout).
    """

    running: int
    can_end_running: bool = True
    wait_limit: float | None = None


@dataclass(frozen=True, kw_only=True)
class RunFinished(Event):
    """The run is over; no more events follow for ``run_id``."""

    total: int
    done: int
    failed: int
    killed: int
    stopped: int  # jobs ended by Stop while running
    cancelled: int  # jobs that never started
    elapsed: float  # seconds from RunStarted to now
    stop_requested: bool = False  # Stop (or Ctrl+C) ended the run early

    @property
    def ok(self) -> bool:
        return self.done == self.total and not self.stop_requested


TERMINAL_EVENTS = (JobDone, JobFailed, JobKilled, JobStopped, JobCancelled)
#: The state each terminal event puts its job in.
TERMINAL_STATE: dict[type, JobState] = {
    JobDone: JobState.DONE,
    JobFailed: JobState.FAILED,
    JobKilled: JobState.KILLED,
    JobStopped: JobState.STOPPED,
    JobCancelled: JobState.CANCELLED,
}


def is_terminal(event: Event) -> bool:
    """True for the one event that ends a job."""
    return isinstance(event, JobEnded)
