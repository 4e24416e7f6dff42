"""Which results columns fit the table's width, so none is cut off mid-word.

At 1024x768 the table has room for about half its eleven columns. Rather
than a sideways scroll bar that hides the Status column (the one that says
*why* a page failed), the least useful columns are hidden until the rest
fit: first those of the experiment not in the table (HTTP and Bytes mean
nothing for named processes), then the clock times, then the rest by
priority. Name and Status always stay; Status takes the spare width, since
its reasons are the longest text.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from gui.results.results_model import (
    COL_BYTES,
    COL_DURATION,
    COL_FINISHED,
    COL_HTTP,
    COL_N,
    COL_NAME,
    COL_PID,
    COL_RUN,
    COL_SQUARE,
    COL_STARTED,
    COL_STATUS,
    COLUMN_COUNT,
)
from gui.style.theme import get_theme
from workers.events import Experiment

#: Optional columns, most useful first: each is shown only if it fits.
PRIORITY = (
    COL_PID,
    COL_SQUARE,
    COL_BYTES,
    COL_HTTP,
    COL_DURATION,
    COL_STARTED,
    COL_FINISHED,
    COL_N,  # the same number as the process name
    COL_RUN,  # the run's heading row already says which run
)
#: Columns that only one experiment fills.
ONLY_FOR = {
    COL_N: Experiment.NAMED,
    COL_SQUARE: Experiment.NAMED,
    COL_HTTP: Experiment.POOL,
    COL_BYTES: Experiment.POOL,
}
#: Widest usual content per column, to size it from the font.
SAMPLES = {
    COL_RUN: "000",
    COL_NAME: "http://127.0.0.1:40000/pages/100k",
    COL_PID: "0000000",
    COL_N: "0000",
    COL_SQUARE: "00000000",
    COL_HTTP: "000",
    COL_BYTES: "00,000,000",
    COL_STARTED: "00:00:00.000",
    COL_FINISHED: "00:00:00.000",
    COL_DURATION: "000.000",
    # Room for a short reason; longer ones elide and the tooltip has them whole.
    COL_STATUS: "failed: HTTP 404 Not Found",
}
#: Name never takes more than this share of the width: Status needs it more.
NAME_SHARE = 0.38


class ColumnFitter(QObject):
    """Keeps ``view``'s visible columns fitting its width (see the module docstring)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._experiments: set[Experiment] = set()
        self._latest: Experiment | None = None
        view.viewport().installEventFilter(self)  # refit when the table is resized
        # Connected after the view's own handler, so this runs once the view
        # has sized its columns for the new font.
        get_theme().changed.connect(self.fit)
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
        """PRIORITY, with the other experiment's own columns moved behind
        those of the latest run (stable otherwise)."""
        latest = self._latest

        def demoted(column: int) -> bool:
            owner = ONLY_FOR.get(column)
            return latest is not None and owner is not None and owner is not latest

        return sorted(PRIORITY, key=demoted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def natural_width(self, column: int) -> int:
        """Room for the column's title and its usual content, at the view's font."""
        model = self._view.model()
        metrics = QFontMetrics(self._view.horizontalHeader().font())
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
        pad = 4 * metrics.averageCharWidth()  # margins, and room for the sort arrow
        text = max(metrics.horizontalAdvance(SAMPLES[column]), metrics.horizontalAdvance(title))
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
        name_width = max(name_width, self.natural_width(COL_PID))
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_NAME, name_width)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.Stretch)
        left = room - name_width - self.natural_width(COL_STATUS)

        shown: dict[int, int] = {}  # column -> width
        for column in self._priority():
            wanted_by = ONLY_FOR.get(column)
            if wanted_by is not None and self._experiments and wanted_by not in self._experiments:
                continue
            width = self.natural_width(column)
            if width > left:
                break  # strictly by priority: a narrow Run never displaces Bytes
            shown[column] = width
            left -= width
        for column in PRIORITY:
            header.setSectionHidden(column, column not in shown)
            if column in shown:
                # Exactly the width counted above, so the sum really fits.
                header.resizeSection(column, shown[column])
