"""One large change a frame (gui/frame_gate.py): the first change takes the
frame, the next waits until it has been painted; in the window, a batch of
results and a tick of the graphs' clock that fall due together are painted
in two frames, not one."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gui import MainWindow
from gui.frame_gate import FrameGate, frame_gate
from tests.gui.test_timeline import _named_run
from workers.events import JobDone
from workers.terms import process_worker


class FrameLog(QObject):
    """Names, in order: "frame" for each of the window's updates (one go of
    painting), the watched widgets' paints, and whatever the test adds."""

    def __init__(self, window: QWidget, **watched: QWidget) -> None:
        super().__init__()
        self.entries: list[str] = []
        self._window = window
        self._names = {widget: name for name, widget in watched.items()}
        window.installEventFilter(self)
        for widget in watched.values():
            widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if obj is self._window and kind == QEvent.Type.UpdateRequest:
            self.entries.append("frame")
        elif kind == QEvent.Type.Paint and obj in self._names:
            self.entries.append(self._names[obj])
        return False

    def frames(self) -> list[list[str]]:
        """What each frame painted, with what came between frames kept apart."""
        frames: list[list[str]] = [[]]
        for entry in self.entries:
            if entry == "frame":
                frames.append([])
            else:
                frames[-1].append(entry)
        return [f for f in frames if f]


def test_the_first_change_takes_the_frame_and_the_next_goes_after_its_paint(
    qtbot: QtBot,
) -> None:
    gate = FrameGate()
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    log = FrameLog(widget, widget=widget)
    calls: list[str] = []

    def first() -> None:
        assert gate.take()
        widget.update()  # this frame's change
        assert not gate.take()  # taken until it is painted
        gate.after_frame(second)
        gate.after_frame(second)  # asked twice: called once

    def second() -> None:
        calls.append("second")
        log.entries.append("second")

    QTimer.singleShot(0, first)
    qtbot.waitUntil(lambda: calls == ["second"], timeout=3000)
    qtbot.wait(50)
    assert calls == ["second"]
    assert log.entries.index("widget") < log.entries.index("second"), log.entries
    assert not gate.taken


def test_results_and_the_clock_due_together_are_painted_in_two_frames(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.cpu_plot is not None and window.timeline is not None
    live = window.cpu_plot.live
    events = _named_run(1, 4, time.monotonic() - 1, ["running"] * 4)
    window.store.apply_events(events)
    qtbot.wait(300)
    timeline_view = window.timeline.plot_item().getViewBox().getViewWidget().viewport()
    log = FrameLog(window, table=window.results_view.viewport(), timeline=timeline_view)
    worker = process_worker(7000, "1")
    ended = {"worker": worker, "started_mono": events[2].t_mono, "finished_mono": time.monotonic()}
    done = JobDone(1, job_id=0, label="1", **ended, n=1, result=1)

    def both_due() -> None:
        # As when the GUI thread comes back late to both: a batch of results
        # has arrived and the clock's timer fires, in one pass of the loop.
        log.entries.append("frame")  # what was painted before is not this test's
        window.named_bridge._on_worker_events_ready([done])
        live._on_timer()

    QTimer.singleShot(0, both_due)
    qtbot.waitUntil(lambda: "table" in log.entries and "timeline" in log.entries, timeout=3000)
    assert frame_gate() is frame_gate()
    frames = log.frames()
    assert not any("table" in f and "timeline" in f for f in frames), log.entries
    first_table = next(i for i, f in enumerate(frames) if "table" in f)
    first_timeline = next(i for i, f in enumerate(frames) if "timeline" in f)
    assert first_timeline < first_table, log.entries  # the clock took the frame first
