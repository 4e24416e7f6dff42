"""Two small labels that tell the class what is going on: why a run did not
start, and how many jobs are in each state."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QWidget

from gui.style.palette import STATE_NAMES
from gui.style.theme import get_theme


class ErrorLabel(QLabel):
    """One line for people ("Not started: …") above the controls, in the
    palette's failure colours; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorLabel")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)
        get_theme().changed.connect(self._on_theme_changed)
        self._on_theme_changed()

    @Slot(str)
    def show_message(self, text: str) -> None:
        """Show ``text``; an empty text hides the label."""
        self.setText(text)
        self.setVisible(bool(text))

    @Slot()
    def _on_theme_changed(self) -> None:
        theme = get_theme()
        self.setFont(theme.font(1.0, bold=True))
        strong = theme.color("state_text_colors.failed").name()
        tint = theme.color("state_colors.failed").name()
        border = max(1, round(theme.pen_width(1)))
        pad = round(theme.pen_width(6))
        self.setStyleSheet(
            f"QLabel#errorLabel {{ color: {strong}; background: {tint};"
            f" border: {border}px solid {strong}; padding: {pad}px; }}"
        )


class StateCountsLabel(QLabel):
    """ "■ 3 running  ■ 45 done …" for the status bar, each square in its state's colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusCountsLabel")
        self.setTextFormat(Qt.TextFormat.RichText)
        self._counts: dict[str, int] = dict.fromkeys(STATE_NAMES, 0)
        self._words = {
            "pending": self.tr("waiting"),
            "running": self.tr("running"),
            "done": self.tr("done"),
            "failed": self.tr("failed"),
            "killed": self.tr("killed"),
            "cancelled": self.tr("cancelled"),
        }
        get_theme().changed.connect(self._show)  # the squares' colours
        self._show()

    def set_counts(self, counts: Mapping[str, int]) -> None:
        self._counts = {state: counts.get(state, 0) for state in STATE_NAMES}
        self._show()

    @Slot()
    def _show(self) -> None:
        theme = get_theme()
        parts = []
        for state in STATE_NAMES:
            colour = theme.color(f"state_text_colors.{state}").name()
            parts.append(
                f'<span style="color:{colour}">■</span> {self._counts[state]} {self._words[state]}'
            )
        self.setText("&nbsp;&nbsp; ".join(parts))
