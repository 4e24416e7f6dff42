"""The window's menus: File (export, quit), Run (start, stop, clear) and View
(zoom, theme, presentation, the keys).

The actions only ask; the work is the exports' (:mod:`gui.exports`), the
panels' buttons', the theme's (zoom, colours) and presentation mode's
(:mod:`gui.presentation`). Their keys come from :mod:`gui.shortcuts`, which
the F1 overlay lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from gui import exports, shortcuts
from gui.i18n import keep_translated, without_mnemonic
from gui.presentation import PresentationMode
from gui.style.palette import PALETTES
from gui.style.theme import get_theme

if TYPE_CHECKING:
    from gui.main_window import MainWindow

#: The themes' names in the View menu, by palette name.
THEME_LABELS = {
    "light": QT_TRANSLATE_NOOP("Menus", "&Light"),
    "dark": QT_TRANSLATE_NOOP("Menus", "&Dark"),
    "contrast": QT_TRANSLATE_NOOP("Menus", "&High contrast"),
}


def _tr(text: str) -> str:
    """A QT_TRANSLATE_NOOP("Menus", …) source in the current language."""
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
    start_processes: QAction
    start_pool: QAction
    stop: QAction
    clear: QAction
    presentation: QAction  # checkable: on while presenting
    leave_presentation: QAction  # Esc, enabled only while presenting
    next_theme: QAction
    themes: dict[str, QAction]  # checkable, one per palette name
    keys_help: QAction  # F1: the overlay (gui.help_overlay.help_overlay(window))
    presentation_mode: PresentationMode


def build_menus(window: MainWindow) -> Menus:
    """Fill the File, Run, View and Help menus of ``window``'s menu bar
    (:func:`gui.menu_bar.add_menu_titles` made them)."""
    menus = window.top_menus
    # Each action keeps its English source (gui.i18n.keep_translated): the
    # window sets their words again when the language changes.
    file_menu = menus["fileMenu"]
    export_csv = QAction(window)
    export_csv.setObjectName("exportCsvAction")
    keep_translated(
        export_csv,
        "Menus",
        text=QT_TRANSLATE_NOOP("Menus", "&Export results…"),
        status_tip=QT_TRANSLATE_NOOP(
            "Menus", "Save every job of the kept runs as a CSV file (for a spreadsheet)"
        ),
    )
    export_csv.triggered.connect(lambda: exports.ask_export_csv(window))
    export_trace = QAction(window)
    export_trace.setObjectName("exportTraceAction")
    keep_translated(
        export_trace,
        "Menus",
        text=QT_TRANSLATE_NOOP("Menus", "Export &trace…"),
        status_tip=QT_TRANSLATE_NOOP(
            "Menus",
            "Save the runs as a trace for chrome://tracing or ui.perfetto.dev: one lane per worker",
        ),
    )
    export_trace.triggered.connect(lambda: exports.ask_export_trace(window))
    quit_action = QAction(window)
    quit_action.setObjectName("quitAction")
    keep_translated(quit_action, "Menus", text=QT_TRANSLATE_NOOP("Menus", "&Quit"))
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    window.addAction(quit_action)  # Ctrl+Q with the menu bar hidden too
    file_menu.addAction(export_csv)
    file_menu.addAction(export_trace)
    file_menu.addSeparator()
    file_menu.addAction(quit_action)

    run_menu = menus["runMenu"]
    start_processes = shortcuts.button_action(
        window, shortcuts.START_PROCESSES, window.named_panel.start_button
    )
    start_pool = shortcuts.button_action(
        window, shortcuts.START_POOL, window.pool_panel.start_button
    )
    stop = shortcuts.button_action(window, shortcuts.STOP, window.run_controls.stop_button)
    clear = shortcuts.make_action(window, shortcuts.CLEAR)
    clear.triggered.connect(lambda: shortcuts.clear_views(window))
    for action in (start_processes, start_pool, stop):
        run_menu.addAction(action)
    run_menu.addSeparator()
    run_menu.addAction(clear)

    view_menu = menus["viewMenu"]
    theme = get_theme()
    zoom_in = shortcuts.make_action(window, shortcuts.ZOOM_IN)
    zoom_in.triggered.connect(theme.zoom_in)
    zoom_out = shortcuts.make_action(window, shortcuts.ZOOM_OUT)
    zoom_out.triggered.connect(theme.zoom_out)
    reset_zoom = shortcuts.make_action(window, shortcuts.RESET_ZOOM)
    reset_zoom.triggered.connect(theme.reset_zoom)
    for action in (zoom_in, zoom_out, reset_zoom):
        view_menu.addAction(action)
    view_menu.addSeparator()

    theme_group = QActionGroup(window)
    theme_group.setExclusive(True)
    themes: dict[str, QAction] = {}
    for name in PALETTES:
        action = QAction(name, theme_group)
        action.setObjectName(f"{name}ThemeAction")
        if name in THEME_LABELS:
            keep_translated(action, "Menus", text=THEME_LABELS[name])
        action.setCheckable(True)
        action.triggered.connect(lambda _checked=False, name=name: theme.choose_palette(name))
        view_menu.addAction(action)
        themes[name] = action
    next_theme = shortcuts.make_action(window, shortcuts.NEXT_THEME)
    next_theme.triggered.connect(lambda: _next_theme(window))
    view_menu.addAction(next_theme)

    _ThemeTicks(theme_group, themes)
    view_menu.addSeparator()

    mode = PresentationMode(window, theme_actions=[*themes.values(), next_theme])
    presentation = shortcuts.make_action(window, shortcuts.PRESENTATION)
    presentation.setCheckable(True)
    presentation.toggled.connect(mode.set_active)
    leave = shortcuts.make_action(window, shortcuts.LEAVE_PRESENTATION)
    leave.setEnabled(False)
    leave.triggered.connect(mode.leave)

    def follow_mode(active: bool) -> None:
        presentation.setChecked(active)
        leave.setEnabled(active)

    mode.toggled.connect(follow_mode)
    view_menu.addAction(presentation)

    keys_help = shortcuts.make_action(window, shortcuts.HELP)
    keys_help.triggered.connect(lambda: _toggle_keys_help(window))
    help_menu = menus["helpMenu"]
    help_menu.addAction(keys_help)
    return Menus(
        export_csv,
        export_trace,
        quit_action,
        zoom_in,
        zoom_out,
        reset_zoom,
        start_processes,
        start_pool,
        stop,
        clear,
        presentation,
        leave,
        next_theme,
        themes,
        keys_help,
        mode,
    )


class _ThemeTicks(QObject):
    """Ticks the theme in use in the View menu, whoever chose it. A QObject
    (owned by the menu's action group), so the shared theme stops calling
    it when the window is gone."""

    def __init__(self, parent: QObject, themes: dict[str, QAction]) -> None:
        super().__init__(parent)
        self._themes = themes
        get_theme().changed.connect(self._show)
        self._show()

    @Slot()
    def _show(self) -> None:
        action = self._themes.get(get_theme().palette.name)
        if action is not None and not action.isChecked():
            action.setChecked(True)


def _next_theme(window: MainWindow) -> None:
    """Light → dark → high contrast → light."""
    theme = get_theme()
    names = list(PALETTES)
    current = names.index(theme.palette.name) if theme.palette.name in names else -1
    theme.choose_palette(names[(current + 1) % len(names)])
    window.statusBar().showMessage(
        QCoreApplication.translate("Menus", "Theme: {name}").format(
            name=without_mnemonic(_tr(THEME_LABELS[theme.palette.name]))
        ),
        3000,
    )


def _toggle_keys_help(window: MainWindow) -> None:
    """F1: the overlay of keys, shown or hidden (imported when first asked for)."""
    from gui.help_overlay import help_overlay

    help_overlay(window).toggle()
