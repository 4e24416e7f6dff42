"""What the named experiment's thread host process runs: N threads named
"1".."N", each doing the lesson's ``square`` job.

The threads live in a process of their own rather than in the program that
shows them. They share that process's global interpreter lock (GIL), as the
threads of the lesson's script would, so busy ones still use about one core
between them; but a window whose own threads had to queue for the lock
behind a hundred busy ones would freeze, graph and all.

A thread cannot be killed, so the job cooperates: its sleep is a wait on a
stop event, and its busy work checks the event between short slices. The
parent asks for Stop with SIGTERM, which here only sets that event; each
running job then reports that it stopped, with its own clock, and the
process exits once every thread has.

Reports go through the run's report pipe as the named children's do
(:mod:`workers.jobs.named_job`'s ``Started``, ``Finished``, ``Crashed``),
plus :data:`Stopped`, one atomic write each, from whichever thread has one.
Like ``named_job``, this module imports only what a spawned child has.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import namedtuple

from workers.jobs.named_job import (
    Crashed,
    Finished,
    Started,
    _shorten_crash,
    busy_work,
    ignore_ctrl_c,
    lower_priority,
    square,
    to_wire,
)
from workers.jobs.report_pipe import Report, ReportWriter, send_report

#: The job ended early because Stop came: when it started and ended.
Stopped = namedtuple("Stopped", "job_id pid name started_mono t_mono t_wall")
#: The host could not start the job's thread: the exception's type and words.
NotStarted = namedtuple("NotStarted", "job_id exc_type message t_mono t_wall")

#: Busy work runs in slices this long, the stop event checked between them.
BUSY_SLICE_S = 0.02

_REPORT_TYPES = {kind.__name__: kind for kind in (Started, Finished, Crashed, Stopped, NotStarted)}


def from_wire(wire: Report) -> Started | Finished | Crashed | Stopped | NotStarted:
    """The report a plain tuple stands for (``named_job``'s kinds and this module's)."""
    return _REPORT_TYPES[wire[0]](*wire[1:])


def _job(
    reports: ReportWriter, stop: threading.Event, job_id: int, seconds: float, cpu: bool
) -> None:
    """One thread's job: report the start, wait or work (ending early on
    Stop), report ``n * n`` or that it stopped."""
    pid = os.getpid()
    name = threading.current_thread().name
    started = time.monotonic()
    if stop.is_set():
        return  # Stop came before the job began: the parent counts it as never started
    try:
        send_report(reports, to_wire(Started(job_id, pid, name, started, time.time())))
        if cpu:
            end = started + seconds
            while not stop.is_set() and (left := end - time.monotonic()) > 0:
                busy_work(min(BUSY_SLICE_S, left))
        elif seconds > 0:
            stop.wait(seconds)
        finished = time.monotonic()
        if stop.is_set() and finished < started + seconds:
            report: tuple = Stopped(job_id, pid, name, started, finished, time.time())
        else:
            n = job_id + 1
            report = Finished(job_id, pid, name, n, square(n), started, finished, time.time())
        send_report(reports, to_wire(report))
    except Exception as exc:
        import traceback

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


def run_thread_host(
    reports: ReportWriter,
    sleep_times: list[float],
    workload: str,
    niceness: int = 0,
) -> None:
    """Host process entry point: one thread per entry of ``sleep_times``,
    named "1".."N"; return once all have ended (see the module docstring)."""
    ignore_ctrl_c()
    lower_priority(niceness)  # before the threads start: they inherit it
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())
    cpu = workload == "cpu"
    threads = [
        threading.Thread(
            name=str(job_id + 1),
            target=_job,
            args=(reports, stop, job_id, seconds, cpu),
            daemon=True,
        )
        for job_id, seconds in enumerate(sleep_times)
    ]
    for job_id, thread in enumerate(threads):
        if stop.is_set():
            break
        try:
            thread.start()
        except RuntimeError as exc:  # "can't start new thread": out of threads
            failed = NotStarted(job_id, type(exc).__name__, str(exc), time.monotonic(), time.time())
            send_report(reports, to_wire(failed))
    for thread in threads:
        if thread.ident is not None:
            # A timeout, so this thread gets back to Python now and then and
            # SIGTERM's handler runs promptly.
            while thread.is_alive():
                thread.join(0.1)


__all__ = ["BUSY_SLICE_S", "NotStarted", "Stopped", "from_wire", "run_thread_host"]
