"""The Process Lab window: both experiments' controls on the left; the CPU
graph, the results table and the console on the right.

Each experiment has its own :class:`RunBridge`, so the two may run at once
while each runs one thing at a time. Options are read and checked here, on
the GUI thread; the runs happen in the bridges' threads and come back as
batches of events that feed the table, the console, the progress bar and the
graph's markers.

Made with ``staged_start=True`` (as :func:`gui.app.run_app` does), the
window paints its controls, table and console first, with a placeholder
where the CPU graph goes, and loads the rest just after that first paint:
the graph (pyqtgraph and numpy take longer to import than the rest of the
window takes to appear), the sampler, the demo site and the engine's run
classes. Starting a run before then loads them at once. Made without it,
as tests make it, the window is complete when the constructor returns.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gui.first_paint import after_first_paint
from gui.panels.feedback import ErrorLabel, StateCountsLabel
from gui.panels.log_view import LogView
from gui.panels.named_panel import NamedPanel
from gui.panels.pool_panel import PoolPanel
from gui.panels.run_controls import RunControls
from gui.panels.url_list import LESSON_URLS
from gui.plots.plot_placeholder import PlotPlaceholder
from gui.results.column_fit import ColumnFitter
from gui.results.results_model import ResultsModel
from gui.results.results_view import ResultsView
from gui.style.theme import get_theme
from gui.threads.run_bridge import RunBridge
from workers.events import Event, Experiment, RunFinished, RunStarted
from workers.options import NamedOptions, OptionsError
from workers.os_limits import safe_process_limit
from workers.runs.run_base import Run
from workers.start_methods import warm_up

if TYPE_CHECKING:
    from gui.plots.cpu_plot import CpuPlot
    from gui.plots.cpu_sampler import CpuSampler
    from workers.demo_site import DemoSite

log = logging.getLogger(__name__)

#: The demo site's pages offered besides its sized ones: one slow, one missing.
DEMO_EXTRA_PATHS = ("/slow?delay=3", "/status/404")
#: How long closing waits for each bridge's run to wind down (children get
#: SIGTERM, then SIGKILL after a grace period, well inside this).
SHUTDOWN_TIMEOUT_S = 20.0
#: Relative heights of the graph, the table and the console: the table
#: gets the most, as it holds the answers.
RIGHT_SPLITTER_SHARES = (35, 43, 22)


class MainWindow(QMainWindow):
    """One window, two experiments, one table; see the module docstring."""

    #: Everything is loaded: the CPU graph and its sampler, the demo site
    #: and its pages in the URL list, the engine's runs.
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None, *, staged_start: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Process Lab"))
        self._shut_down = False
        self._loaded = False
        self._warmed_up = False
        # Set by finish_loading(): the offline demo site, so the pool works
        # without internet (None if it could not start), the graph and its sampler.
        self.demo_site: DemoSite | None = None
        self.cpu_plot: CpuPlot | None = None
        self.cpu_sampler: CpuSampler | None = None

        self.named_panel = NamedPanel(self)
        self.pool_panel = PoolPanel(LESSON_URLS, self)
        self.error_label = ErrorLabel(self)
        self.plot_placeholder: PlotPlaceholder | None = PlotPlaceholder(self)
        self.results_model = ResultsModel(self)
        self.results_view = ResultsView(self.results_model, self)
        self.column_fitter = ColumnFitter(self.results_view)
        self._experiments_in_table: set[Experiment] = set()
        self.log_view = LogView(self)
        self.run_controls = RunControls(self)
        self.status_counts_label = StateCountsLabel(self)
        self.statusBar().addPermanentWidget(self.status_counts_label)

        self.setCentralWidget(self._build_layout())
        self._build_menus()

        self.named_bridge = RunBridge(self)
        self.pool_bridge = RunBridge(self)
        self._experiment_of = {
            self.named_bridge: Experiment.NAMED,
            self.pool_bridge: Experiment.POOL,
        }
        for bridge, button in (
            (self.named_bridge, self.named_panel.start_button),
            (self.pool_bridge, self.pool_panel.start_button),
        ):
            self._wire_bridge(bridge, button)

        self.named_panel.start_button.clicked.connect(self._on_start_processes_button_clicked)
        self.pool_panel.start_button.clicked.connect(self._on_start_pool_button_clicked)
        self.run_controls.stop_button.clicked.connect(self._on_stop_button_clicked)
        keep = self.run_controls.keep_runs_check
        keep.setChecked(self.results_model.append_runs())
        keep.toggled.connect(self.results_model.set_append_runs)
        self.results_model.notice.connect(self._on_results_model_notice)

        get_theme().changed.connect(self._on_theme_changed)
        self._on_theme_changed()
        self._update_status_counts()

        if staged_start:
            after_first_paint(self, self.finish_loading)
        else:
            self.finish_loading()

    def is_loaded(self) -> bool:
        return self._loaded

    @Slot()
    def finish_loading(self) -> None:
        """Load what the first paint did without (see the module docstring).
        Idempotent; emits :attr:`loaded` the first time."""
        if self._loaded or self._shut_down:
            return
        self._loaded = True
        from gui.plots.cpu_plot import CpuPlot
        from gui.plots.cpu_sampler import CpuSampler
        from workers.demo_site import DemoSite

        try:
            self.demo_site = DemoSite(port=0).start()
        except OSError as exc:  # no loopback socket: the lesson's sites still work
            log.warning("the demo site could not start: %s", exc)
        editor = self.pool_panel.url_editor
        untouched = editor.urls() == list(LESSON_URLS)
        editor.set_defaults(self._default_urls())
        if untouched:
            editor.restore_defaults()

        self.cpu_plot = CpuPlot(self)
        placeholder = self.plot_placeholder
        if placeholder is not None:
            index = self.right_splitter.indexOf(placeholder)
            self.right_splitter.replaceWidget(index, self.cpu_plot)
            placeholder.deleteLater()
            self.plot_placeholder = None
        # The graph runs from the start: the class sees the idle machine first.
        self.cpu_sampler = CpuSampler(parent=self)
        self.cpu_plot.attach(self.cpu_sampler)
        self.cpu_sampler.start()

        # The run classes, so the first Start does not wait for their imports.
        import workers.runs.named_run
        import workers.runs.pool_run  # noqa: F401

        self._warm_up_once()
        self.loaded.emit()

    # -- building -----------------------------------------------------------

    def _default_urls(self) -> list[str]:
        urls = list(LESSON_URLS)
        if self.demo_site is not None:
            urls += self.demo_site.page_urls()
            urls += [self.demo_site.url(path) for path in DEMO_EXTRA_PATHS]
        return urls

    def _build_layout(self) -> QWidget:
        # Left: the controls, scrolling rather than clipping when the screen
        # is small or the zoom is large.
        controls = QWidget()
        controls_layout = QVBoxLayout(controls)
        controls_layout.addWidget(self.named_panel)
        controls_layout.addWidget(self.pool_panel, 1)
        self.controls_scroll = QScrollArea()
        self.controls_scroll.setObjectName("controlsScroll")
        self.controls_scroll.setWidget(controls)
        self.controls_scroll.setWidgetResizable(True)
        self.controls_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.controls_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.error_label)
        left_layout.addWidget(self.controls_scroll, 1)

        # Right: the graph above the table above the console; the splitter
        # lets a teacher give the graph the room when that is the lesson.
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("rightSplitter")
        self.right_splitter.setChildrenCollapsible(False)
        for widget in (self.plot_placeholder, self.results_view, self.log_view):
            self.right_splitter.addWidget(widget)
        for index, share in enumerate(RIGHT_SPLITTER_SHARES):
            self.right_splitter.setStretchFactor(index, share)
        self._splitter_shared = False  # shared out once the window has its size

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.right_splitter, 1)
        right_layout.addWidget(self.run_controls)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.setChildrenCollapsible(False)
        self.main_splitter.addWidget(left)
        self.main_splitter.addWidget(right)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        return self.main_splitter

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        theme = get_theme()
        self.zoom_in_action = QAction(self.tr("Zoom &in"), self)
        # Ctrl+= too: on most keyboards "+" needs Shift, "=" is the same key.
        self.zoom_in_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")]
        )
        self.zoom_in_action.triggered.connect(theme.zoom_in)
        self.zoom_out_action = QAction(self.tr("Zoom &out"), self)
        self.zoom_out_action.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_action.triggered.connect(theme.zoom_out)
        self.reset_zoom_action = QAction(self.tr("&Reset zoom"), self)
        self.reset_zoom_action.setShortcut(QKeySequence("Ctrl+0"))
        self.reset_zoom_action.triggered.connect(theme.reset_zoom)
        for action in (self.zoom_in_action, self.zoom_out_action, self.reset_zoom_action):
            view_menu.addAction(action)

    def _wire_bridge(self, bridge: RunBridge, start_button: QWidget) -> None:
        bridge.events_ready.connect(self._on_bridge_events_ready)  # table, console, counts
        bridge.progress.connect(self._on_bridge_progress)  # the progress bar
        bridge.run_started.connect(self._on_bridge_run_started)  # graph marker, fresh count
        bridge.run_finished.connect(self._on_bridge_run_finished)  # graph marker
        bridge.run_error.connect(self._show_error)  # the run loop itself failed
        # One run at a time per experiment: its Start waits for the run to end.
        bridge.busy_changed.connect(lambda busy: start_button.setEnabled(not busy))
        bridge.busy_changed.connect(self._on_bridge_busy_changed)  # Stop follows any run

    # -- starting -----------------------------------------------------------

    @Slot()
    def _on_start_processes_button_clicked(self) -> None:
        options = self.named_panel.options(force=False)
        try:
            # Everything but the safe limit first: a backwards sleep range is
            # worth fixing before anyone is asked about process counts.
            dataclasses.replace(options, force=True).validate()
        except OptionsError as exc:
            self._show_error(self.tr("Not started: {reason}").format(reason=exc))
            return
        if not self._confirm_process_count(options):
            return
        options = dataclasses.replace(options, force=True)

        def make_run() -> Run:
            from workers.runs.named_run import NamedProcessRun

            return NamedProcessRun(options)

        self._start(self.named_bridge, make_run)

    @Slot()
    def _on_start_pool_button_clicked(self) -> None:
        options = self.pool_panel.options()

        def make_run() -> Run:
            from workers.runs.pool_run import PoolRun

            return PoolRun(options)

        self._start(self.pool_bridge, make_run)

    def _confirm_process_count(self, options: NamedOptions) -> bool:
        """True if the count is safe, or the teacher chose to go over the limit."""
        limit, why = safe_process_limit()
        if options.processes <= limit:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Start {count} processes?").format(count=options.processes),
            self.tr(
                "{count} processes is more than this machine safely runs ({limit}: {why}).\n\n"
                "The computer may become slow until they finish. Start them anyway?"
            ).format(count=options.processes, limit=limit, why=why),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.statusBar().showMessage(self.tr("Not started."), 5000)
            return False
        return True

    def _start(self, bridge: RunBridge, make_run: Callable[[], Run]) -> None:
        """Make the run (which validates its options) and hand it to ``bridge``."""
        if self._shut_down or bridge.is_busy():
            return
        self.finish_loading()  # the run's markers go on the graph
        try:
            run = make_run()
        except OptionsError as exc:
            self._show_error(self.tr("Not started: {reason}").format(reason=exc))
            return
        self._show_error("")
        self.results_model.set_append_runs(self.run_controls.keep_runs_check.isChecked())
        bridge.start(run)

    @Slot()
    def _on_stop_button_clicked(self) -> None:
        self.named_bridge.stop()
        self.pool_bridge.stop()
        self.statusBar().showMessage(self.tr("Stopping: ending every running process…"), 5000)

    # -- run events ---------------------------------------------------------

    def _sender_experiment(self) -> Experiment:
        return self._experiment_of[self.sender()]  # type: ignore[index]

    @Slot(object)
    def _on_bridge_events_ready(self, events: list[Event]) -> None:
        experiment = self._sender_experiment()
        self.results_model.apply_events(events)
        self.log_view.append_events(events, experiment)
        self._update_status_counts()

    @Slot(int, int)
    def _on_bridge_progress(self, ended: int, total: int) -> None:
        self.run_controls.run_progress(self._sender_experiment().value, ended, total)

    @Slot(object)
    def _on_bridge_run_started(self, event: RunStarted) -> None:
        experiment = self._sender_experiment()
        other = self.pool_bridge if experiment is Experiment.NAMED else self.named_bridge
        self.run_controls.run_started(experiment.value, event.total, other.is_busy())
        # Without "Keep earlier runs" the table now holds this run (and the
        # other experiment's, if it is still going).
        if not self.results_model.append_runs():
            self._experiments_in_table = {experiment}
            if other.is_busy():
                self._experiments_in_table.add(self._experiment_of[other])
        self._experiments_in_table.add(experiment)
        self.column_fitter.set_experiments(self._experiments_in_table, experiment)
        if experiment is Experiment.POOL:
            text = self.tr("Run {run} start · {count} pages, {workers} workers")
        else:
            text = self.tr("Run {run} start · {count} processes")
        text = text.format(run=event.run_id, count=event.total, workers=event.workers)
        self._add_marker(event.t_mono, text, "start")

    @Slot(object)
    def _on_bridge_run_finished(self, event: RunFinished) -> None:
        text = self.tr("Run {run} end · {elapsed:.1f} s").format(
            run=event.run_id, elapsed=event.elapsed
        )
        self._add_marker(event.t_mono, text, "finish")

    def _add_marker(self, t_mono: float, text: str, kind: str) -> None:
        assert self.cpu_plot is not None  # _start() loaded it before any run began
        self.cpu_plot.add_marker(t_mono, text, kind)

    @Slot(bool)
    def _on_bridge_busy_changed(self, _busy: bool) -> None:
        self.run_controls.set_running(self.named_bridge.is_busy() or self.pool_bridge.is_busy())

    @Slot(str)
    def _on_results_model_notice(self, text: str) -> None:
        self.statusBar().showMessage(text, 15000)

    # -- feedback -----------------------------------------------------------

    @Slot(str)
    def _show_error(self, text: str) -> None:
        self.error_label.show_message(text)

    def _update_status_counts(self) -> None:
        self.status_counts_label.set_counts(self.results_model.counts_by_state())

    @Slot()
    def _on_theme_changed(self) -> None:
        theme = get_theme()
        # Children without a font of their own follow the window's.
        self.setFont(theme.font())
        for button in (self.named_panel.start_button, self.pool_panel.start_button):
            button.setFont(theme.font(1.1, bold=True))
        self._fit_controls_width()

    def _fit_controls_width(self) -> None:
        """The left column is as wide as its controls need at this zoom, never clipped."""
        content = self.controls_scroll.widget()
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.controls_scroll.setMinimumWidth(content.minimumSizeHint().width() + scrollbar + 2)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._splitter_shared:
            self._splitter_shared = True
            # Once laid out at its real size: before that the splitter only
            # knows the graph's size hint, which would take half the height.
            QTimer.singleShot(0, self, self._share_out_right_splitter)
        self._warm_up_once()

    def _warm_up_once(self) -> None:
        """Start the forkserver while the class looks at the window, not
        during the first run, where its start-up would take the cores from
        this window. Not Qt work, and nothing waits for it. Once the window
        shows and has loaded (a staged start loads after its first paint,
        which this must not slow down)."""
        if self._warmed_up or not self._loaded or not self.isVisible():
            return
        self._warmed_up = True
        # The forkserver runs at the children's niceness, so they start at
        # it too (they would only lower it once their job began).
        options = self.named_panel.options(force=True)
        threading.Thread(
            target=warm_up,
            args=(options.start_method, options.niceness),
            name="start-method-warm-up",
            daemon=True,
        ).start()

    @Slot()
    def _share_out_right_splitter(self) -> None:
        total = sum(self.right_splitter.sizes())
        weight = sum(RIGHT_SPLITTER_SHARES)
        self.right_splitter.setSizes([total * share // weight for share in RIGHT_SPLITTER_SHARES])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.results_model.retranslate()
        super().changeEvent(event)

    # -- closing ------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop both runs (no child left), wait for every thread, stop the
        sampler and the demo site. Idempotent; closeEvent calls it."""
        if self._shut_down:
            return
        self._shut_down = True
        # 1. Ask both runs to stop at once, so their children wind down together.
        self.named_bridge.stop()
        self.pool_bridge.stop()
        # 2. Wait for each bridge's thread: it keeps polling until every child
        #    has ended, so nothing is left running and no QThread is destroyed
        #    while it runs.
        for bridge in (self.named_bridge, self.pool_bridge):
            if not bridge.shutdown(SHUTDOWN_TIMEOUT_S):
                log.error("a run did not wind down within %.0f s", SHUTDOWN_TIMEOUT_S)
        # 3. The sampler's thread next: nothing needs the graph any more.
        if self.cpu_sampler is not None:
            self.cpu_sampler.stop()
        # 4. Last, the demo site: a pool run may have been reading from it.
        if self.demo_site is not None:
            self.demo_site.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        event.accept()
