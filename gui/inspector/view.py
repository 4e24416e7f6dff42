"""The process inspector: a small htop of the app's own process tree, live.

A row of controls (show threads, a note on OS titles, a "?" that explains
Python name, OS title and PID) above a table of
:class:`~gui.inspector.model.ProcessTableModel`. Its
:class:`~gui.inspector.sampler.TreeSampler` reads the tree only while the
inspector is on screen: ``showEvent`` resumes it, ``hideEvent`` (another tab
chosen, the window minimised) pauses it, so the idle window pays nothing
for a tab nobody looks at.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QFontMetrics, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.frame_gate import frame_gate
from gui.inspector.model import COLUMN_COUNT, ProcessTableModel
from gui.inspector.sampler import TreeSampler
from gui.session_store import SessionStore
from gui.style.theme import Theme, get_theme
from gui.words import processes as words
from workers.jobs.proc_title import titles_available
from workers.process_tree import Role, TreeSnapshot

#: Each column's width in average characters of the current font.
_COLUMN_CHARS = (14, 10, 30, 16, 14, 10, 11, 10)


class ProcessInspector(QWidget):
    """The inspector's widget; see the module docstring. Call :meth:`stop`
    before letting it go (the window's shutdown does)."""

    def __init__(
        self,
        store: SessionStore | None = None,
        parent: QWidget | None = None,
        *,
        theme: Theme | None = None,
        sampler: TreeSampler | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("processInspector")
        self._theme = theme if theme is not None else get_theme()
        self.model = ProcessTableModel(store, self, self._theme)
        self.sampler = sampler if sampler is not None else TreeSampler(self)
        # The newest snapshot, shown when a frame is free (gui/frame_gate.py).
        self._latest: TreeSnapshot | None = None
        self.sampler.sampled.connect(self._on_snapshot)
        # While the tree is quiet the sampler reads every two seconds; a run's
        # first events ask for a reading at once, so its children show.
        self._quiet = True
        self._nudged = False
        if store is not None:
            store.changed.connect(self._on_store_changed)

        self.threads_check = QCheckBox(words.show_threads_label(), self)
        self.threads_check.setObjectName("showThreadsCheck")
        self.threads_check.setToolTip(words.show_threads_tip())
        self.threads_check.toggled.connect(self.sampler.set_threads)

        self.titles_label = QLabel(self)
        self.titles_label.setObjectName("processTitlesNote")
        self.titles_label.setWordWrap(True)
        self.refresh_titles_note()

        self.help_button = QToolButton(self)
        self.help_button.setObjectName("processNamesHelpButton")
        self.help_button.setText("?")
        self.help_button.setToolTip(words.names_help_button_tip())
        self.help_button.setAccessibleName(words.names_help_title())
        self.help_button.clicked.connect(self.show_names_help)
        self._help: QMessageBox | None = None

        self.table = QTableView(self)
        self.table.setObjectName("processTable")
        self.table.setToolTip(
            self.tr("This app's processes, live: each child's PID, its name and what it uses")
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row heights: measuring 500 rows' contents would cost every refresh.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(True)

        controls = QHBoxLayout()
        controls.setContentsMargins(4, 2, 4, 2)
        controls.addWidget(self.threads_check)
        controls.addWidget(self.titles_label, 1)
        controls.addWidget(self.help_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)

        self._theme.changed.connect(self._on_theme_changed)
        self._on_theme_changed()

    # -- titles and help -------------------------------------------------------

    def refresh_titles_note(self) -> None:
        """Say whether the children's OS titles are set, and why not."""
        available = titles_available()
        self.titles_label.setText(words.titles_note(available))
        self.titles_label.setProperty("titlesAvailable", available)

    @Slot()
    def show_names_help(self) -> QMessageBox:
        """Open (or raise) the short "Python name, OS title, PID" explanation."""
        if self._help is None:
            box = self._help = QMessageBox(self)
            box.setObjectName("processNamesHelp")
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle(words.names_help_title())
            box.setTextFormat(Qt.TextFormat.RichText)
            box.setText(words.names_help_text())
            box.setStandardButtons(QMessageBox.StandardButton.Close)
            box.setWindowModality(Qt.WindowModality.NonModal)
        if self._help.isVisible():
            self._help.raise_()  # open already, behind the window: bring it forward
        else:
            self._help.show()
        return self._help

    # -- sampling while seen ---------------------------------------------------

    @Slot(object)
    def _on_snapshot(self, snapshot: TreeSnapshot) -> None:
        self._latest = snapshot  # each is the whole tree: an older one is not needed
        self._show_latest()

    @Slot()
    def _show_latest(self) -> None:
        if self._latest is None:
            return
        if not frame_gate().take():  # the results or the graphs have this frame
            frame_gate().after_frame(self._show_latest)
            return
        snapshot, self._latest = self._latest, None
        self.model.apply(snapshot)
        self._on_sampled(snapshot)

    def _on_sampled(self, snapshot: TreeSnapshot) -> None:
        self._quiet = not any(p.role is Role.CHILD for p in snapshot.processes)
        self._nudged = False

    @Slot(object)
    def _on_store_changed(self, _change: object) -> None:
        if self._quiet and not self._nudged and self.sampler.is_running():
            self._nudged = True  # once until the next snapshot
            self.sampler.read_now()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.sampler.resume()

    def hideEvent(self, event: QHideEvent) -> None:
        self.sampler.pause()  # nobody is looking: no reading, no repaint
        super().hideEvent(event)

    def stop(self) -> None:
        """End the sampler's thread (waits for it). Idempotent."""
        self.sampler.stop()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.model.retranslate()
            self.threads_check.setText(words.show_threads_label())
            self.threads_check.setToolTip(words.show_threads_tip())
            self.help_button.setToolTip(words.names_help_button_tip())
            self.help_button.setAccessibleName(words.names_help_title())
            self.table.setToolTip(
                self.tr("This app's processes, live: each child's PID, its name and what it uses")
            )
            self.refresh_titles_note()
            self._help = None  # made again, in the new language, when next asked for
        super().changeEvent(event)

    # -- theme -----------------------------------------------------------------

    @Slot()
    def _on_theme_changed(self) -> None:
        theme = self._theme
        font = theme.font()
        self.table.setFont(font)
        self.table.horizontalHeader().setFont(font)
        self.titles_label.setFont(theme.font(0.95))
        self.threads_check.setFont(font)
        self.help_button.setFont(theme.font(bold=True))
        metrics = QFontMetrics(font)
        self.table.verticalHeader().setDefaultSectionSize(round(metrics.height() * 1.35))
        char = metrics.averageCharWidth()
        for column in range(COLUMN_COUNT):
            header = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            wanted = max(_COLUMN_CHARS[column] * char, metrics.horizontalAdvance(header) + 3 * char)
            self.table.setColumnWidth(column, wanted)
