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

Nor does it import the modules pyqtgraph's package imports whole that no
graph here uses (:data:`LEFT_OUT`: the parameter trees behind its colour-map
and scatter-plot widgets, and the view drawn in another process): about
25 ms of the same wait. Stand-ins take their place while pyqtgraph's
``__init__`` runs and are gone after it; the names it would have taken from
them are imported from the real modules when first asked for
(``pyqtgraph.ColorMapWidget`` still works). Only where that ``__init__``
imports them with the lines listed; elsewhere, as it is.

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
from functools import cache, partial

#: The loop in pyqtgraph/Qt/__init__.py that copies every name.
COPY_LOOP = "def _copy_attrs(src, dst):\n    for o in dir(src):"
MODULES = ("QtCore", "QtGui", "QtWidgets")
#: The modules left out (see the module docstring), each with the line of
#: pyqtgraph/__init__.py that imports it.
LEFT_OUT = {
    "pyqtgraph.widgets.ColorMapWidget": "from .widgets.ColorMapWidget import *",
    "pyqtgraph.widgets.DataFilterWidget": "from .widgets.DataFilterWidget import *",
    "pyqtgraph.widgets.ScatterPlotWidget": "from .widgets.ScatterPlotWidget import *",
    "pyqtgraph.widgets.RemoteGraphicsView": (
        "from .widgets.RemoteGraphicsView import RemoteGraphicsView"
    ),
}


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
    left_out = _left_out_here()
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
        for name in left_out:
            sys.modules[name] = _stand_in(name)
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
        for name in left_out:
            del sys.modules[name]  # the real module, if anything imports it
    for name in left_out:
        for taken in _named_in(LEFT_OUT[name]):
            delattr(pyqtgraph, taken)  # the stand-in's: asked for, the real one
    if left_out:
        pyqtgraph.__getattr__ = partial(_from_left_out, left_out)  # type: ignore[attr-defined]
    return pyqtgraph


def _looking_up(name: str, source: types.ModuleType) -> types.ModuleType:
    """A module that finds what it lacks in ``source`` (PEP 562)."""
    module = types.ModuleType(name, source.__doc__)
    module.__getattr__ = partial(getattr, source)  # type: ignore[method-assign]
    return module


def _stand_in(name: str) -> types.ModuleType:
    """What pyqtgraph's ``__init__`` imports instead of the module ``name``:
    nothing for ``import *``, and a placeholder for each name it takes."""
    module = types.ModuleType(name, "left out by gui.plots.pyqtgraph_loader")
    module.__all__ = []  # type: ignore[attr-defined]
    for taken in _named_in(LEFT_OUT[name]):
        setattr(module, taken, None)
    return module


def _named_in(line: str) -> list[str]:
    """The names ``from … import a, b`` names (none for ``import *``)."""
    names = line.partition(" import ")[2]
    return [] if names.strip() == "*" else [n.strip() for n in names.split(",")]


def _from_left_out(modules: list[str], attr: str) -> object:
    """pyqtgraph's ``__getattr__``: a name its ``__init__`` would have
    imported from a left-out module, from that module (PEP 562). Which
    module has it is read from their sources, so asking for anything else
    (``from pyqtgraph import parametertree`` asks first) imports none."""
    import importlib

    for name in modules:
        line = LEFT_OUT[name]
        names = _named_in(line) or _all_of(name.removeprefix("pyqtgraph."))
        if attr in names:
            return getattr(importlib.import_module(name), attr)
    raise AttributeError(f"module 'pyqtgraph' has no attribute {attr!r}")


@cache
def _all_of(relative_name: str) -> tuple[str, ...]:
    """The ``__all__`` of a pyqtgraph module, read from its source."""
    import ast

    source = _pyqtgraph_source(relative_name.replace(".", os.sep) + ".py") or ""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return tuple(str(v) for v in ast.literal_eval(node.value))
    return ()


def _left_out_here() -> list[str]:
    """The modules of :data:`LEFT_OUT` that this pyqtgraph's ``__init__``
    imports with the line listed (and nothing has imported yet)."""
    source = _pyqtgraph_source("__init__.py")
    lines = set(source.splitlines()) if source is not None else set()
    return [name for name, line in LEFT_OUT.items() if line in lines and name not in sys.modules]


def _pyqtgraph_source(relative_path: str) -> str | None:
    """The text of one of pyqtgraph's source files; None without one."""
    import importlib.util

    spec = importlib.util.find_spec("pyqtgraph")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(next(iter(spec.submodule_search_locations)), relative_path)
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except OSError:  # a frozen app keeps no sources
        return None


def _copies_every_name() -> bool:
    """pyqtgraph is installed and fills its Qt copies from dir() (else, as
    in a frozen app, which keeps no sources: the plain import)."""
    source = _pyqtgraph_source(os.path.join("Qt", "__init__.py"))
    return source is not None and COPY_LOOP in source
