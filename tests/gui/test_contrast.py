"""Every text reaches 7:1 against its own background, in every theme, computed
from the palettes (not eyeballed); states are told apart by more than colour;
disabled buttons look disabled in kind, not only in shade."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from gui.results.results_model import ResultsModel
from gui.session_store import SessionStore
from gui.style.contrast import TEXT_CONTRAST_GOAL, contrast_ratio, lowest, text_pairs
from gui.style.look import button_style_sheet
from gui.style.palette import PALETTES, STATE_NAMES, Palette
from gui.style.theme import Theme
from tests.gui.conftest import theme_kept
from workers.terms import JobState

ALL = list(PALETTES.values())
#: The Okabe-Ito set, as published (Okabe & Ito 2008), black aside.
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


@pytest.mark.parametrize("palette", ALL, ids=lambda p: p.name)
def test_every_text_pair_reaches_7_to_1(palette: Palette) -> None:
    failing = [
        f"{pair.what}: {pair.text} on {pair.background} is {pair.ratio:.2f}:1"
        for pair in text_pairs(palette)
        if pair.ratio < TEXT_CONTRAST_GOAL
    ]
    assert not failing, "\n".join(failing)
    # The pairs cover each kind of text the issue names.
    names = " ".join(pair.what for pair in text_pairs(palette))
    for kind in ("status word", "selected row", "marker label", "legend", "disabled text"):
        assert kind in names, kind


@pytest.mark.parametrize("palette", ALL, ids=lambda p: p.name)
def test_the_qpalette_reaches_7_to_1_in_every_group(qapp: QApplication, palette: Palette) -> None:
    """What plain widgets draw: each text role on its background role, in the
    active, inactive and disabled groups."""
    theme = Theme(palette)
    qp = theme.qpalette()
    r = QPalette.ColorRole
    pairs = [
        (r.WindowText, r.Window),
        (r.Text, r.Base),
        (r.Text, r.AlternateBase),
        (r.ButtonText, r.Button),
        (r.HighlightedText, r.Highlight),
        (r.ToolTipText, r.ToolTipBase),
        (r.PlaceholderText, r.Base),
        (r.Link, r.Base),
        (r.BrightText, r.Base),
    ]
    groups = (
        QPalette.ColorGroup.Active,
        QPalette.ColorGroup.Inactive,
        QPalette.ColorGroup.Disabled,
    )
    failing = []
    for group in groups:
        for text, background in pairs:
            fg, bg = qp.color(group, text).name(), qp.color(group, background).name()
            if contrast_ratio(fg, bg) < TEXT_CONTRAST_GOAL:
                failing.append(f"{group.name} {text.name} {fg} on {background.name} {bg}")
    assert not failing, failing


@pytest.mark.parametrize("palette", ALL, ids=lambda p: p.name)
def test_the_table_draws_the_checked_pairs(qapp: QApplication, palette: Palette) -> None:
    """The model hands out exactly the colours the pairs above were checked for."""
    from gui.results.columns import COL_NAME, COL_STATUS
    from tests.gui.events_for_tests import cancelled, done, killed, started, stopped, submitted

    theme = Theme(palette)
    store = SessionStore()
    model = ResultsModel(store, theme=theme)
    store.apply_events([started(1, 5), *(submitted(1, j) for j in range(5))])
    store.apply_events([done(1, 0), killed(1, 1), stopped(1, 2), cancelled(1, 3)])
    seen = set()
    for row in range(model.rowCount()):
        job = model.job_at(row)
        if job is None:
            continue
        bg = model.data(model.index(row, COL_STATUS), Qt.ItemDataRole.BackgroundRole)
        word = model.data(model.index(row, COL_STATUS), Qt.ItemDataRole.ForegroundRole)
        text = model.data(model.index(row, COL_NAME), Qt.ItemDataRole.ForegroundRole)
        assert contrast_ratio(word.name(), bg.name()) >= TEXT_CONTRAST_GOAL, job.state
        assert contrast_ratio(text.name(), bg.name()) >= TEXT_CONTRAST_GOAL, job.state
        seen.add(job.state)
    assert seen == {
        JobState.DONE,
        JobState.KILLED,
        JobState.STOPPED,
        JobState.CANCELLED,
        JobState.PENDING,
    }


def test_lowest_pairs_are_reported(qapp: QApplication) -> None:
    """The figures the report quotes: each theme's weakest text pair."""
    lows = {name: round(lowest(p).ratio, 2) for name, p in PALETTES.items()}
    assert all(ratio >= TEXT_CONTRAST_GOAL for ratio in lows.values()), lows
    assert lows["contrast"] >= 10.0  # the high-contrast theme goes well beyond


@pytest.mark.parametrize("palette", ALL, ids=lambda p: p.name)
def test_states_stay_apart_and_follow_okabe_ito(palette: Palette) -> None:
    # Each state has its own tint and its own word colour (and its own word).
    assert len(set(palette.state_colors.values())) == len(STATE_NAMES)
    assert len(set(palette.state_text_colors.values())) == len(STATE_NAMES)
    # The curves' first six colours are Okabe-Ito's.
    cores = [c.upper() for c in palette.cpu_cores[:6]]
    assert set(cores) <= OKABE_ITO, cores


def test_the_legend_writes_its_words_in_the_text_colour(qapp: QApplication) -> None:
    """Colour is carried by symbols (■ ━━); the words and the core numbers
    are in the text colour, which reaches 7:1."""
    from gui.plots.cpu_plot import CpuPlot

    for palette in ALL:
        plot = CpuPlot(theme=Theme(palette), cores=4)
        legend = plot._legend.text()  # the label the class reads
        for colour, inner in re.findall(r"color:\s*(#[0-9a-fA-F]{6})[^>]*>([^<]*)<", legend):
            if colour.lower() != palette.text.lower():
                assert set(inner) <= {"■", "━"}, (palette.name, colour, inner)
        plot.deleteLater()


def _grab(button: QPushButton) -> QImage:
    """The button as drawn over its parent (which shows through where it is not filled)."""
    return button.parentWidget().grab(button.geometry()).toImage()


def _top_edge(image: QImage, row: int) -> list[str]:
    """The colours along one row of pixels, away from the rounded corners."""
    width = image.width()
    return [image.pixelColor(x, row).name() for x in range(width // 5, width - width // 5)]


@pytest.mark.parametrize("palette", ALL, ids=lambda p: p.name)
def test_disabled_buttons_differ_in_kind(qtbot: QtBot, palette: Palette) -> None:
    """Enabled: a fill and a solid outline. Disabled: no fill, a dashed
    outline, text still at 7:1."""
    theme = Theme(palette)
    box = QWidget()
    qtbot.addWidget(box)
    box.setStyleSheet(button_style_sheet(theme))  # on this box only: no app-wide leak
    box.setPalette(theme.qpalette())
    box.setAutoFillBackground(True)
    layout = QVBoxLayout(box)
    enabled, disabled = QPushButton("Start pool", box), QPushButton("Start pool", box)
    disabled.setEnabled(False)
    layout.addWidget(enabled)
    layout.addWidget(disabled)
    box.show()
    qtbot.waitExposed(box)
    on, off = _grab(enabled), _grab(disabled)
    assert on.size() == off.size()  # the same size: nothing jumps when a run starts
    border = max(2, round(theme.pen_width(1.5)))
    edge_on, edge_off = _top_edge(on, border // 2), _top_edge(off, border // 2)
    assert len(set(edge_on)) == 1  # solid
    assert len(set(edge_off)) >= 2  # dashed: outline and gaps
    assert QColor(palette.background).name() in edge_off  # the window shows through the gaps
    middle_on = on.pixelColor(4 * border, on.height() // 2).name()
    middle_off = off.pixelColor(4 * border, off.height() // 2).name()
    assert middle_on == QColor(palette.surface).name()  # filled
    assert middle_off == QColor(palette.background).name()  # not filled


def test_the_windows_buttons_wear_the_look(qtbot: QtBot) -> None:
    """Every push button of the window, the presentation bar's included, has
    the look; Stop, disabled before any run, is dashed."""
    from gui import MainWindow
    from gui.style.theme import get_theme

    window = MainWindow()
    qtbot.addWidget(window)
    try:
        window.menus.presentation_mode.bar  # noqa: B018 - made on first use
        sheet = button_style_sheet(get_theme())
        buttons = window.findChildren(QPushButton)
        assert len(buttons) > 10
        assert [b.objectName() for b in buttons if b.styleSheet() != sheet] == []
        stop = window.run_controls.stop_button
        assert not stop.isEnabled() and "dashed" in stop.styleSheet()
        with theme_kept() as theme:  # and they follow the theme: larger at a larger zoom
            theme.zoom_in()
            zoomed = button_style_sheet(theme)
            assert zoomed != sheet
            assert [b.objectName() for b in buttons if b.styleSheet() != zoomed] == []
    finally:
        window.shutdown()
        window.close()
