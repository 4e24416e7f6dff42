"""What the in-process GUI benchmarks share: the real window, opened and
driven as a teacher would, and a note on how busy other programs kept the
cores. Imported by ``bench_gui.py``'s measurements only (never by children).
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from _bench import cpu_seconds, spread, wait_until_quiet

if TYPE_CHECKING:
    from gui_responsive import TickRecorder

SLEEP_RANGE = (0.0, 1.0)
SMALL_RUN, LARGE_RUN = 100, 1000
WINDOW_SIZE = (1280, 860)  # what gui/app.py gives a window on a large screen
SETTLE_S = 1.5  # after show(): first layout, first samples, first redraws
RUN_TIMEOUT_S = 300.0


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0-100) of a non-empty list."""
    import math

    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def progress(text: str) -> None:
    print(f"  … {text}", file=sys.stderr, flush=True)


def machine_ticks() -> tuple[float, float]:
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
        self._machine, self._ours = machine_ticks(), cpu_seconds()
        return self

    def __exit__(self, *exc: object) -> None:
        busy1, all1 = machine_ticks()
        ours = cpu_seconds() - self._ours
        busy = busy1 - self._machine[0]
        self.share = max(0.0, busy - ours) / max(1e-9, all1 - self._machine[1])


def quiet() -> float | None:
    """Wait a while for other programs to leave the cores alone; the busy share seen."""
    return wait_until_quiet(limit=0.2, max_wait=60.0)


def load_note(before: list[float | None], during: list[float]) -> str:
    seen = [b for b in before if b is not None]
    text = f"other programs kept the cores {spread([100 * d for d in during], '{:.0f}')} % busy"
    return text + (f" (just before: {spread([100 * b for b in seen], '{:.0f}')} %)" if seen else "")


# -- the window, in this process ------------------------------------------------


def qapp():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        from gui.style.theme import get_theme

        get_theme().apply_to_app(app)  # as gui/app.py does before making the window
    return app


def wait_gui(seconds: float) -> None:
    """Run the GUI event loop for ``seconds``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def open_window():
    from PySide6.QtTest import QTest

    from gui.main_window import MainWindow

    qapp()
    window = MainWindow()
    window.resize(*WINDOW_SIZE)
    window.show()
    QTest.qWaitForWindowExposed(window, 5000)
    wait_gui(SETTLE_S)
    return window


def close_window(window) -> None:
    window.close()  # closeEvent shuts both bridges, the sampler and the demo site down
    window.deleteLater()
    wait_gui(0.2)


def yes_to_questions() -> list[str]:
    """Answer Yes to the over-the-safe-limit question; returns the titles asked."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(_parent, title, *_args, **_kwargs):
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    QMessageBox.question = staticmethod(question)
    return asked


def run_named(window, processes: int, recorder: TickRecorder | None = None):
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


def forkserver_running() -> bool:
    from workers.start_methods import forkserver_pid

    return forkserver_pid() is not None


def warm_up() -> None:
    """Start the forkserver (and its preloads) with two processes, no window,
    so that a measurement does not pay for the session's first run."""
    from workers.options import NamedOptions
    from workers.runs.named_run import NamedProcessRun

    if forkserver_running():
        return
    run = NamedProcessRun(NamedOptions(processes=2, sleep_min=0.0, sleep_max=0.0))
    while not run.finished:
        run.poll(0.05)
    run.close()
