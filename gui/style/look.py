"""The one style sheet of the application: buttons that look pressable when
they are, and plainly not when they are disabled.

On a projector, a disabled button drawn a shade lighter looks like any
other: during a run, Start looked clickable. Here an enabled button has a
fill and a solid outline; a disabled one has no fill (the window shows
through) and a dashed outline. Its text stays at 7:1 against the window, so
it can still be read: the difference is in kind, not in shade. Sizes come
from the zoom, colours from the palette.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gui.style.theme import Theme


def app_style_sheet(theme: Theme) -> str:
    """The style sheet for the whole application at ``theme``'s zoom and palette."""
    p = theme.palette
    # One outline width in every state, so a button never changes size.
    border = max(2, round(theme.pen_width(1.5)))
    radius = round(theme.pen_width(4))
    pad_v = round(theme.pen_width(4))
    pad_h = round(theme.pen_width(12))
    return f"""
QPushButton {{
    color: {p.text};
    background-color: {p.surface};
    border: {border}px solid {p.muted_text};
    border-radius: {radius}px;
    padding: {pad_v}px {pad_h}px;
}}
QPushButton:hover {{ background-color: {p.separator_background}; }}
QPushButton:pressed, QPushButton:checked {{
    color: {p.highlight_text};
    background-color: {p.highlight};
}}
QPushButton:focus {{ border-color: {p.highlight}; }}
QPushButton:disabled {{
    color: {p.muted_text};
    background-color: transparent;
    border: {border}px dashed {p.muted_text};
}}
"""
