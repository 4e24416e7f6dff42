"""Entry points of the installed app: ``process-lab``, ``process-lab-cli`` and
``python -m process_lab``.

The installed tree mirrors the source tree::

    site-packages/process_lab/launch.py      this module
    site-packages/process_lab/app/main.py    the app's main.py
    site-packages/process_lab/app/gui/       ...its gui/, workers/ and resources/

The app's modules import each other by their own names (``from workers.events
import ...``), so the entry points put ``process_lab/app`` first on
``sys.path``; in a source checkout that folder is the checkout itself. Child
processes need no help: ``spawn`` and ``forkserver`` hand every child the
parent's ``sys.path`` before it unpickles its job. The folder also goes first
in ``PYTHONPATH``, for one reason: Python before 3.13 starts the forkserver
without the parent's ``sys.path`` when it preloads modules (CPython
gh-117378), so it would silently skip preloading the job modules and every
forked child would import them again.

Only ``os`` and ``sys`` at the top: a spawned child re-runs the console script
that imports this module, and pays for what it imports.
"""

from __future__ import annotations

import os
import sys


def app_dir() -> str:
    """The folder holding the app's ``main.py``, ``gui/``, ``workers/`` and
    ``resources/``: ``process_lab/app`` when installed, else the checkout."""
    here = os.path.dirname(os.path.abspath(__file__))
    installed = os.path.join(here, "app")
    if os.path.isfile(os.path.join(installed, "main.py")):
        return installed
    return os.path.dirname(here)


def use_app_dir() -> str:
    """Put :func:`app_dir` first on ``sys.path`` and in ``PYTHONPATH``; returns it."""
    path = app_dir()
    if not sys.path or sys.path[0] != path:
        sys.path.insert(0, path)
    inherited = os.environ.get("PYTHONPATH", "")
    if inherited.split(os.pathsep)[0] != path:
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [path, inherited]))
    return path


def _ensure_std_streams() -> None:
    # main.ensure_std_streams() does this too, but a spawned child of the
    # installed app re-runs the console script (this module), not main.py.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


_ensure_std_streams()


def main() -> int:
    """``process-lab`` / ``process-lab-cli`` / ``python -m process_lab``: the
    window, or one of main.py's commands, or a desktop-entry command."""
    use_app_dir()
    import main as app_main  # the app's main.py, from app_dir()

    # A desktop launcher starts the app again the way it was started now.
    return app_main.launch(sys.argv[1:], [sys.executable, "-m", "process_lab"])
