"""Put Process Lab in the desktop's application menu, for the current user.

    process-lab install-desktop-entry      # or, in a checkout: make desktop
    process-lab uninstall-desktop-entry

Installing writes ``$XDG_DATA_HOME/applications/process-lab.desktop``
(``XDG_DATA_HOME`` is ``~/.local/share`` unless set) and the icon in the
``hicolor`` theme there: the SVG as ``scalable/apps/process-lab.svg`` and
PNGs at 48, 128 and 256 pixels. The launcher starts this same app the way it
was started now: the frozen app's executable, or the interpreter running now
with the app's module (so a launcher made from a virtual environment uses
that environment). Uninstalling removes those files again. Qt-free, and for
freedesktop.org desktops (Linux and the BSDs) only.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from gui.resources import DESKTOP_TEMPLATE, ICON_PNG_SIZES, ICON_SVG, icon_png

#: The launcher's file name, and the icon's name in the theme.
APP_ID = "process-lab"
#: Characters that make a desktop entry's Exec argument need quotes (the
#: Desktop Entry Specification's "reserved characters").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def data_home(env: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute."""
    env = os.environ if env is None else env
    value = env.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def desktop_file(home: Path) -> Path:
    """Where the launcher goes under ``home`` (an XDG data folder)."""
    return home / "applications" / f"{APP_ID}.desktop"


def icon_files(home: Path) -> dict[Path, Path]:
    """Each icon file to install under ``home``, mapped to its source."""
    theme = home / "icons" / "hicolor"
    files = {theme / "scalable" / "apps" / f"{APP_ID}.svg": ICON_SVG}
    for size in ICON_PNG_SIZES:
        files[theme / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = icon_png(size)
    return files


def exec_argument(argument: str) -> str:
    """``argument`` as one argument of an Exec key: quoted when it holds a
    reserved character, ``%`` doubled, and escaped for a string value."""
    if "\n" in argument or "\r" in argument:
        raise ValueError(f"a launcher cannot start a path with a line break: {argument!r}")
    if _RESERVED & set(argument):
        for char in '\\"`$':
            argument = argument.replace(char, "\\" + char)
        argument = f'"{argument}"'
    # Then as any string value: a backslash is written twice.
    return argument.replace("%", "%%").replace("\\", "\\\\")


def render_entry(template: str, exec_command: Sequence[str]) -> str:
    """The launcher's text: ``template`` with the command and icon filled in."""
    if not exec_command:
        raise ValueError("the launcher needs a command to run")
    exec_value = " ".join(exec_argument(arg) for arg in exec_command)
    try_exec = exec_command[0].replace("\\", "\\\\")
    return (
        template.replace("@EXEC@", exec_value)
        .replace("@TRYEXEC@", try_exec)
        .replace("@ICON@", APP_ID)
    )


def install(exec_command: Sequence[str], home: Path) -> list[Path]:
    """Install the launcher and its icons under ``home``; returns the files written."""
    entry = render_entry(DESKTOP_TEMPLATE.read_text(encoding="utf-8"), exec_command)
    written = []
    for target, source in icon_files(home).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    launcher = desktop_file(home)
    launcher.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: a menu watching the folder never reads half a file.
    partial = launcher.with_name(f".{launcher.name}.partial")
    partial.write_text(entry, encoding="utf-8")
    partial.chmod(0o755)  # some file managers only start executable launchers
    partial.replace(launcher)
    written.append(launcher)
    return written


def uninstall(home: Path) -> list[Path]:
    """Remove what :func:`install` wrote under ``home``; returns the files removed."""
    removed = []
    for path in [desktop_file(home), *icon_files(home)]:
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def desktop_entry_main(argv: Sequence[str], exec_command: Sequence[str]) -> int:
    """``install-desktop-entry`` or ``uninstall-desktop-entry``: do it, and say
    what was done. ``exec_command`` is what the launcher will run."""
    command = argv[0] if argv else ""
    if len(argv) != 1 or command not in ("install-desktop-entry", "uninstall-desktop-entry"):
        print(
            "usage: process-lab install-desktop-entry | process-lab uninstall-desktop-entry",
            file=sys.stderr,
        )
        return 2
    if sys.platform in ("win32", "darwin"):
        print(
            "process-lab: error: desktop entries are for Linux desktops; on Windows and "
            "macOS, start the app from its folder (see the README)",
            file=sys.stderr,
        )
        return 1
    home = data_home()
    try:
        if command == "uninstall-desktop-entry":
            removed = uninstall(home)
            print(f"Removed {len(removed)} file(s): Process Lab is no longer in the menu.")
            for path in removed:
                print(f"  {path}")
            return 0
        written = install(exec_command, home)
    except (OSError, ValueError) as exc:
        print(f"process-lab: error: {exc}", file=sys.stderr)
        return 1
    print(f"Installed {desktop_file(home)}")
    print(f"  it starts: {' '.join(exec_command)}")
    print(f"  and {len(written) - 1} icon file(s) under {home / 'icons' / 'hicolor'}")
    print("Process Lab is in the application menu (copy the launcher to ~/Desktop for an icon).")
    return 0
