"""The named-process experiment: N processes named "1".."N", as the lesson.

All children of a run write their reports into one shared pipe with no lock
(see :mod:`workers.jobs.report_pipe`): a child killed mid-write cannot stall the
others, and a run needs two descriptors for reports however many children
it has. The pipe is always drained before a child is joined, so a child's
last report is read before its exit is judged, and no child can block on a
full pipe while the parent waits for it to exit. Children send plain named
tuples (:mod:`workers.jobs.named_job`); this module turns them into events.

Children are reaped and ``close()``d as they finish, so a run of 1000
processes holds descriptors only for the children still alive.
"""

from __future__ import annotations

import os
import random
import signal
from dataclasses import dataclass
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess

from workers.events import (
    MEASURED_BY_PARENT,
    Event,
    Experiment,
    JobDone,
    JobEnded,
    JobFailed,
    JobKilled,
    JobStarted,
    JobStopped,
    JobSubmitted,
    RunStarted,
    RunStopping,
    WorkerRef,
    now_mono,
    now_wall,
    process_worker,
    signal_name,
)
from workers.failures import Failure, FailureKind
from workers.jobs.named_job import Crashed, Finished, Started, from_wire, run_named_job
from workers.jobs.report_pipe import ReportPipe
from workers.options import NamedOptions
from workers.os_limits import file_descriptors_needed, raise_open_file_limit
from workers.runs.run_base import Run
from workers.start_methods import context_for

#: After Stop, children get this long to exit on SIGTERM before SIGKILL.
TERMINATE_GRACE_S = 2.0
#: The signals Stop sends; a child that died of another one was killed by someone else.
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGKILL)


@dataclass
class _Child:
    """A live child."""

    job_id: int
    process: BaseProcess
    worker: WorkerRef
    started_mono: float | None = None  # from its Started report, once that came


class NamedProcessRun(Run):
    """Start ``options.processes`` children and report each one's fate."""

    def __init__(self, options: NamedOptions) -> None:
        options.validate()
        super().__init__(options.processes)
        self.options = options
        self._ctx = context_for(options.start_method)
        rng = random.Random(options.seed)
        #: Each child's sleep (or work) time, chosen here so runs can repeat.
        self.sleep_times = [
            rng.uniform(options.sleep_min, options.sleep_max) for _ in range(options.processes)
        ]
        self._next_job = 0
        self._unstarted: list[BaseProcess | None] = []  # by job_id, made when the run begins
        self._children: dict[int, _Child] = {}  # job_id -> live child
        self._reports: ReportPipe | None = None  # made when the run begins
        self._kill_deadline: float | None = None  # set once Stop was handled

    @property
    def start_method(self) -> str:
        return self._ctx.get_start_method()

    def _begin(self) -> Event:
        raise_open_file_limit(file_descriptors_needed(self.options.processes))
        self._reports = ReportPipe(self._ctx)
        # Made before the first fork: see _start_some.
        self._unstarted = [self._new_process(job_id) for job_id in range(self.ledger.total)]
        options = self.options
        return RunStarted(
            self.run_id,
            experiment=Experiment.NAMED,
            total=options.processes,
            parent_pid=os.getpid(),
            executor="process",
            start_method=self.start_method,
            settings=(
                ("workload", options.workload),
                ("sleep_min", options.sleep_min),
                ("sleep_max", options.sleep_max),
                ("niceness", options.niceness),
                ("seed", options.seed),
            ),
        )

    def _step(self, timeout: float) -> None:
        deadline = now_mono() + timeout
        if self.cancel_requested:
            self._stop_children()
        else:
            self._start_some(deadline)
        wait_for = max(0.0, deadline - now_mono())
        if self._next_job < self.ledger.total and not self.cancel_requested:
            wait_for = 0.0
        self._collect(wait_for)

    # -- starting ---------------------------------------------------------

    def _new_process(self, job_id: int) -> BaseProcess:
        n = job_id + 1
        assert self._reports is not None and self._reports.writer is not None
        return self._ctx.Process(
            name=str(n),
            target=run_named_job,
            args=(
                self._reports.writer,
                job_id,
                n,
                self.sleep_times[job_id],
                self.options.workload,
                self.options.niceness,
            ),
            daemon=True,
        )

    def _start_some(self, deadline: float) -> None:
        """Start children until ``deadline`` (at least one, so that even
        ``poll(0)`` makes progress): starting is the slow part with spawn, and
        keeping it to the slice lets reports flow and Stop work meanwhile.

        The children are started in a tight loop and accounted for after it.
        After each fork every page of this process is shared copy-on-write
        with the new child, so each page written before the next fork costs
        a page fault; bookkeeping between forks measurably slowed fork runs.
        """
        assert self._reports is not None
        launched: list[tuple[int, BaseProcess, BaseException | None, float, float]] = []
        while self._next_job < self.ledger.total:
            job_id = self._next_job
            self._next_job += 1
            process = self._unstarted[job_id]
            self._unstarted[job_id] = None
            assert process is not None
            try:
                process.start()
            except (OSError, EOFError) as exc:  # EOFError: the forkserver could not fork
                launched.append((job_id, process, exc, 0.0, 0.0))
            else:
                launched.append((job_id, process, None, now_mono(), now_wall()))
            if now_mono() >= deadline:
                break
        if self._next_job == self.ledger.total:
            # Every child has its own copy now; ours must go so that the
            # pipe reaches end-of-file once they have all exited.
            self._reports.close_writer()
        for job_id, process, error, t_mono, t_wall in launched:
            label = str(job_id + 1)
            if error is not None:
                self._emit(
                    JobFailed(
                        self.run_id,
                        job_id=job_id,
                        label=label,
                        finished_mono=now_mono(),
                        measured_by=MEASURED_BY_PARENT,
                        failure=Failure(
                            FailureKind.START_FAILED,
                            exc_type=type(error).__name__,
                            message=getattr(error, "strerror", None) or str(error),
                        ),
                    )
                )
                continue
            worker = process_worker(process.pid or 0, label)
            self._children[job_id] = _Child(job_id, process, worker)
            self._emit(
                JobSubmitted(
                    self.run_id,
                    job_id=job_id,
                    label=label,
                    worker=worker,
                    t_mono=t_mono,
                    t_wall=t_wall,
                )
            )

    # -- collecting -------------------------------------------------------

    def _collect(self, timeout: float) -> None:
        if not self._children:
            self._read_reports()
            return
        assert self._reports is not None
        by_sentinel = {child.process.sentinel: child for child in self._children.values()}
        ready = wait([*self._reports.waitable(), *by_sentinel], timeout)
        # Reports first: a child's last report is in the pipe before its
        # sentinel fires, and must be read before its exit is judged.
        self._read_reports()
        for sentinel in ready:
            child = by_sentinel.get(sentinel)
            if child is not None:
                self._reap(child)

    def _read_reports(self) -> None:
        if self._reports is not None:
            for wire in self._reports.read_ready():
                self._emit(self._event_for(from_wire(wire)))

    def _event_for(self, report: Started | Finished | Crashed) -> Event:
        """The event a child's report stands for, with the child's times."""
        worker = process_worker(report.pid, report.name)
        common = {
            "job_id": report.job_id,
            "label": report.name,
            "worker": worker,
            "t_mono": report.t_mono,
            "t_wall": report.t_wall,
        }
        if isinstance(report, Finished):
            return JobDone(
                self.run_id,
                **common,
                started_mono=report.started_mono,
                finished_mono=report.t_mono,
                n=report.n,
                result=report.result,
            )
        if isinstance(report, Crashed):
            failure = Failure(
                FailureKind.CRASHED,
                exc_type=report.exc_type,
                message=report.message,
                detail=report.detail,
            )
            return JobFailed(
                self.run_id,
                **common,
                started_mono=report.started_mono,
                finished_mono=report.t_mono,
                failure=failure,
            )
        child = self._children.get(report.job_id)
        if child is not None:
            child.started_mono = report.t_mono
        return JobStarted(self.run_id, **common)

    def _reap(self, child: _Child) -> None:
        process = child.process
        process.join()
        code = process.exitcode
        process.close()
        del self._children[child.job_id]
        self._emit(self._ending_for(child, code))

    def _ending_for(self, child: _Child, code: int | None) -> JobEnded:
        """The terminal event for a child that exited without reporting one
        (if it did report, the ledger drops this). Only the parent saw the
        end; the start is the child's own, if its Started report came."""
        common = {
            "job_id": child.job_id,
            "label": child.worker.name,
            "worker": child.worker,
            "started_mono": child.started_mono,
            "finished_mono": now_mono(),
            "measured_by": MEASURED_BY_PARENT,
        }
        if code is not None and code < 0:
            name = signal_name(-code)
            if self.stop_handled and -code in _STOP_SIGNALS:
                stopped = Failure(FailureKind.STOPPED, signal=name)
                return JobStopped(self.run_id, **common, failure=stopped)
            return JobKilled(
                self.run_id, **common, failure=Failure(FailureKind.KILLED, signal=name)
            )
        return JobFailed(self.run_id, **common, failure=Failure(FailureKind.EXITED, exit_code=code))

    # -- stopping ---------------------------------------------------------

    def _stop_children(self) -> None:
        if self._kill_deadline is None:
            self._emit(
                RunStopping(
                    self.run_id,
                    # Children whose result came in are only exiting.
                    running=sum(1 for j in self._children if not self.ledger.has_ended(j)),
                    can_end_running=True,
                    wait_limit=TERMINATE_GRACE_S,
                )
            )
            for job_id in range(self._next_job, self.ledger.total):
                self._emit(self._cancelled(job_id, str(job_id + 1)))
            self._next_job = self.ledger.total
            self._unstarted = []
            if self._reports is not None:
                self._reports.close_writer()
            for child in self._children.values():
                child.process.terminate()
            self._kill_deadline = now_mono() + TERMINATE_GRACE_S
        elif now_mono() > self._kill_deadline:
            for child in self._children.values():
                child.process.kill()

    def _release(self) -> None:
        # Children whose report came in may still be exiting: let them finish
        # (briefly), then make sure nothing outlives the run.
        deadline = now_mono() + TERMINATE_GRACE_S
        for child in list(self._children.values()):
            child.process.join(max(0.0, deadline - now_mono()))
            if child.process.exitcode is None:
                child.process.kill()
                child.process.join(1.0)
        self._children.clear()
        if self._reports is not None:
            self._reports.close()


__all__ = ["NamedProcessRun"]
