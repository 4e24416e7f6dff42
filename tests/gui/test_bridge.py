"""RunBridge: real named processes driven from a QThread, events back in batches."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import psutil
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.threads.run_bridge import BATCH_INTERVAL_S, RunBridge
from workers.events import (
    Event,
    JobCancelled,
    JobDone,
    JobStarted,
    JobStopped,
    RunFinished,
    RunStarted,
    is_terminal,
)
from workers.failures import Failure, FailureKind
from workers.options import NamedOptions
from workers.runs.named_run import NamedProcessRun
from workers.runs.run_base import Run
from workers.start_methods import multiprocessing_helper_pids
from workers.terms import Experiment

FINISH_TIMEOUT_MS = 60_000  # generous: forkserver start-up on a busy CI machine


class Recorder:
    """Collects what a bridge emits."""

    def __init__(self, bridge: RunBridge) -> None:
        self.batches: list[list[Event]] = []
        self.busy: list[bool] = []
        self.errors: list[str] = []
        self.progress: list[tuple[int, int]] = []
        bridge.events_ready.connect(self.batches.append)
        bridge.busy_changed.connect(self.busy.append)
        bridge.run_error.connect(self.errors.append)
        bridge.progress.connect(lambda ended, total: self.progress.append((ended, total)))

    @property
    def events(self) -> list[Event]:
        return [ev for batch in self.batches for ev in batch]

    def of(self, kind: type) -> list:
        return [ev for ev in self.events if isinstance(ev, kind)]


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[RunBridge]:
    b = RunBridge()
    yield b
    assert b.shutdown(timeout_s=30.0)
    qtbot.waitUntil(lambda: RunBridge.live_threads() == 0, timeout=5000)


def named(processes: int, sleep_min: float = 0.0, sleep_max: float = 0.05) -> NamedProcessRun:
    return NamedProcessRun(
        NamedOptions(processes=processes, sleep_min=sleep_min, sleep_max=sleep_max, force=True)
    )


def children() -> list[psutil.Process]:
    """This process's descendants other than multiprocessing's long-lived helpers."""
    helpers = multiprocessing_helper_pids()
    return [p for p in psutil.Process().children(recursive=True) if p.pid not in helpers]


def test_five_named_processes(qtbot: QtBot, bridge: RunBridge) -> None:
    rec = Recorder(bridge)
    with qtbot.waitSignals(
        [bridge.run_started, bridge.run_finished], order="strict", timeout=FINISH_TIMEOUT_MS
    ):
        bridge.start(named(5))
        assert bridge.is_busy()
    assert [ev.experiment for ev in rec.of(RunStarted)] == [Experiment.NAMED]

    done = sorted(rec.of(JobDone), key=lambda ev: ev.n)
    assert [ev.result for ev in done] == [1, 4, 9, 16, 25]
    assert [ev.label for ev in done] == ["1", "2", "3", "4", "5"]
    assert len({ev.pid for ev in done}) == 5
    assert sum(is_terminal(ev) for ev in rec.events) == 5
    assert rec.of(RunFinished)[0].ok
    assert rec.progress[-1] == (5, 5)
    assert rec.busy == [True, False]
    assert not bridge.is_busy()
    qtbot.waitUntil(lambda: RunBridge.live_threads() == 0, timeout=5000)


def test_stop_mid_run_stops_every_running_job(qtbot: QtBot, bridge: RunBridge) -> None:
    rec = Recorder(bridge)
    bridge.start(named(5, sleep_min=2.0, sleep_max=3.0))
    qtbot.waitUntil(lambda: len(rec.of(JobStarted)) == 5, timeout=FINISH_TIMEOUT_MS)
    with qtbot.waitSignal(bridge.run_finished, timeout=FINISH_TIMEOUT_MS) as finished:
        bridge.stop()
        assert bridge.is_busy()  # stop() only asks
    summary: RunFinished = finished.args[0]
    # All five were running when Stop came: stopped, not cancelled, not done.
    assert summary.stopped == 5 and summary.done == 0 and summary.cancelled == 0
    assert summary.stop_requested and not summary.ok
    ended = [ev for ev in rec.events if is_terminal(ev)]
    assert len(ended) == 5 and all(isinstance(ev, JobStopped) for ev in ended)
    assert rec.progress[-1] == (5, 5)
    assert children() == []
    assert rec.busy == [True, False]


def test_shutdown_mid_run_is_clean_and_idempotent(qtbot: QtBot) -> None:
    bridge = RunBridge()
    rec = Recorder(bridge)
    bridge.start(named(4, sleep_min=2.0, sleep_max=3.0))
    qtbot.waitUntil(lambda: len(rec.of(JobStarted)) >= 1, timeout=FINISH_TIMEOUT_MS)
    assert bridge.shutdown(timeout_s=30.0)
    assert RunBridge.live_threads() == 0
    assert children() == []
    assert not bridge.is_busy()
    assert rec.busy == [True, False]
    assert bridge.shutdown()  # again: nothing left to do
    with pytest.raises(RuntimeError):
        bridge.start(named(1))
    # The batches still queued for the GUI thread arrive harmlessly later.
    qtbot.waitUntil(lambda: bool(rec.of(RunFinished)), timeout=5000)
    assert rec.busy == [True, False]


def test_start_while_busy_raises(qtbot: QtBot, bridge: RunBridge) -> None:
    bridge.start(named(2, sleep_min=1.0, sleep_max=1.0))
    second = named(1)
    with pytest.raises(RuntimeError, match="already"):
        bridge.start(second)
    second.close()  # never polled: nothing to stop
    with qtbot.waitSignal(bridge.run_finished, timeout=FINISH_TIMEOUT_MS):
        bridge.stop()
    # Free again as soon as RunFinished arrived.
    third = named(1)
    with qtbot.waitSignal(bridge.run_finished, timeout=FINISH_TIMEOUT_MS):
        bridge.start(third)


def test_events_arrive_in_batches(qtbot: QtBot, bridge: RunBridge) -> None:
    rec = Recorder(bridge)
    with qtbot.waitSignal(bridge.run_finished, timeout=FINISH_TIMEOUT_MS):
        bridge.start(named(200, sleep_min=0.0, sleep_max=0.0))
    events = rec.events
    assert sum(is_terminal(ev) for ev in events) == 200
    assert isinstance(events[-1], RunFinished)
    # At most one batch per interval (plus the first and the last), however
    # fast the events come: a slow machine spreads them out, a fast one packs
    # them tighter, and neither gets a signal per event.
    elapsed = events[-1].elapsed
    assert len(rec.batches) <= elapsed / BATCH_INTERVAL_S + 3, (len(rec.batches), elapsed)
    assert len(rec.batches) * 3 < len(events), (len(rec.batches), len(events))
    qtbot.waitUntil(lambda: RunBridge.live_threads() == 0, timeout=5000)


class _BrokenRun(Run):
    """Raises on its second poll; once cancelled it ends its jobs as a Run must."""

    def __init__(self) -> None:
        super().__init__(total=2)
        self._steps = 0

    def _begin(self) -> Event:
        return RunStarted(
            self.run_id,
            experiment=Experiment.NAMED,
            total=2,
            parent_pid=0,
            executor="process",
            start_method="fork",
        )

    def _step(self, timeout: float) -> None:
        self._steps += 1
        if self.cancel_requested:
            never = Failure(FailureKind.NEVER_STARTED)
            for job_id in self.ledger.open_jobs():
                self._emit(
                    JobCancelled(self.run_id, job_id=job_id, label=str(job_id + 1), failure=never)
                )
        elif self._steps >= 2:
            raise OSError("pipe broke")


def test_error_in_the_run_loop_is_reported(qtbot: QtBot, bridge: RunBridge) -> None:
    rec = Recorder(bridge)
    with qtbot.waitSignal(bridge.run_error, timeout=10_000) as error:
        bridge.start(_BrokenRun())
    message = error.args[0]
    assert "OSError: pipe broke" in message and "\n" not in message
    qtbot.waitUntil(lambda: rec.busy == [True, False], timeout=10_000)
    # close() ended the open jobs, so the table still learns each one's fate.
    assert len(rec.of(JobCancelled)) == 2
    assert len(rec.of(RunFinished)) == 1


def test_the_worker_dies_on_the_gui_thread_not_in_its_own(qtbot: QtBot, bridge: RunBridge) -> None:
    # Destroyed in its own thread, a Python-made QObject calls into Python
    # while holding Qt's signal-slot locks, and can deadlock with a GUI
    # thread that holds the GIL (see gui/threads/worker_thread.py).
    died_on: list[bool] = []
    with qtbot.waitSignal(bridge.run_finished, timeout=FINISH_TIMEOUT_MS):
        bridge.start(named(2))
        (handle,) = bridge._threads
        assert handle.worker is not None
        handle.worker.destroyed.connect(
            lambda: died_on.append(threading.current_thread() is threading.main_thread()),
            Qt.ConnectionType.DirectConnection,
        )
    qtbot.waitUntil(lambda: died_on != [], timeout=5000)
    assert died_on == [True]
    assert not handle.is_alive() and bridge._threads == {}
