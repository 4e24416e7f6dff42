"""The forkserver killed or stopped mid-run (issue 8, cases 2 and 5).

Killed: its children live on, re-parented (to PID 1, which may never reap
them: a zombie counts as gone here). They must not be reported as "exited
with status 255"; their results come from their own reports, and Stop ends
them by PID.

Stopped (SIGSTOP): a start waits for it forever. Stop must still end the
run within seconds, leaving no process behind, and the next run must get a
fresh forkserver.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable

import psutil
import pytest

from tests.workers.run_helpers import (
    check_run_shape,
    drive,
    live_descendants,
    of_type,
    terminal_by_job,
)
from workers.cli.words import failure_text
from workers.events import (
    MEASURED_BY_PARENT,
    Event,
    JobDone,
    JobFailed,
    JobStarted,
    JobStopped,
    JobSubmitted,
)
from workers.failures import Failure, FailureKind
from workers.options import NamedOptions
from workers.runs.named_run import NamedProcessRun
from workers.start_method_choices import available_start_methods
from workers.start_methods import forkserver_pid

pytestmark = pytest.mark.skipif(
    "forkserver" not in available_start_methods(), reason="needs the forkserver"
)

#: Stop must end a run within this long, whatever the forkserver does.
STOP_LIMIT_S = 5.0


def _running(pid: int) -> bool:
    """True if ``pid`` is a live process (not a zombie: an orphan's new
    parent may never reap it)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _wait_until(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"{what} within {timeout:g} s"
        time.sleep(0.01)


def _options(processes: int, sleep: float) -> NamedOptions:
    return NamedOptions(
        processes=processes, sleep_min=sleep, sleep_max=sleep, start_method="forkserver"
    )


def _second_run_works(old_server: int) -> None:
    with NamedProcessRun(NamedOptions(processes=3, sleep_min=0, sleep_max=0)) as again:
        events = drive(again, timeout=30)
    assert check_run_shape(events, 3).ok
    assert forkserver_pid() not in (None, old_server)


def _drive_seeing(
    run: NamedProcessRun, timeout: float, on_event: Callable[[list[Event]], None]
) -> list[Event]:
    """``drive``, calling ``on_event`` with every event so far after each one."""
    seen: list[Event] = []

    def collect(event: Event) -> None:
        seen.append(event)
        on_event(seen)

    drive(run, timeout=timeout, on_event=collect)
    return seen


def test_children_of_a_killed_forkserver_finish_and_report_their_results() -> None:
    # The case: `kill -9` on the forkserver while its children sleep.
    total = 5
    killed: list[int] = []

    def kill_the_forkserver_once_all_run(seen: list[Event]) -> None:
        if not killed and len(of_type(seen, JobStarted)) == total:
            killed.append(forkserver_pid() or 0)
            os.kill(killed[0], signal.SIGKILL)

    with NamedProcessRun(_options(total, sleep=1.5)) as run:
        events = _drive_seeing(run, 30, kill_the_forkserver_once_all_run)

    assert killed, "the children did not all start"
    finished = check_run_shape(events, total)
    # Before: 5 x "failed: exited with status 255" while they still ran.
    assert (finished.done, finished.failed) == (total, 0), terminal_by_job(events)
    submitted = {e.job_id: e.worker for e in of_type(events, JobSubmitted)}
    for job_id, done in terminal_by_job(events).items():
        assert isinstance(done, JobDone)
        assert done.worker == submitted[job_id]  # the same process, from its own report
        assert done.result == (job_id + 1) ** 2
    assert not _running(killed[0])
    assert not any(_running(worker.pid) for worker in submitted.values())
    _second_run_works(killed[0])


def test_a_child_of_a_dead_forkserver_that_vanishes_without_a_report_is_lost() -> None:
    # Nobody can read its exit status now (its new parent reaps it, if
    # anyone does): the run says it vanished, with its PID, and no more.
    total = 3
    with NamedProcessRun(_options(total, sleep=2)) as run:
        events: list[Event] = []
        deadline = time.monotonic() + 30
        while len(of_type(events, JobStarted)) < total:
            assert time.monotonic() < deadline, "the children did not all start"
            events += run.poll(0.05)
        server = forkserver_pid() or 0
        os.kill(server, signal.SIGKILL)
        pids = {e.job_id: e.worker.pid for e in of_type(events, JobSubmitted)}
        while run.watched_pids != set(pids.values()):
            assert time.monotonic() < deadline, "the run did not watch them by PID"
            events += run.poll(0.05)
        os.kill(pids[0], signal.SIGKILL)
        events += drive(run, timeout=30)

    finished = check_run_shape(events, total)
    assert (finished.done, finished.failed) == (total - 1, 1)
    lost = terminal_by_job(events)[0]
    assert isinstance(lost, JobFailed), lost
    assert lost.failure == Failure(FailureKind.LOST, pid=pids[0])
    assert failure_text(lost.failure) == (
        f"process {pids[0]} vanished and its exit status could not be read"
    )
    assert lost.measured_by == MEASURED_BY_PARENT and lost.started_mono is not None
    _second_run_works(server)


def test_stop_ends_the_children_of_a_killed_forkserver_by_pid() -> None:
    total = 4
    with NamedProcessRun(_options(total, sleep=30)) as run:
        events: list[Event] = []
        deadline = time.monotonic() + 30
        while len(of_type(events, JobStarted)) < total:
            assert time.monotonic() < deadline, "the children did not all start"
            events += run.poll(0.05)
        server = forkserver_pid() or 0
        os.kill(server, signal.SIGKILL)
        _wait_until(lambda: not _running(server), 5, "the forkserver did not die")
        events += run.poll(0.2)  # the children's sentinels say the forkserver is gone
        assert not of_type(events, JobStopped)
        pids = [e.worker.pid for e in of_type(events, JobSubmitted)]
        assert all(_running(pid) for pid in pids), "re-parented, they still run"
        assert live_descendants(pids) == [], "and are no longer our descendants"
        assert run.watched_pids == set(pids), "the run watches them by PID"
        stopped_at = time.monotonic()
        run.cancel()
        events += drive(run, timeout=STOP_LIMIT_S + 5)
        took = time.monotonic() - stopped_at

    finished = check_run_shape(events, total)
    assert finished.stopped == total, terminal_by_job(events)
    assert took < STOP_LIMIT_S, f"Stop took {took:.1f} s"
    for event in terminal_by_job(events).values():
        assert isinstance(event, JobStopped)
        assert event.failure == Failure(FailureKind.STOPPED, signal="SIGTERM")
        assert event.measured_by == MEASURED_BY_PARENT
        assert event.started_mono is not None
    assert not any(_running(pid) for pid in pids)
    assert run.watched_pids == frozenset()
    _second_run_works(server)


@pytest.mark.parametrize("how", ["stop", "close"])
def test_stop_works_while_a_start_waits_for_a_stopped_forkserver(how: str) -> None:
    # The case: `kill -STOP` on the forkserver while children start,
    # then Stop (the run's owner polls on), or the window closes (close()).
    total = 120
    with NamedProcessRun(_options(total, sleep=20)) as run:
        events: list[Event] = []
        deadline = time.monotonic() + 60
        while len(of_type(events, JobSubmitted)) < 20:
            assert time.monotonic() < deadline, "20 children did not start in 60 s"
            events += run.poll(0.01)
        server = forkserver_pid() or 0
        os.kill(server, signal.SIGSTOP)
        _wait_until(
            lambda: psutil.Process(server).status() == psutil.STATUS_STOPPED,
            5,
            "the forkserver did not stop",
        )
        # With 100 more to start, the run's next start now waits for it.
        events += run.poll(0.2)
        stopped_at = time.monotonic()
        if how == "close":
            events += run.close()
        else:
            run.cancel()
        while not run.finished:
            assert time.monotonic() - stopped_at < STOP_LIMIT_S, "Stop did not end the run"
            began = time.monotonic()
            events += run.poll(0.05)
            assert time.monotonic() - began < 1.0, "a poll blocked"
        took = time.monotonic() - stopped_at

    finished = check_run_shape(events, total)
    assert took < STOP_LIMIT_S
    assert finished.stop_requested
    assert finished.stopped + finished.cancelled == total, terminal_by_job(events)
    submitted = {e.job_id: e.worker.pid for e in of_type(events, JobSubmitted)}
    for job_id, event in terminal_by_job(events).items():
        if job_id in submitted:
            assert isinstance(event, JobStopped), event
        else:
            assert event.failure.kind is FailureKind.NEVER_STARTED, event  # type: ignore[attr-defined]
    assert not any(_running(pid) for pid in submitted.values())
    assert not _running(server), "the stopped forkserver is gone"
    assert not [t for t in threading.enumerate() if t.name == "named-run-starter"]
    _second_run_works(server)
