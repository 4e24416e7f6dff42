"""Starting and stopping the window's runs.

One :class:`RunBridge` per experiment, so the two may run at once while each
runs one thing at a time. Options are read and checked here, on the GUI
thread (too many processes asks first); the runs happen in the bridges'
threads, and every batch of events they bring back goes to the
:class:`~gui.session_store.SessionStore` and nowhere else.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QPushButton

from gui import words
from gui.threads.run_bridge import RunBridge
from workers.options import NamedOptions, OptionsError, OptionsProblem

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from workers.runs.run_base import Run

log = logging.getLogger(__name__)

#: How long closing waits for each bridge's run to wind down (children get
#: SIGTERM, then SIGKILL after a grace period, well inside this).
SHUTDOWN_TIMEOUT_S = 20.0


class RunControl(QObject):
    """The Start and Stop buttons' work, and the bridges (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._shut_down = False
        self.named_bridge = RunBridge(self)
        self.pool_bridge = RunBridge(self)
        for bridge, button in (
            (self.named_bridge, window.named_panel.start_button),
            (self.pool_bridge, window.pool_panel.start_button),
        ):
            self._wire_bridge(bridge, button)
        # The buttons' clicks come through the window, which makes this once
        # it has loaded, or at the first Start (MainWindow.loaded_run_control).

    def bridges(self) -> tuple[RunBridge, RunBridge]:
        return (self.named_bridge, self.pool_bridge)

    def is_busy(self) -> bool:
        return any(bridge.is_busy() for bridge in self.bridges())

    def _wire_bridge(self, bridge: RunBridge, start_button: QPushButton) -> None:
        store = self._window.store
        bridge.events_ready.connect(store.apply_events)  # the record; every view follows it
        bridge.run_error.connect(self._window.show_error)  # the run loop itself failed
        # One run at a time per experiment: its Start waits for the run to end.
        bridge.busy_changed.connect(lambda busy: start_button.setEnabled(not busy))
        bridge.busy_changed.connect(self._on_bridge_busy_changed)  # Stop follows any run

    # -- starting -----------------------------------------------------------

    def start_processes(self) -> None:
        """Start processes' work: check the options, ask past the safe limit."""
        options = self._window.named_panel.options(force=False)
        try:
            # Everything but the safe limit first: a backwards sleep range is
            # worth fixing before anyone is asked about process counts.
            dataclasses.replace(options, force=True).validate()
        except OptionsError as exc:
            self._window.show_error(words.not_started_text(exc))
            return
        if not self._confirm_process_count(options):
            return
        options = dataclasses.replace(options, force=True)

        def make_run() -> Run:
            from workers.runs import make_named_run  # processes or threads, from the options

            return make_named_run(options)

        self.start(self.named_bridge, make_run)

    def start_pool(self) -> None:
        """Start pool's work."""
        options = self._window.pool_panel.options()

        def make_run() -> Run:
            from workers.runs.pool_run import PoolRun

            return PoolRun(options)

        self.start(self.pool_bridge, make_run)

    def _confirm_process_count(self, options: NamedOptions) -> bool:
        """True if the count is safe, or the teacher chose to go over the limit."""
        try:
            options.validate()  # unforced: only the safe limit can fail now
            return True
        except OptionsError as exc:
            if exc.code is not OptionsProblem.OVER_SAFE_LIMIT:
                self._window.show_error(words.not_started_text(exc))
                return False
            title, text = words.over_safe_limit_question(exc)
        from PySide6.QtWidgets import QMessageBox  # dialogs load when first opened

        window = self._window
        answer = QMessageBox.question(
            window,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            window.statusBar().showMessage(self.tr("Not started."), 5000)
            return False
        return True

    def start(self, bridge: RunBridge, make_run: Callable[[], Run]) -> None:
        """Make the run (which validates its options) and hand it to ``bridge``."""
        if self._shut_down or bridge.is_busy():
            return
        self._window.finish_loading()  # the run's markers go on the graph
        try:
            run = make_run()
        except OptionsError as exc:
            self._window.show_error(words.not_started_text(exc))
            return
        self._window.show_error("")
        bridge.start(run)

    # -- stopping -----------------------------------------------------------

    def stop_clicked(self) -> None:
        """Stop's work: both runs asked to stop, and a word in the status bar."""
        self.stop()
        self._window.statusBar().showMessage(words.stopping_notice(), 5000)

    def stop(self) -> None:
        """Ask both runs to stop; returns at once."""
        for bridge in self.bridges():
            bridge.stop()

    @Slot(bool)
    def _on_bridge_busy_changed(self, _busy: bool) -> None:
        self._window.run_controls.set_running(self.is_busy())

    def shutdown(self) -> bool:
        """Stop both runs (no child left) and wait for their threads; True if
        all went clean. Idempotent."""
        if self._shut_down:
            return True
        self._shut_down = True
        # 1. Ask both runs to stop at once, so their children wind down together.
        self.stop()
        # 2. Wait for each bridge's thread: it keeps polling until every child
        #    has ended, so nothing is left running and no QThread is destroyed
        #    while it runs.
        clean = True
        for bridge in self.bridges():
            if not bridge.shutdown(SHUTDOWN_TIMEOUT_S):
                log.error("a run did not wind down within %.0f s", SHUTDOWN_TIMEOUT_S)
                clean = False
        return clean
