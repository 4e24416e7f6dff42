"""The window's keyboard commands, in one list.

A teacher at a projector has a remote or a keyboard, not always a mouse
within reach: every command a lesson needs has a key. The list here is what
the actions are made from and what the F1 overlay (:mod:`gui.help_overlay`)
shows, so the two cannot disagree. Each action is added to the window
itself as well as to its menu: its key then works with the menu bar hidden
(presentation mode hides it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton

from gui.i18n import keep_translated

if TYPE_CHECKING:
    from gui.main_window import MainWindow

#: The translation context of the commands' names and tips.
CONTEXT = "Shortcuts"


@dataclass(frozen=True)
class Command:
    """One keyboard command: its action's name, words (English sources,
    translated in :data:`CONTEXT`) and keys (portable text, as QKeySequence
    reads it; the first is the one shown)."""

    name: str
    text: str
    tip: str
    keys: tuple[str, ...]

    def label(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.text)

    def tip_text(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.tip)

    def sequences(self) -> list[QKeySequence]:
        return [QKeySequence(key) for key in self.keys]

    def keys_text(self) -> str:
        """The keys as this system writes them ("Ctrl+R", "F11")."""
        native = QKeySequence.SequenceFormat.NativeText
        return " / ".join(sequence.toString(native) for sequence in self.sequences())


def _command(name: str, text: str, tip: str, *keys: str) -> Command:
    return Command(name, text, tip, keys)


START_PROCESSES = _command(
    "startProcessesAction",
    QT_TRANSLATE_NOOP("Shortcuts", "Start &processes"),
    QT_TRANSLATE_NOOP("Shortcuts", "Start the named processes, as the Start processes button"),
    "Ctrl+R",
)
START_POOL = _command(
    "startPoolAction",
    QT_TRANSLATE_NOOP("Shortcuts", "Start p&ool"),
    QT_TRANSLATE_NOOP("Shortcuts", "Fetch the pages in the process pool, as the Start pool button"),
    "Ctrl+P",
)
STOP = _command(
    "stopAction",
    QT_TRANSLATE_NOOP("Shortcuts", "&Stop"),
    QT_TRANSLATE_NOOP("Shortcuts", "Stop every running experiment and its processes"),
    "Ctrl+.",
)
CLEAR = _command(
    "clearAction",
    QT_TRANSLATE_NOOP("Shortcuts", "&Clear"),
    QT_TRANSLATE_NOOP(
        "Shortcuts",
        "Empty the console and take the markers off the graph; the table keeps only the "
        "latest run (tick Keep earlier runs to see the others again: nothing is lost)",
    ),
    "Ctrl+L",
)
ZOOM_IN = _command(
    "zoomInAction",
    QT_TRANSLATE_NOOP("Shortcuts", "Zoom &in"),
    QT_TRANSLATE_NOOP("Shortcuts", "Bigger text, lines and graph"),
    # Ctrl+= too: on most keyboards "+" needs Shift, "=" is the same key.
    "Ctrl++",
    "Ctrl+=",
)
ZOOM_OUT = _command(
    "zoomOutAction",
    QT_TRANSLATE_NOOP("Shortcuts", "Zoom &out"),
    QT_TRANSLATE_NOOP("Shortcuts", "Smaller text, lines and graph"),
    "Ctrl+-",
)
RESET_ZOOM = _command(
    "resetZoomAction",
    QT_TRANSLATE_NOOP("Shortcuts", "&Reset zoom"),
    QT_TRANSLATE_NOOP("Shortcuts", "Back to the zoom that suits this screen"),
    "Ctrl+0",
)
PRESENTATION = _command(
    "presentationAction",
    QT_TRANSLATE_NOOP("Shortcuts", "&Presentation"),
    QT_TRANSLATE_NOOP(
        "Shortcuts", "Full screen with big text for a projector; Esc or F11 leaves it"
    ),
    "F11",
)
LEAVE_PRESENTATION = _command(
    "leavePresentationAction",
    QT_TRANSLATE_NOOP("Shortcuts", "Leave presentation"),
    QT_TRANSLATE_NOOP("Shortcuts", "Back to the window as it was"),
    "Esc",
)
NEXT_THEME = _command(
    "nextThemeAction",
    QT_TRANSLATE_NOOP("Shortcuts", "&Next theme"),
    QT_TRANSLATE_NOOP("Shortcuts", "Light, dark, high contrast, in turn"),
    "Ctrl+Shift+T",
)
HELP = _command(
    "keysHelpAction",
    QT_TRANSLATE_NOOP("Shortcuts", "&Keyboard shortcuts"),
    QT_TRANSLATE_NOOP("Shortcuts", "Show every key of this list, large; any key closes it"),
    "F1",
)

#: Every command, in the order the F1 overlay lists them.
COMMANDS: tuple[Command, ...] = (
    START_PROCESSES,
    START_POOL,
    STOP,
    CLEAR,
    ZOOM_IN,
    ZOOM_OUT,
    RESET_ZOOM,
    PRESENTATION,
    LEAVE_PRESENTATION,
    NEXT_THEME,
    HELP,
)


def make_action(window: MainWindow, command: Command) -> QAction:
    """The command's action, its keys working anywhere in the window."""
    action = QAction(window)
    action.setObjectName(command.name)
    action.setShortcuts(command.sequences())
    # Set again in the new language when it changes (the window calls
    # gui.i18n.retranslate_kept).
    keep_translated(action, CONTEXT, text=command.text, tip=command.tip, status_tip=command.tip)
    window.addAction(action)  # the key works with the menu bar hidden too
    return action


class _FollowButton(QObject):
    """Keeps an action enabled exactly when the button it clicks is."""

    def __init__(self, button: QAbstractButton, action: QAction) -> None:
        super().__init__(action)
        self._action = action
        action.setEnabled(button.isEnabled())
        action.triggered.connect(button.click)  # click() does nothing when disabled
        button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QAbstractButton):
            self._action.setEnabled(watched.isEnabled())
        return False


def button_action(window: MainWindow, command: Command, button: QAbstractButton) -> QAction:
    """The command's action, clicking ``button`` and enabled when it is."""
    action = make_action(window, command)
    _FollowButton(button, action)
    return action


def clear_views(window: MainWindow) -> None:
    """Clear: the console empties, the graph loses its markers, the table
    keeps only the latest run. The session record keeps everything."""
    window.log_view.clear()
    if window.cpu_plot is not None:
        window.cpu_plot.clear_marks()  # the runs' spans and badges
    window.run_controls.keep_runs_check.setChecked(False)
