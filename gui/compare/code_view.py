"""The "Code" tab: the runnable Python equivalent of the current settings.

The script (:mod:`workers.lesson_code`) is the named-process one or the pool
one, whichever experiment's controls were changed last, and is made again
whenever a setting changes. It sits in a read-only
:class:`~PySide6.QtWidgets.QPlainTextEdit` (``codeView``) as plain text, so
what is selected and copied (or taken by *Copy*) is exactly what runs; the
colours are only a :class:`QSyntaxHighlighter` over it, from the palette.
"""

from __future__ import annotations

import builtins
import keyword
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Slot
from PySide6.QtGui import (
    QFontDatabase,
    QGuiApplication,
    QShowEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.style.look import ThemedButton
from gui.style.theme import get_theme

if TYPE_CHECKING:
    from gui.main_window import MainWindow

NAMED, POOL = "named", "pool"

_WORD = re.compile(r"\b[A-Za-z_]\w*\b")
_NUMBER = re.compile(r"\b\d[\d_]*(?:\.\d+)?\b")
# A string with its prefix (f'', r""), up to its closing quote on this line.
_STRING = re.compile(r"""(?:\b[rRbBfFuU]{1,2})?('(?:\\.|[^'\\])*'?|"(?:\\.|[^"\\])*"?)""")
_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))


class PythonHighlighter(QSyntaxHighlighter):
    """Keywords, built-ins, strings, numbers and comments, in palette colours.

    The generated scripts have no string spanning lines, so each line is
    coloured on its own.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        get_theme().changed.connect(self._on_theme_changed)
        self._on_theme_changed()

    @Slot()
    def _on_theme_changed(self) -> None:
        theme = get_theme()
        colours = {
            "keyword": "state_text_colors.running",
            "builtin": "state_text_colors.cancelled",
            "string": "state_text_colors.done",
            "number": "state_text_colors.killed",
            "comment": "muted_text",
        }
        self._formats = {}
        for kind, name in colours.items():
            fmt = QTextCharFormat()
            fmt.setForeground(theme.color(name))
            if kind == "keyword":
                fmt.setFontWeight(700)
            if kind == "comment":
                fmt.setFontItalic(True)
            self._formats[kind] = fmt
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        strings = [m.span() for m in _STRING.finditer(text)]

        def in_string(index: int) -> bool:
            return any(start <= index < end for start, end in strings)

        comment = next((i for i, ch in enumerate(text) if ch == "#" and not in_string(i)), None)
        end = len(text) if comment is None else comment
        for match in _WORD.finditer(text, 0, end):
            if in_string(match.start()):
                continue
            word = match.group()
            if keyword.iskeyword(word):
                self.setFormat(match.start(), len(word), self._formats["keyword"])
            elif word in _BUILTINS:
                self.setFormat(match.start(), len(word), self._formats["builtin"])
        for match in _NUMBER.finditer(text, 0, end):
            if not in_string(match.start()):
                self.setFormat(match.start(), len(match.group()), self._formats["number"])
        for start, stop in strings:
            if start < end:
                self.setFormat(start, stop - start, self._formats["string"])
        if comment is not None:
            self.setFormat(comment, len(text) - comment, self._formats["comment"])


class CodePanel(QWidget):
    """The script of the experiment changed last, and a Copy button."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codePanel")
        self._window = window
        self._experiment = NAMED

        self.title_label = QLabel(self)
        self.title_label.setObjectName("codeTitle")
        self.copy_button = ThemedButton(parent=self)
        self.copy_button.setObjectName("codeCopyButton")
        self.copy_button.clicked.connect(self.copy)

        self.view = QPlainTextEdit(self)
        self.view.setObjectName("codeView")
        self.view.setReadOnly(True)  # still selectable and copyable
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._set_words()
        self.highlighter = PythonHighlighter(self.view.document())

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        get_theme().changed.connect(self._on_theme_changed)
        self._on_theme_changed()
        # The script is made once the window has loaded (or when a setting
        # changes, or this tab shows): not before the window's first paint.

    def _set_words(self) -> None:
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the whole script, to run it with Python"))
        self.view.setToolTip(
            self.tr(
                "The Python script that does what the current settings do, in the lesson's "
                "style.\nSave it as a .py file and run it."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._set_words()
            if self.title_label.text():  # made already: the title in the new language
                self.refresh()
        super().changeEvent(event)

    @property
    def experiment(self) -> str:
        """Whose script is shown: ``"named"`` or ``"pool"``."""
        return self._experiment

    def show_experiment(self, experiment: str) -> None:
        """Show ``experiment``'s script, made from its current settings."""
        self._experiment = experiment
        self.refresh()

    def script(self) -> str:
        """The script for the shown experiment's current settings."""
        from workers.lesson_code import named_script, pool_script

        if self._experiment == POOL:
            return pool_script(self._window.pool_panel.options())
        return named_script(self._window.named_panel.options(force=True))

    @Slot()
    def refresh(self) -> None:
        if self._experiment == POOL:
            title = self.tr("The process pool as a Python script")
        else:
            title = self.tr("The named processes as a Python script")
        self.title_label.setText(title)
        text = self.script()
        if text != self.view.toPlainText():
            scroll = self.view.verticalScrollBar().value()
            self.view.setPlainText(text)
            self.view.verticalScrollBar().setValue(scroll)  # a changed setting keeps the place

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.view.toPlainText())

    @Slot()
    def _on_theme_changed(self) -> None:
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(get_theme().font_pt())
        self.view.setFont(font)


__all__ = ["NAMED", "POOL", "CodePanel", "PythonHighlighter"]
