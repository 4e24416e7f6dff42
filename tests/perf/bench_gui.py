"""GUI benchmarks: does the window stay responsive, prompt and light?

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/perf/bench_gui.py [--quick] [--only NAME]

Each figure is repeated where that is cheap and printed as median [min, max]
with its target (judged on the median, as in ``_bench.Figure``, so the max
column is the worst run); the script exits 1 if a target is missed. Before
each measurement it waits (up to a minute) for other programs to leave the
cores alone, and the notes say how busy they kept them meanwhile.
Benchmarks (NAME for --only):

responsive  A 10 ms precise QTimer on the GUI thread records its ticks while
            the real window runs the named experiment (spin boxes set, Start
            clicked with QTest, waiting on the bridge's run_finished), each
            run in a fresh window: max gap for 100 processes sleeping 0-1 s
            (target <= 50 ms) and for 1000 (<= 100 ms; the safe-limit
            question is answered Yes), with the p99 gap. The CPU graph and
            the task-stream timeline are on screen throughout (the note says
            how many lanes and bars the timeline showed; fewer bars than
            processes fail the figure). The session's first
            run, which also starts the forkserver, is a figure of its own.
            The notes give the same timer in the idle window for as long, and
            split the long gaps into the GUI thread working, waiting for a
            core, and blocked (the GIL, a lock), from /proc's schedstat.
latency     100 processes sleeping 0-1 s: each JobDone's finished_mono (taken
            in the child) to the moment the store has applied the batch and the row
            shown as done (p95 target <= 100 ms); and, for information, to the
            table's next repaint.
idle        The idle window, live graph and sampler running, in a fresh
            interpreter for 30 s (--quick: 10 s) after settling: CPU time of
            the whole process / wall (target <= 3 % of one core) and RSS at
            the end (<= 200 MB); a bare QMainWindow alongside as the baseline;
            and the same window with its Processes tab shown (the inspector
            refreshing), also <= 3 %.
launch      Process start (taken in this process just before the child is
            started) to the window's first paint event, each in a fresh
            ``python -c`` interpreter, 5 times alternating with a bare
            QMainWindow and with the same kinds of widgets in plain Qt
            (plain_window.py): target window / plain Qt <= 1.35; and the
            CPU graph's first paint against the bare window's first paint
            <= 3.5. The window is made and shown as the app does it
            (gui.app.create_app and open_main_window), with settings that
            chose Korean (read, and both translators loaded), so it paints
            its controls first and then loads the CPU graph. Falls back to
            xvfb-run if the platform plugin delivers no paint event.
inspector   The window with its Processes tab shown runs 500 named processes
            sleeping 6-8 s: while all 500 are alive, the inspector's refresh
            rate (target >= 2 Hz) and the longest gap of the 10 ms timer
            (<= 50 ms); the whole run's longest gap and the reader's time
            per snapshot for information.

Children started with forkserver (Python < 3.13) or spawn re-import the
parent's ``__main__`` before their job runs. By default this script points
them at ``main.py``, as the app started with ``python main.py`` does, so the
window competes with children as costly as the app's; ``--lean-children``
lets them import this file, which imports only the standard library at the
top (the measurements are imported under ``if __name__ == "__main__"`` and
in ``main``). Not a pytest test: pytest collects test_*.py.

Where things are: this file is the command line; each measurement has a
module of its own (``gui_responsive``, ``gui_latency``, ``gui_idle``,
``gui_launch``, ``gui_inspector``), sharing ``gui_common`` (the window, driven in this process)
and ``gui_fresh`` (fresh interpreters), which run ``launch_child.py``.
"""

from __future__ import annotations

import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
for _path in (HERE, REPO):  # `_bench`, `gui` and `workers`, however this is started
    if _path not in sys.path:
        sys.path.insert(0, _path)

BENCHES = ("responsive", "latency", "idle", "launch", "inspector")
#: Where each benchmark lives: module, function (imported only when run).
RUNNERS = {
    "responsive": ("gui_responsive", "bench_responsive"),
    "latency": ("gui_latency", "bench_latency"),
    "idle": ("gui_idle", "bench_idle"),
    "launch": ("gui_launch", "bench_launch"),
    "inspector": ("gui_inspector", "bench_inspector"),
}


# -- main ------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, 10 s idle")
    parser.add_argument("--only", choices=BENCHES, action="append", help="run only these")
    parser.add_argument(
        "--lean-children",
        action="store_true",
        help="children re-import this script (stdlib only) instead of main.py",
    )
    parser.add_argument("--no-bytecode-cache", action="store_true", help=NO_BYTECODE_CACHE_HELP)
    args = parser.parse_args(argv)
    if not args.lean_children:
        # Children started with forkserver or spawn re-import the parent's
        # __main__ before their job runs; in the app that is main.py, whose
        # imports are most of a child's start-up cost. Point them at it, so
        # the window competes with the children the app really starts.
        sys.modules["__main__"].__file__ = os.path.join(REPO, "main.py")
    chosen = args.only or list(BENCHES)
    # The windows read and write settings (gui/settings.py): in a folder of
    # the benchmark's own, never the user's, and the same at every run.
    import tempfile

    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="process-lab-bench-")
    figures: list[Figure] = []
    t0 = time.monotonic()
    with bytecode_cache_for_children(args.no_bytecode_cache) as env:
        # For the idle and launch interpreters only: see bytecode_cache_for_children.
        FRESH_ENV.update(env)
        for name in BENCHES:
            if name in chosen:
                try:
                    module, function = RUNNERS[name]
                    figures += getattr(importlib.import_module(module), function)(args.quick)
                except Exception as exc:  # one broken bench must not hide the others' figures
                    figures.append(Figure(name, "error", [0.0], failed=True, note=repr(exc)))
    print(
        f"Process Lab GUI benchmarks ({'quick' if args.quick else 'full'},"
        f" QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '(unset)')},"
        f" {os.cpu_count()} cores, Python {sys.version.split()[0]},"
        f" children import {'this script' if args.lean_children else 'main.py'},"
        f" {time.monotonic() - t0:.0f} s)"
    )
    print_table(figures)
    return 1 if any(f.passed is False for f in figures) else 0


if __name__ == "__main__":
    # Here, not at the top: the children import this file as __mp_main__ and
    # need none of it (nor to see _bench.py half-saved while someone edits it).
    import importlib

    from _bench import NO_BYTECODE_CACHE_HELP, Figure, bytecode_cache_for_children, print_table
    from gui_fresh import FRESH_ENV

    sys.exit(main())
