"""The CPU graph's axes and grid: fixed ticks, a whole-number process axis, zoomed text.

Everything here is styled from the one theme: tick fonts, tick lengths and
pen widths follow its zoom, colours its palette.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

from gui.plots.curves import WINDOW_S
from gui.style.theme import Theme

# Tops the child-process axis snaps to, so its range does not twitch with
# every process that comes and goes.
_COUNT_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)
MIN_COUNT_TOP = 4


def count_axis_top(peak: float) -> float:
    """The smallest 'round' axis top that leaves room above ``peak`` processes."""
    need = max(float(MIN_COUNT_TOP), peak + 1)
    scale = 10 ** np.floor(np.log10(need))
    for step in (*_COUNT_STEPS, 10):
        if step * scale >= need:
            return float(step * scale)
    return float(10 * scale)  # unreachable: the last step is 10


class CountAxis(pg.AxisItem):
    """An axis for whole numbers: no ticks at 0.5 processes."""

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        levels = super().tickValues(minVal, maxVal, size)
        return [(s, v) for s, v in levels if s >= 1 and float(s).is_integer()]


def set_fixed_ticks(item: pg.PlotItem, now_label: str) -> None:
    """Seconds ago every 10 s ("now" at 0) and CPU % every 25 %."""
    ticks = [(-s, str(s)) for s in range(int(WINDOW_S), 0, -10)] + [(0, now_label)]
    item.getAxis("bottom").setTicks([ticks, []])
    item.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 25)], []])


def make_grid() -> pg.PlotCurveItem:
    """The grid as fixed lines, one item drawn with one call.

    Not the axes' own grid: an axis with a grid hides its end labels ("0",
    "100") once they overhang the plot, which they do at high zoom. This one
    is repainted with every frame, hence one item.
    """
    grid_x: list[float] = []
    grid_y: list[float] = []
    for v in range(25, 101, 25):
        grid_x += [-WINDOW_S - 1, 1]
        grid_y += [v, v]
    for sec in range(10, int(WINDOW_S), 10):
        grid_x += [-sec, -sec]
        grid_y += [-10, 110]
    grid = pg.PlotCurveItem(np.array(grid_x), np.array(grid_y), connect="pairs", antialias=False)
    grid.setZValue(-50)  # behind every curve
    return grid


def style_axes(item: pg.PlotItem, theme: Theme, labels: dict[str, str]) -> None:
    """Fonts, pens and colours of the three axes from ``theme``; ``labels``
    maps "left", "bottom" and "right" to their (translated) titles."""
    p = theme.palette
    tick_font = theme.font(0.9)
    fm = QFontMetricsF(tick_font)
    label_pt = theme.font_pt(1.0)
    axis_pen = pg.mkPen(p.muted_text, width=theme.pen_width(1.0))
    common = {
        "tickFont": tick_font,
        "tickLength": round(6 * theme.zoom),
        "tickTextOffset": round(4 * theme.zoom),
        # Fixed text space from the font, so zooming out shrinks the axes
        # too (auto-expansion only ever grows them).
        "autoExpandTextSpace": False,
        "tickTextWidth": round(fm.horizontalAdvance("1000") + 2),
        "tickTextHeight": round(fm.height()),
        # The end labels ("0", "100", "60", "now") overhang the axis by
        # half a label; keep them at every zoom.
        "hideOverlappingLabels": round(max(fm.horizontalAdvance("now"), fm.height()) / 2 + 2),
    }
    styles = {
        "left": (p.text, axis_pen),
        "bottom": (p.text, axis_pen),
        "right": (p.children, pg.mkPen(p.children, width=theme.pen_width(1.0))),
    }
    for name, (color, pen) in styles.items():
        axis = item.getAxis(name)
        axis.setStyle(**common)
        axis.setPen(pen)
        axis.setTextPen(color)
        axis.setLabel(labels[name], color=color, **{"font-size": f"{label_pt:.1f}pt"})
    # Room above the plot for the top label ("100") to overhang into.
    overhang = round(fm.height() / 2 + 2)
    item.setContentsMargins(2, overhang, 2, 2)
