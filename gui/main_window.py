"""The Process Lab window: both experiments' controls on the left; the CPU
graph, the results table and the console on the right.

The window holds one :class:`~gui.session_store.SessionStore`. The runs'
event batches go there and nowhere else; the table, the console, the status
counts, the progress bar and the graphs (CPU and timeline) all follow its ``changed``
signal and read its record. The parts live in their own modules: where the
widgets sit (:mod:`gui.window_layout`), the menus (:mod:`gui.menus`),
starting and stopping runs (:mod:`gui.run_control`) and the run indicators
(:mod:`gui.run_feedback`).

Made with ``staged_start=True`` (as :func:`gui.app.run_app` does), the
window paints its controls, table and console first, with a placeholder
where the CPU graph goes (pyqtgraph and numpy take longer to import than
the rest of the window takes to appear). Just after that first paint it
loads the CPU graph; once the graph has been painted, the rest: the
timeline (in room kept for it), the graph's sampler, the demo site, the
Processes tab, the engine's run classes.
Starting a run before then loads them at once. Made without it,
as tests make it, the window is complete when the constructor returns.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from gui.compare import add_compare_views
from gui.first_paint import after_first_paint
from gui.i18n import retranslate_kept
from gui.menu_bar import add_menu_titles
from gui.panels.url_list import LESSON_URLS
from gui.run_feedback import RunFeedback
from gui.session_store import SessionStore
from gui.settings import WindowSettings
from gui.style.theme import get_theme
from gui.window_layout import (
    fit_controls_width,
    put_in_place_of_placeholder,
    retranslate_tabs,
    setup_ui,
    share_out_right_splitter,
)

if TYPE_CHECKING:
    from gui.compare.code_view import CodePanel
    from gui.compare.runs_panel import CompareRunsPanel
    from gui.inspector.view import ProcessInspector
    from gui.menus import Menus
    from gui.panels.feedback import ErrorLabel, StateCountsLabel
    from gui.panels.log_view import LogView
    from gui.panels.named_panel import NamedPanel
    from gui.panels.pool_panel import PoolPanel
    from gui.panels.run_controls import RunControls
    from gui.plots.cpu_plot import CpuPlot
    from gui.plots.cpu_sampler import CpuSampler
    from gui.plots.plot_placeholder import PlotPlaceholder
    from gui.results.results_model import ResultsModel
    from gui.results.results_view import ResultsView
    from gui.run_control import RunControl
    from gui.settings_menu import SettingsMenu
    from gui.threads.run_bridge import RunBridge
    from gui.timeline.graphs import GraphsPanel
    from gui.timeline.timeline_plot import TimelinePlot
    from workers.demo_site import DemoSite

log = logging.getLogger(__name__)

#: A staged start loads the rest this long after the graphs at the latest.
REST_LOADS_BY_MS = 1000
#: The demo site's pages offered besides its sized ones: one slow, one missing.
DEMO_EXTRA_PATHS = ("/slow?delay=3", "/status/404")


class MainWindow(QMainWindow):
    """One window, two experiments, one record; see the module docstring."""

    #: Everything is loaded: the CPU graph and its sampler, the demo site
    #: and its pages in the URL list, the engine's runs.
    loaded = Signal()
    #: The CPU graph is in place, not yet painted. In a staged start the
    #: rest (the timeline and the sampler too) loads once it has been painted.
    graphs_loaded = Signal()

    # Made by gui.window_layout.setup_ui:
    named_panel: NamedPanel
    pool_panel: PoolPanel
    error_label: ErrorLabel
    plot_placeholder: PlotPlaceholder | None
    results_model: ResultsModel
    results_view: ResultsView
    log_view: LogView
    bottom_tabs: QTabWidget  # the console, then views opened beside it
    # Made by gui.compare.add_compare_views once the window has loaded:
    compare_panel: CompareRunsPanel | None
    code_panel: CodePanel | None
    run_controls: RunControls
    status_counts_label: StateCountsLabel

    def __init__(self, parent: QWidget | None = None, *, staged_start: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Process Lab"))
        self._shut_down = False
        self._loaded = False
        self._warmed_up = False
        self._splitter_shared = False  # shared out once the window has its size
        # Set by finish_loading(): the offline demo site, so the pool works
        # without internet (None if it could not start), the graph and its sampler.
        self.demo_site: DemoSite | None = None
        self.cpu_plot: CpuPlot | None = None
        self.cpu_sampler: CpuSampler | None = None
        self.process_inspector: ProcessInspector | None = None  # the "Processes" tab
        # The CPU graph above the task-stream timeline, on one time axis.
        self.graphs: GraphsPanel | None = None
        self.timeline: TimelinePlot | None = None  # in self.graphs, once loaded

        self.store = SessionStore(self)
        setup_ui(self)
        # The menus' titles now; their actions once loaded (gui/menu_bar.py).
        self.top_menus = add_menu_titles(self)
        self.menus: Menus | None = None
        self.settings_menu: SettingsMenu | None = None
        # Start and Stop answer from the first frame; their work (and the
        # engine's options) loads with the rest, or with the first Start.
        self.run_control: RunControl | None = None
        self.named_panel.start_button.clicked.connect(self._on_start_processes_button_clicked)
        self.pool_panel.start_button.clicked.connect(self._on_start_pool_button_clicked)
        self.run_controls.stop_button.clicked.connect(self._on_stop_button_clicked)
        self.run_feedback = RunFeedback(self)
        # The "Compare runs" and "Code" tabs beside the console, once loaded.
        add_compare_views(self)

        keep = self.run_controls.keep_runs_check
        keep.setChecked(self.results_model.shows_all_runs())
        keep.toggled.connect(self.results_model.set_show_all_runs)  # a filter: nothing is lost

        get_theme().changed.connect(self._on_theme_changed)
        self._on_theme_changed()

        # The options, splitters and geometry kept from last time, saved again
        # in shutdown(); File → URL lists and Reset, View → Language.
        self.settings = WindowSettings(self)
        self.settings.restore()
        self._splitter_shared = self.settings.splitters_restored

        if staged_start:
            after_first_paint(self, self._load_graphs_first)
        else:
            self.finish_loading()

    @property
    def named_bridge(self) -> RunBridge:
        return self.loaded_run_control().named_bridge

    @property
    def pool_bridge(self) -> RunBridge:
        return self.loaded_run_control().pool_bridge

    def loaded_run_control(self) -> RunControl:
        """The run control, loading the rest first if it has not loaded yet."""
        self.finish_loading()
        assert self.run_control is not None, "the window was shut down"
        return self.run_control

    @Slot()
    def _on_start_processes_button_clicked(self) -> None:
        self.loaded_run_control().start_processes()

    @Slot()
    def _on_start_pool_button_clicked(self) -> None:
        self.loaded_run_control().start_pool()

    @Slot()
    def _on_stop_button_clicked(self) -> None:
        if self.run_control is not None:  # else nothing runs yet
            self.run_control.stop_clicked()

    def is_loaded(self) -> bool:
        return self._loaded

    @Slot()
    def finish_loading(self) -> None:
        """Load what the first paint did without (see the module docstring).
        Idempotent; emits :attr:`loaded` the first time."""
        if self._loaded or self._shut_down:
            return
        self._loaded = True
        from gui.run_control import RunControl

        self.run_control = RunControl(self)
        self._load_graphs()
        self._load_menus()
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
            self.settings.restore_urls()  # the kept list, with the demo site's address

        from gui.inspector import install_inspector

        self.process_inspector = install_inspector(self)

        # The run classes and the console's words for their events, so that
        # the first run does not wait for their imports.
        import gui.panels.console_lines  # noqa: F401
        import workers.runs.named_run
        import workers.runs.pool_run  # noqa: F401

        self.pool_panel.check_executors()  # greys out those not installed
        self.named_panel.check_start_methods()  # and the start methods not offered here
        self._warm_up_once()
        from gui.startup_heap import freeze_startup_heap

        freeze_startup_heap()  # what the window starts with: no more GC pauses over it
        self.loaded.emit()

    @Slot()
    def _load_graphs_first(self) -> None:
        """A staged start's second step: the CPU graph, painted before the
        rest (the timeline, the sampler, the demo site…) loads."""
        if self._loaded or self._shut_down:
            return
        self._load_cpu_graph()
        assert self.cpu_plot is not None
        after_first_paint(self.cpu_plot.graph_viewport(), self.finish_loading)
        # And if the graph is not painted soon (the window minimised, say): all the same.
        QTimer.singleShot(REST_LOADS_BY_MS, self, self.finish_loading)

    def _load_menus(self) -> None:
        """The menus' actions and their keys; File → URL lists and Reset,
        View → Language."""
        from gui.menus import build_menus
        from gui.settings_menu import add_settings_menu

        self.menus = build_menus(self)
        self.settings_menu = add_settings_menu(self)

    def _load_graphs(self) -> None:
        """The CPU graph, the timeline under it and the sampler that feeds
        the graph. Idempotent."""
        self._load_cpu_graph()
        self._load_timeline()
        self._start_sampler()

    def _load_cpu_graph(self) -> None:
        """The CPU graph in the placeholder's place, with room kept under it
        for the timeline. Idempotent; emits :attr:`graphs_loaded`."""
        if self.cpu_plot is not None:
            return
        from gui.plots.pyqtgraph_loader import load_pyqtgraph

        load_pyqtgraph()  # before anything imports it: see there
        from gui.plots.cpu_plot import CpuPlot
        from gui.timeline.graphs import GraphsPanel

        self.cpu_plot = CpuPlot(self, time_labels=False)  # the timeline's axis has them
        self.graphs = GraphsPanel(self.cpu_plot, self)
        put_in_place_of_placeholder(self, self.graphs)
        self.graphs_loaded.emit()

    def _load_timeline(self) -> None:
        """The timeline under the CPU graph, and the link between its bars
        and the table's rows."""
        if self.timeline is not None:
            return
        from gui.timeline.graphs import SelectionLink

        assert self.graphs is not None
        self.timeline = self.graphs.add_timeline(self.store)
        SelectionLink(self.timeline, self.results_view, self.results_model, self)

    def _start_sampler(self) -> None:
        """The CPU sampler, feeding the graph and the record. The graph runs
        from the start: the class sees the idle machine first."""
        if self.cpu_sampler is not None:
            return
        from gui.plots.cpu_sampler import CpuSampler

        assert self.cpu_plot is not None
        self.cpu_sampler = CpuSampler(parent=self)
        self.cpu_plot.attach(self.cpu_sampler)
        self.cpu_sampler.sampled.connect(self.store.add_sample)  # kept with the runs
        self.cpu_sampler.start()

    def _default_urls(self) -> list[str]:
        urls = list(LESSON_URLS)
        if self.demo_site is not None:
            urls += self.demo_site.page_urls()
            urls += [self.demo_site.url(path) for path in DEMO_EXTRA_PATHS]
        return urls

    # -- feedback -----------------------------------------------------------

    @Slot(str)
    def show_error(self, text: str) -> None:
        """One line above the controls ("Not started: …"); "" hides it."""
        self.error_label.show_message(text)

    @Slot()
    def _on_theme_changed(self) -> None:
        theme = get_theme()
        # Children without a font of their own follow the window's.
        self.setFont(theme.font())
        for button in (self.named_panel.start_button, self.pool_panel.start_button):
            button.setFont(theme.font(1.1, bold=True))
        fit_controls_width(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._splitter_shared:
            self._splitter_shared = True
            # Once laid out at its real size: before that the splitter only
            # knows the graph's size hint, which would take half the height.
            QTimer.singleShot(0, self, lambda: share_out_right_splitter(self))
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
        from workers.start_methods import warm_up

        options = self.named_panel.options(force=True)
        threading.Thread(
            target=warm_up,
            args=(options.start_method, options.niceness),
            name="start-method-warm-up",
            daemon=True,
        ).start()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("Process Lab"))
            retranslate_kept(self)  # the menus and their actions
            retranslate_tabs(self)
            self.results_model.retranslate()  # and gui.words' kept formats
            self.status_counts_label.retranslate()
            self.results_view.column_fitter.fit()  # the headers' new widths
            if self.cpu_plot is not None:
                self.cpu_plot.marks.retranslate()  # the run key's words
        super().changeEvent(event)

    # -- closing ------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop both runs (no child left), wait for every thread, stop the
        sampler and the demo site. Idempotent; closeEvent calls it."""
        if self._shut_down:
            return
        self._shut_down = True
        # 0. The settings, while every widget still says what it was set to.
        try:
            self.settings.save()
        except Exception:  # a setting not kept must never keep children alive
            log.exception("the settings could not be saved")
        # 1. Both runs, at once, waiting until every child has ended.
        if self.run_control is not None:
            self.run_control.shutdown()
        # 2. The sampler's thread next: nothing needs the graph any more.
        if self.cpu_sampler is not None:
            self.cpu_sampler.stop()
        if self.process_inspector is not None:
            self.process_inspector.stop()
        # 3. Last, the demo site: a pool run may have been reading from it.
        if self.demo_site is not None:
            self.demo_site.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        event.accept()
