"""The whole window, driven as a teacher would: by its named widgets.

Every wait is on a signal or a condition with a timeout. Each test closes its
window (pytest-qt closes it too), and tests/conftest.py fails any test that
leaves a child process behind.
"""

from __future__ import annotations

import csv
import json
import os
import threading
from pathlib import Path

import psutil
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
)
from pytestqt.qtbot import QtBot

from gui import MainWindow, exports, words
from gui.panels.named_panel import CHILD_NICENESS
from gui.plots.cpu_plot import CpuPlot
from gui.results.columns import COL_BYTES, COL_NAME, COL_SQUARE, COL_STATUS, COL_WORKER
from gui.style.theme import get_theme
from gui.threads.run_bridge import RunBridge
from workers.demo_site import DemoSite
from workers.start_methods import multiprocessing_helper_pids
from workers.terms import JobState, WorkerKind

# The offscreen platform warns about every window with a layout, which says
# nothing about this app; every other Qt warning still fails the test.

RUN_TIMEOUT_MS = 60_000  # generous: a loaded CI machine starts processes slowly
CHILDREN_GONE_TIMEOUT_MS = 15_000


def _spin(window: MainWindow, name: str) -> QSpinBox:
    widget = window.findChild(QSpinBox, name)
    assert widget is not None, name
    return widget


def _double_spin(window: MainWindow, name: str) -> QDoubleSpinBox:
    widget = window.findChild(QDoubleSpinBox, name)
    assert widget is not None, name
    return widget


def _button(window: MainWindow, name: str) -> QPushButton:
    widget = window.findChild(QPushButton, name)
    assert widget is not None, name
    return widget


def _set_named(window: MainWindow, count: int, sleep_min: float, sleep_max: float) -> None:
    _spin(window, "processCountSpin").setValue(count)
    # Max first, so the minimum is never above it along the way.
    _double_spin(window, "sleepMaxSpin").setValue(sleep_max)
    _double_spin(window, "sleepMinSpin").setValue(sleep_min)


def _children() -> list[psutil.Process]:
    """Our live descendants, minus multiprocessing's long-lived helpers."""
    helpers = multiprocessing_helper_pids()
    alive = []
    for child in psutil.Process().children(recursive=True):
        try:
            if child.pid not in helpers and child.status() != psutil.STATUS_ZOMBIE:
                alive.append(child)
        except psutil.Error:
            pass  # it exited while we looked
    return alive


def _wait_until_running(qtbot: QtBot, window: MainWindow, count: int) -> None:
    def all_running() -> None:
        assert window.store.counts()[JobState.RUNNING] == count

    qtbot.waitUntil(all_running, timeout=RUN_TIMEOUT_MS)


def test_named_run_fills_the_table_the_log_and_the_progress(
    qtbot: QtBot, window: MainWindow
) -> None:
    _set_named(window, 5, 0.0, 0.2)
    start = _button(window, "startProcessesButton")
    with qtbot.waitSignal(window.named_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)

    jobs = list(window.results_model.jobs())
    assert [job.label for job in jobs] == ["1", "2", "3", "4", "5"]
    assert [job.result for job in jobs] == [1, 4, 9, 16, 25]
    assert {job.state for job in jobs} == {JobState.DONE}
    pids = [job.pid for job in jobs]
    assert len(set(pids)) == 5 and os.getpid() not in pids
    model = window.results_model
    assert model.data(model.index(3, COL_WORKER)) == str(pids[2])

    progress = window.findChild(QProgressBar, "runProgress")
    assert (progress.value(), progress.maximum(), progress.text()) == (5, 5, "5 / 5")
    log = window.findChild(QPlainTextEdit, "logView").toPlainText()
    assert f"Parent process ID {os.getpid()}" in log
    assert f"Process ID: {pids[2]}, Process Name: 3" in log
    assert "Result of 3 square : 9" in log
    assert "Main-Processing Done!" in log
    assert "── Run 1 finished in " in log and ": 5 done ──" in log
    qtbot.waitUntil(start.isEnabled, timeout=5000)
    assert not _button(window, "stopButton").isEnabled()


def test_pool_run_reports_exact_sizes_and_refusals(
    qtbot: QtBot, window: MainWindow, demo_site: DemoSite
) -> None:
    bad = "file:///etc/passwd"
    window.pool_panel.url_editor.set_urls([*demo_site.page_urls(), bad])
    _spin(window, "maxWorkersSpin").setValue(3)
    with qtbot.waitSignal(window.pool_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(_button(window, "startPoolButton"), Qt.MouseButton.LeftButton)

    jobs = {job.label: job for job in window.results_model.jobs()}
    for url, size in demo_site.expected_sizes().items():
        assert (jobs[url].state, jobs[url].status, jobs[url].nbytes) == (JobState.DONE, 200, size)
    refused = jobs[bad]
    assert refused.state is JobState.FAILED
    reason = words.failure_text(refused.failure)
    assert reason.startswith("scheme 'file' is not allowed")
    model = window.results_model
    shown = model.data(model.index(model.row_for_job(refused.run_id, refused.job_id), COL_STATUS))
    assert shown == f"failed: {reason}"
    log = window.findChild(QPlainTextEdit, "logView").toPlainText()
    assert f"'{demo_site.url('/pages/1k')}' page is 1024 bytes" in log
    assert f"'{bad}' generated an exception:" in log

    # At 1024x768 the pool's answers are on screen, without a sideways scroll.
    table = window.findChild(QTableView, "resultsTable")
    header = table.horizontalHeader()
    for column in (COL_NAME, COL_BYTES, COL_STATUS):
        assert not header.isSectionHidden(column), column
    assert header.isSectionHidden(COL_SQUARE)  # a named-process column, empty here
    assert header.length() <= table.viewport().width()


def test_bad_input_shows_the_reason_and_starts_nothing(qtbot: QtBot, window: MainWindow) -> None:
    _set_named(window, 3, 5.0, 1.0)  # backwards: minimum above maximum
    error = window.findChild(QLabel, "errorLabel")
    qtbot.mouseClick(_button(window, "startProcessesButton"), Qt.MouseButton.LeftButton)
    assert error.isVisible()
    assert "the sleep range is backwards" in error.text()
    assert not window.named_bridge.is_busy()
    assert window.results_model.job_count() == 0

    window.pool_panel.url_editor.set_urls([])
    qtbot.mouseClick(_button(window, "startPoolButton"), Qt.MouseButton.LeftButton)
    assert "no URLs to fetch" in error.text()
    assert not window.pool_bridge.is_busy()

    # A good start clears the message.
    _set_named(window, 1, 0.0, 0.0)
    with qtbot.waitSignal(window.named_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(_button(window, "startProcessesButton"), Qt.MouseButton.LeftButton)
    assert not error.isVisible()


def test_stop_stops_the_running_and_the_rest_never_start(qtbot: QtBot, window: MainWindow) -> None:
    # The case: processes sleeping 2-3 s, Stop while they start.
    # spawn starts each child in a few ms, and a child says it has started
    # only once it has imported (a hundred ms or more): by the first such
    # word most of the 120 are still to start, and Stop comes mid-way.
    combo = window.named_panel.start_method_combo
    if combo.findData("spawn") >= 0:
        combo.setCurrentIndex(combo.findData("spawn"))
    total = 120
    _set_named(window, total, 2.0, 3.0)
    qtbot.mouseClick(_button(window, "startProcessesButton"), Qt.MouseButton.LeftButton)

    def one_running() -> bool:
        runs = window.store.record.runs()
        return bool(runs) and runs[-1].counts[JobState.RUNNING] >= 1

    qtbot.waitUntil(one_running, timeout=RUN_TIMEOUT_MS)
    stop = _button(window, "stopButton")
    assert stop.isEnabled()
    with qtbot.waitSignal(window.named_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)

    model = window.results_model
    status = [model.data(model.index(row, COL_STATUS)) for row in range(1, total + 1)]
    ended_by_stop = [s for s in status if s.startswith("stopped")]
    never = [s for s in status if s == "never started"]
    assert len(ended_by_stop) + len(never) == total, status  # none done, none "cancelled"
    assert ended_by_stop and never, status
    assert set(ended_by_stop) <= {"stopped (SIGTERM)", "stopped (SIGKILL)"}

    progress = window.findChild(QProgressBar, "runProgress")
    assert progress.value() == len(ended_by_stop) < progress.maximum() == total
    assert progress.text() == f"{len(ended_by_stop)} of {total} ended, stopped"
    log = window.findChild(QPlainTextEdit, "logView").toPlainText()
    summary = f": 0 done, {len(ended_by_stop)} stopped, {len(never)} never started ──"
    assert "── Run 1 stopped after " in log and summary in log
    assert "Main-Processing Done!" not in log
    assert " · stopped after " in window.cpu_plot.run_marks()[-1][3]  # the run key
    qtbot.waitUntil(lambda: not _children(), timeout=CHILDREN_GONE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not stop.isEnabled(), timeout=5000)


def test_a_thread_pool_names_its_threads_in_the_worker_column(
    qtbot: QtBot, window: MainWindow, demo_site: DemoSite
) -> None:
    window.pool_panel.url_editor.set_urls(demo_site.page_urls())
    combo = window.findChild(QComboBox, "executorCombo")
    combo.setCurrentIndex(combo.findData("thread"))
    _spin(window, "maxWorkersSpin").setValue(2)
    with qtbot.waitSignal(window.pool_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(_button(window, "startPoolButton"), Qt.MouseButton.LeftButton)

    model = window.results_model
    jobs = list(model.jobs())
    assert {job.state for job in jobs} == {JobState.DONE}
    assert {job.worker.kind for job in jobs} == {WorkerKind.THREAD}
    cells = [
        model.data(model.index(model.row_for_job(j.run_id, j.job_id), COL_WORKER)) for j in jobs
    ]
    assert cells == [job.worker.thread for job in jobs]
    assert all(cell.startswith("ThreadPoolExecutor") for cell in cells)
    assert 1 <= len(set(cells)) <= 2
    assert "Threads" in model.separator_text(0)
    assert not window.results_view.horizontalHeader().isSectionHidden(COL_WORKER)


def test_export_round_trip(
    qtbot: QtBot, window: MainWindow, demo_site: DemoSite, tmp_path: Path
) -> None:
    _set_named(window, 4, 0.0, 0.1)
    with qtbot.waitSignal(window.named_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(_button(window, "startProcessesButton"), Qt.MouseButton.LeftButton)
    window.pool_panel.url_editor.set_urls(demo_site.page_urls())
    with qtbot.waitSignal(window.pool_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(_button(window, "startPoolButton"), Qt.MouseButton.LeftButton)
    jobs = list(window.store.record.jobs())
    assert len(jobs) == 4 + len(demo_site.page_urls())

    csv_path, trace_path = tmp_path / "results.csv", tmp_path / "trace.json"
    assert exports.export_csv(window, str(csv_path)) == len(jobs)
    exports.export_trace(window, str(trace_path))

    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(jobs)
    assert [int(r["n_squared"]) for r in rows[:4]] == [1, 4, 9, 16]
    assert {r["name_or_url"]: int(r["bytes"]) for r in rows[4:]} == demo_site.expected_sizes()
    events = json.loads(trace_path.read_text(encoding="utf-8"))["traceEvents"]
    slices = [e for e in events if e["ph"] == "X"]
    assert len(slices) == len([job for job in jobs if job.started_mono is not None]) == len(jobs)


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="no process priorities here")
def test_the_windows_children_run_below_its_priority(qtbot: QtBot, window: MainWindow) -> None:
    _set_named(window, 3, 5.0, 5.0)
    qtbot.mouseClick(_button(window, "startProcessesButton"), Qt.MouseButton.LeftButton)
    _wait_until_running(qtbot, window, 3)
    pids = [job.pid for job in window.results_model.jobs()]
    assert all(pids), pids
    assert all(psutil.Process(pid).nice() >= CHILD_NICENESS for pid in pids)
    assert psutil.Process().nice() < CHILD_NICENESS  # the window itself keeps its priority
    with qtbot.waitSignal(window.named_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(_button(window, "stopButton"), Qt.MouseButton.LeftButton)


def test_closing_mid_run_leaves_no_children_and_no_threads(
    qtbot: QtBot, window: MainWindow
) -> None:
    _set_named(window, 10, 5.0, 5.0)
    qtbot.mouseClick(_button(window, "startProcessesButton"), Qt.MouseButton.LeftButton)
    _wait_until_running(qtbot, window, 10)

    assert window.close()
    assert RunBridge.live_threads() == 0
    assert not window.cpu_sampler.is_running()
    assert window.demo_site is not None
    site_thread = f"demo-site:{window.demo_site.port}"  # the session's own site runs on
    assert site_thread not in [t.name for t in threading.enumerate()]
    qtbot.waitUntil(lambda: not _children(), timeout=CHILDREN_GONE_TIMEOUT_MS)
    window.shutdown()  # idempotent: a second call is harmless


def test_cpu_plot_receives_samples(qtbot: QtBot, window: MainWindow) -> None:
    plot = window.findChild(CpuPlot, "cpuPlot")
    assert plot is not None
    qtbot.waitUntil(lambda: plot.sample_count() >= 2, timeout=5000)


def test_runs_are_marked_on_both_graphs(qtbot: QtBot, window: MainWindow) -> None:
    _set_named(window, 2, 0.0, 0.0)
    with qtbot.waitSignal(window.named_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(_button(window, "startProcessesButton"), Qt.MouseButton.LeftButton)
    ((number, start, end, key),) = window.cpu_plot.run_marks()
    run = window.store.record.runs()[0]
    assert (number, start, end) == (1, run.started_mono, run.finished_mono)
    assert key.startswith("1 · 2 processes · ") and key.endswith(" s")
    assert window.graphs.key.entries() == [key]
    for graph in (window.cpu_plot, window.timeline):
        qtbot.waitUntil(lambda g=graph: [n for n, _r in g.badges()] == [1], timeout=5000)


def test_zoom_in_grows_the_fonts(qtbot: QtBot, window: MainWindow) -> None:
    theme = get_theme()
    table = window.findChild(QTableView, "resultsTable")
    log = window.findChild(QPlainTextEdit, "logView")
    spin = _spin(window, "processCountSpin")
    before = (table.font().pointSizeF(), log.font().pointSizeF(), spin.font().pointSizeF())
    try:
        window.menus.zoom_in.trigger()
        after = (table.font().pointSizeF(), log.font().pointSizeF(), spin.font().pointSizeF())
        assert all(a > b for a, b in zip(after, before, strict=True)), (before, after)
        window.menus.reset_zoom.trigger()
        assert table.font().pointSizeF() == pytest.approx(before[0])
    finally:
        theme.reset_zoom()  # the theme is shared by every later test


def test_repaint_soak_with_the_plot_running(qtbot: QtBot, window: MainWindow) -> None:
    plot = window.cpu_plot
    qtbot.waitUntil(lambda: plot.sample_count() >= 1, timeout=5000)
    for _ in range(1000):
        window.repaint()
        QApplication.processEvents()
    assert window.isVisible()
    assert plot.sample_count() >= 1


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_more_than_the_safe_limit_asks_first(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    answer: QMessageBox.StandardButton,
) -> None:
    # A tiny limit, so the question comes up without starting thousands.
    monkeypatch.setattr("workers.options.safe_process_limit", lambda: (2, "unused"))
    asked: list[str] = []

    def question(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    _set_named(window, 3, 0.0, 0.0)
    start = _button(window, "startProcessesButton")
    if answer == QMessageBox.StandardButton.No:
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
        assert not window.named_bridge.is_busy()
        assert window.results_model.job_count() == 0
    else:
        with qtbot.waitSignal(window.named_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
            qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
        assert window.store.counts()[JobState.DONE] == 3
    assert len(asked) == 1
    assert "3 processes is more than this machine safely runs (2: " in asked[0]
