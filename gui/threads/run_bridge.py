"""Runs an experiment off the GUI thread and brings its events back in batches.

A :class:`RunBridge` owns at most one :class:`~workers.runs.run_base.Run` at a time.
Each run gets a fresh worker QObject in a fresh QThread, wired the way superqt
wires its workers. The worker drives ``run.poll()`` and emits what it collected
at most every :data:`BATCH_INTERVAL_S`; the bridge relays those batches to the
GUI thread through queued signals, so no widget is ever touched from the
worker's thread. Stopping is cooperative: :meth:`RunBridge.stop` asks the run
to cancel and the worker keeps polling until every job has ended.
"""

from __future__ import annotations

import logging
import time
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from shiboken6 import isValid

from gui.threads.thread_handback import hand_back_to_gui_thread
from workers.events import Event, RunFinished, RunStarted, is_terminal
from workers.runs.run_base import Run

log = logging.getLogger(__name__)

#: How long one poll() may block: short, so Stop and batching stay prompt.
POLL_TIMEOUT_S = 0.02
#: The GUI gets at most one batch per this interval (RunFinished goes at once).
BATCH_INTERVAL_S = 0.05
#: How long the GUI thread waits for a thread that has emitted finished to end.
THREAD_END_WAIT_MS = 5000


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class _RunWorker(QObject):
    """Drives one run to its end inside the bridge's QThread."""

    events_ready = Signal(object)  # list[Event]: what happened since the last batch
    failed = Signal(str)  # one line for people: the run loop raised
    finished = Signal()  # the loop is over and the run is closed

    def __init__(self, run: Run) -> None:
        super().__init__()
        self._run = run

    @Slot()
    def run(self) -> None:
        run = self._run
        batch: list[Event] = []
        last_flush = 0.0  # the first batch (RunStarted) goes out at once
        try:
            while not run.finished:
                batch += run.poll(POLL_TIMEOUT_S)
                now = time.monotonic()
                if batch and (run.finished or now - last_flush >= BATCH_INTERVAL_S):
                    self.events_ready.emit(batch)
                    batch, last_flush = [], now
            # Releases pools and pipes; a finished run has no child left to stop.
            run.close()
        except Exception as exc:
            log.exception("run %s failed", run.run_id)
            self.failed.emit(
                QCoreApplication.translate(
                    "RunBridge", "The run stopped because of an error ({error}); start it again."
                ).format(error=_one_line(exc))
            )
            try:
                # close() cancels and polls until the ledger has ended every
                # open job, so the table still gets a fate for each one.
                batch += run.close()
            except Exception as exc2:
                log.exception("closing run %s failed", run.run_id)
                self.failed.emit(
                    QCoreApplication.translate(
                        "RunBridge", "The run could not be wound down ({error})."
                    ).format(error=_one_line(exc2))
                )
        finally:
            if batch:
                self.events_ready.emit(batch)
            hand_back_to_gui_thread(self)
            self.finished.emit()


class RunBridge(QObject):
    """Owns at most one run in its own QThread and relays its events to the
    GUI thread. Every method is called from the GUI thread; only
    :meth:`shutdown` blocks."""

    events_ready = Signal(object)  # list[Event], batched
    run_started = Signal(object)  # RunStarted
    run_finished = Signal(object)  # RunFinished
    run_error = Signal(str)  # one line for people when the run loop raised
    busy_changed = Signal(bool)  # True from start() until the run finished
    progress = Signal(int, int)  # ended, total; once per batch

    #: Every bridge thread not yet known to be finished, across all bridges,
    #: with its worker: these references keep both alive even if the bridge
    #: itself goes first (a running QThread destroyed aborts the interpreter).
    _live: ClassVar[dict[QThread, _RunWorker]] = {}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run: Run | None = None  # the current run, until it finished
        # Each thread with its worker and run, until the thread's finished
        # signal was handled here: dropping a running QThread's last reference
        # would destroy it and abort, and the worker must outlive its loop.
        self._threads: dict[QThread, tuple[_RunWorker, Run]] = {}
        self._total = 0
        self._ended = 0
        self._shut_down = False

    @classmethod
    def live_threads(cls) -> int:
        """Bridge threads still running, in any bridge (for tests)."""
        for thread in list(cls._live):
            if not isValid(thread) or thread.isFinished():
                del cls._live[thread]
        return len(cls._live)

    def is_busy(self) -> bool:
        """True from start() until RunFinished arrived (or the run failed)."""
        return self._run is not None

    def start(self, run: Run) -> None:
        """Drive ``run`` (created and validated by the caller) in a new thread."""
        if self._shut_down:
            raise RuntimeError("the bridge was shut down")
        if self._run is not None:
            raise RuntimeError("a run is already in progress; stop it first")
        self._run = run
        self._total, self._ended = 0, 0
        thread = QThread()
        thread.setObjectName(f"RunBridge-run-{run.run_id}")
        worker = _RunWorker(run)
        worker.moveToThread(thread)
        # Canonical superqt order; each line says what the signal is for.
        thread.started.connect(worker.run)  # the thread's first act is the poll loop
        worker.finished.connect(thread.quit)  # loop over: end the thread's event loop
        # Neither is deleteLater()'d: both die on the GUI thread with their last
        # references, dropped in _on_thread_finished once the thread has ended
        # (the worker hands itself back to the GUI thread as its loop ends).
        # A deleteLater'd thread could be gone before that queued call came,
        # which then could not tell which run's references to drop.
        # Queued: these slots run on the GUI thread, where the bridge lives.
        queued = Qt.ConnectionType.QueuedConnection
        worker.events_ready.connect(self._on_worker_events_ready, queued)  # batches out
        worker.failed.connect(self.run_error, queued)  # the loop's error, as one line
        thread.finished.connect(self._on_thread_finished, queued)  # forget it; unblock a failed run
        self._threads[thread] = (worker, run)
        RunBridge._live[thread] = worker
        thread.start()
        self.busy_changed.emit(True)

    def stop(self) -> None:
        """Ask the run to stop; returns at once. Its jobs end as cancelled."""
        if self._run is not None:
            self._run.cancel()

    def shutdown(self, timeout_s: float = 20.0) -> bool:
        """Stop the run, wait for its thread, close it; True if all went clean.

        For the window's closeEvent. Idempotent; the bridge starts nothing after.
        """
        self._shut_down = True
        run = self._run
        # 1. Cancel first: the worker then terminates the children and polls
        #    until every job has ended, which is what lets its loop return.
        if run is not None:
            run.cancel()
        # 2. The worker's finished -> thread.quit connection is queued to this
        #    thread, which is about to block in wait(); quit directly instead
        #    (quit is thread-safe, and before exec() it makes exec() return).
        deadline = time.monotonic() + timeout_s
        clean = True
        for thread in list(self._threads):
            if not isValid(thread) or thread.isFinished():
                continue
            thread.quit()
            if thread.wait(max(0, int((deadline - time.monotonic()) * 1000))):
                RunBridge._live.pop(thread, None)
            else:
                log.error("run thread %s did not finish in %.1f s", thread.objectName(), timeout_s)
                clean = False
        # 3. Close the run here in case the worker never got to, but only once
        #    its thread is over: a Run must not be driven from two threads.
        #    (The references stay until _on_thread_finished: its queued call
        #    still needs the thread alive to know who sent it.)
        if run is not None and clean:
            try:
                run.close()
            except Exception:
                log.exception("closing run %s at shutdown failed", run.run_id)
                clean = False
        if self._run is not None:
            self._run = None
            self.busy_changed.emit(False)
        return clean

    # -- slots (GUI thread) -----------------------------------------------

    @Slot(object)
    def _on_worker_events_ready(self, events: list[Event]) -> None:
        finished: RunFinished | None = None
        for ev in events:
            if isinstance(ev, RunStarted):
                self._total = ev.total
                self.run_started.emit(ev)
            elif isinstance(ev, RunFinished):
                finished = ev
            elif is_terminal(ev):
                self._ended += 1
        self.events_ready.emit(events)
        self.progress.emit(self._ended, self._total)
        if finished is not None and self._run is not None and self._run.run_id == finished.run_id:
            # Free at once: the worker's thread may still be releasing the
            # run, and a new run gets a thread of its own anyway.
            self._run = None
            self.run_finished.emit(finished)
            self.busy_changed.emit(False)

    @Slot()
    def _on_thread_finished(self) -> None:
        thread: Any = self.sender()
        if thread is None or not isValid(thread):
            return
        # finished is emitted just before the thread ends; wait for that
        # (moments): the QThread must not be destroyed while it still runs.
        if not thread.wait(THREAD_END_WAIT_MS):
            log.error("run thread %s did not end after finished", thread.objectName())
            return
        RunBridge._live.pop(thread, None)
        entry = self._threads.pop(thread, None)
        # Without a RunFinished (the loop raised and could not wind down) the
        # bridge must still become free again.
        if entry is not None and entry[1] is self._run:
            self._run = None
            self.busy_changed.emit(False)
