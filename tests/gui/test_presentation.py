"""Presentation mode at 1024x768: the sizes the issue asks for, read from the
widgets (fonts, rows, the graph's height), the compact bar standing in for
the panels, the answers' columns, and everything given back on leaving.

The offscreen platform's screen is 800x800, so the geometry tests size the
window to 1024x768 themselves, as a 1024x768 projector's full screen would.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QFontMetrics, QFontMetricsF
from PySide6.QtWidgets import QApplication, QLabel, QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from gui import MainWindow
from gui.plots.cpu_plot import CpuPlot
from gui.presentation import BODY_FONT_PX, GRAPH_MIN_PX, TABLE_MIN_ROWS, PresentationMode
from gui.results.columns import (
    COL_BYTES,
    COL_NAME,
    COL_SQUARE,
    COL_STATUS,
    COL_WORKER,
)
from gui.results.url_elide import elide_url, split_url
from gui.style.theme import Theme
from tests.gui.conftest import theme_kept
from tests.gui.events_for_tests import done, started, submitted, synthetic_run
from workers.terms import Experiment

SIZE = (1024, 768)
LONG_URL = "http://127.0.0.1:40000/pages/a/rather/long/path/to/the/page/10m"


@pytest.fixture
def theme(qapp: QApplication) -> Iterator[Theme]:
    """The shared theme, at 100 % as on a 768-line screen, put back afterwards."""
    with theme_kept(1.0) as theme:
        yield theme


@pytest.fixture
def window(theme: Theme, window: MainWindow) -> MainWindow:
    """The shared window fixture's, made once the theme is set."""
    return window


def _mode(window: MainWindow) -> PresentationMode:
    return window.menus.presentation_mode


def _present_at_1024x768(qtbot: QtBot, window: MainWindow) -> PresentationMode:
    mode = _mode(window)
    mode.enter(full_screen=False)
    window.setGeometry(0, 0, *SIZE)
    qtbot.waitUntil(lambda: window.size().toTuple() == SIZE, timeout=5000)
    # The layout settles, then the mode shares out the height (a zero timer):
    # both the graph and the table have their room only once it has.
    qtbot.waitUntil(
        lambda: _plot_area(window) >= GRAPH_MIN_PX and _table_rows(window) >= TABLE_MIN_ROWS,
        timeout=5000,
    )
    return mode


def _table_rows(window: MainWindow) -> float:
    table = window.results_view
    return table.viewport().height() / table.verticalHeader().defaultSectionSize()


def _fill_table(window: MainWindow) -> None:
    """A named run and a pool run, as the lesson has them."""
    window.store.apply_events(synthetic_run(1, 40))
    pool = [started(2, 3, Experiment.POOL, workers=5)]
    urls = [LONG_URL, "http://127.0.0.1:40000/pages/1k", "https://www.google.com/"]
    pool += [submitted(2, j, url) for j, url in enumerate(urls)]
    pool += [
        done(2, j, label=url, status=200, nbytes=1024 * (j + 1), n=None, result=None)
        for j, url in enumerate(urls)
    ]
    window.store.apply_events(pool)


def _plot_area(window: MainWindow) -> int:
    return _mode(window).plot_area_height() or 0


def _caps(widget: QWidget) -> float:
    return QFontMetricsF(widget.font()).capHeight()


def test_presentation_at_1024x768_is_readable_from_the_back(
    qtbot: QtBot, window: MainWindow, theme: Theme
) -> None:
    _fill_table(window)
    _present_at_1024x768(qtbot, window)
    table, bar = window.results_view, _mode(window).bar

    # Body and table text: at least 20 px, capitals at least 14 px.
    for widget in (table, bar.start_processes_button, bar.processes_spin, window.log_view):
        assert QFontInfo(widget.font()).pixelSize() >= BODY_FONT_PX, widget.objectName()
        assert _caps(widget) >= 14, widget.objectName()
    labels = [w for w in bar.findChildren(QLabel) if w.text()]
    assert labels and all(QFontInfo(w.font()).pixelSize() >= BODY_FONT_PX for w in labels)
    # Graph ticks: capitals at least 12 px, on every axis.
    plot = window.findChild(CpuPlot, "cpuPlot")
    item = plot._plot_widget.getPlotItem()
    for name in ("left", "bottom", "right"):
        tick_font = item.getAxis(name).style["tickFont"]
        assert QFontMetricsF(tick_font).capHeight() >= 12, name

    # At least ten rows and a graph at least 200 px high, together.
    rows = table.viewport().height() / table.verticalHeader().defaultSectionSize()
    assert rows >= TABLE_MIN_ROWS, rows
    assert _plot_area(window) >= GRAPH_MIN_PX

    # The bar fits the width, and the panels, menus and status bar made room.
    assert bar.isVisible() and bar.sizeHint().width() <= SIZE[0]
    for widget in (bar.start_processes_button, bar.start_pool_button, bar.stop_button):
        assert widget.isVisible()
        corner = widget.mapTo(window, widget.rect().bottomRight())
        assert window.rect().contains(corner), widget.objectName()
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert not window.named_panel.isVisible() and not window.run_controls.isVisible()

    # The answers' columns stay: name or URL, PID, n² and bytes, status.
    header = table.horizontalHeader()
    for column in (COL_NAME, COL_WORKER, COL_SQUARE, COL_BYTES, COL_STATUS):
        assert not header.isSectionHidden(column), column
    assert header.length() <= table.viewport().width()


def test_a_long_url_is_cut_at_the_start_of_its_path(qtbot: QtBot, window: MainWindow) -> None:
    _fill_table(window)
    _present_at_1024x768(qtbot, window)
    table, model = window.results_view, window.results_model
    row = next(r for r in range(model.rowCount()) if (j := model.job_at(r)) and j.label == LONG_URL)
    index = model.index(row, COL_NAME)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.rect = table.visualRect(index)
    option.font = table.font()
    option.fontMetrics = table.fontMetrics()
    shown = table.itemDelegate().shown_text(option, index)
    assert shown != LONG_URL  # too long for the column at this zoom
    assert shown.startswith("http://127.0.0.1:40000/…/")  # the host whole
    assert shown.endswith("/10m")  # and the page
    assert table.fontMetrics().horizontalAdvance(shown) <= option.rect.width()


def test_the_bar_stands_in_for_the_panels(qtbot: QtBot, window: MainWindow) -> None:
    mode = _present_at_1024x768(qtbot, window)
    bar = mode.bar
    # The counts go both ways.
    bar.processes_spin.setValue(3)
    assert window.named_panel.process_count_spin.value() == 3
    window.pool_panel.max_workers_spin.setValue(7)
    assert bar.workers_spin.value() == 7
    # Start from the bar; while the run goes, Start looks as disabled as it is.
    window.named_panel.sleep_min_spin.setValue(0.5)
    window.named_panel.sleep_max_spin.setValue(0.5)
    assert bar.start_processes_button.isEnabled() and not bar.stop_button.isEnabled()
    with qtbot.waitSignal(window.named_bridge.run_finished, timeout=60_000):
        qtbot.mouseClick(bar.start_processes_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not bar.start_processes_button.isEnabled(), timeout=10_000)
        assert bar.stop_button.isEnabled()
    qtbot.waitUntil(bar.start_processes_button.isEnabled, timeout=10_000)
    assert window.results_model.job_count() == 3
    # The drawer: every setting, on the left, and back.
    bar.controls_action.trigger()
    assert window.named_panel.isVisible() and window.pool_panel.isVisible()
    bar.controls_action.trigger()
    assert not window.named_panel.isVisible()


def test_entering_goes_full_screen_and_leaving_gives_everything_back(
    qtbot: QtBot, window: MainWindow, theme: Theme
) -> None:
    mode = _mode(window)
    sizes_before = window.right_splitter.sizes()
    window.menus.presentation.trigger()  # View → Presentation (F11)
    assert mode.is_active()
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    assert window.menus.presentation.isChecked() and window.menus.leave_presentation.isEnabled()
    assert QFontInfo(window.results_view.font()).pixelSize() >= BODY_FONT_PX
    # Ctrl+0 while presenting: back to the presentation's own default.
    presenting = theme.zoom
    theme.zoom_in()
    theme.reset_zoom()
    assert theme.zoom == presenting == theme.default_zoom

    window.menus.leave_presentation.trigger()  # Esc
    assert not mode.is_active() and not window.menus.presentation.isChecked()
    assert not window.windowState() & Qt.WindowState.WindowFullScreen
    assert theme.zoom == theme.default_zoom == 1.0
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert window.named_panel.isVisible() and window.run_controls.isVisible()
    assert window.bottom_tabs.isVisible() and not mode.bar.isVisible()
    assert window.right_splitter.sizes() == sizes_before


def test_the_console_folds_away_when_there_is_no_room_and_comes_back_on_request(
    qtbot: QtBot, window: MainWindow
) -> None:
    mode = _present_at_1024x768(qtbot, window)
    assert not window.bottom_tabs.isVisible()  # 768 lines: the graph and the table first
    mode.bar.console_action.trigger()
    assert window.bottom_tabs.isVisible()
    mode.bar.console_action.trigger()
    assert not window.bottom_tabs.isVisible()


def test_elide_url_keeps_the_host_whole(qapp: QApplication) -> None:
    metrics = QFontMetrics(qapp.font())
    url = "https://www.example.org/pages/a/long/way/down/10m?x=1"

    def cut(pixels: int) -> str:
        text = elide_url(url, metrics, pixels)
        assert metrics.horizontalAdvance(text) <= pixels or text.endswith("…")
        return text

    assert cut(10_000) == url  # room enough: as it is
    width = metrics.horizontalAdvance
    text = cut(width("https://www.example.org/…/10m?x=1") + 2)
    assert text == "https://www.example.org/…/10m?x=1"  # whole segments after the host
    text = cut(width("www.example.org/…/10m?x=1") + 2)
    assert text == "www.example.org/…/10m?x=1"  # the scheme goes before the page does
    text = cut(width("https://www.example.org/") + width("…x=1") + 1)
    assert "www.example.org/…" in text and text.endswith("x=1")
    assert cut(width("www.example.org/…") + 1) == "www.example.org/…"
    assert "www.example.org" not in cut(width("www.exa"))  # only a host too wide is cut
    assert elide_url("1234567890" * 5, metrics, width("12345")).endswith("…")  # not a URL
    assert split_url("http://h:80/p?q") == ("http://", "h:80", "/p?q")
    assert split_url("17") == ("", "", "17")


@pytest.mark.parametrize("zoom", [1.0, 1.75, 2.5, 3.0])
def test_the_answers_columns_stay_at_any_zoom(
    qtbot: QtBot, window: MainWindow, theme: Theme, zoom: float
) -> None:
    """Name, worker, n², bytes and status stay at every zoom; the others go first."""
    _fill_table(window)
    theme.set_zoom(zoom)
    header = window.results_view.horizontalHeader()
    essential = (COL_NAME, COL_WORKER, COL_SQUARE, COL_BYTES, COL_STATUS)
    assert [c for c in essential if header.isSectionHidden(c)] == []
    hidden = {c for c in range(header.count()) if header.isSectionHidden(c)}
    if zoom >= 1.75:
        assert hidden  # something had to go, and it was not an answer


def test_thread_workers_get_room_for_their_names(qtbot: QtBot, window: MainWindow) -> None:
    view = window.results_view
    window.store.apply_events(synthetic_run(1, 3))
    pid_width = view.columnWidth(COL_WORKER)
    pool = [
        started(2, 1, Experiment.POOL, executor="thread", workers=2),
        submitted(2, 0, "http://x/"),
    ]
    window.store.apply_events(pool)
    assert view.columnWidth(COL_WORKER) > pid_width  # "ThreadPoolExecutor-0_0", not a PID
