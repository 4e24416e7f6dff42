"""The pool's page list: edit in place, add, remove, reorder, paste many lines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot

from gui.panels.url_list import FULL_TEXT_ROLE, LESSON_URLS, UrlListEditor, url_failure_words
from gui.style.theme import get_theme
from workers.failures import Failure, FailureKind


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


def test_a_line_that_cannot_be_fetched_is_coloured_and_says_why(editor: UrlListEditor) -> None:
    editor.set_urls(["http://ok/", "file:///etc/passwd"])
    good, bad = _list(editor).item(0), _list(editor).item(1)
    why = "scheme 'file' is not allowed: only http and https are fetched"
    assert bad.toolTip() == f"file:///etc/passwd\n{why}"
    assert bad.foreground().color() == get_theme().color("state_text_colors.failed")
    assert good.toolTip() == "http://ok/"
    assert good.data(Qt.ItemDataRole.ForegroundRole) is None
    assert editor.problems() == [(2, "file:///etc/passwd", why)]


@pytest.mark.parametrize(
    ("failure", "words"),
    [
        (Failure(FailureKind.BLANK_URL), "the line is blank"),
        (Failure(FailureKind.BAD_URL, message="no host"), "not a valid URL: no host"),
        (
            Failure(FailureKind.SCHEME_NOT_ALLOWED, scheme="ftp"),
            "scheme 'ftp' is not allowed: only http and https are fetched",
        ),
        (
            Failure(FailureKind.URL_TOO_LONG, count=100_000, limit=8192),
            "URL is 100000 characters long; the limit is 8192",
        ),
        (
            Failure(FailureKind.CREDENTIALS_REFUSED, host="h"),
            "a user name and password in the URL are not sent (host 'h')",
        ),
    ],
)
def test_words_for_each_url_failure(failure: Failure, words: str) -> None:
    assert url_failure_words(failure) == words


def test_outside_text_in_the_words_is_cut_and_made_visible() -> None:
    words = url_failure_words(Failure(FailureKind.BAD_URL, message="x\u202e" + "y" * 10_000))
    assert "\\u202e" in words and "\u202e" not in words
    assert len(words) < 300


def _edit(qtbot: QtBot, editor: UrlListEditor, row: int) -> QLineEdit:
    urls = _list(editor)
    urls.setCurrentRow(row)
    urls.editItem(urls.item(row))
    line = urls.viewport().findChild(QLineEdit)
    assert line is not None
    return line


def test_an_edited_line_is_checked_again(qtbot: QtBot, editor: UrlListEditor) -> None:
    line = _edit(qtbot, editor, 0)
    line.setText("ftp://x/")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    item = _list(editor).item(0)
    qtbot.waitUntil(lambda: "scheme 'ftp'" in item.toolTip())
    assert editor.urls()[0] == "ftp://x/"
    line = _edit(qtbot, editor, 0)
    assert line.text() == "ftp://x/"
    line.setText("http://fixed/")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: item.toolTip() == "http://fixed/")
    assert editor.problems() == []


def test_a_long_line_is_edited_whole_and_kept_whole(qtbot: QtBot, editor: UrlListEditor) -> None:
    long_line = "http://h/" + "a" * 100_000
    editor.set_urls([long_line, "http://b/"])
    line = _edit(qtbot, editor, 0)
    assert line.text() == long_line  # not the shown copy, not cut at QLineEdit's 32767
    line.end(False)
    line.insert("z")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    item = _list(editor).item(0)
    qtbot.waitUntil(lambda: item.data(FULL_TEXT_ROLE) == long_line + "z")
    assert "100010 characters long" in item.toolTip()
    # Moving it keeps the full text too.
    qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
    assert _list(editor).item(1).data(FULL_TEXT_ROLE) == long_line + "z"
    assert editor.urls() == ["http://b/", long_line + "z"]


def test_a_password_is_masked_on_screen_but_kept(editor: UrlListEditor) -> None:
    editor.set_urls(["http://user:secret@127.0.0.1:9/"])
    item = _list(editor).item(0)
    assert "secret" not in item.text() and "secret" not in item.toolTip()
    assert editor.urls() == ["http://user:secret@127.0.0.1:9/"]
