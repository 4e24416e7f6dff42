"""Take the README's screenshots: the window after a real lesson run.

    .venv/bin/python resources/screenshots/capture.py
    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python resources/screenshots/capture.py

For each size the window runs 100 named processes (sleep 0-1 s) and the pool
over its default list (the lesson's sites, which fail without internet, and
the offline demo site's pages) to the end, lets the CPU graph gather a few
more seconds, then saves ``window-<w>x<h>.png`` next to this file.

Qt is imported only inside ``main()``: the forkserver imports this module
as ``__mp_main__`` to start children, and children must never load Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:  # only for the hints: Qt stays out of the forkserver
    from gui.main_window import MainWindow

SIZES = ((1024, 768), (1920, 1080))
RUN_TIMEOUT_S = 120.0
#: Samples the graph gathers after the runs (the sampler runs at 4 Hz).
EXTRA_SAMPLES = 12


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run the Qt event loop until ``condition()`` holds; stop the script after the timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: condition() and loop.quit())
    poll.start(50)
    QTimer.singleShot(round(timeout_s * 1000), loop.quit)
    if not condition():
        loop.exec()
    poll.stop()
    if not condition():
        raise SystemExit(f"capture: timed out waiting for {what}")


def run_the_lesson(window: MainWindow) -> None:
    """100 named processes and the default pool, at once, to the end; then a
    few more seconds of graph."""
    finished: set[str] = set()
    window.named_bridge.run_finished.connect(lambda _event: finished.add("named"))
    window.pool_bridge.run_finished.connect(lambda _event: finished.add("pool"))
    plot = window.cpu_plot
    panel = window.named_panel
    panel.process_count_spin.setValue(100)
    panel.sleep_max_spin.setValue(1.0)
    panel.sleep_min_spin.setValue(0.0)
    wait_until(lambda: plot.sample_count() >= 8, 10, "an idle graph first")
    panel.start_button.click()
    window.pool_panel.start_button.click()
    wait_until(lambda: len(finished) == 2, RUN_TIMEOUT_S, "both runs to finish")
    seen = plot.sample_count()
    wait_until(lambda: plot.sample_count() >= seen + EXTRA_SAMPLES, 10, "more samples")


def main() -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from gui.app import ICON_PATH, zoom_for_screen_height
    from gui.style.theme import get_theme

    app = QApplication(sys.argv)
    app.setApplicationName("Process Lab")
    app.setWindowIcon(QIcon(str(ICON_PATH)))
    theme = get_theme()
    theme.apply_to_app(app)
    # e.g. "1.5": a zoomed shot, to check that nothing clips at that zoom.
    forced_zoom = float(sys.argv[1]) if len(sys.argv) > 1 else None

    from gui.main_window import MainWindow

    status = 0
    for width, height in SIZES:
        # The zoom the app would pick on a screen of this size.
        theme.set_zoom(forced_zoom or zoom_for_screen_height(height))
        window = MainWindow()
        try:
            window.resize(width, height)
            window.show()
            wait_until(window.isVisible, 10, "the window to show")
            run_the_lesson(window)
            suffix = f"-zoom{forced_zoom:g}" if forced_zoom else ""
            path = HERE / f"window-{width}x{height}{suffix}.png"
            if window.grab().save(str(path)):
                print(f"saved {path.relative_to(ROOT)}")
            else:
                print(f"capture: could not save {path}", file=sys.stderr)
                status = 1
        finally:
            window.close()  # stops runs, threads and the demo site
            window.deleteLater()
    app.processEvents()
    return status


if __name__ == "__main__":
    sys.exit(main())
