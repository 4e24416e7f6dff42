"""The results table's sort order, kept live as jobs change.

Each run's jobs are sorted under the run's heading; runs keep the order in
which they started; ties keep job order; empty cells go last in either
direction. Column -1 means job order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from gui.results.cells import Cells
    from workers.record.session import JobRecord


class SortOrderKeeper:
    """Which column the table is sorted by, and how to sort a run's jobs by it."""

    def __init__(self, cells: Cells) -> None:
        self._cells = cells
        self.column = -1
        self.order = Qt.SortOrder.AscendingOrder

    @property
    def active(self) -> bool:
        return self.column >= 0

    def set(self, column: int, order: Qt.SortOrder) -> None:
        self.column, self.order = column, order

    def sorted(self, jobs: list[JobRecord]) -> list[JobRecord]:
        """``jobs`` in this order (a new list)."""
        jobs = sorted(jobs, key=lambda j: j.job_id)
        if self.column < 0:
            return jobs
        column, key = self.column, self._cells.sort_key
        keyed = [(key(j, column), j) for j in jobs]
        known = [(k, j) for k, j in keyed if k is not None]
        unknown = [j for k, j in keyed if k is None]
        # Python's sort stays stable with reverse=True, so ties keep job order.
        descending = self.order == Qt.SortOrder.DescendingOrder
        known.sort(key=lambda pair: pair[0], reverse=descending)
        return [j for _k, j in known] + unknown
