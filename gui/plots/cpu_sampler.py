"""Samples CPU use and the number of child processes, off the GUI thread.

Counting this program's processes means reading /proc (or psutil's process
table) for each one, tens of milliseconds with a thousand children, so the
Qt-free :class:`~workers.cpu_sampling.CpuReader` runs on a worker QThread
and the results come back to the GUI thread as ``CpuSample`` values through
a queued signal. Nothing here touches a widget.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from gui.threads.thread_handback import hand_back_to_gui_thread
from workers.cpu_sampling import DEFAULT_RATE_HZ, MAX_RATE_HZ, CpuReader, CpuSample

#: How long stop() waits for the worker to finish its current scan.
STOP_TIMEOUT_MS = 5000


class _SamplerWorker(QObject):
    """Lives in the sampler's QThread; reads psutil on a QTimer there."""

    sampled = Signal(object)  # CpuSample, emitted in the worker thread
    finished = Signal()  # timer stopped; the thread may quit

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

    @Slot()
    def stop(self) -> None:
        # A timer may only be stopped from its own thread, hence this slot.
        if self._timer is not None:
            self._timer.stop()
        hand_back_to_gui_thread(self)
        self.finished.emit()

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
    before letting it go: Qt aborts the program if a running QThread is
    destroyed. (As a safety net it also stops on ``aboutToQuit``.)
    """

    sampled = Signal(object)  # CpuSample, delivered on this object's (GUI) thread
    _stop_requested = Signal()  # asks the worker, in its own thread, to stop its timer

    def __init__(self, parent: QObject | None = None, *, rate_hz: float = DEFAULT_RATE_HZ) -> None:
        super().__init__(parent)
        if not 0 < rate_hz <= MAX_RATE_HZ:
            raise ValueError(f"rate_hz must be in (0, {MAX_RATE_HZ:g}], got {rate_hz!r}")
        self._interval_ms = round(1000 / rate_hz)
        self._thread: QThread | None = None
        self._worker: _SamplerWorker | None = None
        self._quit_hooked = False

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    @property
    def worker_thread(self) -> QThread | None:
        """The running worker thread, or None when stopped (for tests)."""
        return self._thread

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Start sampling; does nothing if already running."""
        if self._thread is not None:
            return
        thread = QThread()
        thread.setObjectName("CpuSamplerThread")  # names the thread in leak reports
        worker = _SamplerWorker(self._interval_ms)
        worker.moveToThread(thread)
        # The canonical order (superqt): start, stop, clean up.
        thread.started.connect(worker.run)
        # Direct: quit() is thread-safe, and stop() blocks the GUI thread in
        # wait(), so a queued quit would never be delivered.
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(thread.deleteLater)
        # (The worker hands itself back to the GUI thread as it stops and
        # dies there, with the last reference: see gui.threads.thread_handback.)
        worker.sampled.connect(self._on_worker_sampled)  # queued: worker → GUI thread
        self._stop_requested.connect(worker.stop)  # queued: GUI → worker thread
        self._thread, self._worker = thread, worker
        if not self._quit_hooked:
            app = QCoreApplication.instance()
            if app is not None:
                # A safety net: a running QThread destroyed at exit aborts.
                app.aboutToQuit.connect(self.stop)
                self._quit_hooked = True
        thread.start()

    @Slot()
    def stop(self) -> None:
        """Stop sampling and wait for the worker thread to finish. Idempotent."""
        thread, worker = self._thread, self._worker
        if thread is None:
            return
        # Forget them first so samples still queued for us are dropped.
        self._thread = self._worker = None
        self._stop_requested.emit()
        if not thread.wait(STOP_TIMEOUT_MS):
            # The worker is stuck in a scan: end its event loop from here.
            thread.quit()
            thread.wait()
        # Only now may the last Python references go: Python owns both
        # objects, and deleting the worker while its thread still runs
        # crashes. The worker lives in this thread again, and dies here.
        del worker, thread

    @Slot(object)
    def _on_worker_sampled(self, sample: CpuSample) -> None:
        if self._thread is not None:  # a sample queued before stop() is stale
            self.sampled.emit(sample)
