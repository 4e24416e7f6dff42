"""The OS-level title of a child process, with the optional ``setproctitle``.

``Process(name="7")`` names a process for Python only: ``ps``, ``htop`` and
Task Manager still show ``python``. With the ``titles`` extra installed
(``pip install .[titles]``, setproctitle 1.3.x), each child also sets its OS
title: ``plab:7`` for named child 7, ``plab:w3`` for a pool worker. On Linux
that rewrites the command line (``/proc/<pid>/cmdline``: the title, then
empty strings where the old arguments were) and the kernel's 15-byte name
field (``/proc/<pid>/comm``, what ``ps`` and ``top`` show).

Imported in every child, so it imports nothing, and it is cheap:

- the ``setproctitle`` package imports ``logging`` (about 8 ms in a
  spawned child); only its C part is needed (about 0.3 ms), so that is
  loaded by itself, found on ``sys.path`` the way ``import`` finds it;
- the first call of the C part also moves the environment out of the way
  (about 0.2 ms). :func:`preload` does both before a process forks many
  children (the forkserver, the app for ``fork``), so a forked child only
  writes its title (about 0.05 ms).

Without the extra every function here is a cheap no-op.
"""

from __future__ import annotations

import sys

#: Every title starts so; short, since the kernel keeps 15 bytes of it.
TITLE_PREFIX = "plab:"
#: What the kernel's name field (``comm``) holds; the rest is cut off there.
MAX_TITLE_BYTES = 15
#: The module a missing or blocked ``setproctitle`` would be.
PACKAGE = "setproctitle"

_UNTRIED = object()
#: setproctitle's C module once loaded, None if it is not installed.
_module: object = _UNTRIED


def _blocked() -> bool:
    """True where ``sys.modules["setproctitle"] is None``: the standard way
    to make ``import setproctitle`` fail (tests use it)."""
    return PACKAGE in sys.modules and sys.modules[PACKAGE] is None


def _load() -> object | None:
    """setproctitle's C module, loaded once without the package's
    ``__init__`` (see the module docstring); None if it is not installed."""
    global _module
    if _module is not _UNTRIED:
        return _module  # type: ignore[return-value]
    module = None
    if not _blocked():
        try:
            # The import system's own finder and loader, already loaded in
            # every interpreter: importlib.util would be one more import.
            import _frozen_importlib as bootstrap
            import _frozen_importlib_external as external

            package = external.PathFinder.find_spec(PACKAGE)
            if package is not None and package.submodule_search_locations:
                spec = external.PathFinder.find_spec(
                    "_setproctitle", package.submodule_search_locations
                )
                if spec is not None:
                    spec.name = f"{PACKAGE}._setproctitle"  # what the extension calls itself
                    module = bootstrap.module_from_spec(spec)
                    spec.loader.exec_module(module)  # a no-op for single-phase modules
        except (ImportError, OSError, AttributeError):
            module = None  # not installed, or not for this interpreter
    _module = module
    return module


def titles_available() -> bool:
    """True if children can set their OS title here (the extra is installed)."""
    return not _blocked() and _load() is not None


def preload() -> None:
    """Load the C part and let it set itself up now, in a process about to
    fork children, so each child only writes its title. A no-op without the
    extra."""
    module = _load()
    if module is None or _blocked():
        return
    # The one-time set-up also renames the calling thread (to the first 15
    # bytes of the command line): this process keeps the name it had.
    name = module.getthreadtitle()  # type: ignore[attr-defined]
    module.getproctitle()  # type: ignore[attr-defined]
    if name:
        module.setthreadtitle(name)  # type: ignore[attr-defined]


def set_title(title: str) -> bool:
    """Set this process's OS title to ``title``; True if it was set."""
    module = _load()
    if module is None or _blocked():
        return False
    module.setproctitle(title)  # type: ignore[attr-defined]
    return True


def named_title(name: str) -> str:
    """ "plab:7": the OS title of the named child ``name``."""
    return fit(TITLE_PREFIX + name)


def pool_title(number: int) -> str:
    """ "plab:w3": the OS title of pool worker ``number``."""
    return fit(f"{TITLE_PREFIX}w{number}")


def process_number() -> int:
    """This process's number among those its parent made with
    ``multiprocessing``: the 12 of its Python name ``ForkServerProcess-12``
    (0 in a process multiprocessing did not make). Pool workers are titled
    with it, so their OS title and Python name share the number."""
    from multiprocessing import current_process  # loaded in every such child

    identity = getattr(current_process(), "_identity", ())
    return identity[-1] if identity else 0


def fit(title: str) -> str:
    """``title`` cut to what the kernel's name field keeps (15 bytes of UTF-8)."""
    data = title.encode("utf-8")[:MAX_TITLE_BYTES]
    return data.decode("utf-8", "ignore")
