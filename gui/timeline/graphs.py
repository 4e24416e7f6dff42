"""The CPU graph above the timeline, on one time axis, with one key; and the
link between the timeline's bars and the results table's rows.

:class:`GraphsPanel` takes the CPU graph's place in the window (the
placeholder's, after the first paint): the two graphs in a splitter,
sharing the CPU graph's :class:`~gui.plots.live_range.LiveRange` and run
marks, and under both the controls (Follow live / Pause, history, the bars'
legend) and the key of run numbers. The timeline comes a moment after the
CPU graph (:meth:`GraphsPanel.add_timeline`: the window adds it once the
graph has been painted), into room kept for it, so nothing moves. The CPU
graph leaves its time labels to the timeline, unless the timeline is folded
away (presentation mode folds it,
:meth:`GraphsPanel.folded_when_presenting`: no room at 1024x768 beside its
graph and table).

:class:`SelectionLink`: clicking a bar selects its row in the table;
selecting rows outlines their bars.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QVBoxLayout, QWidget

from gui.style.theme import Theme, get_theme
from gui.timeline.controls import RunKeyLabel, TimeControls

if TYPE_CHECKING:
    from gui.plots.cpu_plot import CpuPlot
    from gui.results.results_model import ResultsModel
    from gui.results.results_view import ResultsView
    from gui.session_store import SessionStore
    from gui.timeline.timeline_plot import TimelinePlot

#: Relative heights of the CPU graph and the timeline.
GRAPH_SHARES = (45, 55)


class GraphsPanel(QWidget):
    """The CPU graph and the timeline, linked in time (see the module docstring)."""

    def __init__(
        self,
        cpu_plot: CpuPlot,
        parent: QWidget | None = None,
        *,
        theme: Theme | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("graphsPanel")
        theme = theme if theme is not None else get_theme()
        self._theme = theme
        self.cpu_plot = cpu_plot
        cpu_plot.set_time_labels_shown(False)  # the timeline's axis, just below, has them
        self.timeline: TimelinePlot | None = None  # add_timeline() puts it in its slot
        # The timeline's place in the splitter, kept from the start. This is
        # what presentation mode folds away, with or without the timeline in it.
        self.timeline_slot = QWidget(self)
        self.timeline_slot.setObjectName("timelineSlot")
        QVBoxLayout(self.timeline_slot).setContentsMargins(0, 0, 0, 0)
        # Follow live / Pause, the history and the bars' legend: here, not in
        # the timeline, so they stay when the timeline is folded away.
        self.controls = TimeControls(cpu_plot.live, theme, self)
        self.key = RunKeyLabel(cpu_plot.marks, cpu_plot.live, theme, self)
        self._timeline_shown = True
        self.timeline_slot.installEventFilter(self)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("graphsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(cpu_plot)
        self.splitter.addWidget(self.timeline_slot)
        for index, share in enumerate(GRAPH_SHARES):
            self.splitter.setStretchFactor(index, share)
        self._shared_out = False  # the splitter's first height, shared out in resizeEvent

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.controls)
        layout.addWidget(self.key)
        theme.changed.connect(self.key.restyle)
        self.key.restyle()

    def add_timeline(self, store: SessionStore) -> TimelinePlot:
        """The timeline of ``store``'s record, in its slot under the CPU graph,
        and the CPU graph's run marks following the record; made once."""
        if self.timeline is None:
            from gui.timeline.timeline_plot import TimelinePlot

            marks = self.cpu_plot.marks
            marks.follow(store)
            self.timeline = TimelinePlot(store, self.cpu_plot.live, marks, theme=self._theme)
            layout = self.timeline_slot.layout()
            assert layout is not None
            layout.addWidget(self.timeline)
        return self.timeline

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        # The first height is shared out as GRAPH_SHARES say, whatever the
        # slot holds yet: left to the splitter, an empty slot would get no
        # height, and the CPU graph would shrink when the timeline came.
        if self._shared_out:
            return
        total = sum(self.splitter.sizes())
        if total > 0:
            self._shared_out = True
            weight = sum(GRAPH_SHARES)
            self.splitter.setSizes([total * share // weight for share in GRAPH_SHARES])

    def folded_when_presenting(self) -> list[QWidget]:
        """What presentation mode folds away at a projector's size: the
        timeline (its slot), its controls and the key (the badges' tooltips
        still say what each run was; the graph shows the time itself)."""
        return [self.timeline_slot, self.controls, self.key]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        # The timeline folded away (presentation mode at a small screen): the
        # CPU graph shows the time itself, and the bars' legend goes.
        # (Hidden itself, that is: not with the window, when it is minimised.)
        slot = self.timeline_slot
        if watched is slot and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            shown = not slot.isHidden()
            if shown != self._timeline_shown:
                self._timeline_shown = shown
                self.cpu_plot.set_time_labels_shown(not shown)
                self.controls.set_legend_shown(shown)
        return False


class SelectionLink(QObject):
    """Keeps the timeline's outlined bars and the table's selected rows in step."""

    def __init__(
        self,
        timeline: TimelinePlot,
        view: ResultsView,
        model: ResultsModel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else timeline)
        self._timeline = timeline
        self._view = view
        self._model = model
        timeline.job_clicked.connect(self._select_row)
        selection = view.selectionModel()
        selection.selectionChanged.connect(self._on_selection_changed)
        model.modelReset.connect(self._on_selection_changed)
        model.layoutChanged.connect(self._on_selection_changed)

    @Slot(int, int)
    def _select_row(self, run_id: int, job_id: int) -> None:
        row = self._model.row_for_job(run_id, job_id)
        if row is None:
            return  # a run the table does not show ("Keep earlier runs" off)
        self._view.selectRow(row)
        self._view.scrollTo(
            self._model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter
        )

    @Slot()
    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, *_args: object) -> None:
        rows = {index.row() for index in self._view.selectionModel().selectedRows()}
        jobs = [job for row in sorted(rows) if (job := self._model.job_at(row)) is not None]
        self._timeline.highlight((job.run_id, job.job_id) for job in jobs)
