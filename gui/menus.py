"""The window's menus: File (export, quit) and View (zoom).

The actions only ask; the work is the window's (:meth:`MainWindow.export_csv`,
:meth:`MainWindow.export_trace`) and the theme's (zoom).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from gui.style.theme import get_theme

if TYPE_CHECKING:
    from gui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("Menus", text)


@dataclass(frozen=True)
class Menus:
    """The actions a test or a toolbar may want to trigger."""

    export_csv: QAction
    export_trace: QAction
    quit: QAction
    zoom_in: QAction
    zoom_out: QAction
    reset_zoom: QAction


def build_menus(window: MainWindow) -> Menus:
    """Add the File and View menus to ``window``'s menu bar."""
    bar = window.menuBar()
    file_menu = bar.addMenu(_tr("&File"))
    export_csv = QAction(_tr("&Export results…"), window)
    export_csv.setObjectName("exportCsvAction")
    export_csv.setStatusTip(
        _tr("Save every job of the kept runs as a CSV file (for a spreadsheet)")
    )
    export_csv.triggered.connect(window.ask_export_csv)
    export_trace = QAction(_tr("Export &trace…"), window)
    export_trace.setObjectName("exportTraceAction")
    export_trace.setStatusTip(
        _tr("Save the runs as a trace for chrome://tracing or ui.perfetto.dev: one lane per worker")
    )
    export_trace.triggered.connect(window.ask_export_trace)
    quit_action = QAction(_tr("&Quit"), window)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(export_csv)
    file_menu.addAction(export_trace)
    file_menu.addSeparator()
    file_menu.addAction(quit_action)

    view_menu = bar.addMenu(_tr("&View"))
    theme = get_theme()
    zoom_in = QAction(_tr("Zoom &in"), window)
    # Ctrl+= too: on most keyboards "+" needs Shift, "=" is the same key.
    zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
    zoom_in.triggered.connect(theme.zoom_in)
    zoom_out = QAction(_tr("Zoom &out"), window)
    zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
    zoom_out.triggered.connect(theme.zoom_out)
    reset_zoom = QAction(_tr("&Reset zoom"), window)
    reset_zoom.setShortcut(QKeySequence("Ctrl+0"))
    reset_zoom.triggered.connect(theme.reset_zoom)
    for action in (zoom_in, zoom_out, reset_zoom):
        view_menu.addAction(action)
    return Menus(export_csv, export_trace, quit_action, zoom_in, zoom_out, reset_zoom)
