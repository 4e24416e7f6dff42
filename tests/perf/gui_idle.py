"""GUI benchmark 3, idle cost: the idle window's CPU and RSS in a fresh
interpreter, beside a bare QMainWindow (see bench_gui.py)."""

from __future__ import annotations

from _bench import Figure, spread
from gui_common import SETTLE_S, OtherLoad, load_note, progress, quiet
from gui_fresh import child_command, child_env, child_result

MB = 1024 * 1024
IDLE_CPU_TARGET_PCT, IDLE_RSS_TARGET_MB = 3.0, 200.0


def bench_idle(quick: bool) -> list[Figure]:
    import subprocess

    seconds = 10.0 if quick else 30.0
    reps = 1 if quick else 2
    cpu, rss, bare_cpu, bare_rss, threads = [], [], [], [], []
    inspector_cpu, presentation_cpu, presenting = [], [], []
    before, during = [], []
    for rep in range(reps):
        progress(f"idle: {seconds:.0f} s, window and bare window side by side, {rep + 1}/{reps}")
        before.append(quiet())
        with OtherLoad() as load:
            # Side by side: all four are idle, and two cores keep them out of each other's way.
            procs = {
                kind: subprocess.Popen(
                    child_command("idle", kind, str(SETTLE_S), str(seconds)),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    env=child_env(xvfb=False),
                )
                for kind in ("window", "bare", "inspector", "presentation")
            }
            results = {kind: child_result(proc, seconds + 120) for kind, proc in procs.items()}
        during.append(load.share)
        cpu.append(results["window"]["cpu_pct"])
        rss.append(results["window"]["rss"] / MB)
        threads.append(results["window"]["threads"])
        bare_cpu.append(results["bare"]["cpu_pct"])
        bare_rss.append(results["bare"]["rss"] / MB)
        inspector_cpu.append(results["inspector"]["cpu_pct"])
        presentation_cpu.append(results["presentation"]["cpu_pct"])
        presenting.append(bool(results["presentation"].get("presenting")))
    return [
        Figure(
            "idle",
            f"CPU, idle {seconds:.0f} s",
            cpu,
            "%",
            IDLE_CPU_TARGET_PCT,
            note=f"bare QMainWindow {spread(bare_cpu, '{:.2f}')} % of one core;"
            f" {load_note(before, during)}",
        ),
        Figure(
            "idle",
            f"CPU, idle {seconds:.0f} s, Processes tab shown",
            inspector_cpu,
            "%",
            IDLE_CPU_TARGET_PCT,
            note="the same window with the process inspector on screen, refreshing",
        ),
        Figure(
            "idle",
            f"CPU, idle {seconds:.0f} s, presentation mode",
            presentation_cpu,
            "%",
            IDLE_CPU_TARGET_PCT,
            note="the same window in presentation mode (full screen, thicker lines, larger text)"
            + ("" if all(presenting) else "; the window did not enter presentation mode"),
            failed=not all(presenting),
        ),
        Figure(
            "idle",
            "RSS at the end",
            rss,
            "MB",
            IDLE_RSS_TARGET_MB,
            note=f"bare QMainWindow {spread(bare_rss, '{:.0f}')} MB;"
            f" window threads {spread(threads, '{:.0f}')}",
        ),
    ]
