"""A run's measurements (workers.record.run_stats) from hand-made events with
known times, and from real runs; and their words for ``--summary``."""

from __future__ import annotations

import pytest

from tests.workers.run_helpers import drive
from workers.cli.words import run_stats_text
from workers.cpu_sampling import CpuSample
from workers.events import (
    Event,
    JobCancelled,
    JobDone,
    JobStarted,
    JobSubmitted,
    RunFinished,
    RunStarted,
)
from workers.failures import Failure, FailureKind
from workers.options import NamedOptions
from workers.record import SessionRecord
from workers.record.run_stats import run_stats, session_stats
from workers.runs import make_named_run
from workers.terms import Experiment, WorkerKind, WorkerRef, process_worker

T = 1000.0  # a fixed point on the monotonic clock: every time below is exact
A, B = process_worker(11), process_worker(22)


def _job(run_id: int, job_id: int, worker: WorkerRef, start: float, end: float) -> list[Event]:
    label = f"http://127.0.0.1/{job_id}"
    return [
        JobSubmitted(run_id, job_id=job_id, label=label, t_mono=T),
        JobStarted(run_id, job_id=job_id, label=label, worker=worker, t_mono=T + start),
        JobDone(
            run_id,
            job_id=job_id,
            label=label,
            worker=worker,
            started_mono=T + start,
            finished_mono=T + end,
            status=200,
            nbytes=10,
            t_mono=T + end,
        ),
    ]


def _pool_run(record: SessionRecord, finish: bool = True) -> None:
    """A pool run of 10 s: worker A runs jobs 0 (1-4 s) and 2 (5-9 s), B job 1 (2-6 s)."""
    events: list[Event] = [
        RunStarted(
            1,
            experiment=Experiment.POOL,
            total=3,
            parent_pid=1,
            executor="process",
            start_method="spawn",
            workers=2,
            t_mono=T,
        ),
        *_job(1, 0, A, 1, 4),
        *_job(1, 1, B, 2, 6),
        *_job(1, 2, A, 5, 9),
    ]
    if finish:
        events.append(
            RunFinished(
                1,
                total=3,
                done=3,
                failed=0,
                killed=0,
                stopped=0,
                cancelled=0,
                elapsed=10.0,
                t_mono=T + 10,
            )
        )
    record.apply(events)


def _sample(at: float, total: float, children: int = 2) -> CpuSample:
    return CpuSample(t_mono=T + at, total=total, per_core=(total, total), children=children)


def test_a_pool_run_is_measured_from_its_workers_times() -> None:
    record = SessionRecord()
    _pool_run(record)
    record.add_samples(
        [
            _sample(-0.5, 99.0),  # covers -0.75..-0.5: before the run
            _sample(0.2, 10.0),  # covers -0.5..0.2: overlaps the start
            _sample(5.0, 80.0, children=3),
            _sample(10.1, 30.0),  # covers 5..10.1: overlaps the end
            _sample(11.0, 95.0),  # covers 10.1..11: after it
        ]
    )
    (stats,) = session_stats(record)

    assert (stats.run_id, stats.ordinal, stats.experiment) == (1, 1, Experiment.POOL)
    assert (stats.executor, stats.start_method, stats.total, stats.pool_size) == (
        "process",
        "spawn",
        3,
        2,
    )
    assert stats.finished and not stats.stopped
    assert stats.wall_s == 10.0 and stats.started == 3
    # A started first (1 s), B last (2 s): one gap between two workers.
    assert stats.startup_s == pytest.approx(1.0)
    assert stats.startup_per_worker_s == pytest.approx(1.0)
    assert (stats.peak_cpu, stats.mean_cpu) == (80.0, pytest.approx(40.0))
    assert (stats.cores, stats.peak_children) == (2, 3)
    assert stats.max_alive == 2  # A lives 1-9 s, B 2-6 s
    a, b = stats.workers
    assert (a.worker, a.jobs, a.busy_s, a.idle_s) == (A, 2, pytest.approx(7.0), pytest.approx(3.0))
    assert (b.worker, b.jobs, b.busy_s, b.idle_s) == (B, 1, pytest.approx(4.0), pytest.approx(6.0))
    assert stats.busy_share == pytest.approx(11 / 20)


def test_a_run_still_going_is_measured_up_to_now() -> None:
    record = SessionRecord()
    _pool_run(record, finish=False)
    assert session_stats(record) == []  # only finished runs by default
    (stats,) = session_stats(record, finished_only=False)
    assert not stats.finished and stats.wall_s == pytest.approx(9.0)  # its last known time
    later = run_stats(record.runs()[0], now=T + 12)
    assert later.wall_s == pytest.approx(12.0)
    assert later.peak_cpu is None and later.cores is None  # no samples at all


def test_workers_that_never_overlap_are_one_alive_at_once() -> None:
    record = SessionRecord()
    c = process_worker(33)
    events: list[Event] = [
        RunStarted(
            2, experiment=Experiment.NAMED, total=3, parent_pid=1, executor="process", t_mono=T
        ),
        *_job(2, 0, A, 0, 1),
        *_job(2, 1, c, 1, 2),  # starts as A ends: not at the same time
        JobCancelled(
            2,
            job_id=2,
            label="3",
            finished_mono=T + 2,
            failure=Failure(FailureKind.NEVER_STARTED),
            t_mono=T + 2,
        ),
        RunFinished(
            2,
            total=3,
            done=2,
            failed=0,
            killed=0,
            stopped=0,
            cancelled=1,
            elapsed=2.0,
            stop_requested=True,
            t_mono=T + 2,
        ),
    ]
    record.apply(events)
    (stats,) = session_stats(record)
    assert stats.stopped and stats.started == 2 and stats.max_alive == 1
    assert stats.startup_s == pytest.approx(1.0)


def test_a_run_where_nothing_started_has_nothing_to_measure() -> None:
    record = SessionRecord()
    record.apply(
        [
            RunStarted(
                3, experiment=Experiment.NAMED, total=1, parent_pid=1, executor="thread", t_mono=T
            ),
            RunFinished(
                3,
                total=1,
                done=0,
                failed=0,
                killed=0,
                stopped=0,
                cancelled=1,
                elapsed=0.1,
                t_mono=T + 0.1,
            ),
        ]
    )
    (stats,) = session_stats(record)
    assert (stats.started, stats.startup_s, stats.max_alive, stats.workers) == (0, None, 0, ())
    assert stats.busy_share is None
    text = run_stats_text(stats)
    assert "1 thread (thread)" in text and "no job started" in text and "not measured" in text


def test_the_summary_says_each_measurement() -> None:
    record = SessionRecord()
    _pool_run(record)
    record.add_samples([_sample(5.0, 80.0, children=3)])
    text = run_stats_text(session_stats(record)[0])
    assert text.splitlines() == [
        "── Run 1 summary: 3 URLs, 2 workers (spawn) ──",
        "Wall time 10.00 s",
        "Start-up: 1.00 s from the first worker's start to the last one's, 1.00 s per worker",
        "Peak CPU 80 % of both cores (mean 80 %), up to 3 child processes alive",
        "Most alive at once: 2 workers",
        "Busy 55 % of the workers' time (11.00 s busy, 9.00 s idle)",
        "  PID 11: 2 jobs, busy 7.00 s, idle 3.00 s",
        "  PID 22: 1 job, busy 4.00 s, idle 6.00 s",
    ]


@pytest.mark.parametrize("run_as", ["processes", "threads"])
def test_a_real_named_run_is_measured(run_as: str) -> None:
    record = SessionRecord()
    options = NamedOptions(processes=3, sleep_min=0.5, sleep_max=0.5, run_as=run_as)
    with make_named_run(options) as run:
        record.apply(drive(run, 60))
    (stats,) = session_stats(record)
    assert stats.finished and stats.started == 3 and len(stats.workers) == 3
    kind = WorkerKind.THREAD if run_as == "threads" else WorkerKind.PROCESS
    assert {w.worker.kind for w in stats.workers} == {kind}
    assert sorted(w.worker.name for w in stats.workers) == ["1", "2", "3"]
    for worker in stats.workers:
        assert worker.jobs == 1
        assert worker.busy_s >= 0.45  # each slept 0.5 s, on its own clock
        assert worker.busy_s + worker.idle_s == pytest.approx(stats.wall_s, abs=0.05)
    assert 0 <= stats.startup_s <= stats.wall_s  # type: ignore[operator]
    # The sweep agrees with counting the overlaps by hand.
    lives = [(w.first_start, w.last_end) for w in stats.workers]
    by_hand = max(sum(1 for s, e in lives if s <= t < e) for t, _ in lives)
    assert stats.max_alive == by_hand
