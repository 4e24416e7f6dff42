"""Guard against the PySide6 release that frees ``None`` (the version trap).

PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to ``None`` on
every repaint of a QTableView over a Python table model, and of a pyqtgraph
PlotWidget; within a hundred repaints ``None``'s count reaches zero and the
interpreter aborts with "Fatal Python error: none_dealloc". pyproject.toml
pins below 6.12 on Python < 3.12 for this reason. These soaks repaint each
widget far past that point and fail as soon as ``sys.getrefcount(None)``
falls, so a future PySide6 that brings the bug back is caught before users
are. (Checked against 6.12.0: both soaks fail within 60 repaints, with a
message, instead of aborting. Should an abort still happen, it kills pytest:
that too is a failure, just a louder one.)

On Python 3.12+ ``None`` is immortal, its count never moves and the bug is
harmless, so there the soaks only check that the repaints really happened.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
import PySide6
import pytest
from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QTableView
from pytestqt.qtbot import QtBot

REPAINTS = 1000  # the bug aborted in under 100; ten times that leaves no doubt
# The bug costs at least one reference per repaint, so it falls by >= REPAINTS;
# the allowance only absorbs unrelated objects that come and go.
ALLOWED_DROP = REPAINTS // 10
NONE_IS_MORTAL = sys.version_info < (3, 12)
#: Extra references to None taken when the bug is caught, for the rest of the
#: session (8 MB); a broken PySide6 keeps taking them in later GUI tests.
REPAY_MARGIN = 1_000_000
_KEEP_NONE_ALIVE: list[None] = []

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: a flat table's cells all hang off it


class _PaintCounter(QObject):
    """Counts the paint events a widget receives, to prove repaints happened."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False  # only watching: the widget still paints


class _GridModel(QAbstractTableModel):
    """A small table whose cells show a generation number that changes per soak step.

    Like real models, ``data`` and ``headerData`` return None for every role
    they do not handle: that None crossing into Qt is what the bug mishandles.
    """

    ROWS = 8
    COLUMNS = 4

    def __init__(self) -> None:
        super().__init__()
        self.generation = 0

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self.ROWS

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row()}.{index.column()} #{self.generation}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{'col' if orientation == Qt.Orientation.Horizontal else 'row'} {section}"
        return None

    def bump(self) -> None:
        """Change every cell, as a live results table does."""
        self.generation += 1
        last = self.index(self.ROWS - 1, self.COLUMNS - 1)
        self.dataChanged.emit(self.index(0, 0), last)


def _soak(qtbot: QtBot, view: QAbstractScrollArea, change: Callable[[], None]) -> None:
    """Change and repaint ``view`` REPAINTS times; fail as soon as None's count falls."""
    qtbot.addWidget(view)
    view.resize(480, 320)
    with qtbot.waitExposed(view):
        view.show()
    counter = _PaintCounter()
    # The scroll area's viewport is the widget that actually paints.
    view.viewport().installEventFilter(counter)
    gc.collect()  # so garbage freed later cannot pass for the bug
    before = sys.getrefcount(None)

    for done in range(1, REPAINTS + 1):
        change()
        view.repaint()  # paints now, synchronously, children included
        QApplication.processEvents()
        # Checked every time: the bug reaches zero in tens of repaints, and
        # stopping early turns an abort into a failure that says what happened.
        now = sys.getrefcount(None)
        if NONE_IS_MORTAL and now < before - ALLOWED_DROP:
            # Repay what was lost, so None survives long enough for pytest to
            # report this instead of the interpreter aborting mid-session.
            _KEEP_NONE_ALIVE.extend([None] * (before - now + REPAY_MARGIN))
            pytest.fail(
                f"sys.getrefcount(None) fell from {before} to {now} in {done} repaints: "
                f"PySide6 {PySide6.__version__} frees None (aborts with 'none_dealloc'); "
                "exclude this version in pyproject.toml",
                pytrace=False,
            )
    view.viewport().removeEventFilter(counter)
    assert counter.paints >= REPAINTS, f"only {counter.paints} of {REPAINTS} repaints happened"


def test_plot_repaints_keep_none_alive(qtbot: QtBot) -> None:
    plot = pg.PlotWidget()
    rng = np.random.default_rng(0)
    curve = plot.plot(rng.random(200))

    def change() -> None:
        curve.setData(rng.random(200))  # new data each time, as the live CPU plot does

    _soak(qtbot, plot, change)


def test_table_repaints_keep_none_alive(qtbot: QtBot) -> None:
    model = _GridModel()
    view = QTableView()
    view.setModel(model)
    _soak(qtbot, view, model.bump)
    assert model.generation == REPAINTS


@pytest.mark.skipif(not NONE_IS_MORTAL, reason="None is immortal on Python 3.12+")
def test_refcount_probe_sees_a_fall() -> None:
    # The guard is only as good as its probe: dropping references to None
    # must show in sys.getrefcount(None), or the soaks above prove nothing.
    holders = [None] * (ALLOWED_DROP * 2)
    before = sys.getrefcount(None)
    del holders
    assert sys.getrefcount(None) < before - ALLOWED_DROP
