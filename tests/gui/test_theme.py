"""The Theme (zoom and palette) and the ready-made palettes; switching the
theme from the window's View menu.

Each test makes its own ``Theme`` so zooming here never leaks into the
shared one other tests use; the application font and palette are restored
after the one test that changes them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.style.palette import DARK, HIGH_CONTRAST, LIGHT, PALETTES, STATE_NAMES, Palette
from gui.style.theme import MAX_ZOOM, MIN_ZOOM, ZOOM_STEPS, Theme, get_theme
from tests.gui.conftest import theme_kept

HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


@pytest.fixture
def theme(qapp: QApplication) -> Theme:
    return Theme()


@pytest.fixture
def restore_app_look(qapp: QApplication) -> Iterator[None]:
    """Put the application font and palette back, whatever the test did."""
    font, palette = qapp.font(), qapp.palette()
    try:
        yield
    finally:
        qapp.setFont(font)
        qapp.setPalette(palette)


def test_defaults(theme: Theme, qapp: QApplication) -> None:
    assert theme.zoom == 1.0
    assert theme.palette is LIGHT
    assert theme.base_point_size > 0
    assert theme.font_pt() == pytest.approx(theme.base_point_size)
    assert theme.pen_width() == pytest.approx(1.0)


def test_zoom_scales_font_and_pen_proportionally(theme: Theme, qtbot: QtBot) -> None:
    base_pt = theme.font_pt()
    with qtbot.waitSignal(theme.changed, timeout=1000):
        theme.set_zoom(2.0)
    assert theme.zoom == 2.0
    assert theme.font_pt() == pytest.approx(2 * base_pt)
    assert theme.font_pt(1.5) == pytest.approx(3 * base_pt)
    assert theme.font(1.5).pointSizeF() == pytest.approx(3 * base_pt, rel=0.01)
    assert theme.font(bold=True).bold()
    assert theme.pen_width() == pytest.approx(2.0)
    assert theme.pen_width(3.0) == pytest.approx(6.0)


@pytest.mark.parametrize(("asked", "got"), [(10.0, MAX_ZOOM), (0.1, MIN_ZOOM), (-1.0, MIN_ZOOM)])
def test_zoom_is_clamped(theme: Theme, asked: float, got: float) -> None:
    theme.set_zoom(asked)
    assert theme.zoom == got
    assert theme.font_pt() == pytest.approx(theme.base_point_size * got)


def test_zoom_steps_walk_and_stop_at_the_ends(theme: Theme, qtbot: QtBot) -> None:
    with qtbot.waitSignal(theme.changed, timeout=1000):
        theme.zoom_in()
    assert theme.zoom == 1.1
    theme.zoom_out()
    theme.zoom_out()
    assert theme.zoom == 0.9
    for _ in range(len(ZOOM_STEPS) + 2):
        theme.zoom_in()
    assert theme.zoom == MAX_ZOOM
    for _ in range(len(ZOOM_STEPS) + 2):
        theme.zoom_out()
    assert theme.zoom == MIN_ZOOM
    with qtbot.waitSignal(theme.changed, timeout=1000):
        theme.reset_zoom()
    assert theme.zoom == 1.0


def test_no_signal_when_nothing_changes(theme: Theme, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(theme.changed):
        theme.set_zoom(1.0)
        theme.reset_zoom()
        theme.set_palette(LIGHT)
    theme.set_zoom(MAX_ZOOM)
    with qtbot.assertNotEmitted(theme.changed):
        theme.zoom_in()  # already at the top


def test_palette_switch_and_colors(theme: Theme, qtbot: QtBot) -> None:
    with qtbot.waitSignal(theme.changed, timeout=1000):
        theme.set_palette(DARK)
    assert theme.palette is DARK
    assert theme.color("background") == QColor(DARK.background)
    assert theme.color("state_colors.failed") == QColor(DARK.state_colors["failed"])
    assert theme.color("state_text_colors.done") == QColor(DARK.state_text_colors["done"])
    assert theme.color("children", alpha=60).alpha() == 60
    with pytest.raises(KeyError):
        theme.color("state_colors")  # a dict, not one colour


def test_apply_to_app_follows_zoom_and_palette(
    theme: Theme, qtbot: QtBot, qapp: QApplication, restore_app_look: None
) -> None:
    theme.apply_to_app(qapp)
    assert qapp.font().pointSizeF() == pytest.approx(theme.font_pt(), rel=0.01)
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(LIGHT.background)

    theme.set_zoom(2.0)
    assert qapp.font().pointSizeF() == pytest.approx(2 * theme.base_point_size, rel=0.01)
    theme.set_palette(DARK)
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(DARK.background)
    assert qapp.palette().color(QPalette.ColorRole.Text) == QColor(DARK.text)
    # The base size stays the startup one, though the app font has changed.
    assert theme.font_pt() == pytest.approx(2 * theme.base_point_size)


def test_get_theme_is_one_shared_instance(qapp: QApplication) -> None:
    assert get_theme() is get_theme()


# -- palettes ------------------------------------------------------------------


def _luminance(hex_color: str) -> float:
    """WCAG relative luminance."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("palette", [LIGHT, DARK, HIGH_CONTRAST], ids=lambda p: p.name)
def test_palette_is_complete_and_well_formed(palette: Palette) -> None:
    assert set(palette.state_colors) == set(STATE_NAMES)
    assert set(palette.state_text_colors) == set(STATE_NAMES)
    assert len(set(palette.cpu_cores)) >= 8  # 8+ distinguishable core colours
    for f in dataclasses.fields(palette):
        if f.name == "name":
            continue
        value = getattr(palette, f.name)
        if isinstance(value, dict):
            colors = list(value.values())
        elif isinstance(value, tuple):
            colors = list(value)
        else:
            colors = [value]
        for color in colors:
            assert HEX.match(color), f"{f.name}: {color!r}"
    with pytest.raises(dataclasses.FrozenInstanceError):
        palette.text = "#123456"  # type: ignore[misc]


@pytest.mark.parametrize("palette", [LIGHT, DARK, HIGH_CONTRAST], ids=lambda p: p.name)
def test_text_stays_readable_on_projector(palette: Palette) -> None:
    """Body text meets WCAG AA (4.5:1) on every row tint and background."""
    for name, tint in palette.state_colors.items():
        assert _contrast(palette.text, tint) >= 4.5, name
    for name in ("background", "surface", "separator_background"):
        assert _contrast(palette.text, getattr(palette, name)) >= 4.5, name
    for name, strong in palette.state_text_colors.items():
        assert _contrast(strong, palette.background) >= 3.0, name  # large/bold text
    # The total curve is the one line the class follows: it must stand out.
    assert _contrast(palette.cpu_total, palette.background) >= 7.0


def test_palette_states_are_the_job_states() -> None:
    from workers.terms import JobState

    assert tuple(state.value for state in JobState) == STATE_NAMES


@pytest.mark.parametrize("palette", [LIGHT, DARK, HIGH_CONTRAST], ids=lambda p: p.name)
def test_stopped_has_its_own_colour_and_reads_at_7_to_1(palette: Palette) -> None:
    """Stopped (ended by Stop) and cancelled (never started) look different,
    and both body text and the state's word on a stopped row reach WCAG AAA."""
    tint = palette.state_colors["stopped"]
    assert _contrast(palette.text, tint) >= 7.0
    assert _contrast(palette.state_text_colors["stopped"], tint) >= 7.0
    others = {state: c for state, c in palette.state_colors.items() if state != "stopped"}
    assert tint not in others.values()
    strong = palette.state_text_colors["stopped"]
    assert strong not in [c for s, c in palette.state_text_colors.items() if s != "stopped"]


def test_palette_rejects_missing_states() -> None:
    with pytest.raises(ValueError, match="state_colors"):
        dataclasses.replace(LIGHT, state_colors={"done": "#FFFFFF"})


def test_core_colors_cycle() -> None:
    n = len(LIGHT.cpu_cores)
    assert LIGHT.core_color(n) == LIGHT.core_color(0)
    assert LIGHT.core_color(1) != LIGHT.core_color(0)


# -- default zoom, chosen and followed schemes -----------------------------------


def test_reset_zoom_returns_to_the_screens_default(theme: Theme, qtbot: QtBot) -> None:
    """Ctrl+0 goes back to the zoom the app chose for the screen (125 % on a
    1080p one), not to 100 %."""
    theme.set_default_zoom(1.25)
    theme.reset_zoom()
    assert theme.zoom == 1.25
    theme.zoom_in()
    theme.zoom_in()
    assert theme.zoom == 1.75
    with qtbot.waitSignal(theme.changed, timeout=1000):
        theme.reset_zoom()
    assert theme.zoom == 1.25
    theme.set_default_zoom(99)
    assert theme.default_zoom == MAX_ZOOM  # clamped like the zoom


def test_zoom_for_font_px_picks_the_smallest_step_that_reaches_it(theme: Theme) -> None:
    zoom = theme.zoom_for_font_px(20)
    assert zoom in ZOOM_STEPS
    theme.set_zoom(zoom)
    assert theme.font_px() >= 20
    smaller = [z for z in ZOOM_STEPS if z < zoom]
    if smaller:
        theme.set_zoom(smaller[-1])
        assert theme.font_px() < 20


def test_the_system_scheme_is_followed_until_one_is_chosen(theme: Theme, qtbot: QtBot) -> None:
    theme.follow_system_scheme()
    assert theme.follows_system_scheme
    # What Qt says when the desktop switches to dark, then back.
    theme._on_system_scheme_changed(Qt.ColorScheme.Dark)
    assert theme.palette is DARK
    theme._on_system_scheme_changed(Qt.ColorScheme.Light)
    assert theme.palette is LIGHT
    with qtbot.waitSignal(theme.changed, timeout=1000):
        theme.choose_palette("contrast")
    assert theme.palette is HIGH_CONTRAST and not theme.follows_system_scheme
    theme._on_system_scheme_changed(Qt.ColorScheme.Dark)
    assert theme.palette is HIGH_CONTRAST  # the choice stands


def test_follow_system_scheme_starts_from_what_the_system_says(
    theme: Theme, qapp: QApplication
) -> None:
    theme.follow_system_scheme()
    scheme = qapp.styleHints().colorScheme()
    expected = {Qt.ColorScheme.Dark: DARK, Qt.ColorScheme.Light: LIGHT}.get(scheme, LIGHT)
    assert theme.palette is expected


@pytest.fixture
def shared_theme(qapp: QApplication) -> Iterator[Theme]:
    """The shared theme, put back as it was afterwards."""
    with theme_kept() as theme:
        yield theme


def test_the_view_menu_switches_the_theme_everywhere(qtbot: QtBot, shared_theme: Theme) -> None:
    """Light, dark and high contrast from the View menu; the table's rows,
    the graph, the console and plain widgets all follow; Ctrl+Shift+T cycles."""
    from gui.main_window import MainWindow
    from gui.results.columns import COL_STATUS
    from tests.gui.events_for_tests import synthetic_run

    window = MainWindow()
    qtbot.addWidget(window)
    try:
        window.resize(1024, 768)
        window.show()
        qtbot.waitExposed(window)
        window.store.apply_events(synthetic_run(1, 3))
        model = window.results_model
        menus = window.menus
        assert set(menus.themes) == set(PALETTES)
        view_menu_texts = [a.text() for a in window.menuBar().actions()]
        assert "&View" in view_menu_texts
        for name, palette in PALETTES.items():
            menus.themes[name].trigger()
            assert shared_theme.palette is palette
            assert menus.themes[name].isChecked()
            bg = model.data(model.index(1, COL_STATUS), Qt.ItemDataRole.BackgroundRole)
            assert bg == QColor(palette.state_colors["done"])
            plot_bg = window.cpu_plot._plot_widget.backgroundBrush().color()
            assert plot_bg == QColor(palette.background)
        # Ctrl+Shift+T: the next one, round the list.
        names = list(PALETTES)
        before = shared_theme.palette.name
        menus.next_theme.trigger()
        assert shared_theme.palette.name == names[(names.index(before) + 1) % len(names)]
        assert not shared_theme.follows_system_scheme
    finally:
        window.shutdown()
        window.close()
