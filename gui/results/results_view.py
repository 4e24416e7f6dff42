"""The results table: a QTableView set up for :class:`~gui.results.results_model.ResultsModel`.

It draws each run's heading row across the table
(:mod:`gui.results.heading_rows`), follows the newest row until the user
scrolls up, copies the selected rows as tab-separated text
(for pasting into a spreadsheet or a chat with the class), and takes its
fonts from the theme so zooming reaches it. Its :class:`ColumnFitter` is
the one owner of column widths and of which columns are shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Slot
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QTableView,
    QWidget,
)

from gui.results.column_fit import ColumnFitter
from gui.results.heading_rows import paint_heading_rows
from gui.results.job_cells import JobCellDelegate
from gui.results.results_model import ResultsModel
from gui.style.theme import Theme, get_theme


class ResultsView(QTableView):
    """The table of jobs, one row each, grouped by run."""

    def __init__(
        self,
        model: ResultsModel | None = None,
        parent: QWidget | None = None,
        theme: Theme | None = None,
    ) -> None:
        super().__init__(parent)
        # A viewport made here, so Python already knows it: wrapping the one
        # Qt made, on the first viewport(), makes PySide6 create all 68 kinds
        # of QtWidgets widget first (about 15 ms before the first paint).
        self.setViewport(QWidget())
        self._theme = theme if theme is not None else get_theme()
        self.setObjectName("resultsTable")
        self.retranslate_ui()
        self._model: ResultsModel | None = None
        self._follow = True  # keep the newest row in view until the user scrolls up
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)  # the row colour is the job's state
        self.verticalHeader().hide()
        # Fixed row heights: measuring 1000 rows' contents would stall inserts.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        # Third click on a header returns to job order.
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        # One call into Python per cell; a long URL is cut at the start of
        # its path, never in its host.
        self._cell_delegate = JobCellDelegate(self)
        self.setItemDelegate(self._cell_delegate)

        self.verticalScrollBar().valueChanged.connect(self._on_scrollbar_value_changed)
        # A zoom (taller rows) or a resize grows the range without moving the
        # view: while following, go on showing the newest row.
        self.verticalScrollBar().rangeChanged.connect(self._on_scrollbar_range_changed)

        self._theme.changed.connect(self._on_theme_changed)  # fonts and column widths follow zoom
        # Made before the model is set, so it fits the columns once there are some.
        self.column_fitter = ColumnFitter(self)
        if model is not None:
            self.setModel(model)
        self.setSortingEnabled(True)  # after setModel: it sorts at once
        self._on_theme_changed()

    def retranslate_ui(self) -> None:
        """The tooltip (the model translates its own headers and cells)."""
        self.setToolTip(
            self.tr(
                "One row per process or page, coloured by its state and saying it in words.\n"
                "Hover a cell for more; Ctrl+C copies the selected rows."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- model wiring -----------------------------------------------------

    def setModel(self, model: Any) -> None:
        old = self._model
        if old is not None:
            old.rowsInserted.disconnect(self._on_model_rows_inserted)
            old.modelReset.disconnect(self._on_model_layout_changed)
            old.layoutChanged.disconnect(self._on_model_layout_changed)
        super().setModel(model)
        self._model = model if isinstance(model, ResultsModel) else None
        self._cell_delegate.set_model(self._model)
        if self._model is not None:
            self._model.rowsInserted.connect(self._on_model_rows_inserted)  # follow new rows
            self._model.modelReset.connect(self._on_model_layout_changed)
            self._model.layoutChanged.connect(self._on_model_layout_changed)  # rows moved
            self._on_model_layout_changed()
            self.column_fitter.watch(self._model)
            self.column_fitter.fit()

    # -- copying ----------------------------------------------------------

    def selected_text(self) -> str:
        """The selected rows as tab-separated text, with a header line."""
        model = self.model()
        if model is None:
            return ""
        header = self.horizontalHeader()
        columns = [
            header.logicalIndex(v)
            for v in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(v))
        ]
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        if not rows:
            return ""
        h = Qt.Orientation.Horizontal
        lines = ["\t".join(str(model.headerData(c, h) or "") for c in columns)]
        for row in rows:
            cells = (model.data(model.index(row, c)) for c in columns)
            lines.append("\t".join("" if v is None else str(v) for v in cells))
        return "\n".join(lines) + "\n"

    @Slot()
    def copy_selection(self) -> None:
        text = self.selected_text()
        if text:
            QApplication.clipboard().setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QAbstractItemView's own Copy takes only the current cell.
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def context_menu(self) -> QMenu:
        """The right-click menu (a method so tests can look at it)."""
        menu = QMenu(self)
        copy = menu.addAction(self.tr("&Copy"))
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setEnabled(self.selectionModel() is not None and self.selectionModel().hasSelection())
        copy.triggered.connect(self.copy_selection)  # same as Ctrl+C
        select_all = menu.addAction(self.tr("Select &All"))
        select_all.setShortcut(QKeySequence(QKeySequence.StandardKey.SelectAll))
        select_all.triggered.connect(self.selectAll)  # then Copy takes every job
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- slots ------------------------------------------------------------

    @Slot(QModelIndex, int, int)
    def _on_model_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        model = self._model
        if model is None or parent.isValid():
            return
        if self._follow:
            # Now, in the frame that paints the new rows (scrollToBottom lays
            # them out first): a deferred scroll was a second repaint of the
            # whole table, in a frame of its own or in the graphs'.
            self.scrollToBottom()

    @Slot()
    def _on_model_layout_changed(self) -> None:
        self.viewport().update()  # the heading rows moved with the others

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._model is not None:
            paint_heading_rows(self, self._model)

    @Slot(int)
    def _on_scrollbar_value_changed(self, value: int) -> None:
        # Insertions only grow the range; the value moves when someone scrolls.
        self._follow = value >= self.verticalScrollBar().maximum()

    @Slot(int, int)
    def _on_scrollbar_range_changed(self, _minimum: int, maximum: int) -> None:
        if self._follow and self.verticalScrollBar().value() < maximum:
            self.verticalScrollBar().setValue(maximum)

    def is_following(self) -> bool:
        """True while the table keeps its newest row in view."""
        return self._follow

    @Slot()
    def _on_theme_changed(self) -> None:
        font = self._theme.font()
        self.setFont(font)
        self.horizontalHeader().setFont(font)
        metrics = self.fontMetrics()
        self.verticalHeader().setDefaultSectionSize(round(metrics.height() * 1.4))
        self.column_fitter.fit()  # the new font's widths
