"""Keyboard shortcuts for what a lesson needs, the F1 overlay that lists
them, and a tooltip on every control."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QPlainTextEdit,
    QProgressBar,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gui import MainWindow
from gui.help_overlay import HELP_FONT_PX, help_overlay
from gui.shortcuts import COMMANDS
from gui.style.theme import Theme
from tests.gui.conftest import theme_kept
from tests.gui.events_for_tests import synthetic_run

RUN_TIMEOUT_MS = 60_000


@pytest.fixture
def theme(qapp: QApplication) -> Iterator[Theme]:
    """The shared theme, put back as it was afterwards."""
    with theme_kept() as theme:
        yield theme


@pytest.fixture
def window(theme: Theme, window: MainWindow) -> MainWindow:
    """The shared window fixture's, made once the theme is set."""
    return window


def _press(qtbot: QtBot, window: MainWindow, sequence: str) -> None:
    """Press ``sequence`` ("Ctrl+R") as the teacher would, in the table."""
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(window.results_view, combo.key(), combo.keyboardModifiers())


def test_every_command_has_its_keys_in_the_window(window: MainWindow) -> None:
    actions = {a.objectName(): a for a in window.findChildren(QAction) if a.objectName()}
    seen: dict[str, str] = {}
    for command in COMMANDS:
        action = actions.get(command.name)
        assert action is not None, command.name
        # Added to the window itself, so the keys work with the menu bar hidden.
        assert action in window.actions(), command.name
        assert [s.toString() for s in action.shortcuts()] == [
            s.toString() for s in command.sequences()
        ]
        assert action.toolTip(), command.name
        for key in command.keys:
            assert key not in seen, f"{key} for both {seen[key]} and {command.name}"
            seen[key] = command.name
    # The list: start processes, start pool, stop, clear, zoom, full screen, theme.
    names = {c.name for c in COMMANDS}
    for needed in (
        "startProcessesAction",
        "startPoolAction",
        "stopAction",
        "clearAction",
        "zoomInAction",
        "presentationAction",
        "nextThemeAction",
    ):
        assert needed in names


def test_keys_start_stop_and_clear(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.named_panel
    panel.process_count_spin.setValue(4)
    panel.sleep_min_spin.setValue(30.0)
    panel.sleep_max_spin.setValue(30.0)
    stop = window.menus.stop
    assert not stop.isEnabled()  # nothing to stop: the action says so, as its button does
    _press(qtbot, window, "Ctrl+R")  # start processes
    qtbot.waitUntil(lambda: window.results_model.job_count() == 4, timeout=RUN_TIMEOUT_MS)
    assert stop.isEnabled() and not window.menus.start_processes.isEnabled()
    with qtbot.waitSignal(window.named_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        _press(qtbot, window, "Ctrl+.")  # stop
    qtbot.waitUntil(window.menus.start_processes.isEnabled, timeout=10_000)
    assert window.log_view.toPlainText()
    _press(qtbot, window, "Ctrl+L")  # clear
    assert window.log_view.toPlainText() == ""
    assert not window.run_controls.keep_runs_check.isChecked()
    assert window.cpu_plot.run_marks() == []  # the runs' spans and badges


def test_keys_for_theme_and_presentation(qtbot: QtBot, window: MainWindow, theme: Theme) -> None:
    before = theme.palette.name
    _press(qtbot, window, "Ctrl+Shift+T")
    assert theme.palette.name != before
    _press(qtbot, window, "F11")
    assert window.menus.presentation_mode.is_active()
    assert not window.menuBar().isVisible()
    _press(qtbot, window, "Ctrl+=")  # the keys still work with the menu bar hidden
    _press(qtbot, window, "Esc")
    assert not window.menus.presentation_mode.is_active()


def test_f1_lists_every_shortcut_large_and_any_key_closes_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    overlay = help_overlay(window)
    window.menus.presentation_mode.enter(full_screen=False)
    _press(qtbot, window, "F1")
    assert overlay.isVisible()
    assert overlay.geometry() == window.rect()  # over the whole window
    assert overlay.font_px() >= HELP_FONT_PX
    shown = overlay.labels()
    assert [text for _keys, text in shown] == [c.label().replace("&", "") for c in COMMANDS]
    assert all(keys for keys, _text in shown)
    # Esc closes the list first; presentation mode stays.
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()
    assert window.menus.presentation_mode.is_active()
    # Any other key, or a click, closes it too.
    window.menus.keys_help.trigger()
    qtbot.keyClick(overlay, Qt.Key.Key_Space)
    assert not overlay.isVisible()
    window.menus.keys_help.trigger()
    qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()


def _controls(root: QWidget) -> list[QWidget]:
    """What a teacher can click, type in or read as a control: buttons, spin
    boxes, lists, the table, the console, the progress bar. Qt's own helpers
    (a spin box's line edit, scroll buttons, a combo's popup) are parts of
    the control that carries the tooltip."""
    kinds = (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QAbstractItemView,
        QPlainTextEdit,
        QProgressBar,
    )
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget.parentWidget(), (QTabBar, QComboBox)) or isinstance(
            widget, QHeaderView
        ):
            continue  # a tab bar's arrows, a combo's list; headers: per section, below
        if not widget.parentWidget() or widget.window() is not root:
            continue  # a popup (a combo's list, a menu) is its own window
        found.append(widget)
    return found


def test_every_control_has_a_tooltip(qtbot: QtBot, window: MainWindow) -> None:
    window.store.apply_events(synthetic_run(1, 2))
    controls = _controls(window)
    assert len(controls) > 20
    missing = [f"{type(w).__name__} {w.objectName()!r}" for w in controls if not w.toolTip()]
    assert not missing, missing
    # The tabs under the table say what they are.
    tabs = window.bottom_tabs
    assert all(tabs.tabToolTip(i) for i in range(tabs.count()))
    # The table's headers too.
    model = window.results_model
    assert all(
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        for c in range(model.columnCount())
    )
