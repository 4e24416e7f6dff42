"""What an executor plug-in must know, so that ``PoolRun`` never has to ask
which executor it drives.

A plug-in (:class:`ExecutorPlugin`) is one module in this package; it makes
a :class:`WorkerPool` for each run. The pool owns the executor (and a fresh
one after a break), the run's report pipe, and every executor-specific
detail: how its workers are named (:class:`~workers.events.WorkerRef`),
whether jobs already running can be ended on Stop and how, and which worker
died when the executor broke.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from concurrent.futures import Executor
from dataclasses import dataclass

from workers.events import WorkerKind, WorkerRef
from workers.jobs.report_pipe import ReportPipe


class WorkerPool(ABC):
    """One run's executor of one kind, from its start to its release.

    ``executor`` is the executor jobs are submitted to now; after
    :meth:`renew` it is a fresh one. ``reports`` is the run's report pipe,
    which workers write their start reports into.
    """

    #: The start method its processes use; "" where none applies (threads).
    start_method: str = ""

    def __init__(self, plugin: ExecutorPlugin, size: int, reports: ReportPipe) -> None:
        self.plugin = plugin
        self.size = size
        self.reports = reports
        self.executor: Executor = self._make()

    # -- what every executor must say -------------------------------------

    @abstractmethod
    def _make(self) -> Executor:
        """A new executor of ``size`` workers whose initializer hands each
        worker the report pipe's writing end."""

    @abstractmethod
    def worker_ref(self, pid: int, thread: str) -> WorkerRef:
        """The worker that reported this PID and thread name."""

    @abstractmethod
    def stop(self) -> None:
        """Stop came: cancel every queued job and, where the executor can,
        begin ending the running ones. Returns at once."""

    @abstractmethod
    def stop_settled(self) -> bool:
        """After :meth:`stop`: True once every worker that was running a job
        has ended (the run can then decide each job's fate). Called on every
        poll; may escalate (SIGKILL after a grace period) and never blocks."""

    @abstractmethod
    def ending_signal(self, worker: WorkerRef) -> str:
        """The signal that ended ``worker`` after Stop ("SIGTERM",
        "SIGKILL"), or "" if it was not ended by a signal."""

    # -- optional: executors whose workers can die --------------------------

    def note_workers(self) -> None:  # noqa: B027 (optional hook)
        """Remember the workers the executor has now, so how each ended can
        still be read after the executor forgot them."""

    def dead_workers(self) -> dict[int, int]:
        """After a break: PID -> exit code of the workers that died on
        their own (the cause), empty where workers cannot die alone."""
        return {}

    def stop_wait_limit(self, job_timeout: float) -> float | None:
        """How long, at most, the running jobs take to end after Stop."""
        return job_timeout

    # -- the executor's life ----------------------------------------------

    def renew(self) -> None:
        """Replace a broken executor with a fresh one of the same size."""
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._make()

    def shutdown(self, wait: bool) -> None:
        """Shut the current executor down, cancelling the queued jobs."""
        self.executor.shutdown(wait=wait, cancel_futures=True)

    def release(self) -> None:
        """End everything, wait for the workers, close the report pipe;
        nothing the pool started outlives this. Idempotent."""
        self.shutdown(wait=True)
        self.reports.close()


@dataclass(frozen=True)
class ExecutorScript:
    """How the lesson's pool script (the window's code view,
    :mod:`workers.lesson_code`) makes this executor."""

    what: str  # the script's opening comment: "a ProcessPoolExecutor of 5 processes …"
    imports: tuple[str, ...]  # import lines the making needs
    make: str  # the expression in ``with <make> as executor:`` (4-space indents inside)
    setup: str = ""  # lines the ``__main__`` block runs before that ``with``
    #: True if results travel back from another process (only small,
    #: picklable values can: the page's size, an error's words).
    in_other_process: bool = True


class ExecutorPlugin(ABC):
    """One kind of executor, as ``PoolRun`` uses it (see module docstring).

    Subclasses set ``name`` (what ``PoolOptions.executor`` and ``--executor``
    say), ``worker_kind`` and ``can_end_running``, and make pools.
    """

    name: str
    worker_kind: WorkerKind
    #: True if Stop can end jobs already running (processes can be killed;
    #: threads cannot, so their running jobs end on their own).
    can_end_running: bool

    @abstractmethod
    def open(self, size: int, start_method: str | None) -> WorkerPool:
        """A pool of ``size`` workers with its report pipe, for one run.
        ``start_method`` is None for the default; ignored where none applies."""

    def start_method(self, requested: str | None) -> str:
        """The start method a run with ``requested`` would use; "" where none applies."""
        return ""

    @abstractmethod
    def script(self, workers: int, start_method: str) -> ExecutorScript:
        """How the lesson's pool script makes this executor."""


__all__ = ["ExecutorPlugin", "ExecutorScript", "WorkerPool"]
