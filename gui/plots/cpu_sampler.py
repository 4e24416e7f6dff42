"""Samples CPU use and the number of child processes, off the GUI thread.

Counting this program's processes means reading /proc (or psutil's process
table) for each one, tens of milliseconds with a thousand children, so the
Qt-free :class:`~workers.cpu_sampling.CpuReader` runs on a worker QThread
(started and ended by :mod:`gui.threads.worker_thread`) and the results come
back to the GUI thread as ``CpuSample`` values through a queued signal.
Nothing here touches a widget.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from gui.threads.worker_thread import ThreadWorker, WorkerThread, start_in_thread
from workers.cpu_sampling import DEFAULT_RATE_HZ, MAX_RATE_HZ, CpuReader, CpuSample

log = logging.getLogger(__name__)

#: How long stop() waits for the worker to finish its current scan.
STOP_TIMEOUT_MS = 5000


class _SamplerWorker(ThreadWorker):
    """Lives in the sampler's QThread; reads psutil on a QTimer there."""

    sampled = Signal(object)  # CpuSample, emitted in the worker thread

    def __init__(self, interval_ms: int) -> None:
        super().__init__()
        self._interval_ms = interval_ms
        self._timer: QTimer | None = None
        self._reader: CpuReader | None = None

    @Slot()
    def run(self) -> None:
        # Made here, not in __init__, so the timer belongs to this thread.
        self._reader = CpuReader()
        self._reader.read()  # prime: the first reading has no baseline
        self._timer = QTimer(self)
        self._timer.setInterval(self._interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def leaving_thread(self) -> None:
        # A timer may only be stopped from its own thread; one still running
        # as it moved to the GUI thread would go on ticking there.
        if self._timer is not None:
            self._timer.stop()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._reader is None:
            return
        sample = self._reader.read()
        if sample is not None:
            self.sampled.emit(sample)


class CpuSampler(QObject):
    """Emits a CpuSample on the GUI thread every ``1 / rate_hz`` seconds while running.

    ``start()`` and ``stop()`` are called from the GUI thread; ``stop()`` is
    idempotent and blocks until the worker thread has finished, so it is
    safe in ``closeEvent``. It can be started again after stopping. Stop it
    before letting it go (as a safety net it also stops on ``aboutToQuit``).
    """

    sampled = Signal(object)  # CpuSample, delivered on this object's (GUI) thread

    def __init__(self, parent: QObject | None = None, *, rate_hz: float = DEFAULT_RATE_HZ) -> None:
        super().__init__(parent)
        if not 0 < rate_hz <= MAX_RATE_HZ:
            raise ValueError(f"rate_hz must be in (0, {MAX_RATE_HZ:g}], got {rate_hz!r}")
        self._interval_ms = round(1000 / rate_hz)
        self._handle: WorkerThread | None = None
        self._quit_hooked = False

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    @property
    def worker_thread(self) -> QThread | None:
        """The running worker thread, or None when stopped (for tests)."""
        return self._handle.qthread if self._handle is not None else None

    def is_running(self) -> bool:
        return self._handle is not None

    def start(self) -> None:
        """Start sampling; does nothing if already running."""
        if self._handle is not None:
            return
        worker = _SamplerWorker(self._interval_ms)
        worker.sampled.connect(self._on_worker_sampled, Qt.ConnectionType.QueuedConnection)
        self._handle = start_in_thread(worker, "CpuSamplerThread", worker.run)
        if not self._quit_hooked:
            app = QCoreApplication.instance()
            if app is not None:
                # A safety net: a running QThread destroyed at exit aborts.
                app.aboutToQuit.connect(self.stop)
                self._quit_hooked = True

    @Slot()
    def stop(self) -> None:
        """Stop sampling and wait for the worker thread to finish. Idempotent."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        # Forgotten first, so samples still queued for us are dropped. The
        # worker's timer stops as its thread's event loop ends.
        if not handle.quit_and_wait(STOP_TIMEOUT_MS):
            # Stuck in a scan: it ends when the scan returns, and the
            # worker_thread registry holds it until then.
            log.error("the CPU sampler's thread did not stop in %d ms", STOP_TIMEOUT_MS)

    @Slot(object)
    def _on_worker_sampled(self, sample: CpuSample) -> None:
        if self._handle is not None:  # a sample queued before stop() is stale
            self.sampled.emit(sample)
