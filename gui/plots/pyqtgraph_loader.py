"""Import pyqtgraph without making every Qt class first.

pyqtgraph keeps its own copies of Qt's three main modules
(``pyqtgraph.Qt.QtCore``, ``QtGui``, ``QtWidgets``) and fills them at import
by reading every name PySide6 has. PySide6 makes its classes (and their
Python enums) when they are first asked for, so that one loop makes all
of them, about 700, most of which a graph never uses: about 100 ms of the
window's start-up, between its first paint and the CPU graph's.

:func:`load_pyqtgraph` puts copies in place first that look a name up in
PySide6 when it is first asked for, and imports pyqtgraph while PySide6's
modules list no names, so that it copies none. Everything pyqtgraph sets on
its copies stays theirs, as before. Only where pyqtgraph's
``pyqtgraph/Qt/__init__.py`` fills its copies this way (as the versions
``pyproject.toml`` allows do); elsewhere, and where its source cannot be
read, pyqtgraph is imported as it is.

It also keeps numpy's OpenBLAS to one thread (``OPENBLAS_NUM_THREADS=1``,
unless the environment says otherwise). The graphs do no linear algebra,
but OpenBLAS starts a pool of threads as numpy loads, and their start-up
cost about 100 ms of CPU time on the window's start (measured on 2 cores:
the same first paint of the graph, with 100 ms less CPU used by then).
Processes the window starts inherit the setting; none of them uses numpy.
"""

from __future__ import annotations

import os
import sys
import types
from functools import partial

#: The loop in pyqtgraph/Qt/__init__.py that copies every name.
COPY_LOOP = "def _copy_attrs(src, dst):\n    for o in dir(src):"
MODULES = ("QtCore", "QtGui", "QtWidgets")


def load_pyqtgraph() -> types.ModuleType:
    """Import pyqtgraph (once per process) and return it; see the module
    docstring. The third-party part of the window's start-up that is left is
    pyqtgraph's own modules and numpy."""
    loaded = sys.modules.get("pyqtgraph")
    if loaded is not None:
        return loaded
    if "numpy" not in sys.modules:  # read once, as OpenBLAS loads with numpy
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if not _copies_every_name():
        import pyqtgraph

        return pyqtgraph
    import PySide6.QtCore
    import PySide6.QtGui
    import PySide6.QtWidgets

    sources = [getattr(PySide6, name) for name in MODULES]
    for name, source in zip(MODULES, sources, strict=True):
        sys.modules[f"pyqtgraph.Qt.{name}"] = _looking_up(f"pyqtgraph.Qt.{name}", source)
    saved = [source.__dict__.get("__dir__") for source in sources]
    try:
        for source in sources:
            source.__dir__ = list  # type: ignore[attr-defined]  # dir() says []: nothing copied
        import pyqtgraph
    except BaseException:
        for name in MODULES:  # a later import starts afresh
            sys.modules.pop(f"pyqtgraph.Qt.{name}", None)
        raise
    finally:
        for source, own in zip(sources, saved, strict=True):
            if own is None:
                del source.__dict__["__dir__"]
            else:
                source.__dir__ = own  # type: ignore[attr-defined]
    return pyqtgraph


def _looking_up(name: str, source: types.ModuleType) -> types.ModuleType:
    """A module that finds what it lacks in ``source`` (PEP 562)."""
    module = types.ModuleType(name, source.__doc__)
    module.__getattr__ = partial(getattr, source)  # type: ignore[method-assign]
    return module


def _copies_every_name() -> bool:
    """pyqtgraph is installed and fills its Qt copies from dir()."""
    import importlib.util

    spec = importlib.util.find_spec("pyqtgraph")
    if spec is None or not spec.submodule_search_locations:
        return False
    path = os.path.join(next(iter(spec.submodule_search_locations)), "Qt", "__init__.py")
    try:
        with open(path, encoding="utf-8") as file:
            return COPY_LOOP in file.read()
    except OSError:  # a frozen app keeps no sources: the plain import
        return False
