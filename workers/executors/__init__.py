"""Executors as plug-ins: every module in this package is one executor.

A module here named ``<name>.py`` with a module-level ``PLUGIN`` (an
:class:`~workers.executors.base.ExecutorPlugin`) is the executor ``<name>``:
``PoolOptions(executor="<name>")`` and ``main.py pool --executor <name>``
use it. Adding one (Dask, say) is adding its module; nothing else in the app
branches on which executor runs a pool.

Listing the names imports none of the plug-ins (the window's controls list
them before any run); :func:`get_executor` imports the one asked for.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not typing's: pool workers import this package

if TYPE_CHECKING:
    from workers.executors.base import ExecutorPlugin
    from workers.terms import WorkerKind

#: The lesson's ProcessPoolExecutor.
DEFAULT_EXECUTOR = "process"
#: Modules of this package that are not executors.
_NOT_EXECUTORS = frozenset({"base"})


def executor_names() -> list[str]:
    """Every executor's name, the default first, then in alphabetical order."""
    import pkgutil  # here: pool workers import this package (for the default) only

    found = {
        info.name
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_") and info.name not in _NOT_EXECUTORS
    }
    return sorted(found, key=lambda name: (name != DEFAULT_EXECUTOR, name))


def get_executor(name: str) -> ExecutorPlugin:
    """The plug-in called ``name``; KeyError if there is none."""
    if name not in executor_names():
        raise KeyError(name)
    module = importlib.import_module(f"{__name__}.{name}")
    return module.PLUGIN


def worker_kind_of(name: str) -> WorkerKind:
    """The kind of worker the executor ``name`` runs jobs in (the default
    executor's for a name no plug-in has, e.g. a run recorded elsewhere)."""
    try:
        return get_executor(name).worker_kind
    except KeyError:
        return get_executor(DEFAULT_EXECUTOR).worker_kind


__all__ = ["DEFAULT_EXECUTOR", "executor_names", "get_executor", "worker_kind_of"]
