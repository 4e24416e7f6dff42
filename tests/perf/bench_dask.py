"""When does a Dask cluster pay off? The same jobs on a 2-worker LocalCluster
and on a 2-worker ProcessPoolExecutor, in the same run.

    .venv/bin/python tests/perf/bench_dask.py [--quick]

Prints figures, no PASS/FAIL (there is no target): a teacher's numbers for
the "Beyond one machine" step. Each figure is the median of 5 repetitions
(1 with --quick), min and max beside it.

1. What Dask's overhead is made of: importing ``distributed``, starting the
   cluster (LocalCluster and Client, as the app makes them), a round trip
   to the scheduler (``client.nthreads()``), one no-op task's round trip
   (submit, run on a worker, result back), the cost per task when 200 no-op
   tasks are submitted at once (the same for the process pool), and
   shutting the cluster down.
2. 20 demo-site pages (the demo's six sizes, 1 KiB to 10 MiB, in turn), as
   the app runs them (``PoolRun``, start to finish, the cluster or pool
   started and shut down within) and on executors already up. The ratio
   Dask / processes.
3. Sleep tasks of 10 ms, 100 ms and 1 s on both, against the ideal (tasks x
   length / 2 workers): the overhead per task, and how much of the ideal
   time it adds.

The demo site runs in this process. Not a pytest test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
for _path in (HERE, REPO):  # `_bench` and `workers`, however this is started
    if _path not in sys.path:
        sys.path.insert(0, _path)

from _bench import wait_until_quiet  # noqa: E402  (after the path set-up)

from workers.demo_site import DemoSite  # noqa: E402
from workers.jobs.fetch import fetch_url  # noqa: E402
from workers.start_methods import context_for  # noqa: E402

WORKERS = 2
PAGES = 20
NOOP_TASKS = 200
SLEEPS = ((0.01, 40), (0.1, 20), (1.0, 4))  # (task length s, tasks)
TIMEOUT_S = 60.0


def _stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def _line(what: str, values: list[float], unit: str = "s", scale: float = 1.0) -> None:
    median, low, high = (v * scale for v in _stats(values))
    print(f"  {what:<52} {median:9.3f} {unit:<3} ({low:.3f}–{high:.3f})")


def _pages(site: DemoSite) -> list[str]:
    sizes = site.page_urls()
    # A query of its own for each: twenty jobs, never one cached answer.
    return [f"{sizes[i % len(sizes)]}?n={i}" for i in range(PAGES)]


def _fetch_all(executor: Executor, urls: list[str]) -> int:
    futures = [executor.submit(fetch_url, url, TIMEOUT_S) for url in urls]
    total = 0
    for future in as_completed(futures):
        outcome = future.result()
        assert outcome.ok, outcome.failure
        total += outcome.nbytes
    return total


def _timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def _process_pool() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=WORKERS, mp_context=context_for(None))


def _warm(executor: Executor) -> None:
    """Every worker up and through its first task."""
    for future in [executor.submit(time.sleep, 0.05) for _ in range(WORKERS * 2)]:
        future.result()


# -- 1. the pages --------------------------------------------------------------------------------


def engine_run(executor: str, urls: list[str]) -> tuple[float, float, float, float]:
    """The app's run, start to finish: pool or cluster made and shut down.
    (whole, start-up, jobs, shut-down): start-up until RunStarted (made once
    the pool or cluster is up), the jobs until the last one ended, shut-down
    until RunFinished (made once the pool or cluster is released)."""
    from workers.events import JobEnded, RunFinished, RunStarted
    from workers.options import PoolOptions
    from workers.runs.pool_run import PoolRun

    settings = (("workers", WORKERS),) if executor == "dask" else ()
    options = PoolOptions(
        urls=tuple(urls),
        workers=WORKERS,
        executor=executor,
        executor_settings=settings,
        timeout=TIMEOUT_S,
    )
    began = time.monotonic()  # the events' clock
    opened = last_end = finished = 0.0
    with PoolRun(options) as run:
        for event in run.events():
            if isinstance(event, RunStarted):
                opened = event.t_mono
            elif isinstance(event, JobEnded):
                assert type(event).__name__ == "JobDone", event
                last_end = event.t_mono
            elif isinstance(event, RunFinished):
                assert event.ok, event
                finished = event.t_mono
    took = time.monotonic() - began
    return took, opened - began, last_end - opened, finished - last_end


def bench_pages(urls: list[str], reps: int, client: object) -> None:
    print(f"\n2. {PAGES} demo-site pages, {WORKERS} workers")
    engine: dict[str, list[tuple[float, float, float, float]]] = {"process": [], "dask": []}
    for _ in range(reps):
        for name in engine:  # alternating, so both see the same machine
            engine[name].append(engine_run(name, urls))
    for name, what in (("process", "processes (pool"), ("dask", "Dask (cluster")):
        parts = list(zip(*engine[name], strict=True))
        _line(f"app run, {what} started and shut down)", list(parts[0]))
        _line("  start-up, until RunStarted", list(parts[1]))
        _line("  the jobs, until the last ended", list(parts[2]))
        _line("  shut-down, until RunFinished", list(parts[3]))
    ratios = [d[0] / p[0] for d, p in zip(engine["dask"], engine["process"], strict=True)]
    _line("  ratio Dask / processes", ratios, "x")

    warm = {"process": [], "dask": []}
    with _process_pool() as pool:
        _warm(pool)
        dask_executor = client.get_executor(pure=False)  # type: ignore[attr-defined]
        _warm(dask_executor)
        for _ in range(reps):
            warm["process"].append(_timed(lambda: _fetch_all(pool, urls)))
            warm["dask"].append(_timed(lambda: _fetch_all(dask_executor, urls)))
    _line("executor already up, processes", warm["process"])
    _line("executor already up, Dask", warm["dask"])
    ratios = [d / p for d, p in zip(warm["dask"], warm["process"], strict=True)]
    _line("  ratio Dask / processes", ratios, "x")


# -- 2. the overhead -----------------------------------------------------------------------------


def bench_overhead(reps: int) -> tuple[object, object]:
    """Prints the parts; returns a fresh cluster and its client, for the rest."""
    from distributed import Client, LocalCluster

    from workers.executors._dask_pool import local_cluster_options  # as the app's

    print(f"\n1. Dask's overhead ({WORKERS}-worker LocalCluster, one thread each)")
    starts, closes = [], []
    for _ in range(reps):
        began = time.perf_counter()
        cluster = LocalCluster(**local_cluster_options(WORKERS, dashboard=False))
        client = Client(cluster, set_as_default=False)
        starts.append(time.perf_counter() - began)
        began = time.perf_counter()
        client.close()
        cluster.close()
        closes.append(time.perf_counter() - began)
    _line("cluster start-up (LocalCluster + Client)", starts)
    _line("cluster shut-down", closes)

    cluster = LocalCluster(**local_cluster_options(WORKERS, dashboard=False))
    client = Client(cluster, set_as_default=False)
    executor = client.get_executor(pure=False)
    _warm(executor)
    rtt = [_timed(client.nthreads) for _ in range(50)]
    _line("scheduler round trip (client.nthreads())", rtt, "ms", 1000)
    one = [_timed(lambda: executor.submit(int).result()) for _ in range(50)]
    _line("one no-op task, submit to result", one, "ms", 1000)

    def burst(executor: Executor) -> float:
        took = _timed(lambda: [f.result() for f in [executor.submit(int) for _ in range(200)]])
        return took / NOOP_TASKS

    per_task = [burst(executor) for _ in range(reps)]
    _line(f"per task, {NOOP_TASKS} no-op tasks at once, Dask", per_task, "ms", 1000)
    with _process_pool() as pool:
        _warm(pool)
        one_p = [_timed(lambda: pool.submit(int).result()) for _ in range(50)]
        per_task_p = [burst(pool) for _ in range(reps)]
    _line("one no-op task, submit to result, processes", one_p, "ms", 1000)
    _line(f"per task, {NOOP_TASKS} no-op tasks at once, processes", per_task_p, "ms", 1000)
    return cluster, client


# -- 3. sleep tasks ------------------------------------------------------------------------------


def bench_sleeps(reps: int, client: object) -> None:
    print(f"\n3. Sleep tasks on {WORKERS} workers (ideal: tasks x length / {WORKERS})")
    dask_executor = client.get_executor(pure=False)  # type: ignore[attr-defined]
    with _process_pool() as pool:
        _warm(pool)
        for length, count in SLEEPS:
            ideal = count * length / WORKERS
            print(f"  {count} tasks of {length * 1000:g} ms (ideal {ideal:.3f} s):")
            for name, executor in (("Dask", dask_executor), ("processes", pool)):
                times = []
                for _ in range(reps):
                    began = time.perf_counter()
                    futures = [executor.submit(time.sleep, length) for _ in range(count)]
                    for future in futures:
                        future.result()
                    times.append(time.perf_counter() - began)
                median = statistics.median(times)
                per_task = (median - ideal) / count * WORKERS * 1000
                print(
                    f"    {name:<10} {median:7.3f} s ({min(times):.3f}–{max(times):.3f}), "
                    f"+{(median / ideal - 1) * 100:5.1f} % of the ideal, "
                    f"{per_task:6.2f} ms per task"
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one repetition each")
    args = parser.parse_args(argv)
    reps = 1 if args.quick else 5

    busy = wait_until_quiet()
    note = "" if busy is None else f", cores {busy:.0%} busy with other work at the start"
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores{note}")
    began = time.perf_counter()
    import distributed

    print(f"  import distributed {distributed.__version__}: {time.perf_counter() - began:.3f} s")

    site = DemoSite(port=0).start()
    cluster = client = None
    try:
        urls = _pages(site)
        cluster, client = bench_overhead(reps)
        bench_pages(urls, reps, client)
        bench_sleeps(reps, client)
    finally:
        for closing in (client, cluster):
            if closing is not None:
                closing.close()  # type: ignore[attr-defined]
        site.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
