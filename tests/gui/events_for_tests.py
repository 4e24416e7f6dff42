"""Hand-made events, shaped as the engine reports them, for the GUI's tests."""

from __future__ import annotations

import time

from workers.events import (
    Event,
    JobCancelled,
    JobDone,
    JobFailed,
    JobKilled,
    JobStarted,
    JobStopped,
    JobSubmitted,
    RunFinished,
    RunStarted,
    RunStopping,
)
from workers.failures import Failure, FailureKind
from workers.terms import Experiment, WorkerKind, WorkerRef, process_worker

#: A fixed point on the monotonic clock, so durations are exact.
T0 = time.monotonic()


def started(
    run_id: int = 1,
    total: int = 3,
    experiment: Experiment = Experiment.NAMED,
    executor: str = "process",
    workers: int = 0,
) -> RunStarted:
    return RunStarted(
        run_id,
        experiment=experiment,
        total=total,
        parent_pid=123,
        executor=executor,
        start_method="forkserver",
        workers=workers,
        t_mono=T0,
    )


def worker(job_id: int, label: str = "") -> WorkerRef:
    return process_worker(5000 + job_id, label)


def thread_worker(index: int) -> WorkerRef:
    return WorkerRef(WorkerKind.THREAD, pid=123, thread=f"ThreadPoolExecutor-0_{index}")


def submitted(run_id: int, job_id: int, label: str | None = None) -> JobSubmitted:
    label = label if label is not None else str(job_id + 1)
    return JobSubmitted(run_id, job_id=job_id, label=label, worker=worker(job_id, label))


def job_started(run_id: int, job_id: int, label: str | None = None) -> JobStarted:
    label = label if label is not None else str(job_id + 1)
    return JobStarted(
        run_id, job_id=job_id, label=label, worker=worker(job_id, label), t_mono=T0 + 0.1
    )


def done(run_id: int, job_id: int, duration: float = 0.5, **kw: object) -> JobDone:
    n = job_id + 1
    label = str(kw.pop("label", n))
    kw.setdefault("n", n)
    kw.setdefault("result", n * n)
    return JobDone(
        run_id,
        job_id=job_id,
        label=label,
        worker=kw.pop("worker", worker(job_id, label)),  # type: ignore[arg-type]
        started_mono=T0 + 0.1,
        finished_mono=T0 + 0.1 + duration,
        **kw,  # type: ignore[arg-type]
    )


def failed(run_id: int, job_id: int, failure: Failure, label: str = "") -> JobFailed:
    label = label or str(job_id + 1)
    return JobFailed(
        run_id,
        job_id=job_id,
        label=label,
        worker=worker(job_id, label),
        started_mono=T0 + 0.1,
        finished_mono=T0 + 0.2,
        failure=failure,
    )


def killed(run_id: int, job_id: int, signal: str = "SIGKILL") -> JobKilled:
    label = str(job_id + 1)
    return JobKilled(
        run_id,
        job_id=job_id,
        label=label,
        worker=worker(job_id, label),
        started_mono=T0 + 0.1,
        finished_mono=T0 + 0.3,
        measured_by="parent",
        failure=Failure(FailureKind.KILLED, signal=signal, pid=5000 + job_id),
    )


def stopped(run_id: int, job_id: int, signal: str = "SIGTERM") -> JobStopped:
    label = str(job_id + 1)
    return JobStopped(
        run_id,
        job_id=job_id,
        label=label,
        worker=worker(job_id, label),
        started_mono=T0 + 0.1,
        finished_mono=T0 + 0.4,
        measured_by="parent",
        failure=Failure(FailureKind.STOPPED, signal=signal),
    )


def cancelled(run_id: int, job_id: int) -> JobCancelled:
    return JobCancelled(
        run_id,
        job_id=job_id,
        label=str(job_id + 1),
        finished_mono=T0 + 0.4,
        measured_by="parent",
        failure=Failure(FailureKind.NEVER_STARTED),
    )


def stopping(run_id: int, running: int) -> RunStopping:
    return RunStopping(run_id, running=running)


def finished(
    run_id: int,
    total: int,
    done_: int,
    *,
    stopped_: int = 0,
    cancelled_: int = 0,
    stop_requested: bool = False,
) -> RunFinished:
    return RunFinished(
        run_id,
        total=total,
        done=done_,
        failed=total - done_ - stopped_ - cancelled_,
        killed=0,
        stopped=stopped_,
        cancelled=cancelled_,
        elapsed=1.5,
        stop_requested=stop_requested,
    )


def synthetic_run(run_id: int, jobs: int) -> list[Event]:
    """A whole run's events in the order a named run reports them."""
    events: list[Event] = [started(run_id, total=jobs)]
    events += [submitted(run_id, j) for j in range(jobs)]
    events += [job_started(run_id, j) for j in range(jobs)]
    events += [done(run_id, j, duration=(j % 7) / 10) for j in range(jobs)]
    events.append(finished(run_id, jobs, jobs))
    return events
