"""The live CPU graph: load per core, in total, and child processes, over the session.

This is the seed lesson's "watch the CPU graph jump when 100 processes
start". Samples arrive from ``CpuSampler`` a few times a second and are only
written into preallocated numpy arrays (:mod:`gui.plots.curves`). x is
session time (:mod:`gui.plots.live_range`): one clock tick moves the view to
now while following live, and the curves are rebuilt only when a sample came
in or the view left what was built, from views of the arrays, thinned to the
plot's width, so the cost of drawing depends neither on how fast events
arrive nor on how long the session is. The axes live in
:mod:`gui.plots.plot_axes` and :mod:`gui.plots.time_axis`; the runs' spans
and badges in :mod:`gui.plots.run_spans`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, QSize, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGraphicsView, QVBoxLayout, QWidget

from gui.plots.cpu_legend import CpuLegend
from gui.plots.curves import CAPACITY, SampleStore, window_curve
from gui.plots.live_range import REDRAW_HZ, WINDOW_S, LiveRange
from gui.plots.plot_axes import (
    GRID_LEVELS,
    MIN_COUNT_TOP,
    CountAxis,
    count_axis_top,
    set_fixed_ticks,
    side_widths,
    style_axes,
)
from gui.plots.plot_widget import PlotWidget
from gui.plots.run_marks import RunMark, RunMarks
from gui.plots.run_spans import BadgeStrip, SpansItem
from gui.plots.time_axis import SessionTimeAxis, TimeGrid
from gui.plots.window_paced import paint_with_window
from gui.style.theme import Theme, get_theme

if TYPE_CHECKING:  # the sampler (and psutil) load after the graph's first paint
    from gui.plots.cpu_sampler import CpuSampler
    from workers.cpu_sample import CpuSample

__all__ = ["CAPACITY", "REDRAW_HZ", "WINDOW_S", "CpuPlot"]

#: Curves get at most this many points per pixel of plot width.
_POINTS_PER_PIXEL = 2


class CpuPlot(QWidget):
    """A graph of CPU use per core and in total over the session, with the
    number of live child processes on a right-hand axis and each run as a
    shaded span with a numbered badge above the plot.

    ``theme`` defaults to the shared one; ``cores`` (curves to draw) to
    ``os.cpu_count()`` (the logical CPUs, as ``psutil.cpu_count()`` says);
    ``clock`` to ``time.monotonic`` (tests pass a fake one to place samples
    and runs in time); ``capacity`` is the most samples kept;
    ``time_labels`` whether the time axis is shown
    (:meth:`set_time_labels_shown`). The plot makes its own :attr:`live`
    range and run :attr:`marks`; the timeline shares both.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        theme: Theme | None = None,
        cores: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        capacity: int = CAPACITY,
        time_labels: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cpuPlot")
        self._theme = theme if theme is not None else get_theme()
        self._cores = cores if cores is not None else (os.cpu_count() or 1)
        self._store = SampleStore(self._cores, capacity)
        self._count_top = 0.0  # current top of the child-process axis
        # What the curves were last built from: samples received, the x span
        # they cover, and the view's width then (for thinning).
        self._built: tuple[int, float, float, float] | None = None
        self._now_x = 0.0  # the live edge at the last redraw
        self._time_labels = time_labels  # False: the timeline below shows the time
        self._least_height = 0  # minimumSizeHint's height, as the layouts last heard it
        self.live = LiveRange(self, clock=clock, timer_name="cpuPlotRedrawTimer")
        self.marks = RunMarks(self)
        self.marks.changed.connect(self._on_marks_changed)

        self._build_plot()
        self._plot_widget.getPlotItem().showAxis("bottom", time_labels)
        self._legend = CpuLegend(self._cores, self._theme, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._plot_widget, 1)
        layout.addWidget(self._legend)

        self._theme.changed.connect(self._apply_theme)
        self._apply_theme()
        self.redraw()

    # -- construction --------------------------------------------------------

    def _build_plot(self) -> None:
        self._count_axis = CountAxis("right")
        self._time_axis = SessionTimeAxis("bottom")
        self._badges = BadgeStrip(self.marks, self.live, self._theme)
        axes = {"right": self._count_axis, "bottom": self._time_axis, "top": self._badges}
        self._plot_widget = PlotWidget(axisItems=axes, enableMenu=False)  # no menu made
        self._plot_widget.setObjectName("cpuPlotGraph")
        paint_with_window(self._plot_widget)
        # Nothing here is antialiased, so repaints need not spill 2 px past
        # what changed (onto the axes, which would repaint every frame).
        self._plot_widget.setOptimizationFlag(
            QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True
        )
        item = self._plot_widget.getPlotItem()
        item.hideButtons()  # the auto-range "A" only confuses a class
        item.showAxis("right")
        item.showAxis("top")
        vb = item.getViewBox()
        # Time can be dragged and zoomed (which pauses following); CPU % stays 0-100.
        vb.setMouseEnabled(x=True, y=False)
        # A little room so the thick total line is not cut off at 0 and 100 %.
        vb.setYRange(0, 100, padding=0.03)
        vb.disableAutoRange()
        self.live.add_view(vb)
        self.live.watch(self)
        self.live.ticked.connect(self._draw)
        set_fixed_ticks(item)
        self._grid = TimeGrid(self._time_axis, GRID_LEVELS)
        item.addItem(self._grid, ignoreBounds=True)
        self._spans = SpansItem(self.marks, self.live, self._theme)
        item.addItem(self._spans, ignoreBounds=True)

        # Child processes get their own ViewBox, linked on x, drawn behind the
        # CPU curves (pyqtgraph's MultiplePlotAxes pattern).
        self._count_view = pg.ViewBox(enableMouse=False, enableMenu=False)
        self._count_view.setZValue(-100)
        item.scene().addItem(self._count_view)
        self._count_axis.linkToView(self._count_view)
        self._count_view.setXLink(item)
        self.live.add_follower(self._count_view)
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
        """Store one sample; drawing waits for the next clock tick."""
        self._store.add(sample)

    def mark_run(self, mark: RunMark) -> None:
        """Show a run as a span with its badge (or update its mark)."""
        self.marks.put(mark)

    def clear_marks(self) -> None:
        """Take every run off the graph."""
        self.marks.clear()

    @Slot()
    def _on_marks_changed(self) -> None:
        self.live.set_busy(self.marks.has_open())  # smooth while a run goes, cheap while none

    # -- for tests and callers -----------------------------------------------

    @property
    def capacity(self) -> int:
        return self._store.capacity

    def sample_count(self) -> int:
        """Samples received since the plot was made (not capped by the store)."""
        return self._store.received

    def latest_sample(self) -> CpuSample | None:
        return self._store.latest

    def run_marks(self) -> list[tuple[int, float, float | None, str]]:
        """The runs marked, oldest first, as (number, start, end or None, key)."""
        return [(m.number, m.start, m.end, m.key) for m in self.marks.marks()]

    def badges(self) -> list[tuple[int, QRectF]]:
        """The badges on screen: (run number, QRectF in scene coordinates)."""
        return self._badges.badges()

    def plot_item(self) -> pg.PlotItem:
        return self._plot_widget.getPlotItem()

    def graph_viewport(self) -> QWidget:
        """The widget the graph itself is painted on."""
        return self._plot_widget.viewport()

    def history(self) -> list[CpuSample]:
        """The kept samples, oldest first, rebuilt from the store."""
        return self._store.history()

    def displayed_total(self) -> tuple[np.ndarray, np.ndarray]:
        """What the total curve holds after the last redraw: (seconds before
        the live edge, %), from one sample left of the view to one right."""
        x, y = self._total_curve.getData()
        if x is None or y is None:
            return np.empty(0), np.empty(0)
        return np.array(x) - self._now_x, np.array(y)

    def displayed_children_cpu(self) -> tuple[np.ndarray, np.ndarray]:
        """What the children's CPU curve holds after the last redraw: (seconds
        before the live edge, %), as :meth:`displayed_total`."""
        x, y = self._children_cpu_curve.getData()
        if x is None or y is None or not self._children_cpu_curve.isVisible():
            return np.empty(0), np.empty(0)
        return np.array(x) - self._now_x, np.array(y)

    def total_pen_width(self) -> float:
        """Width in pixels of the total curve's pen (follows zoom)."""
        return self._total_curve.opts["pen"].widthF()

    # -- drawing -------------------------------------------------------------

    @Slot()
    def redraw(self) -> None:
        """Move the view to now (if following) and redraw what changed."""
        self.live.tick()  # its ticked signal calls _draw, here and in the timeline

    @Slot(float)
    def _draw(self, now: float) -> None:
        """Rebuild the curves if a sample came in, or the view left the
        stretch they were built for, or zoomed far enough to thin them
        differently; otherwise the view's move is all a frame needs."""
        live = self.live
        self._now_x = live.x_of(now)
        low, high = live.x_range()
        width = max(1.0, self._plot_widget.getPlotItem().getViewBox().width())
        store = self._store
        built = self._built
        if built is not None:
            received, built_low, built_high, built_width = built
            per_px = (high - low) / width
            if (
                received == store.received
                and built_low <= low
                and high <= built_high
                and 0.7 < per_px / built_width < 1.4
            ):
                return
        # Build a little beyond the view so a following view slides within it.
        margin = 0.25 * (high - low)
        self._built = (store.received, low - margin, high + margin, (high - low) / width)
        start, end = store.span(live.t_of(low - margin), live.t_of(high + margin))
        step = max(1, -(-(end - start) // int(_POINTS_PER_PIXEL * width * 1.5)))
        if step > 1:
            start += (end - 1 - start) % step  # keep the newest sample
        sl = slice(start, end, step)
        x = store.t[sl] - live.origin
        self._total_curve.setData(x, store.total[sl])
        for k, curve in enumerate(self._core_curves):
            curve.setData(x, store.per_core[k, sl])
        children = store.children[sl]
        self._children_curve.setData(x, children)
        children_cpu = store.children_cpu[sl]
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

    def set_time_labels_shown(self, shown: bool) -> None:
        """Show the time axis (off when a timeline just below shows it: one
        axis less to redraw every frame, and more height for the curves)."""
        if shown == self._time_labels:
            return
        self._time_labels = shown
        item = self._plot_widget.getPlotItem()
        item.showAxis("bottom", shown)
        self._apply_theme()

    def minimumSizeHint(self) -> QSize:  # Qt's name
        """Tall enough for the graph's least height and the whole legend as
        it wraps at this width. The layout's own figure counts the legend
        unwrapped, and a splitter that held the graph to it laid the graph
        over the legend's first line (zoomed, at 1024x768)."""
        hint = super().minimumSizeHint()
        legend = self._legend.wrapped_height(max(self.width(), hint.width()))
        least = self._plot_widget.minimumHeight() + legend
        return QSize(hint.width(), max(hint.height(), least))

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._note_least_height()  # the legend may wrap anew

    def _note_least_height(self) -> None:
        """Tell the layouts when :meth:`minimumSizeHint` has changed, and only
        then: each time relays the whole window out."""
        least = self.minimumSizeHint().height()
        if least != self._least_height:
            self._least_height = least
            self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            # The axes' titles and the legend, in the new language.
            self._apply_theme()
        super().changeEvent(event)

    def _settle_layout(self) -> None:
        """Lay the widget and the plot out now, not at the next event: who
        shares out the window's height next (presentation mode, on a zoom
        or when the timeline folds away) measures the plot as it will be."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self._plot_widget.getPlotItem().layout.activate()

    # -- theme ---------------------------------------------------------------

    @Slot()
    def _apply_theme(self) -> None:
        th = self._theme
        p = th.palette
        self._plot_widget.setBackground(p.background)
        # The time axis is untitled: "1:30" reads as a time, and the height
        # is the curves' (as on the timeline's axis).
        labels = {"left": self.tr("CPU %"), "bottom": None, "right": self.tr("child processes")}
        item = self._plot_widget.getPlotItem()
        style_axes(item, th, labels)
        left, right = side_widths(th)
        item.getAxis("left").setWidth(left)
        item.getAxis("right").setWidth(right)
        # Room for the curves at any zoom: the table below gives way first.
        self._plot_widget.setMinimumHeight(round(80 * th.zoom))
        self._badges.restyle()
        self._spans.restyle()
        self._grid.setPen(pg.mkPen(p.grid, width=th.pen_width(1.0)))
        self._total_curve.setPen(pg.mkPen(p.cpu_total, width=th.pen_width(3.0)))
        for k, c in enumerate(self._core_curves):
            c.setPen(pg.mkPen(p.core_color(k), width=th.pen_width(1.0)))
        self._children_curve.setPen(pg.mkPen(p.children, width=th.pen_width(1.5)))
        self._children_curve.setBrush(pg.mkBrush(th.color("children", alpha=60)))
        # Solid: a dashed line cost more to draw than all the other curves.
        self._children_cpu_curve.setPen(pg.mkPen(p.children_cpu, width=th.pen_width(2.0)))
        self._legend.restyle()
        self._note_least_height()
        self._settle_layout()
