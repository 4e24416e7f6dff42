"""GUI benchmark 4, launch: process start to the window's first paint, in
fresh interpreters, beside a bare QMainWindow and plain Qt (see bench_gui.py).

The window starts as a returning teacher's does: with a settings file that
chose Korean, so the settings are read and both translators (Qt's and
Process Lab's) are loaded before the first paint. The file lives in a
folder of the benchmark's own (XDG_CONFIG_HOME), never the user's.
"""

from __future__ import annotations

import os
import tempfile
import time

from _bench import Figure, spread
from gui_common import OtherLoad, load_note, progress, quiet
from gui_fresh import FRESH_ENV, XVFB, child_command, child_env, child_result

#: A window of this shape cannot come near a bare one (plain Qt with the
#: same kinds of widgets costs about 1.3 times a bare window), so the first
#: paint is judged against plain Qt, measured in the same run.
FIRST_PAINT_TARGET = 1.35  # the window / the plain-Qt window
#: The CPU graph painted (pyqtgraph, numpy, the sampler loaded after the
#: first paint) against the bare window's first paint.
GRAPH_TARGET = 3.5
#: What a returning teacher's settings say (gui/settings.py's format).
SETTINGS = "[General]\nversion=1\n\n[v1]\nview/language=ko\n"


def _launch_once(kind: str, xvfb: bool) -> dict:
    import subprocess

    command = child_command("launch", kind)
    if xvfb:
        command = XVFB + command
    t0 = time.monotonic()  # CLOCK_MONOTONIC: comparable with the child's
    result = child_result(
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(xvfb)
        ),
        120,
    )
    if "paint_mono" in result:
        result["elapsed"] = result["paint_mono"] - t0
    if "graph_mono" in result:
        result["graph_elapsed"] = result["graph_mono"] - t0
    return result


def _settings_home() -> str:
    """A config folder of the benchmark's own with SETTINGS in it."""
    home = tempfile.mkdtemp(prefix="process-lab-bench-")
    folder = os.path.join(home, "Process Lab")
    os.makedirs(folder)
    with open(os.path.join(folder, "Process Lab.ini"), "w", encoding="utf-8") as file:
        file.write(SETTINGS)
    return home


def bench_launch(quick: bool) -> list[Figure]:
    reps = 3 if quick else 5
    FRESH_ENV["XDG_CONFIG_HOME"] = _settings_home()
    xvfb = False
    probe = _launch_once("bare", xvfb)
    if "paint_mono" not in probe:
        progress(f"launch: no paint event on {probe['platform']}; using xvfb-run")
        xvfb = True
    _launch_once("window", xvfb)  # not counted: fills the bytecode cache, as installed apps have
    window: list[dict] = []
    bare: list[dict] = []
    plain: list[dict] = []
    before, during = [], []
    for rep in range(reps):
        progress(f"launch: {rep + 1}/{reps}")
        before.append(quiet())
        order = (("window", window), ("bare", bare), ("plain", plain))
        with OtherLoad() as load:
            for kind, into in order if rep % 2 == 0 else order[::-1]:
                into.append(_launch_once(kind, xvfb))
        during.append(load.share)
    missing = [r for r in window + bare + plain if "elapsed" not in r]
    missing += [r for r in window if "graph_elapsed" not in r]
    if missing:
        return [
            Figure(
                "launch",
                "first paint ratio",
                [0.0],
                "x",
                FIRST_PAINT_TARGET,
                failed=True,
                note=f"no paint event in {len(missing)} launches",
            )
        ]
    w = [r["elapsed"] for r in window]
    b = [r["elapsed"] for r in bare]
    p = [r["elapsed"] for r in plain]
    note = (
        f"on {window[0]['platform']}{' (xvfb-run)' if xvfb else ''}:"
        f" window {spread(w)} s, bare QMainWindow {spread(b)} s from process start;"
        f" from the script's first line: window {spread([r['in_script'] for r in window])} s,"
        f" bare {spread([r['in_script'] for r in bare])} s; {load_note(before, during)}"
    )
    graph = [r["graph_elapsed"] for r in window]
    languages = sorted({str(r.get("language")) for r in window})
    return [
        Figure(
            "launch",
            "first paint: window / plain Qt",
            [x / y for x, y in zip(w, p, strict=True)],
            "x",
            FIRST_PAINT_TARGET,
            note=f"{note}; the window in {', '.join(languages)} (settings read, translators"
            " loaded)",
        ),
        Figure(
            "launch",
            "CPU graph painted: window / bare first paint",
            [x / y for x, y in zip(graph, b, strict=True)],
            "x",
            GRAPH_TARGET,
        ),
        Figure(
            "launch",
            "first paint: window / bare",
            [x / y for x, y in zip(w, b, strict=True)],
            "x",
        ),
        Figure(
            "launch",
            "first paint: plain Qt / bare",
            [x / y for x, y in zip(p, b, strict=True)],
            "x",
            note="the same kinds of widgets in plain Qt, no application code"
            " (tests/perf/plain_window.py): what Qt alone costs for a window of this shape",
        ),
        Figure("launch", "first paint, window", [1000 * x for x in w], "ms"),
        Figure("launch", "first paint, plain Qt", [1000 * x for x in p], "ms"),
        Figure("launch", "first paint, bare window", [1000 * x for x in b], "ms"),
        Figure(
            "launch",
            "CPU graph painted, window",
            [1000 * x for x in graph],
            "ms",
            note="the window paints its controls, table and console first, with a"
            " placeholder for the graph; then it loads pyqtgraph and numpy and paints the"
            " CPU graph; the timeline, the sampler, the demo site and the engine's runs"
            " load after that",
        ),
    ]
