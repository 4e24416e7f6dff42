"""The objects the window starts with, out of the garbage collector's way.

Python's cyclic collector walks every tracked object of its oldest
generation each time that generation is collected. Once the window has
loaded, that is mostly what never goes away: modules, classes, pyqtgraph,
numpy, Qt's wrappers. Collections of it took 45-55 ms mid-run, and a
collection holds the GIL whichever thread it runs in, so the window froze
for as long (measured during a 100-process run with the Processes tab
shown). ``gc.freeze()`` moves everything tracked so far into a permanent
generation the collector skips; the same collections then took about 2 ms.
Objects made later (runs, jobs, samples) are collected as before.

Once per process: a second window's objects are not frozen with it (tests
open many windows, and frozen cyclic garbage is never reclaimed).
"""

from __future__ import annotations

import gc

_frozen = False


def freeze_startup_heap() -> None:
    """Freeze what is tracked now (the first time only; see the module docstring)."""
    global _frozen
    if _frozen:
        return
    _frozen = True
    gc.freeze()
