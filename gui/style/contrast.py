"""Contrast ratios (WCAG 2) and the list of every text-on-background pair
the window draws, per palette. No Qt here.

The goal for a projector is 7:1 (WCAG AAA) for *every* text: body text on
each row tint, the status word on its own row, the selected row, disabled
text, axis ticks, marker labels, the legend. Eyeballing a projector from the
front row says little about the back row, so the pairs are listed here and
a test computes each ratio from the palette (tests/gui/test_contrast.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from gui.style.palette import Palette

#: The ratio every text must reach against its own background.
TEXT_CONTRAST_GOAL = 7.0


def _channel(value: int) -> float:
    s = value / 255
    return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, 1.0 to 21.0."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class TextPair(NamedTuple):
    """One kind of text the window draws, on the background it is drawn on."""

    what: str  # e.g. "status word 'failed' on its row"
    text: str
    background: str

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.text, self.background)


def text_pairs(p: Palette) -> list[TextPair]:
    """Every text colour of ``p`` on every background the window puts it on."""
    pairs = [
        TextPair("body text on the window", p.text, p.background),
        TextPair("body text in fields and the table", p.text, p.surface),
        TextPair("run heading row", p.text, p.separator_background),
        TextPair("selected row", p.highlight_text, p.highlight),
        # Disabled controls lose their fill (the window shows through) and
        # get a dashed outline: their text still reads at 7:1.
        TextPair("disabled text", p.muted_text, p.background),
        TextPair("disabled text in a field", p.muted_text, p.surface),
        TextPair("placeholder text", p.muted_text, p.surface),
        TextPair("tooltip", p.text, p.surface),
        TextPair("link", p.highlight, p.surface),
        TextPair("graph ticks and titles", p.text, p.background),
        TextPair("child-process axis", p.children, p.background),
        TextPair("graph legend", p.text, p.background),
        TextPair("run start marker label", p.marker_start, p.background),
        TextPair("run end marker label", p.marker_finish, p.background),
    ]
    for state, tint in p.state_colors.items():
        strong = p.state_text_colors[state]
        pairs += [
            TextPair(f"text on a '{state}' row", p.text, tint),
            TextPair(f"status word '{state}' on its row", strong, tint),
            # The status bar's counts and the error/warning labels.
            TextPair(f"'{state}' word on the window", strong, p.background),
        ]
    return pairs


def lowest(p: Palette) -> TextPair:
    """The pair of ``p`` with the lowest contrast."""
    return min(text_pairs(p), key=lambda pair: pair.ratio)
