"""A window with the same kinds of widgets as Process Lab's, in plain Qt.

The launch benchmark times it beside the app's window and a bare
QMainWindow: what a window of this shape costs to first paint with no
application code at all (no theme, no models, no engine), so the figures
show how much of the launch is Qt's and how much is ours. Imported only by
the benchmark's launched interpreters. Not a pytest test.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

HEADERS = ("Name", "PID", "n", "n²", "Started", "Finished", "Duration", "Status")
Index = QModelIndex | QPersistentModelIndex


class _EmptyResults(QAbstractTableModel):
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's idiom)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None


def _panel(title: str) -> QGroupBox:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.addRow("Processes", QSpinBox())
    form.addRow("Sleep from", QDoubleSpinBox())
    form.addRow("to", QDoubleSpinBox())
    combo = QComboBox()
    combo.addItems(["forkserver", "spawn", "fork"])
    form.addRow("Start method", combo)
    form.addRow(QCheckBox("Check"))
    form.addRow(QPushButton("Start"))
    return box


def plain_window() -> QMainWindow:
    window = QMainWindow()
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.addWidget(_panel("Named processes"))
    left_layout.addWidget(_panel("Process pool"))
    urls = QListWidget()
    urls.addItems([f"http://site{i}.example/" for i in range(12)])
    left_layout.addWidget(urls)
    buttons = QHBoxLayout()
    for text in ("Add", "Remove", "Up", "Down", "Paste", "Defaults"):
        buttons.addWidget(QPushButton(text))
    left_layout.addLayout(buttons)
    scroll = QScrollArea()
    scroll.setWidget(left)
    scroll.setWidgetResizable(True)

    right_splitter = QSplitter(Qt.Orientation.Vertical)
    right_splitter.addWidget(QLabel("graph", alignment=Qt.AlignmentFlag.AlignCenter))
    table = QTableView()
    table.setModel(_EmptyResults(table))
    table.setSortingEnabled(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    right_splitter.addWidget(table)
    right_splitter.addWidget(QPlainTextEdit())
    right = QWidget()
    right_layout = QVBoxLayout(right)
    right_layout.addWidget(right_splitter, 1)
    controls = QHBoxLayout()
    controls.addWidget(QProgressBar(), 1)
    controls.addWidget(QCheckBox("Keep earlier runs"))
    controls.addWidget(QPushButton("Stop"))
    right_layout.addLayout(controls)

    main_splitter = QSplitter(Qt.Orientation.Horizontal)
    main_splitter.addWidget(scroll)
    main_splitter.addWidget(right)
    window.setCentralWidget(main_splitter)
    menu = window.menuBar().addMenu("&File")
    quit_action = QAction("&Quit", window)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    menu.addAction(quit_action)
    window.statusBar().addPermanentWidget(QLabel("0 running"))
    window.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    return window
