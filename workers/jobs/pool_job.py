"""What each pool worker runs: fetch one URL, report its size.

Imported in every pool worker process, so it stays small. The worker tells
the parent when it takes a job through the run's report pipe
(:mod:`workers.jobs.report_pipe`, one atomic write per report, no lock),
handed to it once by the executor's initializer; the result itself comes
back through the Future as a small ``FetchOutcome`` (never the page body).

The same job runs in worker threads (a ``ThreadPoolExecutor``): each report
is still one atomic write, from whichever thread makes it.
"""

from __future__ import annotations

import os
import signal
import threading
import time

from workers.jobs.fetch import FetchOutcome, fetch_url
from workers.jobs.parent_watch import watch_parent
from workers.jobs.proc_title import pool_title, process_number, set_title
from workers.jobs.report_pipe import Report, ReportWriter, send_report

# Set once per worker by the executor's initializer, which runs in the
# worker's own thread: the only place it can leave something for the jobs.
# Thread-local, so the threads of two runs in one process never mix pipes.
_worker = threading.local()


def init_pool_worker(reports: ReportWriter) -> None:
    """Initializer of a worker process: remember where to report starts."""
    watch_parent()  # ends this worker if the app dies without stopping it
    # The parent stops the pool on Ctrl+C; a worker must not die of it first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_title(pool_title(process_number()))  # "plab:w3" in ps, with the titles extra
    _worker.reports = reports


def init_thread_worker(reports: ReportWriter) -> None:
    """Initializer of a worker thread: as for a process, but signals belong
    to the process, not to its threads, and are left alone."""
    _worker.reports = reports


def started_report(run_id: int, job_id: int) -> Report:
    """What a worker sends as it takes a job: (run, job, its PID, its thread's
    name, its clocks). The parent knows the URL, which may be too long for
    one atomic write."""
    thread = threading.current_thread().name
    return (run_id, job_id, os.getpid(), thread, time.monotonic(), time.time())


def fetch_job(
    run_id: int, job_id: int, url: str, timeout: float, verify_tls: bool, max_bytes: int
) -> FetchOutcome:
    """Pool job: announce the start, then fetch ``url`` and count its bytes."""
    reports = getattr(_worker, "reports", None)
    if reports is not None:
        send_report(reports, started_report(run_id, job_id))
    return fetch_url(url, timeout, verify_tls=verify_tls, max_bytes=max_bytes)
