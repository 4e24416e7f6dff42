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

While the window starts, the collector is paused (:func:`pause_collector`):
imports and widgets make tens of thousands of objects that all stay, so the
collections it would run then find next to nothing (a full collection once
the window had loaded found 680 objects). It resumes when
the startup heap is frozen, or (``gui.app.create_app`` sees to it) after
``RESUME_BY_MS`` whatever happens.

Once per process: a second window's objects are not frozen with it (tests
open many windows, and frozen cyclic garbage is never reclaimed).
"""

from __future__ import annotations

import gc

#: The collector runs again this long after a pause at the latest.
RESUME_BY_MS = 5000

_frozen = False
_paused = False


def pause_collector() -> None:
    """Pause the cyclic collector for the start-up (see the module docstring);
    nothing if it is already off (someone else's choice, left as it is)."""
    global _paused
    if _frozen or _paused or not gc.isenabled():
        return
    gc.disable()
    _paused = True


def resume_collector() -> None:
    """Undo :func:`pause_collector` (nothing if it did not pause)."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def freeze_startup_heap() -> None:
    """Freeze what is tracked now (the first time only; see the module
    docstring), and let the collector run again. Without a collection
    first: the start-up's garbage is a few hundred objects (680 in one
    count), and collecting them would hold the window for about 30 ms."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()
    resume_collector()
