"""The comparison panel's bars: one measurement of each chosen run, side by side.

pyqtgraph is imported here, so this module is loaded only once the window
has painted (the panel makes the chart when it is first shown). Bars are
coloured by how the run's workers were started (fork, forkserver, spawn,
threads), so a start-method race reads at a glance; each bar carries its
value above it.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.plots.plot_widget import PlotWidget
from gui.plots.window_paced import paint_with_window
from gui.style.theme import get_theme

#: Which of the palette's per-core colours each way of starting workers gets.
_COLOUR_INDEX = {"fork": 0, "forkserver": 1, "spawn": 2, "": 3}
BAR_WIDTH = 0.6


class RunBars(QWidget):
    """A bar chart of one value per run (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareChart")
        self._plot = PlotWidget(enableMenu=False)  # no menu made
        self._plot.setObjectName("compareChartGraph")
        paint_with_window(self._plot)
        item = self._plot.getPlotItem()
        item.hideButtons()
        item.getViewBox().setMouseEnabled(x=False, y=False)
        self._bars: list[tuple[str, float | None, str]] = []  # label, value, start method
        self._value_text: list[str] = []
        self._title = ""
        self._items: list[pg.GraphicsObject] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._plot)
        get_theme().changed.connect(self._draw)
        self._draw()

    def set_bars(
        self, title: str, bars: list[tuple[str, float | None, str]], value_text: list[str]
    ) -> None:
        """Show ``bars`` (label, value or None, start method) with ``value_text``
        above each, under the axis title ``title``."""
        self._title, self._bars, self._value_text = title, list(bars), list(value_text)
        self._draw()

    def bars(self) -> list[tuple[str, float | None]]:
        """What is drawn: each bar's label and value (for tests and tooltips)."""
        return [(label, value) for label, value, _method in self._bars]

    def _draw(self) -> None:
        theme = get_theme()
        palette = theme.palette
        item = self._plot.getPlotItem()
        for old in self._items:
            item.removeItem(old)
        self._items = []
        self._plot.setBackground(palette.background)
        pen = pg.mkPen(palette.muted_text, width=theme.pen_width(1.0))
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pen)
            axis.setTextPen(palette.text)
            axis.setStyle(tickFont=theme.font(0.9))
        item.getAxis("left").setLabel(
            self._title, color=palette.text, **{"font-size": f"{theme.font_pt():.1f}pt"}
        )
        shown = [(i, value, method) for i, (_l, value, method) in enumerate(self._bars)]
        heights = [value or 0.0 for _i, value, _m in shown]
        if shown:
            brushes = [
                pg.mkBrush(palette.core_color(_COLOUR_INDEX.get(method, 4)))
                for _i, _v, method in shown
            ]
            bars = pg.BarGraphItem(
                x=[i for i, _v, _m in shown],
                height=heights,
                width=BAR_WIDTH,
                brushes=brushes,
                pen=pg.mkPen(palette.text, width=theme.pen_width(1.0)),
            )
            item.addItem(bars)
            self._items.append(bars)
            top = max(heights) or 1.0
            for (i, _v, _m), text in zip(shown, self._value_text, strict=False):
                label = pg.TextItem(text, color=palette.text, anchor=(0.5, 1.0))
                label.setFont(theme.font(0.9))
                label.setPos(i, heights[i] + top * 0.02)
                item.addItem(label)
                self._items.append(label)
            item.setXRange(-0.6, len(shown) - 0.4, padding=0)
            item.setYRange(0, top * 1.18, padding=0)
        ticks = [(i, label) for i, (label, _v, _m) in enumerate(self._bars)]
        item.getAxis("bottom").setTicks([ticks, []])


__all__ = ["RunBars"]
