"""GUI benchmark: a long class. With *Keep earlier runs* on, 50 runs of 100
named processes (no sleep) in one window; the window's RSS at the end
(target: under 250 MB) and how much it grew. Run on its own:

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/perf/gui_many_runs.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

RSS_TARGET_MB = 250.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--processes", type=int, default=100)
    args = parser.parse_args()

    import psutil
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from gui.main_window import MainWindow

    window = MainWindow()
    window.resize(1280, 860)
    window.show()
    me = psutil.Process()

    def wait_for(condition, timeout_s: float) -> None:
        loop = QEventLoop()
        poll = QTimer()
        poll.timeout.connect(lambda: condition() and loop.quit())
        poll.start(20)
        QTimer.singleShot(round(timeout_s * 1000), loop.quit)
        if not condition():
            loop.exec()
        poll.stop()
        if not condition():
            raise SystemExit("gui_many_runs: timed out")

    panel = window.named_panel
    panel.process_count_spin.setValue(args.processes)
    panel.sleep_min_spin.setValue(0.0)
    panel.sleep_max_spin.setValue(0.0)
    window.run_controls.keep_runs_check.setChecked(True)
    finished: list[object] = []
    window.named_bridge.run_finished.connect(finished.append)
    start_rss = me.memory_info().rss / 2**20
    started = time.monotonic()
    for run in range(args.runs):
        wait_for(panel.start_button.isEnabled, 60)
        panel.start_button.click()
        wait_for(lambda r=run: len(finished) > r, 120)
    app.processEvents()
    end_rss = me.memory_info().rss / 2**20
    jobs = window.store.record.job_count
    verdict = "PASS" if end_rss <= RSS_TARGET_MB else "FAIL"
    print(
        f"{args.runs} runs of {args.processes} processes, Keep earlier runs on, "
        f"{jobs} jobs in the record, {time.monotonic() - started:.0f} s: "
        f"RSS {start_rss:.0f} MB after the first paint, {end_rss:.0f} MB at the end "
        f"(target <= {RSS_TARGET_MB:.0f} MB) {verdict}"
    )
    window.close()
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
