"""Reads the process tree off the GUI thread, only while someone looks.

With 500 children one reading takes tens of milliseconds (three /proc
files per process), so the Qt-free
:class:`~workers.process_tree.ProcessTreeReader` runs on a worker QThread
(started and ended by :mod:`gui.threads.worker_thread`), and each
:class:`~workers.process_tree.TreeSnapshot` comes back to the GUI thread
through a queued signal. Nothing here touches a widget.

The thread starts the first time the inspector is shown and lives until
:meth:`TreeSampler.stop`; in between, :meth:`~TreeSampler.pause` and
:meth:`~TreeSampler.resume` stop and start its timer (queued, so they
never wait for a reading in progress). A hidden inspector costs nothing.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot

from gui.threads.worker_thread import ThreadWorker, WorkerThread, start_in_thread
from workers.process_tree import ProcessTreeReader, Role, TreeSnapshot

log = logging.getLogger(__name__)

#: Between readings: a little more than twice a second, whatever the jitter.
INTERVAL_MS = 450
#: Between readings while the tree holds only the app and multiprocessing's
#: helpers (and threads are not shown): nothing of the lesson's to follow,
#: so the idle window reads, and repaints, a fifth as often. A run starting
#: asks for a reading at once (:meth:`TreeSampler.read_now`).
QUIET_INTERVAL_MS = 2000
#: The reader pauses this long after every READ_BATCH processes (see
#: ProcessTreeReader): with 500 children, 20 pauses of 3 ms, in which the
#: GUI thread has the GIL to itself.
READ_BATCH = 25
READ_PAUSE_S = 0.003
#: How long stop() waits for a reading in progress to end.
STOP_TIMEOUT_MS = 5000


class _TreeWorker(ThreadWorker):
    """Lives in the sampler's QThread; reads the tree on a QTimer there."""

    read_done = Signal(object)  # TreeSnapshot, emitted in the worker thread
    # Queued into the worker's thread from the GUI thread.
    set_running = Signal(bool)
    set_threads = Signal(bool)
    read_now = Signal()

    def __init__(self, interval_ms: int, quiet_interval_ms: int, threads: bool) -> None:
        super().__init__()
        self._interval_ms = interval_ms
        self._quiet_interval_ms = max(interval_ms, quiet_interval_ms)
        self._threads = threads
        self._timer: QTimer | None = None
        self._reader: ProcessTreeReader | None = None
        self.set_running.connect(self._on_set_running)
        self.set_threads.connect(self._on_set_threads)
        self.read_now.connect(self._read)

    @Slot()
    def run(self) -> None:
        # Made here, not in __init__, so the timer belongs to this thread.
        self._reader = ProcessTreeReader(batch=READ_BATCH, pause_s=READ_PAUSE_S)
        self._timer = QTimer(self)
        self._timer.setInterval(self._interval_ms)
        self._timer.timeout.connect(self._read)
        self._on_set_running(True)

    def leaving_thread(self) -> None:
        # A timer may only be stopped from its own thread.
        if self._timer is not None:
            self._timer.stop()

    @Slot(bool)
    def _on_set_running(self, running: bool) -> None:
        if self._timer is None:
            return
        if running and not self._timer.isActive():
            self._read()  # at once: the view has just been shown
            self._timer.start()
        elif not running:
            self._timer.stop()

    @Slot(bool)
    def _on_set_threads(self, threads: bool) -> None:
        self._threads = threads

    @Slot()
    def _read(self) -> None:
        if self._reader is None:
            return
        try:
            snapshot = self._reader.read(threads=self._threads)
        except Exception:  # never let one odd reading end the thread
            log.exception("reading the process tree failed")
            return
        busy = self._threads or any(p.role is Role.CHILD for p in snapshot.processes)
        interval = self._interval_ms if busy else self._quiet_interval_ms
        if self._timer is not None and self._timer.interval() != interval:
            self._timer.setInterval(interval)  # a run started (or ended)
        self.read_done.emit(snapshot)


class TreeSampler(QObject):
    """Emits a :class:`~workers.process_tree.TreeSnapshot` on the GUI thread
    about twice a second while resumed (every two seconds while the tree
    holds nothing but the app and multiprocessing's helpers); see the
    module docstring.

    Every method is called from the GUI thread. :meth:`stop` is idempotent
    and waits for the thread to end (it is safe in ``closeEvent``); the
    sampler can be resumed again after it.
    """

    sampled = Signal(object)  # TreeSnapshot, delivered on this object's (GUI) thread

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
        quiet_interval_ms: int = QUIET_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._interval_ms = interval_ms
        self._quiet_interval_ms = quiet_interval_ms
        self._handle: WorkerThread | None = None
        self._worker: _TreeWorker | None = None
        self._running = False
        self._threads = False
        self._quit_hooked = False

    def is_running(self) -> bool:
        """True while snapshots are being taken (resumed, not paused or stopped)."""
        return self._running and self._handle is not None

    def has_thread(self) -> bool:
        return self._handle is not None

    def resume(self) -> None:
        """Take snapshots (the first one at once), starting the thread if needed."""
        self._running = True
        if self._handle is None:
            worker = self._worker = _TreeWorker(
                self._interval_ms, self._quiet_interval_ms, self._threads
            )
            worker.read_done.connect(self._on_read_done, Qt.ConnectionType.QueuedConnection)
            self._handle = start_in_thread(worker, "ProcessTreeThread", worker.run)
            self._hook_quit()
        else:
            assert self._worker is not None
            self._worker.set_running.emit(True)

    def pause(self) -> None:
        """Stop taking snapshots; the thread waits, idle."""
        self._running = False
        if self._worker is not None:
            self._worker.set_running.emit(False)

    def read_now(self) -> None:
        """Take a snapshot now (queued; a no-op while paused or stopped)."""
        if self._running and self._worker is not None:
            self._worker.read_now.emit()

    def set_threads(self, threads: bool) -> None:
        """List each process's threads too (or no longer), from the next snapshot."""
        self._threads = threads
        if self._worker is not None:
            self._worker.set_threads.emit(threads)
            if self._running:
                self._worker.read_now.emit()  # the toggle shows at once

    @Slot()
    def stop(self) -> None:
        """End the thread and wait for it. Idempotent."""
        self._running = False
        handle, self._handle = self._handle, None
        self._worker = None
        if handle is None:
            return
        if not handle.quit_and_wait(STOP_TIMEOUT_MS):
            # Inside a reading: it ends when that returns, and the
            # worker_thread registry holds it until then.
            log.error("the process tree's thread did not stop in %d ms", STOP_TIMEOUT_MS)

    def _hook_quit(self) -> None:
        if self._quit_hooked:
            return
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)  # a running QThread destroyed at exit aborts
            self._quit_hooked = True

    @Slot(object)
    def _on_read_done(self, snapshot: TreeSnapshot) -> None:
        if self._running and self._handle is not None:  # else it is stale
            self.sampled.emit(snapshot)
