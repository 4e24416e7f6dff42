"""The compact bar along the top in presentation mode (:mod:`gui.presentation`).

Processes [10] [Start processes]   Workers [5] [Start pool]   [Stop]   … [☰]

Its controls stand in for the panels' own, which are folded away: the spin
boxes follow the panels' both ways, the buttons click the panels' buttons,
and each is enabled exactly when the one it stands for is. Everything else
is behind the menu button (☰): the panels as a drawer, the console, the
theme, leaving. The bar must fit 1024 pixels at the presentation zoom.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolBar,
    QToolButton,
    QWidget,
)

from gui.style.look import ThemedButton
from gui.style.theme import get_theme

if TYPE_CHECKING:
    from gui.main_window import MainWindow


class _EnabledMirror(QObject):
    """Keeps ``target`` enabled exactly when ``source`` is."""

    def __init__(self, source: QWidget, target: QWidget) -> None:
        super().__init__(target)
        self._target = target
        target.setEnabled(source.isEnabled())
        source.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget):
            self._target.setEnabled(watched.isEnabled())
        return False


def _mirror_spin(source: QSpinBox, parent: QWidget, name: str) -> QSpinBox:
    """A spin box that shows and sets the same value as ``source``."""
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(source.minimum(), source.maximum())
    spin.setValue(source.value())
    spin.setAccelerated(source.isAccelerated())
    spin.setToolTip(source.toolTip())
    # setValue with the value it already has emits nothing: no ping-pong.
    spin.valueChanged.connect(source.setValue)
    source.valueChanged.connect(spin.setValue)
    _EnabledMirror(source, spin)
    return spin


def _stand_in(source: QAbstractButton, parent: QWidget, name: str) -> QPushButton:
    """A button that clicks ``source`` and is enabled when it is."""
    button = ThemedButton(source.text(), parent)
    button.setObjectName(name)
    button.setToolTip(source.toolTip())
    button.clicked.connect(source.click)
    _EnabledMirror(source, button)
    return button


class PresentationBar(QToolBar):
    """The essentials of both experiments in one row (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("presentationBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not in the toolbars' context menu
        named, pool = window.named_panel, window.pool_panel

        row = QWidget(self)
        self.processes_spin = _mirror_spin(named.process_count_spin, row, "barProcessesSpin")
        processes_label = self._processes_label = QLabel(row)
        processes_label.setBuddy(self.processes_spin)
        self.start_processes_button = _stand_in(named.start_button, row, "barStartProcessesButton")
        self.workers_spin = _mirror_spin(pool.max_workers_spin, row, "barWorkersSpin")
        workers_label = self._workers_label = QLabel(row)
        workers_label.setBuddy(self.workers_spin)
        self.start_pool_button = _stand_in(pool.start_button, row, "barStartPoolButton")
        self.stop_button = _stand_in(window.run_controls.stop_button, row, "barStopButton")

        self.more_button = QToolButton(row)
        self.more_button.setObjectName("barMoreButton")
        self.more_button.setText("☰")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more_button)
        menu.setToolTipsVisible(True)
        self.more_button.setMenu(menu)
        self.controls_action = menu.addAction("")
        self.controls_action.setObjectName("barControlsAction")
        self.controls_action.setCheckable(True)
        self.console_action = menu.addAction("")
        self.console_action.setObjectName("barConsoleAction")
        self.console_action.setCheckable(True)
        self.theme_menu = menu.addMenu("")
        menu.addSeparator()
        self.leave_action = menu.addAction("")
        self.leave_action.setObjectName("barLeaveAction")
        self._stand_ins = (
            (self.start_processes_button, named.start_button),
            (self.start_pool_button, pool.start_button),
            (self.stop_button, window.run_controls.stop_button),
        )
        self._set_words()

        layout = QHBoxLayout(row)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (processes_label, self.processes_spin, self.start_processes_button):
            layout.addWidget(widget)
        layout.addSpacing(8)
        for widget in (workers_label, self.workers_spin, self.start_pool_button):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.stop_button)
        layout.addStretch(1)
        layout.addWidget(self.more_button)
        row.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(row)
        get_theme().changed.connect(self.restyle)
        self.restyle()

    def _set_words(self) -> None:
        self.setWindowTitle(self.tr("Presentation"))
        self._processes_label.setText(self.tr("Processes:"))
        self._workers_label.setText(self.tr("Workers:"))
        self.more_button.setAccessibleName(self.tr("More"))
        self.more_button.setToolTip(
            self.tr("Every setting of both experiments, the console, the theme, leaving")
        )
        self.controls_action.setText(self.tr("&Controls"))
        self.controls_action.setToolTip(
            self.tr("Open or close every setting of both experiments, on the left")
        )
        self.console_action.setText(self.tr("C&onsole"))
        self.console_action.setToolTip(self.tr("Show or hide the console under the table"))
        self.theme_menu.setTitle(self.tr("&Theme"))
        self.leave_action.setText(self.tr("&Leave presentation"))
        self.leave_action.setToolTip(self.tr("Back to the window as it was (Esc)"))

    @Slot()
    def _copy_stand_in_words(self) -> None:
        for button, source in self._stand_ins:
            button.setText(source.text())
            button.setToolTip(source.toolTip())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._set_words()
            # The panels' buttons get their new words in the same round of
            # events, in no set order: copy them once it is over.
            QTimer.singleShot(0, self, self._copy_stand_in_words)
        super().changeEvent(event)

    @Slot()
    def restyle(self) -> None:
        """The bar's buttons in bold at the zoomed size."""
        bold = get_theme().font(1.0, bold=True)
        for button in (
            self.start_processes_button,
            self.start_pool_button,
            self.stop_button,
            self.more_button,
        ):
            button.setFont(bold)
