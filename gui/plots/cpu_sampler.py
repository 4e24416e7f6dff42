"""Samples CPU use and the number of child processes, off the GUI thread.

The live CPU plot needs, a few times a second, the load of every core and
how many processes this program has started. Counting those processes means
reading /proc (or psutil's process table) for each one, tens of milliseconds
with a thousand children, so it runs on a worker QThread and the results
come back to the GUI thread as ``CpuSample`` values through a queued signal.
Nothing here touches a widget.

psutil's ``cpu_percent`` compares against the previous call and so returns a
meaningless 0.0 the first time; ``CpuReader`` keeps its own previous reading
(psutil's is shared per thread), primes it on the first call and drops that
sample. Intervals stay at 200 ms or more because the kernel counts CPU time
in 10 ms ticks: a 100 ms per-core sample can only say 0, 10, 20 … %.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

import psutil
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from gui.threads.thread_handback import hand_back_to_gui_thread
from workers.start_methods import multiprocessing_helper_pids

#: Default and highest sampling rates; see the module docstring for the limit.
DEFAULT_RATE_HZ = 4.0
MAX_RATE_HZ = 5.0
#: How long stop() waits for the worker to finish its current scan.
STOP_TIMEOUT_MS = 5000


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


class _SamplerWorker(QObject):
    """Lives in the sampler's QThread; reads psutil on a QTimer there."""

    sampled = Signal(object)  # CpuSample, emitted in the worker thread
    finished = Signal()  # timer stopped; the thread may quit

    def __init__(self, interval_ms: int) -> None:
        super().__init__()
        self._interval_ms = interval_ms
        self._timer: QTimer | None = None
        self._reader: CpuReader | None = None

    @Slot()
    def run(self) -> None:
        # Made here, not in __init__, so the timer belongs to this thread.
        self._reader = CpuReader()
        self._reader.read()  # prime: the first reading has no baseline
        self._timer = QTimer(self)
        self._timer.setInterval(self._interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    @Slot()
    def stop(self) -> None:
        # A timer may only be stopped from its own thread, hence this slot.
        if self._timer is not None:
            self._timer.stop()
        hand_back_to_gui_thread(self)
        self.finished.emit()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._reader is None:
            return
        sample = self._reader.read()
        if sample is not None:
            self.sampled.emit(sample)


class CpuSampler(QObject):
    """Emits a CpuSample on the GUI thread every ``1 / rate_hz`` seconds while running.

    ``start()`` and ``stop()`` are called from the GUI thread; ``stop()`` is
    idempotent and blocks until the worker thread has finished, so it is
    safe in ``closeEvent``. It can be started again after stopping. Stop it
    before letting it go: Qt aborts the program if a running QThread is
    destroyed. (As a safety net it also stops on ``aboutToQuit``.)
    """

    sampled = Signal(object)  # CpuSample, delivered on this object's (GUI) thread
    _stop_requested = Signal()  # asks the worker, in its own thread, to stop its timer

    def __init__(self, parent: QObject | None = None, *, rate_hz: float = DEFAULT_RATE_HZ) -> None:
        super().__init__(parent)
        if not 0 < rate_hz <= MAX_RATE_HZ:
            raise ValueError(f"rate_hz must be in (0, {MAX_RATE_HZ:g}], got {rate_hz!r}")
        self._interval_ms = round(1000 / rate_hz)
        self._thread: QThread | None = None
        self._worker: _SamplerWorker | None = None
        self._quit_hooked = False

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    @property
    def worker_thread(self) -> QThread | None:
        """The running worker thread, or None when stopped (for tests)."""
        return self._thread

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Start sampling; does nothing if already running."""
        if self._thread is not None:
            return
        thread = QThread()
        thread.setObjectName("CpuSamplerThread")  # names the thread in leak reports
        worker = _SamplerWorker(self._interval_ms)
        worker.moveToThread(thread)
        # The canonical order (superqt): start, stop, clean up.
        thread.started.connect(worker.run)
        # Direct: quit() is thread-safe, and stop() blocks the GUI thread in
        # wait(), so a queued quit would never be delivered.
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(thread.deleteLater)
        # (The worker hands itself back to the GUI thread as it stops and
        # dies there, with the last reference: see gui.threads.thread_handback.)
        worker.sampled.connect(self._on_worker_sampled)  # queued: worker → GUI thread
        self._stop_requested.connect(worker.stop)  # queued: GUI → worker thread
        self._thread, self._worker = thread, worker
        if not self._quit_hooked:
            app = QCoreApplication.instance()
            if app is not None:
                # A safety net: a running QThread destroyed at exit aborts.
                app.aboutToQuit.connect(self.stop)
                self._quit_hooked = True
        thread.start()

    @Slot()
    def stop(self) -> None:
        """Stop sampling and wait for the worker thread to finish. Idempotent."""
        thread, worker = self._thread, self._worker
        if thread is None:
            return
        # Forget them first so samples still queued for us are dropped.
        self._thread = self._worker = None
        self._stop_requested.emit()
        if not thread.wait(STOP_TIMEOUT_MS):
            # The worker is stuck in a scan: end its event loop from here.
            thread.quit()
            thread.wait()
        # Only now may the last Python references go: Python owns both
        # objects, and deleting the worker while its thread still runs
        # crashes. The worker lives in this thread again, and dies here.
        del worker, thread

    @Slot(object)
    def _on_worker_sampled(self, sample: CpuSample) -> None:
        if self._thread is not None:  # a sample queued before stop() is stale
            self.sampled.emit(sample)
