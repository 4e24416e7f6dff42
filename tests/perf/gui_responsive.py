"""GUI benchmark 1, responsiveness: the gaps in a 10 ms timer on the GUI
thread while the window runs 100 and 1000 named processes (see bench_gui.py),
with the CPU graph and the task-stream timeline shown and drawing every bar."""

from __future__ import annotations

import time

from _bench import Figure, spread
from gui_common import (
    LARGE_RUN,
    SMALL_RUN,
    OtherLoad,
    close_window,
    forkserver_running,
    load_note,
    open_window,
    percentile,
    progress,
    quiet,
    run_named,
    wait_gui,
    warm_up,
    yes_to_questions,
)

TICK_MS = 10
SMALL_GAP_TARGET_MS, LARGE_GAP_TARGET_MS = 50.0, 100.0


def _thread_schedstat() -> tuple[float, float]:
    """(ms on a core, ms runnable but waiting for one) of the calling thread
    so far, from /proc; (0, 0) where there is no such file."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            on_cpu, waiting = f.read().split()[:2]
    except OSError:
        return 0.0, 0.0
    return int(on_cpu) / 1e6, int(waiting) / 1e6


class TickRecorder:
    """A 10 ms precise QTimer on the GUI thread; the gaps between its ticks
    show how long the thread was kept from its event loop. Each tick also
    reads the thread's scheduler times, so a long gap can be split into the
    thread working, waiting for a core, and blocked (the GIL, a lock)."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[tuple[float, float, float]] = []  # (monotonic, on cpu, runnable)
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append((time.monotonic(), *_thread_schedstat()))

    def start(self) -> None:
        self.ticks = []
        self._tick()
        self._timer.start()

    def stop(self) -> list[float]:
        """Gaps in ms, the last one up to now (a thread blocked at the end counts)."""
        self._timer.stop()
        self._tick()
        return [1000 * (b[0] - a[0]) for a, b in zip(self.ticks, self.ticks[1:], strict=False)]

    def long_gaps(self, over_ms: float = 3 * TICK_MS) -> tuple[float, float, float, float]:
        """Of the gaps longer than ``over_ms``: their total ms, and the shares
        the GUI thread spent on a core, waiting for one, and blocked."""
        total = on_cpu = runnable = 0.0
        for a, b in zip(self.ticks, self.ticks[1:], strict=False):
            gap = 1000 * (b[0] - a[0])
            if gap > over_ms:
                total += gap
                on_cpu += b[1] - a[1]
                runnable += b[2] - a[2]
        if total == 0:
            return 0.0, 0.0, 0.0, 0.0
        on_cpu, runnable = min(1.0, on_cpu / total), min(1.0, runnable / total)
        return total, on_cpu, runnable, max(0.0, 1.0 - on_cpu - runnable)


def _timeline_check(window, processes: int, rep: int, problems: list[str]) -> str:
    """The timeline was on screen and drew one bar per process, one lane each."""
    timeline = window.timeline
    if timeline is None or not timeline.isVisible():
        problems.append(f"run {rep + 1}: the timeline was not shown")
        return "no"
    lanes, bars = len(timeline.lanes()), len(timeline.bars())
    if bars != processes or lanes != processes:
        problems.append(f"run {rep + 1}: timeline had {lanes} lanes, {bars} bars")
    return f"{lanes} lanes, {bars} bars"


def _responsive_figures(processes: int, reps: int, target: float, label: str) -> list[Figure]:
    """``reps`` runs of ``processes``, each in a fresh window: max and p99 gap."""
    from PySide6.QtGui import QGuiApplication

    asked = yes_to_questions()
    maxima, p99s, idle_maxima, idle_p99s, walls, problems = [], [], [], [], [], []
    before, during, attributed = [], [], []
    timeline_seen: list[str] = []
    for rep in range(reps):
        progress(f"responsive: {label}, run {rep + 1}/{reps}")
        before.append(quiet())
        window = open_window()
        recorder = TickRecorder()
        try:
            with OtherLoad() as load:
                finished, wall, gaps = run_named(window, processes, recorder)
            during.append(load.share)
            if finished is None or finished.done != processes:
                problems.append(f"run {rep + 1}: {finished or 'timed out'}")
            timeline_seen.append(_timeline_check(window, processes, rep, problems))
            maxima.append(max(gaps))
            p99s.append(percentile(gaps, 99))
            walls.append(wall)
            attributed.append(recorder.long_gaps())
            # The same timer, the same time, the window idle (table full).
            recorder.start()
            wait_gui(wall)
            idle = recorder.stop()
            idle_maxima.append(max(idle))
            idle_p99s.append(percentile(idle, 99))
        finally:
            close_window(window)
    note = (
        f"run {spread(walls, '{:.1f}')} s on {QGuiApplication.platformName()};"
        f" idle window as long: max gap {spread(idle_maxima, '{:.1f}')} ms,"
        f" p99 {spread(idle_p99s, '{:.1f}')} ms; {load_note(before, during)}"
    )
    long_ms = sum(a[0] for a in attributed)
    if long_ms:
        shares = [sum(a[0] * a[k] for a in attributed) / long_ms for k in (1, 2, 3)]
        note += (
            f"; in the {long_ms:.0f} ms of gaps > {3 * TICK_MS} ms the GUI thread was on a core"
            f" {shares[0]:.0%}, waiting for a core {shares[1]:.0%}, blocked {shares[2]:.0%}"
        )
    note += f"; timeline shown: {', '.join(timeline_seen)}"
    if processes == LARGE_RUN:
        note += f"; safe-limit question asked: {'yes' if asked else 'no'}"
    if problems:
        note += "; " + "; ".join(problems)
    return [
        Figure(
            "responsive",
            f"max GUI gap, {label}",
            maxima,
            "ms",
            target,
            note=note,
            failed=bool(problems),
        ),
        Figure("responsive", f"p99 GUI gap, {label}", p99s, "ms"),
    ]


def bench_responsive(quick: bool) -> list[Figure]:
    figures = []
    if not forkserver_running():
        # A teacher's first click also starts the forkserver, which imports
        # its preloads while the first children start: measured on its own.
        figures += _responsive_figures(SMALL_RUN, 1, SMALL_GAP_TARGET_MS, "100 proc, 1st run")
    warm_up()
    figures += _responsive_figures(SMALL_RUN, 1 if quick else 3, SMALL_GAP_TARGET_MS, "100 proc")
    figures += _responsive_figures(LARGE_RUN, 1 if quick else 2, LARGE_GAP_TARGET_MS, "1000 proc")
    return figures
