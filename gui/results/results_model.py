"""The results table's model: the session record's jobs, one row each, and a
heading row per run.

Rows are the record's own :class:`~workers.record.session.JobRecord` and
:class:`~workers.record.session.RunRecord` objects, by reference: the model
keeps only which of them are shown, and where. It follows the
:class:`~gui.session_store.SessionStore`'s ``changed`` signal: each batch
becomes at most one ``dataChanged`` range and one row insertion per run, so
a 1000-process run costs the GUI thread a few signals per batch.

*Keep earlier runs* is a filter, not a deletion: with it every run the
record keeps is shown, each under its heading row; without it only the
latest runs (the newest, and any still going when it started) are shown,
without headings. Switching back and forth loses nothing.

Sorting happens here and stays live (like a proxy with
``dynamicSortFilter``), see :mod:`gui.results.sorting`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QColor

from gui import words
from gui.results.blocks import Block, is_job, is_visible
from gui.results.cells import Cells, clock
from gui.results.columns import COL_STATUS, COLUMN_COUNT, COLUMNS
from gui.results.sorting import SortOrderKeeper
from gui.style.theme import Theme, get_theme
from workers.terms import JobState

if TYPE_CHECKING:
    from gui.session_store import SessionStore
    from workers.record.session import JobRecord, RecordChange, RunRecord

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: a flat table's cells all hang off it

#: Raw value of a cell (int, float, str or None), for sorting and tests.
SortRole = Qt.ItemDataRole.UserRole
#: The job's state ("pending", "running", "done", …: JobState values).
StateRole = Qt.ItemDataRole.UserRole + 1
#: A heading row's full text (None on job rows).
SeparatorTextRole = Qt.ItemDataRole.UserRole + 2

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_SORT = int(SortRole)
_STATE = int(StateRole)
_SEPARATOR_TEXT = int(SeparatorTextRole)
_FLAGS_SEPARATOR = Qt.ItemFlag.ItemIsEnabled
_FLAGS_JOB = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ALIGN = [column.alignment for column in COLUMNS]
#: What painting asks of a job row: the texts per column, background, Status colour.
_Look = tuple[tuple[str, ...], QColor, QColor]


class ResultsModel(QAbstractTableModel):
    """Jobs of the shown runs, read from the session record (see the module docstring)."""

    def __init__(
        self, store: SessionStore, parent: QObject | None = None, theme: Theme | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._theme = theme if theme is not None else get_theme()
        self._cells = Cells(lambda: self._store.record)
        self._sorter = SortOrderKeeper(self._cells)
        self._blocks: dict[int, Block] = {}  # run_id -> its rows, in the order runs started
        self._rows: list[RunRecord | JobRecord] = []
        # Per row, what painting asks for (see _job_look); None: not made yet.
        self._looks: list[_Look | None] = []
        self._job_row: dict[tuple[int, int], int] = {}
        self._heading_row: dict[int, int] = {}
        self._show_all = True
        self._latest: list[int] = []  # the runs "Keep earlier runs" unticked shows
        self._titles: list[str] = []
        self._tips: list[str] = []
        self._retranslate_headers()
        self._on_theme_changed()
        self._theme.changed.connect(self._on_theme_changed)  # colours and fonts follow it
        store.changed.connect(self._on_store_changed)  # the record moved on

    # -- settings ---------------------------------------------------------

    def set_show_all_runs(self, show_all: bool) -> None:
        """True: every kept run, each under its heading; False: the latest
        runs only (a run still going keeps its rows). Nothing is deleted."""
        if show_all != self._show_all:
            self._show_all = show_all
            self._rebuild()

    def shows_all_runs(self) -> bool:
        return self._show_all

    def retranslate(self) -> None:
        """Re-read translated words after a translator was installed."""
        self._cells.retranslate()
        self._retranslate_headers()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        self._all_changed()

    # -- queries ----------------------------------------------------------

    def is_separator(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and not is_job(self._rows[row])

    def separator_rows(self) -> list[int]:
        return sorted(self._heading_row.values())

    def separator_text(self, row: int) -> str:
        item = self.run_at(row) if self.is_separator(row) else None
        return self._heading_text(item) if item is not None else ""

    def run_at(self, row: int) -> RunRecord | None:
        """The run of a heading row, or of a job row."""
        if not 0 <= row < len(self._rows):
            return None
        item = self._rows[row]
        return self._store.record.run(item.run_id) if is_job(item) else item  # type: ignore[return-value]

    def job_at(self, row: int) -> JobRecord | None:
        item = self._rows[row] if 0 <= row < len(self._rows) else None
        return item if item is not None and is_job(item) else None  # type: ignore[return-value]

    def row_for_job(self, run_id: int, job_id: int) -> int | None:
        return self._job_row.get((run_id, job_id))

    def jobs(self) -> Iterator[JobRecord]:
        """The shown jobs in table order: the record's own objects."""
        for block in self._blocks.values():
            yield from block.jobs

    def job_count(self) -> int:
        return len(self._job_row)

    def shown_run_ids(self) -> list[int]:
        return list(self._blocks)

    def sort_column(self) -> int:
        return self._sorter.column

    def cells(self) -> Cells:
        return self._cells

    # -- following the record -----------------------------------------------

    @Slot(object)
    def _on_store_changed(self, change: RecordChange) -> None:
        record = self._store.record
        for run_id in change.new_runs:
            self._note_new_run(run_id)
        dropped = any(r in self._blocks for r in change.dropped_runs)
        if dropped:
            self._latest = [r for r in self._latest if record.run(r) is not None]
        if dropped or (not self._show_all and any(r not in self._latest for r in self._blocks)):
            # Runs leave the table (dropped by the record, or hidden as a new
            # run starts): rebuilt at once, which reads this batch too.
            self._rebuild()
            return
        self._apply_change(change)

    def _note_new_run(self, run_id: int) -> None:
        """The latest runs: this one, and those still going when it started."""
        record = self._store.record
        going = [r for r in self._latest if (run := record.run(r)) and not run.is_finished]
        self._latest = [*going, run_id]

    def _apply_change(self, change: RecordChange) -> None:
        record = self._store.record
        new: dict[int, list[RunRecord | JobRecord]] = {}
        touched: list[int] = []
        for run_id in change.new_runs:
            run = record.run(run_id)
            if run is not None and run_id not in self._blocks and self._shown(run_id):
                self._blocks[run_id] = Block(run, heading=self._show_all)
                new[run_id] = [run] if self._show_all else []
        for run_id, job_id in change.changed_jobs:
            block = self._blocks.get(run_id)
            if block is None:
                continue
            if job_id in block.seen:
                touched.append(self._job_row[(run_id, job_id)])
            else:
                block.seen.add(job_id)
                new.setdefault(run_id, []).append(block.run.jobs[job_id])
        # Heading rows say how the run is going: refresh them as it stops or ends.
        for run_id in {*change.finished_runs, *change.stopping_runs}:
            row = self._heading_row.get(run_id)
            if row is not None:
                touched.append(row)
        for row in touched:
            self._looks[row] = None
        if touched:
            # Before inserting: an insertion in the middle would shift these rows.
            last = self.index(max(touched), COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(min(touched), 0), last)
        for run_id, block in self._blocks.items():  # in table order: earlier rows first
            rows = new.get(run_id)
            if rows:
                self._insert(block, rows)
        if self._sorter.active and (touched or new):
            self._resort()

    def _shown(self, run_id: int) -> bool:
        return self._show_all or run_id in self._latest

    def _insert(self, block: Block, rows: list[RunRecord | JobRecord]) -> None:
        """Insert ``rows`` at the end of ``block`` (a new block: all of it)."""
        start = 0
        for other in self._blocks.values():
            if other is block:
                break
            start += other.length
        # A new block's heading is counted in its length before it is inserted.
        pos = start if rows[0] is block.run else start + block.length
        self.beginInsertRows(_ROOT, pos, pos + len(rows) - 1)
        block.jobs.extend(r for r in rows if is_job(r))  # type: ignore[misc]
        self._rows[pos:pos] = rows
        self._index_rows(pos)
        self.endInsertRows()

    def _rebuild(self) -> None:
        """Rows from the record, from scratch (filter switched, runs dropped)."""
        self.beginResetModel()
        self._blocks = {}
        for run in self._store.record.runs():
            if self._shown(run.run_id):
                jobs = [job for job in run.jobs if is_visible(job)]
                block = Block(run, heading=self._show_all, jobs=self._sorter.sorted(jobs))
                block.seen = {job.job_id for job in jobs}
                self._blocks[run.run_id] = block
        self._rows = [row for block in self._blocks.values() for row in block.rows()]
        self._index_rows(0)
        self.endResetModel()

    def _index_rows(self, start: int) -> None:
        if start == 0:
            self._job_row.clear()
            self._heading_row.clear()
        # Rows from ``start`` on moved or are new: their looks are made again.
        del self._looks[start:]
        self._looks.extend([None] * (len(self._rows) - start))
        for i in range(start, len(self._rows)):
            item = self._rows[i]
            if is_job(item):
                self._job_row[(item.run_id, item.job_id)] = i  # type: ignore[union-attr]
            else:
                self._heading_row[item.run_id] = i

    # -- sorting ----------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort each run's rows by ``column`` (-1: job order); kept as rows change."""
        self._sorter.set(column, order)
        self._resort()

    def _resort(self) -> None:
        for block in self._blocks.values():
            block.jobs = self._sorter.sorted(block.jobs)
        ordered = [row for block in self._blocks.values() for row in block.rows()]
        if all(a is b for a, b in zip(ordered, self._rows, strict=True)):
            return  # already in order: no layout change for the view to redo
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        self._rows = ordered
        self._index_rows(0)
        persistent = self.persistentIndexList()
        moved = [self.index(self._row_of(old_rows[p.row()]), p.column()) for p in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _row_of(self, item: RunRecord | JobRecord) -> int:
        if is_job(item):
            return self._job_row[(item.run_id, item.job_id)]  # type: ignore[union-attr]
        return self._heading_row[item.run_id]

    # -- Qt model API -----------------------------------------------------

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        row = index.row()
        if row < 0:  # the invalid index
            return Qt.ItemFlag.NoItemFlags
        if self._looks[row] is not None or is_job(self._rows[row]):
            return _FLAGS_JOB
        return _FLAGS_SEPARATOR  # headings are not copied with the jobs

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        # Job cells are painted from look() (JobCellDelegate); data() gives
        # the same look to everyone else: copying, tooltips, tests.
        row = index.row()
        if row < 0:  # the invalid index
            return None
        look = self.look(row)
        if look is None:
            return self._heading_data(self._rows[row], index.column(), role)  # type: ignore[arg-type]
        if role == _DISPLAY:
            return look[0][index.column()]
        if role == _BACKGROUND:
            return look[1]
        if role == _FOREGROUND:
            return look[2] if index.column() == COL_STATUS else self._text
        if role == _ALIGNMENT:
            return _ALIGN[index.column()]
        if role == _FONT:
            return None
        job: JobRecord = self._rows[row]  # type: ignore[assignment]
        column = index.column()
        if role == _TOOLTIP:
            return self._cells.tooltip(job, column)
        if role == _SORT:
            return self._cells.raw(job, column)
        if role == _STATE:
            return job.state.value
        return None

    def look(self, row: int) -> _Look | None:
        """What painting needs of job row ``row`` (None for a heading row)."""
        look = self._looks[row]
        if look is None:
            item = self._rows[row]
            if not is_job(item):
                return None
            look = self._looks[row] = self._job_look(item)  # type: ignore[arg-type]
        return look

    @property
    def text_color(self) -> QColor:
        """The text colour of every cell but Status."""
        return self._text

    @staticmethod
    def alignment(column: int) -> Qt.AlignmentFlag:
        return _ALIGN[column]

    def _job_look(self, job: JobRecord) -> _Look:
        """A job row's texts, background and Status colour."""
        texts = tuple(self._cells.text(job, column) for column in range(COLUMN_COUNT))
        return texts, self._bg[job.state], self._state_fg[job.state]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN[section]
        return None

    # -- heading rows -------------------------------------------------------

    def _heading_data(self, run: RunRecord, column: int, role: int) -> Any:
        if role in (_DISPLAY, _SEPARATOR_TEXT):
            return self._heading_text(run) if column == 0 or role == _SEPARATOR_TEXT else None
        if role == _BACKGROUND:
            return self._sep_bg
        if role == _FOREGROUND:
            return self._text
        if role == _FONT:
            return self._sep_font
        if role == _TOOLTIP:
            return words.run_tooltip(run)
        return None

    def _heading_text(self, run: RunRecord) -> str:
        started = clock(self._store.record.wall_time(run.started_mono), millis=False)
        return words.run_title(run, started)

    # -- words, colours and fonts -----------------------------------------

    def _retranslate_headers(self) -> None:
        self._titles = [column.header_text() for column in COLUMNS]
        self._tips = [column.header_tip() for column in COLUMNS]

    @Slot()
    def _on_theme_changed(self) -> None:
        pal, theme = self._theme.palette, self._theme
        # The palette keeps ``text`` readable on every state tint; the Status
        # word gets the state's strong colour so the outcome stands out.
        self._text = QColor(pal.text)
        self._bg = {s: QColor(pal.state_colors[s.value]) for s in JobState}
        self._state_fg = {s: QColor(pal.state_text_colors[s.value]) for s in JobState}
        self._sep_bg = QColor(pal.separator_background)
        self._sep_font = theme.font(bold=True)
        self._all_changed()

    def _all_changed(self) -> None:
        self._looks = [None] * len(self._rows)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1)
            )
