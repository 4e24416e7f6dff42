"""The one source of scale and colour for the whole window.

Teachers zoom the window so the back row can read it, and switch between a
light, a dark and a high-contrast scheme to suit the room and the projector.
Every widget asks the ``Theme`` for its font sizes, pen widths and colours,
and redraws when ``Theme.changed`` fires, so one zoom step reaches everything.

The *default* zoom is the one that suits the screen (the app picks it from
the screen's height; presentation mode picks a larger one): Ctrl+0 returns
there, not to 100 %. At first start the scheme follows the system's dark
mode, until someone chooses one (:meth:`Theme.choose_palette`).

Get the shared instance with ``get_theme()``. It is created on first call,
which must come after the ``QApplication`` exists, because the base font
size is read from the application font at that moment. There is
deliberately no module-level ``theme`` object: ``from gui.style.theme import
theme`` would run at import time, before any application exists. Tests may
create their own ``Theme()`` to stay independent of the shared one.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontInfo, QGuiApplication, QPalette

from gui.style.palette import DARK, LIGHT, PALETTES, Palette

MIN_ZOOM = 0.75
MAX_ZOOM = 3.0
# The steps zoom_in/zoom_out walk along, like a browser's: round numbers a
# teacher can name ("150 %"), fine steps near 100 %, coarse ones further out.
ZOOM_STEPS: tuple[float, ...] = (0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
# Used only when the application font is sized in pixels, not points.
_FALLBACK_POINT_SIZE = 10.0


class Theme(QObject):
    """Zoom factor and palette, with helpers that turn them into fonts and pens."""

    changed = Signal()  # palette or zoom changed

    def __init__(self, palette: Palette = LIGHT, parent: QObject | None = None) -> None:
        super().__init__(parent)
        app = QGuiApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before the Theme")
        # Captured once: apply_to_app() later rewrites the application font,
        # and zooming must always start from the original size.
        self._base_font = QFont(QGuiApplication.font())
        size = self._base_font.pointSizeF()
        self._base_pt = size if size > 0 else _FALLBACK_POINT_SIZE
        self._palette = palette
        self._zoom = 1.0
        self._default_zoom = 1.0  # where reset_zoom (Ctrl+0) goes
        self._following_app = False  # apply_to_app(follow=True) connected once
        self._following_system = False  # the palette follows the system's dark mode

    # -- state ---------------------------------------------------------------

    @property
    def palette(self) -> Palette:
        return self._palette

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def default_zoom(self) -> float:
        """The zoom that suits the screen; :meth:`reset_zoom` returns to it."""
        return self._default_zoom

    @property
    def base_point_size(self) -> float:
        """The application font's point size when the Theme was created."""
        return self._base_pt

    def set_palette(self, palette: Palette) -> None:
        if palette == self._palette:
            return
        self._palette = palette
        self.changed.emit()

    def choose_palette(self, name: str) -> None:
        """Someone chose the scheme ``name`` ("light", "dark", "contrast"):
        from now on it no longer follows the system's dark mode."""
        self._following_system = False
        self.set_palette(PALETTES[name])

    def follow_system_scheme(self) -> None:
        """Light or dark as the system is, now and when the system switches,
        until :meth:`choose_palette` is called (Qt 6.5+ knows the system's
        scheme; where it does not, the palette stays as it is)."""
        app = QGuiApplication.instance()
        if not isinstance(app, QGuiApplication):
            return
        hints = app.styleHints()
        if not self._following_system:
            self._following_system = True
            hints.colorSchemeChanged.connect(self._on_system_scheme_changed)
        self._on_system_scheme_changed(hints.colorScheme())

    @property
    def follows_system_scheme(self) -> bool:
        return self._following_system

    def _on_system_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if not self._following_system:
            return
        if scheme == Qt.ColorScheme.Dark:
            self.set_palette(DARK)
        elif scheme == Qt.ColorScheme.Light:
            self.set_palette(LIGHT)

    def set_zoom(self, zoom: float) -> None:
        """Set the zoom factor, clamped to MIN_ZOOM..MAX_ZOOM."""
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, float(zoom)))
        if abs(zoom - self._zoom) < 1e-9:
            return  # no signal: every listener would redo its layout for nothing
        self._zoom = zoom
        self.changed.emit()

    def zoom_in(self) -> None:
        """Go to the next larger step of ZOOM_STEPS."""
        larger = [z for z in ZOOM_STEPS if z > self._zoom + 1e-9]
        self.set_zoom(larger[0] if larger else MAX_ZOOM)

    def zoom_out(self) -> None:
        """Go to the next smaller step of ZOOM_STEPS."""
        smaller = [z for z in ZOOM_STEPS if z < self._zoom - 1e-9]
        self.set_zoom(smaller[-1] if smaller else MIN_ZOOM)

    def set_default_zoom(self, zoom: float) -> None:
        """The zoom :meth:`reset_zoom` goes to (clamped like set_zoom);
        the current zoom is left as it is."""
        self._default_zoom = min(MAX_ZOOM, max(MIN_ZOOM, float(zoom)))

    def reset_zoom(self) -> None:
        """Back to the default zoom: the screen's, not necessarily 100 %."""
        self.set_zoom(self._default_zoom)

    def zoom_for_font_px(self, pixels: float) -> float:
        """The smallest of ZOOM_STEPS at which the body font is at least
        ``pixels`` high on the primary screen (MAX_ZOOM if none is)."""
        for step in ZOOM_STEPS:
            font = QFont(self._base_font)
            font.setPointSizeF(self._base_pt * step)
            if QFontInfo(font).pixelSize() >= pixels:
                return step
        return MAX_ZOOM

    # -- derived values ------------------------------------------------------

    def font_pt(self, factor: float = 1.0) -> float:
        """Point size: the startup application font size × zoom × ``factor``."""
        return self._base_pt * self._zoom * factor

    def font(self, factor: float = 1.0, bold: bool = False) -> QFont:
        """The application's font family at ``font_pt(factor)``."""
        font = QFont(self._base_font)
        font.setPointSizeF(self.font_pt(factor))
        font.setBold(bold)
        return font

    def font_px(self, factor: float = 1.0) -> int:
        """The pixel size of ``font(factor)`` on the primary screen."""
        return QFontInfo(self.font(factor)).pixelSize()

    def pen_width(self, base: float = 1.0) -> float:
        """A line width in pixels: ``base`` × zoom."""
        return base * self._zoom

    def color(self, name: str, alpha: int | None = None) -> QColor:
        """A palette colour as a QColor.

        ``name`` is a field of ``Palette`` ("text", "cpu_total"), or
        "state_colors.<state>" / "state_text_colors.<state>" for the dicts.
        ``alpha`` (0-255) makes it translucent.
        """
        field_name, _, key = name.partition(".")
        value = getattr(self._palette, field_name)
        if key:
            value = value[key]
        if not isinstance(value, str):
            raise KeyError(f"{name!r} is not a single colour of the palette")
        color = QColor(value)
        if alpha is not None:
            color.setAlpha(alpha)
        return color

    # -- the application -----------------------------------------------------

    def qpalette(self) -> QPalette:
        """A QPalette for plain widgets, built from the Palette."""
        p = self._palette
        qp = QPalette()
        roles = {
            QPalette.ColorRole.Window: p.background,
            QPalette.ColorRole.WindowText: p.text,
            QPalette.ColorRole.Base: p.surface,
            QPalette.ColorRole.AlternateBase: p.separator_background,
            QPalette.ColorRole.Text: p.text,
            QPalette.ColorRole.Button: p.surface,
            QPalette.ColorRole.ButtonText: p.text,
            QPalette.ColorRole.BrightText: p.state_text_colors["failed"],
            QPalette.ColorRole.ToolTipBase: p.surface,
            QPalette.ColorRole.ToolTipText: p.text,
            QPalette.ColorRole.PlaceholderText: p.muted_text,
            QPalette.ColorRole.Highlight: p.highlight,
            QPalette.ColorRole.HighlightedText: p.highlight_text,
            QPalette.ColorRole.Link: p.highlight,
            QPalette.ColorRole.Mid: p.grid,
        }
        for role, value in roles.items():
            qp.setColor(role, QColor(value))
        disabled = QPalette.ColorGroup.Disabled
        for role in (
            QPalette.ColorRole.WindowText,
            QPalette.ColorRole.Text,
            QPalette.ColorRole.ButtonText,
        ):
            qp.setColor(disabled, role, QColor(p.muted_text))
        # A disabled control loses its fill: the window shows through, so it
        # looks different in kind, not only a shade lighter. Its text stays
        # at 7:1 on the window (gui/style/contrast.py).
        for role in (
            QPalette.ColorRole.Button,
            QPalette.ColorRole.Base,
            QPalette.ColorRole.AlternateBase,
        ):
            qp.setColor(disabled, role, QColor(p.background))
        return qp

    def apply_to_app(self, app: QGuiApplication, follow: bool = True) -> None:
        """Give the application the zoomed font and the palette's QPalette.

        Plain widgets (buttons, tables, labels without their own font) then
        follow the theme on their own. With ``follow`` the application is
        updated again on every ``changed``. (Buttons get their look from
        :class:`gui.style.look.ThemedButton`.)
        """
        app.setFont(self.font())
        app.setPalette(self.qpalette())
        if follow and not self._following_app:
            self._following_app = True
            self.changed.connect(self._reapply_to_app)

    def _reapply_to_app(self) -> None:
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            self.apply_to_app(app, follow=False)


_theme: Theme | None = None


def get_theme() -> Theme:
    """The shared Theme, created on first call (a QApplication must exist)."""
    global _theme
    if _theme is None:
        _theme = Theme()
    return _theme


def apply_to_app(app: QGuiApplication, follow: bool = True) -> None:
    """Apply the shared Theme's font and palette to ``app`` (see Theme.apply_to_app)."""
    get_theme().apply_to_app(app, follow=follow)
