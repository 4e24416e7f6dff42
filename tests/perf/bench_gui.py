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
            question is answered Yes), with the p99 gap. The session's first
            run, which also starts the forkserver, is a figure of its own.
            The notes give the same timer in the idle window for as long, and
            split the long gaps into the GUI thread working, waiting for a
            core, and blocked (the GIL, a lock), from /proc's schedstat.
latency     100 processes sleeping 0-1 s: each JobDone's finished_mono (taken
            in the child) to the moment apply_events has returned with the row
            shown as done (p95 target <= 100 ms); and, for information, to the
            table's next repaint.
idle        The idle window, live graph and sampler running, in a fresh
            interpreter for 30 s (--quick: 10 s) after settling: CPU time of
            the whole process / wall (target <= 3 % of one core) and RSS at
            the end (<= 200 MB); a bare QMainWindow alongside as the baseline.
launch      Process start (taken in this process just before the child is
            started) to the window's first paint event, each in a fresh
            ``python -c`` interpreter, 5 times alternating with a bare
            QMainWindow: ratio target <= 1.5; and, for information, with
            the same kinds of widgets in plain Qt (plain_window.py). The window is made and shown
            as the app does it (gui.app.create_app and open_main_window),
            so it paints its controls first and then loads the CPU graph;
            the time to the graph's first paint is printed too. Falls back
            to xvfb-run if the platform plugin delivers no paint event.

Children started with forkserver (Python < 3.13) or spawn re-import the
parent's ``__main__`` before their job runs. By default this script points
them at ``main.py``, as the app started with ``python main.py`` does, so the
window competes with children as costly as the app's; ``--lean-children``
lets them import this file, which imports only the standard library at the
top (everything else is imported inside functions, and the work sits under
``if __name__ == "__main__"``). Not a pytest test: pytest collects test_*.py.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
for _path in (HERE, REPO):  # `_bench`, `gui` and `workers`, however this is started
    if _path not in sys.path:
        sys.path.insert(0, _path)

BENCHES = ("responsive", "latency", "idle", "launch")
MB = 1024 * 1024
TICK_MS = 10
SLEEP_RANGE = (0.0, 1.0)
SMALL_RUN, LARGE_RUN = 100, 1000
SMALL_GAP_TARGET_MS, LARGE_GAP_TARGET_MS = 50.0, 100.0
LATENCY_TARGET_MS = 100.0
IDLE_CPU_TARGET_PCT, IDLE_RSS_TARGET_MB = 3.0, 200.0
LAUNCH_TARGET = 1.5
WINDOW_SIZE = (1280, 860)  # what gui/app.py gives a window on a large screen
SETTLE_S = 1.5  # after show(): first layout, first samples, first redraws
RUN_TIMEOUT_S = 300.0
XVFB = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24"]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0-100) of a non-empty list."""
    import math

    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def _progress(text: str) -> None:
    print(f"  … {text}", file=sys.stderr, flush=True)


def _machine_ticks() -> tuple[float, float]:
    """(busy, all) CPU seconds of the whole machine so far, from /proc/stat."""
    with open("/proc/stat") as stat:
        ticks = [int(x) for x in stat.readline().split()[1:9]]
    hz = os.sysconf("SC_CLK_TCK")
    return (sum(ticks) - ticks[3] - ticks[4]) / hz, sum(ticks) / hz


class OtherLoad:
    """How busy the cores were with *other* programs during a measurement:
    the machine's busy time minus this process's and its forkserver's
    (``_bench.cpu_seconds``), as a share of all cores. Others running test
    suites on a 2-core machine show up here, not as a mystery in the figures."""

    def __enter__(self) -> OtherLoad:
        self._machine, self._ours = _machine_ticks(), cpu_seconds()
        return self

    def __exit__(self, *exc: object) -> None:
        busy1, all1 = _machine_ticks()
        ours = cpu_seconds() - self._ours
        busy = busy1 - self._machine[0]
        self.share = max(0.0, busy - ours) / max(1e-9, all1 - self._machine[1])


def _quiet() -> float | None:
    """Wait a while for other programs to leave the cores alone; the busy share seen."""
    return wait_until_quiet(limit=0.2, max_wait=60.0)


def _load_note(before: list[float | None], during: list[float]) -> str:
    seen = [b for b in before if b is not None]
    text = f"other programs kept the cores {spread([100 * d for d in during], '{:.0f}')} % busy"
    return text + (f" (just before: {spread([100 * b for b in seen], '{:.0f}')} %)" if seen else "")


# -- the window, in this process ------------------------------------------------


def _app():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        from gui.style.theme import get_theme

        get_theme().apply_to_app(app)  # as gui/app.py does before making the window
    return app


def _wait(seconds: float) -> None:
    """Run the GUI event loop for ``seconds``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


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


def _open_window():
    from PySide6.QtTest import QTest

    from gui.main_window import MainWindow

    _app()
    window = MainWindow()
    window.resize(*WINDOW_SIZE)
    window.show()
    QTest.qWaitForWindowExposed(window, 5000)
    _wait(SETTLE_S)
    return window


def _close_window(window) -> None:
    window.close()  # closeEvent shuts both bridges, the sampler and the demo site down
    window.deleteLater()
    _wait(0.2)


def _yes_to_questions() -> list[str]:
    """Answer Yes to the over-the-safe-limit question; returns the titles asked."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(_parent, title, *_args, **_kwargs):
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    QMessageBox.question = staticmethod(question)
    return asked


def _run_named(window, processes: int, recorder: TickRecorder | None = None):
    """Start ``processes`` named processes through the window's controls and
    wait for run_finished; (RunFinished or None on timeout, wall seconds, gaps)."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDoubleSpinBox, QPushButton, QSpinBox

    window.findChild(QSpinBox, "processCountSpin").setValue(processes)
    window.findChild(QDoubleSpinBox, "sleepMinSpin").setValue(SLEEP_RANGE[0])
    window.findChild(QDoubleSpinBox, "sleepMaxSpin").setValue(SLEEP_RANGE[1])
    button = window.findChild(QPushButton, "startProcessesButton")
    loop = QEventLoop()
    finished = []

    def on_finished(event) -> None:
        finished.append(event)
        loop.quit()

    window.named_bridge.run_finished.connect(on_finished)
    QTimer.singleShot(20, lambda: QTest.mouseClick(button, Qt.MouseButton.LeftButton))
    QTimer.singleShot(round(RUN_TIMEOUT_S * 1000), loop.quit)
    if recorder is not None:
        recorder.start()
    t0 = time.monotonic()
    loop.exec()
    wall = time.monotonic() - t0
    gaps = recorder.stop() if recorder is not None else []
    window.named_bridge.run_finished.disconnect(on_finished)
    if not finished:
        window.shutdown()  # ends the children; the caller reports the timeout
    return (finished[0] if finished else None), wall, gaps


# -- 1. responsiveness ------------------------------------------------------------------


def _forkserver_running() -> bool:
    from workers.start_methods import forkserver_pid

    return forkserver_pid() is not None


def _warm_up() -> None:
    """Start the forkserver (and its preloads) with two processes, no window,
    so that a measurement does not pay for the session's first run."""
    from workers.options import NamedOptions
    from workers.runs.named_run import NamedProcessRun

    if _forkserver_running():
        return
    run = NamedProcessRun(NamedOptions(processes=2, sleep_min=0.0, sleep_max=0.0))
    while not run.finished:
        run.poll(0.05)
    run.close()


def _responsive_figures(processes: int, reps: int, target: float, label: str) -> list[Figure]:
    """``reps`` runs of ``processes``, each in a fresh window: max and p99 gap."""
    from PySide6.QtGui import QGuiApplication

    asked = _yes_to_questions()
    maxima, p99s, idle_maxima, idle_p99s, walls, problems = [], [], [], [], [], []
    before, during, attributed = [], [], []
    for rep in range(reps):
        _progress(f"responsive: {label}, run {rep + 1}/{reps}")
        before.append(_quiet())
        window = _open_window()
        recorder = TickRecorder()
        try:
            with OtherLoad() as load:
                finished, wall, gaps = _run_named(window, processes, recorder)
            during.append(load.share)
            if finished is None or finished.done != processes:
                problems.append(f"run {rep + 1}: {finished or 'timed out'}")
            maxima.append(max(gaps))
            p99s.append(percentile(gaps, 99))
            walls.append(wall)
            attributed.append(recorder.long_gaps())
            # The same timer, the same time, the window idle (table full).
            recorder.start()
            _wait(wall)
            idle = recorder.stop()
            idle_maxima.append(max(idle))
            idle_p99s.append(percentile(idle, 99))
        finally:
            _close_window(window)
    note = (
        f"run {spread(walls, '{:.1f}')} s on {QGuiApplication.platformName()};"
        f" idle window as long: max gap {spread(idle_maxima, '{:.1f}')} ms,"
        f" p99 {spread(idle_p99s, '{:.1f}')} ms; {_load_note(before, during)}"
    )
    long_ms = sum(a[0] for a in attributed)
    if long_ms:
        shares = [sum(a[0] * a[k] for a in attributed) / long_ms for k in (1, 2, 3)]
        note += (
            f"; in the {long_ms:.0f} ms of gaps > {3 * TICK_MS} ms the GUI thread was on a core"
            f" {shares[0]:.0%}, waiting for a core {shares[1]:.0%}, blocked {shares[2]:.0%}"
        )
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
    if not _forkserver_running():
        # A teacher's first click also starts the forkserver, which imports
        # its preloads while the first children start: measured on its own.
        figures += _responsive_figures(SMALL_RUN, 1, SMALL_GAP_TARGET_MS, "100 proc, 1st run")
    _warm_up()
    figures += _responsive_figures(SMALL_RUN, 1 if quick else 3, SMALL_GAP_TARGET_MS, "100 proc")
    figures += _responsive_figures(LARGE_RUN, 1 if quick else 2, LARGE_GAP_TARGET_MS, "1000 proc")
    return figures


# -- 2. latency ----------------------------------------------------------------------------


def _latency_once(window):
    """One run through ``window``: (RunFinished or None, {job: seconds from the
    child's finish to the model showing it done}, {job: … to the table's next
    repaint})."""
    from PySide6.QtCore import QEvent, QObject

    from gui.results.results_model import COL_STATUS, StateRole
    from workers.events import JobDone

    model = window.results_model
    apply_events = model.apply_events
    finished_at: dict[tuple[int, int], float] = {}  # the child's finished_mono
    in_model: dict[tuple[int, int], float] = {}
    on_screen: dict[tuple[int, int], float] = {}
    unpainted: list[tuple[int, int]] = []

    def recording_apply(events) -> None:
        apply_events(events)
        now = time.monotonic()
        for ev in events:
            if not isinstance(ev, JobDone) or (ev.run_id, ev.job_id) in in_model:
                continue
            key = (ev.run_id, ev.job_id)
            row = model.row_for_job(*key)
            if row is not None and model.index(row, COL_STATUS).data(StateRole) == "done":
                finished_at[key] = ev.finished_mono
                in_model[key] = now - ev.finished_mono
                unpainted.append(key)

    class PaintWatch(QObject):
        def eventFilter(self, _obj, event) -> bool:
            if event.type() == QEvent.Type.Paint and unpainted:
                now = time.monotonic()
                for key in unpainted:
                    on_screen[key] = now - finished_at[key]
                unpainted.clear()
            return False

    # The window looks the method up on every batch, so it calls the
    # instance attribute.
    model.apply_events = recording_apply
    watch = PaintWatch()
    viewport = window.results_view.viewport()
    viewport.installEventFilter(watch)
    try:
        finished, _wall, _gaps = _run_named(window, SMALL_RUN)
    finally:
        viewport.removeEventFilter(watch)
        del model.apply_events
    return finished, in_model, on_screen


def bench_latency(quick: bool) -> list[Figure]:
    reps = 1 if quick else 3
    _warm_up()
    p50s, p95s, maxima, paint_p95s, problems = [], [], [], [], []
    before, during = [], []
    pooled: list[float] = []
    for rep in range(reps):
        _progress(f"latency: {SMALL_RUN} processes, run {rep + 1}/{reps}")
        before.append(_quiet())
        window = _open_window()
        try:
            with OtherLoad() as load:
                finished, in_model, on_screen = _latency_once(window)
            during.append(load.share)
        finally:
            _close_window(window)
        if finished is None or len(in_model) != SMALL_RUN:
            problems.append(f"run {rep + 1}: {len(in_model)} JobDone rows seen; {finished}")
        if not in_model:
            continue
        ms = [1000 * v for v in in_model.values()]
        pooled += ms
        p50s.append(percentile(ms, 50))
        p95s.append(percentile(ms, 95))
        maxima.append(max(ms))
        if on_screen:
            paint_p95s.append(percentile([1000 * v for v in on_screen.values()], 95))
    if not p95s:
        note = "; ".join(problems)
        return [Figure("latency", "finish -> model p95", [0.0], "ms", failed=True, note=note)]
    note = (
        f"all {len(pooled)} jobs pooled: p50 {percentile(pooled, 50):.1f} ms,"
        f" p95 {percentile(pooled, 95):.1f} ms, max {max(pooled):.1f} ms;"
        f" {_load_note(before, during)}"
    )
    if problems:
        note += "; " + "; ".join(problems)
    figures = [
        Figure("latency", "finish -> model p50", p50s, "ms"),
        Figure("latency", "finish -> model p95", p95s, "ms", LATENCY_TARGET_MS, note=note),
        Figure("latency", "finish -> model max", maxima, "ms"),
    ]
    if problems:
        figures[1].failed = True
    if paint_p95s:
        figures.append(Figure("latency", "finish -> table repaint p95", paint_p95s, "ms"))
    return figures


# -- fresh interpreters (idle and launch) ---------------------------------------------------

# Builds a window in a fresh interpreter. argv: kind ("window" or "bare"), then
# for idle: settle and measured seconds. Prints one JSON object.
CHILD_SCRIPT = r"""
import sys, time
T_START = time.monotonic()
sys.path[:0] = PATHS
import json
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

mode, kind = sys.argv[1], sys.argv[2]
out = {}

class FirstPaint(QObject):
    # Records the first paint of what it watches under ``key``.
    def __init__(self, key, then_quit):
        super().__init__()
        self.key, self.then_quit = key, then_quit
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and self.key not in out:
            out[self.key] = time.monotonic()
            if self.then_quit:
                QTimer.singleShot(0, app.quit)  # not from inside the paint
        return False

launch = mode == "launch"
window_paint = FirstPaint("paint_mono", then_quit=launch and kind != "window")
graph_paint = FirstPaint("graph_mono", then_quit=launch)
if kind == "window":
    # As gui.app.run_app opens it (at the window's own size, not the screen's).
    from gui.app import create_app, make_main_window, show_main_window
    app = create_app(sys.argv[:1])
    window = make_main_window()
    def watch_graph():
        import pyqtgraph as pg
        window.cpu_plot.findChild(pg.PlotWidget).viewport().installEventFilter(graph_paint)
    window.loaded.connect(watch_graph)
    if launch:
        window.installEventFilter(window_paint)
    show_main_window(app, window, SIZE)
else:
    app = QApplication(sys.argv[:1])
    if kind == "plain":
        from plain_window import plain_window
        window = plain_window()
    else:
        window = QMainWindow()
    if launch:
        window.installEventFilter(window_paint)
    window.resize(*SIZE)
    window.show()
out["platform"] = app.platformName()

def wait(seconds):
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()

if launch:
    QTimer.singleShot(30000, app.quit)
    app.exec()
    if "paint_mono" in out:
        out["in_script"] = out["paint_mono"] - T_START
else:
    import psutil
    settle, seconds = float(sys.argv[3]), float(sys.argv[4])
    wait(settle)
    me = psutil.Process()
    c0, t0 = me.cpu_times(), time.monotonic()
    wait(seconds)
    c1, t1 = me.cpu_times(), time.monotonic()
    out["cpu_pct"] = 100 * ((c1.user + c1.system) - (c0.user + c0.system)) / (t1 - t0)
    out["rss"] = me.memory_info().rss
    out["threads"] = me.num_threads()
window.close()  # the MainWindow's closeEvent stops its threads and the demo site
print(json.dumps(out), flush=True)
"""


def _child_command(*args: str) -> list[str]:
    script = CHILD_SCRIPT.replace("PATHS", repr([REPO, HERE])).replace("SIZE", repr(WINDOW_SIZE))
    return [sys.executable, "-c", script, *args]


#: Environment overrides for the fresh interpreters (see main).
_fresh_env: dict[str, str | None] = {}


def _child_env(xvfb: bool) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in _fresh_env.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    if xvfb:
        env.pop("QT_QPA_PLATFORM", None)
    return env


def _finish(proc: subprocess.Popen, timeout: float) -> dict:
    import json

    out, err = proc.communicate(timeout=timeout)
    lines = out.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"child exited with {proc.returncode}: {err.strip()[-2000:]}")
    return json.loads(lines[-1])


# -- 3. idle cost -----------------------------------------------------------------------------


def bench_idle(quick: bool) -> list[Figure]:
    import subprocess

    seconds = 10.0 if quick else 30.0
    reps = 1 if quick else 2
    cpu, rss, bare_cpu, bare_rss, threads = [], [], [], [], []
    before, during = [], []
    for rep in range(reps):
        _progress(f"idle: {seconds:.0f} s, window and bare window side by side, {rep + 1}/{reps}")
        before.append(_quiet())
        with OtherLoad() as load:
            # Side by side: both are idle, and two cores keep them out of each other's way.
            procs = {
                kind: subprocess.Popen(
                    _child_command("idle", kind, str(SETTLE_S), str(seconds)),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    env=_child_env(xvfb=False),
                )
                for kind in ("window", "bare")
            }
            results = {kind: _finish(proc, seconds + 120) for kind, proc in procs.items()}
        during.append(load.share)
        cpu.append(results["window"]["cpu_pct"])
        rss.append(results["window"]["rss"] / MB)
        threads.append(results["window"]["threads"])
        bare_cpu.append(results["bare"]["cpu_pct"])
        bare_rss.append(results["bare"]["rss"] / MB)
    return [
        Figure(
            "idle",
            f"CPU, idle {seconds:.0f} s",
            cpu,
            "%",
            IDLE_CPU_TARGET_PCT,
            note=f"bare QMainWindow {spread(bare_cpu, '{:.2f}')} % of one core;"
            f" {_load_note(before, during)}",
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


# -- 4. launch to first paint -----------------------------------------------------------------


def _launch_once(kind: str, xvfb: bool) -> dict:
    import subprocess

    command = _child_command("launch", kind)
    if xvfb:
        command = XVFB + command
    t0 = time.monotonic()  # CLOCK_MONOTONIC: comparable with the child's
    result = _finish(
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_child_env(xvfb)
        ),
        120,
    )
    if "paint_mono" in result:
        result["elapsed"] = result["paint_mono"] - t0
    if "graph_mono" in result:
        result["graph_elapsed"] = result["graph_mono"] - t0
    return result


def bench_launch(quick: bool) -> list[Figure]:
    reps = 3 if quick else 5
    xvfb = False
    probe = _launch_once("bare", xvfb)
    if "paint_mono" not in probe:
        _progress(f"launch: no paint event on {probe['platform']}; using xvfb-run")
        xvfb = True
    _launch_once("window", xvfb)  # not counted: fills the bytecode cache, as installed apps have
    window: list[dict] = []
    bare: list[dict] = []
    plain: list[dict] = []
    before, during = [], []
    for rep in range(reps):
        _progress(f"launch: {rep + 1}/{reps}")
        before.append(_quiet())
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
                LAUNCH_TARGET,
                failed=True,
                note=f"no paint event in {len(missing)} launches",
            )
        ]
    w = [r["elapsed"] for r in window]
    b = [r["elapsed"] for r in bare]
    p = [r["elapsed"] for r in plain]
    ratios = [x / y for x, y in zip(w, b, strict=True)]
    note = (
        f"on {window[0]['platform']}{' (xvfb-run)' if xvfb else ''}:"
        f" window {spread(w)} s, bare QMainWindow {spread(b)} s from process start;"
        f" from the script's first line: window {spread([r['in_script'] for r in window])} s,"
        f" bare {spread([r['in_script'] for r in bare])} s; {_load_note(before, during)}"
    )
    graph = [r["graph_elapsed"] for r in window]
    return [
        Figure("launch", "first paint: window / bare", ratios, "x", LAUNCH_TARGET, note=note),
        Figure(
            "launch",
            "first paint: plain Qt / bare",
            [x / y for x, y in zip(p, b, strict=True)],
            "x",
            note="the same kinds of widgets in plain Qt, no application code"
            " (tests/perf/plain_window.py): what Qt alone costs for a window of this shape",
        ),
        Figure(
            "launch",
            "first paint: window / plain Qt",
            [x / y for x, y in zip(w, p, strict=True)],
            "x",
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
            " placeholder for the graph, then loads pyqtgraph, numpy, the sampler, the"
            " demo site and the engine's runs",
        ),
    ]


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
    runners = {
        "responsive": bench_responsive,
        "latency": bench_latency,
        "idle": bench_idle,
        "launch": bench_launch,
    }
    figures: list[Figure] = []
    t0 = time.monotonic()
    with bytecode_cache_for_children(args.no_bytecode_cache) as env:
        # For the idle and launch interpreters only: see bytecode_cache_for_children.
        _fresh_env.update(env)
        for name in BENCHES:
            if name in chosen:
                try:
                    figures += runners[name](args.quick)
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
    from _bench import (
        NO_BYTECODE_CACHE_HELP,
        Figure,
        bytecode_cache_for_children,
        cpu_seconds,
        print_table,
        spread,
        wait_until_quiet,
    )

    sys.exit(main())
