"""Running Process Lab the ways people start it, and checking what is left.

Shared by the tests of the source checkout, the installed wheel and the
frozen app: each launch runs with ``PROCESS_LAB_LAUNCH_LOG`` (the entry point
appends one line per launch, never in a child) and, for the window,
``PROCESS_LAB_QUIT_AFTER_LOAD`` (it closes itself once loaded, after writing
a JSON report).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

REPO_ROOT = Path(__file__).resolve().parents[2]
#: Generous: a frozen or freshly installed app on a loaded 2-core machine.
RUN_TIMEOUT_S = 120.0
#: How long the app's processes get to be gone after it exits.
EXIT_GRACE_S = 5.0
#: What the window's environment needs to run headless and close itself.
HEADLESS = {"QT_QPA_PLATFORM": "offscreen"}
#: A Korean desktop: the window then loads Process Lab's and Qt's Korean.
KOREAN = {"LANG": "ko_KR.UTF-8", "LANGUAGE": "ko", "LC_ALL": "", "LC_MESSAGES": ""}


@dataclass
class Launch:
    """One finished launch: its output, exit status and the launch log."""

    pid: int
    returncode: int
    stdout: str
    stderr: str
    launches: list[str]
    report: dict[str, object] | None

    def launched_once(self) -> None:
        """The entry point ran once, in the process we started, and no child
        of it ran the entry point again."""
        assert len(self.launches) == 1, self.launches
        assert self.launches[0].split(" ", 1)[0] == str(self.pid), (self.launches, self.pid)


def launch(
    command: Sequence[str | os.PathLike[str]],
    tmp_path: Path,
    env: Mapping[str, str] | None = None,
    window: bool = False,
    cwd: Path | None = None,
    timeout: float = RUN_TIMEOUT_S,
) -> Launch:
    """Run ``command`` to the end with the launch log (and, with ``window``,
    headless and closing itself once loaded); return what it did."""
    log = tmp_path / f"launches-{len(list(tmp_path.glob('launches-*')))}.log"
    report = log.with_suffix(".json")
    full_env = {
        **os.environ,
        # Settings (language, theme, window place) start afresh, and stay here.
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        **(env or {}),
        "PROCESS_LAB_LAUNCH_LOG": str(log),
    }
    if window:
        full_env.update(HEADLESS)
        full_env["PROCESS_LAB_QUIT_AFTER_LOAD"] = str(report)
    proc = subprocess.Popen(
        [str(part) for part in command],
        cwd=cwd or tmp_path,
        env=full_env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"{command} did not end within {timeout:g} s:\n{err}") from None
    launches = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    loaded = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
    return Launch(proc.pid, proc.returncode, out, err, launches, loaded)


def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr


def check_named_output(stdout: str, processes: int) -> None:
    """The lesson's lines for ``processes`` named children, each once."""
    lines = stdout.splitlines()
    assert lines[0].startswith("Parent process ID "), lines[:3]
    assert lines[-1] == "Main-Processing Done!", lines[-3:]
    results = sorted(
        int(m[1]) for line in lines if (m := re.fullmatch(r"Result of (\d+) square : \d+", line))
    )
    assert results == list(range(1, processes + 1)), lines
    names = [
        m[1] for line in lines if (m := re.match(r"Process ID: \d+, Process Name: (\d+)", line))
    ]
    assert sorted(map(int, names)) == list(range(1, processes + 1)), lines


def check_pool_demo_output(stdout: str) -> None:
    """Every page of the demo site reported: sizes, and the one missing page."""
    lines = stdout.splitlines()
    sizes = [
        line
        for line in lines
        if re.fullmatch(r"'http://127\.0\.0\.1:\d+/\S+' page is \d+ bytes", line)
    ]
    missing = [
        line for line in lines if line.endswith("generated an exception: HTTP 404 Not Found")
    ]
    assert len(missing) == 1, lines
    assert any("/pages/1k' page is 1024 bytes" in line for line in sizes), lines
    assert any("/pages/10m' page is 10485760 bytes" in line for line in sizes), lines


def assert_nothing_left(belongs: Callable[[psutil.Process], bool], what: str) -> None:
    """Fail if a process that ``belongs`` to the app is still alive
    :data:`EXIT_GRACE_S` seconds from now (those are then killed)."""
    mine = []
    for proc in psutil.process_iter():
        try:
            if belongs(proc):
                mine.append(proc)
        except psutil.Error:
            continue
    _gone, alive = psutil.wait_procs(mine, timeout=EXIT_GRACE_S)
    described = []
    for proc in alive:
        try:
            described.append(f"pid {proc.pid}: {' '.join(proc.cmdline())}")
            proc.kill()
        except psutil.Error:
            continue
    assert not described, f"processes of {what} still alive after it exited:\n" + "\n".join(
        described
    )


def started_from(folder: Path) -> Callable[[psutil.Process], bool]:
    """Matches processes whose executable or command starts inside ``folder``."""
    prefix = str(folder) + os.sep

    def belongs(proc: psutil.Process) -> bool:
        cmdline = proc.cmdline()
        exe = proc.exe()
        return exe.startswith(prefix) or (bool(cmdline) and cmdline[0].startswith(prefix))

    return belongs


def loaded_qt_libraries(pid: int) -> list[str]:
    """The Qt and PySide6 libraries mapped into process ``pid`` (Linux)."""
    with open(f"/proc/{pid}/maps", encoding="utf-8", errors="replace") as maps:
        # address perms offset dev inode path (the path may hold spaces)
        paths = {
            fields[5] for line in maps if len(fields := line.rstrip("\n").split(maxsplit=5)) == 6
        }
    return sorted(p for p in paths if re.search(r"libQt6|libpyside6|libshiboken6|/PySide6/", p))


def desktop_file_validate(path: Path) -> str:
    """desktop-file-validate's output for ``path`` (empty: no errors, warnings or hints)."""
    result = subprocess.run(
        ["desktop-file-validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 or output, "desktop-file-validate failed silently"
    return output


def desktop_entry_values(path: Path) -> dict[str, str]:
    """The launcher's ``key=value`` lines (the [Desktop Entry] group)."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key] = value
    return values


def png_size(path: Path) -> tuple[int, int]:
    """A PNG file's width and height, from its header."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG file"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
