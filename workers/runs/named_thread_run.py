"""The named experiment run as threads: ``threading.Thread(name=str(i))``
doing the same job as the lesson's processes, all in one process.

It is there to be compared with the process run. With *Busy CPU* the
threads take turns holding CPython's global interpreter lock (GIL), so
together they use about one core however many cores there are, where the
processes fill every core; with *Sleep* the two look alike, since a
sleeping thread holds no lock. A free-threaded Python (3.13t and later, with
the GIL off) has no such limit: :func:`workers.gil.gil_enabled` says which.

The threads run in one host process (:mod:`workers.jobs.thread_host`), not
in the program that shows them: busy threads there would hold the lock the
window's own code needs, and the window (its CPU graph too) would freeze.
So every thread reports the host's PID, its name "1".."N", and its own
times. The host is started with the chosen start method, reported as the
``host_start_method`` setting; the run's ``start_method`` is "" since the
threads themselves are not started by one.

Stop: a thread cannot be killed, so the job cooperates (see the host's
module); the host is asked with SIGTERM and its running jobs report that
they stopped (no signal: nothing was killed), within a slice of busy work.
Should the host not end within :data:`TERMINATE_GRACE_S` it is killed, and
its jobs still open end as stopped by SIGKILL.
"""

from __future__ import annotations

import os
import random
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess

from workers.events import (
    MEASURED_BY_PARENT,
    Event,
    JobDone,
    JobEnded,
    JobFailed,
    JobKilled,
    JobStarted,
    JobStopped,
    JobSubmitted,
    RunStarted,
    RunStopping,
    signal_name,
)
from workers.failures import Failure, FailureKind
from workers.gil import gil_enabled
from workers.jobs.named_job import Crashed, Finished, Started
from workers.jobs.report_pipe import ReportPipe
from workers.jobs.thread_host import BUSY_SLICE_S, NotStarted, Stopped, from_wire, run_thread_host
from workers.options import NamedOptions
from workers.runs.run_base import Run
from workers.start_methods import context_for
from workers.terms import Experiment, WorkerKind, WorkerRef, now_mono

#: What RunStarted.executor says for this run.
EXECUTOR = "thread"
#: After Stop, the host gets this long to end its threads before SIGKILL.
TERMINATE_GRACE_S = 2.0


def thread_worker(name: str, pid: int) -> WorkerRef:
    """The worker that is the thread called ``name`` in process ``pid``."""
    return WorkerRef(WorkerKind.THREAD, pid=pid, thread=name, name=name)


class NamedThreadRun(Run):
    """Run ``options.processes`` threads named "1".."N" in one host process
    (see the module docstring)."""

    def __init__(self, options: NamedOptions) -> None:
        options.validate()
        super().__init__(options.processes)
        self.options = options
        self._ctx = context_for(options.start_method)
        # Drawn as the process run draws them, so one seed gives both runs
        # the same times: the comparison is of the workers, not the luck.
        rng = random.Random(options.seed)
        self.sleep_times = [
            rng.uniform(options.sleep_min, options.sleep_max) for _ in range(options.processes)
        ]
        self._reports: ReportPipe | None = None
        self._host: BaseProcess | None = None
        self._started: dict[int, WorkerRef] = {}  # job id -> its thread, once it reported
        self._job_started_mono: dict[int, float] = {}  # job id -> its thread's start
        self._kill_deadline: float | None = None
        self._host_running = False  # started, not yet reaped
        self._start_failure: Failure | None = None
        self._submitted = False

    @property
    def start_method(self) -> str:
        return ""  # threads are not started by a multiprocessing start method

    @property
    def host_pid(self) -> int | None:
        """The PID every thread of this run reports, once the host runs."""
        return self._host.pid if self._host is not None else None

    def _begin(self) -> Event:
        options = self.options
        self._reports = ReportPipe(self._ctx)
        self._host = self._ctx.Process(
            name="named-threads",
            target=run_thread_host,
            args=(self._reports.writer, self.sleep_times, options.workload, options.niceness),
            daemon=True,
        )
        started = RunStarted(
            self.run_id,
            experiment=Experiment.NAMED,
            total=options.processes,
            parent_pid=os.getpid(),
            executor=EXECUTOR,
            settings=(
                ("workload", options.workload),
                ("sleep_min", options.sleep_min),
                ("sleep_max", options.sleep_max),
                ("niceness", options.niceness),
                ("seed", options.seed),
                ("run_as", "threads"),
                ("gil", gil_enabled()),
                ("host_start_method", self._ctx.get_start_method()),
            ),
        )
        if not self.cancel_requested:  # else Stop came first: _step cancels every job
            try:
                self._host.start()
            except (OSError, EOFError) as exc:  # EOFError: the forkserver could not fork
                self._start_failure = Failure(
                    FailureKind.START_FAILED,
                    exc_type=type(exc).__name__,
                    message=getattr(exc, "strerror", None) or str(exc),
                )
            else:
                self._host_running = True
        self._reports.close_writer()  # the host has its own copy
        return started

    def _step(self, timeout: float) -> None:
        if not self._submitted:
            self._submitted = True
            if self._host_running:  # every job is the host's from the start
                for job_id in range(self.ledger.total):
                    self._emit(JobSubmitted(self.run_id, job_id=job_id, label=str(job_id + 1)))
        if self.cancel_requested:
            self._stop_host()
        if not self._host_running and self._host is not None:
            self._never_ran()
            return
        if self._host_running:
            self._collect(timeout)

    def _never_ran(self) -> None:
        """The host never started: Stop came first, or the OS refused."""
        for job_id in self.ledger.open_jobs():
            label = str(job_id + 1)
            if self._start_failure is None:
                self._emit(self._cancelled(job_id, label))
            else:
                failed = JobFailed(
                    self.run_id,
                    job_id=job_id,
                    label=label,
                    finished_mono=now_mono(),
                    measured_by=MEASURED_BY_PARENT,
                    failure=self._start_failure,
                )
                self._emit(failed)
        self._host = None

    # -- collecting -----------------------------------------------------------

    def _collect(self, timeout: float) -> None:
        assert self._reports is not None and self._host is not None
        ready = wait([*self._reports.waitable(), self._host.sentinel], timeout)
        self._read_reports()  # before judging the host's exit: its last words first
        if self._host.sentinel in ready:
            self._reap()

    def _read_reports(self) -> None:
        if self._reports is not None:
            for wire in self._reports.read_ready():
                self._emit(self._event_for(from_wire(wire)))

    def _event_for(self, report: Started | Finished | Crashed | Stopped | NotStarted) -> Event:
        label = str(report.job_id + 1)
        if isinstance(report, NotStarted):
            failure = Failure(
                FailureKind.START_FAILED, exc_type=report.exc_type, message=report.message
            )
            return JobFailed(
                self.run_id,
                job_id=report.job_id,
                label=label,
                finished_mono=report.t_mono,
                failure=failure,
                t_mono=report.t_mono,
                t_wall=report.t_wall,
            )
        worker = thread_worker(report.name, report.pid)
        common = {
            "job_id": report.job_id,
            "label": report.name,
            "worker": worker,
            "t_mono": report.t_mono,
            "t_wall": report.t_wall,
        }
        if isinstance(report, Started):
            self._started[report.job_id] = worker
            self._job_started_mono[report.job_id] = report.t_mono
            return JobStarted(self.run_id, **common)
        times = {"started_mono": report.started_mono, "finished_mono": report.t_mono}
        if isinstance(report, Finished):
            return JobDone(self.run_id, **common, **times, n=report.n, result=report.result)
        if isinstance(report, Stopped):
            return JobStopped(
                self.run_id, **common, **times, failure=Failure(FailureKind.STOPPED, signal="")
            )
        failure = Failure(
            FailureKind.CRASHED,
            exc_type=report.exc_type,
            message=report.message,
            detail=report.detail,
        )
        return JobFailed(self.run_id, **common, **times, failure=failure)

    def _reap(self) -> None:
        """The host exited: every job it did not report an end for ends now."""
        assert self._host is not None
        self._host.join()
        code = self._host.exitcode
        pid = self._host.pid or 0
        self._host.close()
        self._host = None
        self._host_running = False
        for job_id in self.ledger.open_jobs():
            self._emit(self._ending_for(job_id, code, pid))

    def _ending_for(self, job_id: int, code: int | None, pid: int) -> JobEnded:
        label = str(job_id + 1)
        worker = self._started.get(job_id)
        if worker is None:
            if self.stop_handled:
                return self._cancelled(job_id, label)  # its thread never began the job
            failure = Failure(FailureKind.EXITED, exit_code=code, pid=pid)
            return JobFailed(
                self.run_id,
                job_id=job_id,
                label=label,
                finished_mono=now_mono(),
                measured_by=MEASURED_BY_PARENT,
                failure=failure,
            )
        common = {
            "job_id": job_id,
            "label": label,
            "worker": worker,
            "started_mono": self._job_started_mono.get(job_id),
            "finished_mono": now_mono(),
            "measured_by": MEASURED_BY_PARENT,
        }
        if code is not None and code < 0:
            name = signal_name(-code)
            if self.stop_handled:
                return JobStopped(
                    self.run_id, **common, failure=Failure(FailureKind.STOPPED, signal=name)
                )
            return JobKilled(
                self.run_id, **common, failure=Failure(FailureKind.KILLED, signal=name, pid=pid)
            )
        return JobFailed(self.run_id, **common, failure=Failure(FailureKind.EXITED, exit_code=code))

    # -- stopping -------------------------------------------------------------

    def _stop_host(self) -> None:
        if self._kill_deadline is None:
            running = sum(1 for j in self._started if not self.ledger.has_ended(j))
            self._emit(
                RunStopping(
                    self.run_id,
                    running=running,
                    # Threads cannot be killed, but these jobs check for Stop
                    # between slices, so the running ones do end at once.
                    can_end_running=True,
                    wait_limit=TERMINATE_GRACE_S,
                )
            )
            self._kill_deadline = now_mono() + TERMINATE_GRACE_S
            if self._host_running:
                self._host.terminate()  # type: ignore[union-attr]  (SIGTERM: its stop event)
        elif now_mono() > self._kill_deadline and self._host_running:
            self._host.kill()  # type: ignore[union-attr]

    def _release(self) -> None:
        host = self._host if self._host_running else None
        if host is not None:
            host.terminate()
            host.join(TERMINATE_GRACE_S)
            if host.exitcode is None:
                host.kill()
                host.join(1.0)
            host.close()
            self._host = None
            self._host_running = False
        if self._reports is not None:
            self._reports.close()


__all__ = ["BUSY_SLICE_S", "EXECUTOR", "NamedThreadRun", "thread_worker"]
