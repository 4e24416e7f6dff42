"""The ``multiprocessing`` start methods the lesson offers, which of them
this platform has, and which to use.

Cheap to import: the window lists the methods before its first paint, and
importing ``multiprocessing`` cost that paint about 12 ms. It is imported
only when asked which methods this platform has.
"""

from __future__ import annotations

import sys

#: The start methods the lesson teaches, in its order.
START_METHODS = ("forkserver", "spawn", "fork")


def available_start_methods() -> list[str]:
    """The start methods this platform offers, in :data:`START_METHODS`' order."""
    import multiprocessing

    offered = set(multiprocessing.get_all_start_methods())
    return [m for m in START_METHODS if m in offered]


def default_start_method() -> str:
    """``forkserver`` on Linux (fast and thread-safe), ``spawn`` elsewhere.

    Linux always has the forkserver, and every platform has spawn, so this
    need not ask ``multiprocessing``.
    """
    return "forkserver" if sys.platform.startswith("linux") else "spawn"
