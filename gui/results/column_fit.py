"""Which results columns fit the table's width, and how wide each is.

The one owner of column widths. At 1024x768 the table has room for about
half its eleven columns, and at a projector's zoom for fewer. The columns
that carry the lesson's answer always stay, at any zoom: the name or URL,
the worker (PID), the result (n² or bytes) and the status. Rather than a
sideways scroll bar, the others are hidden until the rest fit: first those
of the experiment not in the table (HTTP and Bytes mean nothing for named
processes), then by the priority :mod:`gui.results.columns` gives each.
The numbers keep their full width; Name gives up width down to a host and
a little of the path (the view cuts a URL at the start of its path, never
in its host), and Status takes the spare width, since its reasons are the
longest text.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Slot
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from gui.results.columns import (
    BY_PRIORITY,
    COL_NAME,
    COL_STATUS,
    COL_WORKER,
    COLUMN_COUNT,
    COLUMNS,
    ESSENTIAL,
)
from workers.terms import Experiment

#: Name never takes more than this share of the width: Status needs it more.
NAME_SHARE = 0.38
#: The least Name and Status are given before the optional columns get any:
#: a host and the start of "…/path", the state and the start of its reason.
NAME_MIN_SAMPLE = "127.0.0.1:40000/…path"
STATUS_MIN_SAMPLE = "failed: HTTP 404"
PID_SAMPLE = "0000000"
NAMED_SAMPLE = "0000"
#: The executor whose workers are processes, named by their PIDs.
PROCESS_EXECUTOR = "process"


class ColumnFitter(QObject):
    """Keeps ``view``'s visible columns fitting its width (see the module docstring).

    The view calls :meth:`fit` when its font changes; the fitter refits by
    itself when the view is resized."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._experiments: set[Experiment] = set()
        self._latest: Experiment | None = None
        # A run whose workers are threads (or remote workers) names them at
        # length ("ThreadPoolExecutor-0_3"); processes are short PIDs.
        self._named_workers = False
        view.viewport().installEventFilter(self)  # refit when the table is resized

    def watch(self, model: QAbstractItemModel) -> None:
        """Follow ``model`` (a ResultsModel) to learn whether its runs' workers
        have long names."""
        model.rowsInserted.connect(self._on_rows_inserted)
        model.modelReset.connect(self._rescan)
        self._rescan()

    def _run_has_named_workers(self, row: int) -> bool:
        run_at = getattr(self._view.model(), "run_at", None)
        run = run_at(row) if run_at is not None else None
        return run is not None and run.executor != PROCESS_EXECUTOR

    @Slot(QModelIndex, int, int)
    def _on_rows_inserted(self, parent: QModelIndex, first: int, _last: int) -> None:
        # The model inserts one run's rows at a time: the first row tells.
        if not (self._named_workers or parent.isValid()) and self._run_has_named_workers(first):
            self._named_workers = True
            self.fit()

    @Slot()
    def _rescan(self) -> None:
        model = self._view.model()
        if model is None:
            return
        run_ids = getattr(model, "shown_run_ids", None)
        row_for_job = getattr(model, "row_for_job", None)
        if run_ids is not None and row_for_job is not None:
            # One row per run tells (its first job's), not each of thousands.
            rows = [row_for_job(run_id, 0) for run_id in run_ids()]
        else:
            rows = list(range(model.rowCount()))
        named = any(self._run_has_named_workers(row) for row in rows if row is not None)
        if named != self._named_workers:
            self._named_workers = named
            self.fit()

    def set_experiments(
        self, experiments: Iterable[Experiment], latest: Experiment | None = None
    ) -> None:
        """The experiments whose rows are in the table now; the columns of
        ``latest`` (the one just started) come before the other's."""
        experiments = set(experiments)
        if (experiments, latest) != (self._experiments, self._latest):
            self._experiments, self._latest = experiments, latest
            self.fit()

    def _priority(self) -> list[int]:
        """BY_PRIORITY, with the other experiment's own columns moved behind
        those of the latest run (stable otherwise)."""
        latest = self._latest

        def demoted(column: int) -> bool:
            owners = COLUMNS[column].experiments
            return latest is not None and latest not in owners

        return sorted(BY_PRIORITY, key=demoted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def natural_width(self, column: int) -> int:
        """Room for the column's title and its usual content, at the view's font."""
        sample = COLUMNS[column].sample
        no_pool = Experiment.POOL not in self._experiments
        if column == COL_WORKER and not self._named_workers:
            sample = PID_SAMPLE  # processes are PIDs: no thread names to make room for
        elif column == COL_NAME and no_pool and self._experiments:
            sample = NAMED_SAMPLE  # process names are numbers: no URLs to make room for
        return self._width_for(column, sample)

    def _width_for(self, column: int, sample: str) -> int:
        """Room for the column's title and ``sample``."""
        metrics = QFontMetrics(self._view.horizontalHeader().font())
        title = COLUMNS[column].header_text()
        pad = 4 * metrics.averageCharWidth()  # margins, and room for the sort arrow
        text = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
        return text + pad

    def _wanted(self, column: int) -> bool:
        """Whether the column means anything for the runs in the table."""
        return not self._experiments or bool(COLUMNS[column].experiments & self._experiments)

    @Slot()
    def fit(self) -> None:
        view = self._view
        model = view.model()
        if model is None or model.columnCount() != COLUMN_COUNT:
            return
        header = view.horizontalHeader()
        room = view.viewport().width()
        shown: dict[int, int] = {}  # column -> width, Name and Status aside
        for column in ESSENTIAL:
            if column not in (COL_NAME, COL_STATUS) and self._wanted(column):
                shown[column] = self.natural_width(column)
        # Name gets its natural width up to a share, but never less than a
        # host's worth; Status stretches over the rest.
        name_min = min(self.natural_width(COL_NAME), self._width_for(COL_NAME, NAME_MIN_SAMPLE))
        name_width = min(self.natural_width(COL_NAME), round(room * NAME_SHARE))
        name_width = max(name_width, name_min)
        status_min = self._width_for(COL_STATUS, STATUS_MIN_SAMPLE)
        # Too narrow for the answers: a thread's long name gives width back
        # first (down to a PID's), then Name (down to a host's).
        squeeze = sum(shown.values()) + name_width + status_min - room
        if squeeze > 0 and COL_WORKER in shown:
            pid_width = self._width_for(COL_WORKER, PID_SAMPLE)
            give = min(squeeze, max(0, shown[COL_WORKER] - pid_width))
            shown[COL_WORKER] -= give
            squeeze -= give
        if squeeze > 0:
            name_width = max(name_min, name_width - squeeze)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_NAME, name_width)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.Stretch)
        left = room - name_width - sum(shown.values()) - self.natural_width(COL_STATUS)

        for column in self._priority():
            if not self._wanted(column):
                continue
            width = self.natural_width(column)
            if width > left:
                break  # strictly by priority: a narrow Run never displaces Duration
            shown[column] = width
            left -= width
        for column in range(COLUMN_COUNT):
            if column in (COL_NAME, COL_STATUS):
                continue
            header.setSectionHidden(column, column not in shown)
            if column in shown:
                # Exactly the width counted above, so the sum really fits.
                header.resizeSection(column, shown[column])
