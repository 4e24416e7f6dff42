"""Helpers for driving real runs in tests: bounded poll loops and event checks.

Every loop here has a deadline; nothing sleeps and hopes.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable

import psutil

from workers.events import (
    MEASURED_BY_WORKER,
    Event,
    JobCancelled,
    JobDone,
    JobEnded,
    JobFailed,
    JobKilled,
    JobStopped,
    RunFinished,
    RunStarted,
    RunStopping,
    is_terminal,
)
from workers.failures import FailureKind
from workers.runs.run_base import Run

#: Fallback bound for a run that should end in well under a second or two.
DEFAULT_RUN_TIMEOUT_S = 30.0
#: Python 3.12+ warns when forking a process that has threads (the demo site's);
#: filterwarnings = error would turn that warning into a failed start.
FORK_WARNING = "ignore:This process .* is multi-threaded:DeprecationWarning"


def drive(
    run: Run,
    timeout: float = DEFAULT_RUN_TIMEOUT_S,
    poll_timeout: float = 0.05,
    on_event: Callable[[Event], None] | None = None,
) -> list[Event]:
    """Poll ``run`` until it finishes; fail if that takes more than ``timeout`` s.

    ``on_event`` sees each event as it arrives (to kill or cancel mid-run).
    """
    deadline = time.monotonic() + timeout
    events: list[Event] = []
    while not run.finished:
        if time.monotonic() > deadline:
            seen = ", ".join(type(e).__name__ for e in events[-10:])
            raise AssertionError(f"the run did not finish within {timeout:g} s (last: {seen})")
        for event in run.poll(poll_timeout):
            events.append(event)
            if on_event is not None:
                on_event(event)
    return events


def of_type(events: Iterable[Event], kind: type) -> list:
    return [e for e in events if isinstance(e, kind)]


def terminal_by_job(events: Iterable[Event]) -> dict[int, Event]:
    """job_id -> its one terminal event; fails if any job ended twice."""
    ended: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        if is_terminal(event):
            ended[event.job_id].append(event)  # type: ignore[attr-defined]
    twice = {job: evs for job, evs in ended.items() if len(evs) != 1}
    assert not twice, f"jobs with more than one terminal event: {twice}"
    return {job: evs[0] for job, evs in ended.items()}


def check_ending(event: JobEnded) -> None:
    """What every terminal event must say: when it ended; for a job that
    ran, who ran it; the failure kind its class stands for."""
    assert event.finished_mono is not None, event
    if event.started_mono is not None:
        assert event.started_mono <= event.finished_mono, event
    if isinstance(event, JobDone):
        assert event.worker is not None and event.worker.pid, event
        assert event.started_mono is not None and event.measured_by == MEASURED_BY_WORKER, event
    elif isinstance(event, JobCancelled):
        assert event.failure.kind is FailureKind.NEVER_STARTED, event
        assert event.started_mono is None, event
    elif isinstance(event, JobStopped):
        assert event.failure.kind is FailureKind.STOPPED, event
        assert event.worker is not None, event
    elif isinstance(event, JobKilled):
        assert event.failure.kind is FailureKind.KILLED and event.failure.signal, event
        assert event.worker is not None, event
    else:
        assert isinstance(event, JobFailed), event
        assert event.failure.kind not in (
            FailureKind.KILLED,
            FailureKind.STOPPED,
            FailureKind.NEVER_STARTED,
        ), event


def check_run_shape(events: list[Event], total: int) -> RunFinished:
    """The protocol's invariants: RunStarted first, RunFinished last, one run id,
    every job ends exactly once (and says when, and who ran it), RunStopping
    at most once, and RunFinished's counts match the endings."""
    assert events, "no events at all"
    assert isinstance(events[0], RunStarted), events[0]
    assert isinstance(events[-1], RunFinished), events[-1]
    assert len(of_type(events, RunStarted)) == 1
    assert len(of_type(events, RunFinished)) == 1
    assert {e.run_id for e in events} == {events[0].run_id}
    assert events[0].total == total
    ended = terminal_by_job(events)
    assert sorted(ended) == list(range(total)), f"jobs without an ending: {ended.keys()}"
    for event in ended.values():
        check_ending(event)  # type: ignore[arg-type]
    finished: RunFinished = events[-1]
    stopping = of_type(events, RunStopping)
    assert len(stopping) <= 1
    assert finished.stop_requested == bool(stopping)
    if finished.stop_requested:
        assert not finished.ok
    counts = defaultdict(int)
    for event in ended.values():
        counts[type(event)] += 1
    assert (
        finished.total,
        finished.done,
        finished.failed,
        finished.killed,
        finished.stopped,
        finished.cancelled,
    ) == (
        total,
        counts[JobDone],
        counts[JobFailed],
        counts[JobKilled],
        counts[JobStopped],
        counts[JobCancelled],
    )
    assert sum(counts.values()) == total
    assert finished.elapsed >= 0
    return finished


def live_descendants(pids: Iterable[int]) -> list[int]:
    """Those of ``pids`` that are still running descendants of this process.

    Compared against our own process tree rather than ``pid_exists``, so a
    PID the OS has already handed to an unrelated process does not count.
    """
    wanted = set(pids)
    try:
        children = psutil.Process(os.getpid()).children(recursive=True)
    except psutil.Error:
        return []
    alive = []
    for child in children:
        if child.pid not in wanted:
            continue
        try:
            if child.status() != psutil.STATUS_ZOMBIE:
                alive.append(child.pid)
        except psutil.NoSuchProcess:
            pass
    return alive
