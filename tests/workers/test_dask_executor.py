"""The pool experiment on Dask (``--executor dask``): real LocalClusters on
127.0.0.1 fetching the demo site's pages, a worker SIGKILLed mid-run, Stop,
a scheduler that is not there, one that is, the command line's exports and
the app itself SIGKILLed. Skipped without the ``cluster`` extra
(``tests/workers/test_dask_missing.py`` covers that case).

Each test's cluster is closed within the test, even when it fails (the
run's ``with`` block, or the test's own ``with LocalCluster``): the suite's
leak check fails on any process left over.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest

pytest.importorskip("distributed")

from tests.workers.run_helpers import check_run_shape, drive, of_type, terminal_by_job
from workers.demo_site import PAGE_SIZES, DemoSite
from workers.events import (
    Event,
    JobCancelled,
    JobDone,
    JobFailed,
    JobStarted,
    JobStopped,
    RunStarted,
)
from workers.failures import FailureKind
from workers.options import PoolOptions
from workers.process_tree import ProcessInfo, ProcessTreeReader, Role
from workers.runs.pool_run import PoolRun
from workers.terms import WorkerKind

pytestmark = pytest.mark.slow  # a cluster takes a second or more to start

REPO_ROOT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT_S = 60.0  # a backstop: a cluster starts in 0.5-3 s, each run takes a few
#: The issue's bound for the app's processes after it was SIGKILLed.
ORPHAN_GRACE_S = 5.0


def _dask(urls: list[str], **settings: object) -> PoolOptions:
    return PoolOptions(
        urls=tuple(urls),
        executor="dask",
        timeout=20,
        executor_settings=tuple(settings.items()),
    )


def _drive(options: PoolOptions, on_event=None) -> list[Event]:  # type: ignore[no-untyped-def]
    with PoolRun(options) as run:
        return drive(run, timeout=RUN_TIMEOUT_S, on_event=on_event)


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _slow(site: DemoSite, count: int, delay: float) -> list[str]:
    return [site.url(f"/slow?delay={delay}&n={i}") for i in range(count)]


# -- a local cluster -----------------------------------------------------------------------


def test_a_local_cluster_fetches_the_demo_pages_and_names_each_jobs_worker(
    demo_site: DemoSite,
) -> None:
    # Two slow pages first: both idle workers take one, so both do some of the work.
    urls = _slow(demo_site, 2, 0.5) + demo_site.page_urls()
    children_before = {p.pid for p in psutil.Process().children()}
    seen: dict[int, str] = {}  # worker PID -> its command line, while it runs
    tree: dict[int, ProcessInfo] = {}  # the process inspector's reading, by PID
    dashboard: list[int] = []  # the dashboard's answer while the cluster is up

    def look(event: Event) -> None:
        if isinstance(event, RunStarted):
            # Without bokeh installed, Dask's page there says how to install it.
            with urllib.request.urlopen(str(event.setting("dashboard")), timeout=10) as page:
                dashboard.append(page.status)
        if isinstance(event, JobStarted) and event.worker.pid not in seen:
            seen[event.worker.pid] = " ".join(psutil.Process(event.worker.pid).cmdline())
            tree.update((p.pid, p) for p in ProcessTreeReader().read().processes)

    events = _drive(_dask(urls, workers=2, dashboard=True), on_event=look)

    finished = check_run_shape(events, len(urls))
    assert finished.ok
    started: RunStarted = events[0]
    assert (started.executor, started.workers, started.start_method) == ("dask", 2, "spawn")
    assert started.setting("scheduler") == "local"
    link = str(started.setting("dashboard"))
    assert link.startswith("http://127.0.0.1:") and link.endswith("/status")
    assert dashboard == [200]

    done = terminal_by_job(events)
    sizes = {url: done[i].nbytes for i, url in enumerate(urls)}
    assert {url: sizes[url] for url in demo_site.page_urls()} == demo_site.expected_sizes()
    workers = {e.worker for e in of_type(events, JobDone)}
    assert len(workers) == 2
    for worker in workers:
        assert worker.kind is WorkerKind.DASK
        assert worker.address.startswith("tcp://127.0.0.1:") and worker.name in {"0", "1"}
        assert worker.pid not in children_before and worker.pid != os.getpid()
        # A worker process of this app, titled as Dask titles it, and listed
        # by the process inspector as one of the app's children.
        assert seen[worker.pid].startswith(f"dask worker [{worker.address}]")
        listed = tree[worker.pid]
        assert (listed.ppid, listed.role, listed.depth) == (os.getpid(), Role.CHILD, 1)
        assert listed.cmdline[0] == f"dask worker [{worker.address}]"
    # Each job's start and end name the same worker, and the times are on this
    # machine's clock (the same boot): within the run.
    for event in of_type(events, JobStarted):
        assert done[event.job_id].worker == event.worker
        assert started.t_mono <= event.t_mono <= finished.t_mono
    for event in of_type(events, JobDone):
        assert started.t_mono <= event.started_mono <= event.finished_mono <= finished.t_mono


def test_a_worker_killed_mid_run_fails_the_jobs_it_held_and_the_run_finishes(
    demo_site: DemoSite,
) -> None:
    urls = _slow(demo_site, 4, 1.0)
    victims: list[JobStarted] = []

    def kill_the_first(event: Event) -> None:
        if isinstance(event, JobStarted) and not victims:
            victims.append(event)
            os.kill(event.worker.pid, signal.SIGKILL)

    events = _drive(_dask(urls, workers=2), on_event=kill_the_first)

    finished = check_run_shape(events, 4)
    assert not finished.ok and finished.failed >= 1 and not finished.stop_requested
    ends = terminal_by_job(events)
    victim = victims[0]
    died = ends[victim.job_id]
    assert isinstance(died, JobFailed)
    assert died.failure.kind is FailureKind.CLUSTER_WORKER_DIED
    assert (died.failure.host, died.failure.pid) == (victim.worker.address, victim.worker.pid)
    assert died.worker == victim.worker
    # The others: done by the other worker (or its restarted self), or
    # failed the same way if the killed worker held them too.
    for event in ends.values():
        if isinstance(event, JobFailed):
            assert event.failure.kind is FailureKind.CLUSTER_WORKER_DIED
            assert event.failure.host == victim.worker.address
        else:
            assert isinstance(event, JobDone) and event.worker != victim.worker
    assert not psutil.pid_exists(victim.worker.pid)


def test_stop_mid_run_stops_the_running_jobs_and_leaves_no_process(demo_site: DemoSite) -> None:
    urls = _slow(demo_site, 6, 5.0)
    started: list[JobStarted] = []
    run = PoolRun(_dask(urls, workers=2))

    def stop_once_both_run(event: Event) -> None:
        if isinstance(event, JobStarted):
            started.append(event)
            if len(started) == 2:
                run.cancel()

    began = time.monotonic()
    with run:
        events = drive(run, timeout=RUN_TIMEOUT_S, on_event=stop_once_both_run)
    took = time.monotonic() - began

    finished = check_run_shape(events, 6)
    assert finished.stop_requested and (finished.stopped, finished.cancelled) == (2, 4)
    running = {e.job_id for e in started}
    assert {e.job_id for e in of_type(events, JobStopped)} == running
    assert {e.job_id for e in of_type(events, JobCancelled)} == set(range(6)) - running
    assert took < 20  # a stop ends the 5 s pages: it does not wait for them
    assert events[0].setting("dashboard") == ""  # off unless asked for
    # The local cluster is shut down with the run: its workers are gone.
    pids = [e.worker.pid for e in started]
    _gone, alive = psutil.wait_procs([psutil.Process(p) for p in pids if psutil.pid_exists(p)], 5)
    assert alive == []


# -- a scheduler at an address ------------------------------------------------------------------


def test_a_scheduler_that_is_not_there_is_said_within_the_timeout(demo_site: DemoSite) -> None:
    import distributed  # noqa: F401  (imported before the clock starts: about 1 s)

    address = f"tcp://127.0.0.1:{_closed_port()}"
    urls = demo_site.page_urls()[:3]
    began = time.monotonic()
    events = _drive(_dask(urls, scheduler=address, connect_timeout=1.0))
    took = time.monotonic() - began

    finished = check_run_shape(events, 3)
    assert finished.failed == 3
    for event in terminal_by_job(events).values():
        assert isinstance(event, JobFailed) and event.worker is None
        failure = event.failure
        assert failure.kind is FailureKind.SCHEDULER_UNREACHABLE
        assert (failure.host, failure.limit) == (address, 1.0)
    assert 1.0 <= took < 1.0 + 1.0  # the timeout, and not much more

    from workers.cli.words import failure_text

    assert failure_text(failure) == (
        f"could not reach the Dask scheduler at {address} within 1 s (Connection refused)"
    )


def test_the_jobs_run_on_the_workers_of_a_scheduler_at_its_address(demo_site: DemoSite) -> None:
    from distributed import LocalCluster

    urls = demo_site.page_urls()[:4]
    with LocalCluster(
        n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        (worker_address,) = cluster.scheduler_info["workers"]
        events = _drive(_dask(urls, scheduler=cluster.scheduler_address))

    finished = check_run_shape(events, 4)
    assert finished.ok
    started: RunStarted = events[0]
    assert started.setting("scheduler") == cluster.scheduler_address
    assert (started.workers, started.start_method) == (1, "")
    assert {e.worker.address for e in of_type(events, JobDone)} == {worker_address}
    assert {e.nbytes for e in of_type(events, JobDone)} == {
        demo_site.expected_sizes()[url] for url in urls
    }


def test_a_scheduler_without_workers_is_said_at_once(demo_site: DemoSite) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address=None) as cluster:
        events = _drive(_dask(demo_site.page_urls()[:2], scheduler=cluster.scheduler_address))
    assert check_run_shape(events, 2).failed == 2
    for event in terminal_by_job(events).values():
        assert isinstance(event, JobFailed)
        assert event.failure.kind is FailureKind.NO_CLUSTER_WORKERS
        assert event.failure.host == cluster.scheduler_address


# -- the command line ----------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO_ROOT,
        timeout=RUN_TIMEOUT_S,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_cli_exports_one_trace_track_per_dask_worker(tmp_path: Path) -> None:
    out_csv, out_trace = tmp_path / "pool.csv", tmp_path / "pool.json"
    result = _cli("pool", "--demo", "--executor", "dask", "--dask-workers", "2", "--dashboard",
                  "--csv", str(out_csv), "--trace", str(out_trace))  # fmt: skip
    assert result.returncode == 1, result.stderr  # the demo's 404 is a real failure
    assert "Traceback" not in result.stderr, result.stderr
    assert "generated an exception: HTTP 404 Not Found" in result.stdout
    (link,) = [ln for ln in result.stderr.splitlines() if ln.startswith("Dask dashboard: ")]
    assert link.startswith("Dask dashboard: http://127.0.0.1:") and link.endswith("/status")

    with open(out_csv, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["executor"] for r in rows} == {"dask"}
    by_path = {urlsplit(r["name_or_url"]).path: r for r in rows}
    assert {path: int(by_path[path]["bytes"]) for path in PAGE_SIZES} == PAGE_SIZES
    addresses = {r["worker"] for r in rows if r["state"] == "done"}
    assert addresses and all(a.startswith("tcp://127.0.0.1:") for a in addresses)

    events = json.loads(out_trace.read_text(encoding="utf-8"))["traceEvents"]
    tracks = {
        e["pid"]: e["args"]["name"]
        for e in events
        if e["ph"] == "M" and e["name"] == "process_name"
    }
    slices = [e for e in events if e["ph"] == "X"]
    worker_tracks = {e["pid"] for e in slices}
    # One process track per Dask worker, named by it, and every slice on one.
    assert len(worker_tracks) == len(addresses) <= 2
    assert {tracks[pid] for pid in worker_tracks} <= {"worker 0", "worker 1"}


def test_the_app_sigkilled_mid_run_leaves_no_worker_behind(demo_site: DemoSite) -> None:
    urls = _slow(demo_site, 4, 10.0)
    proc = subprocess.Popen(
        [sys.executable, "main.py", "pool", "--executor", "dask", "--json", *urls],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        workers: set[int] = set()
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while len(workers) < 2 and time.monotonic() < deadline:
            line = proc.stdout.readline()  # the jobs' starts, as they come
            if not line:
                break
            event = json.loads(line)
            if event["event"] == "JobStarted":
                workers.add(event["worker"]["pid"])
        assert len(workers) == 2, "both workers should be running a job"
        app = psutil.Process(proc.pid)
        everything = [app, *app.children(recursive=True)]  # workers and helpers
        proc.kill()
        proc.wait(RUN_TIMEOUT_S)
        _gone, alive = psutil.wait_procs(everything, timeout=ORPHAN_GRACE_S)
        assert alive == [], f"left behind: {alive}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
