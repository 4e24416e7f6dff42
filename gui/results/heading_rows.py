"""Each run's heading row, drawn across the whole width of the table.

QTableView can span a cell over a row (``setSpan``), but while any span is
on screen it paints every other cell through a clip region cut around the
spans, which doubled the cost of painting the table (14 ms instead of 7 ms
for twelve rows, measured mid-session): too much for a table repainted
many times a second during a run. The heading rows are plain rows instead;
after the view has painted its cells and grid, this paints each visible
heading over its row, as one bar with the run's title, so it reads (and
looks) exactly like a spanned cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from gui.results.job_cells import text_margin
from gui.results.results_model import SeparatorTextRole

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

    from gui.results.results_model import ResultsModel

_LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def heading_rect(view: QTableView, row: int) -> QRect:
    """Where ``row``'s heading is drawn, in viewport coordinates: the whole
    row, from the first column's left edge to the last column's right edge."""
    header = view.horizontalHeader()
    left = -header.offset()
    width = header.length()
    return QRect(left, view.rowViewportPosition(row), width, view.rowHeight(row))


def paint_heading_rows(view: QTableView, model: ResultsModel) -> None:
    """Draw the visible heading rows over what the view painted."""
    viewport = view.viewport()
    top_row = view.rowAt(0)
    if top_row < 0:
        return
    bottom_row = view.rowAt(viewport.height() - 1)
    if bottom_row < 0:
        bottom_row = model.rowCount() - 1
    rows = [r for r in model.separator_rows() if top_row <= r <= bottom_row]
    if not rows:
        return
    # Here, not above: PySide6 makes its QPainter type when first asked for,
    # and the first paint (an empty table) draws no heading.
    from PySide6.QtGui import QPainter

    style = view.style()
    margin = text_margin(view)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    hint = style.styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, view)
    grid = QColor.fromRgba(hint & 0xFFFFFFFF)  # as QTableView draws its grid
    painter = QPainter(viewport)
    try:
        for row in rows:
            index = model.index(row, 0)
            rect = heading_rect(view, row)
            background = index.data(Qt.ItemDataRole.BackgroundRole)
            painter.fillRect(rect, QBrush(background) if background is not None else QBrush())
            font = index.data(Qt.ItemDataRole.FontRole)
            painter.setFont(font if isinstance(font, QFont) else view.font())
            painter.setPen(QPen(index.data(Qt.ItemDataRole.ForegroundRole)))
            text_rect = rect.adjusted(margin, 0, -margin, 0)
            text = painter.fontMetrics().elidedText(
                index.data(SeparatorTextRole) or "", Qt.TextElideMode.ElideRight, text_rect.width()
            )
            painter.drawText(text_rect, _LEFT_MIDDLE, text)
            if view.showGrid():
                painter.setPen(grid)
                painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
    finally:
        painter.end()
