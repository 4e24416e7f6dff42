"""The collector pauses while the window starts, and the objects a loaded
window starts with are frozen out of its way, once per process
(gui/startup_heap.py)."""

from __future__ import annotations

import gc
from pathlib import Path

from gui import MainWindow
from tests.gui.conftest import run_fresh_python


def test_a_loaded_window_leaves_its_startup_objects_frozen(window: MainWindow) -> None:
    assert window.is_loaded()
    assert gc.get_freeze_count() > 0  # modules, classes, pyqtgraph, Qt's wrappers
    frozen = gc.get_freeze_count()
    from gui.startup_heap import freeze_startup_heap

    garbage = [[] for _ in range(1000)]
    freeze_startup_heap()  # once per process: nothing more is frozen
    assert gc.get_freeze_count() == frozen
    del garbage


_START = """
import gc, sys
sys.path.insert(0, {repo!r})
from PySide6.QtCore import QTimer
from gui.app import create_app
app = create_app([])
print("after create_app", gc.isenabled())
from gui.main_window import MainWindow
window = MainWindow(staged_start=True)
print("before the first paint", gc.isenabled())
def loaded():
    print("loaded", gc.isenabled(), gc.get_freeze_count() > 0)
    window.shutdown()
    app.quit()
window.loaded.connect(loaded)
QTimer.singleShot(60_000, app.quit)
window.show()
app.exec()
"""


def test_the_collector_pauses_while_the_window_starts_and_runs_once_it_has_loaded(
    tmp_path: Path,
) -> None:
    out = run_fresh_python(_START, XDG_CONFIG_HOME=str(tmp_path))
    assert out.splitlines() == [
        "after create_app False",
        "before the first paint False",
        "loaded True True",
    ]
