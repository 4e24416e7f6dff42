"""What each ProcessPoolExecutor worker runs: fetch one URL, report its size.

Imported in every pool worker, so it stays small. The worker tells the parent
when it takes a job through the run's report pipe (:mod:`workers.jobs.report_pipe`,
one atomic write per report, no lock), handed to it once by the pool's
initializer; the result itself comes back through the Future as a small
``FetchOutcome`` (never the page body).
"""

from __future__ import annotations

import os
import signal
import time

from workers.jobs.fetch import FetchOutcome, fetch_url
from workers.jobs.parent_watch import watch_parent
from workers.jobs.report_pipe import Report, ReportWriter, send_report

# Set once per worker process by init_pool_worker; a module global because
# that is the only place a pool initializer can leave something for the jobs.
_reports: ReportWriter | None = None


def init_pool_worker(reports: ReportWriter) -> None:
    """Pool initializer: remember where to report that a job has started."""
    global _reports
    watch_parent()  # ends this worker if the app dies without stopping it
    # The parent stops the pool on Ctrl+C; a worker must not die of it first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _reports = reports


def started_report(run_id: int, job_id: int) -> Report:
    """What a worker sends as it takes a job: (run, job, its PID, its clocks).
    The parent knows the URL, which may be too long for one atomic write."""
    return (run_id, job_id, os.getpid(), time.monotonic(), time.time())


def fetch_job(
    run_id: int, job_id: int, url: str, timeout: float, verify_tls: bool, max_bytes: int
) -> FetchOutcome:
    """Pool job: announce the start, then fetch ``url`` and count its bytes."""
    if _reports is not None:
        send_report(_reports, started_report(run_id, job_id))
    return fetch_url(url, timeout, verify_tls=verify_tls, max_bytes=max_bytes)
