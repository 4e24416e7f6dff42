"""The graphs' time axis and grid: session time as ``m:ss``, ticks that follow the zoom.

Both graphs (the CPU graph and the task-stream timeline) put time on x as
seconds since the session's origin (:class:`gui.plots.live_range.LiveRange`),
so they can share one axis range. :class:`SessionTimeAxis` labels it like a
stopwatch ("1:30"), picking a step that leaves room between labels at the
current zoom and font size. :class:`TimeGrid` draws the grid lines under the
data: vertical at the axis's ticks, horizontal at fixed levels, as one item
painted in one pass.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

#: Steps (seconds) between labelled ticks, from a tenth of a second to an hour.
TIME_STEPS: tuple[float, ...] = (
    0.1,
    0.2,
    0.5,
    1,
    2,
    5,
    10,
    15,
    30,
    60,
    120,
    300,
    600,
    900,
    1800,
    3600,
)
#: Unlabelled ticks between labelled ones, per step.
_MINOR: dict[float, float] = {0.1: 0.05, 0.2: 0.1, 0.5: 0.1, 1: 0.5, 2: 1, 5: 1, 10: 5}


def clock_text(seconds: float, step: float = 1.0) -> str:
    """``seconds`` as a stopwatch reads: "0:07", "12:30", "1:02:03"; tenths
    when ``step`` is under a second ("0:07.5")."""
    sign = "-" if seconds < -1e-9 else ""
    seconds = abs(seconds)
    if step < 1:
        seconds = round(seconds, 1)
        minutes, rest = divmod(seconds, 60)
        sec = f"{rest:04.1f}"
    else:
        minutes, rest = divmod(round(seconds), 60)
        sec = f"{int(rest):02d}"
    hours, minutes = divmod(int(minutes), 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{sec}"
    return f"{sign}{minutes}:{sec}"


class SessionTimeAxis(pg.AxisItem):
    """A bottom axis in session time; its labels never crowd each other."""

    def __init__(self, orientation: str = "bottom", **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        # Its label never changes with the range: pyqtgraph would retype it
        # (and lay the plot out again) at every move of the view.
        self.enableAutoSIPrefix(False)
        self._label_width = 40.0  # px of one label; set from the tick font
        # Text on the labelled (major) level only: step_for spaces those so
        # they never crowd; pyqtgraph's own fill check would label the minor
        # level too wherever the major one leaves room (before 0:00, say).
        super().setStyle(maxTextLevel=0)

    def setStyle(self, **kwargs: object) -> None:
        super().setStyle(**kwargs)
        font = self.style.get("tickFont")
        if font is not None:
            self._label_width = QFontMetricsF(font).horizontalAdvance("00:00.0")

    def step_for(self, span: float, size: float) -> float:
        """The labelled step for ``span`` seconds over ``size`` pixels."""
        if span <= 0 or size <= 0:
            return TIME_STEPS[-1]
        room = self._label_width * 1.8  # a label and most of one again as a gap
        fit = max(1.0, size / room)
        for step in TIME_STEPS:
            if span / step <= fit:
                return step
        hours = math.ceil(span / fit / 3600)
        return 3600.0 * hours

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        step = self.step_for(maxVal - minVal, size)
        major = _ticks(minVal, maxVal, step)
        minor_step = _MINOR.get(step, step / 2 if step >= 30 else 0)
        levels = [(step, major)]
        if minor_step:
            minor = [v for v in _ticks(minVal, maxVal, minor_step) if v not in major]
            levels.append((minor_step, minor))
        return levels

    def tickStrings(self, values: list, scale: float, spacing: float) -> list[str]:
        # Before the session began there is nothing to name: no "-0:50".
        return [clock_text(v, spacing) if v >= 0 else "" for v in values]


def _ticks(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    if last - first > 2000:  # never happens with step_for's steps; a guard all the same
        return []
    # Rounded, so 0.1-steps compare equal between the levels.
    return [round(k * step, 6) for k in range(first, last + 1)]


class TimeGrid(pg.GraphicsObject):
    """Grid lines in a view: vertical at ``axis``'s labelled ticks, horizontal
    at ``levels`` (view y values). One item, drawn across whatever is in view."""

    def __init__(self, axis: SessionTimeAxis, levels: Sequence[float] = ()) -> None:
        super().__init__()
        self._axis = axis
        self._levels = tuple(levels)
        self._pen = QPen()
        self._pen.setCosmetic(True)
        self.setZValue(-50)  # behind every curve and bar

    def setPen(self, pen: QPen) -> None:
        self._pen = QPen(pen)
        self._pen.setCosmetic(True)
        self.update()

    def set_levels(self, levels: Sequence[float]) -> None:
        self._levels = tuple(levels)
        self.update()

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:
        rect = self.viewRect()
        return QRectF() if rect is None else rect

    def paint(
        self, p: QPainter, opt: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = self.viewRect()
        vb = self.getViewBox()
        if rect is None or vb is None:
            return
        width = vb.width()
        levels = self._axis.tickValues(rect.left(), rect.right(), width)
        lines = [QLineF(x, rect.top(), x, rect.bottom()) for x in levels[0][1]] if levels else []
        lines += [QLineF(rect.left(), y, rect.right(), y) for y in self._levels]
        if lines:
            p.setPen(self._pen)
            p.drawLines(lines)
