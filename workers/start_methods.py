"""A ``multiprocessing`` context for each start method, and the care the
forkserver needs. Which methods there are, and which to use, is
:mod:`workers.start_method_choices`.

Start methods are always chosen explicitly through
``multiprocessing.get_context(name)``; nothing here calls the global
``set_start_method``.

The forkserver is one long-lived process that forks every child. This is
the one module that reads multiprocessing's private state about it: its PID,
and, when it has to be killed (stopped by a signal while the run waits for
it), forgetting it the way ``ensure_running`` forgets a dead one, so the
next start makes a fresh one.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from multiprocessing.context import BaseContext

from workers.jobs.named_job import lower_priority
from workers.jobs.parent_watch import tie_fork_children
from workers.jobs.proc_title import preload as preload_titles
from workers.start_method_choices import available_start_methods, default_start_method


def context_for(method: str | None) -> BaseContext:
    """The multiprocessing context for ``method`` (default if None).

    Raises :class:`~workers.options.OptionsError` (a ValueError) for a
    method not offered here.
    """
    name = method or default_start_method()
    if name not in available_start_methods():
        from workers.options import check_start_method  # options imports this module

        check_start_method(name)
    ctx = multiprocessing.get_context(name)
    if name == "fork":
        tie_fork_children()  # before the first fork: see workers.jobs.parent_watch
        preload_titles()  # forked children inherit it: see workers.jobs.proc_title
    if name == "forkserver":
        # Children forked from the server then already have the job code
        # imported, instead of importing it once per child. popen_forkserver:
        # a child handed a pipe imports it while starting, unless it is here.
        # ("__main__" is ignored by Python 3.11's forkserver, a CPython bug;
        # main.py keeps its top-level imports light for that reason.)
        ctx.set_forkserver_preload(
            [
                "__main__",
                "multiprocessing.popen_forkserver",
                "workers.jobs.named_job",
                "workers.jobs.pool_job",
                "workers.jobs.title_preload",  # setproctitle's C part, if installed
            ]
        )
    return ctx


def forkserver_pid() -> int | None:
    """The forkserver's PID once it runs, else None (multiprocessing keeps it
    in a private attribute: this is the one place that reads it)."""
    from multiprocessing import forkserver

    return getattr(forkserver._forkserver, "_forkserver_pid", None) or None


def multiprocessing_helper_pids() -> set[int]:
    """multiprocessing's own long-lived helpers: the forkserver and the
    resource tracker. They start on first use and live until the program
    exits; they are not the lesson's processes (the forkserver's children,
    the named processes, are)."""
    from multiprocessing import resource_tracker

    pids = (forkserver_pid(), getattr(resource_tracker._resource_tracker, "_pid", None))
    return {pid for pid in pids if pid}


@contextlib.contextmanager
def ctrl_c_blocked() -> Iterator[None]:
    """Block SIGINT in this thread while processes are started.

    Ctrl+C in a terminal reaches the whole process group, including a
    forkserver or spawned child still importing, with Python's default
    handler: a KeyboardInterrupt traceback, and a dead forkserver. A blocked
    signal mask is inherited through fork and exec, and the forkserver then
    ignores SIGINT (which discards one held meanwhile); children block or
    ignore it themselves. In this process, a Ctrl+C that arrives meanwhile
    is held and delivered when the block ends (or to another thread at
    once): the run still hears it. Signal dispositions can only be changed
    in the main thread; a mask works in any.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no process groups, no mask
        yield
        return
    from multiprocessing import resource_tracker

    if resource_tracker._resource_tracker._fd is None:
        # Starting it unblocks SIGINT in this thread when done (it guards
        # itself the same way): start it before blocking, not within.
        resource_tracker.ensure_running()
    before = signal.pthread_sigmask(signal.SIG_BLOCK, (signal.SIGINT,))
    try:
        yield
    finally:
        if signal.SIGINT not in before:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, (signal.SIGINT,))


def forkserver_is_stopped(pid: int) -> bool:
    """True if process ``pid`` is stopped by a signal (SIGSTOP, SIGTSTP, a
    debugger): it then forks nothing and reaps nothing until continued."""
    import psutil

    try:
        return psutil.Process(pid).status() in (psutil.STATUS_STOPPED, psutil.STATUS_TRACING_STOP)
    except psutil.Error:
        return False


def end_forkserver(pid: int, wait_s: float = 2.0) -> None:
    """Kill the forkserver ``pid`` and, once it is gone, make multiprocessing
    forget it, as ``ensure_running`` does when it finds it dead: the next
    start makes a fresh one. Its children live on, re-parented; whoever
    started them watches them by PID. Nothing cached (the warm-up) keeps
    the old one: :func:`forkserver_pid` reads multiprocessing's state."""
    from multiprocessing import forkserver

    server = forkserver._forkserver
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)  # also ends a stopped process
    if not server._lock.acquire(timeout=wait_s):
        return  # a start is checking it right now: ensure_running reaps it
    try:
        if server._forkserver_pid != pid or not _reaped(pid, wait_s):
            return
        os.close(server._forkserver_alive_fd)
        server._forkserver_address = None
        server._forkserver_alive_fd = None
        server._forkserver_pid = None
    finally:
        server._lock.release()


def _reaped(pid: int, wait_s: float) -> bool:
    """Wait (at most ``wait_s``) for our child ``pid``, which was sent
    SIGKILL, to die, and reap it."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return True  # already reaped
        remaining = deadline - time.monotonic()
        if done or remaining <= 0:
            return bool(done)
        wait_for_exit(pid, remaining)


def wait_for_exit(pid: int, timeout: float) -> None:
    """Return once process ``pid`` has ended (a zombie counts), or after
    ``timeout`` s. With a pidfd (Linux) this sleeps until then; elsewhere
    it looks every 10 ms."""
    import select

    try:
        fd = os.pidfd_open(pid)  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        time.sleep(min(timeout, 0.01))
        return
    try:
        select.select([fd], [], [], timeout)
    finally:
        os.close(fd)


def warm_up(method: str | None = None, niceness: int = 0) -> None:
    """Start what ``method`` needs before the first run, so that run does not
    pay for it: for ``forkserver``, the server (which imports the job code
    once). Safe to call from any thread, and more than once.

    With ``niceness`` the forkserver runs at that (lower) priority, and so
    does every child it forks from then on, from its first instruction: a
    burst of children starting up then cannot take the cores from the
    window that shows them.
    """
    ctx = context_for(method)
    if ctx.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    with ctrl_c_blocked():  # the server and the resource tracker are started here
        forkserver.ensure_running()
    pid = forkserver_pid()
    if pid:
        lower_priority(niceness, pid)


def forkserver_lost_track(sentinel: int) -> bool:
    """For a forkserver child whose sentinel is ready: True if it is ready
    because the forkserver closed it without sending the exit status, i.e.
    the forkserver died. multiprocessing then says the child exited with
    status 255, though it may well still run (re-parented)."""
    import array
    import fcntl
    import termios

    pending = array.array("i", [0])
    try:
        fcntl.ioctl(sentinel, termios.FIONREAD, pending, True)
    except OSError:
        return False
    return pending[0] == 0
