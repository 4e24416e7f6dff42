"""Which results columns fit the table's width, and how wide each is.

The one owner of column widths. At 1024x768 the table has room for about
half its eleven columns. Rather than a sideways scroll bar that hides the
Status column (the one that says *why* a page failed), the least useful
columns are hidden until the rest fit: first those of the experiment not in
the table (HTTP and Bytes mean nothing for named processes), then by the
priority :mod:`gui.results.columns` gives each. Name and Status always stay;
Status takes the spare width, since its reasons are the longest text.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from gui.results.columns import BY_PRIORITY, COL_NAME, COL_STATUS, COL_WORKER, COLUMN_COUNT, COLUMNS
from workers.events import Experiment

#: Name never takes more than this share of the width: Status needs it more.
NAME_SHARE = 0.38


class ColumnFitter(QObject):
    """Keeps ``view``'s visible columns fitting its width (see the module docstring).

    The view calls :meth:`fit` when its font changes; the fitter refits by
    itself when the view is resized."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._experiments: set[Experiment] = set()
        self._latest: Experiment | None = None
        view.viewport().installEventFilter(self)  # refit when the table is resized

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
        metrics = QFontMetrics(self._view.horizontalHeader().font())
        title = COLUMNS[column].header_text()
        pad = 4 * metrics.averageCharWidth()  # margins, and room for the sort arrow
        sample = COLUMNS[column].sample
        if column == COL_WORKER and Experiment.POOL not in self._experiments:
            sample = "0000000"  # named processes are PIDs: no thread names to make room for
        text = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
        return text + pad

    @Slot()
    def fit(self) -> None:
        view = self._view
        model = view.model()
        if model is None or model.columnCount() != COLUMN_COUNT:
            return
        header = view.horizontalHeader()
        room = view.viewport().width()
        # Name gets its natural width up to a share; Status stretches over the rest.
        name_width = min(self.natural_width(COL_NAME), round(room * NAME_SHARE))
        name_width = max(name_width, self.natural_width(COL_WORKER) // 2)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_NAME, name_width)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.Stretch)
        left = room - name_width - self.natural_width(COL_STATUS)

        shown: dict[int, int] = {}  # column -> width
        for column in self._priority():
            owners = COLUMNS[column].experiments
            if self._experiments and not owners & self._experiments:
                continue
            width = self.natural_width(column)
            if width > left:
                break  # strictly by priority: a narrow Run never displaces Bytes
            shown[column] = width
            left -= width
        for column in BY_PRIORITY:
            header.setSectionHidden(column, column not in shown)
            if column in shown:
                # Exactly the width counted above, so the sum really fits.
                header.resizeSection(column, shown[column])
