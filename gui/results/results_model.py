"""The results table's model: one row per job, one separator row per run.

Both experiments share it. Rows are built from the event stream (see
``workers/events.py``) in batches: :meth:`ResultsModel.apply_events` turns a
whole batch into one row insertion and one ``dataChanged`` range, so a run of
1000 processes with thousands of events a second costs the GUI thread a few
signals per batch, not a few per event.

Sorting happens in the model and stays live (like a proxy with
``dynamicSortFilter``): each run's rows are sorted under its separator, runs
keep the order in which they started, and ties keep job order. Sorting by
column -1 (or by Run) restores job order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor

from gui.results.job_rows import (
    JOB_EVENTS,
    STATE_RANK,
    STATES,
    JobRow,
    RunBlock,
    Separator,
    clock,
    fold_event,
)
from gui.style.theme import Theme, get_theme
from workers.events import (
    AsCompletedTimedOut,
    Event,
    Experiment,
    RunFinished,
    RunStarted,
)

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: a flat table's cells all hang off it

(
    COL_RUN,
    COL_NAME,
    COL_PID,
    COL_N,
    COL_SQUARE,
    COL_HTTP,
    COL_BYTES,
    COL_STARTED,
    COL_FINISHED,
    COL_DURATION,
    COL_STATUS,
) = range(11)
COLUMN_COUNT = 11
#: Columns holding numbers (and clock times): right-aligned, sorted numerically.
NUMERIC_COLUMNS = frozenset(range(COL_RUN, COL_DURATION + 1)) - {COL_NAME}

#: Raw value of a cell (int, float, str or None), for sorting and tests.
SortRole = Qt.ItemDataRole.UserRole
#: The job's state word ("pending", "running", "done", …), untranslated.
StateRole = Qt.ItemDataRole.UserRole + 1
#: A separator row's full text (None on job rows).
SeparatorTextRole = Qt.ItemDataRole.UserRole + 2

#: JobRow attribute behind each column.
_FIELDS = ("run_id", "name", "pid", "n", "square", "http", "nbytes")
_FIELDS += ("started", "finished", "duration", "state")
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FLAGS_SEPARATOR = Qt.ItemFlag.ItemIsEnabled
_FLAGS_JOB = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ALIGN_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_TEXT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class ResultsModel(QAbstractTableModel):
    """Jobs of one or more runs, built from batches of events."""

    notice = Signal(str)  # a one-line note for people, e.g. as_completed() timed out

    def __init__(self, parent: QObject | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self._theme = theme if theme is not None else get_theme()
        self._rows: list[JobRow | Separator] = []
        self._jobs: dict[tuple[int, int], JobRow] = {}
        self._runs: dict[int, RunBlock] = {}  # in the order runs appear in the table
        self._append_runs = True
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._locale = QLocale()
        self._retranslate_words()
        self._on_theme_changed()
        self._theme.changed.connect(self._on_theme_changed)  # colours and fonts follow it

    # -- settings ---------------------------------------------------------

    def set_append_runs(self, append: bool) -> None:
        """True: runs pile up under separators; False: a new run first clears
        away the finished ones (a run still going keeps its rows)."""
        self._append_runs = append

    def append_runs(self) -> bool:
        return self._append_runs

    def retranslate(self) -> None:
        """Re-read translated words after a translator was installed."""
        self._retranslate_words()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        self._all_changed()

    # -- queries ----------------------------------------------------------

    def is_separator(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and isinstance(self._rows[row], Separator)

    def separator_rows(self) -> list[int]:
        return [b.separator.row for b in self._runs.values() if b.separator is not None]

    def separator_text(self, row: int) -> str:
        item = self._rows[row]
        return self._separator_text(item) if isinstance(item, Separator) else ""

    def row_for_job(self, run_id: int, job_id: int) -> int | None:
        job = self._jobs.get((run_id, job_id))
        return job.row if job is not None and job.row >= 0 else None

    def job_count(self) -> int:
        return len(self._jobs)

    def counts_by_state(self, run_id: int | None = None) -> dict[str, int]:
        """How many jobs are in each state, for one run or all of them."""
        total = dict.fromkeys(STATES, 0)
        for block in self._runs.values():
            if run_id is None or block.run_id == run_id:
                for state, count in block.counts.items():
                    total[state] += count
        return total

    def job_rows(self) -> Iterator[JobRow]:
        """Copies of the job rows in table order."""
        for item in self._rows:
            if isinstance(item, JobRow):
                yield replace(item)

    def sort_column(self) -> int:
        return self._sort_column

    # -- changes ----------------------------------------------------------

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self._jobs.clear()
        self._runs.clear()
        self.endResetModel()

    def apply_events(self, events: Iterable[Event]) -> None:
        """Apply a batch: one insertion for its new rows, one dataChanged for
        the rows it touched, at most one re-sort."""
        new: dict[int, list[JobRow | Separator]] = {}  # run_id -> rows to insert
        touched: list[int] = []  # rows already in the table
        notes: list[str] = []
        for ev in events:
            if isinstance(ev, RunStarted):
                if self._append_runs:
                    if ev.run_id not in self._runs:
                        sep = Separator(ev.run_id, started=ev)
                        self._runs[ev.run_id] = RunBlock(ev.run_id, ev.experiment, sep)
                        new[ev.run_id] = [sep]
                    continue
                if self._drop_finished_runs():
                    touched.clear()  # the reset repaints everything anyway
                self._runs.setdefault(ev.run_id, RunBlock(ev.run_id, ev.experiment))
            elif isinstance(ev, RunFinished):
                block = self._runs.get(ev.run_id)
                if block is not None:
                    block.finished = True
                if block is not None and block.separator is not None:
                    block.separator.finished = ev
                    if block.separator.row >= 0:
                        touched.append(block.separator.row)
            elif isinstance(ev, AsCompletedTimedOut):
                notes.append(self._timeout_note(ev))
            elif isinstance(ev, JOB_EVENTS):
                key = (ev.run_id, ev.job_id)
                job = self._jobs.get(key)
                if job is None:
                    job = self._new_job(ev, new)
                elif job.row >= 0:
                    touched.append(job.row)
                state = fold_event(job, ev)
                if state is not None:
                    self._set_state(job, state)
        if touched:
            # Before inserting: an insertion in the middle would shift these rows.
            last = self.index(max(touched), COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(min(touched), 0), last)
        for run_id, rows in new.items():
            self._insert(run_id, rows)
        if self._sort_column >= 0 and (touched or new):
            self._sort_runs()
        for note in notes:
            self.notice.emit(note)

    def _drop_finished_runs(self) -> bool:
        """Clear mode's clearing: finished runs go, a run still going (the
        other experiment's) keeps its rows. True if the model was reset."""
        keep = [b for b in self._runs.values() if not b.finished]
        if len(keep) == len(self._runs):
            return False
        self.beginResetModel()
        blocks: dict[int, list[JobRow | Separator]] = {}
        start = 0
        for block in self._runs.values():
            blocks[block.run_id] = self._rows[start : start + block.length]
            start += block.length
        self._rows = [item for b in keep for item in blocks[b.run_id]]
        for i, item in enumerate(self._rows):
            item.row = i
        self._runs = {b.run_id: b for b in keep}
        self._jobs = {k: j for k, j in self._jobs.items() if k[0] in self._runs}
        self.endResetModel()
        return True

    def _new_job(self, ev: Event, new: dict[int, list[JobRow | Separator]]) -> JobRow:
        block = self._runs.get(ev.run_id)
        if block is None:
            # A job of a run whose RunStarted never came (or was cleared away).
            block = self._runs[ev.run_id] = RunBlock(ev.run_id)
        job = JobRow(ev.run_id, ev.job_id, name=ev.label)  # type: ignore[attr-defined]
        if block.experiment is Experiment.NAMED and job.name.isdigit():
            # The lesson names each process after its argument: Process(name=str(i), args=(i,)).
            job.n = int(job.name)
        self._jobs[(job.run_id, job.job_id)] = job
        block.counts["pending"] += 1
        new.setdefault(ev.run_id, []).append(job)
        return job

    def _set_state(self, job: JobRow, state: str) -> None:
        counts = self._runs[job.run_id].counts
        counts[job.state] -= 1
        counts[state] += 1
        job.state = state

    def _insert(self, run_id: int, rows: list[JobRow | Separator]) -> None:
        block = self._runs.get(run_id)
        if block is None:  # cleared by a later RunStarted in clear mode
            return
        start = 0
        for other in self._runs.values():
            if other is block:
                break
            start += other.length
        pos = start + block.length
        self.beginInsertRows(_ROOT, pos, pos + len(rows) - 1)
        self._rows[pos:pos] = rows
        block.length += len(rows)
        for i in range(pos, len(self._rows)):
            self._rows[i].row = i
        self.endInsertRows()

    # -- sorting ----------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort each run's rows by ``column`` (-1: job order); kept as rows change."""
        self._sort_column, self._sort_order = column, order
        self._sort_runs()

    def _sort_runs(self) -> None:
        ordered: list[JobRow | Separator] = []
        start = 0
        for block in self._runs.values():
            chunk = self._rows[start : start + block.length]
            start += block.length
            head = [r for r in chunk if isinstance(r, Separator)]
            ordered += head + self._sorted_jobs([r for r in chunk if isinstance(r, JobRow)])
        if all(a is b for a, b in zip(ordered, self._rows, strict=True)):
            return  # already in order: no layout change for the view to redo
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        self._rows = ordered
        for i, item in enumerate(ordered):
            item.row = i
        persistent = self.persistentIndexList()
        moved = [self.index(old_rows[p.row()].row, p.column()) for p in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _sorted_jobs(self, jobs: list[JobRow]) -> list[JobRow]:
        jobs.sort(key=lambda j: j.job_id)
        if self._sort_column < 0:
            return jobs
        known = [j for j in jobs if self._raw(j, self._sort_column) is not None]
        unknown = [j for j in jobs if self._raw(j, self._sort_column) is None]
        # Python's sort stays stable with reverse=True, so ties keep job order;
        # empty cells go last either way.
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        known.sort(key=lambda j: self._sort_key(j, self._sort_column), reverse=descending)
        return known + unknown

    def _sort_key(self, job: JobRow, column: int) -> Any:
        if column == COL_STATUS:
            return STATE_RANK[job.state]
        if column == COL_NAME:
            # "2" before "10": process names are numbers; URLs compare as text.
            return (0, int(job.name), "") if job.name.isdigit() else (1, 0, job.name.lower())
        return self._raw(job, column)

    # -- Qt model API -----------------------------------------------------

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], Separator):
            return _FLAGS_SEPARATOR  # headings are not copied with the jobs
        return _FLAGS_JOB

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        # Called for every visible cell and role on each repaint: plain int
        # comparisons first, no enum lookups.
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = index.column()
        if isinstance(item, Separator):
            return self._separator_data(item, column, role)
        if role == _DISPLAY:
            return self._display(item, column)
        if role == _BACKGROUND:
            return self._bg[item.state]
        if role == _FOREGROUND:
            return self._state_fg[item.state] if column == COL_STATUS else self._text
        if role == _ALIGNMENT:
            return _ALIGN_NUMBER if column in NUMERIC_COLUMNS else _ALIGN_TEXT
        if role == _TOOLTIP:
            return self._tooltip(item, column)
        if role == SortRole:
            return self._raw(item, column)
        if role == StateRole:
            return item.state
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_NUMBER if section in NUMERIC_COLUMNS else _ALIGN_TEXT
        return None

    # -- cell contents ----------------------------------------------------

    @staticmethod
    def _raw(job: JobRow, column: int) -> Any:
        return getattr(job, _FIELDS[column])

    def _display(self, job: JobRow, column: int) -> str:
        if column == COL_STATUS:
            return self.status_text(job)
        if column in (COL_STARTED, COL_FINISHED):
            return clock(self._raw(job, column))
        value = self._raw(job, column)
        if value is None:
            return ""
        if column == COL_DURATION:
            return f"{value:.3f}"
        if column == COL_BYTES:
            return self._locale.toString(value)  # grouped digits where the locale groups them
        return str(value)

    def status_text(self, job: JobRow) -> str:
        """The Status cell: the state in words, with the cause when it went wrong."""
        if job.state == "failed" and job.reason:
            return self._failed_fmt.format(reason=job.reason)
        if job.state == "killed" and job.signal_name:
            return self._killed_fmt.format(signal=job.signal_name)
        return self._words[job.state]

    def _tooltip(self, job: JobRow, column: int) -> str | None:
        if job.state in ("failed", "killed", "cancelled") and job.reason:
            return f"{job.reason}\n\n{job.detail}" if job.detail else job.reason
        if column == COL_NAME and job.name:
            return job.name  # a long URL is elided in the cell
        return None

    def _separator_data(self, sep: Separator, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, SeparatorTextRole):
            return self._separator_text(sep) if column == 0 or role == SeparatorTextRole else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._sep_bg
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._text
        if role == Qt.ItemDataRole.FontRole:
            return self._sep_font
        if role == Qt.ItemDataRole.ToolTipRole and sep.started is not None:
            s = sep.started
            tip = self.tr("parent PID {pid}").format(pid=s.parent_pid)
            return f"{tip} · {s.detail}" if s.detail else tip
        return None

    def _separator_text(self, sep: Separator) -> str:
        s = sep.started
        if s is None:
            return self.tr("Run {run}").format(run=sep.run_id)
        if s.experiment is Experiment.POOL:
            what = self.tr("process pool")
            size = self.tr("{n} URLs").format(n=s.total) if s.total != 1 else self.tr("1 URL")
            size += " · " + self.tr("{n} workers").format(n=s.workers)
        else:
            what = self.tr("named processes")
            size = (
                self.tr("{n} processes").format(n=s.total) if s.total != 1 else self.tr("1 process")
            )
        parts = [
            self.tr("Run {run}").format(run=s.run_id),
            what,
            size,
            s.start_method,
            clock(s.t_wall, False),
        ]
        f = sep.finished
        if f is not None:
            parts.append(
                self.tr("{done} of {total} done in {s:.2f} s").format(
                    done=f.done, total=f.total, s=f.elapsed
                )
            )
        return " · ".join(parts)

    def _timeout_note(self, ev: AsCompletedTimedOut) -> str:
        labels = ", ".join(ev.pending[:5]) + (" …" if len(ev.pending) > 5 else "")
        return self.tr(
            "as_completed(timeout={timeout:g}) raised TimeoutError with {count} still pending "
            "({labels}); the run goes on."
        ).format(timeout=ev.timeout, count=len(ev.pending), labels=labels)

    # -- words, colours and fonts -----------------------------------------

    def _retranslate_words(self) -> None:
        # Cached: data() runs for every visible cell on every repaint.
        self._words = {
            "pending": self.tr("pending"),
            "running": self.tr("running"),
            "done": self.tr("done"),
            "failed": self.tr("failed"),
            "killed": self.tr("killed"),
            "cancelled": self.tr("cancelled"),
        }
        self._failed_fmt = self.tr("failed: {reason}")
        self._killed_fmt = self.tr("killed ({signal})")
        self._titles = (
            self.tr("Run"),
            self.tr("Name"),
            self.tr("PID"),
            self.tr("n"),
            self.tr("n²"),
            self.tr("HTTP"),
            self.tr("Bytes"),
            self.tr("Started"),
            self.tr("Finished"),
            self.tr("Duration (s)"),
            self.tr("Status"),
        )
        self._header_tips = (
            self.tr("Which run the job belongs to"),
            self.tr("The process name given with Process(name=...), or the URL fetched"),
            self.tr("Process ID from the OS: the child, or the pool worker that ran the job"),
            self.tr("The number passed to the process"),
            self.tr("n × n, computed in the child and sent back"),
            self.tr("HTTP status of the page"),
            self.tr("Size of the page"),
            self.tr("Wall-clock time the job started"),
            self.tr("Wall-clock time the job ended"),
            self.tr("Seconds the work took, measured inside the worker"),
            self.tr("What became of the job; hover for the full reason"),
        )

    @Slot()
    def _on_theme_changed(self) -> None:
        pal, theme = self._theme.palette, self._theme
        # The palette keeps ``text`` readable on every state tint; the Status
        # word gets the state's strong colour so the outcome stands out.
        self._text = QColor(pal.text)
        self._bg = {s: QColor(c) for s, c in pal.state_colors.items()}
        self._state_fg = {s: QColor(c) for s, c in pal.state_text_colors.items()}
        self._sep_bg = QColor(pal.separator_background)
        self._sep_font = theme.font(bold=True)
        self._all_changed()

    def _all_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1)
            )
