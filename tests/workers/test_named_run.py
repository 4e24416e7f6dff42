"""NamedProcessRun with real child processes: names, results, order, timing,
start methods, a child killed from outside, Stop, and close()."""

from __future__ import annotations

import os
import resource
import signal
import threading
import time

import psutil
import pytest

from tests.workers.run_helpers import (
    FORK_WARNING,
    check_run_shape,
    drive,
    live_descendants,
    of_type,
    terminal_by_job,
)
from workers.events import (
    MEASURED_BY_PARENT,
    Event,
    JobCancelled,
    JobDone,
    JobKilled,
    JobStarted,
    JobStopped,
    JobSubmitted,
    RunFinished,
    RunStarted,
    RunStopping,
    is_terminal,
)
from workers.failures import Failure, FailureKind
from workers.options import NamedOptions
from workers.os_limits import file_descriptors_needed, raise_open_file_limit
from workers.runs.named_run import NamedProcessRun
from workers.start_method_choices import available_start_methods
from workers.terms import Experiment, WorkerKind, process_worker


def _run(timeout: float = 30.0, **options: object) -> tuple[NamedProcessRun, list[Event]]:
    """Run to the end with these options; the run is closed on return."""
    with NamedProcessRun(NamedOptions(**options)) as run:  # type: ignore[arg-type]
        events = drive(run, timeout)
    return run, events


# -- N processes means N -------------------------------------------------------


def test_five_processes_are_named_1_to_5_and_square_their_number() -> None:
    run, events = _run(processes=5, sleep_min=0, sleep_max=0, seed=1)

    finished = check_run_shape(events, 5)
    assert finished.ok and finished.done == 5
    started: RunStarted = events[0]
    assert started.experiment is Experiment.NAMED
    assert started.parent_pid == os.getpid()
    assert started.start_method == run.start_method
    assert started.executor == "process"
    assert dict(started.settings) == {
        "workload": "sleep",
        "sleep_min": 0,
        "sleep_max": 0,
        "niceness": 0,
        "seed": 1,
    }
    done = of_type(events, JobDone)
    assert sorted(e.label for e in done) == ["1", "2", "3", "4", "5"]
    for event in done:
        n = int(event.label)
        assert (event.job_id, event.n, event.result) == (n - 1, n, n * n)
    pids = {e.pid for e in done}
    assert len(pids) == 5, "each process has its own PID"
    assert os.getpid() not in pids
    # The worker seen at start() is the one that did the work and reported it:
    # a process of its own, known by its PID and its name.
    submitted = {e.job_id: e.worker for e in of_type(events, JobSubmitted)}
    reported = {e.job_id: e.worker for e in of_type(events, JobStarted)}
    assert submitted == reported == {e.job_id: e.worker for e in done}
    for event in done:
        assert event.worker == process_worker(event.pid, event.label)
        assert event.worker.kind is WorkerKind.PROCESS
    # The name inside the child (current_process().name) is the one given.
    assert {e.job_id: e.label for e in of_type(events, JobStarted)} == {
        n - 1: str(n) for n in range(1, 6)
    }
    assert live_descendants(pids) == []


def test_each_job_has_submitted_started_done_in_order_with_sane_times() -> None:
    before_wall = time.time()
    before_mono = time.monotonic()
    _, events = _run(processes=4, sleep_min=0, sleep_max=0.05, seed=2)
    after_wall = time.time()
    after_mono = time.monotonic()

    check_run_shape(events, 4)
    for job_id in range(4):
        kinds = [type(e) for e in events if getattr(e, "job_id", None) == job_id]
        assert kinds == [JobSubmitted, JobStarted, JobDone], (job_id, kinds)
    for event in events:
        assert before_wall - 1 <= event.t_wall <= after_wall + 1
        assert before_mono <= event.t_mono <= after_mono
    for done in of_type(events, JobDone):
        assert done.started_mono <= done.finished_mono
        assert before_mono <= done.started_mono and done.finished_mono <= after_mono
        assert done.duration >= 0
    # The parent stamps its own events in the order it emits them.
    parent_side = [e.t_mono for e in events if not isinstance(e, JobStarted | JobDone)]
    assert parent_side == sorted(parent_side)


def test_seed_makes_sleep_times_repeatable_and_in_range() -> None:
    options = NamedOptions(processes=20, sleep_min=0.2, sleep_max=0.3, seed=42)
    first, second = NamedProcessRun(options), NamedProcessRun(options)
    other = NamedProcessRun(NamedOptions(processes=20, sleep_min=0.2, sleep_max=0.3, seed=43))
    try:
        assert first.sleep_times == second.sleep_times
        assert first.sleep_times != other.sleep_times
        assert len(first.sleep_times) == 20
        assert all(0.2 <= s <= 0.3 for s in first.sleep_times)
    finally:
        for run in (first, second, other):
            run.close()


def test_each_child_sleeps_the_time_chosen_for_it() -> None:
    run, events = _run(processes=3, sleep_min=0.2, sleep_max=0.3, seed=7)

    check_run_shape(events, 3)
    done = of_type(events, JobDone)
    assert len(done) == 3
    slack = 0.4  # a busy 2-core machine may wake a sleeper late, never early
    for event in done:
        chosen = run.sleep_times[event.job_id]
        assert 0.2 <= chosen <= 0.3
        assert chosen - 0.01 <= event.duration <= chosen + slack, (chosen, event.duration)


def _watch_jobs(workload: str, seconds: float) -> tuple[list[JobDone], float, float]:
    """Run 2 children with ``workload``, reading them with psutil on every poll.

    Returns their JobDone events; the most CPU time (user + system) either
    used between reporting its start and its last reading (so the child's own
    start-up, which costs CPU either way, is left out); and the share of
    readings that found a child runnable ("running": on a CPU or waiting for
    one), which unlike CPU time does not shrink when the machine is busy.
    """
    at_start: dict[int, float] = {}
    latest: dict[int, float] = {}
    watched: dict[int, psutil.Process] = {}
    states: list[str] = []

    def cpu(proc: psutil.Process) -> float:
        times = proc.cpu_times()
        return times.user + times.system

    def sample() -> None:
        for pid, proc in list(watched.items()):
            try:
                with proc.oneshot():
                    latest[pid] = cpu(proc)
                    states.append(proc.status())
            except psutil.Error:  # exited: keep the last reading
                del watched[pid]

    events: list[Event] = []
    options = NamedOptions(processes=2, sleep_min=seconds, sleep_max=seconds, workload=workload)
    with NamedProcessRun(options) as run:
        deadline = time.monotonic() + 30
        while not run.finished:
            assert time.monotonic() < deadline, "the run did not finish in 30 s"
            for event in run.poll(0.05):
                events.append(event)
                if isinstance(event, JobStarted):
                    pid = event.worker.pid
                    proc = psutil.Process(pid)
                    at_start[pid] = latest[pid] = cpu(proc)
                    watched[pid] = proc
                elif isinstance(event, JobDone):
                    watched.pop(event.pid, None)  # done: only exiting is left
            sample()
    check_run_shape(events, 2)
    assert sorted(at_start) == sorted(latest)
    assert len(states) >= 10, f"only {len(states)} readings"
    used = max(latest[pid] - at_start[pid] for pid in at_start)
    runnable = states.count(psutil.STATUS_RUNNING) / len(states)
    return of_type(events, JobDone), used, runnable


def test_cpu_workload_really_burns_cpu_and_sleep_does_not() -> None:
    seconds = 0.8
    done, cpu_busy, runnable = _watch_jobs("cpu", seconds)
    assert len(done) == 2
    for event in done:
        assert seconds - 0.01 <= event.duration <= seconds + 0.5
    assert runnable >= 0.75, f"busy children were runnable in only {runnable:.0%} of readings"
    # On an idle 2-core machine each busy child gets most of a core; the floor
    # is low because other work on the machine takes its share.
    assert cpu_busy >= 0.1, f"the busiest child used only {cpu_busy:.2f} s of CPU"

    done, cpu_idle, runnable = _watch_jobs("sleep", seconds)
    assert len(done) == 2
    assert runnable <= 0.25, f"sleeping children were runnable in {runnable:.0%} of readings"
    assert cpu_idle < 0.05, f"a sleeping child used {cpu_idle:.2f} s of CPU"
    assert cpu_busy > 4 * cpu_idle


@pytest.mark.filterwarnings(FORK_WARNING)
@pytest.mark.parametrize("method", available_start_methods())
def test_every_start_method_runs_the_lesson(method: str) -> None:
    run, events = _run(processes=3, sleep_min=0, sleep_max=0, start_method=method)

    assert run.start_method == method
    assert events[0].start_method == method
    finished = check_run_shape(events, 3)
    assert finished.ok
    done = of_type(events, JobDone)
    assert sorted((e.label, e.result) for e in done) == [("1", 1), ("2", 4), ("3", 9)]
    assert len({e.pid for e in done} | {os.getpid()}) == 4


# -- a child killed from outside -----------------------------------------------


def test_child_killed_with_sigkill_is_reported_and_the_others_finish() -> None:
    victim: dict[str, int] = {}

    started: dict[int, float] = {}

    def kill_the_first_to_start(event: Event) -> None:
        if isinstance(event, JobStarted):
            started[event.job_id] = event.t_mono
            if not victim:
                victim.update(job_id=event.job_id, pid=event.worker.pid)
                os.kill(event.worker.pid, signal.SIGKILL)  # it is 2-3 s into its sleep

    with NamedProcessRun(NamedOptions(processes=3, sleep_min=2, sleep_max=3)) as run:
        events = drive(run, timeout=20, on_event=kill_the_first_to_start)

    finished = check_run_shape(events, 3)
    assert (finished.done, finished.killed, finished.failed, finished.cancelled) == (2, 1, 0, 0)
    assert finished.ok is False and finished.stop_requested is False
    ended = terminal_by_job(events)
    killed = ended[victim["job_id"]]
    assert isinstance(killed, JobKilled)
    assert killed.worker == process_worker(victim["pid"], str(victim["job_id"] + 1))
    assert killed.failure == Failure(FailureKind.KILLED, signal="SIGKILL")
    # Its start as the child reported it; its end as the parent saw it.
    assert killed.measured_by == MEASURED_BY_PARENT
    assert killed.started_mono == started[victim["job_id"]]
    assert killed.finished_mono > killed.started_mono
    others = [e for job, e in ended.items() if job != victim["job_id"]]
    assert all(isinstance(e, JobDone) for e in others)


# -- Stop ----------------------------------------------------------------------


def test_stop_mid_run_stops_the_running_and_cancels_the_unstarted() -> None:
    # The case: named -n 20 --sleep 2 3, Stop while it runs.
    total = 20
    submitted: dict[int, int] = {}  # job_id -> pid
    started_at: dict[int, float] = {}  # job_id -> the child's own start clock
    with NamedProcessRun(NamedOptions(processes=total, sleep_min=2, sleep_max=3)) as run:
        events: list[Event] = []
        deadline = time.monotonic() + 30
        # Tiny slices start one child per poll. Stop as soon as one child says
        # it is sleeping, or at the latest with a third of the jobs unstarted.
        while not started_at and len(submitted) < 14:
            assert time.monotonic() < deadline, "no child started in 30 s"
            for event in run.poll(0.001):
                events.append(event)
                if isinstance(event, JobSubmitted):
                    submitted[event.job_id] = event.worker.pid
                if isinstance(event, JobStarted):
                    started_at[event.job_id] = event.t_mono
        stopped_at = time.monotonic()
        run.cancel()
        events += drive(run, timeout=10)
        stop_took = time.monotonic() - stopped_at

    finished = check_run_shape(events, total)
    assert 0 < len(submitted) < total
    assert stop_took < 4.0, f"Stop took {stop_took:.1f} s"
    # Said once, before any job ended because of it.
    (stopping,) = of_type(events, RunStopping)
    position = events.index(stopping)
    # The forkserver's children are started by a thread of the run's own: a
    # start under way as Stop came still makes its child, which Stop ends.
    submitted = {e.job_id: e.worker.pid for e in of_type(events[:position], JobSubmitted)}
    assert (stopping.running, stopping.can_end_running) == (len(submitted), True)
    assert not any(isinstance(e, JobStopped | JobCancelled) for e in events[:position])
    late = {e.job_id: e.worker.pid for e in of_type(events[position:], JobSubmitted)}
    assert len(late) <= 1, late
    submitted |= late
    # A child may have reported its start just before Stop ended it.
    started_at = {e.job_id: e.t_mono for e in of_type(events, JobStarted)}
    # Running children were stopped by a signal; the others never started.
    for job_id, event in terminal_by_job(events).items():
        assert event.label == str(job_id + 1)
        if job_id in submitted:
            assert isinstance(event, JobStopped), event
            assert event.failure == Failure(FailureKind.STOPPED, signal="SIGTERM")
            assert event.worker == process_worker(submitted[job_id], event.label)
            assert event.measured_by == MEASURED_BY_PARENT
            assert event.started_mono == started_at.get(job_id)
        else:
            assert isinstance(event, JobCancelled), event
            assert event.failure == Failure(FailureKind.NEVER_STARTED)
            assert (event.worker, event.started_mono) == (None, None)
    assert (finished.stopped, finished.cancelled, finished.done) == (
        len(submitted),
        total - len(submitted),
        0,
    )
    assert finished.stopped + finished.cancelled == finished.total
    assert finished.stop_requested and not finished.ok
    assert live_descendants(submitted.values()) == []


def _ignore_sigterm(niceness: int, pid: int = 0) -> None:
    """Stands in for lower_priority in forked children: makes them deaf to SIGTERM."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


@pytest.mark.filterwarnings(FORK_WARNING)
@pytest.mark.skipif("fork" not in available_start_methods(), reason="needs fork")
def test_a_child_deaf_to_sigterm_is_stopped_by_sigkill(monkeypatch: pytest.MonkeyPatch) -> None:
    from workers.jobs import named_job

    # Forked children run the parent's (patched) code.
    monkeypatch.setattr(named_job, "lower_priority", _ignore_sigterm)
    options = NamedOptions(processes=2, sleep_min=5, sleep_max=5, start_method="fork")
    pids: list[int] = []
    with NamedProcessRun(options) as run:

        def stop_once_both_started(event: Event) -> None:
            if isinstance(event, JobStarted):
                pids.append(event.worker.pid)
                if len(pids) == 2:
                    run.cancel()

        events = drive(run, timeout=20, on_event=stop_once_both_started)

    finished = check_run_shape(events, 2)
    assert finished.stopped == 2
    for event in of_type(events, JobStopped):
        assert event.failure == Failure(FailureKind.STOPPED, signal="SIGKILL")
    assert live_descendants(pids) == []


def test_cancel_from_another_thread_stops_the_run() -> None:
    run = NamedProcessRun(NamedOptions(processes=3, sleep_min=5, sleep_max=5))
    all_started = threading.Event()

    cancelled_at: list[float] = []

    def cancel_when_all_started() -> None:
        if all_started.wait(30):
            cancelled_at.append(time.monotonic())
            run.cancel()

    stopper = threading.Thread(target=cancel_when_all_started, name="stopper", daemon=True)
    pids: list[int] = []

    def on_event(event: Event) -> None:
        if isinstance(event, JobStarted):
            pids.append(event.worker.pid)
            if len(pids) == 3:
                all_started.set()

    with run:
        stopper.start()
        events = drive(run, timeout=15, on_event=on_event)
        ended_at = time.monotonic()
    stopper.join(timeout=5)
    assert not stopper.is_alive()

    finished = check_run_shape(events, 3)
    assert finished.stopped == 3
    assert run.cancel_requested
    took = ended_at - cancelled_at[0]
    assert took < 3.0, f"the run went on {took:.1f} s after Stop; every child sleeps 5 s"
    assert {e.failure.signal for e in of_type(events, JobStopped)} == {"SIGTERM"}
    assert live_descendants(pids) == []


# -- poll() and close() ----------------------------------------------------------


def test_poll_never_blocks_much_longer_than_its_timeout() -> None:
    # The forkserver is started once per test session, on first use, inside a
    # poll; start it here so that one-off cost is not what gets measured.
    with NamedProcessRun(NamedOptions(processes=1, sleep_min=0, sleep_max=0)) as warm_up:
        drive(warm_up)
    longest = 0.0
    with NamedProcessRun(NamedOptions(processes=50, sleep_min=0, sleep_max=0.2)) as run:
        deadline = time.monotonic() + 60
        events: list[Event] = []
        while not run.finished:
            assert time.monotonic() < deadline, "50 processes did not finish in 60 s"
            began = time.monotonic()
            events += run.poll(0.05)
            longest = max(longest, time.monotonic() - began)
    assert check_run_shape(events, 50).ok
    assert longest < 1.0, f"one poll(0.05) took {longest:.2f} s"


def test_poll_with_zero_timeout_still_makes_progress() -> None:
    with NamedProcessRun(NamedOptions(processes=3, sleep_min=0, sleep_max=0)) as run:
        events = drive(run, timeout=20, poll_timeout=0)
    assert check_run_shape(events, 3).ok


def test_close_is_idempotent_and_fine_on_a_never_polled_run() -> None:
    never_polled = NamedProcessRun(NamedOptions(processes=3, sleep_min=0, sleep_max=0))
    assert never_polled.close() == []
    assert never_polled.close() == []
    assert never_polled.finished
    assert never_polled.poll(0.01) == []

    with NamedProcessRun(NamedOptions(processes=2, sleep_min=0, sleep_max=0)) as run:
        drive(run)
    assert run.close() == []
    assert run.close() == []


def test_close_on_a_running_run_stops_it_and_returns_the_last_events() -> None:
    run = NamedProcessRun(NamedOptions(processes=3, sleep_min=5, sleep_max=5))
    pids: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while len(pids) < 3:
            assert time.monotonic() < deadline, "the children did not start in 30 s"
            pids += [e.worker.pid for e in run.poll(0.05) if isinstance(e, JobStarted)]
        began = time.monotonic()
        last = run.close()
        took = time.monotonic() - began
    finally:
        run.close()
    assert took < 4.0
    assert [type(e) for e in last] == [RunStopping] + [JobStopped] * 3 + [RunFinished]
    assert last[-1].stopped == 3 and last[-1].stop_requested
    assert run.finished
    assert run.close() == []
    assert live_descendants(pids) == []


@pytest.mark.slow
def test_three_hundred_processes_are_all_reported() -> None:
    _, events = _run(timeout=100, processes=300, sleep_min=0, sleep_max=0)

    finished = check_run_shape(events, 300)
    assert finished.ok, finished
    done = of_type(events, JobDone)
    assert sorted(int(e.label) for e in done) == list(range(1, 301))
    assert all(e.result == int(e.label) ** 2 for e in done)
    assert not any(is_terminal(e) and not isinstance(e, JobDone) for e in events)


# -- the open-file limit --------------------------------------------------------


def test_raise_open_file_limit_raises_the_soft_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    lowered = 512
    if hard != resource.RLIM_INFINITY and hard < lowered + 100:
        pytest.skip(f"the hard limit ({hard}) leaves no room to test")
    resource.setrlimit(resource.RLIMIT_NOFILE, (lowered, hard))
    try:
        assert raise_open_file_limit(lowered + 100) == lowered + 100
        assert resource.getrlimit(resource.RLIMIT_NOFILE) == (lowered + 100, hard)
        # Never lowers it.
        assert raise_open_file_limit(10) == lowered + 100
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == lowered + 100
        if hard != resource.RLIM_INFINITY:
            # Capped by the hard limit, which only root could raise.
            assert raise_open_file_limit(hard + 1000) == hard
            assert resource.getrlimit(resource.RLIMIT_NOFILE) == (hard, hard)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert file_descriptors_needed(1000) >= 3 * 1000


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="no process priorities here")
def test_children_run_at_the_niceness_asked_for() -> None:
    seen: dict[int, int] = {}

    def note_niceness(event: Event) -> None:
        # JobStarted is sent after the child lowered its priority.
        if isinstance(event, JobStarted):
            seen[event.job_id] = psutil.Process(event.worker.pid).nice()

    with NamedProcessRun(
        NamedOptions(processes=2, sleep_min=0.5, sleep_max=0.5, niceness=7)
    ) as run:
        events = drive(run, on_event=note_niceness)
    assert len(of_type(events, JobDone)) == 2
    assert seen and all(nice >= 7 for nice in seen.values()), seen


# -- failures as codes ------------------------------------------------------------


def _raise_value_error(n: int) -> int:
    raise ValueError(f"no square for {n}")


def _exit_with_status_3(n: int) -> int:
    os._exit(3)


@pytest.mark.filterwarnings(FORK_WARNING)
@pytest.mark.skipif("fork" not in available_start_methods(), reason="needs fork")
def test_a_job_that_raises_fails_as_crashed_with_its_exception(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workers.jobs import named_job

    monkeypatch.setattr(named_job, "square", _raise_value_error)  # forked children inherit it
    options = NamedOptions(processes=2, sleep_min=0, sleep_max=0, start_method="fork")
    _, events = _run(**vars(options))

    finished = check_run_shape(events, 2)
    assert finished.failed == 2
    for event in terminal_by_job(events).values():
        failure = event.failure
        assert failure.kind is FailureKind.CRASHED
        assert (failure.exc_type, failure.message) == ("ValueError", f"no square for {event.label}")
        assert "Traceback" in failure.detail and "_raise_value_error" in failure.detail
        # Measured by the child itself, which reported the crash.
        assert event.measured_by == "worker" and event.started_mono is not None
        assert event.worker == process_worker(event.pid, event.label)


@pytest.mark.filterwarnings(FORK_WARNING)
@pytest.mark.skipif("fork" not in available_start_methods(), reason="needs fork")
def test_a_child_that_exits_without_a_result_fails_as_exited(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workers.jobs import named_job

    monkeypatch.setattr(named_job, "square", _exit_with_status_3)
    _, events = _run(processes=2, sleep_min=0, sleep_max=0, start_method="fork")

    finished = check_run_shape(events, 2)
    assert finished.failed == 2
    started = {e.job_id: e.t_mono for e in of_type(events, JobStarted)}
    for job_id, event in terminal_by_job(events).items():
        assert event.failure == Failure(FailureKind.EXITED, exit_code=3)
        assert event.measured_by == MEASURED_BY_PARENT
        assert event.started_mono == started[job_id]  # from its own Started report


@pytest.mark.filterwarnings(FORK_WARNING)
@pytest.mark.skipif("fork" not in available_start_methods(), reason="needs fork")
def test_a_process_the_os_cannot_start_fails_as_start_failed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What fork() raises when the OS is out of processes (EAGAIN), made certain.
    def no_more_processes() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_more_processes)
    _, events = _run(processes=2, sleep_min=0, sleep_max=0, start_method="fork")

    finished = check_run_shape(events, 2)
    assert finished.failed == 2
    for event in terminal_by_job(events).values():
        assert event.failure == Failure(
            FailureKind.START_FAILED,
            exc_type="BlockingIOError",
            message="Resource temporarily unavailable",
        )
        assert (event.worker, event.started_mono) == (None, None)
    assert of_type(events, JobSubmitted) == []
