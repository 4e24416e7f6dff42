"""What someone starting Process Lab for the first time sees when something is
missing: one line saying what to do, exit status 1, never a traceback or a
Qt abort. And the entry point: once per launch, never in a child, and fine
without stdout or stderr (a windowed app on Windows has neither)."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gui.display_check import (
    NO_DISPLAY,
    SYSTEM_LIBRARY_PACKAGES,
    _unloadable_text,
    display_problem,
    requested_platforms,
)
from tests.desktop.apps import REPO_ROOT, launch, no_traceback

MAIN = REPO_ROOT / "main.py"
RUN_TIMEOUT_S = 60.0


def _run(args: list[str], env: dict[str, str], python: str = sys.executable) -> tuple[int, str]:
    result = subprocess.run(
        [python, *args],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    return result.returncode, result.stderr


def _without_display() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("process-lab: error: "), stderr
    return lines[0]


# -- a Python without the app's packages -------------------------------------------------


def test_a_python_without_pyside6_says_what_to_run_instead() -> None:
    # -S: no site-packages, as a system Python without the venv has none of them.
    status, err = _run(["-S", str(MAIN), "--zoom", "1.5"], _without_display())
    assert status == 1
    line = _one_error_line(err)
    assert "has no PySide6" in line
    assert "make run" in line or ".venv/bin/python" in line, line
    assert "main.py --zoom 1.5" in line, "the command to run instead keeps the options"


def test_a_command_without_psutil_says_what_to_run_instead() -> None:
    status, err = _run(["-S", str(MAIN), "named", "-n", "2"], dict(os.environ))
    assert status == 1
    line = _one_error_line(err)
    assert "has no psutil" in line and "named -n 2" in line, line


def test_the_system_python_gets_the_same_one_line() -> None:
    base = getattr(sys, "_base_executable", None) or shutil.which("python3")
    if base is None:
        pytest.skip("no Python outside the virtual environment here")
    has_pyside = subprocess.run(
        [
            base,
            "-c",
            "import importlib.util, sys; sys.exit(importlib.util.find_spec('PySide6') is None)",
        ],
        capture_output=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    if has_pyside.returncode == 0:
        pytest.skip(f"{base} has PySide6")
    status, err = _run([str(MAIN)], _without_display(), python=base)
    assert status == 1
    assert "has no PySide6" in _one_error_line(err)


# -- no display, or a platform plugin that cannot work ---------------------------------


def test_no_display_is_one_line_and_exit_1_not_an_abort() -> None:
    status, err = _run([str(MAIN)], _without_display())
    assert status == 1, f"exit status {status} (a Qt abort is -6):\n{err}"
    assert _one_error_line(err) == f"process-lab: error: {NO_DISPLAY}"


def test_an_x_display_without_a_server_is_one_line() -> None:
    number = next(n for n in range(97, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    status, err = _run([str(MAIN)], {**_without_display(), "DISPLAY": f":{number}"})
    assert status == 1, err
    assert f"cannot open the X display ':{number}'" in _one_error_line(err)


def test_an_unknown_platform_plugin_is_one_line_naming_the_real_ones() -> None:
    status, err = _run([str(MAIN)], {**_without_display(), "QT_QPA_PLATFORM": "nosuchplatform"})
    assert status == 1, err
    line = _one_error_line(err)
    assert "no platform plugin 'nosuchplatform'" in line
    assert "offscreen" in line and "xcb" in line, line


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 plugins are Linux's")
def test_a_plugin_that_cannot_load_names_the_missing_library(tmp_path: Path) -> None:
    from PySide6.QtCore import QLibraryInfo

    # The real xcb plugin, moved away from the Qt libraries it links to: it
    # fails to load the way a missing system library makes it fail.
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    (tmp_path / "platforms").mkdir()
    shutil.copy(plugins / "platforms" / "libqxcb.so", tmp_path / "platforms")
    problem = display_problem([tmp_path], {"DISPLAY": ":0"})
    assert problem is not None
    assert problem.startswith(
        "Qt's 'xcb' platform plugin cannot load: libQt6XcbQpa.so.6 is missing"
    )


def test_a_missing_system_library_names_its_package() -> None:
    error = "libxcb-cursor.so.0: cannot open shared object file: No such file or directory"
    assert _unloadable_text("xcb", error) == (
        "Qt's 'xcb' platform plugin cannot load: libxcb-cursor.so.0 is missing; "
        "install it (Debian/Ubuntu: sudo apt-get install libxcb-cursor0)"
    )


def test_the_library_packages_are_those_ci_installs() -> None:
    script = (REPO_ROOT / ".ci" / "qt-system-libs.sh").read_text(encoding="utf-8")
    pairs = {}
    for line in script.splitlines():
        parts = line.split()
        if len(parts) == 2 and ".so." in parts[0]:
            pairs[parts[0]] = parts[1]
    assert pairs == SYSTEM_LIBRARY_PACKAGES


def test_the_platforms_qt_will_try() -> None:
    assert requested_platforms({}) == []
    assert requested_platforms({"DISPLAY": ":0"}) == ["xcb"]
    assert requested_platforms({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}) == [
        "wayland",
        "xcb",
    ]
    assert requested_platforms({"QT_QPA_PLATFORM": "wayland;xcb:dpi=96"}) == ["wayland", "xcb"]
    assert requested_platforms({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}) == ["offscreen"]


def test_make_run_passes_args_through() -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(
        ["make", "-n", "run", "ARGS=--zoom 1.5", f"VENV={venv}"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"{venv}/bin/python main.py --zoom 1.5" in result.stdout.splitlines()


# -- the entry point ------------------------------------------------------------------


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_the_entry_point_runs_once_per_launch_and_never_in_a_child(
    tmp_path: Path, method: str
) -> None:
    run = launch(
        [sys.executable, MAIN, "named", "-n", "4", "--sleep", "0", "0", "--start-method", method],
        tmp_path,
        cwd=REPO_ROOT,
    )
    assert run.returncode == 0, run.stderr
    run.launched_once()


def test_the_window_copes_without_stdout_and_stderr(tmp_path: Path) -> None:
    # As a windowed app on Windows starts: sys.stdout and sys.stderr are None
    # when the window's entry point is called.
    report = tmp_path / "report.json"
    status = tmp_path / "status"
    code = (
        "import os, sys\n"
        "import main\n"
        "sys.stdout = sys.stderr = None\n"
        f"os.environ['PROCESS_LAB_QUIT_AFTER_LOAD'] = {str(report)!r}\n"
        "code = main.gui_main(['process-lab'])\n"
        f"open({str(status)!r}, 'w').write(str(code))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert status.read_text() == "0"
    assert report.exists(), "the window did not load"


def test_without_stdout_and_stderr_the_streams_go_to_the_null_device() -> None:
    code = (
        "import sys\n"
        "sys.stdout = sys.stderr = None\n"
        "import main\n"
        "print(sys.stdout is None or sys.stderr is None, file=sys.__stdout__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_a_run_with_stdout_and_stderr_closed_succeeds_children_too(
    tmp_path: Path, method: str
) -> None:
    # Started with file descriptors 1 and 2 closed, Python sets sys.stdout and
    # sys.stderr to None, and so do the children it spawns: as on Windows.
    table = tmp_path / "jobs.csv"
    args = ["named", "-n", "3", "--sleep", "0", "0", "--start-method", method, "--csv", table]
    command = ["sh", "-c", 'exec "$0" "$@" >&- 2>&-', sys.executable, MAIN, *args]
    run = launch(command, tmp_path, cwd=REPO_ROOT)
    assert run.returncode == 0
    run.launched_once()  # the shell execs Python: the same PID
    no_traceback(run.stderr)
    with table.open(encoding="utf-8") as rows:
        states = [row["state"] for row in csv.DictReader(rows)]
    assert states == ["done"] * 3
