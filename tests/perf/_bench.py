"""Helpers shared by the benchmark scripts in ``tests/perf/``, and the
lesson's own job functions that the benchmarks compare the engine with.

The lesson's children import this module (``square``, ``load_url``), so it
imports nothing but ``sys`` and ``time`` at the top: anything heavier would
slow the baseline's children and flatter the engine. Not a test module
(pytest collects ``test_*.py`` only).
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator, Sequence

# -- the lesson's job functions ------------------------------------------------


def square(n: int) -> int:
    """The lesson's job with its sleep set to 0 s, as the engine's runs are
    set here: say who it is, sleep, say the result. (The benchmark points
    stdout at /dev/null, as it shows none of the engine's reports either.)"""
    import os
    from multiprocessing import current_process

    print(f"Process ID: {os.getpid()}, Process Name: {current_process().name}")
    time.sleep(0)
    print(f"Result of {n} square : {n * n}")
    return n * n


def load_url(url: str, timeout: float) -> bytes:
    """The lesson's load_url: the whole body travels back to the parent."""
    import ssl
    import urllib.request

    with urllib.request.urlopen(
        url, timeout=timeout, context=ssl._create_unverified_context()
    ) as conn:
        return conn.read()


# -- figures and the table -------------------------------------------------------


class Figure:
    """One row of the table: repeated measurements and the target they meet.

    ``limit`` bounds the median from above (``<=``), or from below with
    ``at_least=True``. A figure without a limit is shown for information and
    never fails the run; ``failed=True`` fails it whatever the median says.
    """

    def __init__(
        self,
        bench: str,
        name: str,
        values: Sequence[float],
        unit: str = "x",
        limit: float | None = None,
        *,
        at_least: bool = False,
        note: str = "",
        failed: bool = False,
    ) -> None:
        self.bench = bench  # the --only name that produced it
        self.name = name  # what was measured, in a few words
        self.values = list(values)
        self.unit = unit  # "x" for a ratio, else "s", "MB", "" …
        self.limit = limit
        self.at_least = at_least
        self.note = note  # the baselines' absolute figures, or what went wrong
        self.failed = failed

    @property
    def median(self) -> float:
        import statistics

        return statistics.median(self.values)

    @property
    def passed(self) -> bool | None:
        if self.failed:
            return False
        if self.limit is None:
            return None
        return self.median >= self.limit if self.at_least else self.median <= self.limit

    def target(self) -> str:
        if self.limit is None:
            return "-"
        return f"{'>=' if self.at_least else '<='} {_cell(self.limit, self.unit)}"

    def result(self) -> str:
        return {True: "PASS", False: "FAIL", None: "info"}[self.passed]


def _cell(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.3f}"
    text = f"{value:.0f}" if value == int(value) or abs(value) >= 100 else f"{value:.1f}"
    return f"{text} {unit}" if unit else text


def print_table(figures: Sequence[Figure], out=None) -> None:
    """A compact fixed-width table, then one line per figure's note."""
    out = out or sys.stdout
    head = ("bench", "figure", "n", "median", "min", "max", "target", "result")
    rows = [
        (
            f.bench,
            f.name,
            str(len(f.values)),
            _cell(f.median, f.unit),
            _cell(min(f.values), f.unit),
            _cell(max(f.values), f.unit),
            f.target(),
            f.result(),
        )
        for f in figures
    ]
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*head).rstrip(), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for row in rows:
        print(line.format(*row).rstrip(), file=out)
    notes = [f for f in figures if f.note]
    if notes:
        print(file=out)
        for f in notes:
            print(f"{f.bench} | {f.name}: {f.note}", file=out)


def spread(values: Sequence[float], fmt: str = "{:.3f}") -> str:
    """``median [min-max]`` of ``values``."""
    import statistics

    med = statistics.median(values)
    return f"{fmt.format(med)} [{fmt.format(min(values))}-{fmt.format(max(values))}]"


# -- measuring ------------------------------------------------------------------------


def alternating(
    reps: int, first: Callable[[], float], second: Callable[[], float]
) -> tuple[list[float], list[float]]:
    """Run ``first`` and ``second`` ``reps`` times each, swapping which goes
    first every repetition, so neither always profits from a warm cache or
    pays for the other's leftovers. Returns the two lists of results."""
    a: list[float] = []
    b: list[float] = []
    for i in range(reps):
        if i % 2 == 0:
            a.append(first())
            b.append(second())
        else:
            b.append(second())
            a.append(first())
    return a, b


def timed(func: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result) of one call, by the performance counter."""
    t0 = time.perf_counter()
    result = func()
    return time.perf_counter() - t0, result


def cpu_seconds() -> float:
    """CPU seconds used so far by this process, its reaped children, and the
    forkserver with its reaped children (a forkserver's children are not
    ours, so getrusage cannot see them). Unlike wall time, barely moved by
    other programs competing for the cores."""
    import resource

    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    from workers.start_methods import forkserver_pid

    pid = forkserver_pid()
    if pid:
        import psutil

        t = psutil.Process(pid).cpu_times()
        total += t.user + t.system + t.children_user + t.children_system
    return total


def measured(func: Callable[[], float]) -> tuple[float, float]:
    """(what ``func`` returns, CPU seconds it cost, see cpu_seconds)."""
    before = cpu_seconds()
    result = func()
    return result, cpu_seconds() - before


def machine_busy(interval: float = 1.0) -> float | None:
    """Share of all cores busy during ``interval`` (None without /proc)."""

    def read() -> tuple[int, int]:
        with open("/proc/stat") as stat:
            ticks = [int(x) for x in stat.readline().split()[1:9]]
        return sum(ticks), ticks[3] + ticks[4]  # all, idle + iowait

    try:
        total0, idle0 = read()
        time.sleep(interval)
        total1, idle1 = read()
    except OSError:
        return None
    return 1.0 - (idle1 - idle0) / max(1, total1 - total0)


def wait_until_quiet(limit: float = 0.25, max_wait: float = 30.0) -> float | None:
    """Wait (up to ``max_wait`` s) until other programs leave the cores
    mostly idle, so they do not skew a measurement; returns the last busy
    share seen. On a shared 2-core machine someone else's test suite
    otherwise turns a 10 % difference into noise."""
    deadline = time.monotonic() + max_wait
    busy = machine_busy()
    if busy is None or busy <= limit:
        return busy
    print(
        f"  cores {busy:.0%} busy with other work: waiting up to {max_wait:.0f} s",
        file=sys.stderr,
        flush=True,
    )
    while busy is not None and busy > limit and time.monotonic() < deadline:
        time.sleep(1.0)
        busy = machine_busy()
    return busy


class PeakSampler:
    """Calls ``sample()`` every ``interval`` seconds in a daemon thread and
    keeps the largest value; use as a context manager."""

    def __init__(self, sample: Callable[[], float], interval: float = 0.01) -> None:
        import threading

        self._sample = sample
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="peak-sampler", daemon=True)
        self.peak = sample()
        self.samples = 1

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                value = self._sample()
            except Exception:  # the process is shutting down; keep what we have
                return
            self.samples += 1
            self.peak = max(self.peak, value)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        with contextlib.suppress(Exception):  # one last look: the peak may be at the end
            self.peak = max(self.peak, self._sample())


def run_child(
    module_dir: str,
    module: str,
    args: Sequence[str],
    timeout: float,
    path: Sequence[str] = (),
    env: dict[str, str | None] | None = None,
) -> dict:
    """Run ``module.child_main(args)`` in a fresh interpreter and return the
    JSON object it prints on its last stdout line.

    The interpreter is started with ``-c``, so its ``__main__`` has no file:
    spawn and forkserver children then import only what their job needs,
    instead of re-running a benchmark script (which would cost the lesson's
    children and the engine's alike, and hide the difference). Raises
    RuntimeError with the child's stderr if it fails. ``env`` overrides
    environment variables (None removes one).
    """
    import json
    import os
    import subprocess

    # PYTHONPATH, not sys.path: Python 3.11's forkserver ignores the parent's
    # sys.path when preloading (CPython gh-117378), and would silently fail
    # to preload a module found only through it.
    child_env = dict(os.environ)
    for key, value in (env or {}).items():
        if value is None:
            child_env.pop(key, None)
        else:
            child_env[key] = value
    child_env["PYTHONPATH"] = os.pathsep.join(
        [module_dir, *path, *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    boot = f"import sys; from {module} import child_main; sys.exit(child_main(sys.argv[1:]))"
    proc = subprocess.run(
        [sys.executable, "-c", boot, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=child_env,
    )
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(
            f"child {' '.join(args)} exited with {proc.returncode}: {proc.stderr.strip()[-3000:]}"
        )
    return json.loads(lines[-1])


NO_BYTECODE_CACHE_HELP = (
    "keep PYTHONDONTWRITEBYTECODE if set: every fresh interpreter then compiles "
    "the project's modules from source"
)


@contextlib.contextmanager
def bytecode_cache_for_children(disabled: bool) -> Iterator[dict[str, str | None]]:
    """Environment overrides that let the interpreters this script starts
    cache bytecode; pass them to each one (``run_child``'s ``env``).

    With PYTHONDONTWRITEBYTECODE (this sandbox sets it) nothing outside the
    standard library has a .pyc, so every fresh interpreter (a spawn child,
    a launched window) compiles the project's modules from source: a cost
    no installed app pays. Unless ``disabled``, the overrides point them at
    a private cache directory, removed afterwards (the repository is left
    untouched). Yields ``{}`` when there is nothing to change.

    Only for interpreters started with a fresh command line: multiprocessing
    passes this process's ``-B`` on to the ones it starts itself (the
    forkserver, spawn children), which would then look for every module,
    the standard library's too, in the empty cache and never fill it.
    """
    import shutil
    import tempfile

    if disabled or not sys.flags.dont_write_bytecode:
        yield {}
        return
    cache_dir = tempfile.mkdtemp(prefix="bench-pycache-")
    try:
        yield {"PYTHONDONTWRITEBYTECODE": None, "PYTHONPYCACHEPREFIX": cache_dir}
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
