"""Reading the machine's CPU load and counting this program's children (no Qt).

The live CPU plot needs, a few times a second, the load of every core, how
many processes this program has started and how much CPU those children
use together (so their spike is told apart from other programs' load);
the command line uses the same
reader for its end-of-run peak. :class:`CpuReader` turns successive psutil
readings into :class:`~workers.cpu_sample.CpuSample` values; who calls it, and on which thread,
is the caller's business (the window samples on a worker QThread,
:mod:`gui.plots.cpu_sampler`; the command line in a plain thread,
:class:`BackgroundSampler`).

psutil's ``cpu_percent`` compares against the previous call and so returns a
meaningless 0.0 the first time; ``CpuReader`` keeps its own previous reading
(psutil's is shared per thread), primes it on the first call and drops that
sample. Intervals stay at 200 ms or more because the kernel counts CPU time
in 10 ms ticks: a 100 ms per-core sample can only say 0, 10, 20 … %.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Any

import psutil

from workers.cpu_sample import CpuSample
from workers.start_methods import multiprocessing_helper_pids

#: Default and highest sampling rates; see the module docstring for the limit.
DEFAULT_RATE_HZ = 4.0
MAX_RATE_HZ = 5.0


def _busy_and_total(times: Any) -> tuple[float, float]:
    """Busy and total CPU seconds of one cpu_times() reading, as psutil counts them."""
    total = sum(times)
    # On Linux guest time is already inside user/nice, and iowait is idle
    # time that "idle" leaves out (psutil and htop do the same).
    total -= getattr(times, "guest", 0.0) + getattr(times, "guest_nice", 0.0)
    busy = total - times.idle - getattr(times, "iowait", 0.0)
    return busy, total


def _percent(before: tuple[float, float], after: tuple[float, float]) -> float:
    busy = max(0.0, after[0] - before[0])
    total = after[1] - before[1]
    if total <= 0:
        return 0.0  # no time has passed on this core's clock
    return min(100.0, max(0.0, 100.0 * busy / total))


def _children_psutil(process: psutil.Process) -> tuple[int, dict[int, float]]:
    """(live descendants, CPU seconds each descendant has used), via psutil."""
    try:
        children = process.children(recursive=True)
    except psutil.Error:
        return 0, {}
    alive = 0
    cpu: dict[int, float] = {}
    for child in children:
        try:
            with child.oneshot():
                if child.status() != psutil.STATUS_ZOMBIE:
                    alive += 1
                times = child.cpu_times()
            cpu[child.pid] = times.user + times.system
        except psutil.Error:
            pass  # it exited between the listing and the look
    return alive, cpu


def count_live_children(process: psutil.Process) -> int:
    """Live descendants of ``process``; zombies (exited, not yet joined) do not count.

    Processes come and go during the scan, so each lookup may fail; those
    are simply not counted.
    """
    return _children_psutil(process)[0]


def proc_children_supported(pid: int) -> bool:
    """True if Linux's /proc/<pid>/task/<tid>/children files exist here."""
    return os.path.exists(f"/proc/{pid}/task/{pid}/children")


#: Clock ticks per second, the unit of /proc/<pid>/stat's CPU times.
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def read_children_proc(pid: int) -> tuple[int, dict[int, float]]:
    """(live descendants, CPU seconds each descendant has used) for Linux,
    reading only our own part of /proc.

    psutil finds children by reading every process's /proc entry, ~1-2 ms
    with a few hundred processes on the machine, four times a second, even
    when we have no children. The kernel's per-thread ``children`` lists
    cost nothing when there are none. (The kernel warns they may miss a
    process created or ended during the read; the next sample catches it.)
    The CPU times come from the same ``stat`` read as the state, so the
    children's CPU line of the graph costs nothing more.
    """
    alive = 0
    cpu: dict[int, float] = {}
    stack = [pid]
    while stack:
        parent = stack.pop()
        try:
            tids = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue  # it exited meanwhile
        # Every thread has its own list: a child belongs to the thread that
        # started it, and runs are started from worker threads.
        for tid in tids:
            try:
                with open(f"/proc/{parent}/task/{tid}/children", "rb") as f:
                    kids = f.read().split()
            except OSError:
                continue
            for kid in kids:
                stack.append(int(kid))
                try:
                    with open(b"/proc/%s/stat" % kid, "rb") as f:
                        # "pid (name) S ...": the fields follow the last ")",
                        # the state first; utime and stime are the 12th and 13th.
                        fields = f.read().rpartition(b")")[2].split()
                except OSError:
                    continue
                if not fields:
                    continue
                if fields[0] not in (b"Z", b"X"):  # zombie, dead
                    alive += 1
                if len(fields) > 12:
                    cpu[int(kid)] = (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
    return alive, cpu


def count_live_children_proc(pid: int) -> int:
    """``count_live_children`` for Linux, from :func:`read_children_proc`."""
    return read_children_proc(pid)[0]


def children_cpu_percent(
    before: dict[int, float], after: dict[int, float], seconds: float, cores: int
) -> float:
    """The children's CPU use between two readings, in % of the whole machine
    (100 = every core busy), from each child's CPU seconds (pid -> seconds).

    A child new since ``before`` counts all it used (it started in between);
    one gone since then is lost (its last slice is small beside a burst).
    """
    if seconds <= 0 or cores <= 0:
        return 0.0
    used = sum(max(0.0, spent - before.get(pid, 0.0)) for pid, spent in after.items())
    return min(100.0, max(0.0, 100.0 * used / (seconds * cores)))


class CpuReader:
    """Turns successive psutil readings into CpuSamples (no Qt, no thread).

    ``read()`` returns None the first time: a percentage needs two readings.
    """

    def __init__(self, pid: int | None = None) -> None:
        self._process = psutil.Process(pid)
        self._use_proc = proc_children_supported(self._process.pid)
        self._previous: list[tuple[float, float]] | None = None
        self._children_cpu: dict[int, float] = {}  # pid -> CPU seconds, last reading
        self._children_at: float | None = None  # when that reading was taken

    def count_children(self) -> int:
        return self._read_children()[0]

    def _read_children(self) -> tuple[int, dict[int, float]]:
        if self._use_proc:
            count, cpu = read_children_proc(self._process.pid)
        else:
            count, cpu = _children_psutil(self._process)
        # multiprocessing's forkserver and resource tracker are not the lesson's.
        helpers = sum(psutil.pid_exists(pid) for pid in multiprocessing_helper_pids())
        return max(0, count - helpers), cpu

    def read(self) -> CpuSample | None:
        t_mono = time.monotonic()
        per_core_times = psutil.cpu_times(percpu=True)
        current = [_busy_and_total(times) for times in per_core_times]
        previous, self._previous = self._previous, current
        children, children_times = self._read_children()
        before, before_at = self._children_cpu, self._children_at
        self._children_cpu, self._children_at = children_times, t_mono
        if previous is None or len(previous) != len(current):
            return None  # priming call (or a core went offline): no baseline yet
        per_core = tuple(_percent(b, a) for b, a in zip(previous, current, strict=True))
        # The total weights every core by the time it counted, like psutil.
        busy = sum(max(0.0, a[0] - b[0]) for b, a in zip(previous, current, strict=True))
        total = sum(a[1] - b[1] for b, a in zip(previous, current, strict=True))
        total_pct = min(100.0, max(0.0, 100.0 * busy / total)) if total > 0 else 0.0
        elapsed = t_mono - before_at if before_at is not None else 0.0
        children_pct = children_cpu_percent(before, children_times, elapsed, len(current))
        return CpuSample(
            t_mono=t_mono,
            total=total_pct,
            per_core=per_core,
            children=children,
            children_cpu=children_pct,
        )


class BackgroundSampler:
    """Samples with a :class:`CpuReader` in a plain daemon thread, handing
    each sample to ``on_sample`` (in that thread). For the command line."""

    def __init__(
        self, on_sample: Callable[[CpuSample], None], rate_hz: float = DEFAULT_RATE_HZ
    ) -> None:
        self._on_sample = on_sample
        self._interval = 1.0 / min(max(rate_hz, 0.1), MAX_RATE_HZ)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> BackgroundSampler:
        self._thread = threading.Thread(target=self._loop, name="cpu-sampler", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop and wait for the thread; idempotent."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _loop(self) -> None:
        reader = CpuReader()
        reader.read()  # the priming reading
        while not self._stop.wait(self._interval):
            sample = reader.read()
            if sample is not None:
                self._on_sample(sample)

    def __enter__(self) -> BackgroundSampler:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
