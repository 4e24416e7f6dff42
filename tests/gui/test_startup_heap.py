"""The objects a loaded window starts with are frozen out of the garbage
collector's way, once per process (gui/startup_heap.py)."""

from __future__ import annotations

import gc

from gui import MainWindow


def test_a_loaded_window_leaves_its_startup_objects_frozen(window: MainWindow) -> None:
    assert window.is_loaded()
    assert gc.get_freeze_count() > 0  # modules, classes, pyqtgraph, Qt's wrappers
    frozen = gc.get_freeze_count()
    from gui.startup_heap import freeze_startup_heap

    garbage = [[] for _ in range(1000)]
    freeze_startup_heap()  # once per process: nothing more is frozen
    assert gc.get_freeze_count() == frozen
    del garbage
