"""Where everything sits in the window: both experiments' controls on the
left, scrolling rather than clipping; the CPU graph above the results table
above a row of tabs (the console first) on the right, in a splitter; Stop
and the progress bar under them. Views that are not always needed open as
another tab in :attr:`MainWindow.bottom_tabs` (:func:`add_bottom_tab`).

:func:`setup_ui` makes the widgets as attributes of the window (as Qt
Designer's ``setupUi`` does) and lays them out; the window wires them up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QScrollArea,
    QSplitter,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.panels.feedback import ErrorLabel, StateCountsLabel
from gui.panels.log_view import LogView
from gui.panels.named_panel import NamedPanel
from gui.panels.pool_panel import PoolPanel
from gui.panels.run_controls import RunControls
from gui.panels.url_list import LESSON_URLS
from gui.plots.plot_placeholder import PlotPlaceholder
from gui.results.results_model import ResultsModel
from gui.results.results_view import ResultsView

if TYPE_CHECKING:
    from gui.main_window import MainWindow

#: Relative heights of the graphs (the CPU graph above the timeline), the
#: table and the console.
RIGHT_SPLITTER_SHARES = (50, 33, 17)


def setup_ui(window: MainWindow) -> None:
    """Make the window's widgets (reading ``window.store``) and lay them out."""
    window.named_panel = NamedPanel(window)
    window.pool_panel = PoolPanel(LESSON_URLS, window)
    window.error_label = ErrorLabel(window)
    window.plot_placeholder = PlotPlaceholder(window)
    window.results_model = ResultsModel(window.store, window)
    window.results_view = ResultsView(window.results_model, window)
    window.log_view = LogView(window.store, window)
    window.bottom_tabs = QTabWidget(window)
    window.bottom_tabs.setObjectName("bottomTabs")
    window.bottom_tabs.setDocumentMode(True)
    add_bottom_tab(
        window, window.log_view, lambda: QCoreApplication.translate("MainWindow", "Console")
    )
    window.run_controls = RunControls(window)
    window.status_counts_label = StateCountsLabel(window)
    window.statusBar().addPermanentWidget(window.status_counts_label)
    window.setCentralWidget(_build_layout(window))


def _build_layout(window: MainWindow) -> QWidget:
    # Left: the controls, scrolling rather than clipping when the screen
    # is small or the zoom is large.
    controls = QWidget()
    controls_layout = QVBoxLayout(controls)
    controls_layout.addWidget(window.named_panel)
    controls_layout.addWidget(window.pool_panel, 1)
    scroll = window.controls_scroll = QScrollArea()
    scroll.setObjectName("controlsScroll")
    scroll.setWidget(controls)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    left_layout.addWidget(window.error_label)
    left_layout.addWidget(scroll, 1)

    # Right: the graph above the table above the tabs; the splitter lets a
    # teacher give the graph the room when that is the lesson.
    splitter = window.right_splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.setObjectName("rightSplitter")
    splitter.setChildrenCollapsible(False)
    for widget in (window.plot_placeholder, window.results_view, window.bottom_tabs):
        splitter.addWidget(widget)
    for index, share in enumerate(RIGHT_SPLITTER_SHARES):
        splitter.setStretchFactor(index, share)

    right = QWidget()
    right_layout = QVBoxLayout(right)
    right_layout.setContentsMargins(0, 0, 0, 0)
    right_layout.addWidget(splitter, 1)
    right_layout.addWidget(window.run_controls)

    main = window.main_splitter = QSplitter(Qt.Orientation.Horizontal)
    main.setObjectName("mainSplitter")
    main.setChildrenCollapsible(False)
    main.addWidget(left)
    main.addWidget(right)
    main.setStretchFactor(0, 0)
    main.setStretchFactor(1, 1)
    return main


#: A tab's title or tooltip: words, or a function that says them in the
#: current language (called again when the language changes).
TabWords = str | Callable[[], str]


def add_bottom_tab(window: MainWindow, widget: QWidget, title: TabWords, tip: TabWords = "") -> int:
    """Open ``widget`` as a tab beside the console; its index. The tab's
    tooltip is ``tip``, or else the widget's. Given as functions, the title
    and the tip follow a change of language (:func:`retranslate_tabs`)."""
    tabs = window.bottom_tabs
    index = tabs.addTab(widget, "")
    widget.setProperty("_tabWords", (title, tip))
    _set_tab_words(tabs, index)
    return index


def _set_tab_words(tabs: QTabWidget, index: int) -> None:
    widget = tabs.widget(index)
    title, tip = widget.property("_tabWords") or ("", "")
    tabs.setTabText(index, title() if callable(title) else title)
    tip_text = tip() if callable(tip) else tip
    tabs.setTabToolTip(index, tip_text or widget.toolTip())


def retranslate_tabs(window: MainWindow) -> None:
    """Every bottom tab's title and tooltip again, in the current language."""
    tabs = window.bottom_tabs
    for index in range(tabs.count()):
        if tabs.widget(index).property("_tabWords") is not None:
            _set_tab_words(tabs, index)


def put_in_place_of_placeholder(window: MainWindow, plot: QWidget) -> None:
    """The loaded graphs take the placeholder's place in the splitter."""
    placeholder = window.plot_placeholder
    if placeholder is not None:
        index = window.right_splitter.indexOf(placeholder)
        window.right_splitter.replaceWidget(index, plot)
        placeholder.deleteLater()
        window.plot_placeholder = None


def fit_controls_width(window: MainWindow) -> None:
    """The left column is as wide as its controls need at this zoom, never clipped."""
    scroll = window.controls_scroll
    content = scroll.widget()
    scrollbar = window.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    scroll.setMinimumWidth(content.minimumSizeHint().width() + scrollbar + 2)


def share_out_right_splitter(window: MainWindow) -> None:
    """Give the graph, the table and the tabs their shares of the height."""
    splitter = window.right_splitter
    total = sum(splitter.sizes())
    weight = sum(RIGHT_SPLITTER_SHARES)
    splitter.setSizes([total * share // weight for share in RIGHT_SPLITTER_SHARES])
