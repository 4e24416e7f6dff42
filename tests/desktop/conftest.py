"""The frozen app and the installed wheel, each built once per session.

Both are slow (about a minute each on a warm machine; the first frozen build
also makes .venv-app): their tests are marked ``slow``. The frozen app is
built by ``make app`` into a temporary folder, with PyInstaller's work folder
kept in build/pyinstaller, so a second session only redoes what changed. The
wheel is built from a copy of the checkout (so no build/ or egg-info lands
in it) and installed into a fresh virtual environment with pip, its
dependencies from the package index (or pip's cache).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.desktop.apps import REPO_ROOT

#: A cold build also creates .venv-app and downloads PySide6 and PyInstaller.
BUILD_TIMEOUT_S = 1800.0
INSTALL_TIMEOUT_S = 900.0


def _run_logged(command: list[str], log: Path, timeout: float, cwd: Path = REPO_ROOT) -> None:
    with log.open("w", encoding="utf-8") as out:
        result = subprocess.run(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            check=False,
        )
    if result.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-40:])
        pytest.fail(f"{' '.join(command)} failed ({result.returncode}):\n{tail}", pytrace=False)


@pytest.fixture(scope="session")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The frozen app's executable, ``<dist>/Process Lab/Process Lab``."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the frozen app's tests run on Linux")
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dist = tmp_path_factory.mktemp("frozen-dist")
    _run_logged(["make", "app", f"APP_DIST={dist}"], dist / "build.log", BUILD_TIMEOUT_S)
    executable = dist / "Process Lab" / "Process Lab"
    assert executable.is_file(), f"make app made no {executable}"
    return executable


@dataclass(frozen=True)
class InstalledApp:
    """Process Lab installed from its wheel into a fresh virtual environment."""

    venv: Path
    wheel: Path

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def cli(self) -> Path:
        return self.venv / "bin" / "process-lab-cli"

    @property
    def gui(self) -> Path:
        return self.venv / "bin" / "process-lab"

    def site_packages(self) -> Path:
        (found,) = self.venv.glob("lib/python3*/site-packages")
        return found


@pytest.fixture(scope="session")
def installed_app(tmp_path_factory: pytest.TempPathFactory) -> InstalledApp:
    if not sys.platform.startswith("linux"):
        pytest.skip("the installed app's tests run on Linux")
    root = tmp_path_factory.mktemp("installed")
    source = root / "source"
    shutil.copytree(
        REPO_ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", ".*_cache"
        ),
    )
    wheels = root / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run_logged(
        [*pip, "wheel", "--no-deps", "-w", str(wheels), str(source)],
        root / "wheel.log",
        INSTALL_TIMEOUT_S,
        cwd=root,
    )
    (wheel,) = wheels.glob("process_lab-*.whl")
    venv = root / "venv"
    # The base interpreter, not this virtual environment's: a fresh one.
    base = getattr(sys, "_base_executable", None) or sys.executable
    _run_logged([base, "-m", "venv", str(venv)], root / "venv.log", INSTALL_TIMEOUT_S, cwd=root)
    _run_logged(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            str(wheel),
        ],
        root / "install.log",
        INSTALL_TIMEOUT_S,
        cwd=root,
    )
    return InstalledApp(venv=venv, wheel=wheel)


@pytest.fixture
def xdg_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private XDG_DATA_HOME for the launcher and its icons."""
    home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home
