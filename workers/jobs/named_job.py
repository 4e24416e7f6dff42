"""What each named child process runs: the lesson's ``square``.

This module is imported in every child, so it stays tiny: nothing beyond
what ``multiprocessing`` has already loaded there. In particular not
``workers.events``, whose dataclasses cost a spawned child more to create
than its whole job. The child sends small named tuples (:class:`Started`,
:class:`Finished`, :class:`Crashed`) over its run's shared report pipe as
plain tuples, and the parent turns them into events.

A forked child pays for every page it is the first to write to, so the job
does little besides its work: reporting is two ``write()`` calls.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections import namedtuple
from multiprocessing import current_process

from workers.jobs.parent_watch import end_if_app_gone, wait_or_end, watch_parent
from workers.jobs.proc_title import named_title, set_title
from workers.jobs.report_pipe import Report, ReportWriter, send_report

#: The child began its job: its PID and name, on its own clocks.
Started = namedtuple("Started", "job_id pid name t_mono t_wall")
#: The job's answer, ``n * n``, with the child's start and end times.
Finished = namedtuple("Finished", "job_id pid name n result started_mono t_mono t_wall")
#: The job raised: the exception's type and own text, the traceback, and
#: when the job started and ended.
Crashed = namedtuple(
    "Crashed", "job_id pid name exc_type message detail started_mono t_mono t_wall"
)


_REPORT_TYPES = {kind.__name__: kind for kind in (Started, Finished, Crashed)}


def to_wire(report: Started | Finished | Crashed) -> Report:
    """The plain tuple a report travels as: its type's name, then its fields."""
    return (type(report).__name__, *report)


def from_wire(wire: Report) -> Started | Finished | Crashed:
    """The report a plain tuple from :func:`to_wire` stands for."""
    return _REPORT_TYPES[wire[0]](*wire[1:])


def _shorten_crash(wire: Report, excess: int) -> Report:
    """A crash report at least ``excess`` characters shorter: the traceback's
    last lines (where the error is) are kept, then the message's start."""
    crash = from_wire(wire)
    assert isinstance(crash, Crashed)
    if crash.detail:
        keep = max(0, len(crash.detail) - excess - 1)
        crash = crash._replace(detail="…" + crash.detail[-keep:] if keep else "")
    elif crash.message:
        keep = max(0, len(crash.message) - excess - 1)
        crash = crash._replace(message=crash.message[:keep] + "…" if keep else "")
    else:
        crash = crash._replace(exc_type=crash.exc_type[: max(0, len(crash.exc_type) - excess)])
    return to_wire(crash)


def square(n: int) -> int:
    """The lesson's computation."""
    return n * n


#: How often a busy child with a lifeline looks whether the app is still there.
LIFELINE_LOOK_S = 0.05


def busy_work(seconds: float, lifeline: int | None = None) -> None:
    """Keep one core at 100 % for ``seconds`` (the ``cpu`` workload), so the
    CPU graph shows real load instead of sleeping processes. With a
    ``lifeline`` (see :func:`run_named_job`) it ends the process if the app
    dies meanwhile."""
    now = time.monotonic()
    end = now + seconds
    next_look = now + LIFELINE_LOOK_S
    x = 0
    while now < end:
        for _ in range(10_000):
            x = (x * 31 + 7) % 1_000_003
        now = time.monotonic()
        if lifeline is not None and now >= next_look:
            end_if_app_gone(lifeline)
            next_look = now + LIFELINE_LOOK_S


def lower_priority(niceness: int, pid: int = 0) -> None:
    """Run process ``pid`` (0: this one) at ``niceness``, never raising its
    priority; a no-op where there is no such thing (Windows) or no right."""
    if niceness <= 0 or not hasattr(os, "setpriority"):
        return
    with contextlib.suppress(OSError):
        current = os.getpriority(os.PRIO_PROCESS, pid)
        os.setpriority(os.PRIO_PROCESS, pid, max(current, niceness))


def ignore_ctrl_c() -> None:
    """Ctrl+C in a terminal reaches the whole process group; the parent
    decides what stops (and reports it), so a child must not die of it.
    Blocking SIGINT does that at a quarter of the cost of ``signal.signal``
    in a freshly forked child (about 30 against 120 microseconds here)."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, (signal.SIGINT,))
    else:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_named_job(
    reports: ReportWriter,
    job_id: int,
    n: int,
    sleep_s: float,
    workload: str,
    niceness: int = 0,
) -> None:
    """Child entry point: report start, wait or work, report ``n * n``.

    Reports are sent as they happen so the parent sees the start at once.
    An exception is reported as its type's name, its own text and the
    traceback (never as an exception object, which might not pickle), and
    the child exits with status 1.
    """
    # Ends this child if the app dies without stopping it: arming a signal
    # would cost a tenth of a lesson child's life, so it watches during its
    # wait instead; once the wait is over it reports, and a dead app's
    # closed pipe ends it then.
    lifeline = watch_parent(waits_itself=True)
    ignore_ctrl_c()
    lower_priority(niceness)
    pid = os.getpid()
    name = current_process().name
    set_title(named_title(name))  # "plab:7" in ps, with the titles extra
    started = time.monotonic()
    try:
        send_report(reports, to_wire(Started(job_id, pid, name, started, time.time())))
        if workload == "cpu":
            busy_work(sleep_s, lifeline)
        elif sleep_s > 0:
            wait_or_end(lifeline, sleep_s)
        result = square(n)
        finished = Finished(job_id, pid, name, n, result, started, time.monotonic(), time.time())
        send_report(reports, to_wire(finished))
    except BrokenPipeError:
        # The app's end of the report pipe is closed: the app is gone, and
        # nobody is left to tell. End quietly (no traceback on its terminal).
        os._exit(1)
    except Exception as exc:
        import traceback  # only a failing child pays for importing it

        crash = Crashed(
            job_id,
            pid,
            name,
            type(exc).__name__,
            str(exc),
            traceback.format_exc(),
            started,
            time.monotonic(),
            time.time(),
        )
        send_report(reports, to_wire(crash), _shorten_crash)
        raise SystemExit(1) from None
