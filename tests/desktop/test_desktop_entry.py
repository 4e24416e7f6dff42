"""``install-desktop-entry`` and ``uninstall-desktop-entry`` from a checkout:
the launcher and its icons for the current user, valid by
desktop-file-validate (no errors, no hints), starting this same app."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from gui.desktop_entry import data_home, exec_argument, icon_files, render_entry
from gui.resources import DESKTOP_TEMPLATE, ICON_PNG_SIZES
from tests.desktop.apps import (
    REPO_ROOT,
    desktop_entry_values,
    desktop_file_validate,
    png_size,
)

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="desktop entries are for Linux desktops"
)


def _run_main(*args: str, xdg: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), *args],
        cwd=REPO_ROOT,
        env={**os.environ, "XDG_DATA_HOME": str(xdg)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_install_writes_a_valid_launcher_and_the_icons(tmp_path: Path) -> None:
    result = _run_main("install-desktop-entry", xdg=tmp_path)
    assert result.returncode == 0, result.stderr
    launcher = tmp_path / "applications" / "process-lab.desktop"
    assert f"Installed {launcher}" in result.stdout
    assert desktop_file_validate(launcher) == ""

    values = desktop_entry_values(launcher)
    assert shlex.split(values["Exec"]) == [sys.executable, str(REPO_ROOT / "main.py")]
    assert values["TryExec"] == sys.executable
    assert values["Icon"] == "process-lab"
    assert values["Categories"] == "Education;ComputerScience;"
    assert values["Terminal"] == "false"
    # Qt names the window's X11 class after the application ("Process Lab"),
    # however it was started; docks match it to the launcher by that.
    assert values["StartupWMClass"] == "Process Lab"

    theme = tmp_path / "icons" / "hicolor"
    svg = theme / "scalable" / "apps" / "process-lab.svg"
    assert svg.read_bytes().startswith(b"<?xml")
    for size in ICON_PNG_SIZES:
        assert png_size(theme / f"{size}x{size}" / "apps" / "process-lab.png") == (size, size)


def test_the_launcher_starts_the_app(tmp_path: Path) -> None:
    assert _run_main("install-desktop-entry", xdg=tmp_path).returncode == 0
    values = desktop_entry_values(tmp_path / "applications" / "process-lab.desktop")
    # What the desktop runs, with a command instead of the window.
    result = subprocess.run(
        [*shlex.split(values["Exec"]), "named", "-n", "2", "--sleep", "0", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Main-Processing Done!"


def test_uninstall_removes_what_install_wrote(tmp_path: Path) -> None:
    assert _run_main("install-desktop-entry", xdg=tmp_path).returncode == 0
    installed = {p for p in tmp_path.rglob("*") if p.is_file()}
    assert len(installed) == 1 + 1 + len(ICON_PNG_SIZES)
    result = _run_main("uninstall-desktop-entry", xdg=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Removed 5 file(s)" in result.stdout
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
    # Again: nothing to remove is not an error.
    assert _run_main("uninstall-desktop-entry", xdg=tmp_path).returncode == 0


def test_a_bad_use_is_a_usage_line(tmp_path: Path) -> None:
    result = _run_main("install-desktop-entry", "--now", xdg=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: process-lab install-desktop-entry")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "path",
    [
        "/opt/Process Lab/Process Lab",  # the frozen app's name has a space
        '/tmp/odd "quoted" $HOME `cmd` back\\slash 100%/python3',
        "/tmp/semi;colon&amp(paren)/python3",
    ],
)
def test_awkward_paths_are_quoted_as_the_specification_says(tmp_path: Path, path: str) -> None:
    launcher = tmp_path / "process-lab.desktop"
    launcher.write_text(
        render_entry(DESKTOP_TEMPLATE.read_text(encoding="utf-8"), [path, "-m", "process_lab"]),
        encoding="utf-8",
    )
    assert desktop_file_validate(launcher) == ""
    exec_value = desktop_entry_values(launcher)["Exec"]
    assert exec_value.endswith(" -m process_lab")
    assert _exec_arguments(exec_value) == [path, "-m", "process_lab"]


def _exec_arguments(value: str) -> list[str]:
    """An Exec value's arguments, unquoted as the Desktop Entry Specification
    says: first the string escapes (a doubled backslash), then the double
    quotes, inside which a backslash escapes a double quote, a backtick, a
    dollar sign or a backslash; and a doubled percent sign is one."""
    value = value.replace("\\\\", "\\")
    args: list[str] = []
    current, quoted, i, started = "", False, 0, False
    while i < len(value):
        char = value[i]
        if quoted and char == "\\" and value[i + 1] in '"`$\\':
            current += value[i + 1]
            i += 2
            continue
        if char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if started or current:
                args.append(current)
            current, started = "", False
        else:
            current += char
        i += 1
    if started or current:
        args.append(current)
    return [arg.replace("%%", "%") for arg in args]


def test_a_line_break_cannot_be_in_a_launcher() -> None:
    with pytest.raises(ValueError, match="line break"):
        exec_argument("/tmp/a\nb")


def test_data_home_follows_xdg_and_falls_back_to_local_share(tmp_path: Path) -> None:
    assert data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    fallback = Path.home() / ".local" / "share"
    assert data_home({}) == fallback
    assert data_home({"XDG_DATA_HOME": "relative/path"}) == fallback  # the spec ignores it


def test_every_icon_to_install_ships() -> None:
    for source in icon_files(Path("/nowhere")).values():
        assert source.is_file(), source
