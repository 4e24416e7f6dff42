"""Runs an experiment off the GUI thread and brings its events back in batches.

A :class:`RunBridge` owns at most one :class:`~workers.runs.run_base.Run` at
a time. Each run gets a fresh worker QObject in a fresh QThread, both made
and ended by :mod:`gui.threads.worker_thread` (which says where the worker
dies, and why). The worker drives ``run.poll()`` and emits what it collected
at most every :data:`BATCH_INTERVAL_S`; the bridge relays those batches to
the GUI thread through queued signals, so no widget is ever touched from the
worker's thread. Stopping is cooperative: :meth:`RunBridge.stop` asks the run
to stop and the worker keeps polling until every job has ended.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot

from gui.frame_gate import frame_gate
from gui.threads.worker_thread import ThreadWorker, WorkerThread, start_in_thread

if TYPE_CHECKING:
    from workers.events import Event, RunFinished
    from workers.runs.run_base import Run

log = logging.getLogger(__name__)

#: How long one poll() may block: short, so Stop and batching stay prompt.
POLL_TIMEOUT_S = 0.02
#: The GUI gets at most one batch per this interval (RunFinished goes at once).
BATCH_INTERVAL_S = 0.07


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class _RunWorker(ThreadWorker):
    """Drives one run to its end inside the bridge's QThread; its
    ``finished`` says the loop is over and the run is closed."""

    events_ready = Signal(object)  # list[Event]: what happened since the last batch
    failed = Signal(str)  # one line for people: the run loop raised

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

    #: Every bridge thread not yet ended, across all bridges (for tests).
    _handles: ClassVar[set[WorkerThread]] = set()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run: Run | None = None  # the current run, until it finished
        # Each thread's handle with its run, until the thread has ended (the
        # worker_thread registry keeps the handle alive that long anyway).
        self._threads: dict[WorkerThread, Run] = {}
        self._total = 0
        self._ended = 0
        self._shut_down = False
        # Batches that arrived, folded in from a timer (see _on_worker_events_ready).
        self._pending: list[list[Event]] = []
        self._deliver_timer = QTimer(self)
        self._deliver_timer.setObjectName("runBatchTimer")
        self._deliver_timer.setSingleShot(True)
        self._deliver_timer.setInterval(0)
        self._deliver_timer.timeout.connect(self._on_deliver_timer)

    @classmethod
    def live_threads(cls) -> int:
        """Bridge threads not yet ended, in any bridge (for tests)."""
        cls._handles = {h for h in cls._handles if h.is_alive()}
        return len(cls._handles)

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
        worker = _RunWorker(run)
        # Queued: these slots run on the GUI thread, where the bridge lives.
        queued = Qt.ConnectionType.QueuedConnection
        worker.events_ready.connect(self._on_worker_events_ready, queued)  # batches out
        worker.failed.connect(self.run_error, queued)  # the loop's error, as one line
        handle = start_in_thread(worker, f"RunBridge-run-{run.run_id}", worker.run)
        # Emitted on the GUI thread once the thread has ended: forget it, and
        # free the bridge if the loop raised before RunFinished.
        handle.ended.connect(self._on_thread_ended)
        self._threads[handle] = run
        RunBridge._handles.add(handle)
        self.busy_changed.emit(True)

    def stop(self) -> None:
        """Ask the run to stop; returns at once. Its jobs end as stopped or cancelled."""
        if self._run is not None:
            self._run.cancel()

    def shutdown(self, timeout_s: float = 20.0) -> bool:
        """Stop the run, wait for its thread, close it; True if all went clean.

        For the window's closeEvent. Idempotent; the bridge starts nothing after.
        """
        self._shut_down = True
        run = self._run
        # 1. Cancel first: the worker then ends the children and polls until
        #    every job has ended, which is what lets its loop return.
        if run is not None:
            run.cancel()
        # 2. Wait for each thread (its worker's finished quits it directly,
        #    so this blocked GUI thread need not deliver anything).
        deadline = time.monotonic() + timeout_s
        clean = True
        for handle in list(self._threads):
            if not handle.quit_and_wait(max(0, int((deadline - time.monotonic()) * 1000))):
                log.error("run thread %s did not finish in %.1f s", handle.name, timeout_s)
                clean = False
        # 3. Close the run here in case the worker never got to, but only once
        #    its thread is over: a Run must not be driven from two threads.
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
        # Kept, and folded in from a zero timer: a batch is a posted event,
        # and Qt handles every posted event (the window's repaints too) in
        # one go before it looks at timers or input. Folded in right here, a
        # batch that came during a repaint dirtied the window again and was
        # painted in the same go: two frames with no input between.
        self._pending.append(events)
        if not self._deliver_timer.isActive():
            self._deliver_timer.start()

    @Slot()
    def _on_deliver_timer(self) -> None:
        # The graphs' clock may have this frame: the results take the next.
        if self._pending and not frame_gate().take():
            frame_gate().after_frame(self._on_deliver_timer)
            return
        self._deliver_pending()

    @Slot()
    def _deliver_pending(self) -> None:
        batches, self._pending = self._pending, []
        events = [event for batch in batches for event in batch]
        if events:
            self._deliver(events)

    def _deliver(self, events: list[Event]) -> None:
        # Loaded with the runs, not with the window: its first paint does
        # without the event classes.
        from workers.events import RunFinished, RunStarted, is_terminal

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

    @Slot(object)
    def _on_thread_ended(self, handle: WorkerThread) -> None:
        self._deliver_pending()  # the thread's last batches come before its end
        run = self._threads.pop(handle, None)
        RunBridge._handles.discard(handle)
        # Without a RunFinished (the loop raised and could not wind down) the
        # bridge must still become free again.
        if run is not None and run is self._run:
            self._run = None
            self.busy_changed.emit(False)
