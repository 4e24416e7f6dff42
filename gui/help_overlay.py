"""F1: every keyboard shortcut, large, over the window.

Meant to be read from the back of a classroom: the list is drawn at least
:data:`HELP_FONT_PX` pixels high (more when zoomed), over a nearly opaque
backing in the theme's colours. A click, or any key, closes it; F1 again
too. The list is :data:`gui.shortcuts.COMMANDS`, the same the actions are
made from.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from gui.i18n import without_mnemonic
from gui.shortcuts import COMMANDS
from gui.style.theme import get_theme

#: The overlay's text is at least this many pixels high.
HELP_FONT_PX = 28
#: How opaque the backing over the window is (0-255).
BACKING_ALPHA = 235


def help_overlay(window: QWidget) -> HelpOverlay:
    """``window``'s overlay, made on first use (not to slow the first paint)."""
    overlay = window.findChild(HelpOverlay, "helpOverlay")
    return overlay if overlay is not None else HelpOverlay(window)


class HelpOverlay(QWidget):
    """The shortcut list over ``window``; hidden until :meth:`toggle`."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("helpOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.panel = QFrame(self)
        self.panel.setObjectName("helpPanel")
        self._title = QLabel(self.panel)
        self._title.setObjectName("helpTitle")
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        self._key_labels: list[QLabel] = []
        self._text_labels: list[QLabel] = []
        for row in range(len(COMMANDS)):
            keys = QLabel(self.panel)
            text = QLabel(self.panel)
            grid.addWidget(keys, row, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(text, row, 1)
            self._key_labels.append(keys)
            self._text_labels.append(text)
        self._hint = QLabel(self.panel)
        self.retranslate_ui()
        layout = QVBoxLayout(self.panel)
        layout.addWidget(self._title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(grid)
        layout.addWidget(self._hint, 0, Qt.AlignmentFlag.AlignHCenter)
        outer = QVBoxLayout(self)
        outer.addWidget(self.panel, 0, Qt.AlignmentFlag.AlignCenter)
        window.installEventFilter(self)  # follow the window's size
        get_theme().changed.connect(self._on_theme_changed)
        self._on_theme_changed()
        self.hide()

    def retranslate_ui(self) -> None:
        """The list's words (and keys, as the language writes them)."""
        self.setToolTip(self.tr("Click or press any key to close"))
        self._title.setText(self.tr("Keyboard shortcuts"))
        self._hint.setText(self.tr("Any key or a click closes this list."))
        for command, keys, text in zip(COMMANDS, self._key_labels, self._text_labels, strict=True):
            keys.setText(command.keys_text())
            text.setText(without_mnemonic(command.label()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def font_px(self) -> int:
        """The pixel size of the list's text now."""
        return self._text_labels[0].fontInfo().pixelSize()

    def labels(self) -> list[tuple[str, str]]:
        """The list as shown: (keys, what they do)."""
        return [
            (k.text(), t.text()) for k, t in zip(self._key_labels, self._text_labels, strict=True)
        ]

    @Slot()
    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self.show_over_window()

    def show_over_window(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- closing --------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Esc closes this list, before the window's Esc (leave presentation) sees it.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.hide()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
        event.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.setGeometry(self.parentWidget().rect())
        return False

    # -- looks ----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), get_theme().color("background", alpha=BACKING_ALPHA))

    @Slot()
    def _on_theme_changed(self) -> None:
        theme = get_theme()
        factor = max(1.4, HELP_FONT_PX / max(1, theme.font_px()))
        p = theme.palette
        for label in self._text_labels:
            label.setFont(theme.font(factor))
        for label in self._key_labels:
            label.setFont(theme.font(factor, bold=True))
        self._title.setFont(theme.font(factor * 1.2, bold=True))
        self._hint.setFont(theme.font(factor * 0.8))
        border = max(2, round(theme.pen_width(2)))
        pad = round(theme.pen_width(16))
        self.panel.setStyleSheet(
            f"QFrame#helpPanel {{ background: {p.surface}; border: {border}px solid {p.text};"
            f" padding: {pad}px; }}"
            f" QFrame#helpPanel QLabel {{ color: {p.text}; background: transparent; }}"
        )
