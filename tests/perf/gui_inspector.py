"""GUI benchmark 5, the process inspector at 500 children (see bench_gui.py).

The real window, its Processes tab shown, gets 500 child processes that
sleep (plain ``sleep`` processes, started by this process, which is the
window's: reading one costs the inspector the same as reading a lesson's
child, and they are all alive at once however slowly a busy machine starts
them). Once the inspector lists all 500, for a few seconds, the benchmark
counts its refreshes (target >= 2 Hz) and takes the longest gap of a 10 ms
timer on the GUI thread (target <= 50 ms); the reader's time per snapshot
is shown for information. Then a 100-process named run with the tab still
shown: the responsive benchmark's target, <= 50 ms.
"""

from __future__ import annotations

import time

from _bench import Figure, spread
from gui_common import (
    SMALL_RUN,
    OtherLoad,
    close_window,
    load_note,
    open_window,
    percentile,
    progress,
    quiet,
    run_named,
    wait_gui,
    warm_up,
)
from gui_responsive import TickRecorder

CHILDREN = 500
RATE_TARGET_HZ = 2.0
GAP_TARGET_MS = 50.0
LISTED_TIMEOUT_S = 120.0


def _inspector_once(window, seconds: float) -> dict:
    """500 sleepers for ``seconds``, then a 100-process run, the Processes tab shown."""
    import subprocess

    from workers import process_tree

    inspector = window.process_inspector
    window.bottom_tabs.setCurrentWidget(inspector)
    snapshots: list[tuple[float, int]] = []  # (GUI time applied, live children listed)

    def on_snapshot(snapshot) -> None:
        alive = sum(1 for p in snapshot.processes if p.depth > 0 and p.alive)
        snapshots.append((time.monotonic(), alive))

    # The reader's own time per snapshot, measured in its thread.
    read_times: list[float] = []
    real_read = process_tree.ProcessTreeReader.read

    def timed_read(self, threads: bool = False):
        t0 = time.perf_counter()
        try:
            return real_read(self, threads)
        finally:
            read_times.append(time.perf_counter() - t0)

    process_tree.ProcessTreeReader.read = timed_read
    inspector.sampler.sampled.connect(on_snapshot)
    sleepers: list[subprocess.Popen] = []
    recorder = TickRecorder()
    try:
        sleepers += (subprocess.Popen(["sleep", "600"]) for _ in range(CHILDREN))
        deadline = time.monotonic() + LISTED_TIMEOUT_S
        while not (snapshots and snapshots[-1][1] >= CHILDREN) and time.monotonic() < deadline:
            wait_gui(0.1)
        listed_at = time.monotonic()
        read_times.clear()
        recorder.start()
        wait_gui(seconds)
        gaps = recorder.stop()
        end = time.monotonic()
    finally:
        for sleeper in sleepers:
            sleeper.kill()
        for sleeper in sleepers:
            sleeper.wait()
        process_tree.ProcessTreeReader.read = real_read
    steady = [t for t, alive in snapshots if listed_at <= t <= end and alive >= CHILDREN]
    most = max((alive for _t, alive in snapshots), default=0)
    # The sleepers' rows fade out; then a small run with the tab shown.
    wait_gui(1.0)
    run_recorder = TickRecorder()
    finished, _wall, run_gaps = run_named(window, SMALL_RUN, run_recorder)
    inspector.sampler.sampled.disconnect(on_snapshot)
    return {
        "listed": most >= CHILDREN,
        "most": most,
        "rate": (len(steady) - 1) / (steady[-1] - steady[0]) if len(steady) >= 2 else 0.0,
        "gap": max(gaps) if gaps else 0.0,
        "p99": percentile(gaps, 99) if gaps else 0.0,
        "read_ms": 1000 * percentile(read_times, 50) if read_times else 0.0,
        "read_max_ms": 1000 * max(read_times) if read_times else 0.0,
        "run_gap": max(run_gaps) if run_gaps else 0.0,
        "finished": finished,
    }


def bench_inspector(quick: bool) -> list[Figure]:
    reps = 1 if quick else 2
    seconds = 5.0 if quick else 10.0
    warm_up()
    results, problems, before, during = [], [], [], []
    for rep in range(reps):
        progress(f"inspector: {CHILDREN} children, Processes tab shown, {rep + 1}/{reps}")
        before.append(quiet())
        window = open_window()
        try:
            with OtherLoad() as load:
                result = _inspector_once(window, seconds)
            during.append(load.share)
        finally:
            close_window(window)
        results.append(result)
        if not result["listed"]:
            problems.append(
                f"run {rep + 1}: never listed all {CHILDREN} (at most {result['most']})"
            )
        finished = result["finished"]
        if finished is None or finished.done != SMALL_RUN:
            problems.append(
                f"run {rep + 1}: the {SMALL_RUN}-process run: {finished or 'timed out'}"
            )
    note = (
        f"{seconds:g} s with all {CHILDREN} listed; the reader took"
        f" {spread([r['read_ms'] for r in results], '{:.0f}')} ms per snapshot"
        f" (max {spread([r['read_max_ms'] for r in results], '{:.0f}')}) on its own thread;"
        f" {load_note(before, during)}"
    )
    if problems:
        note += "; " + "; ".join(problems)
    return [
        Figure(
            "inspector",
            f"refresh rate, {CHILDREN} children",
            [r["rate"] for r in results],
            "Hz",
            RATE_TARGET_HZ,
            at_least=True,
            note=note,
            failed=bool(problems),
        ),
        Figure(
            "inspector",
            f"max GUI gap, {CHILDREN} children listed",
            [r["gap"] for r in results],
            "ms",
            GAP_TARGET_MS,
            note=f"p99 {spread([r['p99'] for r in results], '{:.1f}')} ms",
        ),
        Figure(
            "inspector",
            f"max GUI gap, {SMALL_RUN}-process run, Processes tab shown",
            [r["run_gap"] for r in results],
            "ms",
            GAP_TARGET_MS,
        ),
    ]
