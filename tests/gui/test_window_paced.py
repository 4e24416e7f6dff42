"""Graphs repaint with the rest of the window (gui/plots/window_paced.py):
a change in the scene is still painted, at the window's next update, and
only where it changed. (That the window then paints once a frame, not once
per graph, shows in the window benchmark's GUI gaps.)"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import (
    QGraphicsRectItem,
    QGraphicsView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gui.panels.run_controls import RunControls
from gui.plots.window_paced import changes_now, paint_with_window


class PaintLog(QObject):
    """Records each paint of the watched widgets: (name, painted rect)."""

    def __init__(self) -> None:
        super().__init__()
        self.paints: list[tuple[str, QRect]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints.append((watched.objectName(), event.rect()))  # type: ignore[attr-defined]
        return False


def _window(qtbot: QtBot) -> tuple[QWidget, pg.PlotWidget, QTableWidget, PaintLog]:
    window = QWidget()
    layout = QVBoxLayout(window)
    plot = pg.PlotWidget()
    table = QTableWidget(3, 2)
    layout.addWidget(plot)
    layout.addWidget(table)
    plot.viewport().setObjectName("plot")
    table.viewport().setObjectName("table")
    paint_with_window(plot)
    log = PaintLog()
    plot.viewport().installEventFilter(log)
    table.viewport().installEventFilter(log)
    qtbot.addWidget(window)
    window.resize(400, 400)
    window.show()
    qtbot.waitExposed(window)
    return window, plot, table, log


def test_a_scene_change_is_painted_at_the_window_s_pace(qtbot: QtBot) -> None:
    _win, plot, _table, log = _window(qtbot)
    assert plot.viewportUpdateMode() == QGraphicsView.ViewportUpdateMode.NoViewportUpdate
    curve = plot.plot([0, 1, 2], [0, 1, 0])
    qtbot.waitUntil(lambda: any(name == "plot" for name, _ in log.paints), timeout=3000)
    log.paints.clear()
    curve.setData([0, 1, 2], [1, 0, 1])
    qtbot.waitUntil(lambda: any(name == "plot" for name, _ in log.paints), timeout=3000)


def test_only_what_changed_is_repainted(qtbot: QtBot) -> None:
    _win, plot, _table, log = _window(qtbot)
    plot.setXRange(0, 100, padding=0)
    plot.setYRange(0, 100, padding=0)
    marker = QGraphicsRectItem(0, 0, 5, 5)
    plot.addItem(marker, ignoreBounds=True)
    qtbot.waitUntil(lambda: any(name == "plot" for name, _ in log.paints), timeout=3000)
    qtbot.wait(100)  # the first full paint and its follow-ups are over
    log.paints.clear()
    marker.setPos(10, 10)
    qtbot.waitUntil(lambda: any(name == "plot" for name, _ in log.paints), timeout=3000)
    area = plot.viewport().rect()
    painted = [rect for name, rect in log.paints if name == "plot"]
    assert all(rect.width() * rect.height() < area.width() * area.height() / 4 for rect in painted)


def test_progress_is_painted_with_the_next_frame_not_at_once(qtbot: QtBot) -> None:
    """QProgressBar.setValue alone would paint the bar (and everything else
    dirty in the window) before returning."""
    controls = RunControls()
    qtbot.addWidget(controls)
    controls.show()
    qtbot.waitExposed(controls)
    log = PaintLog()
    controls.progress.setObjectName("bar")
    controls.progress.installEventFilter(log)
    controls.progress.update()
    qtbot.waitUntil(lambda: bool(log.paints), timeout=3000)  # first painted as it is
    log.paints.clear()
    controls.show_progress(3, 10, stopped=False, at_once=True)
    assert log.paints == []  # not painted inside the call
    assert controls.progress.value() == 3
    qtbot.waitUntil(lambda: bool(log.paints), timeout=3000)  # but at the next frame


def test_changes_now_sends_the_scene_s_change_in_this_pass(qtbot: QtBot) -> None:
    """What a clock tick changes reaches the viewport in the tick's own
    frame: the scene's queued ``changed`` is sent at once."""
    _win, plot, _table, _log = _window(qtbot)
    curve = plot.plot([0, 1, 2], [0, 1, 0])
    qtbot.wait(100)  # the first paints are done
    sent: list[int] = []
    plot.scene().changed.connect(lambda rects: sent.append(len(rects)))
    curve.setData([0, 1, 2], [1, 0, 1])
    assert sent == []  # queued to the next pass of the event loop
    changes_now(plot.scene())
    assert sent and sent[0] >= 1
