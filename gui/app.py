"""Start the window: the application object, its translations, its theme.

process-lab --zoom 1.5     # bigger text from the start, for a projector

Before Qt makes the application, :func:`run_app` checks that a window can
open here at all (:mod:`gui.display_check`): without a display Qt would
abort the process. With ``PROCESS_LAB_QUIT_AFTER_LOAD=FILE`` in the
environment the window closes itself as soon as it has loaded, after
writing what it found (icon, translations, platform) to FILE as JSON: the
tests of the installed and the frozen app start it that way.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from gui.import_check import cheapen_pyside_import_check
from gui.resources import I18N_DIR, ICON_SVG, RESOURCES_DIR
from gui.startup_heap import RESUME_BY_MS, pause_collector, resume_collector
from gui.style.theme import MAX_ZOOM, MIN_ZOOM, get_theme

if TYPE_CHECKING:
    from gui.main_window import MainWindow

RESOURCES = RESOURCES_DIR
ICON_PATH = ICON_SVG
#: Names a file: the window closes once loaded, after writing a report there.
QUIT_AFTER_LOAD_ENV = "PROCESS_LAB_QUIT_AFTER_LOAD"
#: Screens up to this wide get the window maximised: every pixel counts there.
SMALL_SCREEN_WIDTH = 1366
#: The window's size on larger screens.
DEFAULT_WINDOW_SIZE = (1280, 860)
#: The names the settings are kept under (gui/settings.py):
#: $XDG_CONFIG_HOME/<organisation>/<application>.ini.
ORGANIZATION_NAME = "Process Lab"
APPLICATION_NAME = "Process Lab"


def zoom_for_screen_height(height: int) -> float:
    """The starting zoom for a screen this many logical pixels high.

    A 1080p projector shows the default 10 pt as small as a laptop would, but
    the class sits metres away; larger screens start larger. 768 lines stay
    at 100 %: there, every control must still fit.
    """
    if height >= 1400:
        return 1.5
    if height >= 1000:
        return 1.25
    return 1.0


def zoom_argument(arguments: list[str]) -> float | None:
    """The zoom ``--zoom Z`` (or ``--zoom=Z``, or a prefix such as ``--zo``)
    asks for, the last one given; None without one. A zoom that is not a
    number ends the program with status 2, as a bad option does.

    Qt has taken its own options out already; anything else is not ours to
    reject (main.py's parser checks its commands before the window opens).
    A plain scan, not argparse: building a parser cost the window's start
    about 4 ms, for one option.
    """
    zoom = None
    for index, argument in enumerate(arguments):
        name, equals, value = argument.partition("=")
        if len(name) < len("--z") or not "--zoom".startswith(name):
            continue
        if not equals:
            value = arguments[index + 1] if index + 1 < len(arguments) else ""
        try:
            zoom = float(value)
        except ValueError:
            print(
                f"process-lab: error: argument --zoom: invalid float value: {value!r}"
                f" (try {MIN_ZOOM:g} to {MAX_ZOOM:g}; 1.5 = 150 %)",
                file=sys.stderr,
            )
            raise SystemExit(2) from None
    return zoom


def install_translators(app: QApplication, language: str = "") -> list[QTranslator]:
    """Speak ``language`` (a code of ``gui.i18n.LANGUAGES``; "" for the
    system's): Qt's own and Process Lab's translations are installed on
    ``app``; returns them (none for English, the source language)."""
    from gui.i18n import translations

    found = translations()
    found.set_language(language)
    return found.translators()


def _quit_on_ctrl_c(app: QApplication) -> QTimer:
    """Let Ctrl+C in the terminal close the window properly (children included).

    Python only runs signal handlers between bytecodes; a timer gives it the
    chance while Qt's event loop is waiting.
    """
    signal.signal(signal.SIGINT, lambda *_: app.closeAllWindows())
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)
    return timer


def create_app(argv: list[str]) -> QApplication:
    """The application object with Process Lab's names, icon, translations
    and theme, zoomed as ``--zoom`` says or as suits the screen."""
    pause_collector()  # until the window has loaded: see gui/startup_heap.py
    cheapen_pyside_import_check()  # before the window's imports: see there
    QGuiApplication.setApplicationName(APPLICATION_NAME)
    QGuiApplication.setApplicationDisplayName("Process Lab")
    QGuiApplication.setOrganizationName(ORGANIZATION_NAME)
    # The desktop entry's name: lets Wayland and docks match the window to the app.
    QGuiApplication.setDesktopFileName("process-lab")
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    QTimer.singleShot(RESUME_BY_MS, resume_collector)  # whether or not a window loads
    zoom = zoom_argument(app.arguments()[1:])
    screen = app.primaryScreen()
    theme = get_theme()
    theme.follow_system_scheme()  # light or dark as the system is, until one is chosen
    theme.apply_to_app(app)
    if screen is not None:
        # Ctrl+0 comes back here, whatever --zoom said.
        theme.set_default_zoom(zoom_for_screen_height(screen.availableGeometry().height()))
    if zoom is not None:
        theme.set_zoom(zoom)
    else:
        theme.reset_zoom()
    # The language, theme and zoom kept from last time (a --zoom wins), and
    # the translators for that language (parented to the app, so they live
    # as long).
    from gui.settings import apply_app_settings

    apply_app_settings(theme, zoom_given=zoom is not None)
    return app


def make_main_window() -> MainWindow:
    """The window, not yet shown. It paints its controls first and loads the
    CPU graph and the engine right after (``staged_start``)."""
    from gui.main_window import MainWindow  # after the theme, which it reads

    return MainWindow(staged_start=True)


def set_app_icon(app: QGuiApplication) -> None:
    """Give the application its icon (the windows' title bars, the task bar).

    :func:`show_main_window` sets it once the window has loaded: PySide6
    makes its ``QIcon`` type (with its 150 theme icon names) the first time
    it is asked for, which cost the first paint about 3 ms.
    """
    from PySide6.QtGui import QIcon

    if ICON_PATH.exists():
        app.setWindowIcon(QIcon(str(ICON_PATH)))


def show_main_window(
    app: QApplication, window: MainWindow, size: tuple[int, int] | None = None
) -> None:
    """Show ``window`` maximised on small screens, else at ``size`` (default
    1280x860); without a ``size``, where it was last time if it remembers.
    The application's icon comes once the window has loaded."""
    if window.is_loaded():
        set_app_icon(app)
    else:
        window.loaded.connect(lambda: set_app_icon(app))
    settings = getattr(window, "settings", None)
    if size is None and getattr(settings, "geometry_restored", False):
        window.show()  # restoreGeometry put it back, maximised or not
        return
    screen = app.primaryScreen()
    available = screen.availableGeometry() if screen is not None else None
    if size is None and available is not None and available.width() <= SMALL_SCREEN_WIDTH:
        # Sized first as well: without a window manager (a bare X server, some
        # kiosk setups) "maximised" is only a wish, and the window would open
        # at its minimum size.
        window.resize(available.size())
        window.showMaximized()
    else:
        window.resize(*(size or DEFAULT_WINDOW_SIZE))
        window.show()


def _quit_after_load(app: QApplication, window: MainWindow, report_path: str) -> None:
    """Once ``window`` has loaded, write a report to ``report_path`` and close it."""
    from gui.i18n import translations

    def report_and_close() -> None:
        report = {
            "pid": os.getpid(),
            "loaded": window.is_loaded(),
            "icon": not app.windowIcon().isNull(),
            "window_icon": not window.windowIcon().isNull(),
            "icon_file": str(ICON_PATH),
            "i18n_dir": str(I18N_DIR),
            "translations": [Path(t.filePath()).name for t in translations().translators()],
            "platform": app.platformName(),
            "title": window.windowTitle(),
        }
        with open(report_path, "w", encoding="utf-8") as out:
            json.dump(report, out)
        window.close()

    # Queued, so the window finishes loading (and painting) before it closes.
    if window.is_loaded():
        QTimer.singleShot(0, window, report_and_close)
    else:
        window.loaded.connect(lambda: QTimer.singleShot(0, window, report_and_close))


def run_app(argv: list[str]) -> int:
    """Open the Process Lab window and run until it closes; returns the exit status
    (1, with one line on stderr, where no window can open)."""
    from gui.display_check import display_problem

    plugins = [QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)]
    plugins += os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep)
    problem = display_problem([path for path in plugins if path])
    if problem is not None:
        print(f"process-lab: error: {problem}", file=sys.stderr)
        return 1
    app = create_app(argv)
    window = make_main_window()
    show_main_window(app, window)
    report_path = os.environ.get(QUIT_AFTER_LOAD_ENV)
    if report_path:
        _quit_after_load(app, window, report_path)
    _ctrl_c_timer = _quit_on_ctrl_c(app)
    try:
        return app.exec()
    finally:
        # closeEvent normally did this; a quit by other means must not leave
        # children or threads behind.
        window.shutdown()


if __name__ == "__main__":
    sys.exit(run_app(sys.argv))
