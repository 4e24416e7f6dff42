"""pyqtgraph loaded without making every Qt class first
(gui/plots/pyqtgraph_loader.py): its Qt modules still give PySide6's own
objects, PySide6 still lists its names, and a fresh interpreter makes only
the classes it uses."""

from __future__ import annotations

import json
import os

import pyqtgraph.Qt
import PySide6.QtCore
import PySide6.QtGui
import PySide6.QtWidgets
import pytest

from gui.plots.pyqtgraph_loader import MODULES, _copies_every_name
from tests.gui.conftest import run_fresh_python


def test_the_installed_pyqtgraph_is_one_the_loader_knows() -> None:
    assert _copies_every_name()  # else the window starts the slow way, and this says so


def test_pyqtgraph_s_qt_modules_give_pyside6_s_own_objects() -> None:
    for name in MODULES:
        ours, theirs = getattr(pyqtgraph.Qt, name), getattr(PySide6, name)
        names = dir(theirs)
        assert "QObject" in names or "QColor" in names or "QWidget" in names  # listed again
        for attr in names:
            if attr.startswith("Q") and attr not in ("QFileSystemModel", "QOpenGLWidget"):
                assert getattr(ours, attr) is getattr(theirs, attr), (name, attr)
    # What pyqtgraph sets on its own copies stays there, as with its own import.
    assert pyqtgraph.Qt.QtGui.QFileSystemModel is PySide6.QtWidgets.QFileSystemModel
    assert not hasattr(PySide6.QtGui, "QFileSystemModel")


_COUNT = """
import json, sys
sys.path.insert(0, {repo!r})
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
if sys.argv[1] == "loader":
    from gui.plots.pyqtgraph_loader import load_pyqtgraph
    load_pyqtgraph()
else:
    import pyqtgraph
import pyqtgraph as pg
from PySide6.QtWidgets import QApplication
app = QApplication([])
widget = pg.PlotWidget()
widget.plot([0, 1, 2], [1, 0, 1])
made = sum(len(m.__dict__) for m in (PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets))
print(json.dumps(made))
"""


def _classes_made(how: str) -> int:
    return int(json.loads(run_fresh_python(_COUNT, how).strip().splitlines()[-1]))


def test_a_fresh_window_makes_only_the_qt_classes_its_graph_uses() -> None:
    plain, loaded = _classes_made("plain"), _classes_made("loader")
    assert loaded < plain / 2, (loaded, plain)  # a plot works with fewer than half of them


_THREADS = """
import os, sys
sys.path.insert(0, {repo!r})
from gui.plots.pyqtgraph_loader import load_pyqtgraph
load_pyqtgraph()
print(len(os.listdir("/proc/self/task")), os.environ["OPENBLAS_NUM_THREADS"])
"""


def _threads_after_loading(openblas_threads: str | None) -> tuple[int, str]:
    out = run_fresh_python(_THREADS, OPENBLAS_NUM_THREADS=openblas_threads)
    count, setting = out.split()
    return int(count), setting


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
def test_numpy_loads_with_one_openblas_thread_unless_told_otherwise() -> None:
    threads, setting = _threads_after_loading(None)
    assert setting == "1"
    # Someone's own setting is kept: two threads asked for, a second one made.
    more, kept = _threads_after_loading("2")
    assert kept == "2"
    assert more == threads + 1


_LEFT_OUT = """
import json, sys
sys.path.insert(0, {repo!r})
from gui.plots.pyqtgraph_loader import LEFT_OUT, load_pyqtgraph
pg = load_pyqtgraph()
unused = ("pyqtgraph.parametertree", "pyqtgraph.multiprocess", *LEFT_OUT)
imported = [name for name in unused if name in sys.modules]
# Asked for, the names come from the real modules.
from pyqtgraph.widgets.ColorMapWidget import ColorMapParameter
from pyqtgraph.widgets.RemoteGraphicsView import RemoteGraphicsView
same = [pg.ColorMapParameter is ColorMapParameter, pg.RemoteGraphicsView is RemoteGraphicsView]
names = [pg.ScatterPlotWidget.__name__, pg.DataFilterWidget.__name__, pg.ColorMapWidget.__name__]
try:
    pg.NoSuchName
    missing = "found"
except AttributeError:
    missing = "AttributeError"
print(json.dumps([imported, same, names, missing]))
"""


def test_pyqtgraph_loads_without_the_modules_the_graphs_never_use() -> None:
    imported, same, names, missing = json.loads(run_fresh_python(_LEFT_OUT).splitlines()[-1])
    assert imported == []  # not the parameter trees, not the remote view's processes
    assert same == [True, True]
    assert names == ["ScatterPlotWidget", "DataFilterWidget", "ColorMapWidget"]
    assert missing == "AttributeError"


def test_the_installed_pyqtgraph_imports_what_the_loader_leaves_out_as_it_expects() -> None:
    # Else those modules load as before, and the graph comes later.
    code = "import sys; sys.path.insert(0, {repo!r}); from gui.plots import pyqtgraph_loader as l;"
    code += " print(l._left_out_here() == list(l.LEFT_OUT))"
    assert run_fresh_python(code).strip() == "True"
