"""The process inspector's model: one row per process of the app's tree
(and, when asked for, one per thread under its process), from the latest
:class:`~workers.process_tree.TreeSnapshot`.

Each snapshot is merged into the rows already shown, so selection and
scrolling survive a refresh: rows that went are removed, new ones inserted
where the tree puts them, and ``dataChanged`` covers only the rows whose
shown values changed (with 500 sleeping children, usually a handful).
Cells are made into text only when the view asks for them, which is for
the rows on screen.

Python names come from the session record (:class:`~workers.process_names.PythonNames`,
kept up to date from the store's ``changed`` signal), matched by PID.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QFont

from gui.style.theme import Theme, get_theme
from gui.words import processes as words
from workers.process_names import PythonNames, RecordedName
from workers.process_tree import ProcessInfo, Role, ThreadInfo, TreeSnapshot

if TYPE_CHECKING:
    from gui.session_store import SessionStore
    from workers.record.session import RecordChange

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

(COL_PID, COL_PPID, COL_NAME, COL_TITLE, COL_STATE, COL_CPU, COL_RSS, COL_AGE) = range(8)
COLUMN_COUNT = 8
#: A process that appeared less than this long ago is highlighted.
NEW_HIGHLIGHT_S = 2.0
#: The row's ProcessInfo or ThreadInfo (for tests and callers).
InfoRole = Qt.ItemDataRole.UserRole
#: "process" or "thread".
KindRole = Qt.ItemDataRole.UserRole + 1

_NUMERIC = frozenset((COL_PID, COL_PPID, COL_CPU, COL_RSS, COL_AGE))
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_INFO = int(InfoRole)
_KIND = int(KindRole)
_SERVED = frozenset((_DISPLAY, _ALIGNMENT, _FOREGROUND, _BACKGROUND, _FONT, _TOOLTIP, _INFO, _KIND))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(slots=True)
class Row:
    """One row: a process, or a thread of the process ``pid``."""

    key: tuple  # ("p", pid, start time) or ("t", pid, tid): what stays the same across snapshots
    info: ProcessInfo | ThreadInfo
    pid: int  # the process (for a thread: the process it belongs to)
    depth: int  # indentation of the PID column
    name: str  # the Python name column
    source: RecordedName | Role | int | None  # what the name's tooltip tells about
    age: float  # seconds, at the snapshot (frozen once it exited)
    new: bool  # highlighted as just started
    #: What is shown, to tell what changed: (the row's look, then one value
    #: per column), so a refresh repaints only the cells that changed.
    signature: tuple


def _process_row(
    info: ProcessInfo, t_mono: float, offset: float, names: PythonNames, pool_names: dict
) -> Row:
    """``offset``: wall-clock minus monotonic time now; ``pool_names``: the
    words for each run's pool workers, made once per snapshot."""
    created_mono = info.created - offset
    source: RecordedName | Role | None
    if info.role is Role.CHILD:
        source = names.lookup(info.pid, created_mono)
        if source is None:
            name = ""
        elif source.pool:
            name = pool_names.get(source.run_ordinal) or pool_names.setdefault(
                source.run_ordinal, words.pool_worker_name(source.run_ordinal)
            )
        else:
            name = source.name
    else:
        source, name = info.role, words.role_name(info.role)
    end = info.exited if info.exited is not None else t_mono
    age = max(0.0, end - created_mono)
    new = info.new and info.exited is None and t_mono - info.first_seen < NEW_HIGHLIGHT_S
    signature = (
        (new, info.exited is None),
        info.depth,
        info.ppid,
        name,
        info.os_name,
        info.status,
        round(info.cpu, 1),
        info.rss // 100_000,  # shown in tenths of a MB
        int(age),
    )
    key = ("p", info.pid, info.created)
    return Row(key, info, info.pid, info.depth, name, source, age, new, signature)


def _thread_row(thread: ThreadInfo, process: ProcessInfo) -> Row:
    cpu = round(thread.cpu, 1)
    signature = ((), process.depth, process.pid, thread.name, thread.os_name, "", cpu, 0, 0)
    key = ("t", process.pid, thread.tid)
    depth = process.depth + 1
    return Row(key, thread, process.pid, depth, thread.name, thread.tid, 0.0, False, signature)


def _changed_span(before: tuple, after: tuple) -> tuple[int, int] | None:
    """The first and last column whose shown value differs, None if none."""
    if before == after:
        return None
    if before[0] != after[0]:
        return 0, COLUMN_COUNT - 1  # the row's look: every cell
    changed = [c for c in range(COLUMN_COUNT) if before[c + 1] != after[c + 1]]
    return changed[0], changed[-1]


class ProcessTableModel(QAbstractTableModel):
    """The inspector's rows; see the module docstring. GUI thread only."""

    def __init__(
        self,
        store: SessionStore | None = None,
        parent: QObject | None = None,
        theme: Theme | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme if theme is not None else get_theme()
        self._rows: list[Row] = []
        self._names = PythonNames()
        self._store = store
        self._headers = words.column_titles()
        self._header_tips = words.column_tips()
        self._italic = QFont()
        self._italic.setItalic(True)
        self.snapshot: TreeSnapshot | None = None
        self._muted = self._theme.color("muted_text")  # an exited process, a thread
        self._new_background = self._theme.color("state_colors.running")  # a new process
        if store is not None:
            self._names.add_runs(store.record)
            store.changed.connect(self._on_store_changed)
        self._theme.changed.connect(self._on_theme_changed)

    # -- data in -------------------------------------------------------------

    @Slot(object)
    def _on_store_changed(self, change: RecordChange) -> None:
        if self._store is not None:
            self._names.add_change(self._store.record, change)

    @Slot(object)
    def apply(self, snapshot: TreeSnapshot) -> None:
        """Show ``snapshot``, changing only what changed (see the module docstring)."""
        self.snapshot = snapshot
        rows: list[Row] = []
        offset = time.time() - time.monotonic()
        pool_names: dict[int, str] = {}
        for info in snapshot.processes:
            rows.append(_process_row(info, snapshot.t_mono, offset, self._names, pool_names))
            if snapshot.threads_listed:
                rows += (_thread_row(thread, info) for thread in info.threads)
        self._merge(rows)

    def _merge(self, rows: list[Row]) -> None:
        old_keys = [row.key for row in self._rows]
        new_keys = [row.key for row in rows]
        if old_keys == new_keys:
            self._update(rows)
            return
        new_set, old_set = set(new_keys), set(old_keys)
        kept_old = [k for k in old_keys if k in new_set]
        if kept_old != [k for k in new_keys if k in old_set]:
            # The kept rows changed order (a process moved in the tree): start over.
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        # Remove the rows that went, bottom up, one block at a time.
        i = len(self._rows)
        while i > 0:
            if self._rows[i - 1].key in new_set:
                i -= 1
                continue
            end = i
            while i > 0 and self._rows[i - 1].key not in new_set:
                i -= 1
            self.beginRemoveRows(_ROOT, i, end - 1)
            del self._rows[i:end]
            self.endRemoveRows()
        # Insert the new ones where they belong, top down, one block at a time.
        j = 0
        while j < len(rows):
            if rows[j].key in old_set:
                j += 1
                continue
            start = j
            while j < len(rows) and rows[j].key not in old_set:
                j += 1
            self.beginInsertRows(_ROOT, start, j - 1)
            self._rows[start:start] = rows[start:j]
            self.endInsertRows()
        self._update(rows)

    def _update(self, rows: list[Row]) -> None:
        """Take ``rows`` (same keys, same order as shown) and repaint the
        cells that changed: one ``dataChanged`` per run of rows whose
        changed columns are the same (usually CPU and age)."""
        old, self._rows = self._rows, rows
        run_start, run_span = 0, None
        for i, (before, after) in enumerate(zip(old, rows, strict=True)):
            span = _changed_span(before.signature, after.signature)
            if span != run_span:
                if run_span is not None:
                    self._changed(run_start, i - 1, run_span)
                run_start, run_span = i, span
        if run_span is not None:
            self._changed(run_start, len(rows) - 1, run_span)

    def _changed(self, first: int, last: int, columns: tuple[int, int]) -> None:
        self.dataChanged.emit(self.index(first, columns[0]), self.index(last, columns[1]))

    # -- reading -------------------------------------------------------------

    def rows(self) -> list[Row]:
        """The rows as shown, top to bottom."""
        return list(self._rows)

    def process_rows(self) -> list[Row]:
        return [row for row in self._rows if row.key[0] == "p"]

    def row_of_pid(self, pid: int) -> Row | None:
        """The process row of ``pid`` (its newest, if the PID was used twice)."""
        found = None
        for row in self._rows:
            if row.key[0] == "p" and row.pid == pid:
                found = row
        return found

    # -- QAbstractTableModel -------------------------------------------------

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked for every role of every cell painted: the roles not served
        # here are turned away first, with plain ints (enum compares cost).
        role = int(role)
        if role not in _SERVED:
            return None
        i = index.row()
        if not 0 <= i < len(self._rows) or not index.isValid():
            return None
        row = self._rows[i]
        column = index.column()
        info = row.info
        thread = isinstance(info, ThreadInfo)
        if role == _DISPLAY:
            if thread:
                return self._thread_text(row, info, column)
            return self._process_text(row, info, column)
        if role == _ALIGNMENT:
            return _RIGHT if column in _NUMERIC and column != COL_PID else _LEFT
        gone = not thread and info.exited is not None
        if role == _FOREGROUND:
            # Greyed: it exited (or it is a thread, below its process).
            return self._muted if gone or thread else None
        if role == _BACKGROUND:
            return self._new_background if row.new else None
        if role == _FONT:
            return self._italic if gone else None
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == _INFO:
            return info
        return "thread" if thread else "process"  # _KIND

    def _process_text(self, row: Row, info: ProcessInfo, column: int) -> str:
        if column == COL_PID:
            return "    " * max(0, row.depth - 1) + ("└ " if row.depth else "") + str(info.pid)
        if column == COL_PPID:
            return str(info.ppid) if info.ppid else ""
        if column == COL_NAME:
            return row.name
        if column == COL_TITLE:
            return info.os_name
        if column == COL_STATE:
            return words.status_word(info.status)
        if column == COL_CPU:
            return words.cpu_text(info.cpu) if info.exited is None else ""
        if column == COL_RSS:
            return words.rss_text(info.rss) if info.rss else ""
        if column == COL_AGE:
            return words.age_text(row.age)
        return ""

    def _thread_text(self, row: Row, info: ThreadInfo, column: int) -> str:
        if column == COL_PID:
            return "    " * max(0, row.depth - 1) + "· " + str(info.tid)
        if column == COL_PPID:
            return str(row.pid)
        if column == COL_NAME:
            return info.name
        if column == COL_TITLE:
            return info.os_name
        if column == COL_STATE:
            return words.thread_state()
        if column == COL_CPU:
            return words.cpu_text(info.cpu)
        return ""

    def _tooltip(self, row: Row, column: int) -> str | None:
        info = row.info
        if isinstance(info, ThreadInfo):
            return words.thread_tip(info.tid) if column in (COL_PID, COL_NAME) else None
        if column == COL_NAME:
            return self._name_tip(row.source)
        if column == COL_TITLE:
            return words.cmdline_tip(info.cmdline)
        if column == COL_STATE:
            return words.status_tip(info.status) or None
        return None

    @staticmethod
    def _name_tip(source: object) -> str | None:
        if isinstance(source, Role):
            return words.role_tip(source) or None
        if isinstance(source, RecordedName):
            if source.pool:
                return words.pool_worker_name(source.run_ordinal)
            return words.named_child_tip(source.name, source.run_ordinal)
        return None

    @Slot()
    def _on_theme_changed(self) -> None:
        self._muted = self._theme.color("muted_text")
        self._new_background = self._theme.color("state_colors.running")
        if self._rows:  # colours follow the palette
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COL_AGE))

    def retranslate(self) -> None:
        self._headers = words.column_titles()
        self._header_tips = words.column_tips()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
