"""The graphs' small controls bar and their two keys.

- :class:`TimeControls`: **Follow live** / **Pause** (one of the two is on)
  and the history length (1 min, 5 min, the whole session), acting on the
  :class:`~gui.plots.live_range.LiveRange` both graphs share;
- :class:`StateLegend`: what the bars' colours and patterns mean, in the
  controls bar (a :class:`~gui.timeline.flow_layout.FlowLayout`, which
  wraps at a large zoom);
- :class:`RunKeyLabel`: what each run badge's number means, for the runs
  in view ("3 · 100 processes · forkserver · 2.5 s").

At a large zoom they take another line rather than widening the window or
being cut.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLabel,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from gui import words
from gui.plots.live_range import HISTORY_CHOICES, LiveRange
from gui.plots.run_marks import RunMarks
from gui.plots.run_spans import show_run
from gui.style.theme import Theme
from gui.timeline.bars_item import HATCH_GLYPHS
from gui.timeline.flow_layout import FlowLayout
from workers.terms import JobState

#: How many runs the key lists at most (the newest in view); the badges'
#: tooltips name the rest.
MAX_KEY_RUNS = 8
_SEP = "&nbsp;&nbsp;&nbsp; "


def _nbsp(text: str) -> str:
    return html.escape(text).replace(" ", "&nbsp;")


class TimeControls(QWidget):
    """Follow live / Pause and the history length, for both graphs."""

    def __init__(self, live: LiveRange, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeControls")
        self._live = live
        self._theme = theme
        self.follow_button = QToolButton(self)
        self.follow_button.setObjectName("followLiveButton")
        self.pause_button = QToolButton(self)
        self.pause_button.setObjectName("pauseButton")
        group = QButtonGroup(self)
        group.setExclusive(True)
        for button in (self.follow_button, self.pause_button):
            button.setCheckable(True)
            button.setAutoRaise(True)
            group.addButton(button)
        self.history_combo = QComboBox(self)
        self.history_combo.setObjectName("historyCombo")
        for seconds in HISTORY_CHOICES:
            self.history_combo.addItem("", seconds)
        self._set_words()
        self.history_combo.setCurrentIndex(HISTORY_CHOICES.index(live.history))
        self.legend = StateLegend(theme, self)

        # One row at the usual zoom; at a large zoom on a small screen the
        # legend wraps onto a second row rather than widening the window.
        layout = FlowLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (self.follow_button, self.pause_button, self.history_combo):
            layout.addWidget(widget)
        for label in self.legend.labels:
            layout.addWidget(label)

        theme.changed.connect(self._apply_theme)
        self._apply_theme()
        self.follow_button.clicked.connect(live.follow)
        self.pause_button.clicked.connect(live.pause)
        self.history_combo.activated.connect(self._on_history_chosen)
        live.following_changed.connect(self._show_following)
        self._show_following(live.following)

    def _set_words(self) -> None:
        self.follow_button.setText(self.tr("▶ Follow live"))
        self.follow_button.setToolTip(
            self.tr("Keep the graphs on the last moments, as they happen.")
        )
        self.pause_button.setText(self.tr("❚❚ Pause"))
        self.pause_button.setToolTip(
            self.tr(
                "Freeze the graphs to look back: drag to move in time, the wheel to zoom. "
                "Runs go on meanwhile."
            )
        )
        names = {
            60.0: self.tr("Last 1 min"),
            300.0: self.tr("Last 5 min"),
            None: self.tr("Whole session"),
        }
        for index, seconds in enumerate(HISTORY_CHOICES):
            self.history_combo.setItemText(index, names[seconds])
        self.history_combo.setToolTip(
            self.tr("History: how much time the graphs show while following.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._set_words()
            self.legend.refresh()  # the states' words
        super().changeEvent(event)

    @Slot()
    def _apply_theme(self) -> None:
        self.setFont(self._theme.font())
        self.legend.refresh()

    def set_legend_shown(self, shown: bool) -> None:
        """The bars' legend, shown while the timeline is."""
        for label in self.legend.labels:
            label.setVisible(shown)

    @Slot(bool)
    def _show_following(self, following: bool) -> None:
        button = self.follow_button if following else self.pause_button
        button.setChecked(True)

    @Slot(int)
    def _on_history_chosen(self, index: int) -> None:
        self._live.set_history(self.history_combo.itemData(index))


class StateLegend:
    """The bars' states, one small label each: a coloured glyph (its pattern)
    and the state's word."""

    STATES = (JobState.RUNNING, JobState.DONE, *HATCH_GLYPHS)

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        self._theme = theme
        self.labels = [QLabel(parent) for _ in self.STATES]
        for label, state in zip(self.labels, self.STATES, strict=True):
            label.setObjectName(f"legend_{state.value}")
            label.setTextFormat(Qt.TextFormat.RichText)
        self.refresh()

    def refresh(self) -> None:
        p = self._theme.palette
        state_words = words.state_words()
        font = self._theme.font(0.9)
        for label, state in zip(self.labels, self.STATES, strict=True):
            glyph = HATCH_GLYPHS.get(state, "■")
            colour = p.state_text_colors[state.value]
            label.setText(
                f'<span style="color:{colour}; font-weight:bold">{glyph}</span>'
                f'&nbsp;<span style="color:{p.text}">{_nbsp(state_words[state])}</span>'
            )
            label.setFont(font)

    def text(self) -> str:
        """The legend as plain text, for tests."""
        return "  ".join(label.text() for label in self.labels)


class RunKeyLabel(QLabel):
    """What the badges' numbers mean, for the runs in view."""

    def __init__(
        self, marks: RunMarks, live: LiveRange, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("runKey")
        self._marks = marks
        self._live = live
        self._theme = theme
        self._shown: tuple[tuple[int, str], ...] | None = None
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)  # between entries, or within one too long for the width
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setContentsMargins(8, 0, 8, 2)
        self.setToolTip(self.tr("Click a run's number to look at that run."))  # see changeEvent
        self.linkActivated.connect(self._on_link)
        marks.changed.connect(self.refresh)
        live.ticked.connect(self.refresh)
        self.refresh()

    def entries(self) -> list[str]:
        """The key's lines, as listed (oldest in view first)."""
        low, high = self._live.x_range()
        now = self._live.now()
        in_view = self._marks.in_range(self._live.t_of(low), self._live.t_of(high), now)
        return [m.key for m in in_view[-MAX_KEY_RUNS:]]

    @Slot()
    def refresh(self) -> None:
        low, high = self._live.x_range()
        now = self._live.now()
        in_view = self._marks.in_range(self._live.t_of(low), self._live.t_of(high), now)
        shown = tuple((m.number, m.key) for m in in_view[-MAX_KEY_RUNS:])
        if shown == self._shown:
            return  # most ticks: nothing to retype
        self._shown = shown
        p = self._theme.palette
        parts = []
        for number, key in shown:
            rest = key.split(" · ", 1)[1] if " · " in key else key
            parts.append(
                f'<a href="run:{number}" style="text-decoration:none">'
                f'<span style="background:{p.highlight}; color:{p.highlight_text};'
                f' font-weight:bold">&nbsp;{number}&nbsp;</span></a>&nbsp;{html.escape(rest)}'
            )
        if len(in_view) > MAX_KEY_RUNS:
            earlier = self.tr("(and {n} earlier)").format(n=len(in_view) - MAX_KEY_RUNS)
            parts.insert(0, _nbsp(earlier))
        if not parts:  # a hint in the key's place, so the graphs do not jump when it fills
            hint = self.tr(
                "Each run is numbered on the graphs; this key says what the numbers mean."
            )
            self.setText(f'<span style="color:{p.muted_text}">{html.escape(hint)}</span>')
            return
        self.setText(f'<span style="color:{p.text}">{_SEP.join(parts)}</span>')

    def restyle(self) -> None:
        self.setFont(self._theme.font(0.9))
        self._shown = None
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setToolTip(self.tr("Click a run's number to look at that run."))
            self._shown = None  # the key and its hint again, in the new words
            self.refresh()
        super().changeEvent(event)

    @Slot(str)
    def _on_link(self, link: str) -> None:
        number = link.removeprefix("run:")
        for mark in self._marks.marks():
            if str(mark.number) == number:
                show_run(self._live, mark)
                return
