"""A SIGTERM sent from outside to one pool worker (issue 8, case 12).

The executor answers any dead worker by sending SIGTERM to all the others;
only the job the signalled worker held may be blamed, and the jobs merely
caught up in the break run again in a fresh pool, as after a SIGKILL.
"""

from __future__ import annotations

import os
import signal

from tests.workers.run_helpers import (
    check_run_shape,
    drive,
    live_descendants,
    of_type,
    terminal_by_job,
)
from workers.cli.words import failure_text
from workers.demo_site import DemoSite
from workers.events import MEASURED_BY_PARENT, Event, JobDone, JobKilled, JobStarted
from workers.failures import Failure, FailureKind
from workers.options import PoolOptions
from workers.runs.pool_run import PoolRun


def test_outside_sigterm_kills_only_the_job_its_worker_held(demo_site: DemoSite) -> None:
    urls = tuple(demo_site.url(f"/slow?delay=3&n={i}") for i in range(5))
    first_start: dict[int, JobStarted] = {}
    victim: dict[str, int] = {}

    def sigterm_one_worker(event: Event) -> None:
        if isinstance(event, JobStarted) and event.job_id not in first_start:
            first_start[event.job_id] = event
            if len(first_start) == 5 and not victim:
                # All five workers are busy: someone outside signals one.
                held = first_start[2]
                victim.update(job=held.job_id, pid=held.worker.pid)
                os.kill(held.worker.pid, signal.SIGTERM)

    with PoolRun(PoolOptions(urls=urls, workers=5)) as run:
        events = drive(run, timeout=40, on_event=sigterm_one_worker)

    finished = check_run_shape(events, 5)
    assert (finished.killed, finished.done, finished.failed) == (1, 4, 0), finished
    ended = terminal_by_job(events)
    pid = victim["pid"]
    killed = ended[victim["job"]]
    assert isinstance(killed, JobKilled), killed
    assert killed.failure == Failure(FailureKind.KILLED, signal="SIGTERM", pid=pid)
    assert failure_text(killed.failure) == f"pool worker {pid} was killed by SIGTERM"
    assert killed.measured_by == MEASURED_BY_PARENT
    assert killed.started_mono == first_start[victim["job"]].t_mono

    # The four others were unharmed: each either finished in its first worker
    # (a result can reach the parent before the executor sees its pool broken)
    # or ran again, in a worker of a new pool.
    first_pool = {start.worker.pid for start in first_start.values()}
    reruns = 0
    for job_id in set(range(5)) - {victim["job"]}:
        done = ended[job_id]
        assert isinstance(done, JobDone), done
        if done.worker == first_start[job_id].worker:
            continue
        reruns += 1
        # Started again after its first start (the new pool's starts may be
        # read in the same poll that reports the kill, so order is no proof).
        starts = [e for e in events if isinstance(e, JobStarted) and e.job_id == job_id]
        rerun = [e for e in starts if e is not first_start[job_id]]
        assert rerun, f"job {job_id} was not started again after the pool broke"
        assert done.worker == rerun[-1].worker
        assert done.worker is not None and done.worker.pid not in first_pool
    assert reruns >= 1  # the broken pool's jobs went to a new one
    workers = {e.worker.pid for e in of_type(events, JobStarted)}
    assert live_descendants(workers) == []
