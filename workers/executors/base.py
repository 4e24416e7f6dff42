"""What an executor plug-in must know, so that ``PoolRun`` never has to ask
which executor it drives.

A plug-in (:class:`ExecutorPlugin`) is one module in this package; it makes
a :class:`WorkerPool` for each run. The pool owns the executor (and a fresh
one after a break), the run's report pipe, and every executor-specific
detail: how its workers are named (:class:`~workers.terms.WorkerRef`),
whether jobs already running can be ended on Stop and how, and which worker
died when the executor broke.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from workers.failures import Failure
from workers.jobs.report_pipe import ReportPipe
from workers.terms import WorkerKind, WorkerRef

TYPE_CHECKING = False  # not typing's: pool workers import this package
if TYPE_CHECKING:
    from concurrent.futures import Executor  # not at run time: the window lists plug-ins early

    from workers.jobs.fetch import FetchOutcome

#: A worker's start, as the run reads it: (run id, job id, the worker, its
#: monotonic clock, its wall clock) at the moment it took the job.
StartReport = tuple[int, int, WorkerRef, float, float]


class PoolUnavailable(Exception):
    """The pool could not be made (no scheduler at that address, a cluster
    that would not start): every job of the run fails with ``failure``."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure)
        self.failure = failure


class WorkerPool(ABC):
    """One run's executor of one kind, from its start to its release.

    ``executor`` is the executor jobs are submitted to now; after
    :meth:`renew` it is a fresh one. ``reports`` is the run's report pipe,
    which workers write their start reports into; None where workers cannot
    reach it (on other machines): such a pool overrides
    :meth:`started_reports` and says who did a job with its result
    (:meth:`outcome`).
    """

    #: The start method its processes use; "" where none applies (threads).
    start_method: str = ""

    def __init__(self, plugin: ExecutorPlugin, size: int, reports: ReportPipe | None) -> None:
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

    # -- optional: who did what ------------------------------------------------

    def job_function(self) -> Callable[..., object]:
        """What each job runs: ``job(run_id, job_id, url, timeout,
        verify_tls, max_bytes)``, returning what :meth:`outcome` reads."""
        from workers.jobs.pool_job import fetch_job  # here: listing plug-ins stays cheap

        return fetch_job

    def started_reports(self) -> list[StartReport]:
        """The starts reported since the last call; never blocks."""
        if self.reports is None:
            return []
        return [
            (run_id, job_id, self.worker_ref(pid, thread), t_mono, t_wall)
            for run_id, job_id, pid, thread, t_mono, t_wall in self.reports.read_ready()
        ]

    def outcome(self, result: object) -> tuple[FetchOutcome, WorkerRef]:
        """A finished job's result: the fetch's outcome and the worker that did it."""
        outcome: FetchOutcome = result  # type: ignore[assignment]
        return outcome, self.worker_ref(outcome.worker_pid, outcome.worker_thread)

    def failure_for(self, exc: BaseException) -> Failure | None:
        """What a job's exception means, where the executor knows better
        than "it raised" (a worker of a cluster died holding it); None for
        the generic reading."""
        return None

    def run_settings(self) -> tuple[tuple[str, object], ...]:
        """What the run's RunStarted says about this pool beyond its size
        (plain values), e.g. where its cluster is."""
        return ()

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
        if self.reports is not None:
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
    #: True if an error travels with its context (Dask's does): the script
    #: then raises an HTTP error's words outside the ``except`` block, where
    #: they have none (the HTTP error itself cannot be pickled).
    sends_error_context: bool = False


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

    #: The settings of its own it takes (``PoolOptions.executor_settings``).
    setting_names: tuple[str, ...] = ()

    @abstractmethod
    def open(
        self, size: int, start_method: str | None, settings: Mapping[str, object]
    ) -> WorkerPool:
        """A pool of ``size`` workers with its report pipe, for one run.
        ``start_method`` is None for the default; ignored where none applies.
        ``settings`` are the executor's own, checked by :meth:`check_settings`.
        Raises :class:`PoolUnavailable` if the pool cannot be made."""

    def start_method(self, requested: str | None) -> str:
        """The start method a run with ``requested`` would use; "" where none applies."""
        return ""

    def unavailable(self) -> dict[str, object] | None:
        """Cheaply (no heavy import): None if this executor can run here,
        else what is missing, as the details of an
        ``OptionsProblem.EXECUTOR_NOT_INSTALLED`` error (``package``,
        ``extra``)."""
        return None

    def check_settings(self, settings: Mapping[str, object]) -> None:
        """Raise ``OptionsError`` for a setting it does not take or a bad value."""
        from workers.options import OptionsError, OptionsProblem

        for name in settings:
            if name not in self.setting_names:
                raise OptionsError(
                    OptionsProblem.BAD_EXECUTOR_SETTING, executor=self.name, setting=name
                )

    @abstractmethod
    def script(
        self, workers: int, start_method: str, settings: Mapping[str, object]
    ) -> ExecutorScript:
        """How the lesson's pool script makes this executor (``settings``:
        its own, as ``PoolOptions.executor_settings`` has them, perhaps not
        valid yet: the code view follows the controls as they are typed)."""


__all__ = ["ExecutorPlugin", "ExecutorScript", "PoolUnavailable", "StartReport", "WorkerPool"]
