"""Can Qt open a window here? One clear line if not, before Qt would abort.

Without a display, or with a platform plugin that cannot load (a system
library missing), Qt prints lines that often name the wrong cause ("xcb-cursor0
or libxcb-cursor0 is needed", even when it is installed) and then aborts the
whole process. :func:`display_problem` looks first, the way Qt will: which
platform plugin it is going to use, whether that plugin's file is there and
loads, and whether the X server or Wayland compositor answers. Only on Linux
and the other systems where Qt uses X11 or Wayland; Windows and macOS always
have their platform. Qt-free (ctypes), so it costs a few milliseconds.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

NO_DISPLAY = (
    "no DISPLAY or WAYLAND_DISPLAY is set, so there is no screen for the window: "
    "run Process Lab on a desktop, or use `process-lab-cli` (main.py COMMAND) in a terminal"
)
#: Platforms that need no display: plain files or a framebuffer.
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs"})

#: The system libraries Qt's platform plugins load, and the Debian/Ubuntu
#: package of each (the same list as .ci/qt-system-libs.sh, which installs them).
SYSTEM_LIBRARY_PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
_MISSING_LIBRARY = re.compile(r"(\S+\.so[.\d]*): cannot open shared object file")


def requested_platforms(env: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in order: those ``QT_QPA_PLATFORM``
    names (``"wayland;xcb"``, ``"xcb:option"``), or else the ones whose
    display variable is set (empty when there is no display at all)."""
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        names = (part.split(":", 1)[0].strip() for part in chosen.split(";"))
        return [name for name in names if name]
    platforms = []
    if env.get("WAYLAND_DISPLAY"):
        platforms.append("wayland")
    if env.get("DISPLAY"):
        platforms.append("xcb")
    return platforms


def display_problem(
    plugin_dirs: Sequence[str | os.PathLike[str]], env: Mapping[str, str] | None = None
) -> str | None:
    """Why Qt could not open the window here (one line), or None if it can.

    ``plugin_dirs`` are the folders Qt looks for plugins in (each has a
    ``platforms/`` folder); ``env`` is the environment (default: this one's).
    """
    if sys.platform in ("win32", "darwin"):
        return None
    env = os.environ if env is None else env
    platforms = requested_platforms(env)
    if not platforms:
        return NO_DISPLAY
    problems = [_platform_problem(name, plugin_dirs, env) for name in platforms]
    if any(problem is None for problem in problems):
        return None  # Qt falls back along the list to one that works
    return problems[0]


def _platform_problem(
    name: str, plugin_dirs: Sequence[str | os.PathLike[str]], env: Mapping[str, str]
) -> str | None:
    plugin = _find_plugin(name, plugin_dirs)
    if plugin is None:
        known = sorted(_available_platforms(plugin_dirs))
        return (
            f"Qt has no platform plugin {name!r} (QT_QPA_PLATFORM="
            f"{env.get('QT_QPA_PLATFORM', '')!r}); unset QT_QPA_PLATFORM, or set it to "
            f"one of: {', '.join(known) or 'none found'}"
        )
    try:
        ctypes.CDLL(str(plugin), mode=os.RTLD_LAZY)
    except OSError as exc:
        return _unloadable_text(name, str(exc))
    if name == "xcb":
        return _x_server_problem(env.get("DISPLAY", ""))
    if name.startswith("wayland"):
        return _wayland_problem(env)
    return None


def _find_plugin(name: str, plugin_dirs: Sequence[str | os.PathLike[str]]) -> Path | None:
    for directory in plugin_dirs:
        platforms = Path(directory) / "platforms"
        exact = platforms / f"libq{name}.so"
        if exact.is_file():
            return exact
        if name.startswith("wayland"):  # wayland-egl and the like share libqwayland*
            found = sorted(platforms.glob("libqwayland*.so"))
            if found:
                return found[0]
    return None


def _available_platforms(plugin_dirs: Sequence[str | os.PathLike[str]]) -> set[str]:
    names = set()
    for directory in plugin_dirs:
        for path in (Path(directory) / "platforms").glob("libq*.so"):
            names.add(path.name[len("libq") : -len(".so")])
    return names


def _unloadable_text(name: str, error: str) -> str:
    match = _MISSING_LIBRARY.search(error)
    if match is None:
        return f"Qt's {name!r} platform plugin cannot load: {error}"
    library = match.group(1)
    package = SYSTEM_LIBRARY_PACKAGES.get(library)
    install = (
        f"install it (Debian/Ubuntu: sudo apt-get install {package})"
        if package
        else "install the system package that provides it"
    )
    return f"Qt's {name!r} platform plugin cannot load: {library} is missing; {install}"


def _x_server_problem(display: str) -> str | None:
    """None if the X server at ``display`` accepts a connection."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None  # the plugin loaded, so this cannot happen; let Qt say
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        failed = xcb.xcb_connection_has_error(connection) != 0
    finally:
        xcb.xcb_disconnect(connection)  # also frees a failed connection
    if not failed:
        return None
    return (
        f"cannot open the X display {display!r}: no X server answers there, or it does "
        "not let this user in; run Process Lab on the desktop itself, or use "
        "`process-lab-cli` (main.py COMMAND) in a terminal"
    )


def _wayland_problem(env: Mapping[str, str]) -> str | None:
    """None if a Wayland compositor's socket is where WAYLAND_DISPLAY says."""
    name = env.get("WAYLAND_DISPLAY") or "wayland-0"
    socket = Path(name) if os.path.isabs(name) else Path(env.get("XDG_RUNTIME_DIR", "")) / name
    if socket.exists():
        return None
    return (
        f"no Wayland compositor at {socket}: run Process Lab on the desktop itself, "
        "or use `process-lab-cli` (main.py COMMAND) in a terminal"
    )
