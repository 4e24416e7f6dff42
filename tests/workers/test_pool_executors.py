"""Executors as plug-ins: the registry, the workers each names, and what
Stop can and cannot do with threads. Real pools against the demo site."""

from __future__ import annotations

import os
import re
import time
import tokenize
from pathlib import Path

import pytest

from tests.workers.run_helpers import check_run_shape, drive, of_type, terminal_by_job
from workers.demo_site import DemoSite
from workers.events import Event, JobCancelled, JobDone, JobStarted, RunStarted, RunStopping
from workers.executors import DEFAULT_EXECUTOR, executor_names, get_executor
from workers.executors.base import ExecutorPlugin
from workers.failures import Failure, FailureKind
from workers.options import PoolOptions
from workers.runs.pool_run import PoolRun
from workers.terms import WorkerKind, WorkerRef

WORKERS_DIR = Path(__file__).resolve().parents[2] / "workers"


def _pool(urls: list[str], **options: object) -> list[Event]:
    with PoolRun(PoolOptions(urls=tuple(urls), **options)) as run:  # type: ignore[arg-type]
        return drive(run)


# -- the registry ----------------------------------------------------------------------


def test_registry_lists_each_plugin_module_the_default_first() -> None:
    names = executor_names()
    assert names[0] == DEFAULT_EXECUTOR == "process"
    assert set(names) == {"process", "thread", "dask"}
    for name in names:
        plugin = get_executor(name)
        assert isinstance(plugin, ExecutorPlugin)
        assert plugin.name == name
    assert get_executor("process").can_end_running
    assert not get_executor("thread").can_end_running
    with pytest.raises(KeyError):
        get_executor("base")  # the plug-ins' base module is not one
    with pytest.raises(KeyError):
        get_executor("ray")
    with pytest.raises(KeyError):
        get_executor("_dask_pool")  # a plug-in's private module is not one either


def test_nothing_outside_the_plugins_knows_which_executor_runs() -> None:
    # The executor's private worker table, making an executor, asking which
    # one runs, and the kinds of workers are only the plug-ins' business
    # (terms.py defines the kinds).
    pattern = re.compile(r"\. _processes\b|(Process|Thread)PoolExecutor\b|executor [!=]=")
    # A worker's kind is data: the words for it are made where words are made,
    # and a named run as threads names its threads; the pool itself never asks.
    kinds = re.compile(r"WorkerKind \. [A-Z]")
    kind_allowed = {"terms.py", "words.py", "lesson_text.py", "named_thread_run.py"}
    offenders = []
    for path in WORKERS_DIR.rglob("*.py"):
        if path.parent.name == "executors":
            continue
        for number, code in _code_lines(path).items():
            if pattern.search(code) or (path.name not in kind_allowed and kinds.search(code)):
                offenders.append(f"{path.relative_to(WORKERS_DIR)}:{number}: {code}")
    assert offenders == []


def _code_lines(path: Path) -> dict[int, str]:
    """Each line's code without its strings and comments (docstrings may
    name the executors)."""
    lines: dict[int, list[str]] = {}
    with path.open("rb") as handle:
        for token in tokenize.tokenize(handle.readline):
            if token.type in (tokenize.NAME, tokenize.OP):
                lines.setdefault(token.start[0], []).append(token.string)
    return {number: " ".join(parts) for number, parts in lines.items()}


# -- who ran each job ----------------------------------------------------------------------


def test_process_workers_are_processes_of_their_own(demo_site: DemoSite) -> None:
    urls = [demo_site.url(f"/slow?delay=0.5&n={i}") for i in range(3)]
    events = _pool(urls, workers=3, executor="process")

    assert check_run_shape(events, 3).ok
    started: RunStarted = events[0]
    assert (started.executor, started.workers) == ("process", 3)
    assert started.start_method
    workers = {e.worker for e in of_type(events, JobDone)}
    assert all(w.kind is WorkerKind.PROCESS and w.thread == "" for w in workers)
    assert len({w.pid for w in workers}) == 3
    assert os.getpid() not in {w.pid for w in workers}


def test_thread_workers_are_distinct_threads_in_this_process(demo_site: DemoSite) -> None:
    # Slow pages, one per thread: each of the three threads takes one.
    urls = [demo_site.url(f"/slow?delay=0.5&n={i}") for i in range(3)]
    events = _pool(urls, workers=3, executor="thread")

    finished = check_run_shape(events, 3)
    assert finished.ok
    started: RunStarted = events[0]
    assert (started.executor, started.start_method, started.workers) == ("thread", "", 3)
    done = of_type(events, JobDone)
    for event in done:
        assert event.worker.kind is WorkerKind.THREAD
        assert event.worker.pid == os.getpid()
        assert event.worker.thread
        assert event.nbytes and event.status == 200
    # Three rows, three threads, one PID: the key tells them apart.
    assert len({e.worker.thread for e in done}) == 3
    assert len({e.worker.key for e in done}) == 3
    # The start report came from the thread that did the job.
    starts = {e.job_id: e.worker for e in of_type(events, JobStarted)}
    assert starts == {e.job_id: e.worker for e in done}


# -- Stop with threads -----------------------------------------------------------------------


def test_thread_stop_cancels_the_queued_and_lets_the_running_finish(
    demo_site: DemoSite,
) -> None:
    slow = [demo_site.url(f"/slow?delay=1&n={i}") for i in range(2)]
    queued = demo_site.page_urls()[:3]
    urls = [*slow, *queued]  # 2 threads: both take a slow page, the rest wait
    started: dict[int, WorkerRef] = {}

    with PoolRun(PoolOptions(urls=tuple(urls), workers=2, executor="thread", timeout=7)) as run:
        events: list[Event] = []
        deadline = time.monotonic() + 30
        while len(started) < 2:
            assert time.monotonic() < deadline, "two slow pages did not start in 30 s"
            for event in run.poll(0.05):
                events.append(event)
                if isinstance(event, JobStarted):
                    started[event.job_id] = event.worker
        run.cancel()
        events += drive(run, timeout=10)

    finished = check_run_shape(events, len(urls))
    assert sorted(started) == [0, 1]
    # Threads cannot be ended: said so, with how long they may take at most.
    (stopping,) = of_type(events, RunStopping)
    assert (stopping.running, stopping.can_end_running, stopping.wait_limit) == (2, False, 7)
    ended = terminal_by_job(events)
    for job_id in (0, 1):  # their real outcome
        assert isinstance(ended[job_id], JobDone), ended[job_id]
        assert ended[job_id].worker == started[job_id]
        assert events.index(ended[job_id]) > events.index(stopping)
    for job_id in (2, 3, 4):
        assert isinstance(ended[job_id], JobCancelled), ended[job_id]
        assert ended[job_id].failure == Failure(FailureKind.NEVER_STARTED)
    assert (finished.done, finished.cancelled, finished.stopped) == (2, 3, 0)
    assert finished.stop_requested and not finished.ok
