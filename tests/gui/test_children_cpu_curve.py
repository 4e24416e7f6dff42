"""The CPU graph's line for the app's children alone: it follows the
samples' ``children_cpu``, is named in the legend, and is not painted while
the children use nothing (the idle case)."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from gui.plots.cpu_plot import CpuPlot
from gui.style.theme import Theme
from workers.cpu_sampling import CpuSample

T0 = 10_000.0


class FakeClock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


def _plot(qtbot: QtBot, clock: FakeClock) -> CpuPlot:
    plot = CpuPlot(theme=Theme(), cores=2, clock=clock)
    qtbot.addWidget(plot)
    plot.resize(800, 300)
    return plot


def test_the_childrens_cpu_line_follows_the_samples(qtbot: QtBot, qapp: QApplication) -> None:
    clock = FakeClock()
    plot = _plot(qtbot, clock)
    for i in range(4):
        clock.now = T0 + i * 0.25
        plot.add_sample(CpuSample(clock.now, 80.0, (70.0, 90.0), 3, children_cpu=10.0 * i))
    plot.redraw()
    x, y = plot.displayed_children_cpu()
    assert list(y) == [0.0, 10.0, 20.0, 30.0]
    assert np.allclose(x, [-0.75, -0.5, -0.25, 0.0])
    assert plot.history()[-1].children_cpu == 30.0  # kept in the ring buffers too
    legend = plot.findChild(QLabel, "cpuPlotLegend")
    assert "CPU&nbsp;of&nbsp;child&nbsp;processes" in legend.text()


def test_the_line_is_not_painted_while_the_children_use_nothing(
    qtbot: QtBot, qapp: QApplication
) -> None:
    clock = FakeClock()
    plot = _plot(qtbot, clock)
    for i in range(3):
        clock.now = T0 + i * 0.25
        plot.add_sample(CpuSample(clock.now, 5.0, (5.0, 5.0), 0))
    plot.redraw()
    assert plot.displayed_children_cpu()[1].size == 0
