"""One lifecycle for every QThread the app starts: start, stop, and where things die.

Every worker thread goes through :func:`start_in_thread`. It makes the
QThread, moves the worker into it, wires both the way superqt wires its
workers (with the two changes below), starts it, and returns a
:class:`WorkerThread` handle whose :meth:`~WorkerThread.quit_and_wait` ends
it. Nothing else in the app makes a QThread.

Where the worker dies, and why. A QObject subclass made in Python,
destroyed in a worker thread, calls back into Python from its destructor
(PySide looks for Python overrides of its virtual methods) while holding
Qt's signal-slot locks. If the GUI thread holds the GIL at that moment and
is emitting a signal that needs one of those locks (Qt shares a small pool
of them between all objects), each waits for the other for ever: seen here
as a window frozen in ``endInsertRows`` while a run's worker was being
deleted in its thread. So, unlike superqt, nothing is ``deleteLater()``'d:

- as the thread ends, and still in it, the worker moves itself (and its
  children) to the GUI thread (:meth:`ThreadWorker._leave_thread`);
- the handle keeps the Python references to the thread and the worker until
  the thread has ended, then drops them on the GUI thread, which deletes
  both there, holding the GIL as it does. (Dropping a running QThread's last
  reference would destroy it and abort the program, so a module registry
  keeps every handle alive until then, even if its owner went first.)

The registry also remembers where each thread was started, so a test that
leaves one running can be told where it came from (:func:`leak_report`,
used by the ``no_leaked_qthreads`` fixture in ``tests/conftest.py``).
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, Signal, Slot

log = logging.getLogger(__name__)

#: How long the GUI thread waits for a thread that has emitted finished to end.
THREAD_END_WAIT_MS = 5000
#: Frames of the starting code kept for leak reports.
STACK_FRAMES = 6

#: Every handle whose thread has not been seen to end, in start order. The
#: references here are what keep a running QThread (and its worker) alive.
_live: dict[WorkerThread, None] = {}


class ThreadWorker(QObject):
    """Base of every worker run by :func:`start_in_thread`.

    A subclass does its work in the entry slot it names, in the thread, and
    emits :attr:`finished` when there is nothing more to do there; it never
    deletes itself. Anything it must undo in its own thread before leaving
    (stopping a timer, say) goes in :meth:`leaving_thread`.
    """

    finished = Signal()  # the work is over: the thread's event loop may end

    def leaving_thread(self) -> None:
        """Called in the worker's thread as the thread ends, before the
        worker moves to the GUI thread: undo here what only this thread may."""

    @Slot()
    def _leave_thread(self) -> None:
        # Connected directly to the thread's finished signal, so it runs in
        # the ending thread, the only one allowed to move this object.
        self.leaving_thread()
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())


class WorkerThread(QObject):
    """A handle on one worker in one QThread, from start until both are gone.

    Made by :func:`start_in_thread`; every method is called from the GUI
    thread. ``ended`` is emitted there once the thread has finished and the
    handle has let go of the thread and the worker.
    """

    ended = Signal(object)  # this handle, after the thread ended and was let go

    def __init__(self, worker: ThreadWorker, name: str, entry: Callable[[], None]) -> None:
        super().__init__()
        self._name = name
        self._thread: QThread | None = QThread()
        self._worker: ThreadWorker | None = worker
        self._thread.setObjectName(name)  # names the thread in debuggers and leak reports
        self.started_at = _caller_stack()
        self._leak_reported = False
        thread = self._thread
        worker.moveToThread(thread)
        # superqt's order, with its two deleteLater()s replaced (see the module docstring).
        thread.started.connect(entry)  # the thread's first act is the worker's entry slot
        # Direct: quit() is thread-safe, and a queued call would wait for a
        # GUI thread that may be blocked in quit_and_wait().
        worker.finished.connect(
            thread.quit, Qt.ConnectionType.DirectConnection
        )  # work done: end the loop
        # Direct: runs in the ending thread, the only one that may move the worker.
        thread.finished.connect(
            worker._leave_thread, Qt.ConnectionType.DirectConnection
        )  # hand it back
        # Queued: runs on the GUI thread, where the handle lives and both die.
        thread.finished.connect(
            self._on_thread_finished, Qt.ConnectionType.QueuedConnection
        )  # let go

    # -- for owners ------------------------------------------------------------

    @property
    def name(self) -> str:
        return self._name

    @property
    def qthread(self) -> QThread | None:
        """The QThread until it has ended and been let go, else None."""
        return self._thread

    @property
    def worker(self) -> ThreadWorker | None:
        """The worker until the thread has ended and been let go, else None."""
        return self._worker

    def is_alive(self) -> bool:
        """True until the thread has ended and the handle has let go of it."""
        return self._thread is not None

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def start(self) -> None:
        assert self._thread is not None, "a WorkerThread is started once"
        _live[self] = None
        self._thread.start()

    def quit_and_wait(self, timeout_ms: int = THREAD_END_WAIT_MS) -> bool:
        """Ask the thread's event loop to end and wait up to ``timeout_ms``.

        True once the thread has ended (then both objects are let go, here);
        False if it is still busy (then nothing is let go: a worker inside a
        long call ends when that call returns, and is let go then). Idempotent.
        Ending the worker's *work* is the owner's business: ``quit`` only ends
        the event loop, after the slot running now has returned.
        """
        thread = self._thread
        if thread is None:
            return True
        thread.quit()
        if not thread.wait(max(0, timeout_ms)):
            return False
        self._let_go()
        return True

    def describe(self) -> str:
        """The thread's name and the code that started it, for leak reports."""
        where = "".join(self.started_at.format()).rstrip()
        return f"QThread {self._name!r}, started at:\n{where}"

    # -- the end -----------------------------------------------------------------

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self._thread
        if thread is None:  # quit_and_wait() got there first
            return
        # finished is emitted just before the thread ends; wait for that
        # (moments): a QThread must not be destroyed while it still runs.
        if not thread.wait(THREAD_END_WAIT_MS):
            log.error("thread %s did not end after finished", self._name)
            return
        self._let_go()

    def _let_go(self) -> None:
        """Drop the references (GUI thread, thread ended): both die here."""
        self._worker = None  # it lives in the GUI thread by now
        self._thread = None
        _live.pop(self, None)
        self.ended.emit(self)


def start_in_thread(worker: ThreadWorker, name: str, entry: Callable[[], None]) -> WorkerThread:
    """Run ``worker`` in a new QThread named ``name``; ``entry`` (one of the
    worker's slots) is called in that thread first. Returns the handle that
    stops it; the registry keeps it alive until the thread has ended."""
    handle = WorkerThread(worker, name, entry)
    handle.start()
    return handle


def _caller_stack() -> traceback.StackSummary:
    """The few frames that led here, without this module's own."""
    frames = [f for f in traceback.extract_stack() if f.filename != __file__]
    return traceback.StackSummary.from_list(frames[-STACK_FRAMES:])


# -- for tests -------------------------------------------------------------------------


def live_threads() -> list[WorkerThread]:
    """Handles whose thread has not yet been seen to end, oldest first."""
    return list(_live)


def wait_for_threads(timeout_s: float) -> list[WorkerThread]:
    """Wait up to ``timeout_s`` for every worker thread to end, processing
    the GUI thread's events meanwhile; returns the ones still alive."""
    deadline = time.monotonic() + timeout_s
    while True:
        for handle in list(_live):
            thread = handle.qthread
            if thread is not None and thread.isFinished():
                handle.quit_and_wait(0)  # ended: let go of it now
        alive = list(_live)
        remaining = deadline - time.monotonic()
        if not alive or remaining <= 0:
            return alive
        if QCoreApplication.instance() is not None:
            # Queued stops and finished signals are delivered here.
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        thread = alive[0].qthread
        if thread is not None:
            thread.wait(min(20, max(1, int(remaining * 1000))))


def leak_report(timeout_s: float = 5.0) -> str:
    """ "" if every worker thread ends within ``timeout_s``; otherwise a
    message naming each one still running and where it was started.

    A thread is reported once: it stays registered (and alive, since
    destroying a running QThread aborts), but later reports leave it out.
    """
    leaked = [h for h in wait_for_threads(timeout_s) if not h._leak_reported]
    if not leaked:
        return ""
    for handle in leaked:
        handle._leak_reported = True
    details = "\n".join(handle.describe() for handle in leaked)
    return f"the test left {len(leaked)} QThread(s) running after {timeout_s:g} s:\n{details}"
