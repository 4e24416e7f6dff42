"""Fixtures shared by the whole suite.

- Qt runs headless (``offscreen``) unless the caller chose a platform, so a
  plain ``pytest`` works without a display.
- Every test fails if it leaves a child process behind (``no_leaked_children``)
  or a worker QThread running (``no_leaked_qthreads``).
- ``demo_site`` serves the offline demo web site for the whole session.
- Each test's window settings are its own (``fresh_settings``): never the
  user's, never another test's.
"""

from __future__ import annotations

import os

# Before anything imports Qt: the platform plugin is chosen once, when the
# QApplication is made, and pytest-qt makes it early.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import contextlib
import sys
import time
from collections.abc import Iterator

import psutil
import pytest

from workers.demo_site import DemoSite
from workers.start_methods import multiprocessing_helper_pids

#: How long a test's children get to exit on their own after it ends.
CHILD_EXIT_GRACE_S = 5.0
#: How long a test's worker QThreads get to end after it ends.
THREAD_END_GRACE_S = 5.0


def _helper_pids() -> set[int]:
    """PIDs of multiprocessing's long-lived helpers, which may outlive a test.

    The forkserver and the resource tracker are started once, on first use,
    and live until the interpreter exits; they are not leaks. Their children
    are: the forkserver's forked workers are the test's processes.
    """
    return multiprocessing_helper_pids()


def _leftover_children() -> list[psutil.Process]:
    """This process's descendants, minus multiprocessing's helpers."""
    exempt = _helper_pids()
    try:
        children = psutil.Process().children(recursive=True)
    except psutil.Error:
        return []
    return [child for child in children if child.pid not in exempt]


def _describe(proc: psutil.Process) -> str:
    """One line naming a process: pid, name and command line, as far as readable."""
    try:
        name = proc.name()
    except psutil.Error:
        name = "?"
    try:
        cmdline = " ".join(proc.cmdline()) or "(no command line)"
    except psutil.Error:  # zombies and vanished processes have none
        cmdline = "(command line unavailable)"
    # A forkserver child shows the forkserver's command line, which misleads.
    try:
        forked = proc.ppid() in _helper_pids()
    except psutil.Error:
        forked = False
    origin = " (forked by the forkserver)" if forked else ""
    return f"pid {proc.pid} {name!r}{origin}: {cmdline}"


@pytest.fixture(autouse=True)
def no_leaked_children() -> Iterator[None]:
    """Fail the test if it leaves child processes running, then kill them.

    Autouse fixtures are set up first and torn down last, so this check runs
    after the test's own fixtures (windows, bridges, runs) have shut down.
    Children get a grace period to finish exiting, since stopping a process is
    asynchronous; the wait is on the processes themselves, not a fixed sleep.
    """
    yield
    deadline = time.monotonic() + CHILD_EXIT_GRACE_S
    leftover = _leftover_children()
    while leftover and (remaining := deadline - time.monotonic()) > 0:
        psutil.wait_procs(leftover, timeout=remaining)
        # List again: a child that was exiting may have started another, and
        # the forkserver may have appeared since the first look.
        leftover = _leftover_children()
    if not leftover:
        return

    described = [_describe(proc) for proc in leftover]
    # Kill them so the next test starts clean; wait_procs also reaps our own.
    for proc in leftover:
        with contextlib.suppress(psutil.Error):  # it may have exited meanwhile
            proc.kill()
    psutil.wait_procs(leftover, timeout=CHILD_EXIT_GRACE_S)
    pytest.fail(
        f"the test left {len(described)} child process(es) running after "
        f"{CHILD_EXIT_GRACE_S:g} s (now killed):\n  " + "\n  ".join(described),
        pytrace=False,
    )


@pytest.fixture(autouse=True)
def no_leaked_qthreads() -> Iterator[None]:
    """Fail the test if it leaves a worker QThread running, naming where it
    was started.

    Every QThread the app makes goes through ``gui.threads.worker_thread``,
    which registers it with the code that started it. If that module was
    never imported, no thread can have been started, and Qt is not imported
    here either: the engine's tests stay Qt-free. Threads get a grace period
    to end (waiting on them while the GUI thread's events are processed, so
    queued stops arrive); one still running then is reported once, and kept
    alive, since destroying a running QThread aborts the interpreter.
    """
    yield
    module = sys.modules.get("gui.threads.worker_thread")
    if module is None:
        return
    report = module.leak_report(THREAD_END_GRACE_S)
    if report:
        pytest.fail(report, pytrace=False)


@pytest.fixture(autouse=True)
def fresh_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test's settings (gui/settings.py) in a folder of its own, never
    the user's: XDG_CONFIG_HOME for anything the test starts, and QSettings'
    own path, which Qt reads from the environment only once a process.
    Qt is not imported for it: the engine's tests stay Qt-free."""
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QSettings

        for format_ in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(format_, QSettings.Scope.UserScope, str(config))


@pytest.fixture(scope="session")
def demo_site() -> Iterator[DemoSite]:
    """One offline demo site on 127.0.0.1 for the whole session, always stopped.

    Here rather than in tests/workers/ so GUI tests can share it. It is a
    thread in this process, not a child, so the leak check does not see it.
    ``/slow`` waits 2 s by default; stopping the site wakes any such wait.
    """
    site = DemoSite(slow_delay=2.0).start()
    try:
        yield site
    finally:
        site.stop()
