"""The named experiment's events, from what its children report and what
the parent sees of them.

Children report plain named tuples (:mod:`workers.jobs.named_job`); the
parent sees exit codes, starts that failed and processes that vanished.
These functions turn each into its event; ``NamedProcessRun`` decides which
applies.
"""

from __future__ import annotations

import signal

from workers.events import (
    MEASURED_BY_PARENT,
    Event,
    JobDone,
    JobEnded,
    JobFailed,
    JobKilled,
    JobStarted,
    JobStopped,
    signal_name,
)
from workers.failures import Failure, FailureKind
from workers.jobs.named_job import Crashed, Finished, Started
from workers.terms import WorkerRef, now_mono, process_worker

#: The signals Stop sends; a child that died of another one was killed by someone else.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGKILL)


def label_of(job_id: int) -> str:
    """The lesson's process name for a job: "1" for job 0."""
    return str(job_id + 1)


def event_for_report(run_id: int, report: Started | Finished | Crashed) -> Event:
    """The event a child's report stands for, with the child's own times."""
    common = {
        "job_id": report.job_id,
        "label": report.name,
        "worker": process_worker(report.pid, report.name),
        "t_mono": report.t_mono,
        "t_wall": report.t_wall,
    }
    if isinstance(report, Finished):
        return JobDone(
            run_id,
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
            run_id,
            **common,
            started_mono=report.started_mono,
            finished_mono=report.t_mono,
            failure=failure,
        )
    return JobStarted(run_id, **common)


def parent_saw_end(
    run_id: int,
    kind: type[JobEnded],
    job_id: int,
    failure: Failure,
    worker: WorkerRef | None = None,
    started_mono: float | None = None,
) -> JobEnded:
    """A job's ending that only the parent saw, as of now; its start is the
    child's own, if its Started report came."""
    return kind(
        run_id,
        job_id=job_id,
        label=label_of(job_id),
        worker=worker,
        started_mono=started_mono,
        finished_mono=now_mono(),
        measured_by=MEASURED_BY_PARENT,
        failure=failure,  # type: ignore[call-arg]
    )


def ending_for_exit(
    run_id: int,
    job_id: int,
    worker: WorkerRef,
    started_mono: float | None,
    code: int | None,
    stopping: bool,
) -> JobEnded:
    """The ending of a child that exited with ``code`` without reporting one
    (if it did report, the run's ledger drops this)."""
    if code is not None and code < 0:
        name = signal_name(-code)
        if stopping and -code in STOP_SIGNALS:
            stopped = Failure(FailureKind.STOPPED, signal=name)
            return parent_saw_end(run_id, JobStopped, job_id, stopped, worker, started_mono)
        killed = Failure(FailureKind.KILLED, signal=name)
        return parent_saw_end(run_id, JobKilled, job_id, killed, worker, started_mono)
    exited = Failure(FailureKind.EXITED, exit_code=code)
    return parent_saw_end(run_id, JobFailed, job_id, exited, worker, started_mono)


def ending_for_vanished(
    run_id: int,
    job_id: int,
    worker: WorkerRef,
    started_mono: float | None,
    stop_signal: str,
) -> JobEnded:
    """The ending of a child watched by PID that ended without a report:
    nobody here can read its exit status. Stopped if Stop had signalled it
    (``stop_signal``), else lost."""
    if stop_signal:
        stopped = Failure(FailureKind.STOPPED, signal=stop_signal)
        return parent_saw_end(run_id, JobStopped, job_id, stopped, worker, started_mono)
    lost = Failure(FailureKind.LOST, pid=worker.pid)
    return parent_saw_end(run_id, JobFailed, job_id, lost, worker, started_mono)


def start_failed(run_id: int, job_id: int, error: BaseException) -> JobFailed:
    """The ending of a job whose process the OS (or the forkserver) could
    not start, with the OS's own words."""
    failure = Failure(
        FailureKind.START_FAILED,
        exc_type=type(error).__name__,
        message=getattr(error, "strerror", None) or str(error),
    )
    return JobFailed(
        run_id,
        job_id=job_id,
        label=label_of(job_id),
        finished_mono=now_mono(),
        measured_by=MEASURED_BY_PARENT,
        failure=failure,
    )


__all__ = [
    "STOP_SIGNALS",
    "ending_for_exit",
    "ending_for_vanished",
    "event_for_report",
    "label_of",
    "parent_saw_end",
    "start_failed",
]
