"""The timeline's two side strips: the lanes' labels and the queue of waiting jobs.

Both are pyqtgraph axes, so the plot lays them out beside its view and they
follow its range; both have the same widths as the CPU graph's axes above
(:func:`gui.plots.plot_axes.side_widths`), so the two time axes line up.

- :class:`LaneAxis` (left) labels each lane at its middle. When lanes are
  thinner than a line of text, it labels every 2nd, 5th, 10th… lane, so
  labels never overlap. The wheel over it scrolls the lanes, Ctrl+wheel
  zooms them, a double click fits them all again.
- :class:`QueueAxis` (right) is the queue beside the lanes: the jobs that
  wait for a worker (or, for named processes, to be started), one small
  square each and their count, draining as workers take them.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from gui import words
from gui.style.theme import Theme

_LABEL_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000)


class LaneAxis(pg.AxisItem):
    """Lane labels on the left; ``labels`` gives the current list."""

    def __init__(
        self, labels: Callable[[], list[str]], tips: Callable[[], list[str]] | None = None
    ) -> None:
        super().__init__("left")
        # Its label never changes with the range: pyqtgraph would retype it
        # (and lay the plot out again) at every move of the view.
        self.enableAutoSIPrefix(False)
        self._labels = labels
        self._tips = tips
        self._line_px = 14.0
        self.setAcceptHoverEvents(True)
        self.on_scroll: Callable[[float], None] | None = None  # lanes to scroll by
        self.on_zoom: Callable[[float, float], None] | None = None  # factor, lane under mouse
        self.on_fit: Callable[[], None] | None = None

    def setStyle(self, **kwargs: object) -> None:  # pyqtgraph's name
        super().setStyle(**kwargs)
        font = self.style.get("tickFont")
        if font is not None:
            self._line_px = QFontMetricsF(font).height()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # pyqtgraph's names
        count = len(self._labels())
        low, high = max(0.0, min(minVal, maxVal)), min(float(count), max(minVal, maxVal))
        if high <= low or size <= 0:
            return []
        px_per_lane = size / max(1e-9, abs(maxVal - minVal))
        step = next((s for s in _LABEL_STEPS if s * px_per_lane >= self._line_px), None)
        if step is None:
            return []
        first = math.ceil(low / step) * step
        values = [k + 0.5 for k in range(int(first), math.ceil(high), step)]
        return [(step, values)]

    def tickStrings(self, values: list, scale: float, spacing: float) -> list[str]:
        labels = self._labels()
        font = self.style.get("tickFont")
        width = self.style["tickTextWidth"]
        fm = QFontMetricsF(font) if font is not None else None
        out = []
        for v in values:
            i = int(v)
            text = labels[i] if 0 <= i < len(labels) else ""
            if fm is not None:
                text = fm.elidedText(text, Qt.TextElideMode.ElideMiddle, width)
            out.append(text)
        return out

    def wheelEvent(self, event: object) -> None:  # Qt's name
        delta = event.delta() if hasattr(event, "delta") else 0  # type: ignore[attr-defined]
        if not delta:
            return
        view = self.linkedView()
        if view is not None and event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # type: ignore[attr-defined]
            if self.on_zoom is not None:
                lane = view.mapSceneToView(event.scenePos()).y()  # type: ignore[attr-defined]
                self.on_zoom(0.8 if delta > 0 else 1.25, lane)
        elif self.on_scroll is not None:
            self.on_scroll(-3.0 if delta > 0 else 3.0)
        event.accept()  # type: ignore[attr-defined]

    def hoverEvent(self, event: object) -> None:  # pyqtgraph's hook
        """The lane's full label and its worker, under the mouse."""
        view = self.linkedView()
        if event.isExit() or view is None:  # type: ignore[attr-defined]
            self.setToolTip("")
            return
        lane = int(view.mapSceneToView(event.scenePos()).y())  # type: ignore[attr-defined]
        labels = self._labels()
        tips = self._tips() if self._tips is not None else []
        if 0 <= lane < len(labels):
            tip = tips[lane] if lane < len(tips) else ""
            self.setToolTip("\n".join(t for t in (labels[lane], tip) if t))
        else:
            self.setToolTip("")

    def mouseClickEvent(self, event: object) -> None:  # pyqtgraph's name
        if event.double() and self.on_fit is not None:  # type: ignore[attr-defined]
            self.on_fit()
            event.accept()  # type: ignore[attr-defined]


class QueueAxis(pg.AxisItem):
    """The jobs waiting to start, drawn beside the lanes (on the right).

    ``waiting`` gives (run number, jobs waiting) for each run in view that
    has any.
    """

    def __init__(self, waiting: Callable[[], list[tuple[int, int]]], theme: Theme) -> None:
        super().__init__("right")
        # Its label never changes with the range: pyqtgraph would retype it
        # (and lay the plot out again) at every move of the view.
        self.enableAutoSIPrefix(False)
        self._waiting = waiting
        self._theme = theme
        self._rects = PrimitiveArray(QRectF, 4)
        self.setStyle(showValues=False, tickLength=0)
        self.restyle()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # pyqtgraph's names
        return []

    def restyle(self) -> None:
        th = self._theme
        self._font = th.font(0.8)
        self._count_font = th.font(0.9, bold=True)
        self._square = max(3.0, round(5 * th.zoom))
        self._fill = th.color("state_text_colors.pending")
        self._text = th.color("text")
        self.setPen(pg.mkPen(th.palette.grid, width=th.pen_width(1.0)))
        self.update()

    def paint(
        self, p: QPainter, opt: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        bounds = self.mapRectFromParent(self.geometry())
        p.setPen(self.pen())
        p.drawLine(bounds.topLeft(), bounds.bottomLeft())
        waiting = self._waiting()
        total = sum(n for _run, n in waiting)
        if not total:
            return
        pad = 3 * self._theme.zoom
        inner = bounds.adjusted(pad + 1, pad, -pad, -pad)
        fm = QFontMetricsF(self._font)
        p.setPen(self._text)
        p.setFont(self._font)
        title = fm.elidedText(words.queue_title(), Qt.TextElideMode.ElideRight, inner.width())
        p.drawText(QRectF(inner.left(), inner.top(), inner.width(), fm.height()), title)
        top = inner.top() + fm.height()
        p.setFont(self._count_font)
        count_h = QFontMetricsF(self._count_font).height()
        p.drawText(QRectF(inner.left(), top, inner.width(), count_h), str(total))
        top += count_h + pad
        # One square per waiting job, in rows, as many as fit; the count says the rest.
        side = self._square
        step = side + max(1.0, side / 3)
        columns = max(1, int((inner.width() + step - side) // step))
        rows = max(0, int((inner.bottom() - top + step - side) // step))
        squares = min(total, columns * rows)
        if not squares:
            return
        k = np.arange(squares)
        self._rects.resize(squares)
        memory = self._rects.ndarray()
        memory[:, 0] = inner.left() + (k % columns) * step
        memory[:, 1] = top + (k // columns) * step
        memory[:, 2] = side
        memory[:, 3] = side
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._fill)
        p.drawRects(*self._rects.drawargs())  # hundreds of squares in one call
