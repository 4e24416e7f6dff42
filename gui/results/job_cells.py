"""Painting a job row's cells straight from the model's row looks.

A table cell painted the stock way costs about a dozen calls from Qt into
Python: ``data()`` once per role the delegate asks for (text, colours,
alignment, font, icon, check state, …), plus ``flags()``. Mid-run the
table is repainted several times a second, and that was most of its cost.
:class:`JobCellDelegate` makes one call per cell instead: it reads the
row's look (texts, background, Status colour) from
:meth:`~gui.results.results_model.ResultsModel.look` and draws the cell as
Qt's own item delegate would, with the Name column's URLs cut at the start
of their path (:func:`~gui.results.url_elide.elide_url`). Heading rows and
the cell with keyboard focus are left to the stock delegate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from gui.results.columns import COL_NAME, COL_STATUS
from gui.results.url_elide import elide_url

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter

    from gui.results.results_model import ResultsModel

# As plain ints: a Qt flag's ``&`` runs Python code (about 1 µs), per cell.
_SELECTED = QStyle.StateFlag.State_Selected.value
_FOCUSED = QStyle.StateFlag.State_HasFocus.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight


class JobCellDelegate(QStyledItemDelegate):
    """Paints job cells from the model's looks (see the module docstring)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._model: ResultsModel | None = None
        self._margin = text_margin(parent)

    def set_model(self, model: ResultsModel | None) -> None:
        self._model = model

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        model = self._model
        look = model.look(index.row()) if model is not None else None
        state = option.state.value
        if look is None or state & _FOCUSED:
            super().paint(painter, option, index)
            return
        column = index.column()
        rect = option.rect
        if state & _SELECTED:
            group = QPalette.ColorGroup.Active if state & _ACTIVE else QPalette.ColorGroup.Inactive
            palette = option.palette
            painter.fillRect(rect, palette.brush(group, QPalette.ColorRole.Highlight))
            painter.setPen(palette.color(group, QPalette.ColorRole.HighlightedText))
        else:
            painter.fillRect(rect, look[1])
            painter.setPen(look[2] if column == COL_STATUS else model.text_color)  # type: ignore[union-attr]
        text = look[0][column]
        if not text:
            return
        room = rect.adjusted(self._margin, 0, -self._margin, 0)
        text = fitted(text, column, option.fontMetrics, room.width())
        painter.drawText(room, model.alignment(column), text)  # type: ignore[union-attr]

    def shown_text(self, option: QStyleOptionViewItem, index: QModelIndex) -> str:
        """What the cell at ``index`` shows in ``option.rect``: its text, cut to fit."""
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        room = option.rect.width() - 2 * self._margin
        return fitted(text, index.column(), option.fontMetrics, room)


def text_margin(view: QWidget) -> int:
    """Pixels QCommonStyle leaves either side of a cell's text: a focus
    frame's margin + 1."""
    return view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1


def fitted(text: str, column: int, metrics: QFontMetrics, width: int) -> str:
    """``text`` cut to ``width`` pixels: a Name at the start of its URL's
    path, anything else at its end."""
    if column == COL_NAME:
        return elide_url(text, metrics, width)
    if metrics.horizontalAdvance(text) > width:
        return metrics.elidedText(text, _ELIDE_RIGHT, width)
    return text
