"""Two small labels that tell the class what is going on: why a run did not
start, and how many jobs are in each state."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QWidget

from gui import words
from gui.style.theme import get_theme
from workers.terms import JobState


def _as_html_text(text: str) -> str:
    """``text`` safe inside an HTML element: ``html.escape`` without its
    quotes, and without importing ``html``, whose table of 2,231 named
    characters cost the first paint about 2 ms (8 M instructions)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
        self._counts: dict[JobState, int] = dict.fromkeys(JobState, 0)
        get_theme().changed.connect(self._show)  # the squares' colours
        self._show()

    def set_counts(self, counts: Mapping[JobState, int]) -> None:
        counts = {state: counts.get(state, 0) for state in JobState}
        if counts != self._counts:
            self._counts = counts
            self._show()

    def counts(self) -> dict[JobState, int]:
        return dict(self._counts)

    def retranslate(self) -> None:
        self._show()

    @Slot()
    def _show(self) -> None:
        theme = get_theme()
        names = words.state_words()
        parts = []
        for state in JobState:
            colour = theme.color(f"state_text_colors.{state.value}").name()
            word = _as_html_text(names[state])
            parts.append(f'<span style="color:{colour}">■</span> {self._counts[state]} {word}')
        self.setText("&nbsp;&nbsp; ".join(parts))
