"""WorkerThread: one QThread lifecycle, and the fixture that catches a leaked thread.

Workers here block on ``threading.Event``s the test sets, so each step
happens when the test says, never after a guessed sleep.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, Slot
from pytestqt.qtbot import QtBot

from gui.threads.worker_thread import (
    ThreadWorker,
    WorkerThread,
    leak_report,
    live_threads,
    start_in_thread,
)

WAIT_MS = 5000
REPO = Path(__file__).resolve().parents[2]


class _Worker(ThreadWorker):
    """Waits in its entry slot until ``release`` is set, then finishes (or,
    with ``finish=False``, returns to the thread's event loop and stays)."""

    def __init__(self, *, finish: bool = True) -> None:
        super().__init__()
        # An Event, not a signal: waitSignal's slot would run in the worker
        # thread and stop its timer from there (a Qt warning).
        self.begun = threading.Event()
        self.release = threading.Event()
        self.finish = finish
        self.ran_in: threading.Thread | None = None
        self.left_from: threading.Thread | None = None

    @Slot()
    def run(self) -> None:
        self.ran_in = threading.current_thread()
        self.begun.set()
        self.release.wait(30)  # the test sets it; the timeout is a last resort
        if self.finish:
            self.finished.emit()

    def leaving_thread(self) -> None:
        self.left_from = threading.current_thread()


def _record_death(worker: ThreadWorker) -> list[bool]:
    """Appends, when ``worker`` is destroyed, whether that was on the GUI thread."""
    died_on: list[bool] = []
    worker.destroyed.connect(
        lambda: died_on.append(threading.current_thread() is threading.main_thread()),
        Qt.ConnectionType.DirectConnection,
    )
    return died_on


@pytest.fixture
def handles() -> Iterator[list[WorkerThread]]:
    """Handles a test started; released and stopped whatever its outcome."""
    started: list[WorkerThread] = []
    yield started
    for handle in started:
        worker = handle.worker
        if isinstance(worker, _Worker):
            worker.release.set()
        assert handle.quit_and_wait(WAIT_MS)


def test_a_finished_worker_dies_on_the_gui_thread(
    qtbot: QtBot, handles: list[WorkerThread]
) -> None:
    worker = _Worker()
    died_on = _record_death(worker)
    handle = start_in_thread(worker, "test-finishes", worker.run)
    handles.append(handle)
    qtbot.waitUntil(worker.begun.is_set, timeout=WAIT_MS)
    thread = handle.qthread
    assert thread is not None and thread.objectName() == "test-finishes"
    assert handle in live_threads() and handle.is_running()
    assert worker.ran_in is not threading.main_thread()
    ran_in = worker.ran_in
    del worker  # the handle's reference is the one that counts

    with qtbot.waitSignal(handle.ended, timeout=WAIT_MS) as ended:
        handle.worker.release.set()  # type: ignore[union-attr]
    assert ended.args == [handle]
    # Handed back in its own thread as that ended, deleted on the GUI thread.
    assert died_on == [True]
    assert thread.isFinished()
    assert handle.worker is None and handle.qthread is None
    assert not handle.is_alive() and handle not in live_threads()
    assert ran_in is not None and ran_in is not threading.main_thread()
    assert handle.quit_and_wait(0)  # idempotent: nothing left to do


def test_quit_and_wait_ends_an_idle_event_loop(qtbot: QtBot) -> None:
    worker = _Worker(finish=False)
    worker.release.set()  # returns to the thread's event loop at once
    died_on = _record_death(worker)
    handle = start_in_thread(worker, "test-idle", worker.run)
    qtbot.waitUntil(worker.begun.is_set, timeout=WAIT_MS)
    del worker
    ended: list[WorkerThread] = []
    handle.ended.connect(ended.append)
    assert handle.quit_and_wait(WAIT_MS)
    # Let go at once, here: no queued call needed.
    assert ended == [handle] and died_on == [True]
    assert handle.quit_and_wait(WAIT_MS) and ended == [handle]


def test_leaving_thread_runs_in_the_worker_thread(qtbot: QtBot) -> None:
    worker = _Worker(finish=False)
    worker.release.set()
    handle = start_in_thread(worker, "test-leaving", worker.run)
    qtbot.waitUntil(worker.begun.is_set, timeout=WAIT_MS)
    ran_in = worker.ran_in
    assert handle.quit_and_wait(WAIT_MS)
    assert worker.left_from is ran_in and ran_in is not threading.main_thread()
    app = QCoreApplication.instance()
    assert app is not None and worker.thread() == app.thread()  # handed back


def test_a_busy_worker_is_not_let_go_until_its_thread_ends(
    qtbot: QtBot, handles: list[WorkerThread]
) -> None:
    worker = _Worker()
    died_on = _record_death(worker)
    handle = start_in_thread(worker, "test-busy", worker.run)
    handles.append(handle)
    qtbot.waitUntil(worker.begun.is_set, timeout=WAIT_MS)
    # quit() only ends the event loop once the running slot returns.
    assert not handle.quit_and_wait(50)
    assert handle.is_alive() and handle.worker is worker and died_on == []
    release = worker.release
    del worker
    with qtbot.waitSignal(handle.ended, timeout=WAIT_MS):
        release.set()  # the queued finished lets it go on the GUI thread
    assert died_on == [True] and not handle.is_alive()


def test_the_registry_keeps_a_dropped_handle_alive(qtbot: QtBot) -> None:
    # Dropping a running QThread's last reference would abort the program.
    worker = _Worker()
    release = worker.release
    died_on = _record_death(worker)
    start_in_thread(worker, "test-dropped", worker.run)
    qtbot.waitUntil(worker.begun.is_set, timeout=WAIT_MS)
    del worker
    gc.collect()
    (handle,) = [h for h in live_threads() if h.name == "test-dropped"]
    assert handle.is_running()
    ended: list[WorkerThread] = []
    handle.ended.connect(ended.append)
    del handle
    release.set()
    qtbot.waitUntil(lambda: ended != [], timeout=WAIT_MS)
    assert died_on == [True]
    assert not [h for h in live_threads() if h.name == "test-dropped"]


def test_leak_report_names_the_thread_and_where_it_started(qtbot: QtBot) -> None:
    worker = _Worker(finish=False)
    worker.release.set()
    handle = start_in_thread(worker, "deliberately-leaked", worker.run)
    qtbot.waitUntil(worker.begun.is_set, timeout=WAIT_MS)
    try:
        report = leak_report(timeout_s=0.2)
        assert "1 QThread(s)" in report and "'deliberately-leaked'" in report
        # Where it was started: this file, this function, the very line.
        assert __file__ in report
        assert "test_leak_report_names_the_thread_and_where_it_started" in report
        assert 'start_in_thread(worker, "deliberately-leaked", worker.run)' in report
        assert leak_report(timeout_s=0.0) == ""  # each leak is reported once
        assert handle in live_threads()  # and still kept alive
    finally:
        assert handle.quit_and_wait(WAIT_MS)
    assert leak_report(timeout_s=0.0) == ""


def test_the_fixture_fails_a_test_that_leaks_a_thread(tmp_path: Path) -> None:
    """The autouse fixture itself, in a pytest of its own: a leaking test
    errors at teardown naming the thread and the line that started it."""
    (tmp_path / "pytest.ini").write_text("[pytest]\nqt_api = pyside6\n")
    (tmp_path / "test_leaky.py").write_text(
        textwrap.dedent(
            """
            import pytest
            from gui.threads.worker_thread import ThreadWorker, live_threads, start_in_thread

            @pytest.fixture(scope="module", autouse=True)
            def stop_them_all():
                yield  # after the leak check (function scope) has run
                for handle in live_threads():
                    handle.quit_and_wait(5000)

            def test_leaks(qapp):
                start_in_thread(ThreadWorker(), "leaked-by-test", lambda: None)

            def test_cleans_up(qapp):
                handle = start_in_thread(ThreadWorker(), "stopped-by-test", lambda: None)
                assert handle.quit_and_wait()
            """
        )
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    leaky = str(tmp_path / "test_leaky.py")
    command = [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider"]
    result = subprocess.run(
        [*command, "-q", "-rA", leaky],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    out = result.stdout
    assert "2 passed, 1 error" in out, out + result.stderr
    assert "ERROR at teardown of test_leaks" in out, out
    assert "QThread 'leaked-by-test', started at:" in out, out
    assert 'start_in_thread(ThreadWorker(), "leaked-by-test", lambda: None)' in out, out
    assert "stopped-by-test" not in out, out
