"""Which ``multiprocessing`` start methods exist here, and which to use.

Start methods are always chosen explicitly through
``multiprocessing.get_context(name)``; nothing here calls the global
``set_start_method``.
"""

from __future__ import annotations

import multiprocessing
import sys
from multiprocessing.context import BaseContext

from workers.jobs.named_job import lower_priority
from workers.jobs.proc_title import preload as preload_titles


def available_start_methods() -> list[str]:
    """The start methods this platform offers, in a stable teaching order."""
    offered = set(multiprocessing.get_all_start_methods())
    return [m for m in ("forkserver", "spawn", "fork") if m in offered]


def default_start_method() -> str:
    """``forkserver`` on Linux (fast and thread-safe), ``spawn`` elsewhere."""
    if sys.platform.startswith("linux") and "forkserver" in available_start_methods():
        return "forkserver"
    return "spawn"


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

    forkserver.ensure_running()
    pid = forkserver_pid()
    if pid:
        lower_priority(niceness, pid)
