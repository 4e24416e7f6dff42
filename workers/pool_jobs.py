"""What each ProcessPoolExecutor worker runs: fetch one URL, report its size.

Imported in every pool worker, so it stays small. The worker tells the parent
when it takes a job through a queue handed to it once, by the pool's
initializer; the result itself comes back through the Future as a small
``FetchOutcome`` (never the page body).
"""

from __future__ import annotations

import os
import signal
from multiprocessing.queues import Queue

from workers.events import JobStarted
from workers.fetch import FetchOutcome, fetch_url

# Set once per worker process by init_pool_worker; a module global because
# that is the only place a pool initializer can leave something for the jobs.
_started_reports: Queue | None = None


def init_pool_worker(started_reports: Queue) -> None:
    """Pool initializer: remember where to report that a job has started."""
    global _started_reports
    # The parent stops the pool on Ctrl+C; a worker must not die of it first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _started_reports = started_reports


def fetch_job(
    run_id: int, job_id: int, url: str, timeout: float, verify_tls: bool, max_bytes: int
) -> FetchOutcome:
    """Pool job: announce the start, then fetch ``url`` and count its bytes."""
    if _started_reports is not None:
        _started_reports.put(JobStarted(run_id, job_id=job_id, label=url, pid=os.getpid()))
    return fetch_url(url, timeout, verify_tls=verify_tls, max_bytes=max_bytes)
