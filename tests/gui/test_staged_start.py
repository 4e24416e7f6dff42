"""The window as the app opens it: controls first, the CPU graph just after
its first paint, the demo site and the engine once the graph is painted."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from gui import MainWindow
from gui.panels import named_panel
from gui.panels.named_panel import NamedPanel
from gui.panels.url_list import LESSON_URLS
from gui.plots.cpu_plot import CpuPlot
from gui.timeline.graphs import GRAPH_SHARES
from tests.gui.conftest import run_fresh_python
from workers.start_method_choices import START_METHODS

LOAD_TIMEOUT_MS = 20_000
RUN_TIMEOUT_MS = 60_000


@pytest.fixture
def staged_window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = MainWindow(staged_start=True)
    qtbot.addWidget(win)
    win.resize(1024, 768)
    try:
        yield win
    finally:
        win.shutdown()
        win.close()


def test_the_graph_and_the_demo_site_come_after_the_first_paint(
    qtbot: QtBot, staged_window: MainWindow
) -> None:
    window = staged_window
    # Before it is shown: controls, table and console, and a placeholder.
    assert not window.is_loaded()
    assert window.findChild(CpuPlot, "cpuPlot") is None
    placeholder = window.findChild(QLabel, "cpuPlotPlaceholder")
    assert placeholder is not None and "Loading" in placeholder.text()
    assert window.pool_panel.url_editor.urls() == list(LESSON_URLS)
    assert window.cpu_sampler is None and window.demo_site is None

    loaded_at_first_paint: list[bool] = []

    class FirstPaint(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not loaded_at_first_paint:
                loaded_at_first_paint.append(window.is_loaded())
            return False

    class GraphFirstPaint(QObject):
        """What had loaded when the CPU graph was first painted."""

        def __init__(self) -> None:
            super().__init__()
            self.seen: list[tuple[bool, bool, bool, bool]] = []

        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen.append(
                    (
                        window.is_loaded(),
                        window.demo_site is not None,
                        window.timeline is not None,
                        window.cpu_sampler is not None,
                    )
                )
            return False

    watch, graph_watch = FirstPaint(), GraphFirstPaint()
    window.installEventFilter(watch)
    window.graphs_loaded.connect(
        lambda: window.cpu_plot.graph_viewport().installEventFilter(graph_watch)
    )
    with qtbot.waitSignal(window.loaded, timeout=LOAD_TIMEOUT_MS):
        window.show()
    window.removeEventFilter(watch)
    assert loaded_at_first_paint == [False]  # painted first, loaded after
    # The graph painted next, before the timeline, the sampler, the demo
    # site, the Processes tab and the runs.
    assert graph_watch.seen == [(False, False, False, False)]

    plot = window.findChild(CpuPlot, "cpuPlot")
    assert plot is not None and plot is window.cpu_plot
    # Where the placeholder was: the CPU graph above the timeline, which
    # went into the room kept for it.
    assert window.right_splitter.indexOf(window.graphs) == 0
    assert window.graphs.splitter.indexOf(plot) == 0
    assert window.graphs.splitter.indexOf(window.graphs.timeline_slot) == 1
    assert window.timeline is not None
    assert window.timeline.parent() is window.graphs.timeline_slot
    qtbot.waitUntil(lambda: window.findChild(QLabel, "cpuPlotPlaceholder") is None, timeout=5000)
    assert window.demo_site is not None
    urls = window.pool_panel.url_editor.urls()
    assert urls[: len(LESSON_URLS)] == list(LESSON_URLS)
    assert any(url.startswith(window.demo_site.base_url) for url in urls)
    qtbot.waitUntil(lambda: plot.sample_count() >= 2, timeout=5000)
    # Loaded once: the engine's run classes came with it.
    assert "workers.runs.named_run" in sys.modules and "workers.runs.pool_run" in sys.modules


def test_edits_made_before_loading_are_kept(qtbot: QtBot, staged_window: MainWindow) -> None:
    window = staged_window
    editor = window.pool_panel.url_editor
    editor.set_urls(["http://127.0.0.1:9/mine"])
    with qtbot.waitSignal(window.loaded, timeout=LOAD_TIMEOUT_MS):
        window.show()
    assert editor.urls() == ["http://127.0.0.1:9/mine"]


def test_a_run_started_before_loading_loads_everything_first(
    qtbot: QtBot, staged_window: MainWindow
) -> None:
    window = staged_window  # never shown: nothing but Start triggers the loading
    window.findChild(QSpinBox, "processCountSpin").setValue(2)
    window.named_panel.sleep_min_spin.setValue(0.0)
    window.named_panel.sleep_max_spin.setValue(0.0)
    start = window.findChild(QPushButton, "startProcessesButton")
    with (
        qtbot.waitSignal(window.loaded, timeout=LOAD_TIMEOUT_MS),
        qtbot.waitSignal(window.named_bridge.run_finished, timeout=RUN_TIMEOUT_MS),
    ):
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    assert window.is_loaded()
    assert [(n, end is not None) for n, _s, end, _k in window.cpu_plot.run_marks()] == [(1, True)]
    assert len(window.timeline.bars()) == 2
    assert [job.result for job in window.results_model.jobs()] == [1, 4]


def test_the_timeline_comes_into_room_kept_for_it(qtbot: QtBot, staged_window: MainWindow) -> None:
    window = staged_window
    at_graph_paint: list[tuple[QRect, QRect]] = []

    class GraphFirstPaint(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not at_graph_paint:
                graphs = window.graphs
                at_graph_paint.append((window.cpu_plot.geometry(), graphs.timeline_slot.geometry()))
            return False

    watch = GraphFirstPaint()
    window.graphs_loaded.connect(lambda: window.cpu_plot.graph_viewport().installEventFilter(watch))
    with qtbot.waitSignal(window.loaded, timeout=LOAD_TIMEOUT_MS):
        window.show()
    graph, slot = at_graph_paint[0]
    # The timeline's share of the height was kept for it at the graph's first paint ...
    share = slot.height() / (graph.height() + slot.height())
    assert abs(share - GRAPH_SHARES[1] / sum(GRAPH_SHARES)) < 0.1, (graph, slot)
    # ... and it came into it: once it is shown and laid out, the CPU graph
    # has not moved.
    qtbot.waitUntil(window.timeline.isVisible, timeout=5000)
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    assert window.cpu_plot.geometry() == graph
    assert window.graphs.timeline_slot.geometry() == slot
    assert window.timeline.height() == slot.height()


#: What the window's first paint does without: the event and failure
#: classes, the settings' classes and the run control, the executors'
#: plug-ins, the menus' actions, the engine's multiprocessing, html's and
#: http's tables, the graphs' numpy and pyqtgraph, psutil.
LOADED_AFTER_FIRST_PAINT = (
    "workers.events",
    "workers.failures",
    "workers.options",
    "gui.run_control",
    "workers.executors.base",
    "gui.menus",
    "multiprocessing",
    "html",
    "http",
    "numpy",
    "pyqtgraph",
    "psutil",
)

_FIRST_PAINT_IMPORTS = """
import json, sys
sys.path.insert(0, {repo!r})
from PySide6.QtCore import QEvent, QObject, QTimer
from gui.app import create_app, make_main_window
names = sys.argv[1:]
app = create_app(sys.argv[:1])
window = make_main_window()
seen = {{}}
class FirstPaint(QObject):
    def eventFilter(self, _obj, event):
        if event.type() == QEvent.Type.Paint and "paint" not in seen:
            seen["paint"] = [name for name in names if name in sys.modules]
        return False
def loaded():
    seen["loaded"] = [name for name in names if name in sys.modules]
    window.shutdown()
    app.quit()
watch = FirstPaint()
window.installEventFilter(watch)
window.loaded.connect(loaded)
QTimer.singleShot(60_000, app.quit)
window.show()
app.exec()
print(json.dumps(seen))
"""


def test_the_first_paint_does_without_the_engine_and_the_graphs(tmp_path: Path) -> None:
    out = run_fresh_python(
        _FIRST_PAINT_IMPORTS, *LOADED_AFTER_FIRST_PAINT, XDG_CONFIG_HOME=str(tmp_path)
    )
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["paint"] == []
    assert seen["loaded"] == list(LOADED_AFTER_FIRST_PAINT)


@pytest.mark.qt_log_ignore("This plugin does not support")  # the popup, offscreen
def test_start_methods_this_platform_lacks_are_greyed_out_once_checked(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a platform without the forkserver: every method the lesson
    # teaches is listed at once, and checked when the list first opens.
    monkeypatch.setattr(named_panel, "available_start_methods", lambda: ["spawn", "fork"])
    panel = NamedPanel()
    qtbot.addWidget(panel)
    combo = panel.start_method_combo
    assert [combo.itemData(i) for i in range(combo.count())] == list(START_METHODS)
    item = combo.model().item(combo.findData("forkserver"))  # type: ignore[attr-defined]
    assert item.isEnabled()
    panel.show()
    combo.showPopup()
    combo.hidePopup()
    assert not item.isEnabled()
    assert "forkserver" in combo.itemData(combo.findData("forkserver"), Qt.ItemDataRole.ToolTipRole)
    assert combo.currentData() == "spawn"  # off the greyed-out default
    assert all(combo.model().item(combo.findData(m)).isEnabled() for m in ("spawn", "fork"))  # type: ignore[attr-defined]


_FIRST_RUN_IMPORTS = """
import json, sys
sys.path.insert(0, {repo!r})
from PySide6.QtCore import QTimer
from gui.app import create_app, make_main_window, show_main_window
app = create_app(sys.argv[:1])
window = make_main_window()
before = set()
def loaded():
    before.update(sys.modules)
    panel = window.named_panel
    panel.process_count_spin.setValue(3)
    panel.sleep_min_spin.setValue(0)
    panel.sleep_max_spin.setValue(0)
    window.named_bridge.run_finished.connect(lambda _finished: QTimer.singleShot(300, done))
    panel.start_button.click()
def done():
    ours = ("gui", "workers")
    print(json.dumps(sorted(m for m in set(sys.modules) - before if m.split(".")[0] in ours)))
    window.shutdown()
    app.quit()
window.loaded.connect(loaded)
show_main_window(app, window, (1024, 700))
QTimer.singleShot(60_000, app.quit)
app.exec()
"""


def test_the_first_run_waits_for_no_import_of_ours(tmp_path: Path) -> None:
    # What the first paint left out loads once the window has: a run's
    # first batch must not stall the window importing the console's words.
    out = run_fresh_python(_FIRST_RUN_IMPORTS, XDG_CONFIG_HOME=str(tmp_path))
    assert json.loads(out.strip().splitlines()[-1]) == []
