"""The session record folds events into runs, jobs and workers (no Qt)."""

from __future__ import annotations

from workers.cpu_sampling import CpuSample
from workers.events import (
    JobCancelled,
    JobDone,
    JobKilled,
    JobStarted,
    JobStopped,
    JobSubmitted,
    RunFinished,
    RunStarted,
    RunStopping,
)
from workers.failures import Failure, FailureKind
from workers.record import SessionRecord
from workers.terms import Experiment, JobState, WorkerKind, WorkerRef, process_worker


def _started(run_id: int, total: int, t: float = 100.0) -> RunStarted:
    return RunStarted(
        run_id,
        experiment=Experiment.NAMED,
        total=total,
        parent_pid=1,
        executor="process",
        start_method="fork",
        settings=(("workload", "sleep"),),
        t_mono=t,
        t_wall=1000.0 + t,
    )


def _finished(run_id: int, total: int, **counts: int) -> RunFinished:
    fields = dict.fromkeys(("done", "failed", "killed", "stopped", "cancelled"), 0)
    fields.update(counts)
    return RunFinished(run_id, total=total, elapsed=1.0, **fields)


def test_a_run_folds_into_jobs_with_workers_states_and_times() -> None:
    record = SessionRecord()
    w1, w2 = process_worker(11, "1"), process_worker(12, "2")
    change = record.apply(
        [
            _started(1, 3),
            JobSubmitted(1, job_id=0, label="1", worker=w1, t_mono=100.1, t_wall=1100.1),
            JobSubmitted(1, job_id=1, label="2", worker=w2),
            JobSubmitted(1, job_id=2, label="3"),
            JobStarted(1, job_id=0, label="1", worker=w1, t_mono=100.2, t_wall=1100.2),
            JobDone(
                1,
                job_id=0,
                label="1",
                worker=w1,
                started_mono=100.2,
                finished_mono=101.2,
                n=1,
                result=1,
            ),
            JobKilled(
                1,
                job_id=1,
                label="2",
                worker=w2,
                started_mono=100.3,
                finished_mono=100.9,
                measured_by="parent",
                failure=Failure(FailureKind.KILLED, signal="SIGKILL"),
            ),
        ]
    )
    assert change.new_runs == (1,)
    assert change.changed_jobs == ((1, 0), (1, 1), (1, 2))
    run = record.run(1)
    assert run is not None and run.ordinal == 1 and run.settings == {"workload": "sleep"}
    done, killed, waiting = run.jobs
    assert (done.state, done.result, done.pid, done.duration) == (JobState.DONE, 1, 11, 1.0)
    assert killed.state is JobState.KILLED and killed.failure.signal == "SIGKILL"
    assert killed.measured_by == "parent" and round(killed.duration, 3) == 0.6
    assert waiting.state is JobState.PENDING and waiting.worker is None
    assert run.counts[JobState.DONE] == 1 and run.ended == 2
    assert run.workers() == [w1, w2]
    assert record.wall_time(100.0) == 1100.0


def test_the_first_terminal_event_wins() -> None:
    record = SessionRecord()
    w = process_worker(5, "1")
    record.apply(
        [
            _started(1, 1),
            JobDone(
                1, job_id=0, label="1", worker=w, started_mono=1, finished_mono=2, n=1, result=1
            ),
        ]
    )
    change = record.apply(
        [JobStopped(1, job_id=0, label="1", failure=Failure(FailureKind.STOPPED, signal="SIGTERM"))]
    )
    assert change.changed_jobs == ()
    assert record.job(1, 0).state is JobState.DONE
    assert record.run(1).counts[JobState.STOPPED] == 0


def test_stop_marks_the_run_stopped_and_keeps_stopped_apart_from_cancelled() -> None:
    record = SessionRecord()
    w = process_worker(5, "1")
    record.apply(
        [
            _started(1, 2),
            JobStarted(1, job_id=0, label="1", worker=w),
            RunStopping(1, running=1),
            JobStopped(
                1,
                job_id=0,
                label="1",
                worker=w,
                failure=Failure(FailureKind.STOPPED, signal="SIGTERM"),
            ),
            JobCancelled(1, job_id=1, label="2", failure=Failure(FailureKind.NEVER_STARTED)),
            _finished(1, 2, stopped=1, cancelled=1, stop_requested=True),
        ]
    )
    run = record.run(1)
    assert run.stopped and run.is_finished
    assert [job.state for job in run.jobs] == [JobState.STOPPED, JobState.CANCELLED]


def test_old_finished_runs_are_dropped_whole_but_never_a_running_one() -> None:
    record = SessionRecord(max_runs=2)
    record.apply([_started(1, 1)])  # still going
    for run_id in (2, 3, 4):
        record.apply([_started(run_id, 1), _finished(run_id, 1, cancelled=1)])
    assert [r.run_id for r in record.runs()] == [1, 4]
    assert record.dropped_runs == 2
    assert record.job_count == 2


def test_thread_workers_in_one_process_are_told_apart() -> None:
    record = SessionRecord()
    a = WorkerRef(WorkerKind.THREAD, pid=7, thread="ThreadPoolExecutor-0_0")
    b = WorkerRef(WorkerKind.THREAD, pid=7, thread="ThreadPoolExecutor-0_1")
    record.apply(
        [
            _started(1, 2),
            JobStarted(1, job_id=0, label="u0", worker=a),
            JobStarted(1, job_id=1, label="u1", worker=b),
        ]
    )
    assert record.run(1).workers() == [a, b]


def test_samples_are_kept_and_bounded() -> None:
    record = SessionRecord(max_samples=3)
    record.add_samples(CpuSample(float(t), 10.0, (10.0,), 0) for t in range(5))
    assert [s.t_mono for s in record.cpu_samples()] == [2.0, 3.0, 4.0]
