"""Which lanes the timeline shows: all of them, or a part the user chose.

By default every lane is in view ("fit"): lanes get up to two lines of
text in height while they fit, and squeeze in below that, down to a
fraction of a pixel (1000 processes read as one shape). The wheel over the
lane labels scrolls a part into view, Ctrl+wheel zooms, a double click fits
all again. Plain arithmetic on lane numbers; the widget applies the result.
"""

from __future__ import annotations

MIN_LANES = 3.0  # zoomed in as far as it goes: three lanes fill the height


class LaneRange:
    """The lanes in view: ``None`` for all, else (top lane, how many)."""

    def __init__(self) -> None:
        self.chosen: tuple[float, float] | None = None

    def fit(self) -> None:
        self.chosen = None

    def scroll(self, lanes: float, count_now: float) -> None:
        top, count = self.chosen if self.chosen is not None else (0.0, count_now)
        self.chosen = (top + lanes, count)

    def zoom(self, factor: float, around: float, count_now: float) -> None:
        """Show ``factor`` times as many lanes, keeping lane ``around`` in place."""
        top, count = self.chosen if self.chosen is not None else (0.0, count_now)
        self.chosen = (around - (around - top) * factor, count * factor)

    def resolve(self, lanes: int, height_px: float, tallest_px: float) -> tuple[float, float]:
        """(top, count) to show ``lanes`` lanes in ``height_px`` pixels, none
        taller than ``tallest_px``; a choice past the ends is brought back."""
        fit_count = max(float(lanes), max(1.0, height_px) / max(1.0, tallest_px), 1.0)
        if self.chosen is None:
            return 0.0, fit_count
        top, count = self.chosen
        count = min(max(count, min(MIN_LANES, float(max(lanes, 1)))), fit_count)
        if count >= fit_count:
            self.chosen = None
            return 0.0, fit_count
        top = min(max(0.0, top), max(0.0, lanes - count))
        self.chosen = (top, count)
        return top, count
