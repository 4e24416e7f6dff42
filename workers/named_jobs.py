"""What each named child process runs: the lesson's ``square``.

This module is imported in every child, so it stays tiny: standard library
and ``workers.events`` only. The child reports over its own one-way pipe
with event dataclasses; the parent adds nothing but the pipe's reading.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from multiprocessing import current_process
from multiprocessing.connection import Connection

from workers.events import JobDone, JobFailed, JobStarted


def square(n: int) -> int:
    """The lesson's computation."""
    return n * n


def busy_work(seconds: float) -> None:
    """Keep one core at 100 % for ``seconds`` (the ``cpu`` workload), so the
    CPU graph shows real load instead of sleeping processes."""
    end = time.monotonic() + seconds
    x = 0
    while time.monotonic() < end:
        for _ in range(10_000):
            x = (x * 31 + 7) % 1_000_003


def lower_priority(niceness: int, pid: int = 0) -> None:
    """Run process ``pid`` (0: this one) at ``niceness``, never raising its
    priority; a no-op where there is no such thing (Windows) or no right."""
    if niceness <= 0 or not hasattr(os, "setpriority"):
        return
    with contextlib.suppress(OSError):
        current = os.getpriority(os.PRIO_PROCESS, pid)
        os.setpriority(os.PRIO_PROCESS, pid, max(current, niceness))


def run_named_job(
    conn: Connection,
    run_id: int,
    job_id: int,
    n: int,
    sleep_s: float,
    workload: str,
    niceness: int = 0,
) -> None:
    """Child entry point: report start, wait or work, report ``n * n``.

    Reports are sent as they happen so the parent sees the start at once.
    An exception is reported as text (never as an exception object, which
    might not pickle) and the child exits with status 1.
    """
    # Ctrl+C in a terminal reaches the whole process group; the parent decides
    # what stops (and reports it), so the child must not die of it on its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    lower_priority(niceness)
    pid = os.getpid()
    name = current_process().name
    started = time.monotonic()
    try:
        conn.send(JobStarted(run_id, job_id=job_id, label=name, pid=pid))
        if workload == "cpu":
            busy_work(sleep_s)
        elif sleep_s > 0:
            time.sleep(sleep_s)
        result = square(n)
        conn.send(
            JobDone(
                run_id,
                job_id=job_id,
                label=name,
                pid=pid,
                started_mono=started,
                finished_mono=time.monotonic(),
                n=n,
                result=result,
            )
        )
    except Exception as exc:
        import traceback  # only a failing child pays for importing it

        conn.send(
            JobFailed(
                run_id,
                job_id=job_id,
                label=name,
                pid=pid,
                reason=f"{type(exc).__name__}: {exc}",
                kind="exception",
                detail=traceback.format_exc(),
            )
        )
        raise SystemExit(1) from None
    finally:
        conn.close()
