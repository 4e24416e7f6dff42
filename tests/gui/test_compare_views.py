"""Threads vs processes in the window, the "Compare runs" tab and the "Code"
tab, driven by their named widgets."""

from __future__ import annotations

import os
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gui import MainWindow
from gui.compare.code_view import NAMED, POOL
from workers.lesson_code import named_script, pool_script
from workers.terms import JobState, WorkerKind

RUN_TIMEOUT_MS = 60_000
W = TypeVar("W", bound=QWidget)


def _child(window: MainWindow, kind: type[W], name: str) -> W:
    widget = window.findChild(kind, name)
    assert widget is not None, name
    return widget


def _run_named(qtbot: QtBot, window: MainWindow, count: int, run_as: str, method: str = "") -> None:
    panel = window.named_panel
    panel.process_count_spin.setValue(count)
    panel.sleep_max_spin.setValue(0.3)
    panel.sleep_min_spin.setValue(0.1)
    combo = _child(window, QComboBox, "runAsCombo")
    combo.setCurrentIndex(combo.findData(run_as))
    if method:
        panel.start_method_combo.setCurrentIndex(panel.start_method_combo.findData(method))
    start = _child(window, QPushButton, "startProcessesButton")
    with qtbot.waitSignal(window.named_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(start.isEnabled, timeout=5000)


def _show_tab(window: MainWindow, widget: object) -> None:
    tabs = window.bottom_tabs
    tabs.setCurrentIndex(tabs.indexOf(widget))


# -- run as threads ---------------------------------------------------------------


def test_the_run_as_combo_offers_processes_and_threads(window: MainWindow) -> None:
    combo = _child(window, QComboBox, "runAsCombo")
    assert [combo.itemData(i) for i in range(combo.count())] == ["processes", "threads"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["Processes", "Threads"]
    threads_tip = combo.itemData(1, Qt.ItemDataRole.ToolTipRole)
    assert "GIL" in threads_tip or "free-threaded" in threads_tip
    assert window.named_panel.options().run_as == "processes"
    combo.setCurrentIndex(1)
    assert window.named_panel.options().run_as == "threads"
    assert combo.toolTip() == threads_tip  # the closed combo says it too
    assert not window.named_panel.start_method_combo.isEnabled()  # threads have none
    combo.setCurrentIndex(0)
    assert window.named_panel.start_method_combo.isEnabled()


def test_a_thread_run_shows_threads_named_1_to_n_in_one_process(
    qtbot: QtBot, window: MainWindow
) -> None:
    _run_named(qtbot, window, 4, "threads")
    jobs = list(window.results_model.jobs())
    assert [job.label for job in jobs] == ["1", "2", "3", "4"]
    assert [job.result for job in jobs] == [1, 4, 9, 16]
    assert {job.state for job in jobs} == {JobState.DONE}
    assert {job.worker.kind for job in jobs} == {WorkerKind.THREAD}
    (host,) = {job.worker.pid for job in jobs}  # one process holds them all
    assert host != os.getpid()  # not the window's: its own threads stay free
    log = window.log_view.toPlainText()
    assert f"Process ID: {host}, Thread Name: 3" in log
    assert "starting 4 threads" in log


# -- the comparison panel ------------------------------------------------------------


def test_the_comparison_lists_finished_runs_and_charts_the_chosen_ones(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = window.compare_panel
    assert panel.chart is None  # no pyqtgraph for it until the tab shows
    _run_named(qtbot, window, 3, "processes")
    _run_named(qtbot, window, 3, "threads")

    table = _child(window, QTableWidget, "compareTable")
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=5000)
    assert [table.item(row, 0).text() for row in range(2)] == ["Run 1", "Run 2"]
    settings = [table.item(row, 1).text() for row in range(2)]
    assert settings[0].startswith("3 processes · Sleep · ")
    assert settings[1] == "3 threads · Sleep"
    assert table.item(1, 7).text() == "3"  # most alive at once: 3 threads slept together
    assert "busy" in table.item(0, 8).toolTip()

    _show_tab(window, panel)
    chart = panel.chart
    assert chart is not None and chart.objectName() == "compareChart"
    labels = [label for label, _value in chart.bars()]
    assert labels[0].startswith("1 · ") and labels[1] == "2 · threads"

    combo = _child(window, QComboBox, "compareMetricCombo")
    combo.setCurrentIndex(combo.findData("wall"))
    walls = [value for _label, value in chart.bars()]
    assert walls == [stats.wall_s for stats in panel.stats()]
    assert all(0.1 <= wall < 60 for wall in walls)

    # Untick the first run: only the second sits in the bars, and can be alone in the table.
    table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    assert [label for label, _v in chart.bars()] == ["2 · threads"]
    _child(window, QCheckBox, "compareOnlyChosenCheck").setChecked(True)
    assert table.isRowHidden(0) and not table.isRowHidden(1)


# -- the code ----------------------------------------------------------------------------


def test_the_code_follows_the_experiment_changed_last(qtbot: QtBot, window: MainWindow) -> None:
    code = window.code_panel
    view = _child(window, QPlainTextEdit, "codeView")
    assert view.isReadOnly()
    _show_tab(window, code)
    assert code.experiment == NAMED
    assert view.toPlainText() == named_script(window.named_panel.options(force=True))

    _child(window, QSpinBox, "maxWorkersSpin").setValue(3)
    assert code.experiment == POOL
    text = view.toPlainText()
    assert text == pool_script(window.pool_panel.options())
    assert "max_workers=3" in text and "ProcessPoolExecutor(" in text
    executor = _child(window, QComboBox, "executorCombo")
    executor.setCurrentIndex(executor.findData("thread"))
    assert "ThreadPoolExecutor(max_workers=3)" in view.toPlainText()
    window.pool_panel.url_editor.set_urls(["http://127.0.0.1:9/one"])
    assert "'http://127.0.0.1:9/one'," in view.toPlainText()

    _child(window, QSpinBox, "processCountSpin").setValue(7)
    assert code.experiment == NAMED
    assert "for i in range(1, 8):" in view.toPlainText()
    combo = _child(window, QComboBox, "runAsCombo")
    combo.setCurrentIndex(combo.findData("threads"))
    assert "threading.Thread(name=str(i)" in view.toPlainText()

    _child(window, QPushButton, "codeCopyButton").click()
    assert QApplication.clipboard().text() == view.toPlainText()


def test_the_code_is_coloured_but_stays_plain_text(window: MainWindow) -> None:
    view = _child(window, QPlainTextEdit, "codeView")
    _show_tab(window, window.code_panel)
    text = view.toPlainText()
    assert "import os" in text and "<" not in text.split("\n")[0]  # no markup in the text
    block = view.document().begin()
    coloured = []
    while block.isValid():
        coloured += [
            (block.text()[f.start : f.start + f.length], f) for f in block.layout().formats()
        ]
        block = block.next()
    words_coloured = {piece for piece, _f in coloured}
    assert {"import", "def", "if", "for"} <= words_coloured  # keywords
    assert "print" in words_coloured  # a built-in
    assert any(piece.startswith("# Process Lab") for piece in words_coloured)  # the comment
    assert any(piece.startswith('f"Process ID') for piece in words_coloured)  # an f-string


def test_the_new_tabs_come_after_the_first_paint(qtbot: QtBot) -> None:
    win = MainWindow(staged_start=True)
    qtbot.addWidget(win)
    try:
        assert win.compare_panel is None and win.code_panel is None
        with qtbot.waitSignal(win.loaded, timeout=20_000):
            win.show()
        tabs = [win.bottom_tabs.tabText(i) for i in range(win.bottom_tabs.count())]
        assert tabs[0] == "Console" and {"Compare runs", "Code"} <= set(tabs)
        assert win.compare_panel is not None and win.compare_panel.chart is None
        assert win.code_panel is not None
        assert "import os" in win.code_panel.view.toPlainText()
        # The demo site's pages came with loading; the code still shows the named one.
        assert win.code_panel.experiment == NAMED
    finally:
        win.shutdown()
        win.close()
