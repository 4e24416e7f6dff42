"""The labelled lines on the CPU graph where runs start and finish.

A marker is a pyqtgraph ``InfiniteLine`` with a label, about 50 KB each, two
per run: a minute of fast pool runs meant hundreds of them on screen, and a
class's worth of runs left the window's memory ever bigger. So the lines
are a small, bounded pool:

- a marker older than the graph's window (60 s) is taken off the screen;
- at most :data:`MAX_MARKERS` lines exist at once: a new marker past that
  takes the oldest one's line;
- a line taken off is *hidden* and reused for the next marker, never
  removed from the plot. Removing one is the path that crashed
  (``clear_markers`` segfaulted in pyqtgraph's ``prepareForPaint``): a
  label connects itself to the scene's ``sigPrepareForPaint`` when it first
  paints and stays connected after its line is removed, and line and label
  refer to each other, so the removed pair is freed by the garbage
  collector at whatever moment it runs, a paint included. Hidden lines are
  not painted, and a hidden label skips its per-paint transform update.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QPen

from gui.plots.curves import WINDOW_S
from gui.style.theme import Theme

MARKER_KINDS = ("start", "finish")
#: The most marker lines that exist at once (on screen or waiting for reuse).
#: 20 runs' worth: a minute of runs a few seconds long; labels of more
#: would pile up unreadably anyway.
MAX_MARKERS = 40
# Heights (fraction of the plot, from the bottom) that successive marker
# labels cycle through, so the labels of a short run do not overlap.
_LABEL_HEIGHTS = (0.95, 0.85, 0.75, 0.65)
# Labels sit left of their line, always: a fresh marker is at the right edge
# ("now"), and pyqtgraph's default of flipping sides mid-plot makes them jump.
_LABEL_ANCHORS = [(1, 0.5), (1, 0.5)]


@dataclass
class _Marker:
    t_mono: float
    text: str
    kind: str
    line: pg.InfiniteLine


class RunMarkers:
    """The run markers of one plot: add, scroll, expire, clear, restyle.

    ``plot_item`` is the PlotItem the lines live in (each is added to it
    once, when first needed, and stays); ``theme`` colours them.
    """

    def __init__(self, plot_item: pg.PlotItem, theme: Theme, capacity: int = MAX_MARKERS) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity!r}")
        self._plot_item = plot_item
        self._theme = theme
        self._capacity = capacity
        self._live: list[_Marker] = []  # on screen, in the order they were added
        self._spare: list[pg.InfiniteLine] = []  # hidden, ready for reuse
        self._added = 0  # markers ever added: picks each new label's height

    @property
    def capacity(self) -> int:
        return self._capacity

    def entries(self) -> list[tuple[float, str, str]]:
        """The markers on screen, oldest first, as (t_mono, text, kind)."""
        return [(m.t_mono, m.text, m.kind) for m in self._live]

    def lines(self) -> list[pg.InfiniteLine]:
        """Every line the pool owns, shown or hidden: never more than ``capacity``."""
        return [m.line for m in self._live] + list(self._spare)

    def add(self, t_mono: float, text: str, kind: str, now: float) -> None:
        """Show a labelled line at ``t_mono``; ``kind`` is "start" or "finish"."""
        if kind not in MARKER_KINDS:
            raise ValueError(f"marker kind must be one of {MARKER_KINDS}, got {kind!r}")
        if self._spare:
            line = self._spare.pop()
        elif len(self._live) < self._capacity:
            line = self._new_line()
        else:
            line = self._live.pop(0).line  # the oldest gives up its line
        marker = _Marker(t_mono, text, kind, line)
        self._style(marker)
        line.setPos(t_mono - now)
        line.setVisible(True)
        label = line.label
        # The label only updates while visible, so after setVisible. It runs
        # str.format on its text, so braces must be doubled.
        label.setPosition(_LABEL_HEIGHTS[self._added % len(_LABEL_HEIGHTS)])
        label.setFormat(text.replace("{", "{{").replace("}", "}}"))
        self._added += 1
        self._live.append(marker)

    def clear(self) -> None:
        """Take every marker off the screen (their lines wait for reuse)."""
        for marker in self._live:
            self._retire(marker.line)
        self._live.clear()

    def place(self, now: float) -> None:
        """Move every marker to its place relative to ``now``; take off the
        ones that have scrolled out of the window."""
        oldest = now - WINDOW_S
        kept: list[_Marker] = []
        for marker in self._live:
            if marker.t_mono < oldest:
                self._retire(marker.line)
            else:
                marker.line.setPos(marker.t_mono - now)
                kept.append(marker)
        self._live = kept

    def restyle(self) -> None:
        """Apply the theme again (zoom or palette changed). Spares are
        styled when they are next used."""
        for marker in self._live:
            self._style(marker)

    # -- internals ---------------------------------------------------------

    def _new_line(self) -> pg.InfiniteLine:
        line = pg.InfiniteLine(
            pos=0.0,
            angle=90,
            movable=False,
            label="",
            labelOpts={"position": _LABEL_HEIGHTS[0], "anchors": _LABEL_ANCHORS},
        )
        line.setVisible(False)
        self._plot_item.addItem(line, ignoreBounds=True)
        return line

    def _retire(self, line: pg.InfiniteLine) -> None:
        line.setVisible(False)
        self._spare.append(line)

    def _style(self, marker: _Marker) -> None:
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
