"""The list of pages the pool experiment fetches, edited in place.

A teacher edits the list in front of the class: double-click (or F2) to
change a line, Add for a new one, drag or Up/Down to reorder, and Paste to
drop in many URLs at once. Lines are kept exactly as typed; the pool reports
why one cannot be fetched instead of the list silently dropping it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

#: The five sites the lesson fetched. Without internet they fail with a DNS
#: reason, which is honest and itself a lesson.
LESSON_URLS = (
    "http://www.daum.net/",
    "https://www.cnn.com/",
    "http://naver.com/",
    "http://www.bbc.co.uk/",
    "https://www.google.com/",
)

_ITEM_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsEditable
    | Qt.ItemFlag.ItemIsDragEnabled
)


#: setCurrentRow(row, _KEEP_SELECTION) moves the current item without
#: replacing the multi-line selection just made.
_KEEP_SELECTION = QItemSelectionModel.SelectionFlag.NoUpdate


class UrlListEditor(QWidget):
    """An editable, reorderable list of URLs with Add/Remove/Up/Down/Paste/Defaults."""

    def __init__(self, defaults: Sequence[str] = LESSON_URLS, parent: QWidget | None = None):
        super().__init__(parent)
        self._defaults = list(defaults)

        self.list = QListWidget(self)
        self.list.setObjectName("urlList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        # A long URL scrolls sideways rather than being cut off mid-word.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.list.setToolTip(
            self.tr(
                "One page per line. Double-click or press F2 to edit, drag to reorder,\n"
                "Ctrl+V pastes many lines at once."
            )
        )
        # Deferred: the view is still closing its editor when this fires.
        self.list.itemDelegate().closeEditor.connect(
            lambda *_: QTimer.singleShot(0, self, self._drop_blank_items)
        )

        # Ctrl+V only while the list itself has focus: inside a line editor
        # it must keep pasting into that line.
        self.paste_action = QAction(self.tr("Paste"), self.list)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.paste_action.triggered.connect(self.paste_from_clipboard)
        self.list.addAction(self.paste_action)

        self.add_button = self._button("urlAddButton", self.tr("Add"), self.tr("Add a new line"))
        self.remove_button = self._button(
            "urlRemoveButton", self.tr("Remove"), self.tr("Remove the selected lines")
        )
        self.up_button = self._button("urlUpButton", self.tr("Up"), self.tr("Move up one place"))
        self.down_button = self._button(
            "urlDownButton", self.tr("Down"), self.tr("Move down one place")
        )
        self.paste_button = self._button(
            "urlPasteButton",
            self.tr("Paste"),
            self.tr("Add every line on the clipboard as a page (Ctrl+V)"),
        )
        self.defaults_button = self._button(
            "urlDefaultsButton",
            self.tr("Defaults"),
            self.tr("Put back the lesson's sites and the demo site's pages"),
        )
        self.add_button.clicked.connect(self.add_new_line)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self._move_selected(-1))
        self.down_button.clicked.connect(lambda: self._move_selected(+1))
        self.paste_button.clicked.connect(self.paste_from_clipboard)
        self.defaults_button.clicked.connect(self.restore_defaults)

        # Two rows of three: fits the narrow left column at 1024x768.
        buttons = QGridLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for index, button in enumerate(
            (
                self.add_button,
                self.remove_button,
                self.paste_button,
                self.up_button,
                self.down_button,
                self.defaults_button,
            )
        ):
            buttons.addWidget(button, index // 3, index % 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.model().rowsInserted.connect(self._update_buttons)
        self.list.model().rowsRemoved.connect(self._update_buttons)
        self.restore_defaults()

    # -- public API ---------------------------------------------------------

    def urls(self) -> list[str]:
        """The non-blank lines, stripped, in list order."""
        texts = (self.list.item(row).text().strip() for row in range(self.list.count()))
        return [text for text in texts if text]

    def set_urls(self, urls: Sequence[str]) -> None:
        """Replace the list with ``urls`` (blank ones are skipped)."""
        self.list.clear()
        for url in urls:
            if url.strip():
                self.list.addItem(self._new_item(url.strip()))
        self._update_buttons()

    def set_defaults(self, defaults: Sequence[str]) -> None:
        """Change what "Defaults" restores (the window adds the demo site's pages)."""
        self._defaults = list(defaults)

    def restore_defaults(self) -> None:
        self.set_urls(self._defaults)

    def add_new_line(self) -> None:
        """Append an empty line and start editing it."""
        item = self._new_item("")
        self.list.addItem(item)
        self.list.clearSelection()
        self.list.setCurrentItem(item)
        self.list.scrollToItem(item)
        self.list.editItem(item)

    def remove_selected(self) -> None:
        rows = sorted((self.list.row(item) for item in self.list.selectedItems()), reverse=True)
        for row in rows:
            self.list.takeItem(row)
        if self.list.count():
            self.list.setCurrentRow(min(rows[-1] if rows else 0, self.list.count() - 1))

    def paste_from_clipboard(self) -> None:
        """Insert each non-blank clipboard line as its own item, after the current one."""
        text = QGuiApplication.clipboard().text()
        self.insert_lines(text.splitlines())

    def insert_lines(self, lines: Sequence[str]) -> None:
        """Insert non-blank ``lines`` after the current item (or at the end), selected."""
        lines = [line.strip() for line in lines if line.strip()]
        if not lines:
            return
        current = self.list.currentRow()
        row = current + 1 if current >= 0 else self.list.count()
        self.list.clearSelection()
        for offset, line in enumerate(lines):
            item = self._new_item(line)
            self.list.insertItem(row + offset, item)
            item.setSelected(True)
        self.list.setCurrentRow(row + len(lines) - 1, _KEEP_SELECTION)
        self.list.scrollToItem(self.list.item(row + len(lines) - 1))

    # -- helpers ------------------------------------------------------------

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        return button

    @staticmethod
    def _new_item(text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(_ITEM_FLAGS)
        return item

    def _move_selected(self, step: int) -> None:
        """Move the selected items one place up (-1) or down (+1), as a block."""
        rows = sorted(self.list.row(item) for item in self.list.selectedItems())
        if not rows:
            return
        if (step < 0 and rows[0] == 0) or (step > 0 and rows[-1] == self.list.count() - 1):
            return
        order = rows if step < 0 else list(reversed(rows))
        for row in order:
            item = self.list.takeItem(row)
            self.list.insertItem(row + step, item)
        self.list.clearSelection()
        for row in rows:
            self.list.item(row + step).setSelected(True)
        self.list.setCurrentRow(rows[0] + step, _KEEP_SELECTION)

    def _drop_blank_items(self) -> None:
        """A line left empty after editing (Add, then Escape) is not a page."""
        for row in reversed(range(self.list.count())):
            if self.list.state() == QAbstractItemView.State.EditingState:
                return  # another line is being edited: leave it alone
            if not self.list.item(row).text().strip():
                self.list.takeItem(row)

    def _update_buttons(self) -> None:
        has_selection = bool(self.list.selectedItems())
        self.remove_button.setEnabled(has_selection)
        self.up_button.setEnabled(has_selection)
        self.down_button.setEnabled(has_selection)
