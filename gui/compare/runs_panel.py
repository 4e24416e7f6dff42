"""The "Compare runs" tab: the session's finished runs as a small table, and
the chosen ones side by side as bars.

Per run: its settings, wall time, start-up cost (first start to last start,
and per process), peak and mean CPU, the most workers alive at once, and how
busy its workers were (hover the cell for each worker's busy and idle time).
Every measurement is :mod:`workers.record.run_stats`' reading of the
session record, the same the command line's ``--summary`` prints. A run's
check box chooses it for the bars; *Only chosen* hides the others.

The bars need pyqtgraph, so they are made when the tab is first shown,
never while the window opens. The table follows the store: a row appears
when a run finishes, and its CPU figures are read again once the sample
covering the run's last moments has come in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import words
from workers.terms import Experiment

if TYPE_CHECKING:
    from gui.compare.bar_chart import RunBars
    from gui.session_store import SessionStore
    from workers.record.run_stats import RunStats
    from workers.record.session import RecordChange

#: A run's worker list in its tooltip stops after this many.
MAX_WORKERS_IN_TIP = 12


def _seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.3g} ms" if value < 1 else f"{value:.2f} s"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} %"


def _count(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


class CompareRunsPanel(QWidget):
    """The table and the bars (see the module docstring)."""

    def __init__(self, store: SessionStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareRunsPanel")
        self._store = store
        self._stats: dict[int, RunStats] = {}  # run id -> its measurements, finished runs
        self._chosen: dict[int, bool] = {}  # run id -> its check box
        self._awaiting_samples: set[int] = set()  # runs whose last CPU sample is yet to come
        self.chart: RunBars | None = None  # made when first shown

        self.metric_combo = QComboBox(self)
        self.metric_combo.setObjectName("compareMetricCombo")
        for key, (title, _value, _text) in self._metrics().items():
            self.metric_combo.addItem(title, key)
        self.metric_combo.currentIndexChanged.connect(self._update_chart)
        self.only_chosen_check = QCheckBox(self)
        self.only_chosen_check.setObjectName("compareOnlyChosenCheck")
        self.only_chosen_check.toggled.connect(self._hide_unchosen)

        self.table = QTableWidget(0, len(self._headers()), self)
        self.table.setObjectName("compareTable")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(self._on_item_changed)

        self._chart_slot = QLabel(self)
        self._chart_slot.setObjectName("compareChartPlaceholder")
        self._chart_slot.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._splitter.addWidget(self.table)
        self._splitter.addWidget(self._chart_slot)
        self._splitter.setStretchFactor(0, 3)
        self._splitter.setStretchFactor(1, 2)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        self._bars_label = QLabel(self)
        top.addWidget(self._bars_label)
        top.addWidget(self.metric_combo)
        top.addWidget(self.only_chosen_check)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self._splitter, 1)

        self._set_words()
        store.changed.connect(self._on_store_changed)
        store.samples_added.connect(self._on_samples_added)
        # Nothing to read yet: rows come as runs finish (and the record's
        # module is not loaded before the window's first paint).

    # -- words ----------------------------------------------------------------

    def _set_words(self) -> None:
        self.metric_combo.setToolTip(self.tr("Which measurement the bars show"))
        for index, (title, _value, _text) in enumerate(self._metrics().values()):
            self.metric_combo.setItemText(index, title)
        self.only_chosen_check.setText(self.tr("Only chosen"))
        self.only_chosen_check.setToolTip(self.tr("Hide the runs whose box is not ticked"))
        self.table.setToolTip(
            self.tr("The session's finished runs: tick the ones to set side by side in the bars")
        )
        self.table.setHorizontalHeaderLabels(self._headers())
        if self.chart is None:
            self._chart_slot.setText(self.tr("Finished runs appear here."))
        self._bars_label.setText(self.tr("Bars:"))

    def retranslate_ui(self) -> None:
        """Every word of the tab, the table's rows and the bars' titles included."""
        self._set_words()
        self._fill_table([self._stats[run_id] for run_id in self._stats])
        self._update_chart()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _headers(self) -> list[str]:
        return [
            self.tr("Run"),
            self.tr("Settings"),
            self.tr("Wall time"),
            self.tr("Start-up"),
            self.tr("Per worker"),
            self.tr("Peak CPU"),
            self.tr("Mean CPU"),
            self.tr("Most alive"),
            self.tr("Busy"),
        ]

    def _metrics(
        self,
    ) -> dict[str, tuple[str, Callable[[RunStats], float | None], Callable[[float | None], str]]]:
        """Each measurement the bars can show: its title, value and text."""
        return {
            "startup": (self.tr("Start-up, first to last start (s)"), _startup, _seconds),
            "startup_per_worker": (
                self.tr("Start-up per worker (s)"),
                lambda s: s.startup_per_worker_s,
                _seconds,
            ),
            "wall": (self.tr("Wall time (s)"), lambda s: s.wall_s, _seconds),
            "peak_cpu": (self.tr("Peak CPU (%)"), lambda s: s.peak_cpu, _percent),
            "mean_cpu": (self.tr("Mean CPU (%)"), lambda s: s.mean_cpu, _percent),
            "max_alive": (
                self.tr("Most alive at once"),
                lambda s: float(s.max_alive),
                _count,
            ),
            "busy": (
                self.tr("Busy share of the workers' time (%)"),
                lambda s: None if s.busy_share is None else s.busy_share * 100,
                _percent,
            ),
        }

    def _settings_text(self, stats: RunStats) -> str:
        record = self._store.record.run(stats.run_id)
        parts = [words.run_size(record)] if record is not None else [str(stats.total)]
        if stats.experiment is Experiment.NAMED:
            work = {"sleep": self.tr("Sleep"), "cpu": self.tr("Busy CPU")}
            parts.append(work.get(stats.workload, stats.workload))
        if stats.start_method:
            parts.append(stats.start_method)
        elif stats.executor == "thread" and stats.settings.get("gil") is False:
            parts.append(self.tr("no GIL"))
        if stats.stopped:
            parts.append(self.tr("stopped"))
        return " · ".join(parts)

    def _short_label(self, stats: RunStats) -> str:
        """Under a bar: the run's number and how its workers started."""
        how = stats.start_method or self.tr("threads")
        return f"{stats.ordinal} · {how}"

    def _workers_tip(self, stats: RunStats) -> str:
        lines = [
            self.tr("{busy} busy, {idle} idle over {n} workers").format(
                busy=_seconds(stats.busy_s), idle=_seconds(stats.idle_s), n=len(stats.workers)
            )
        ]
        for worker in stats.workers[:MAX_WORKERS_IN_TIP]:
            ref = worker.worker
            who = ref.thread or ref.name or str(ref.pid)
            lines.append(
                self.tr("{who}: busy {busy}, idle {idle}").format(
                    who=who, busy=_seconds(worker.busy_s), idle=_seconds(worker.idle_s)
                )
            )
        more = len(stats.workers) - MAX_WORKERS_IN_TIP
        if more > 0:
            lines.append(self.tr("… and {n} more").format(n=more))
        return "\n".join(lines)

    # -- following the store ----------------------------------------------------

    @Slot(object)
    def _on_store_changed(self, change: RecordChange) -> None:
        if change.finished_runs or change.dropped_runs:
            self.refresh()

    @Slot()
    def _on_samples_added(self) -> None:
        if not self._awaiting_samples:
            return
        samples = self._store.record.cpu_samples()
        latest = samples[-1].t_mono if samples else None
        record = self._store.record
        for run_id in list(self._awaiting_samples):
            run = record.run(run_id)
            if run is None or (latest is not None and latest >= (run.finished_mono or 0.0)):
                self._awaiting_samples.discard(run_id)
                self._stats.pop(run_id, None)  # read again, with that sample
                if not self._awaiting_samples:
                    self.refresh()

    def refresh(self) -> None:
        """Read the finished runs' measurements again where needed, and redraw."""
        from workers.record.run_stats import run_stats

        record = self._store.record
        samples = record.cpu_samples()
        latest = samples[-1].t_mono if samples else None
        finished = [run for run in record.runs() if run.is_finished]
        kept = {run.run_id for run in finished}
        self._stats = {k: v for k, v in self._stats.items() if k in kept}
        for run in finished:
            if run.run_id not in self._stats:
                self._stats[run.run_id] = run_stats(run, samples)
                self._chosen.setdefault(run.run_id, True)
                if latest is None or latest < (run.finished_mono or 0.0):
                    self._awaiting_samples.add(run.run_id)
        self._fill_table([self._stats[run.run_id] for run in finished])
        self._update_chart()

    def stats(self) -> list[RunStats]:
        """The finished runs' measurements, oldest first."""
        return list(self._stats.values())

    def chosen_run_ids(self) -> list[int]:
        return [run_id for run_id in self._stats if self._chosen.get(run_id, True)]

    def set_chosen(self, run_id: int, chosen: bool) -> None:
        """Tick or untick a run's box, as a click does."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == run_id:
                state = Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
                item.setCheckState(state)

    # -- the table ----------------------------------------------------------------

    def _fill_table(self, rows: list[RunStats]) -> None:
        table = self.table
        table.blockSignals(True)  # itemChanged is for clicks on the boxes only
        try:
            table.setRowCount(len(rows))
            for row, stats in enumerate(rows):
                run_item = QTableWidgetItem(self.tr("Run {n}").format(n=stats.ordinal))
                run_item.setData(Qt.ItemDataRole.UserRole, stats.run_id)
                run_item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                chosen = self._chosen.get(stats.run_id, True)
                run_item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
                run_item.setToolTip(self.tr("Tick to show this run in the bars"))
                cells = [
                    run_item,
                    QTableWidgetItem(self._settings_text(stats)),
                    QTableWidgetItem(_seconds(stats.wall_s)),
                    QTableWidgetItem(_seconds(_startup(stats))),
                    QTableWidgetItem(_seconds(stats.startup_per_worker_s)),
                    QTableWidgetItem(_percent(stats.peak_cpu)),
                    QTableWidgetItem(_percent(stats.mean_cpu)),
                    QTableWidgetItem(_count(stats.max_alive)),
                    QTableWidgetItem(
                        _percent(None if stats.busy_share is None else stats.busy_share * 100)
                    ),
                ]
                cells[3].setToolTip(self.tr("From the first worker's start to the last one's"))
                cells[-1].setToolTip(self._workers_tip(stats))
                for column, item in enumerate(cells):
                    if column >= 2:
                        item.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    table.setItem(row, column, item)
        finally:
            table.blockSignals(False)
        self._hide_unchosen()

    @Slot(QTableWidgetItem)
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        run_id = item.data(Qt.ItemDataRole.UserRole)
        self._chosen[run_id] = item.checkState() == Qt.CheckState.Checked
        self._hide_unchosen()
        self._update_chart()

    @Slot()
    def _hide_unchosen(self) -> None:
        only = self.only_chosen_check.isChecked()
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            chosen = item is not None and item.checkState() == Qt.CheckState.Checked
            self.table.setRowHidden(row, only and not chosen)

    # -- the bars -------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_chart()

    def ensure_chart(self) -> RunBars:
        """The bars, made on first need (pyqtgraph loads then)."""
        if self.chart is None:
            from gui.compare.bar_chart import RunBars

            self.chart = RunBars(self)
            index = self._splitter.indexOf(self._chart_slot)
            self._splitter.replaceWidget(index, self.chart)
            self._chart_slot.deleteLater()
            self._update_chart()
        return self.chart

    @Slot()
    def _update_chart(self) -> None:
        if self.chart is None:
            return
        key = str(self.metric_combo.currentData())
        title, value_of, text_of = self._metrics()[key]
        chosen = [self._stats[run_id] for run_id in self.chosen_run_ids()]
        bars = [(self._short_label(s), value_of(s), s.start_method) for s in chosen]
        self.chart.set_bars(title, bars, [text_of(value) for _label, value, _m in bars])


def _startup(stats: RunStats) -> float | None:
    return stats.startup_s


__all__ = ["CompareRunsPanel"]
