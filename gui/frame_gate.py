"""One large change a frame: the window's changes take turns.

A frame is what the window paints in one go (one ``UpdateRequest``). A
batch of results repaints the table, the progress bar and the counts; a
tick of the graphs' clock scrolls both graphs; a process snapshot repaints
the Processes tab. Each costs a few milliseconds of drawing, and more on a
machine whose cores a run's children keep busy. There the GUI thread is
often late to its timers, so two of them fall due in the same pass of the
event loop and used to be painted in one frame: one long stall instead of
two short ones.

:func:`frame_gate` is shared by all of them. The first to :meth:`FrameGate.take`
a frame changes the window; the others are told to wait, and
:meth:`FrameGate.after_frame` calls them again in the next pass of the
event loop. Qt handles posted events, the window's pending repaint among
them, before zero-interval timers, so that pass comes after this frame has
been painted.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot


class FrameGate(QObject):
    """Whether this frame has been taken; see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._taken = False
        self._waiting: list[Callable[[], None]] = []
        self._next_pass = QTimer(self)
        self._next_pass.setObjectName("frameGateTimer")
        self._next_pass.setSingleShot(True)
        self._next_pass.setInterval(0)
        self._next_pass.timeout.connect(self._on_next_pass)

    def take(self) -> bool:
        """True: this frame is the caller's, change the window now. False:
        another change has it; call :meth:`after_frame` to go next."""
        if self._taken:
            return False
        self._taken = True
        self._next_pass.start()
        return True

    def after_frame(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the frame taken now has been painted
        (once, however often this is asked before then)."""
        if callback not in self._waiting:
            self._waiting.append(callback)
        if not self._next_pass.isActive():
            self._next_pass.start()

    @property
    def taken(self) -> bool:
        return self._taken

    @Slot()
    def _on_next_pass(self) -> None:
        self._taken = False
        waiting, self._waiting = self._waiting, []
        for callback in waiting:  # the first takes the new frame; the others wait again
            callback()


_gate: FrameGate | None = None


def frame_gate() -> FrameGate:
    """The application's one gate (made on first use, with the QApplication
    as its parent)."""
    global _gate
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before the frame gate")
    if _gate is None or not shiboken6.isValid(_gate) or _gate.parent() is not app:
        _gate = FrameGate(app)
        _gate.setObjectName("frameGate")
    return _gate
