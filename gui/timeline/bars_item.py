"""Every bar of the timeline in one graphics item, drawn a state at a time.

One item for all bars, not one per bar: a 1000-process run is a few
``drawRects`` calls (one per state, one per hatch, one for the selection),
each fed straight from numpy through pyqtgraph's ``PrimitiveArray`` (the
same path ``pg.BarGraphItem`` takes). Only the bars in view are drawn.

Colour tells the states apart, and so does the pattern, for those who
cannot tell the colours apart and on a washed-out projector: failed bars
are hatched one way, killed bars cross-hatched, stopped bars striped
across; running bars grow to *now* each frame.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from gui.style.theme import Theme
from gui.timeline.lanes import STATE_CODE, STATES, LaneLayout
from workers.terms import JobState

#: The pattern drawn over a state's colour, so it reads without colour too.
HATCHES: dict[JobState, Qt.BrushStyle] = {
    JobState.FAILED: Qt.BrushStyle.BDiagPattern,
    JobState.KILLED: Qt.BrushStyle.DiagCrossPattern,
    JobState.STOPPED: Qt.BrushStyle.HorPattern,
}
#: The glyph that shows each pattern in the legend.
HATCH_GLYPHS: dict[JobState, str] = {
    JobState.FAILED: "▨",
    JobState.KILLED: "▩",
    JobState.STOPPED: "▤",
}
_MIN_BAR_PX = 2.0  # a 10 ms job is still a visible sliver at any zoom
_GAP_FROM_PX = 5.0  # lanes this many pixels high or more get a gap between them


class BarsItem(pg.GraphicsObject):
    """The bars of a :class:`LaneLayout`, in a view where x is session time
    (``x = t - origin``) and lane ``i`` spans y from ``i`` to ``i + 1``."""

    def __init__(self, layout: LaneLayout, origin: float, theme: Theme) -> None:
        super().__init__()
        self._layout = layout
        self._origin = origin
        self._theme = theme
        self._now = origin
        self._selected = np.zeros(0, dtype=np.int64)  # slots
        self._rects = PrimitiveArray(QRectF, 4)
        self.restyle()

    def restyle(self) -> None:
        th = self._theme
        self._brushes = {
            state: QBrush(th.color(f"state_text_colors.{state.value}")) for state in STATES
        }
        hatch_colour = QColor(th.palette.background)
        self._hatches = {state: QBrush(hatch_colour, style) for state, style in HATCHES.items()}
        self._select_pen = QPen(th.color("highlight"), th.pen_width(2.5))
        self._select_pen.setCosmetic(True)
        self._separator_pen = QPen(th.color("grid"), th.pen_width(2.0))
        self._separator_pen.setCosmetic(True)
        self.update()

    def set_now(self, now: float) -> None:
        self._now = now

    def set_selected(self, slots: np.ndarray) -> None:
        self._selected = np.asarray(slots, dtype=np.int64)
        self.update()

    def data_changed(self) -> None:
        self.prepareGeometryChange()
        self.update()

    def viewRangeChanged(self) -> None:  # pyqtgraph's hook: bounds follow the view
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:
        view = self.viewRect()
        return QRectF() if view is None else QRectF(view)

    # -- geometry --------------------------------------------------------------

    def ends(self) -> np.ndarray:
        """Each slot's end (monotonic); a running bar ends at now."""
        lay = self._layout
        return np.where(np.isnan(lay.end), self._now, lay.end)

    def paint(
        self, p: QPainter, opt: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        view = self.viewRect()
        lay = self._layout
        if view is None or not len(lay.start):
            return
        px_x = abs(p.transform().m11()) or 1.0  # pixels per second
        px_lane = abs(p.transform().m22()) or 1.0  # pixels per lane
        x0 = lay.start - self._origin
        x1 = np.maximum(self.ends() - self._origin, x0 + _MIN_BAR_PX / px_x)
        lane = lay.lane
        top, bottom = view.top(), view.bottom()
        shown = lay.has_bar() & (x1 >= view.left()) & (x0 <= view.right())
        shown &= (lane + 1 >= min(top, bottom)) & (lane <= max(top, bottom))
        gap = 0.15 if px_lane >= _GAP_FROM_PX else 0.0
        p.setPen(Qt.PenStyle.NoPen)
        for state in STATES:
            idx = np.nonzero(shown & (lay.state == STATE_CODE[state]))[0]
            if not len(idx):
                continue
            self._fill(x0[idx], x1[idx], lane[idx], gap)
            p.setBrush(self._brushes[state])
            p.drawRects(*self._rects.drawargs())
            if state in self._hatches and px_lane >= 3:
                p.setBrush(self._hatches[state])
                p.drawRects(*self._rects.drawargs())
        starts = lay.block_starts()
        if starts:
            p.setPen(self._separator_pen)
            p.drawLines([QLineF(view.left(), y, view.right(), y) for y in starts])
        sel = self._selected[self._selected < len(shown)]
        sel = sel[shown[sel]] if len(sel) else sel
        if len(sel):
            self._fill(x0[sel], x1[sel], lane[sel], 0.0)
            p.setPen(self._select_pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRects(*self._rects.drawargs())

    def _fill(self, x0: np.ndarray, x1: np.ndarray, lane: np.ndarray, gap: float) -> None:
        self._rects.resize(len(x0))
        memory = self._rects.ndarray()
        memory[:, 0] = x0
        memory[:, 1] = lane + gap / 2
        memory[:, 2] = x1 - x0
        memory[:, 3] = 1.0 - gap

    # -- hit testing -----------------------------------------------------------

    def slot_at(self, x: float, y: float, tolerance_x: float = 0.0) -> int | None:
        """The bar at view point (x, y), the last drawn if several; None if none."""
        lay = self._layout
        if not len(lay.start) or y < 0:
            return None
        lane = int(np.floor(y))
        t = x + self._origin
        hit = lay.has_bar() & (lay.lane == lane)
        hit &= (lay.start - tolerance_x <= t) & (self.ends() + tolerance_x >= t)
        found = np.nonzero(hit)[0]
        return int(found[-1]) if len(found) else None
