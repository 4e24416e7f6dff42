"""The named experiment run as threads: names, one PID, Stop, the GIL, and
the factory that picks processes or threads from the options."""

from __future__ import annotations

import os
import signal
import time

import psutil
import pytest

from tests.workers.run_helpers import FORK_WARNING, check_run_shape, drive, of_type
from workers.events import (
    MEASURED_BY_PARENT,
    MEASURED_BY_WORKER,
    Event,
    JobCancelled,
    JobDone,
    JobKilled,
    JobStarted,
    JobStopped,
    RunStarted,
    RunStopping,
)
from workers.failures import FailureKind
from workers.gil import gil_enabled
from workers.options import NamedOptions, OptionsError, OptionsProblem
from workers.runs import make_named_run
from workers.runs.named_run import NamedProcessRun
from workers.runs.named_thread_run import TERMINATE_GRACE_S, NamedThreadRun
from workers.start_method_choices import available_start_methods
from workers.terms import Experiment, WorkerKind


def _threads(**options: object) -> NamedOptions:
    return NamedOptions(run_as="threads", **options)  # type: ignore[arg-type]


def test_the_factory_picks_processes_or_threads_from_the_options() -> None:
    assert type(make_named_run(NamedOptions(processes=2))) is NamedProcessRun
    assert type(make_named_run(_threads(processes=2))) is NamedThreadRun
    with pytest.raises(OptionsError) as caught:
        make_named_run(NamedOptions(processes=2, run_as="fibers"))
    assert caught.value.code is OptionsProblem.BAD_RUN_AS
    assert caught.value.details == {"run_as": "fibers", "choices": ("processes", "threads")}


def test_threads_are_named_1_to_n_in_one_host_process_and_square_their_number() -> None:
    host_pids: list[int | None] = []
    with make_named_run(_threads(processes=5, sleep_min=0, sleep_max=0.05, seed=3)) as run:
        assert isinstance(run, NamedThreadRun)
        events = drive(run, 30, on_event=lambda _e: host_pids.append(run.host_pid))
    host = next(pid for pid in host_pids if pid)
    assert host != os.getpid()  # not this process: its own threads stay free

    finished = check_run_shape(events, 5)
    assert finished.ok and finished.done == 5
    started: RunStarted = events[0]
    assert started.experiment is Experiment.NAMED
    assert (started.executor, started.start_method) == ("thread", "")
    assert started.setting("run_as") == "threads"
    assert started.setting("gil") is gil_enabled()
    assert started.setting("host_start_method") in available_start_methods()
    done = of_type(events, JobDone)
    assert sorted(int(e.label) for e in done) == [1, 2, 3, 4, 5]
    for event in done:
        n = int(event.label)
        assert (event.job_id, event.n, event.result) == (n - 1, n, n * n)
        worker = event.worker
        assert worker is not None and worker.kind is WorkerKind.THREAD
        # Every thread lives in the one host process: one PID, the names tell them apart.
        assert (worker.pid, worker.thread, worker.name) == (host, event.label, event.label)
        assert event.measured_by == MEASURED_BY_WORKER
        assert event.started_mono is not None and event.finished_mono is not None
    starts = of_type(events, JobStarted)
    assert {e.worker.key for e in starts} == {e.worker.key for e in done}
    # Each job's start came before its end, from its own thread's clock.
    by_job = {e.job_id: e.t_mono for e in starts}
    assert all(by_job[e.job_id] <= e.finished_mono for e in done)


def test_the_same_seed_gives_threads_and_processes_the_same_times() -> None:
    options = NamedOptions(processes=6, sleep_min=0.5, sleep_max=2.5, seed=42)
    threads = NamedThreadRun(_threads(processes=6, sleep_min=0.5, sleep_max=2.5, seed=42))
    assert threads.sleep_times == NamedProcessRun(options).sleep_times


@pytest.mark.parametrize("workload", ["sleep", "cpu"])
def test_stop_ends_running_threads_quickly_as_stopped(workload: str) -> None:
    run = NamedThreadRun(_threads(processes=4, sleep_min=30, sleep_max=30, workload=workload))
    started: list[Event] = []
    stopped_at: list[float] = []

    def stop_once_all_started(event: Event) -> None:
        if isinstance(event, JobStarted):
            started.append(event)
        if len(started) == 4 and not stopped_at:
            stopped_at.append(time.monotonic())
            run.cancel()

    with run:
        events = drive(run, 30, on_event=stop_once_all_started)
    ended_after = time.monotonic() - stopped_at[0]

    finished = check_run_shape(events, 4)
    assert finished.stop_requested and finished.stopped == 4
    assert ended_after < 5.0, f"threads took {ended_after:.2f} s to stop (a job is 30 s)"
    (stopping,) = of_type(events, RunStopping)
    assert stopping.can_end_running and stopping.running == 4
    assert stopping.wait_limit == TERMINATE_GRACE_S
    for event in of_type(events, JobStopped):
        assert event.failure.kind is FailureKind.STOPPED
        # Each thread saw Stop and said so itself: nothing had to be killed.
        assert event.failure.signal == "" and event.measured_by == MEASURED_BY_WORKER
        assert event.worker is not None and event.worker.kind is WorkerKind.THREAD
        assert event.duration is not None and event.duration < 10


def test_stop_before_the_threads_start_cancels_them_all() -> None:
    run = NamedThreadRun(_threads(processes=3, sleep_min=5, sleep_max=5))
    run.cancel()
    with run:
        events = drive(run, 10)
    finished = check_run_shape(events, 3)
    assert finished.cancelled == 3 and finished.stop_requested
    assert all(e.failure.kind is FailureKind.NEVER_STARTED for e in of_type(events, JobCancelled))


def test_close_of_a_running_thread_run_leaves_no_process() -> None:
    run = NamedThreadRun(_threads(processes=3, sleep_min=30, sleep_max=30))
    events: list[Event] = []
    deadline = time.monotonic() + 30
    while len(of_type(events, JobStarted)) < 3:
        assert time.monotonic() < deadline, "the threads did not start"
        events.extend(run.poll(0.05))
    host = run.host_pid
    events.extend(run.close())
    finished = check_run_shape(events, 3)
    assert finished.stopped == 3
    assert host is not None
    assert host not in [child.pid for child in psutil.Process().children()]  # reaped


def test_a_host_killed_from_outside_ends_its_running_jobs_as_killed() -> None:
    run = NamedThreadRun(_threads(processes=3, sleep_min=30, sleep_max=30))
    started: list[Event] = []

    def kill_once_all_started(event: Event) -> None:
        if isinstance(event, JobStarted):
            started.append(event)
            if len(started) == 3:
                assert run.host_pid
                os.kill(run.host_pid, signal.SIGKILL)

    with run:
        events = drive(run, 30, on_event=kill_once_all_started)
    finished = check_run_shape(events, 3)
    assert finished.killed == 3 and not finished.stop_requested
    for event in of_type(events, JobKilled):
        assert event.failure.signal == "SIGKILL" and event.measured_by == MEASURED_BY_PARENT
        assert event.worker is not None and event.worker.thread == event.label


# -- the GIL ----------------------------------------------------------------------

#: Busy jobs per run, and how long each works: more jobs than cores, so the
#: processes can fill every core.
BUSY_JOBS = 4
BUSY_SECONDS = 1.5
#: A try is repeated this often when the machine is too busy to tell.
TRIES = 3


def _cpu_seconds() -> float:
    """CPU time of this process (all its threads) and of its reaped children."""
    times = psutil.Process().cpu_times()
    return times.user + times.system + times.children_user + times.children_system


def _cores_used(run_as: str) -> float:
    """CPU seconds per wall second of a busy run: about how many cores it kept busy."""
    # fork where there is one: the children are then this process's own, and
    # their CPU time is counted once they are joined (a forkserver's are not).
    method = "fork" if "fork" in available_start_methods() else None
    options = NamedOptions(
        processes=BUSY_JOBS,
        sleep_min=BUSY_SECONDS,
        sleep_max=BUSY_SECONDS,
        workload="cpu",
        start_method=method,
        run_as=run_as,
    )
    before, began = _cpu_seconds(), time.monotonic()
    with make_named_run(options) as run:
        finished = check_run_shape(drive(run, 60), BUSY_JOBS)
    used, wall = _cpu_seconds() - before, time.monotonic() - began
    assert finished.ok
    return used / wall


@pytest.mark.skipif(not gil_enabled(), reason="a free-threaded Python has no GIL to show")
@pytest.mark.filterwarnings(FORK_WARNING)
def test_busy_threads_use_less_cpu_than_busy_processes() -> None:
    """The GIL holds busy threads to about one core; processes fill every core.

    The threads' bound holds on any machine. The processes can only show
    more where the machine gives this test more than one core: on a machine
    shared with other busy programs (Linux's autogroup shares it out by
    session) it may not, so that part is tried a few times."""
    tries: list[tuple[float, float]] = []
    for _ in range(TRIES):
        threads, processes = _cores_used("threads"), _cores_used("processes")
        tries.append((round(threads, 2), round(processes, 2)))
        assert threads < 1.2, f"threads used {threads:.2f} cores: the GIL allows about one"
        if threads < processes:
            return
    if psutil.cpu_count() < 2 or max(p for _t, p in tries) < 1.0:
        pytest.skip(f"the machine gave this test under one core (threads, processes: {tries})")
    pytest.fail(f"busy threads did not use less CPU than processes: {tries}")
