"""The CPU graph's axes and grid: fixed ticks, a whole-number process axis, zoomed text.

Everything here is styled from the one theme: tick fonts, tick lengths and
pen widths follow its zoom, colours its palette.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

from gui import words
from gui.style.theme import Theme
from workers.terms import process_worker

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


def set_fixed_ticks(item: pg.PlotItem) -> None:
    """CPU % every 25 %. (Time ticks follow the zoom: :mod:`gui.plots.time_axis`.)"""
    item.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 25)], []])


#: The CPU graph's horizontal grid lines (CPU %).
GRID_LEVELS = (25, 50, 75, 100)


def axis_style(theme: Theme) -> dict[str, object]:
    """The style every axis of both graphs shares, from ``theme``'s zoom."""
    tick_font = theme.font(0.9)
    fm = QFontMetricsF(tick_font)
    return {
        "tickFont": tick_font,
        "tickLength": round(6 * theme.zoom),
        "tickTextOffset": round(4 * theme.zoom),
        # Fixed text space from the font, so zooming out shrinks the axes
        # too (auto-expansion only ever grows them).
        "autoExpandTextSpace": False,
        "tickTextWidth": round(fm.horizontalAdvance("1000") + 2),
        "tickTextHeight": round(fm.height()),
        # The end labels ("0", "100") overhang the axis by half a label;
        # keep them at every zoom.
        "hideOverlappingLabels": round(max(fm.horizontalAdvance("100"), fm.height()) / 2 + 2),
    }


def lane_text_width(theme: Theme) -> int:
    """Room for a lane's label at ``theme``'s tick font: "PID 4194304"
    (Linux's largest PID); longer labels are cut in the middle."""
    fm = QFontMetricsF(theme.font(0.9))
    return round(fm.horizontalAdvance(words.worker_lane_label(process_worker(4_194_304))) + 2)


def side_widths(theme: Theme) -> tuple[int, int]:
    """Widths of the left and right axes, the same on both graphs so their
    time axes line up: room for a lane's label ("PID 4194304") on the left,
    and for the process counts or the queue's title on the right, plus the
    ticks and a rotated title."""
    style = axis_style(theme)
    fm = QFontMetricsF(style["tickFont"])  # type: ignore[arg-type]
    title = QFontMetricsF(theme.font(1.0)).height()
    extra = int(style["tickTextOffset"]) + int(style["tickLength"]) + title  # type: ignore[call-overload]
    left = lane_text_width(theme) + extra
    widest_right = words.queue_title()
    right = max(fm.horizontalAdvance("1000") + 2 + extra, fm.horizontalAdvance(widest_right) + 8)
    return round(left), round(right)


def style_axis(axis: pg.AxisItem, theme: Theme, title: str | None, color: str) -> None:
    """One axis in ``theme``'s fonts and ``color``, titled ``title`` (None: untitled)."""
    axis.setStyle(**axis_style(theme))
    axis.setPen(
        pg.mkPen(
            color if color != theme.palette.text else theme.palette.muted_text,
            width=theme.pen_width(1.0),
        )
    )
    axis.setTextPen(color)
    if title is None:
        axis.showLabel(False)
    else:
        label_pt = theme.font_pt(1.0)
        axis.setLabel(title, color=color, **{"font-size": f"{label_pt:.1f}pt"})


def style_axes(item: pg.PlotItem, theme: Theme, labels: dict[str, str | None]) -> None:
    """Fonts, pens and colours of the three axes from ``theme``; ``labels``
    maps "left", "bottom" and "right" to their (translated) titles."""
    p = theme.palette
    colors = {"left": p.text, "bottom": p.text, "right": p.children}
    for name, color in colors.items():
        style_axis(item.getAxis(name), theme, labels[name], color)
    # Room at the sides for the end labels ("0", "100") to overhang into.
    fm = QFontMetricsF(theme.font(0.9))
    overhang = round(fm.height() / 2 + 2)
    item.setContentsMargins(2, 0, 2, overhang)
