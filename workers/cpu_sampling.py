"""Reading the machine's CPU load and counting this program's children (no Qt).

The live CPU plot needs, a few times a second, the load of every core and
how many processes this program has started; the command line uses the same
reader for its end-of-run peak. :class:`CpuReader` turns successive psutil
readings into :class:`CpuSample` values; who calls it, and on which thread,
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
from dataclasses import dataclass
from typing import Any

import psutil

from workers.start_methods import multiprocessing_helper_pids

#: Default and highest sampling rates; see the module docstring for the limit.
DEFAULT_RATE_HZ = 4.0
MAX_RATE_HZ = 5.0


@dataclass(frozen=True)
class CpuSample:
    """One reading of the machine's CPU load and of this program's children."""

    t_mono: float  # time.monotonic() when the reading was taken
    total: float  # whole-machine CPU use, 0-100 % (100 = every core busy)
    per_core: tuple[float, ...]  # each logical core's use, 0-100 %, in psutil's order
    children: int  # live descendant processes, minus multiprocessing's helpers


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


def count_live_children(process: psutil.Process) -> int:
    """Live descendants of ``process``; zombies (exited, not yet joined) do not count.

    Processes come and go during the scan, so each lookup may fail; those
    are simply not counted.
    """
    try:
        children = process.children(recursive=True)
    except psutil.Error:
        return 0
    alive = 0
    for child in children:
        try:
            if child.status() != psutil.STATUS_ZOMBIE:
                alive += 1
        except psutil.Error:
            pass  # it exited between the listing and the look
    return alive


def proc_children_supported(pid: int) -> bool:
    """True if Linux's /proc/<pid>/task/<tid>/children files exist here."""
    return os.path.exists(f"/proc/{pid}/task/{pid}/children")


def count_live_children_proc(pid: int) -> int:
    """``count_live_children`` for Linux, reading only our own part of /proc.

    psutil finds children by reading every process's /proc entry, ~1-2 ms
    with a few hundred processes on the machine, four times a second, even
    when we have no children. The kernel's per-thread ``children`` lists
    cost nothing when there are none. (The kernel warns they may miss a
    process created or ended during the read; the next sample catches it.)
    """
    alive = 0
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
                        # "pid (name) S ...": the state follows the last ")"
                        state = f.read().rpartition(b")")[2].split()[:1]
                except OSError:
                    continue
                if state and state[0] not in (b"Z", b"X"):  # zombie, dead
                    alive += 1
    return alive


class CpuReader:
    """Turns successive psutil readings into CpuSamples (no Qt, no thread).

    ``read()`` returns None the first time: a percentage needs two readings.
    """

    def __init__(self, pid: int | None = None) -> None:
        self._process = psutil.Process(pid)
        self._use_proc = proc_children_supported(self._process.pid)
        self._previous: list[tuple[float, float]] | None = None

    def count_children(self) -> int:
        if self._use_proc:
            count = count_live_children_proc(self._process.pid)
        else:
            count = count_live_children(self._process)
        # multiprocessing's forkserver and resource tracker are not the lesson's.
        helpers = sum(psutil.pid_exists(pid) for pid in multiprocessing_helper_pids())
        return max(0, count - helpers)

    def read(self) -> CpuSample | None:
        t_mono = time.monotonic()
        per_core_times = psutil.cpu_times(percpu=True)
        current = [_busy_and_total(times) for times in per_core_times]
        previous, self._previous = self._previous, current
        children = self.count_children()
        if previous is None or len(previous) != len(current):
            return None  # priming call (or a core went offline): no baseline yet
        per_core = tuple(_percent(b, a) for b, a in zip(previous, current, strict=True))
        # The total weights every core by the time it counted, like psutil.
        busy = sum(max(0.0, a[0] - b[0]) for b, a in zip(previous, current, strict=True))
        total = sum(a[1] - b[1] for b, a in zip(previous, current, strict=True))
        total_pct = min(100.0, max(0.0, 100.0 * busy / total)) if total > 0 else 0.0
        return CpuSample(t_mono=t_mono, total=total_pct, per_core=per_core, children=children)


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
