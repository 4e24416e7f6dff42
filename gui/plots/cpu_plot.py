"""The live CPU graph: the last minute of load per core, in total, and child processes.

This is the seed lesson's "watch the CPU graph jump when 100 processes
start". Samples arrive from ``CpuSampler`` a few times a second and are only
written into preallocated numpy ring buffers (:mod:`gui.plots.curves`). One
QTimer redraws the curves from views of those buffers at a fixed rate, with
x measured in seconds before *now*, so the graph scrolls smoothly between
samples and the cost of drawing does not depend on how fast events arrive
(the pattern of pyqtgraph's ``examples/scrollingPlots.py``). The axes live
in :mod:`gui.plots.plot_axes`, the run markers in :mod:`gui.plots.run_markers`.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable

import numpy as np
import psutil
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QGraphicsView, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gui.plots.cpu_sampler import CpuSampler
from gui.plots.curves import CAPACITY, WINDOW_S, SampleRing, WindowCurve, window_curve
from gui.plots.plot_axes import (
    MIN_COUNT_TOP,
    CountAxis,
    count_axis_top,
    make_grid,
    set_fixed_ticks,
    style_axes,
)
from gui.plots.run_markers import MARKER_KINDS, RunMarkers
from gui.style.theme import Theme, get_theme
from workers.cpu_sampling import CpuSample

__all__ = ["CAPACITY", "MARKER_KINDS", "REDRAW_HZ", "WINDOW_S", "CpuPlot"]

REDRAW_HZ = 10  # ~1.5 px of scroll per frame: reads as smooth, and idles cheaply


class CpuPlot(QWidget):
    """A scrolling 60-second graph of CPU use per core and in total,
    with the number of live child processes on a right-hand axis and
    labelled lines where runs started and finished.

    ``theme`` defaults to the shared one; ``cores`` (curves to draw) to
    ``psutil.cpu_count()``; ``clock`` to ``time.monotonic`` (tests pass a
    fake one to place samples and markers in time).
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        theme: Theme | None = None,
        cores: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cpuPlot")
        self._theme = theme if theme is not None else get_theme()
        self._clock = clock  # injectable so tests can place samples in time
        self._cores = cores if cores is not None else (psutil.cpu_count() or 1)
        self._ring = SampleRing(self._cores)
        self._count_top = 0.0  # current top of the child-process axis
        self._drawn_samples = -1  # samples received when the curves were last rebuilt
        self._drawn_at: float | None = None  # and the clock then

        self._build_plot()
        self._markers = RunMarkers(self._plot_widget.getPlotItem(), self._theme)
        self._legend = QLabel(self)
        self._legend.setObjectName("cpuPlotLegend")
        self._legend.setTextFormat(Qt.TextFormat.RichText)
        self._legend.setWordWrap(True)  # at high zoom the legend wraps, never clips
        self._legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._legend.setContentsMargins(8, 2, 8, 4)
        self._legend.setToolTip(self._legend_tip())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._plot_widget, 1)
        layout.addWidget(self._legend)

        self._redraw_timer = QTimer(self)
        self._redraw_timer.setObjectName("cpuPlotRedrawTimer")
        self._redraw_timer.setInterval(round(1000 / REDRAW_HZ))
        self._redraw_timer.timeout.connect(self.redraw)

        self._theme.changed.connect(self._apply_theme)
        self._apply_theme()
        self.redraw()

    # -- construction --------------------------------------------------------

    def _build_plot(self) -> None:
        self._count_axis = CountAxis("right")
        self._plot_widget = pg.PlotWidget(axisItems={"right": self._count_axis})
        self._plot_widget.setObjectName("cpuPlotGraph")
        # Nothing here is antialiased, so repaints need not spill 2 px past
        # what changed (onto the axes, which would repaint every frame).
        self._plot_widget.setOptimizationFlag(
            QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True
        )
        item = self._plot_widget.getPlotItem()
        item.hideButtons()  # the auto-range "A" only confuses a class
        item.setMenuEnabled(False)
        item.showAxis("right")
        vb = item.getViewBox()
        vb.setMouseEnabled(x=False, y=False)  # a live display, not an explorer
        vb.setXRange(-WINDOW_S, 0, padding=0)
        # A little room so the thick total line is not cut off at 0 and 100 %.
        vb.setYRange(0, 100, padding=0.03)
        vb.disableAutoRange()
        set_fixed_ticks(item, self.tr("now"))
        self._grid = make_grid()
        item.addItem(self._grid, ignoreBounds=True)

        # Child processes get their own ViewBox, linked on x, drawn behind the
        # CPU curves (pyqtgraph's MultiplePlotAxes pattern).
        self._count_view = pg.ViewBox(enableMouse=False, enableMenu=False)
        self._count_view.setZValue(-100)
        item.scene().addItem(self._count_view)
        self._count_axis.linkToView(self._count_view)
        self._count_view.setXLink(item)
        self._count_view.setYRange(0, MIN_COUNT_TOP, padding=0)
        self._count_view.disableAutoRange()
        vb.sigResized.connect(self._sync_count_view)

        self._children_curve = window_curve((0.0, MIN_COUNT_TOP))
        self._children_curve.setFillLevel(0)
        self._count_view.addItem(self._children_curve)
        self._core_curves = [window_curve() for _ in range(self._cores)]
        for c in self._core_curves:
            item.addItem(c)
        # The children's own CPU, on the CPU axis: the lesson's part of a spike.
        self._children_cpu_curve = window_curve()
        self._children_cpu_curve.setZValue(5)
        item.addItem(self._children_cpu_curve)
        self._total_curve = window_curve()
        self._total_curve.setZValue(10)
        item.addItem(self._total_curve)

    @Slot()
    def _sync_count_view(self) -> None:
        vb = self._plot_widget.getPlotItem().getViewBox()
        self._count_view.setGeometry(vb.sceneBoundingRect())
        self._count_view.linkedViewChanged(vb, self._count_view.XAxis)

    # -- data in -------------------------------------------------------------

    def attach(self, sampler: CpuSampler) -> None:
        """Feed this plot from ``sampler``."""
        sampler.sampled.connect(self.add_sample)

    @Slot(object)
    def add_sample(self, sample: CpuSample) -> None:
        """Store one sample; drawing waits for the redraw timer."""
        self._ring.add(sample)

    def add_marker(self, t_mono: float, text: str, kind: str) -> None:
        """Draw a labelled vertical line at ``t_mono``; ``kind`` is "start" or "finish".

        At most :data:`~gui.plots.run_markers.MAX_MARKERS` are shown: past
        that, the oldest goes. They scroll off after :data:`WINDOW_S`.
        """
        self._markers.add(t_mono, text, kind, self._clock())

    def clear_markers(self) -> None:
        """Take every run marker off the graph."""
        self._markers.clear()

    # -- for tests and callers -----------------------------------------------

    @property
    def capacity(self) -> int:
        return CAPACITY

    def sample_count(self) -> int:
        """Samples received since the plot was made (not capped by the buffer)."""
        return self._ring.received

    def latest_sample(self) -> CpuSample | None:
        return self._ring.latest

    def markers(self) -> list[tuple[float, str, str]]:
        """The markers still on screen, oldest first, as (t_mono, text, kind)."""
        return self._markers.entries()

    def history(self) -> list[CpuSample]:
        """The buffered samples, oldest first, rebuilt from the ring buffers."""
        return self._ring.history()

    def displayed_total(self) -> tuple[np.ndarray, np.ndarray]:
        """What the total curve shows after the last redraw: (seconds from now, %)."""
        x, y = self._total_curve.getData()
        if x is None or y is None:
            return np.empty(0), np.empty(0)
        return np.array(x) + self._total_curve.pos().x(), np.array(y)

    def displayed_children_cpu(self) -> tuple[np.ndarray, np.ndarray]:
        """What the children's CPU curve shows after the last redraw: (seconds from now, %)."""
        x, y = self._children_cpu_curve.getData()
        if x is None or y is None or not self._children_cpu_curve.isVisible():
            return np.empty(0), np.empty(0)
        return np.array(x) + self._children_cpu_curve.pos().x(), np.array(y)

    def total_pen_width(self) -> float:
        """Width in pixels of the total curve's pen (follows zoom)."""
        return self._total_curve.opts["pen"].widthF()

    # -- drawing -------------------------------------------------------------

    @Slot()
    def redraw(self) -> None:
        """Move everything to its place relative to now (the redraw timer's slot).

        The curves are rebuilt only when a sample has come in since the last
        redraw; in between (most frames: samples come a few times a second,
        frames ten) they slide left as a whole, which moves them without
        making new paths.
        """
        now = self._clock()
        ring = self._ring
        if ring.received == self._drawn_samples and self._drawn_at is not None:
            offset = QPointF(self._drawn_at - now, 0.0)
            for curve in self._curves():
                curve.setPos(offset)
            self._markers.place(now)
            return
        self._drawn_samples, self._drawn_at = ring.received, now
        start, end = ring.window_slice()
        # Keep one sample left of the window so the lines run to the edge.
        first = max(0, int(np.searchsorted(ring.t[start:end], now - WINDOW_S)) - 1)
        start += first
        x = ring.t[start:end] - now
        for curve in self._curves():
            curve.setPos(QPointF(0.0, 0.0))
        self._total_curve.setData(x, ring.total[start:end])
        for k, curve in enumerate(self._core_curves):
            curve.setData(x, ring.per_core[k, start:end])
        children = ring.children[start:end]
        self._children_curve.setData(x, children)
        children_cpu = ring.children_cpu[start:end]
        self._children_cpu_curve.setData(x, children_cpu)
        any_cpu = bool(children_cpu.any())  # idle: nothing to paint along the bottom
        if any_cpu != self._children_cpu_curve.isVisible():
            self._children_cpu_curve.setVisible(any_cpu)
        # With no children at all (the idle case) the band is an empty fill
        # along the bottom: skip painting it.
        any_children = bool(children.any())
        if any_children != self._children_curve.isVisible():
            self._children_curve.setVisible(any_children)
        top = count_axis_top(float(children.max()) if len(children) else 0.0)
        if top != self._count_top:
            self._count_top = top
            self._count_view.setYRange(0, top, padding=0)
            self._children_curve.set_y_range(0, top)
        self._markers.place(now)

    def _curves(self) -> list[WindowCurve]:
        return [
            self._total_curve,
            *self._core_curves,
            self._children_curve,
            self._children_cpu_curve,
        ]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            # The axes' titles, "now" and the legend, in the new language.
            set_fixed_ticks(self._plot_widget.getPlotItem(), self.tr("now"))
            self._legend.setToolTip(self._legend_tip())
            self._apply_theme()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.redraw()
        self._redraw_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        # Nobody is watching: a hidden or minimised plot costs nothing.
        self._redraw_timer.stop()
        super().hideEvent(event)

    # -- theme ---------------------------------------------------------------

    @Slot()
    def _apply_theme(self) -> None:
        th = self._theme
        p = th.palette
        self._plot_widget.setBackground(p.background)
        labels = {
            "left": self.tr("CPU %"),
            "bottom": self.tr("seconds ago"),
            "right": self.tr("child processes"),
        }
        style_axes(self._plot_widget.getPlotItem(), th, labels)
        self._grid.setPen(pg.mkPen(p.grid, width=th.pen_width(1.0)))
        self._total_curve.setPen(pg.mkPen(p.cpu_total, width=th.pen_width(3.0)))
        for k, c in enumerate(self._core_curves):
            c.setPen(pg.mkPen(p.core_color(k), width=th.pen_width(1.0)))
        self._children_curve.setPen(pg.mkPen(p.children, width=th.pen_width(1.5)))
        self._children_curve.setBrush(pg.mkBrush(th.color("children", alpha=60)))
        # Solid: a dashed line cost more to draw than all the other curves.
        self._children_cpu_curve.setPen(pg.mkPen(p.children_cpu, width=th.pen_width(2.0)))
        self._markers.restyle()
        self._legend.setFont(th.font())
        self._legend.setText(self._legend_html())

    def _legend_tip(self) -> str:
        return self.tr(
            "Child processes: the processes this window started and that are still "
            "alive, not counting multiprocessing's own forkserver and resource tracker."
        )

    def _legend_html(self) -> str:
        p = self._theme.palette

        def swatch(color: str, glyph: str) -> str:
            return f'<span style="color:{color}; font-weight:bold">{glyph}</span>'

        def words(text: str) -> str:
            # Non-breaking inside an entry: at high zoom the legend wraps
            # between entries, never in the middle of one.
            return html.escape(text).replace(" ", "&nbsp;")

        # Numbered from 1, as the operating system's task manager counts them.
        # The number in the text colour (7:1), its colour in the square beside it.
        cores = " ".join(f"{swatch(p.core_color(k), '■')}{k + 1}" for k in range(self._cores))
        # Translated outside the f-strings: lupdate does not look inside them.
        total = words(self.tr("Total (all cores)"))
        cores_word = words(self.tr("Cores:"))
        children = words(self.tr("Child processes (right axis)"))
        children_cpu = words(self.tr("CPU of child processes"))
        parts = [
            f"{swatch(p.cpu_total, '━━')}&nbsp;{total}",
            f"{cores_word}&nbsp;{cores}",
            f"{swatch(p.children, '■')}&nbsp;{children}",
            f"{swatch(p.children_cpu, '━━')}&nbsp;{children_cpu}",
        ]
        sep = "&nbsp;&nbsp;&nbsp; "
        return f'<span style="color:{p.text}">{sep.join(parts)}</span>'
