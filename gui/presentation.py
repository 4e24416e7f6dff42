"""Presentation mode (F11): the window full screen, for a projector.

A class sits metres from the screen, often a 1024x768 one. In presentation
mode the window fills the screen and the zoom grows until body text is at
least :data:`BODY_FONT_PX` pixels high. The two experiments' panels, the
menu bar, the status bar and the row under the table fold away: a compact
bar along the top keeps what a lesson needs mid-run (the process count,
Start processes, the workers count, Start pool and Stop), and its menu
button opens the panels again as a drawer on the left, shows the console,
switches the theme or leaves. The CPU graph and the results table share
the height: the graph's plot at least :data:`GRAPH_MIN_PX` high, the table
at least :data:`TABLE_MIN_ROWS` rows; the tabs under them (the console) get
what is left, or fold away when that is too little to be of use. Esc (or
F11 again) gives everything back as it was, zoom included.

The bar's controls stand in for the panels' own (:mod:`gui.presentation_bar`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from gui.style.theme import get_theme

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from gui.main_window import MainWindow
    from gui.presentation_bar import PresentationBar

#: Body text at least this many pixels high (capitals about 14 px): readable
#: from the back of a classroom on a 1024x768 projector.
BODY_FONT_PX = 20
#: The CPU graph's plot area at least this high, in pixels.
GRAPH_MIN_PX = 200
#: Rows of the results table that stay in view.
TABLE_MIN_ROWS = 10
#: The tabs under the table (the console) fold away below this height.
TABS_MIN_PX = 90


@dataclass
class _Saved:
    """What presentation mode changed, to give back on leaving."""

    state: Qt.WindowState
    zoom: float
    default_zoom: float
    splitter_sizes: list[int]
    shown: dict[QWidget, bool]


class PresentationMode(QObject):
    """Enters and leaves presentation mode for ``window`` (see the module docstring)."""

    toggled = Signal(bool)

    def __init__(self, window: MainWindow, theme_actions: Sequence[QAction] = ()) -> None:
        super().__init__(window)
        self.setObjectName("presentationMode")
        self._window = window
        self._theme_actions = list(theme_actions)  # for the bar's Theme menu
        self._bar: PresentationBar | None = None  # made when first needed
        self._saved: _Saved | None = None
        self._console_wanted: bool | None = None  # None: shown when there is room
        # Shared out again once the window has its full-screen size, and when
        # a zoom changes the rows' height.
        self._share_timer = QTimer(self)
        self._share_timer.setSingleShot(True)
        self._share_timer.setInterval(0)
        self._share_timer.timeout.connect(self.share_out)
        window.right_splitter.installEventFilter(self)
        get_theme().changed.connect(self._on_theme_changed)

    @property
    def bar(self) -> PresentationBar:
        """The compact bar; made on first use, not to slow the window's first paint."""
        if self._bar is None:
            from gui.presentation_bar import PresentationBar  # only when presenting

            bar = self._bar = PresentationBar(self._window)
            self._window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
            bar.hide()
            bar.theme_menu.addActions(self._theme_actions)  # the menu bar is hidden here
            bar.controls_action.toggled.connect(self.show_controls)
            bar.console_action.toggled.connect(self._on_console_action_toggled)
            bar.leave_action.triggered.connect(self.leave)
        return self._bar

    def is_active(self) -> bool:
        return self._saved is not None

    @Slot(bool)
    def set_active(self, active: bool) -> None:
        if active:
            self.enter()
        else:
            self.leave()

    @Slot()
    def toggle(self) -> None:
        self.set_active(not self.is_active())

    def _left(self) -> QWidget:
        return self._window.main_splitter.widget(0)

    def _folded(self) -> list[QWidget]:
        """What presentation mode hides: the menu bar, the panels, the row
        under the table (its Stop is on the bar), the status bar, and the
        timeline with its controls and key (no room for them at 1024x768
        beside a graph GRAPH_MIN_PX high and TABLE_MIN_ROWS rows)."""
        window = self._window
        folded = [window.menuBar(), self._left(), window.run_controls, window.statusBar()]
        if window.graphs is not None:
            folded += window.graphs.folded_when_presenting()
        return folded

    @Slot()
    def enter(self, full_screen: bool = True) -> None:
        """Full screen, zoomed, the controls folded into the bar."""
        if self.is_active():
            return
        window, theme = self._window, get_theme()
        folded = self._folded()
        self._saved = _Saved(
            state=window.windowState(),
            zoom=theme.zoom,
            default_zoom=theme.default_zoom,
            splitter_sizes=window.right_splitter.sizes(),
            shown={w: not w.isHidden() for w in [*folded, window.bottom_tabs]},
        )
        for widget in folded:
            widget.hide()
        self.bar.controls_action.setChecked(False)
        self._console_wanted = None
        self.bar.show()
        zoom = max(theme.default_zoom, theme.zoom_for_font_px(BODY_FONT_PX))
        theme.set_default_zoom(zoom)  # Ctrl+0 comes back here while presenting
        theme.set_zoom(zoom)
        if full_screen:
            window.showFullScreen()
        self._share_timer.start()
        self.toggled.emit(True)

    @Slot()
    def leave(self) -> None:
        """Everything back as it was before :meth:`enter`."""
        saved = self._saved
        if saved is None:
            return
        self._saved = None
        window, theme = self._window, get_theme()
        self.bar.hide()  # made by enter() already
        for widget, shown in saved.shown.items():
            widget.setVisible(shown)
        theme.set_default_zoom(saved.default_zoom)
        theme.set_zoom(saved.zoom)
        if window.isFullScreen():
            window.setWindowState(saved.state & ~Qt.WindowState.WindowFullScreen)
        window.right_splitter.setSizes(saved.splitter_sizes)
        self.toggled.emit(False)

    @Slot(bool)
    def show_controls(self, shown: bool) -> None:
        """Open or close the drawer with both experiments' panels."""
        if self.is_active():
            self._left().setVisible(shown)
            if self.bar.controls_action.isChecked() != shown:
                self.bar.controls_action.setChecked(shown)

    @Slot(bool)
    def show_console(self, shown: bool) -> None:
        """Show or hide the tabs under the table (the console first)."""
        if self.is_active():
            self._console_wanted = shown
            self.share_out()

    @Slot(bool)
    def _on_console_action_toggled(self, checked: bool) -> None:
        if checked != self._window.bottom_tabs.isVisible():
            self.show_console(checked)

    # -- sharing out the height -------------------------------------------

    def table_height_for_rows(self, rows: int) -> int:
        """Height the results table needs to show ``rows`` rows whole."""
        view = self._window.results_view
        frame = 2 * view.frameWidth()
        bar = view.horizontalScrollBar()
        extra = bar.sizeHint().height() if bar.isVisible() else 0
        row = view.verticalHeader().defaultSectionSize()
        return view.horizontalHeader().sizeHint().height() + rows * row + frame + extra + 1

    def plot_area_height(self) -> int | None:
        """Height of the CPU graph's plot area (its axes and legend aside),
        or None while the graph is loading."""
        plot = self._window.cpu_plot  # the timeline shares its place, below it
        if plot is None:
            return None
        return round(plot.plot_item().getViewBox().height())

    def graph_height(self) -> int:
        """Height of the graph's widget with its plot area GRAPH_MIN_PX high."""
        graph = self._window.right_splitter.widget(0)
        plot = self.plot_area_height()
        if plot is not None and graph.height() > plot:
            # The axes and the legend take what the widget has beyond its plot.
            return GRAPH_MIN_PX + graph.height() - plot
        return GRAPH_MIN_PX + get_theme().font_px() * 5

    @Slot()
    def share_out(self) -> None:
        """Give the graph and the table what they need; the tabs (the
        console) what is left, if that is enough to be of use."""
        if not self.is_active():
            return
        window = self._window
        splitter = window.right_splitter
        tabs = window.bottom_tabs
        handle = splitter.handleWidth()
        total = splitter.height() - handle * (splitter.count() - 1)
        table = self.table_height_for_rows(TABLE_MIN_ROWS)
        graph = self.graph_height()
        spare = total - table - graph
        show_tabs = self._console_wanted
        if show_tabs is None:
            show_tabs = spare >= TABS_MIN_PX
        tabs.setVisible(show_tabs)
        if self.bar.console_action.isChecked() != show_tabs:
            self.bar.console_action.setChecked(show_tabs)
        if show_tabs:
            tabs_height = max(TABS_MIN_PX, spare // 3)
        else:
            tabs_height = 0
            spare += handle  # the hidden tabs' handle goes too
        spare -= tabs_height
        if spare >= 0:
            # Room to spare: the graph and the table both grow.
            sizes = [graph + spare // 2, table + spare - spare // 2]
        else:
            # Too little (a high zoom, or the console asked for): as they need.
            room = max(0, total - tabs_height)
            sizes = [room * graph // (graph + table), room * table // (graph + table)]
        splitter.setSizes([*sizes, tabs_height])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.is_active():
            self._share_timer.start()
        return False

    @Slot()
    def _on_theme_changed(self) -> None:
        if self.is_active():
            self._share_timer.start()
