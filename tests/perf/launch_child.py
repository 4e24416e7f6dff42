"""The program the idle and launch benchmarks start in a fresh interpreter.

    python -c "<boot>" MODE KIND WIDTHxHEIGHT [SETTLE_S SECONDS]

``gui_fresh.child_command`` builds that command line: it takes the clock as
its first statement and calls :func:`main` with it. MODE is "launch" (time
to the first paint, then quit) or "idle" (settle, then measure the idle
window's CPU and RSS for SECONDS); KIND is "window" (the app's window, made
and shown as ``gui.app`` does it), "inspector" (the same with its Processes
tab shown), "bare" (an empty QMainWindow) or "plain"
(the same kinds of widgets in plain Qt, ``plain_window.py``). Prints one
JSON object as its last line.

Only the standard library at the top: the time it takes to import this
module counts in the launch figures.
"""

from __future__ import annotations

import json
import sys
import time


def main(t_start: float, argv: list[str]) -> int:
    """Run MODE for KIND (see the module docstring); ``t_start`` is the
    interpreter's monotonic time at its first statement."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    mode, kind, size_arg = argv[0], argv[1], argv[2]
    size = tuple(int(n) for n in size_arg.split("x"))
    launch = mode == "launch"
    out: dict[str, object] = {}

    class FirstPaint(QObject):
        """Records the first paint of what it watches under ``key``."""

        def __init__(self, key: str, then_quit: bool) -> None:
            super().__init__()
            self.key, self.then_quit = key, then_quit

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.key not in out:
                out[self.key] = time.monotonic()
                if self.then_quit:
                    QTimer.singleShot(0, QApplication.quit)  # not from inside the paint
            return False

    window_paint = FirstPaint("paint_mono", then_quit=launch and kind != "window")
    graph_paint = FirstPaint("graph_mono", then_quit=launch)
    if kind in ("window", "inspector", "presentation"):
        # As gui.app.run_app opens it (at the window's own size, not the screen's).
        from gui.app import create_app, make_main_window, show_main_window

        app = create_app(sys.argv[:1])
        window = make_main_window()

        def watch_graph() -> None:
            window.cpu_plot.graph_viewport().installEventFilter(graph_paint)

        def show_panels() -> None:
            if kind == "inspector":  # every panel on screen: the Processes tab too
                window.bottom_tabs.setCurrentWidget(window.process_inspector)
            if kind == "presentation":  # View → Presentation (F11), as a teacher would
                window.menus.presentation.trigger()
                out["presenting"] = window.menus.presentation.isChecked()

        window.graphs_loaded.connect(watch_graph)  # before the graph's first paint
        window.loaded.connect(show_panels)
        from gui.i18n import translations

        out["language"] = translations().language
        if launch:
            window.installEventFilter(window_paint)
        show_main_window(app, window, size)
    else:
        app = QApplication(sys.argv[:1])
        if kind == "plain":
            from plain_window import plain_window

            window = plain_window()
        else:
            window = QMainWindow()
        if launch:
            window.installEventFilter(window_paint)
        window.resize(*size)
        window.show()
    out["platform"] = app.platformName()

    if launch:
        QTimer.singleShot(30000, app.quit)
        app.exec()
        if "paint_mono" in out:
            out["in_script"] = out["paint_mono"] - t_start
    else:
        _measure_idle(out, settle=float(argv[3]), seconds=float(argv[4]))
    window.close()  # the MainWindow's closeEvent stops its threads and the demo site
    print(json.dumps(out), flush=True)
    return 0


def _wait(seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def _measure_idle(out: dict[str, object], settle: float, seconds: float) -> None:
    """This whole process's CPU share of one core over ``seconds``, after
    ``settle``; its RSS and thread count at the end."""
    import psutil

    _wait(settle)
    me = psutil.Process()
    c0, t0 = me.cpu_times(), time.monotonic()
    _wait(seconds)
    c1, t1 = me.cpu_times(), time.monotonic()
    out["cpu_pct"] = 100 * ((c1.user + c1.system) - (c0.user + c0.system)) / (t1 - t0)
    out["rss"] = me.memory_info().rss
    out["threads"] = me.num_threads()


if (
    __name__ == "__main__"
):  # by hand, e.g.: python tests/perf/launch_child.py launch window 1280x860
    import os

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    sys.exit(main(time.monotonic(), sys.argv[1:]))
