"""``workers/`` never imports Qt or pyqtgraph, directly or indirectly.

Child processes re-import the modules their job functions live in (spawn and
forkserver always do), so a Qt import there would cost every child a second
of start-up and a copy of Qt in memory, and could crash it. These tests look
at ``sys.modules`` in fresh interpreters, where nothing else has imported Qt.
"""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
QT_PREFIXES = ("PySide6", "pyqtgraph", "shiboken6")
SUBPROCESS_TIMEOUT_S = 60.0

# Imports every module under workers/ (found with pkgutil, so new modules are
# covered without editing this test) and prints the Qt modules that came along.
_IMPORT_ALL_WORKERS = f"""
import importlib, json, pkgutil, sys
import workers
for info in pkgutil.walk_packages(workers.__path__, "workers."):
    importlib.import_module(info.name)
imported = sorted(m for m in sys.modules if m.startswith("workers"))
qt = sorted(m for m in sys.modules if m.startswith({QT_PREFIXES!r}))
print(json.dumps({{"imported": imported, "qt": qt}}))
"""

# What `python main.py` imports before it decides what to do: spawned children
# of the app re-import main.py as __mp_main__, so it must not pull Qt in either.
_IMPORT_MAIN = f"""
import json, sys
import main
print(json.dumps(sorted(m for m in sys.modules if m.startswith({QT_PREFIXES!r}))))
"""


def _run_fresh_python(code: str) -> str:
    """Run ``code`` in a new interpreter at the repository root; return its stdout."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, f"the import failed:\n{result.stderr}"
    return result.stdout


def _qt_modules_in_child(queue: multiprocessing.Queue[list[str]]) -> None:
    """Runs in a spawned child: report which Qt modules it has loaded."""
    queue.put(sorted(m for m in sys.modules if m.startswith(QT_PREFIXES)))


def test_importing_every_workers_module_does_not_import_qt() -> None:
    report = json.loads(_run_fresh_python(_IMPORT_ALL_WORKERS))
    # Guard against a vacuous pass: the walk really found the modules.
    assert {"workers.events", "workers.options", "workers.runs.run_base"} <= set(report["imported"])
    assert report["qt"] == [], f"workers/ pulled in Qt: {report['qt']}"


def test_spawned_child_of_a_qt_process_does_not_import_qt() -> None:
    # The parent has Qt loaded, as the GUI does; the child must start without it.
    import PySide6.QtCore  # noqa: F401

    assert "PySide6" in sys.modules
    ctx = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[list[str]] = ctx.Queue()
    child = ctx.Process(target=_qt_modules_in_child, args=(queue,), name="qt-free-check")
    child.start()
    try:
        qt_in_child = queue.get(timeout=SUBPROCESS_TIMEOUT_S)
    finally:
        child.join(timeout=SUBPROCESS_TIMEOUT_S)
        queue.close()
        queue.join_thread()
    assert child.exitcode == 0
    assert qt_in_child == [], f"a spawned child imported Qt: {qt_in_child}"


def test_importing_main_does_not_import_qt() -> None:
    if not (REPO_ROOT / "main.py").exists():
        pytest.skip("main.py does not exist yet")
    qt = json.loads(_run_fresh_python(_IMPORT_MAIN))
    assert qt == [], f"`import main` pulled in Qt; import the GUI inside gui_main(): {qt}"


# What a spawned child has loaded before its job is unpickled, then what the
# named job's module adds to that. __future__ comes with the child's main
# module (main.py, or the installed app's launcher), which the child imports
# first; a virtual environment's editable-install hook used to import it too.
_NAMED_JOB_IMPORTS = """
import json, sys
import multiprocessing.spawn, multiprocessing.popen_spawn_posix, multiprocessing.resource_tracker
import __future__
before = set(sys.modules)
import workers.jobs.named_job
print(json.dumps(sorted(set(sys.modules) - before)))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="the spawn child's modules differ there")
def test_a_named_child_imports_nothing_but_its_own_modules() -> None:
    # Each spawned child of the named experiment pays for what its job module
    # imports; the lesson's children pay for nothing. typing (5 ms),
    # dataclasses (6 ms), workers.events (13 ms with its classes) and
    # multiprocessing.connection (5 ms) each once made children slower.
    added = json.loads(_run_fresh_python(_NAMED_JOB_IMPORTS))
    assert "workers.jobs.named_job" in added
    assert [m for m in added if not m.startswith("workers")] == []
