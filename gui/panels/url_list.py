"""The list of pages the pool experiment fetches, edited in place.

A teacher edits the list in front of the class: double-click (or F2) to
change a line, Add for a new one, drag or Up/Down to reorder, and Paste to
drop in many URLs at once. Lines are kept exactly as typed; the pool reports
why one cannot be fetched instead of the list silently dropping it.

A line can be 100 kB long (a pasted blob). Qt lays out an item's whole text
each time the view measures or paints it (tens of ms for 100 kB), so a few
such lines froze the window. Each item keeps the full line in
:data:`FULL_TEXT_ROLE` (for editing and the run) and shows a short, safe copy
(:func:`workers.display_text.shown_url`). Each line is checked once, when it
is set: one that cannot be fetched is coloured and its tooltip says why. It
still goes to the run, which refuses it before any fetch (a line over
:data:`~workers.urls.MAX_URL_CHARS` included) and reports why in its row, so
no line a teacher typed silently disappears.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QAction, QBrush, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from gui.style.look import ThemedButton
from gui.style.theme import get_theme
from workers.display_text import DEFAULT_LIMIT, shown, shown_url
from workers.urls import UrlError, normalize_url, normalize_urls

if TYPE_CHECKING:
    from workers.failures import Failure

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


#: The line exactly as typed. The display role holds only a short copy of it.
FULL_TEXT_ROLE = Qt.ItemDataRole.UserRole
#: The FailureKind value of a line that cannot be fetched, "" for a good one.
FAILURE_KIND_ROLE = Qt.ItemDataRole.UserRole + 1
#: Characters of a line shown in the list and in its tooltip.
SHOWN_CHARS = DEFAULT_LIMIT
#: A line being edited is never cut: QLineEdit's default (32767) would.
_EDIT_MAX_CHARS = 1 << 24

#: setCurrentRow(row, _KEEP_SELECTION) moves the current item without
#: replacing the multi-line selection just made.
_KEEP_SELECTION = QItemSelectionModel.SelectionFlag.NoUpdate


def url_failure_words(failure: Failure) -> str:
    """Why a line cannot be fetched, in the window's language.

    Only the kinds :func:`workers.urls.normalize_url` raises; the lead folds
    this into the window's one words module.
    """
    from workers.failures import FailureKind  # with the first refused line: see workers.urls

    kind = failure.kind
    if kind is FailureKind.BLANK_URL:
        return QCoreApplication.translate("UrlListEditor", "the line is blank")
    if kind is FailureKind.BAD_URL:
        # The parser's own words: outside text, so cut and made visible.
        return QCoreApplication.translate("UrlListEditor", "not a valid URL: {message}").format(
            message=shown(failure.message)
        )
    if kind is FailureKind.SCHEME_NOT_ALLOWED:
        return QCoreApplication.translate(
            "UrlListEditor", "scheme '{scheme}' is not allowed: only http and https are fetched"
        ).format(scheme=shown(failure.scheme))
    if kind is FailureKind.URL_TOO_LONG:
        return QCoreApplication.translate(
            "UrlListEditor", "URL is {count} characters long; the limit is {limit}"
        ).format(count=failure.count, limit=int(failure.limit or 0))
    if kind is FailureKind.CREDENTIALS_REFUSED:
        return QCoreApplication.translate(
            "UrlListEditor", "a user name and password in the URL are not sent (host '{host}')"
        ).format(host=shown(failure.host))
    return QCoreApplication.translate("UrlListEditor", "cannot be fetched ({kind})").format(
        kind=kind.value
    )


def _line_failure(text: str) -> Failure | None:
    """Why ``text`` cannot be fetched, or None. Cheap for any length: a line
    over the limit is refused on its length before anything reads it."""
    try:
        normalize_url(text)
    except UrlError as exc:
        return exc.failure
    return None


class _LineDelegate(QStyledItemDelegate):
    """Edits the full line while the view paints only its short copy."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(_EDIT_MAX_CHARS)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(index.data(FULL_TEXT_ROLE) or "")
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            # The editor widget derives the shown copy and the check from this.
            model.setData(index, editor.text(), FULL_TEXT_ROLE)
        else:
            super().setModelData(editor, model, index)


class UrlListEditor(QWidget):
    """An editable, reorderable list of URLs with Add/Remove/Up/Down/Paste/Defaults.

    Lines that cannot be fetched are coloured, and their tooltip says why.
    """

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
        # A long URL scrolls sideways rather than being cut off mid-word
        # (up to SHOWN_CHARS of it: its tooltip has the same, the editor all).
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.list.setItemDelegate(_LineDelegate(self.list))
        # Deferred: the view is still closing its editor when this fires.
        self.list.itemDelegate().closeEditor.connect(
            lambda *_: QTimer.singleShot(0, self, self._drop_blank_items)
        )

        # Ctrl+V only while the list itself has focus: inside a line editor
        # it must keep pasting into that line.
        self.paste_action = QAction(self.list)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.paste_action.triggered.connect(self.paste_from_clipboard)
        self.list.addAction(self.paste_action)

        self.add_button = self._button("urlAddButton")
        self.remove_button = self._button("urlRemoveButton")
        self.up_button = self._button("urlUpButton")
        self.down_button = self._button("urlDownButton")
        self.paste_button = self._button("urlPasteButton")
        self.defaults_button = self._button("urlDefaultsButton")
        self.retranslate_ui()
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
        self.list.model().dataChanged.connect(self._on_data_changed)
        get_theme().changed.connect(self._describe_all)
        self.restore_defaults()

    # -- public API ---------------------------------------------------------

    def urls(self) -> list[str]:
        """The non-blank lines, stripped, in list order: what the pool fetches.

        Lines that cannot be fetched go too (their reason is already on the
        line), so the run reports each one like any failure.
        """
        return [text for row in range(self.list.count()) if (text := self._line(row).strip())]

    def problems(self) -> list[tuple[int, str, str]]:
        """``(line number from 1, the line as shown, why)`` for each line that
        cannot be fetched, in the window's language."""
        lines = [self._line(row) for row in range(self.list.count())]
        _good, bad = normalize_urls(lines)
        return [
            (number, shown_url(text, SHOWN_CHARS), url_failure_words(failure))
            for number, text, failure in bad
        ]

    def set_urls(self, urls: Sequence[str]) -> None:
        """Replace the list with ``urls`` (blank ones are skipped)."""
        self.list.clear()
        for url in urls:
            if url.strip():
                self.list.addItem(self._new_item(url.strip()))
        self._update_buttons()

    def defaults(self) -> list[str]:
        """What "Defaults" restores."""
        return list(self._defaults)

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

    def _button(self, name: str) -> QPushButton:
        button = ThemedButton(parent=self)
        button.setObjectName(name)
        return button

    def retranslate_ui(self) -> None:
        """Every word of the editor, in the current language."""
        self.list.setToolTip(
            self.tr(
                "One page per line. Double-click or press F2 to edit, drag to reorder,\n"
                "Ctrl+V pastes many lines at once."
            )
        )
        self.paste_action.setText(self.tr("Paste"))
        for button, text, tip in (
            (self.add_button, self.tr("Add"), self.tr("Add a new line")),
            (self.remove_button, self.tr("Remove"), self.tr("Remove the selected lines")),
            (self.up_button, self.tr("Up"), self.tr("Move up one place")),
            (self.down_button, self.tr("Down"), self.tr("Move down one place")),
            (
                self.paste_button,
                self.tr("Paste"),
                self.tr("Add every line on the clipboard as a page (Ctrl+V)"),
            ),
            (
                self.defaults_button,
                self.tr("Defaults"),
                self.tr("Put back the lesson's sites and the demo site's pages"),
            ),
        ):
            button.setText(text)
            button.setToolTip(tip)

    def _new_item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem()
        item.setFlags(_ITEM_FLAGS)
        item.setData(FULL_TEXT_ROLE, text)
        self._describe(item)
        return item

    def _line(self, row: int) -> str:
        """Row ``row``'s full text, as typed."""
        return self.list.item(row).data(FULL_TEXT_ROLE) or ""

    def _describe(self, item: QListWidgetItem) -> None:
        """Check the item's line and set what the view shows from it: a short
        copy, a tooltip with the reason, a colour; never the whole line."""
        text = item.data(FULL_TEXT_ROLE) or ""
        failure = _line_failure(text)
        short = shown_url(text.strip(), SHOWN_CHARS)
        item.setData(Qt.ItemDataRole.DisplayRole, short)
        item.setData(FAILURE_KIND_ROLE, failure.kind.value if failure else "")
        if failure is None:
            item.setToolTip(short)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, None)
            item.setData(Qt.ItemDataRole.ForegroundRole, None)
            return
        reason = url_failure_words(failure)
        item.setToolTip(f"{short}\n{reason}")
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, reason)
        item.setForeground(QBrush(get_theme().color("state_text_colors.failed")))

    @Slot()
    def _describe_all(self) -> None:
        """Colours and words again (theme or language changed)."""
        for row in range(self.list.count()):
            self._describe(self.list.item(row))

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        # Only a changed line is checked again; _describe's own changes
        # (display, tooltip, colour) come back here and are ignored.
        if FULL_TEXT_ROLE not in roles:
            return
        for row in range(top.row(), bottom.row() + 1):
            self._describe(self.list.item(row))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self._describe_all()
        super().changeEvent(event)

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
            if not self._line(row).strip():
                self.list.takeItem(row)

    def _update_buttons(self) -> None:
        has_selection = bool(self.list.selectedItems())
        self.remove_button.setEnabled(has_selection)
        self.up_button.setEnabled(has_selection)
        self.down_button.setEnabled(has_selection)
