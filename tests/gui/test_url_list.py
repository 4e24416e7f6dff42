"""The pool's page list: edit in place, add, remove, reorder, paste many lines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot

from gui.panels.url_list import LESSON_URLS, UrlListEditor


@pytest.fixture
def editor(qtbot: QtBot) -> UrlListEditor:
    widget = UrlListEditor(["http://a/", "http://b/", "http://c/"])
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _list(editor: UrlListEditor) -> QListWidget:
    found = editor.findChild(QListWidget, "urlList")
    assert found is not None
    return found


def test_defaults_are_the_lesson_sites(qtbot: QtBot) -> None:
    widget = UrlListEditor()
    qtbot.addWidget(widget)
    assert widget.urls() == list(LESSON_URLS)


def test_set_urls_skips_blank_lines_and_strips(editor: UrlListEditor) -> None:
    editor.set_urls(["  http://x/  ", "", "   ", "file:///etc/passwd"])
    # Un-fetchable lines stay: the pool reports why, nothing silently vanishes.
    assert editor.urls() == ["http://x/", "file:///etc/passwd"]


def test_items_are_editable_in_place_and_draggable(editor: UrlListEditor) -> None:
    urls = _list(editor)
    flags = urls.item(0).flags()
    assert flags & Qt.ItemFlag.ItemIsEditable and flags & Qt.ItemFlag.ItemIsDragEnabled
    assert urls.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove


def test_add_opens_an_editor_and_keeps_what_was_typed(qtbot: QtBot, editor: UrlListEditor) -> None:
    urls = _list(editor)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert urls.state() == QAbstractItemView.State.EditingState
    line = urls.viewport().findChild(QLineEdit)
    assert line is not None
    qtbot.keyClicks(line, "http://d/")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.urls() == ["http://a/", "http://b/", "http://c/", "http://d/"])


def test_an_added_line_left_empty_goes_away(qtbot: QtBot, editor: UrlListEditor) -> None:
    urls = _list(editor)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    line = urls.viewport().findChild(QLineEdit)
    assert line is not None
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: urls.count() == 3)


def test_remove_and_move(qtbot: QtBot, editor: UrlListEditor) -> None:
    urls = _list(editor)
    urls.setCurrentRow(2)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert editor.urls() == ["http://a/", "http://c/", "http://b/"]
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert editor.urls() == ["http://c/", "http://a/", "http://b/"]
    qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
    assert editor.urls() == ["http://a/", "http://c/", "http://b/"]
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.urls() == ["http://a/", "http://b/"]
    qtbot.mouseClick(editor.defaults_button, Qt.MouseButton.LeftButton)
    assert editor.urls() == ["http://a/", "http://b/", "http://c/"]


def test_paste_adds_one_item_per_clipboard_line(qtbot: QtBot, editor: UrlListEditor) -> None:
    QApplication.clipboard().setText("http://x/\n\n  http://y/  \r\nhttp://z/\n")
    _list(editor).setCurrentRow(0)
    qtbot.mouseClick(editor.paste_button, Qt.MouseButton.LeftButton)
    assert editor.urls() == [
        "http://a/",
        "http://x/",
        "http://y/",
        "http://z/",
        "http://b/",
        "http://c/",
    ]


def test_ctrl_v_on_the_list_pastes(qtbot: QtBot, editor: UrlListEditor) -> None:
    urls = _list(editor)
    QApplication.clipboard().setText("http://p/\nhttp://q/")
    # Shortcuts only reach the active window's focus widget.
    with qtbot.waitActive(editor):
        editor.activateWindow()
    urls.setFocus()
    qtbot.waitUntil(urls.hasFocus)
    qtbot.keyClick(urls, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # Inserted together after whichever line is current (focus may pick one).
    got = editor.urls()
    assert len(got) == 5
    assert got.index("http://q/") == got.index("http://p/") + 1
