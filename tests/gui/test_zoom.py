"""Zoom from the keyboard reaches every font, line and marker of the window,
Ctrl+0 goes back to the screen's default, and the console and the table go
on showing their newest line across zooms."""

from __future__ import annotations

from collections.abc import Iterator

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from gui import MainWindow
from gui.plots.run_spans import show_run
from gui.results.columns import COL_NAME
from gui.style.theme import Theme
from tests.gui.conftest import theme_kept
from tests.gui.events_for_tests import synthetic_run

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def theme(qapp: QApplication) -> Iterator[Theme]:
    """The shared theme at a 1080p screen's default (125 %), put back afterwards."""
    with theme_kept(1.25) as theme:
        yield theme


@pytest.fixture
def window(theme: Theme, window: MainWindow) -> MainWindow:
    """The shared window fixture's, made once the theme is set."""
    return window


def _press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """A key as the teacher presses it: through the window's shortcuts."""
    qtbot.keyClick(window.results_view, key, CTRL)


def _font_px(widget: QWidget) -> int:
    return QFontInfo(widget.font()).pixelSize()


def _own_widgets(window: MainWindow) -> list[QWidget]:
    """The window's widgets that show text, without Qt's own helpers (scroll
    area viewports, the table's corner button), the hidden F1 overlay (at
    least 28 px at any zoom: tests/gui/test_shortcuts.py) and the menus'
    popups (separate windows, which take the application's font: the app
    sets it from the zoom, tests/gui/test_theme.py)."""
    overlay = window.findChild(QWidget, "helpOverlay")  # made on the first F1
    return [
        w
        for w in window.findChildren(QWidget)
        if not w.objectName().startswith("qt_")
        and (overlay is None or (w is not overlay and not overlay.isAncestorOf(w)))
        and not isinstance(w, QMenu)
        and type(w).__name__ not in ("QWidget", "QSplitterHandle", "QFrame")
    ]


def _plot_sizes(window: MainWindow) -> dict[str, float]:
    """Every font and line of the CPU graph: axes, curves, grid, run badges."""
    plot = window.cpu_plot
    graph = plot.findChild(pg.PlotWidget, "cpuPlotGraph")
    item = graph.getPlotItem()
    sizes: dict[str, float] = {}
    for name in ("left", "bottom", "right"):
        axis = item.getAxis(name)
        sizes[f"{name} ticks px"] = QFontInfo(axis.style["tickFont"]).pixelSize()
        sizes[f"{name} tick length"] = axis.style["tickLength"]
        sizes[f"{name} axis pen"] = axis.pen().widthF()
    curves = [i for i in item.items if isinstance(i, pg.PlotCurveItem)]
    for k, curve in enumerate(curves):
        sizes[f"curve {k} pen"] = curve.opts["pen"].widthF()
    # The run's badge above the plot (shown wherever the run is in time).
    show_run(plot.live, plot.marks.marks()[0])
    badges = plot.badges()
    assert badges, "the run's badge is on the graph"
    for k, (_number, rect) in enumerate(badges):
        sizes[f"badge {k} height"] = rect.height()
        sizes[f"badge {k} width"] = rect.width()
    return sizes


def test_zoom_keys_reach_every_font_line_and_marker(
    qtbot: QtBot, window: MainWindow, theme: Theme
) -> None:
    window.store.apply_events(synthetic_run(1, 30))  # rows, console lines and markers
    table = window.results_view
    before_fonts = {w: _font_px(w) for w in _own_widgets(window)}
    before_plot = _plot_sizes(window)
    before_row = table.verticalHeader().defaultSectionSize()

    with qtbot.waitSignal(theme.changed, timeout=1000):
        _press(qtbot, window, Qt.Key.Key_Equal)  # Ctrl+=
    assert theme.zoom == 1.5

    not_grown = [
        f"{type(w).__name__} {w.objectName()!r}: {px} -> {_font_px(w)} px"
        for w, px in before_fonts.items()
        if _font_px(w) <= px
    ]
    assert not not_grown, not_grown
    after_plot = _plot_sizes(window)
    assert [k for k in before_plot if after_plot[k] <= before_plot[k]] == []
    assert table.verticalHeader().defaultSectionSize() > before_row

    # Ctrl+- and Ctrl+0: back to this screen's default (125 %), not to 100 %.
    _press(qtbot, window, Qt.Key.Key_Minus)
    assert theme.zoom == 1.25
    _press(qtbot, window, Qt.Key.Key_Equal)
    _press(qtbot, window, Qt.Key.Key_Equal)
    assert theme.zoom == 1.75
    _press(qtbot, window, Qt.Key.Key_0)
    assert theme.zoom == theme.default_zoom == 1.25
    assert {w: _font_px(w) for w in before_fonts} == before_fonts
    assert _plot_sizes(window) == before_plot


def _at_bottom(widget: QWidget) -> bool:
    bar = widget.verticalScrollBar()
    return bar.maximum() > 0 and bar.value() == bar.maximum()


def test_console_and_table_follow_the_newest_line_across_zooms(
    qtbot: QtBot, window: MainWindow, theme: Theme
) -> None:
    table, log = window.results_view, window.log_view
    window.store.apply_events(synthetic_run(1, 120))
    qtbot.waitUntil(lambda: _at_bottom(table) and _at_bottom(log), timeout=5000)
    for key in (Qt.Key.Key_Equal, Qt.Key.Key_Equal, Qt.Key.Key_Minus, Qt.Key.Key_0):
        _press(qtbot, window, key)
        QApplication.processEvents()
        assert _at_bottom(table), theme.zoom
        assert _at_bottom(log), theme.zoom
    # The newest row itself is in view, not only the scroll bar at its end.
    last = window.results_model.rowCount() - 1
    rect = table.visualRect(window.results_model.index(last, COL_NAME))
    assert table.viewport().rect().contains(rect.center())
    # And the next run's lines still arrive at the bottom.
    window.store.apply_events(synthetic_run(2, 40))
    qtbot.waitUntil(lambda: _at_bottom(table) and _at_bottom(log), timeout=5000)


def test_a_view_scrolled_up_stays_where_it_is_across_zooms(
    qtbot: QtBot, window: MainWindow, theme: Theme
) -> None:
    table, log = window.results_view, window.log_view
    window.store.apply_events(synthetic_run(1, 120))
    qtbot.waitUntil(lambda: _at_bottom(table) and _at_bottom(log), timeout=5000)
    QApplication.processEvents()  # the table's deferred follow, before anyone scrolls
    table.verticalScrollBar().setValue(3)  # someone scrolls up to read
    log.verticalScrollBar().setValue(3)
    _press(qtbot, window, Qt.Key.Key_Equal)
    QApplication.processEvents()
    assert not table.is_following() and not log.is_following()
    assert table.verticalScrollBar().value() == 3
    assert log.verticalScrollBar().value() == 3


def test_the_cpu_graph_never_covers_its_legend_at_1024x768(
    qtbot: QtBot, theme: Theme, window: MainWindow
) -> None:
    """Zoomed, the legend wraps onto more lines, and the graph gives way to
    it. (At 150 % the rows under the graphs wrap too, and the window's
    other rows leave the graphs too little room at this size: presentation
    mode, which folds them, is for that.)"""
    window.resize(1024, 768)
    assert window.cpu_plot is not None
    graph = window.cpu_plot.findChild(QWidget, "cpuPlotGraph")
    legend = window.cpu_plot.findChild(QLabel, "cpuPlotLegend")
    for zoom in (1.0, 1.25):
        theme.set_zoom(zoom)

        def whole_and_uncovered() -> bool:
            return (
                legend.height() >= legend.heightForWidth(legend.width())
                and legend.y() >= graph.y() + graph.height()
            )

        qtbot.waitUntil(whole_and_uncovered, timeout=3000)
