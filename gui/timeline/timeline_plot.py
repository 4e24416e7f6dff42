"""The task-stream timeline: who ran what, when, one lane per process or worker.

Dask's task stream, htop and MPIRE's worker insights, for a classroom: the
runs in view are laid out one under the other (:mod:`gui.timeline.lanes`),
each job a bar from its start to its end on its process's or its worker's
lane, coloured (and patterned) by state, growing while it runs. Beside the
lanes, the queue of jobs still waiting. Five pool workers take turns on
five lanes; a hundred "sleeping" processes run side by side on a hundred.

It reads the session record only. The shared clock tick
(:class:`~gui.plots.live_range.LiveRange`) writes the jobs that changed
since the last one into the layout's arrays and grows the running bars, so
a batch of results repaints the table at once and the timeline with the
view's next move, not in the same frame; a run that starts or ends, or
changes while no graph is shown, is laid out at once. All bars
are one item (:class:`~gui.timeline.bars_item.BarsItem`), so 1000 bars are
a handful of draw calls. x is the CPU graph's: they zoom and pan together.

Lanes (:mod:`gui.timeline.lane_range`): all in view by default, squeezed
if need be (a 1000-process run then reads as one shape, its start-up
staircase and its end); the wheel over the labels scrolls, Ctrl+wheel
zooms. Packing several processes into one lane would hide who ran what,
which is the lesson, so lanes are never shared.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QCursor, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QGraphicsView, QLabel, QToolTip, QVBoxLayout, QWidget

from gui import words
from gui.plots.live_range import LiveRange
from gui.plots.plot_axes import lane_text_width, side_widths, style_axis
from gui.plots.plot_widget import PlotWidget
from gui.plots.run_marks import RunMarks
from gui.plots.run_spans import BadgeStrip, SpansItem
from gui.plots.time_axis import SessionTimeAxis, TimeGrid
from gui.plots.window_paced import paint_with_window
from gui.results.cells import worker_text
from gui.style.theme import Theme, get_theme
from gui.timeline.bars_item import BarsItem
from gui.timeline.lane_range import LaneRange
from gui.timeline.lanes import STATE_CODE, LaneLayout
from gui.timeline.side_axes import LaneAxis, QueueAxis
from workers.terms import JobState

if TYPE_CHECKING:
    from gui.session_store import SessionStore
    from workers.record.session import RecordChange, RunRecord

_MAX_LANE_LINES = 2.0  # the tallest a lane gets, in lines of label text
_HOVER_PX = 3.0  # how near a thin bar the mouse may be and still hit it
#: The most jobs laid out at once (the newest runs in view).
MAX_JOBS_LAID_OUT = 10_000


class TimelinePlot(QWidget):
    """The timeline of ``store``'s runs, on ``live``'s time with ``marks``'
    spans and badges (the CPU graph's, so both move together)."""

    #: A bar was clicked: (run_id, job_id).
    job_clicked = Signal(int, int)

    def __init__(
        self,
        store: SessionStore,
        live: LiveRange,
        marks: RunMarks,
        parent: QWidget | None = None,
        *,
        theme: Theme | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePlot")
        self._store = store
        self._live = live
        self._marks = marks
        self._theme = theme if theme is not None else get_theme()
        self._layout = LaneLayout()
        self._lane_range = LaneRange()  # every lane, or the part the user chose
        self._selected: list[tuple[int, int]] = []
        self._running = False  # any bar growing
        self._waiting: list[tuple[int, int]] = []
        self._left_out = 0  # runs in view left out past MAX_JOBS_LAID_OUT
        # Jobs changed since the last frame, drawn on the next clock tick.
        self._pending_jobs: dict[tuple[int, int], None] = {}

        self._build_plot()
        self._hint = QLabel(self._plot_widget)
        self._hint.setObjectName("timelineHint")
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint.setWordWrap(True)
        self._hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._empty_hint = self._empty_hint_text()
        self._hint.setText(self._empty_hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._plot_widget, 1)

        store.changed.connect(self._on_store_changed)
        live.ticked.connect(self._on_tick)
        live.watch(self)
        self._theme.changed.connect(self._apply_theme)
        self._apply_theme()
        self._relayout(force=True)

    def _empty_hint_text(self) -> str:
        return self.tr("Start a run: each process, or each pool worker, gets a lane here.")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._empty_hint = self._empty_hint_text()
            self._relayout(force=True)  # the hint and the lanes' titles, in the new words
        super().changeEvent(event)

    # -- construction --------------------------------------------------------

    def _build_plot(self) -> None:
        self._lane_axis = LaneAxis(lambda: self._layout.labels, lambda: self._layout.tips)
        self._lane_axis.on_scroll = self.scroll_lanes
        self._lane_axis.on_zoom = self.zoom_lanes
        self._lane_axis.on_fit = self.fit_lanes
        self._time_axis = SessionTimeAxis("bottom")
        self._queue_axis = QueueAxis(lambda: self._waiting, self._theme)
        self._badges = BadgeStrip(self._marks, self._live, self._theme)
        axes = {
            "left": self._lane_axis,
            "bottom": self._time_axis,
            "right": self._queue_axis,
            "top": self._badges,
        }
        self._plot_widget = PlotWidget(axisItems=axes, enableMenu=False)  # no menu made
        self._plot_widget.setObjectName("timelineGraph")
        paint_with_window(self._plot_widget)
        self._plot_widget.setOptimizationFlag(
            QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True
        )
        item = self._plot_widget.getPlotItem()
        item.hideButtons()
        item.showAxis("right")
        item.showAxis("top")
        vb = item.getViewBox()
        vb.invertY(True)  # lane 0 on top: runs and jobs read top to bottom, as in the table
        vb.setMouseEnabled(x=True, y=False)
        vb.disableAutoRange()
        self._live.add_view(vb)
        vb.sigResized.connect(self._apply_lane_range)
        vb.sigXRangeChanged.connect(self._on_x_range_changed)  # panned, zoomed: other runs
        self._grid = TimeGrid(self._time_axis)
        item.addItem(self._grid, ignoreBounds=True)
        self._spans = SpansItem(self._marks, self._live, self._theme)
        item.addItem(self._spans, ignoreBounds=True)
        self._bars = BarsItem(self._layout, self._live.origin, self._theme)
        item.addItem(self._bars, ignoreBounds=True)
        scene = self._plot_widget.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)

    # -- what it shows (for tests and callers) ---------------------------------

    def lanes(self) -> list[str]:
        """The lanes' labels, top to bottom, as the next frame shows them."""
        self._catch_up()
        return list(self._layout.labels)

    def bars(self) -> list[tuple[int, float, float | None, str]]:
        """One (lane, start, end, state) per bar: ``lane`` indexes :meth:`lanes`,
        ``start`` and ``end`` are the record's monotonic times (``end`` is
        None while the job runs), ``state`` the record's state word."""
        self._catch_up()
        return self._layout.bars()

    def bar_jobs(self) -> list[tuple[int, int]]:
        """(run_id, job_id) of each bar, in the order of :meth:`bars`."""
        return [self._layout.job_of(s) for s in np.nonzero(self._layout.has_bar())[0]]

    def queue(self) -> list[tuple[int, int]]:
        """(run number, jobs waiting) for each run in view with any waiting."""
        return list(self._waiting)

    def run_ids(self) -> tuple[int, ...]:
        """The runs laid out, top to bottom."""
        return self._layout.run_ids

    def badges(self) -> list[tuple[int, QRectF]]:
        """The run badges on screen: (run number, QRectF in scene coordinates)."""
        return self._badges.badges()

    def highlighted(self) -> list[tuple[int, int]]:
        """The jobs whose bars are highlighted."""
        return list(self._selected)

    def lane_range(self) -> tuple[float, float]:
        """The lanes in view: (top, bottom) in lanes."""
        low, high = self._plot_widget.getPlotItem().getViewBox().viewRange()[1]
        return float(low), float(high)

    def plot_item(self) -> pg.PlotItem:
        return self._plot_widget.getPlotItem()

    def bar_point(self, run_id: int, job_id: int) -> QPointF | None:
        """The middle of a job's bar in the plot widget's coordinates (None: no bar)."""
        slot = self._layout.slot_of(run_id, job_id)
        if slot is None or not self._layout.has_bar()[slot]:
            return None
        x0 = self._live.x_of(float(self._layout.start[slot]))
        x1 = self._live.x_of(float(self._bars.ends()[slot]))
        vb = self._plot_widget.getPlotItem().getViewBox()
        scene = vb.mapViewToScene(QPointF((x0 + x1) / 2, self._layout.lane[slot] + 0.5))
        return QPointF(self._plot_widget.mapFromScene(scene))

    def job_at(self, scene_pos: QPointF) -> tuple[int, int] | None:
        """The job whose bar is at a scene point, if any."""
        vb = self._plot_widget.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = vb.mapSceneToView(scene_pos)
        px = max(1.0, vb.width()) / max(1e-9, self._live.x_range()[1] - self._live.x_range()[0])
        slot = self._bars.slot_at(point.x(), point.y(), _HOVER_PX / px)
        return None if slot is None else self._layout.job_of(slot)

    def tooltip_for(self, run_id: int, job_id: int) -> str:
        """What hovering the job's bar says."""
        record = self._store.record
        run, job = record.run(run_id), record.job(run_id, job_id)
        if run is None or job is None:
            return ""
        return words.bar_tooltip(job, run, worker_text(job.worker), self._live.now())

    # -- selection -------------------------------------------------------------

    def highlight(self, jobs: Iterable[tuple[int, int]]) -> None:
        """Outline the bars of ``jobs`` (run_id, job_id); the rest lose theirs."""
        selected = list(jobs)
        if selected == self._selected:
            return  # the table re-sorted its rows, say: nothing to repaint
        self._selected = selected
        self._show_selection()

    def _show_selection(self) -> None:
        slots = [self._layout.slot_of(r, j) for r, j in self._selected]
        self._bars.set_selected(np.array([s for s in slots if s is not None], dtype=np.int64))

    # -- lanes in view ---------------------------------------------------------

    @Slot()
    def fit_lanes(self) -> None:
        """Every lane in view again."""
        self._lane_range.fit()
        self._apply_lane_range()

    def scroll_lanes(self, lanes: float) -> None:
        self._lane_range.scroll(lanes, self._lane_count())
        self._apply_lane_range()

    def zoom_lanes(self, factor: float, around: float) -> None:
        self._lane_range.zoom(factor, around, self._lane_count())
        self._apply_lane_range()

    def _lane_count(self) -> float:
        top, bottom = self.lane_range()
        return bottom - top

    @Slot()
    def _apply_lane_range(self) -> None:
        vb = self._plot_widget.getPlotItem().getViewBox()
        tallest = _MAX_LANE_LINES * QFontMetricsF(self._theme.font(0.9)).height()
        top, count = self._lane_range.resolve(len(self._layout.labels), vb.height(), tallest)
        vb.setYRange(top, top + count, padding=0)

    # -- following the record ----------------------------------------------------

    def _runs_in_view(self, now: float) -> list[RunRecord]:
        low, high = self._live.x_range()
        t0, t1 = self._live.t_of(low), self._live.t_of(high)
        runs = []
        for run in self._store.record.runs():
            end = run.finished_mono if run.finished_mono is not None else now
            if run.started_mono <= t1 and end >= t0:
                runs.append(run)
        return runs

    def _relayout(self, force: bool = False) -> bool:
        """Lay out the runs in view again if they changed; True if it did."""
        runs = self._runs_in_view(self._live.now())
        # The newest runs, up to MAX_JOBS_LAID_OUT jobs: laying out a long
        # session's every job would stall the window; zoomed in, the older
        # runs come back.
        jobs, first = 0, len(runs)
        while first > 0 and (jobs + runs[first - 1].total <= MAX_JOBS_LAID_OUT or jobs == 0):
            first -= 1
            jobs += runs[first].total
        self._left_out = first
        runs = runs[first:]
        if not force and tuple(r.run_id for r in runs) == self._layout.run_ids:
            return False
        before = self._layout.run_ids
        self._layout.build(runs)
        self._pending_jobs.clear()  # laid out from the record: nothing left to catch up
        if self._layout.run_ids != before:
            self._lane_range.fit()  # other runs: see them all
            title = self._lanes_title()
            if title != self._lane_axis.labelText:
                self._lane_axis.setLabel(title, **self._lane_axis.labelStyle)
        self._after_data_changed()
        self._apply_lane_range()
        self._show_selection()
        return True

    @Slot(object)
    def _on_store_changed(self, change: RecordChange) -> None:
        self._pending_jobs.update(dict.fromkeys(change.changed_jobs))
        if change.new_runs or change.dropped_runs or change.finished_runs:
            self._catch_up(runs_changed=True)  # a run came or went: at once
        elif not self._live.ticking:
            self._catch_up()
        # Else the next tick draws the jobs, in the frame that moves the view
        # anyway: a batch of results then repaints the table, not the timeline too.

    def _catch_up(self, runs_changed: bool = False) -> None:
        """Lay out what changed since the last frame."""
        jobs = tuple(self._pending_jobs)
        self._pending_jobs.clear()
        if runs_changed and self._relayout():
            return
        if not jobs and not runs_changed:
            return
        if jobs and not self._layout.update(self._store.record, jobs):
            self._relayout(force=True)  # a new worker: a new lane
            return
        self._after_data_changed()

    def _after_data_changed(self) -> None:
        lay = self._layout
        self._running = bool(np.any(lay.state == STATE_CODE[JobState.RUNNING]))
        self._bars.set_now(self._live.now())
        self._bars.data_changed()
        self._lane_axis.picture = None  # labels may have come (named processes)
        self._lane_axis.update()
        self._update_queue()
        if self._left_out:
            self._hint.setText(
                self.tr("{n} earlier runs in view are not shown: zoom in to see them.").format(
                    n=self._left_out
                )
            )
            self._hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        elif not lay.labels:
            self._hint.setText(self._empty_hint)
            self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint.setVisible(bool(self._left_out or not lay.labels))

    def _update_queue(self) -> None:
        waiting = [
            (b.run.ordinal, b.run.counts.get(JobState.PENDING, 0))
            for b in self._layout.blocks
            if not b.run.is_finished
        ]
        waiting = [(n, w) for n, w in waiting if w]
        if waiting != self._waiting:
            self._waiting = waiting
            self._queue_axis.update()

    @Slot(object, object)
    def _on_x_range_changed(self, _view: object, _range: object) -> None:
        if not self._live.following:  # following, the tick that moved it relays out
            self._relayout()

    @Slot(float)
    def _on_tick(self, now: float) -> None:
        if self._relayout():
            return
        self._catch_up()
        self._bars.set_now(now)
        if self._running:
            self._bars.update()  # running bars grow to now

    # -- the mouse ---------------------------------------------------------------

    @Slot(object)
    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        job = self.job_at(scene_pos)
        if job is not None:
            QToolTip.showText(QCursor.pos(), self.tooltip_for(*job), self._plot_widget)
            return
        vb = self._plot_widget.getPlotItem().getViewBox()
        if vb.sceneBoundingRect().contains(scene_pos):
            mark = self._spans.mark_at(vb.mapSceneToView(scene_pos).x())
            if mark is not None:
                QToolTip.showText(QCursor.pos(), mark.key, self._plot_widget)
                return
        QToolTip.hideText()

    @Slot(object)
    def _on_mouse_clicked(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            return
        job = self.job_at(event.scenePos())  # type: ignore[attr-defined]
        if job is not None:
            self.job_clicked.emit(*job)

    # -- look ------------------------------------------------------------------

    @Slot()
    def _apply_theme(self) -> None:
        th = self._theme
        p = th.palette
        self._plot_widget.setBackground(p.background)
        item = self._plot_widget.getPlotItem()
        style_axis(self._lane_axis, th, self._lanes_title(), p.text)
        self._lane_axis.setStyle(tickTextWidth=lane_text_width(th))
        # Untitled: "1:30" reads as a time, and the height is the lanes'.
        style_axis(self._time_axis, th, None, p.text)
        self._queue_axis.setStyle(showValues=False, tickLength=0)
        left, right = side_widths(th)
        self._lane_axis.setWidth(left)
        self._queue_axis.setWidth(right)
        # Room for a few lanes at any zoom: the table below gives way first.
        self._plot_widget.setMinimumHeight(round(90 * th.zoom))
        item.setContentsMargins(2, 0, 2, 2)
        self._grid.setPen(pg.mkPen(p.grid, width=th.pen_width(1.0)))
        self._badges.restyle()
        self._spans.restyle()
        self._bars.restyle()
        self._queue_axis.restyle()
        self._hint.setFont(th.font(1.1))
        self._hint.setStyleSheet(f"color: {p.muted_text}; background: transparent;")
        self._apply_lane_range()

    def _lanes_title(self) -> str:
        return words.lanes_title([b.run for b in self._layout.blocks])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._hint.setGeometry(self._plot_widget.rect().adjusted(40, 20, -40, -20))
