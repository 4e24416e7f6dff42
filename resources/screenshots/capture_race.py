"""Take the README's start-method race: 100 processes started with ``fork``,
``forkserver`` and ``spawn``, one run after the other, then the *Compare
runs* tab with their start-up costs side by side.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python resources/screenshots/capture_race.py

Saves ``compare-race-<w>x<h>.png`` next to this file (default 1920x1080;
``--size 1024x768`` for a projector's). Nothing leaves this machine: the
runs are named processes only.

Qt is imported only inside ``main()``: the forkserver imports this module
as ``__mp_main__`` to start children, and children must never load Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
for path in (str(ROOT), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

from capture import RUN_TIMEOUT_S, _size, wait_until  # noqa: E402 (after the path)

METHODS = ("fork", "forkserver", "spawn")
PROCESSES = 100


def main() -> int:
    parser = argparse.ArgumentParser(description="Take the start-method race screenshot.")
    parser.add_argument("--size", type=_size, default=(1920, 1080), help="WxH")
    width, height = parser.parse_args(sys.argv[1:]).size

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from gui.app import ICON_PATH, zoom_for_screen_height
    from gui.style.theme import get_theme

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Process Lab")
    app.setWindowIcon(QIcon(str(ICON_PATH)))
    theme = get_theme()
    theme.apply_to_app(app)
    theme.set_default_zoom(zoom_for_screen_height(height))
    theme.set_zoom(theme.default_zoom)

    from gui.main_window import MainWindow

    window = MainWindow()
    try:
        window.resize(width, height)
        window.show()
        wait_until(window.isVisible, 10, "the window to show")
        panel = window.named_panel
        panel.process_count_spin.setValue(PROCESSES)
        panel.sleep_min_spin.setValue(0.0)
        panel.sleep_max_spin.setValue(0.0)
        finished: list[object] = []
        window.named_bridge.run_finished.connect(finished.append)
        for method in METHODS:
            combo = panel.start_method_combo
            combo.setCurrentIndex(combo.findData(method))
            before = len(finished)
            wait_until(lambda: panel.start_button.isEnabled(), RUN_TIMEOUT_S, "Start to wake")
            panel.start_button.click()
            wait_until(lambda b=before: len(finished) > b, RUN_TIMEOUT_S, f"the {method} run")
        compare = window.compare_panel
        if compare is None:
            raise SystemExit("capture: the Compare runs tab did not load")
        window.bottom_tabs.setCurrentWidget(compare)
        # The tab and its table get the room: the console's place, made taller.
        sizes = window.right_splitter.sizes()
        total = sum(sizes)
        window.right_splitter.setSizes([total * 30 // 100, total * 25 // 100, total * 45 // 100])
        wait_until(lambda: len(compare.stats()) >= len(METHODS), 10, "the runs' figures")
        compare.metric_combo.setCurrentIndex(compare.metric_combo.findData("startup"))
        app.processEvents()
        path = HERE / f"compare-race-{width}x{height}.png"
        if not window.grab().save(str(path)):
            print(f"capture: could not save {path}", file=sys.stderr)
            return 1
        print(f"saved {path.relative_to(ROOT)}")
        return 0
    finally:
        window.close()


if __name__ == "__main__":
    sys.exit(main())
