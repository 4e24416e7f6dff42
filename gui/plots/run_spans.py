"""Runs on a graph: a shaded span from start to end, and a numbered badge above the plot.

Today's graphs once drew each run as two labelled lines; the labels
overlapped one another, sat under the curves and were cut at the edges.
Now each run (a :class:`~gui.plots.run_marks.RunMark`) is:

- a **span**: a light shading from the run's start to its end (to now while
  it runs), behind everything, with a thin line where it started. All
  spans are one item (:class:`SpansItem`), painted in one pass;
- a **badge**: the run's number ("3") in a small box in a strip *above* the
  plot area (:class:`BadgeStrip`, in the place of the top axis), so it is
  never under a curve. Badges are laid out left to right: one that would
  overlap the one before moves right, within the plot and near its span;
  one that cannot is left out (its span is still shaded, and the key and
  the span's tooltip still name it). No badge is cut at an edge. A click
  on a badge zooms both graphs onto its run (and pauses following).

The key ("3 · 100 processes · forkserver · 2.5 s") is a separate label
(:class:`gui.timeline.controls.RunKeyLabel`), shared by both graphs.
Nothing here is made per run, so memory stays flat however long the class.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from gui.plots.live_range import LiveRange
from gui.plots.run_marks import RunMark, RunMarks
from gui.style.theme import Theme


class SpansItem(pg.GraphicsObject):
    """Every run's span in one view, full height, behind the data."""

    def __init__(self, marks: RunMarks, live: LiveRange, theme: Theme) -> None:
        super().__init__()
        self._marks = marks
        self._live = live
        self._theme = theme
        self._now = live.now()
        self._x_extent = (0.0, 0.0)
        self.setZValue(-60)  # behind the grid, the curves and the bars
        self.restyle()
        marks.changed.connect(self._on_marks_changed)
        live.ticked.connect(self._on_tick)

    def restyle(self) -> None:
        th = self._theme
        self._fills = (
            QBrush(th.color("highlight", alpha=24)),
            QBrush(th.color("highlight", alpha=44)),
        )
        pen = QPen(th.color("highlight", alpha=160))
        # Whole pixels: a fractional width takes the slow, stroked path.
        pen.setWidth(max(1, round(th.pen_width(1.0))))
        pen.setCosmetic(True)
        self._edge = pen
        self.update()

    def _on_marks_changed(self) -> None:
        self.prepareGeometryChange()
        self.update()

    def _on_tick(self, now: float) -> None:
        self._now = now
        if self._marks.has_open():
            self.update()  # a running run's span grows

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:
        view = self.viewRect()
        if view is None:
            return QRectF()
        return QRectF(view.left(), view.top(), view.width(), view.height())

    def paint(
        self, p: QPainter, opt: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        view = self.viewRect()
        if view is None:
            return
        live = self._live
        t0, t1 = live.t_of(view.left()), live.t_of(view.right())
        shown = self._marks.in_range(t0, t1, self._now)
        if not shown:
            return
        # One call per fill and one for the edges: a call per span cost more
        # than all the curves when many short runs were in view.
        rects: tuple[list[QRectF], list[QRectF]] = ([], [])
        edges = []
        for mark in shown:
            x0 = live.x_of(mark.start)
            x1 = live.x_of(mark.end if mark.end is not None else self._now)
            rects[mark.number % 2].append(QRectF(x0, view.top(), max(0.0, x1 - x0), view.height()))
            edges.append(QLineF(x0, view.top(), x0, view.bottom()))
        p.setPen(Qt.PenStyle.NoPen)
        for fill, batch in zip(self._fills, rects, strict=True):
            if batch:
                p.setBrush(fill)
                p.drawRects(batch)
        p.setPen(self._edge)
        p.drawLines(edges)

    def mark_at(self, x: float) -> RunMark | None:
        """The newest run whose span holds ``x`` (for tooltips)."""
        t = self._live.t_of(x)
        hits = self._marks.in_range(t, t, self._now)
        return hits[-1] if hits else None


class BadgeStrip(pg.AxisItem):
    """The runs' numbered badges, in a strip above a plot (its top axis).

    An axis because an axis already sits outside the plot area, follows the
    view's x range and is laid out by the plot; this one draws badges
    instead of ticks.
    """

    def __init__(self, marks: RunMarks, live: LiveRange, theme: Theme) -> None:
        super().__init__("top")
        # Its label never changes with the range: pyqtgraph would retype it
        # (and lay the plot out again) at every move of the view.
        self.enableAutoSIPrefix(False)
        self._marks = marks
        self._live = live
        self._theme = theme
        self._now = live.now()
        self.setStyle(showValues=False, tickLength=0)
        self.setAcceptHoverEvents(True)
        marks.changed.connect(self.update)
        live.ticked.connect(self._on_tick)
        self.restyle()

    # AxisItem asks these for ticks: there are none.
    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        return []

    def restyle(self) -> None:
        th = self._theme
        self._font = th.font(0.9, bold=True)
        fm = QFontMetricsF(self._font)
        self._pad = round(3 * th.zoom)
        self._gap = round(4 * th.zoom)
        self._badge_h = fm.height() + 2
        self._fm = fm
        self.setHeight(round(self._badge_h + 2 * self._pad))
        self._fill = th.color("highlight")
        self._text = th.color("highlight_text")
        self.setPen(pg.mkPen(th.palette.background))  # the strip has no axis line to see
        self.update()

    def _on_tick(self, now: float) -> None:
        self._now = now
        if self._marks.has_open():
            self.update()

    def paint(
        self, p: QPainter, opt: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        layout = self._layout()
        if not layout:
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setFont(self._font)
        radius = 3 * self._theme.zoom
        for mark, rect in layout:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._fill)
            p.drawRoundedRect(rect, radius, radius)
            p.setPen(self._text)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(mark.number))

    def _layout(self) -> list[tuple[RunMark, QRectF]]:
        """Each shown badge and its box (in this item's coordinates), left to right."""
        bounds = self.mapRectFromParent(self.geometry())
        low, high = self.range
        width = bounds.width()
        if width <= 0 or high <= low:
            return []
        live = self._live
        scale = width / (high - low)
        marks = self._marks.in_range(live.t_of(low), live.t_of(high), self._now)
        top = bounds.top() + (bounds.height() - self._badge_h) / 2
        placed: list[tuple[RunMark, QRectF]] = []
        right_of_last = bounds.left() - self._gap
        for mark in sorted(marks, key=lambda m: m.start):
            w = max(self._badge_h, self._fm.horizontalAdvance(str(mark.number)) + 2 * self._pad)
            start = bounds.left() + (live.x_of(mark.start) - low) * scale
            end_t = mark.end if mark.end is not None else self._now
            end = bounds.left() + (live.x_of(end_t) - low) * scale
            # At its start, moved right past the badge before it, and back
            # left at the right edge (a run that just began), never cut.
            left = min(max(start, bounds.left(), right_of_last + self._gap), bounds.right() - w)
            # Dropped if that overlaps the one before, or is so far right of
            # its span that it would seem to number another run.
            if left < right_of_last + self._gap or left > max(end, start + w):
                continue
            placed.append((mark, QRectF(left, top, w, self._badge_h)))
            right_of_last = left + w
        return placed

    def badges(self) -> list[tuple[int, QRectF]]:
        """The badges shown: (run number, box in scene coordinates), left to right."""
        return [(m.number, self.mapRectToScene(r)) for m, r in self._layout()]

    def mouseClickEvent(self, ev: object) -> None:  # pyqtgraph's hook
        """A click on a badge shows its run, and pauses: "look at run 3"."""
        pos = ev.pos()  # type: ignore[attr-defined]
        for mark, rect in self._layout():
            if rect.contains(pos):
                ev.accept()  # type: ignore[attr-defined]
                self.show_run(mark)
                return

    def show_run(self, mark: RunMark) -> None:
        show_run(self._live, mark)

    def hoverEvent(self, ev: object) -> None:
        if ev.isExit():  # type: ignore[attr-defined]
            self.setToolTip("")
            return
        pos = ev.pos()  # type: ignore[attr-defined]
        for mark, rect in self._layout():
            if rect.contains(pos):
                self.setToolTip(mark.key + "\n" + self.tr("Click to look at this run."))
                return
        self.setToolTip("")


def show_run(live: LiveRange, mark: RunMark) -> None:
    """Both graphs on ``mark``'s run, with a little room either side (pauses)."""
    start = live.x_of(mark.start)
    end = live.x_of(mark.end if mark.end is not None else live.now())
    room = max(0.5, 0.08 * (end - start))
    live.show_x_range(start - room, end + room)
