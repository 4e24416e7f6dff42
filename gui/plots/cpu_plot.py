"""The live CPU graph: the last minute of load per core, in total, and child processes.

This is the seed lesson's "watch the CPU graph jump when 100 processes
start". Samples arrive from ``CpuSampler`` a few times a second and are only
written into preallocated numpy ring buffers. One QTimer redraws the curves
from views of those buffers at a fixed rate, with x measured in seconds
before *now*, so the graph scrolls smoothly between samples and the cost of
drawing does not depend on how fast events arrive (the pattern of
pyqtgraph's ``examples/scrollingPlots.py``).

The ring buffers are *mirrored*: every sample is written at ``i`` and at
``i + capacity``, so the newest ``n`` samples are always one contiguous,
chronological slice and the curves get views, never copies.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import psutil
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer, Slot
from PySide6.QtGui import QFontMetricsF, QHideEvent, QPen, QShowEvent
from PySide6.QtWidgets import QGraphicsView, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gui.plots.cpu_sampler import CpuSampler
from gui.style.theme import Theme, get_theme
from workers.cpu_sampling import MAX_RATE_HZ, CpuSample

WINDOW_S = 60.0  # seconds of history on screen
REDRAW_HZ = 10  # ~1.5 px of scroll per frame: reads as smooth, and idles cheaply
#: Samples kept (512): a full window at the highest sampler rate, with room
#: for timer jitter, rounded up to a power of two.
CAPACITY = 1 << int(np.ceil(np.log2(WINDOW_S * MAX_RATE_HZ * 1.25)))
MARKER_KINDS = ("start", "finish")
# Heights (fraction of the plot, from the bottom) that successive marker
# labels cycle through, so the labels of a short run do not overlap.
_MARKER_LABEL_HEIGHTS = (0.95, 0.85, 0.75, 0.65)
# Labels sit left of their line, always: a fresh marker is at the right edge
# ("now"), and pyqtgraph's default of flipping sides mid-plot makes them jump.
_MARKER_LABEL_ANCHORS = [(1, 0.5), (1, 0.5)]
# Tops the child-process axis snaps to, so its range does not twitch with
# every process that comes and goes.
_COUNT_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)
_MIN_COUNT_TOP = 4


def _count_axis_top(peak: float) -> float:
    """The smallest 'round' axis top that leaves room above ``peak`` processes."""
    need = max(float(_MIN_COUNT_TOP), peak + 1)
    scale = 10 ** np.floor(np.log10(need))
    for step in (*_COUNT_STEPS, 10):
        if step * scale >= need:
            return float(step * scale)
    return float(10 * scale)  # unreachable: the last step is 10


class _CountAxis(pg.AxisItem):
    """An axis for whole numbers: no ticks at 0.5 processes."""

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        levels = super().tickValues(minVal, maxVal, size)
        return [(s, v) for s, v in levels if s >= 1 and float(s).is_integer()]


class _WindowCurve(pg.PlotCurveItem):
    """A curve whose bounds are the visible window, not its data.

    pyqtgraph recomputes a curve's bounds from its data (nanmin/nanmax)
    after every setData, and every frame calls setData. The view clips
    everything outside the window anyway, so the window is the right answer
    and costs nothing.
    """

    def __init__(self, y_range: tuple[float, float], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._y_range = y_range

    def set_y_range(self, low: float, high: float) -> None:
        self._y_range = (low, high)
        self.invalidateBounds()
        self.prepareGeometryChange()

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange: object = None) -> tuple:
        if self.xData is None or len(self.xData) == 0:
            return (None, None)
        return (-WINDOW_S, 0.0) if ax == 0 else self._y_range


@dataclass
class _Marker:
    t_mono: float
    text: str
    kind: str
    line: pg.InfiniteLine


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

        cap = CAPACITY
        self._t = np.zeros(2 * cap)
        self._total = np.zeros(2 * cap)
        self._children = np.zeros(2 * cap)
        self._per_core = np.zeros((self._cores, 2 * cap))
        self._next = 0  # where the next sample goes, 0 <= _next < cap
        self._received = 0  # samples ever received
        self._latest: CpuSample | None = None
        self._markers: list[_Marker] = []
        self._markers_added = 0  # picks each new label's height
        self._count_top = 0.0  # current top of the child-process axis
        self._drawn_samples = -1  # samples received when the curves were last rebuilt
        self._drawn_at: float | None = None  # and the clock then

        self._build_plot()
        self._legend = QLabel(self)
        self._legend.setObjectName("cpuPlotLegend")
        self._legend.setTextFormat(Qt.TextFormat.RichText)
        self._legend.setWordWrap(True)  # at high zoom the legend wraps, never clips
        self._legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._legend.setContentsMargins(8, 2, 8, 4)
        self._legend.setToolTip(
            self.tr(
                "Child processes: the processes this window started and that are still "
                "alive, not counting multiprocessing's own forkserver and resource tracker."
            )
        )

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
        self._count_axis = _CountAxis("right")
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

        bottom = item.getAxis("bottom")
        ticks = [(-s, str(s)) for s in range(int(WINDOW_S), 0, -10)] + [(0, self.tr("now"))]
        bottom.setTicks([ticks, []])
        left = item.getAxis("left")
        left.setTicks([[(v, str(v)) for v in range(0, 101, 25)], []])
        # The grid is fixed lines rather than the axes' own grid: an axis
        # with a grid hides its end labels ("0", "100") once they overhang
        # the plot, which they do at high zoom. It is one item drawn with one
        # call, since it is repainted with every frame.
        grid_x: list[float] = []
        grid_y: list[float] = []
        for v in range(25, 101, 25):
            grid_x += [-WINDOW_S - 1, 1]
            grid_y += [v, v]
        for sec in range(10, int(WINDOW_S), 10):
            grid_x += [-sec, -sec]
            grid_y += [-10, 110]
        self._grid = pg.PlotCurveItem(
            np.array(grid_x), np.array(grid_y), connect="pairs", antialias=False
        )
        self._grid.setZValue(-50)  # behind every curve
        item.addItem(self._grid, ignoreBounds=True)

        # Child processes get their own ViewBox, linked on x, drawn behind the
        # CPU curves (pyqtgraph's MultiplePlotAxes pattern).
        self._count_view = pg.ViewBox(enableMouse=False, enableMenu=False)
        self._count_view.setZValue(-100)
        item.scene().addItem(self._count_view)
        self._count_axis.linkToView(self._count_view)
        self._count_view.setXLink(item)
        self._count_view.setYRange(0, _MIN_COUNT_TOP, padding=0)
        self._count_view.disableAutoRange()
        vb.sigResized.connect(self._sync_count_view)

        def curve(y_range: tuple[float, float] = (0.0, 100.0)) -> _WindowCurve:
            # skipFiniteCheck: the buffers only ever hold finite numbers.
            return _WindowCurve(y_range, antialias=False, skipFiniteCheck=True)

        self._children_curve = curve((0.0, _MIN_COUNT_TOP))
        self._children_curve.setFillLevel(0)
        self._count_view.addItem(self._children_curve)
        self._core_curves = [curve() for _ in range(self._cores)]
        for c in self._core_curves:
            item.addItem(c)
        # Not antialiased either: a 3 px line reads well without it, and
        # antialiasing it cost more than drawing all the other curves.
        self._total_curve = _WindowCurve((0.0, 100.0), antialias=False, skipFiniteCheck=True)
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
        cap = CAPACITY
        i = self._next
        both = [i, i + cap]  # the mirrored copies
        self._t[both] = sample.t_mono
        self._total[both] = sample.total
        self._children[both] = sample.children
        m = min(len(sample.per_core), self._cores)  # tolerate a core going offline
        self._per_core[:m, both] = np.asarray(sample.per_core[:m])[:, None]
        self._per_core[m:, both] = 0.0
        self._next = (i + 1) % cap
        self._received += 1
        self._latest = sample

    def add_marker(self, t_mono: float, text: str, kind: str) -> None:
        """Draw a labelled vertical line at ``t_mono``; ``kind`` is "start" or "finish"."""
        if kind not in MARKER_KINDS:
            raise ValueError(f"marker kind must be one of {MARKER_KINDS}, got {kind!r}")
        # InfLineLabel runs str.format on its text, so braces must be doubled.
        safe = text.replace("{", "{{").replace("}", "}}")
        line = pg.InfiniteLine(
            pos=t_mono - self._clock(),
            angle=90,
            movable=False,
            label=safe,
            labelOpts={
                "position": _MARKER_LABEL_HEIGHTS[self._markers_added % len(_MARKER_LABEL_HEIGHTS)],
                "anchors": _MARKER_LABEL_ANCHORS,
            },
        )
        self._markers_added += 1
        self._plot_widget.getPlotItem().addItem(line, ignoreBounds=True)
        marker = _Marker(t_mono, text, kind, line)
        self._style_marker(marker)
        self._markers.append(marker)

    def clear_markers(self) -> None:
        for marker in self._markers:
            self._plot_widget.getPlotItem().removeItem(marker.line)
        self._markers.clear()

    # -- for tests and callers -----------------------------------------------

    @property
    def capacity(self) -> int:
        return CAPACITY

    def sample_count(self) -> int:
        """Samples received since the plot was made (not capped by the buffer)."""
        return self._received

    def latest_sample(self) -> CpuSample | None:
        return self._latest

    def markers(self) -> list[tuple[float, str, str]]:
        """The markers still on screen, oldest first, as (t_mono, text, kind)."""
        return [(m.t_mono, m.text, m.kind) for m in self._markers]

    def history(self) -> list[CpuSample]:
        """The buffered samples, oldest first, rebuilt from the ring buffers."""
        start, end = self._window_slice()
        return [
            CpuSample(
                t_mono=float(self._t[j]),
                total=float(self._total[j]),
                per_core=tuple(float(v) for v in self._per_core[:, j]),
                children=int(self._children[j]),
            )
            for j in range(start, end)
        ]

    def displayed_total(self) -> tuple[np.ndarray, np.ndarray]:
        """What the total curve shows after the last redraw: (seconds from now, %)."""
        x, y = self._total_curve.getData()
        if x is None or y is None:
            return np.empty(0), np.empty(0)
        return np.array(x) + self._total_curve.pos().x(), np.array(y)

    def total_pen_width(self) -> float:
        """Width in pixels of the total curve's pen (follows zoom)."""
        return self._total_curve.opts["pen"].widthF()

    # -- drawing -------------------------------------------------------------

    def _window_slice(self) -> tuple[int, int]:
        """The chronological slice [start, end) of the mirrored buffers."""
        n = min(self._received, CAPACITY)
        end = self._next + CAPACITY
        return end - n, end

    @Slot()
    def redraw(self) -> None:
        """Move everything to its place relative to now (the redraw timer's slot).

        The curves are rebuilt only when a sample has come in since the last
        redraw; in between (most frames: samples come a few times a second,
        frames ten) they slide left as a whole, which moves them without
        making new paths.
        """
        now = self._clock()
        if self._received == self._drawn_samples and self._drawn_at is not None:
            offset = QPointF(self._drawn_at - now, 0.0)
            for curve in self._curves():
                curve.setPos(offset)
            self._place_markers(now)
            return
        self._drawn_samples, self._drawn_at = self._received, now
        start, end = self._window_slice()
        t = self._t[start:end]
        # Keep one sample left of the window so the lines run to the edge.
        first = max(0, int(np.searchsorted(t, now - WINDOW_S)) - 1)
        start += first
        x = self._t[start:end] - now
        for curve in self._curves():
            curve.setPos(QPointF(0.0, 0.0))
        self._total_curve.setData(x, self._total[start:end])
        for k, curve in enumerate(self._core_curves):
            curve.setData(x, self._per_core[k, start:end])
        children = self._children[start:end]
        self._children_curve.setData(x, children)
        # With no children at all (the idle case) the band is an empty fill
        # along the bottom: skip painting it.
        any_children = bool(children.any())
        if any_children != self._children_curve.isVisible():
            self._children_curve.setVisible(any_children)
        top = _count_axis_top(float(children.max()) if len(children) else 0.0)
        if top != self._count_top:
            self._count_top = top
            self._count_view.setYRange(0, top, padding=0)
            self._children_curve.set_y_range(0, top)
        self._place_markers(now)

    def _curves(self) -> list[_WindowCurve]:
        return [self._total_curve, *self._core_curves, self._children_curve]

    def _place_markers(self, now: float) -> None:
        expired = [m for m in self._markers if m.t_mono < now - WINDOW_S]
        for marker in expired:
            self._plot_widget.getPlotItem().removeItem(marker.line)
            self._markers.remove(marker)
        for marker in self._markers:
            marker.line.setPos(marker.t_mono - now)

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
        item = self._plot_widget.getPlotItem()

        tick_font = th.font(0.9)
        fm = QFontMetricsF(tick_font)
        label_pt = th.font_pt(1.0)
        axis_pen = pg.mkPen(p.muted_text, width=th.pen_width(1.0))
        common = {
            "tickFont": tick_font,
            "tickLength": round(6 * th.zoom),
            "tickTextOffset": round(4 * th.zoom),
            # Fixed text space from the font, so zooming out shrinks the axes
            # too (auto-expansion only ever grows them).
            "autoExpandTextSpace": False,
            "tickTextWidth": round(fm.horizontalAdvance("1000") + 2),
            "tickTextHeight": round(fm.height()),
            # The end labels ("0", "100", "60", "now") overhang the axis by
            # half a label; keep them at every zoom.
            "hideOverlappingLabels": round(max(fm.horizontalAdvance("now"), fm.height()) / 2 + 2),
        }
        axes = {
            "left": (self.tr("CPU %"), p.text, axis_pen),
            "bottom": (self.tr("seconds ago"), p.text, axis_pen),
            "right": (
                self.tr("child processes"),
                p.children,
                pg.mkPen(p.children, width=th.pen_width(1.0)),
            ),
        }
        for name, (label, color, pen) in axes.items():
            axis = item.getAxis(name)
            axis.setStyle(**common)
            axis.setPen(pen)
            axis.setTextPen(color)
            axis.setLabel(label, color=color, **{"font-size": f"{label_pt:.1f}pt"})
        grid_pen = pg.mkPen(p.grid, width=th.pen_width(1.0))
        self._grid.setPen(grid_pen)
        # Room above the plot for the top label ("100") to overhang into.
        overhang = round(fm.height() / 2 + 2)
        item.setContentsMargins(2, overhang, 2, 2)

        self._total_curve.setPen(pg.mkPen(p.cpu_total, width=th.pen_width(3.0)))
        for k, c in enumerate(self._core_curves):
            c.setPen(pg.mkPen(p.core_color(k), width=th.pen_width(1.0)))
        self._children_curve.setPen(pg.mkPen(p.children, width=th.pen_width(1.5)))
        self._children_curve.setBrush(pg.mkBrush(th.color("children", alpha=60)))
        for marker in self._markers:
            self._style_marker(marker)

        self._legend.setFont(th.font())
        self._legend.setText(self._legend_html())

    def _style_marker(self, marker: _Marker) -> None:
        th = self._theme
        color = th.palette.marker_start if marker.kind == "start" else th.palette.marker_finish
        pen = QPen(pg.mkPen(color, width=th.pen_width(2.0)))
        pen.setStyle(Qt.PenStyle.DashLine)
        marker.line.setPen(pen)
        label = marker.line.label
        label.setFont(th.font(0.9, bold=True))
        label.setColor(color)
        # A see-through backing keeps the label readable over the curves.
        label.fill = pg.mkBrush(th.color("background", alpha=200))
        label.update()

    def _legend_html(self) -> str:
        p = self._theme.palette

        def swatch(color: str, glyph: str) -> str:
            return f'<span style="color:{color}; font-weight:bold">{glyph}</span>'

        def words(text: str) -> str:
            # Non-breaking inside an entry: at high zoom the legend wraps
            # between entries, never in the middle of one.
            return html.escape(text).replace(" ", "&nbsp;")

        # Numbered from 1, as the operating system's task manager counts them.
        cores = " ".join(swatch(p.core_color(k), str(k + 1)) for k in range(self._cores))
        parts = [
            f"{swatch(p.cpu_total, '━━')}&nbsp;{words(self.tr('Total (all cores)'))}",
            f"{words(self.tr('Cores:'))}&nbsp;{cores}",
            f"{swatch(p.children, '■')}&nbsp;{words(self.tr('Child processes (right axis)'))}",
        ]
        sep = "&nbsp;&nbsp;&nbsp; "
        return f'<span style="color:{p.text}">{sep.join(parts)}</span>'
