"""Push buttons that look pressable when they are, and plainly not when they
are disabled.

On a projector, a disabled button drawn a shade lighter looks like any
other: during a run, Start looked clickable. Here an enabled button has a
fill and a solid outline; a disabled one has no fill (the window shows
through) and a dashed outline. Its text stays at 7:1 against the window, so
it can still be read: the difference is in kind, not in shade. Sizes come
from the zoom, colours from the palette.

Every push button of the window is a :class:`ThemedButton`, which wears
the look from the moment it is made and follows each theme change. The
sheet goes on each button, not on the whole application: an
application-wide sheet made every widget polish through Qt's style-sheet
style and cost about 30-45 ms of CPU before the window's first paint. Nor
does anything search the window for its buttons: the first such search
made PySide6 wrap every widget Qt had made inside the window's own (the
spin boxes' editors, the scroll bars), 4.7 ms before the first paint. A
widget with a sheet of its own no longer takes its parent's font, so the
buttons are given the zoomed font here too, unless their owner gives them
one (Start and Stop are larger and bold).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QPushButton, QWidget

from gui.style.theme import get_theme

if TYPE_CHECKING:
    from gui.style.theme import Theme

#: Dynamic property: the font :meth:`ThemedButton.restyle` last gave the button.
_FONT_FROM_LOOK = "fontFromButtonLook"


def button_style_sheet(theme: Theme) -> str:
    """The push buttons' style sheet at ``theme``'s zoom and palette."""
    p = theme.palette
    # One outline width in every state, so a button never changes size.
    border = max(2, round(theme.pen_width(1.5)))
    radius = round(theme.pen_width(4))
    pad_v = round(theme.pen_width(4))
    pad_h = round(theme.pen_width(10))
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


class ThemedButton(QPushButton):
    """A push button in :func:`button_style_sheet`'s look and at the
    zoomed font, again on each theme change (see the module docstring)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        # Not QPushButton(text, parent): to tell that call from the one with
        # an icon, PySide6 makes its QIcon type, which the first paint does
        # without (see gui.app.set_app_icon).
        super().__init__(parent)
        if text:
            self.setText(text)
        theme = get_theme()
        theme.changed.connect(self.restyle)
        self.restyle()

    @Slot()
    def restyle(self) -> None:
        theme = get_theme()
        sheet = button_style_sheet(theme)
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)
        # Ours to zoom: a button without a font of its own, or with the one
        # set here last time (its owner has not given it another since).
        given = self.testAttribute(Qt.WidgetAttribute.WA_SetFont)
        if not given or self.property(_FONT_FROM_LOOK) == self.font().toString():
            font = theme.font()
            self.setFont(font)
            self.setProperty(_FONT_FROM_LOOK, font.toString())
