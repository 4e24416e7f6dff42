"""The terms every event is written in: where a job is (:class:`JobState`),
which experiment a run belongs to, who ran a job (:class:`WorkerRef`), and
the one clock all of them keep.

Kept apart from :mod:`workers.events` so that what only needs these words
(the window's table, words and palette; a job's child process) does not
create the event dataclasses: the window's first paint and every spawned
child are the faster for it. Nothing here imports Qt.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum


class JobState(str, Enum):
    """Where a job is. One list, one word each, for every view and export."""

    PENDING = "pending"  # submitted, not started yet
    RUNNING = "running"  # its worker has begun it
    DONE = "done"  # terminal: succeeded
    FAILED = "failed"  # terminal: ran (or tried to) and did not succeed
    KILLED = "killed"  # terminal: its process was killed by a signal the app did not send
    STOPPED = "stopped"  # terminal: it was running when Stop came, and was ended
    CANCELLED = "cancelled"  # terminal: it never started (Stop came first)

    @property
    def is_terminal(self) -> bool:
        return self not in (JobState.PENDING, JobState.RUNNING)


TERMINAL_STATES = tuple(s for s in JobState if s.is_terminal)


class WorkerKind(str, Enum):
    """What kind of worker runs a job."""

    PROCESS = "process"  # a process of its own: a named child, a pool worker process
    THREAD = "thread"  # a thread inside a process (ThreadPoolExecutor)
    DASK = "dask"  # a Dask distributed worker


@dataclass(frozen=True)
class WorkerRef:
    """Who ran a job: small, hashable, comparable across events.

    A process is known by its PID (and, for named children, its name); a
    thread by its process's PID and the thread's name; a Dask worker by its
    address (and its PID and name, as it reports them).
    """

    kind: WorkerKind
    pid: int = 0  # the OS process; for a thread, the process it lives in
    thread: str = ""  # the thread's name (thread workers only)
    address: str = ""  # e.g. "tcp://127.0.0.1:40123" (Dask workers only)
    name: str = ""  # the process's Python name ("7") or the Dask worker's name

    @property
    def key(self) -> tuple[str, str | int, str]:
        """What tells two workers apart, e.g. for a timeline lane."""
        return (self.kind.value, self.address or self.pid, self.thread)


def process_worker(pid: int, name: str = "") -> WorkerRef:
    """The worker that is a process of its own."""
    return WorkerRef(WorkerKind.PROCESS, pid=pid, name=name)


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
