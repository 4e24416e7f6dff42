"""PoolRun with a real ProcessPoolExecutor against the real demo site on
loopback: sizes, failures as codes, the as_completed timeout, a worker
killed from outside, and Stop."""

from __future__ import annotations

import dataclasses
import os
import pickle
import signal
import time

import pytest

from tests.workers.run_helpers import (
    FORK_WARNING,
    check_run_shape,
    drive,
    live_descendants,
    of_type,
    terminal_by_job,
)
from workers.cli.words import failure_text
from workers.demo_site import PAGE_SIZES, DemoSite, free_port
from workers.events import (
    MEASURED_BY_PARENT,
    AsCompletedTimedOut,
    Event,
    JobCancelled,
    JobDone,
    JobFailed,
    JobKilled,
    JobStarted,
    JobStopped,
    JobSubmitted,
    RunStarted,
    RunStopping,
    is_terminal,
)
from workers.failures import Failure, FailureKind
from workers.jobs.fetch import FetchOutcome, fetch_url
from workers.options import PoolOptions
from workers.runs.pool_run import PoolRun
from workers.start_method_choices import available_start_methods
from workers.terms import Experiment, process_worker
from workers.urls import urls_from_lines

#: A pickled event is a few hundred bytes; a page body would be thousands.
MAX_EVENT_PICKLE_BYTES = 2048


def _pool(
    urls: list[str], run_timeout: float = 30.0, **options: object
) -> tuple[PoolRun, list[Event]]:
    """Run the pool to the end (failing after ``run_timeout`` s); the run is
    closed on return. ``options`` are PoolOptions fields."""
    with PoolRun(PoolOptions(urls=tuple(urls), **options)) as run:  # type: ignore[arg-type]
        events = drive(run, run_timeout)
    return run, events


def _ended_by_url(events: list[Event], urls: list[str]) -> dict[str, Event]:
    return {urls[job]: event for job, event in terminal_by_job(events).items()}


# -- sizes ------------------------------------------------------------------------


def test_every_demo_page_has_its_exact_size(demo_site: DemoSite) -> None:
    urls = demo_site.page_urls()
    run, events = _pool(urls, workers=3)

    finished = check_run_shape(events, len(urls))
    assert finished.ok, [e for e in events if isinstance(e, JobFailed)]
    started: RunStarted = events[0]
    assert (started.experiment, started.workers) == (Experiment.POOL, 3)
    assert started.parent_pid == os.getpid()
    assert started.start_method == run.start_method
    assert started.executor == "process"
    assert dict(started.settings) == {
        "timeout": 60.0,
        "verify_tls": True,  # certificates are checked by default
        "max_bytes": 20 * 1024 * 1024,
        "as_completed_timeout": None,
    }
    done = of_type(events, JobDone)
    assert {e.label: e.nbytes for e in done} == demo_site.expected_sizes()
    assert all(e.status == 200 for e in done)
    assert all(e.started_mono <= e.finished_mono for e in done)
    pids = {e.pid for e in done}
    assert os.getpid() not in pids and 0 not in pids
    assert 1 <= len(pids) <= 3
    # Submitted from the parent (no worker yet), started by the worker that did it.
    assert [(e.job_id, e.label, e.worker) for e in of_type(events, JobSubmitted)] == [
        (i, url, None) for i, url in enumerate(urls)
    ]
    # Each job's start comes from the worker that took it, before its result.
    started_by_job = {e.job_id: e for e in of_type(events, JobStarted)}
    assert sorted(started_by_job) == list(range(len(urls)))
    for d in done:
        start = started_by_job[d.job_id]
        assert (start.worker, start.label) == (d.worker, d.label)
        assert d.worker == process_worker(d.pid)
        assert events.index(start) < events.index(d)
        assert start.t_mono <= d.started_mono  # the worker's clock, read before fetching
    assert live_descendants(pids) == []


def test_page_bodies_never_cross_the_process_boundary(demo_site: DemoSite) -> None:
    # No field of the result or of any event is meant to hold raw bytes.
    for cls in (FetchOutcome, JobDone, JobFailed, JobStarted):
        for f in dataclasses.fields(cls):
            assert "bytes" not in str(f.type) or f.name == "nbytes", (cls, f.name)
    urls = [demo_site.url("/pages/1m"), demo_site.url("/pages/10m"), demo_site.url("/status/404")]
    # What a worker sends back through its Future: the outcome, not the page.
    outcome = fetch_url(urls[1], 10)
    assert (outcome.ok, outcome.nbytes) == (True, 10 * 1024 * 1024)
    assert len(pickle.dumps(outcome)) < MAX_EVENT_PICKLE_BYTES
    _, events = _pool(urls, workers=2)

    check_run_shape(events, 3)
    for event in events:
        values = dataclasses.astuple(event)
        assert not any(isinstance(v, bytes | bytearray | memoryview) for v in values), event
        size = len(pickle.dumps(event))
        assert size < MAX_EVENT_PICKLE_BYTES, f"{type(event).__name__} pickles to {size} bytes"


@pytest.mark.filterwarnings(FORK_WARNING)
@pytest.mark.parametrize("method", available_start_methods())
def test_every_start_method_fetches(demo_site: DemoSite, method: str) -> None:
    urls = [demo_site.url("/pages/1k"), demo_site.url("/pages/10k")]
    run, events = _pool(urls, workers=2, start_method=method)

    assert events[0].start_method == run.start_method == method
    assert check_run_shape(events, 2).ok
    assert {e.label: e.nbytes for e in of_type(events, JobDone)} == {
        urls[0]: 1024,
        urls[1]: 10 * 1024,
    }


# -- failures, told in words --------------------------------------------------------


def test_failures_are_reported_with_their_real_cause(demo_site: DemoSite) -> None:
    closed_port = free_port()
    lines = [
        demo_site.url("/status/404"),
        demo_site.url("/status/500"),
        demo_site.url("/redirect-loop"),
        demo_site.url("/redirect-to-file"),
        "file:///etc/passwd",
        "ftp://ftp.example.com/file.txt",
        f"http://127.0.0.1:{closed_port}/",
        demo_site.url("/redirect"),  # one success among them
    ]
    urls = urls_from_lines(lines)
    assert urls == lines, "no typed line may disappear, even the refused ones"
    _, events = _pool(urls, workers=4)

    finished = check_run_shape(events, len(urls))
    assert (finished.done, finished.failed) == (1, len(urls) - 1)
    ended = _ended_by_url(events, urls)
    got = {url: e.failure for url, e in ended.items() if isinstance(e, JobFailed)}
    assert got[urls[0]] == Failure(FailureKind.HTTP_STATUS, status=404, phrase="Not Found")
    assert got[urls[1]] == Failure(
        FailureKind.HTTP_STATUS, status=500, phrase="Internal Server Error"
    )
    assert got[urls[2]] == Failure(FailureKind.TOO_MANY_REDIRECTS, limit=10)
    assert got[urls[3]] == Failure(FailureKind.REDIRECT_SCHEME, scheme="file")
    assert got[urls[4]] == Failure(FailureKind.SCHEME_NOT_ALLOWED, scheme="file")
    assert got[urls[5]] == Failure(FailureKind.SCHEME_NOT_ALLOWED, scheme="ftp")
    assert got[urls[6]] == Failure(FailureKind.REFUSED, host="127.0.0.1", port=closed_port)
    # The command line's words for them.
    assert [failure_text(got[url]) for url in urls[:7]] == [
        "HTTP 404 Not Found",
        "HTTP 500 Internal Server Error",
        "too many redirects (more than 10)",
        "redirect to scheme 'file' refused: only http and https pages are fetched",
        "scheme 'file' is not allowed: only http and https pages are fetched",
        "scheme 'ftp' is not allowed: only http and https pages are fetched",
        f"connection refused by 127.0.0.1:{closed_port}",
    ]
    redirected = ended[urls[7]]
    assert isinstance(redirected, JobDone)
    assert (redirected.status, redirected.nbytes) == (200, PAGE_SIZES["/pages/1k"])
    # Every refusal was decided in a worker, not in the parent; and no refused
    # page (least of all /etc/passwd) was read and reported with a size.
    assert all(e.pid not in (0, os.getpid()) for e in ended.values())
    assert [e.label for e in of_type(events, JobDone)] == [urls[7]]


def test_a_page_slower_than_the_timeout_fails_with_timeout(demo_site: DemoSite) -> None:
    urls = [demo_site.url("/slow?delay=3")]
    _, events = _pool(urls, workers=1, timeout=0.5)

    check_run_shape(events, 1)
    failed = terminal_by_job(events)[0]
    assert isinstance(failed, JobFailed)
    assert (failed.failure.kind, failed.failure.limit) == (FailureKind.TIMEOUT, 0.5)
    assert failure_text(failed.failure) == "timed out after 0.5 s"
    assert failed.pid not in (0, os.getpid())
    # Measured from the worker taking the job, so pool start-up does not count.
    (started,) = of_type(events, JobStarted)
    took = failed.t_mono - started.t_mono
    assert 0.45 <= took < 2.0, f"a 0.5 s timeout ended the job after {took:.2f} s"


def test_as_completed_timeout_names_the_slow_page_and_it_still_finishes(
    demo_site: DemoSite,
) -> None:
    slow = demo_site.url("/slow?delay=2")
    urls = [slow, *demo_site.page_urls()[:3]]
    _, events = _pool(urls, workers=4, as_completed_timeout=0.5)

    finished = check_run_shape(events, len(urls))
    assert finished.ok, "the timeout only reports; it fails nothing"
    timeouts = of_type(events, AsCompletedTimedOut)
    assert len(timeouts) == 1
    timed_out = timeouts[0]
    assert timed_out.timeout == 0.5
    assert 0 in timed_out.pending  # the slow page's job id
    assert timed_out.t_mono - events[0].t_mono >= 0.5
    # pending is exactly the jobs that had not ended when it was reported.
    position = events.index(timed_out)
    ended_before = {e.job_id for e in events[:position] if is_terminal(e)}
    assert list(timed_out.pending) == sorted(set(range(len(urls))) - ended_before)
    slow_done = _ended_by_url(events, urls)[slow]
    assert isinstance(slow_done, JobDone)
    assert events.index(slow_done) > position
    assert slow_done.duration >= 1.9


# -- a worker killed from outside ---------------------------------------------------


def test_killed_worker_fails_only_its_own_job(demo_site: DemoSite) -> None:
    slow = demo_site.url("/slow?delay=3")
    # Two more slow pages keep the other workers busy when the pool breaks,
    # so their jobs must be handed to a fresh pool, not failed.
    others = [demo_site.url("/slow?delay=1&n=1"), demo_site.url("/slow?delay=1&n=2")]
    urls = [slow, *others, *demo_site.page_urls()[:3]]
    victim: dict[str, int] = {}

    def kill_the_slow_job(event: Event) -> None:
        if isinstance(event, JobStarted) and event.label == slow and not victim:
            victim["pid"] = event.worker.pid
            victim["started"] = event.t_mono
            os.kill(event.worker.pid, signal.SIGKILL)

    with PoolRun(PoolOptions(urls=tuple(urls), workers=3)) as run:
        events = drive(run, timeout=30, on_event=kill_the_slow_job)

    finished = check_run_shape(events, len(urls))
    assert (finished.killed, finished.done, finished.failed) == (1, len(urls) - 1, 0)
    ended = _ended_by_url(events, urls)
    killed = ended[slow]
    assert isinstance(killed, JobKilled)
    pid = victim["pid"]
    assert killed.worker == process_worker(pid)
    assert killed.failure == Failure(FailureKind.KILLED, signal="SIGKILL", pid=pid)
    assert failure_text(killed.failure) == f"pool worker {pid} was killed by SIGKILL"
    assert killed.measured_by == MEASURED_BY_PARENT
    assert killed.started_mono == victim["started"]
    for url in urls[1:]:
        assert isinstance(ended[url], JobDone), ended[url]
        assert ended[url].pid != pid
    # The slow pages the break interrupted ran again, in workers of a new pool.
    broke_at = events.index(killed)
    first_pool = {e.worker.pid for e in events[:broke_at] if isinstance(e, JobStarted)}
    for url in others:
        rerun = [e for e in events[broke_at:] if isinstance(e, JobStarted) and e.label == url]
        assert rerun, f"{url} was not started again after the pool broke"
        assert ended[url].worker == rerun[-1].worker
        assert rerun[-1].worker.pid not in first_pool
    assert live_descendants([pid, *(e.worker.pid for e in of_type(events, JobStarted))]) == []

    # The next run gets a pool of its own and works.
    _, again = _pool(demo_site.page_urls()[:2], workers=2)
    assert check_run_shape(again, 2).ok


# -- Stop ----------------------------------------------------------------------------


def test_stop_mid_run_stops_the_running_and_cancels_the_queued(demo_site: DemoSite) -> None:
    fast = demo_site.url("/pages/1k")
    slow = [demo_site.url(f"/slow?delay=5&n={i}") for i in range(4)]
    urls = [fast, *slow]  # 2 workers: two slow pages run, two wait
    started: dict[int, int] = {}

    with PoolRun(PoolOptions(urls=tuple(urls), workers=2)) as run:
        events: list[Event] = []
        deadline = time.monotonic() + 30
        while len([j for j in started if j > 0]) < 2 or not of_type(events, JobDone):
            assert time.monotonic() < deadline, "two slow pages did not start in 30 s"
            for event in run.poll(0.05):
                events.append(event)
                if isinstance(event, JobStarted):
                    started[event.job_id] = event.worker.pid
        stopped_at = time.monotonic()
        run.cancel()
        events += drive(run, timeout=10)
        took = time.monotonic() - stopped_at

    finished = check_run_shape(events, len(urls))
    assert (finished.done, finished.stopped, finished.cancelled) == (1, 2, 2)
    assert finished.stop_requested and not finished.ok
    assert took < 3.0, f"Stop took {took:.1f} s"
    (stopping,) = of_type(events, RunStopping)
    assert (stopping.running, stopping.can_end_running) == (2, True)
    ended = terminal_by_job(events)
    assert isinstance(ended[0], JobDone)
    for job_id in range(1, 5):
        event = ended[job_id]
        if job_id in started:
            assert isinstance(event, JobStopped), event
            assert event.failure == Failure(FailureKind.STOPPED, signal="SIGTERM")
            assert event.worker == process_worker(started[job_id])
        else:
            assert isinstance(event, JobCancelled), event
            assert event.failure == Failure(FailureKind.NEVER_STARTED)
            assert event.worker is None
    assert len([j for j in started if j > 0]) == 2
    assert live_descendants(started.values()) == []


def test_close_is_idempotent_and_fine_on_a_never_polled_run(demo_site: DemoSite) -> None:
    never_polled = PoolRun(PoolOptions(urls=(demo_site.url("/pages/1k"),)))
    assert never_polled.close() == []
    assert never_polled.close() == []
    assert never_polled.poll(0.01) == []

    with PoolRun(PoolOptions(urls=(demo_site.url("/pages/1k"),), workers=1)) as run:
        assert check_run_shape(drive(run), 1).ok
    assert run.close() == []


def test_insecure_flag_is_told_in_run_started(demo_site: DemoSite) -> None:
    _, events = _pool([demo_site.url("/pages/1k")], workers=1, verify_tls=False)

    assert check_run_shape(events, 1).ok
    assert events[0].setting("verify_tls") is False
