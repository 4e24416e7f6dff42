"""Engine benchmarks: what the engine costs next to the lesson's own scripts.

    .venv/bin/python tests/perf/bench_engine.py [--quick] [--only NAME]

Every figure is measured against a baseline in the same run, several times
(7, or 3 with --quick), and printed as median, min and max with its target;
the script exits 1 if a target is missed. Benchmarks (NAME for --only):

overhead  100 named processes per start method, the lesson's square with
          its sleep at 0 s: NamedProcessRun driven to the end / the lesson's
          loop (ctx.Process(name=str(i), target=square, args=(i,)) x 100,
          start all, join all), in the same interpreter and, for forkserver,
          from the same server. Wall-time target <= 1.15; the CPU-time ratio
          (parent, children and forkserver) is in the notes, since it is
          hardly moved by other programs on the machine.
fetch     20 pages of 5 MiB with 5 workers, default start method: PoolRun /
          the lesson's ProcessPoolExecutor + load_url, which pickles every
          body back to the parent. Target <= 0.7.
memory    the parent's peak RSS above idle while one page exactly at the
          size cap is fetched, each in a fresh interpreter: PoolRun (target
          <= 100 MB) and, for comparison, the lesson's load_url.
scale     1000 named processes sleeping 0-1 s: all done, no start failures,
          wall time, peak parent fds; and once more with the soft
          RLIMIT_NOFILE lowered to 1024 first, to show the engine raises it.

The demo site runs in this process; each measurement runs in a fresh
interpreter started with ``python -c``, whose ``__main__`` has no file, so
spawn and forkserver children import only their job's module. (Before Python
3.13 the forkserver cannot preload ``__main__``, CPython gh-126631, so every
child, the lesson's and the engine's alike, would otherwise re-run this
script.) Before each benchmark the script waits up to 30 s for other
programs to leave the cores idle, and notes how busy they were.

Not a pytest test: pytest collects test_*.py only.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from typing import TYPE_CHECKING

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
for _path in (HERE, REPO):  # `_bench` and `workers`, however this is started
    if _path not in sys.path:
        sys.path.insert(0, _path)

from _bench import (  # noqa: E402  (after the path set-up)
    NO_BYTECODE_CACHE_HELP,
    Figure,
    PeakSampler,
    alternating,
    bytecode_cache_for_children,
    load_url,
    measured,
    print_table,
    run_child,
    spread,
    square,
    timed,
    wait_until_quiet,
)

if TYPE_CHECKING:
    from workers.events import Event, RunFinished
    from workers.runs.run_base import Run

BENCHES = ("overhead", "fetch", "memory", "scale")
MB = 1024 * 1024

OVERHEAD_PROCESSES = 100
OVERHEAD_TARGET = 1.15
FETCH_PAGES = 20
FETCH_PATH = "/pages/5m"
FETCH_WORKERS = 5
FETCH_TARGET = 0.7
MEMORY_TARGET_MB = 100.0
SCALE_PROCESSES = 1000
SCALE_SLEEP = (0.0, 1.0)
SCALE_LOW_NOFILE = 1024
SCALE_WALL_LIMIT_S = 180.0  # "a few minutes" on 2 cores
CHILD_TIMEOUT_S = 600.0


# -- the lesson's two scripts ------------------------------------------------------


def lesson_named(method: str, processes: int) -> float:
    """The lesson's first script for ``processes`` children; seconds taken."""
    ctx = multiprocessing.get_context(method)
    t0 = time.perf_counter()
    procs = [ctx.Process(name=str(i), target=square, args=(i,)) for i in range(1, processes + 1)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - t0
    bad = [p.exitcode for p in procs if p.exitcode != 0]
    for p in procs:
        p.close()
    if bad:
        raise RuntimeError(f"lesson loop: {len(bad)} children failed ({bad[:5]})")
    return elapsed


def lesson_fetch(urls: list[str], workers: int, method: str) -> tuple[float, int]:
    """The lesson's second script; (seconds, total bytes)."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    t0 = time.perf_counter()
    total = 0
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context(method)
    ) as executor:
        future_to_url = {executor.submit(load_url, url, 60): url for url in urls}
        for future in as_completed(future_to_url):
            total += len(future.result())
    return time.perf_counter() - t0, total


# -- the engine ---------------------------------------------------------------


def drive(run: Run) -> tuple[RunFinished | None, list[Event]]:
    """Poll a run to the end as the command line does (without printing);
    returns its RunFinished and every event."""
    from workers.events import RunFinished

    finished = None
    events: list[Event] = []
    while not run.finished:
        for event in run.poll(0.05):
            events.append(event)
            if isinstance(event, RunFinished):
                finished = event
    run.close()
    return finished, events


def engine_named(method: str, processes: int) -> float:
    from workers.options import NamedOptions
    from workers.runs.named_run import NamedProcessRun

    t0 = time.perf_counter()
    run = NamedProcessRun(
        NamedOptions(processes=processes, sleep_min=0, sleep_max=0, start_method=method)
    )
    finished, _ = drive(run)
    elapsed = time.perf_counter() - t0
    if finished is None or finished.done != processes:
        raise RuntimeError(f"engine {method}: {finished}")
    return elapsed


def engine_fetch(urls: list[str], workers: int, method: str | None = None) -> tuple[float, int]:
    from workers.options import PoolOptions
    from workers.runs.pool_run import PoolRun

    t0 = time.perf_counter()
    run = PoolRun(PoolOptions(urls=tuple(urls), workers=workers, start_method=method))
    finished, events = drive(run)
    elapsed = time.perf_counter() - t0
    if finished is None or finished.done != len(urls):
        failed = [e for e in events if type(e).__name__ == "JobFailed"]
        raise RuntimeError(f"engine fetch: {finished}; {failed[:2]}")
    total = sum(e.nbytes for e in events if type(e).__name__ == "JobDone")
    return elapsed, total


# -- 1. overhead ----------------------------------------------------------------


def child_overhead(method: str, reps: int) -> dict:
    """In a fresh interpreter: the engine and the lesson's loop, alternately;
    wall and CPU seconds of each run."""
    import multiprocessing.forkserver

    from workers.start_methods import context_for

    # The forkserver is one per process, started on first use with the
    # preload list set last; the engine sets its list each time a run is
    # made. Start the server here with the engine's list plus the lesson's
    # job module, so both sides' jobs are preloaded, then warm up before
    # anything is timed. Both sides then fork from this same server.
    context_for(method)
    if method == "forkserver":
        preload = list(getattr(multiprocessing.forkserver._forkserver, "_preload_modules", []))
        multiprocessing.get_context(method).set_forkserver_preload([*preload, "_bench"])
        multiprocessing.forkserver.ensure_running()
    engine_named(method, 10)
    lesson_named(method, 10)
    engine, lesson = alternating(
        reps,
        lambda: measured(lambda: engine_named(method, OVERHEAD_PROCESSES)),
        lambda: measured(lambda: lesson_named(method, OVERHEAD_PROCESSES)),
    )
    return {"engine": engine, "lesson": lesson}


def bench_overhead(reps: int) -> list[Figure]:
    from workers.start_method_choices import available_start_methods

    figures = []
    for method in available_start_methods():
        busy = wait_until_quiet()
        r = _child(["overhead", method, str(reps)])
        name = f"{method}: engine/lesson wall, {OVERHEAD_PROCESSES} procs"
        figures.append(_pair_figure("overhead", name, r, OVERHEAD_TARGET, busy))
        _progress(f"overhead {method}")
    return figures


def _pair_figure(bench: str, name: str, r: dict, limit: float, busy: float | None) -> Figure:
    """The wall-time ratio of paired runs; CPU seconds (contention-proof) in the note."""
    e_wall, e_cpu = [w for w, _ in r["engine"]], [c for _, c in r["engine"]]
    l_wall, l_cpu = [w for w, _ in r["lesson"]], [c for _, c in r["lesson"]]
    return Figure(
        bench,
        name,
        [e / b for e, b in zip(e_wall, l_wall, strict=True)],
        limit=limit,
        note=(
            f"wall engine {spread(e_wall)} s, lesson {spread(l_wall)} s; CPU engine/lesson "
            f"{spread([e / b for e, b in zip(e_cpu, l_cpu, strict=True)])} "
            f"(lesson {spread(l_cpu)} s){_busy_note(busy)}"
        ),
    )


# -- 2. fetch ---------------------------------------------------------------------


def child_fetch(base_url: str, reps: int) -> dict:
    """In a fresh interpreter: PoolRun and the lesson's pool, alternately,
    each fetching FETCH_PAGES pages from the demo site at ``base_url``."""
    from workers.demo_site import PAGE_SIZES
    from workers.start_method_choices import default_start_method
    from workers.start_methods import context_for

    method = default_start_method()
    context_for(method)  # the engine's preload list, before the server starts
    urls = [base_url + FETCH_PATH] * FETCH_PAGES
    expected = PAGE_SIZES[FETCH_PATH] * FETCH_PAGES

    def checked(result: tuple[float, int]) -> float:
        elapsed, total = result
        if total != expected:
            raise RuntimeError(f"fetched {total} bytes, expected {expected}")
        return elapsed

    engine_fetch(urls[:FETCH_WORKERS], FETCH_WORKERS)  # warm-up
    lesson_fetch(urls[:FETCH_WORKERS], FETCH_WORKERS, method)
    engine, lesson = alternating(
        reps,
        lambda: measured(lambda: checked(engine_fetch(urls, FETCH_WORKERS))),
        lambda: measured(lambda: checked(lesson_fetch(urls, FETCH_WORKERS, method))),
    )
    return {"engine": engine, "lesson": lesson, "method": method}


def bench_fetch(reps: int, base_url: str) -> list[Figure]:
    busy = wait_until_quiet()
    r = _child(["fetch", base_url, str(reps)])
    figure = _pair_figure(
        "fetch",
        f"{r['method']}: engine/lesson wall, {FETCH_PAGES} x 5 MiB, {FETCH_WORKERS} workers",
        r,
        FETCH_TARGET,
        busy,
    )
    _progress("fetch")
    return [figure]


# -- 3. memory ----------------------------------------------------------------------


def child_memory(which: str, base_url: str) -> dict:
    """In a fresh interpreter: warm up, note the idle RSS, then fetch the page
    at the size cap while sampling RSS every 10 ms. Bytes above idle."""
    import gc
    import resource

    import psutil

    from workers.options import DEFAULT_MAX_BYTES
    from workers.start_method_choices import default_start_method
    from workers.start_methods import context_for

    method = default_start_method()
    context_for(method)
    # fetch.py refuses a body only when it is *larger* than the cap
    # (Content-Length > max_bytes, or more than max_bytes read): exactly
    # DEFAULT_MAX_BYTES is accepted.
    big = [f"{base_url}/bytes/{DEFAULT_MAX_BYTES}"]
    small = [f"{base_url}/pages/1k"]

    def fetch(urls: list[str]) -> tuple[float, int]:
        if which == "engine":
            return engine_fetch(urls, 1)
        return lesson_fetch(urls, 1, method)

    fetch(small)  # start the forkserver, fill import and allocator caches
    gc.collect()
    time.sleep(0.2)
    me = psutil.Process()
    idle = me.memory_info().rss
    maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    with PeakSampler(lambda: me.memory_info().rss, 0.01) as sampler:
        _, nbytes = fetch(big)
    maxrss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    peak = sampler.peak
    if maxrss_after > maxrss_before:  # the run set a new lifetime peak: exact
        peak = max(peak, maxrss_after)
    return {
        "idle": idle,
        "peak": peak,
        "increase": peak - idle,
        "nbytes": nbytes,
        "expected": DEFAULT_MAX_BYTES,
        "samples": sampler.samples,
    }


def bench_memory(reps: int, base_url: str) -> list[Figure]:
    from workers.jobs.fetch import format_size
    from workers.options import DEFAULT_MAX_BYTES

    results: dict[str, list[dict]] = {"engine": [], "lesson": []}
    wait_until_quiet()
    for i in range(reps):
        for which in ("engine", "lesson") if i % 2 == 0 else ("lesson", "engine"):
            r = _child(["memory", which, base_url])
            if r["nbytes"] != r["expected"]:
                raise RuntimeError(f"memory {which}: fetched {r['nbytes']} of {r['expected']}")
            results[which].append(r)
    figures = []
    for which, limit in (("engine", MEMORY_TARGET_MB), ("lesson", None)):
        rs = results[which]
        idle = spread([r["idle"] / MB for r in rs], "{:.1f}")
        figures.append(
            Figure(
                "memory",
                f"{which}: parent peak RSS above idle, {format_size(DEFAULT_MAX_BYTES)} page",
                [r["increase"] / MB for r in rs],
                unit="MB",
                limit=limit,
                note=f"idle RSS {idle} MB; at least {min(r['samples'] for r in rs)} samples a run",
            )
        )
    engine = [r["increase"] for r in results["engine"]]
    lesson = [r["increase"] for r in results["lesson"]]
    figures.append(
        Figure(
            "memory",
            "engine/lesson, peak RSS above idle",
            [e / max(b, 1) for e, b in zip(engine, lesson, strict=True)],
        )
    )
    _progress("memory")
    return figures


# -- 4. scale -------------------------------------------------------------------------


def child_scale(processes: int, nofile: int | None) -> dict:
    """In a fresh interpreter: run ``processes`` named children to the end,
    sampling the parent's open descriptors every 10 ms."""
    import resource

    if nofile is not None:  # before anything opens a file
        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, hard))
    soft_before = resource.getrlimit(resource.RLIMIT_NOFILE)[0]

    import psutil

    from workers.options import NamedOptions
    from workers.os_limits import safe_process_limit
    from workers.runs.named_run import NamedProcessRun

    limit, why = safe_process_limit()
    force = processes > limit
    me = psutil.Process()
    idle_fds = me.num_fds()
    options = NamedOptions(
        processes=processes,
        sleep_min=SCALE_SLEEP[0],
        sleep_max=SCALE_SLEEP[1],
        force=force,
        seed=1,
    )
    with (
        PeakSampler(me.num_fds, 0.01) as fds,
        # recursive: forkserver children are the server's, not ours
        PeakSampler(lambda: len(me.children(recursive=True)), 0.1) as kids,
    ):
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        wall, (finished, events) = timed(lambda: drive(NamedProcessRun(options)))
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    kinds: dict[str, int] = {}
    for event in events:
        if type(event).__name__ == "JobFailed":
            kind = event.failure.kind.value
            kinds[kind] = kinds.get(kind, 0) + 1
    return {
        "processes": processes,
        "done": finished.done if finished else 0,
        "killed": finished.killed if finished else 0,
        "failed_kinds": kinds,
        "wall": wall,
        "parent_cpu": cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime,
        "idle_fds": idle_fds,
        "peak_fds": fds.peak,
        "peak_children": kids.peak,
        "soft_before": soft_before,
        "soft_after": resource.getrlimit(resource.RLIMIT_NOFILE)[0],
        "forced": force,
        "safe_limit": f"{limit} ({why})",
    }


def bench_scale(quick: bool) -> list[Figure]:
    # --quick runs only the lowered-limit run: it checks everything the other
    # one does, and the raising of the limit besides.
    figures = []
    for nofile in [SCALE_LOW_NOFILE] if quick else [None, SCALE_LOW_NOFILE]:
        busy = wait_until_quiet()
        r = _child(["scale", str(SCALE_PROCESSES)] + ([str(nofile)] if nofile else []))
        tag = f"nofile {nofile}" if nofile else "nofile as is"
        n = r["processes"]
        start_failures = r["failed_kinds"].get("start_failed", 0)
        others = {k: v for k, v in r["failed_kinds"].items() if k != "start_failed"}
        figures += [
            Figure(
                "scale",
                f"{tag}: done of {n}",
                [r["done"]],
                "",
                n,
                at_least=True,
                note=(
                    f"peak live processes under the parent {r['peak_children']} "
                    f"(forkserver included); force={r['forced']} "
                    f"(safe limit {r['safe_limit']}); killed {r['killed']}, "
                    f"other failures {others or 0}{_busy_note(busy)}"
                ),
            ),
            Figure("scale", f"{tag}: JobFailed kind=start_failed", [start_failures], "", 0),
            Figure(
                "scale",
                f"{tag}: wall time",
                [r["wall"]],
                "s",
                SCALE_WALL_LIMIT_S,
                note=f"parent CPU {r['parent_cpu']:.1f} s (samplers included)",
            ),
            Figure(
                "scale",
                f"{tag}: peak parent fds",
                [r["peak_fds"]],
                "",
                note=f"idle {r['idle_fds']}",
            ),
            Figure(
                "scale",
                f"{tag}: soft RLIMIT_NOFILE after",
                [r["soft_after"]],
                "",
                # The limit must cover the peak; and, lowered, it must have risen.
                max(r["peak_fds"] + 1, (nofile or 0) + 1),
                at_least=True,
                note=f"{r['soft_before']} before the run",
            ),
        ]
        _progress(f"scale {tag}")
    return figures


# -- main ---------------------------------------------------------------------------


#: Environment overrides for the measured interpreters (see main).
_child_env: dict[str, str | None] = {}


def _child(args: list[str]) -> dict:
    return run_child(HERE, "bench_engine", args, CHILD_TIMEOUT_S, path=[REPO], env=_child_env)


def _busy_note(busy: float | None) -> str:
    return "" if busy is None else f"; cores {busy:.0%} busy with other work just before"


def _progress(what: str) -> None:
    print(f"  {what}: measured", file=sys.stderr, flush=True)


def child_main(args: list[str]) -> int:
    """One measurement in this fresh interpreter, printed as JSON."""
    import json

    kind, rest = args[0], args[1:]
    # The lesson's children print; nobody reads that, as nobody prints the
    # engine's reports here. Every child inherits this /dev/null as stdout.
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    try:
        if kind == "overhead":
            result = child_overhead(rest[0], int(rest[1]))
        elif kind == "fetch":
            result = child_fetch(rest[0], int(rest[1]))
        elif kind == "memory":
            result = child_memory(rest[0], rest[1])
        elif kind == "scale":
            result = child_scale(int(rest[0]), int(rest[1]) if len(rest) > 1 else None)
        else:
            raise SystemExit(f"unknown measurement {kind!r}")
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
    print(json.dumps(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    import argparse

    from workers.demo_site import DemoSite

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 repetitions instead of 7")
    parser.add_argument(
        "--only", choices=BENCHES, action="append", metavar="NAME", help=", ".join(BENCHES)
    )
    parser.add_argument("--no-bytecode-cache", action="store_true", help=NO_BYTECODE_CACHE_HELP)
    args = parser.parse_args(argv)
    reps = 3 if args.quick else 7
    chosen = args.only or list(BENCHES)
    figures: list[Figure] = []
    # The demo site runs here, so the measured interpreters only fetch.
    with bytecode_cache_for_children(args.no_bytecode_cache) as env, DemoSite() as site:
        _child_env.update(env)
        cache_dir = env.get("PYTHONPYCACHEPREFIX")
        print(
            f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; "
            f"{'quick' if args.quick else 'full'} run of {', '.join(chosen)}; bytecode "
            f"{'cached in ' + cache_dir if cache_dir else 'as the environment has it'}",
            file=sys.stderr,
            flush=True,
        )
        t0 = time.perf_counter()
        if "overhead" in chosen:
            figures += bench_overhead(reps)
        if "fetch" in chosen:
            figures += bench_fetch(reps, site.base_url)
        if "memory" in chosen:
            figures += bench_memory(reps if args.quick else 5, site.base_url)
        if "scale" in chosen:
            figures += bench_scale(args.quick)
    print()
    print_table(figures)
    missed = [f for f in figures if f.passed is False]
    print(
        f"\n{len(figures) - len(missed)} of {len(figures)} figures on target "
        f"({sum(f.passed is None for f in figures)} for information only), "
        f"in {time.perf_counter() - t0:.0f} s."
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
