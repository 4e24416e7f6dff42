"""The window's Dask cluster choice: the executor list, the cluster's own row,
greyed out with how to install it when the extra is missing, the Code tab's
Dask script, the dashboard's link in the console, and a real run on a local
cluster ended by Stop and by closing the window."""

from __future__ import annotations

import sys

import psutil
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from gui import MainWindow, words
from gui.panels.console_lines import console_lines
from gui.panels.pool_panel import PoolPanel
from workers.demo_site import DemoSite
from workers.events import RunStarted
from workers.record import SessionRecord
from workers.start_methods import multiprocessing_helper_pids
from workers.terms import Experiment, JobState, WorkerKind

RUN_TIMEOUT_MS = 60_000
CHILDREN_GONE_TIMEOUT_MS = 5_000  # the bound
NOT_INSTALLED = "this needs distributed, which is not installed: pip install .[cluster]"


@pytest.fixture
def panel(qtbot: QtBot) -> PoolPanel:
    widget = PoolPanel()
    qtbot.addWidget(widget)
    return widget


def _child(parent: QWidget, kind: type, name: str):  # type: ignore[no-untyped-def]
    widget = parent.findChild(kind, name)
    assert widget is not None, name
    return widget


def test_dask_has_a_row_of_its_own_shown_only_while_it_is_chosen(
    qtbot: QtBot, panel: PoolPanel
) -> None:
    combo = panel.executor_combo
    index = combo.findData("dask")
    assert combo.itemText(index) == "Dask cluster"
    row = _child(panel, QWidget, "clusterRow")
    scheduler = _child(panel, QLineEdit, "schedulerEdit")
    workers = _child(panel, QSpinBox, "daskWorkersSpin")
    dashboard = _child(panel, QCheckBox, "daskDashboardCheck")
    assert not row.isVisibleTo(panel) and panel.options().executor_settings == ()

    combo.setCurrentIndex(index)
    assert row.isVisibleTo(panel) and row.label.isVisibleTo(panel)
    assert not panel.max_workers_spin.isEnabled()  # the cluster has its own workers
    options = panel.options()
    assert options.executor == "dask"
    assert dict(options.executor_settings) == {
        "scheduler": "local",
        "workers": 2,
        "dashboard": False,
    }
    with qtbot.waitSignal(panel.cluster_changed, timeout=1000):
        workers.setValue(3)
    with qtbot.waitSignal(panel.cluster_changed, timeout=1000):
        dashboard.setChecked(True)
    with qtbot.waitSignal(panel.cluster_changed, timeout=1000):
        scheduler.setText("tcp://10.0.0.5:8786")
    assert not workers.isEnabled()  # a running cluster has the workers it has
    assert dict(panel.options().executor_settings) == {
        "scheduler": "tcp://10.0.0.5:8786",
        "workers": 3,
        "dashboard": True,
    }
    scheduler.setText("")
    assert workers.isEnabled() and panel.options().setting("scheduler") == "local"

    combo.setCurrentIndex(combo.findData("process"))
    assert not row.isVisibleTo(panel) and panel.max_workers_spin.isEnabled()
    assert panel.options().executor_settings == ()


def test_without_the_extra_the_window_starts_and_greys_dask_out(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    win = MainWindow()  # loads at once (not staged), which checks the executors
    qtbot.addWidget(win)
    try:
        combo = win.pool_panel.executor_combo
        index = combo.findData("dask")
        assert not combo.model().item(index).isEnabled()
        assert combo.itemData(index, Qt.ItemDataRole.ToolTipRole) == NOT_INSTALLED
        assert combo.currentData() == "process"
        for name in ("process", "thread"):
            assert combo.model().item(combo.findData(name)).isEnabled()
    finally:
        win.shutdown()
        win.close()


# The offscreen platform cannot raise a popup or grab the keyboard, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_list_is_checked_before_it_first_opens(
    panel: PoolPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    combo = panel.executor_combo
    combo.setCurrentIndex(combo.findData("dask"))  # chosen before anyone looked
    combo.showPopup()
    combo.hidePopup()
    assert not combo.model().item(combo.findData("dask")).isEnabled()
    assert combo.currentData() == "process"
    assert not panel.cluster_row.isVisibleTo(panel)


def test_with_the_extra_dask_can_be_chosen_and_the_code_tab_shows_its_script(
    qtbot: QtBot, window: MainWindow
) -> None:
    pytest.importorskip("distributed")
    combo = window.pool_panel.executor_combo
    index = combo.findData("dask")
    assert combo.model().item(index).isEnabled()
    assert "client.get_executor()" in combo.itemData(index, Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(index)
    code = window.code_panel
    assert code is not None
    qtbot.waitUntil(lambda: "LocalCluster(" in code.view.toPlainText(), timeout=5000)
    text = code.view.toPlainText()
    assert "n_workers=2, threads_per_worker=1" in text
    assert "client.get_executor(pure=False) as executor:" in text
    assert "concurrent.futures.as_completed(future_to_url)" in text
    _child(window, QLineEdit, "schedulerEdit").setText("tcp://10.0.0.5:8786")
    qtbot.waitUntil(lambda: "Client('tcp://10.0.0.5:8786'" in code.view.toPlainText(), timeout=5000)


def test_the_console_shows_the_dashboard_link_when_there_is_one() -> None:
    record = SessionRecord()
    link = "http://127.0.0.1:40123/status"
    with_link = RunStarted(
        1, experiment=Experiment.POOL, total=1, parent_pid=1, executor="dask", workers=2,
        settings=(("scheduler", "local"), ("dashboard", link)),
    )  # fmt: skip
    without = RunStarted(
        2, experiment=Experiment.POOL, total=1, parent_pid=1, executor="dask", workers=2,
        settings=(("scheduler", "local"), ("dashboard", "")),
    )  # fmt: skip
    record.apply([with_link, without])
    lines = console_lines(with_link, record.run(1))
    assert lines[0] == "── Run 1: fetching 1 URL · 2 workers (Dask cluster) ──"
    assert lines[1] == f"Dask dashboard: {link}"
    assert not any("dashboard" in line for line in console_lines(without, record.run(2)))
    assert words.dashboard_line(record.run(2)) is None


def _children() -> list[psutil.Process]:
    helpers = multiprocessing_helper_pids()
    alive = []
    for child in psutil.Process().children(recursive=True):
        try:
            if child.pid not in helpers and child.status() != psutil.STATUS_ZOMBIE:
                alive.append(child)
        except psutil.Error:
            pass
    return alive


@pytest.mark.slow
def test_a_dask_run_is_ended_by_stop_and_by_closing_the_window(
    qtbot: QtBot, demo_site: DemoSite
) -> None:
    pytest.importorskip("distributed")
    win = MainWindow()
    qtbot.addWidget(win)
    try:
        panel = win.pool_panel
        panel.url_editor.set_urls([demo_site.url(f"/slow?delay=5&n={i}") for i in range(4)])
        panel.executor_combo.setCurrentIndex(panel.executor_combo.findData("dask"))
        start = _child(win, QPushButton, "startPoolButton")
        stop = _child(win, QPushButton, "stopButton")

        def two_running() -> None:
            assert win.store.counts()[JobState.RUNNING] == 2

        # Stop: the two running jobs are stopped, the others never start,
        # and the cluster's workers are gone.
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(two_running, timeout=RUN_TIMEOUT_MS)
        jobs = [job for job in win.results_model.jobs() if job.state is JobState.RUNNING]
        assert {job.worker.kind for job in jobs} == {WorkerKind.DASK}
        assert len({job.worker.address for job in jobs}) == 2
        with qtbot.waitSignal(win.pool_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
            qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
        states = sorted(job.state.value for job in win.results_model.jobs())
        assert states == ["cancelled", "cancelled", "stopped", "stopped"]
        qtbot.waitUntil(lambda: not _children(), timeout=CHILDREN_GONE_TIMEOUT_MS)

        # Closing the window mid-run does the same.
        qtbot.waitUntil(start.isEnabled, timeout=5000)
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(two_running, timeout=RUN_TIMEOUT_MS)
        workers = _children()
        assert len(workers) == 2
    finally:
        win.shutdown()
        win.close()
    _gone, alive = psutil.wait_procs(workers, timeout=CHILDREN_GONE_TIMEOUT_MS / 1000)
    assert alive == []
