"""Whether this Python has a global interpreter lock (GIL) switched on.

CPython's GIL lets one thread at a time run Python code, so busy threads
share about one core however many there are. A free-threaded build
(Python 3.13t and later) can run without it; there threads are not held
back. Cheap to import: the window asks before any run.
"""

from __future__ import annotations

import sys


def gil_enabled() -> bool:
    """False on a free-threaded Python running without its GIL; True
    everywhere else (every Python before 3.13 has one)."""
    probe = getattr(sys, "_is_gil_enabled", None)
    return True if probe is None else bool(probe())


__all__ = ["gil_enabled"]
