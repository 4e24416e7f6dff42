"""Take the README's screenshots: the window after a real lesson run.

    .venv/bin/python resources/screenshots/capture.py
    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python resources/screenshots/capture.py
    xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python resources/screenshots/capture.py \
        --presentation --theme light --theme contrast --size 1024x768
    xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python resources/screenshots/capture.py \
        --presentation --size 1024x768 --language ko

For each size (and theme) the window runs 100 named processes (sleep 0-1 s)
and the pool over the offline demo site's pages (sized ones, a slow one and
a missing one: no internet is needed, and no outside site is contacted) to
the end, lets the CPU graph gather a few more seconds, then saves
``window-<w>x<h>.png`` next to this file (``-<theme>`` added for a theme
other than light, ``-zoom<z>`` for ``--zoom``), or with ``--presentation``,
in presentation mode, ``presentation-<theme>-<w>x<h>.png``. Presentation
mode goes full screen when the screen is the size asked for (Xvfb started
at that size); elsewhere the window is sized to it. ``--language ko`` takes
them in Korean (``-ko`` added to the name; a font with Hangul is needed,
Debian's fonts-nanum). The window starts from default settings, in a
settings folder of its own: the user's are neither read nor changed.

Qt is imported only inside ``main()``: the forkserver imports this module
as ``__mp_main__`` to start children, and children must never load Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:  # only for the hints: Qt stays out of the forkserver
    from gui.main_window import MainWindow

SIZES = ((1024, 768), (1920, 1080))
RUN_TIMEOUT_S = 120.0
#: Samples the graph gathers after the runs (the sampler runs at 4 Hz).
EXTRA_SAMPLES = 12


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run the Qt event loop until ``condition()`` holds; stop the script after the timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: condition() and loop.quit())
    poll.start(50)
    QTimer.singleShot(round(timeout_s * 1000), loop.quit)
    if not condition():
        loop.exec()
    poll.stop()
    if not condition():
        raise SystemExit(f"capture: timed out waiting for {what}")


def run_the_lesson(window: MainWindow) -> None:
    """100 named processes and the pool over the demo site's pages, at once,
    to the end; then a few more seconds of graph."""
    finished: set[str] = set()
    window.named_bridge.run_finished.connect(lambda _event: finished.add("named"))
    window.pool_bridge.run_finished.connect(lambda _event: finished.add("pool"))
    plot = window.cpu_plot
    panel = window.named_panel
    panel.process_count_spin.setValue(100)
    panel.sleep_max_spin.setValue(1.0)
    panel.sleep_min_spin.setValue(0.0)
    site = window.demo_site
    if site is None:
        raise SystemExit("capture: the demo site did not start")
    # Only the demo site: the screenshots must not depend on (or contact) the internet.
    pages = [*site.page_urls(), site.url("/slow?delay=1"), site.url("/status/404")]
    window.pool_panel.url_editor.set_urls(pages)
    wait_until(lambda: plot.sample_count() >= 8, 10, "an idle graph first")
    panel.start_button.click()
    window.pool_panel.start_button.click()
    wait_until(lambda: len(finished) == 2, RUN_TIMEOUT_S, "both runs to finish")
    seen = plot.sample_count()
    wait_until(lambda: plot.sample_count() >= seen + EXTRA_SAMPLES, 10, "more samples")


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Take the README's screenshots.")
    parser.add_argument("zoom", nargs="?", type=float, help="a zoomed shot, to check clipping")
    parser.add_argument("--size", action="append", type=_size, help="WxH (repeatable)")
    parser.add_argument(
        "--theme",
        action="append",
        choices=("light", "dark", "contrast"),
        help="the theme (repeatable; default light)",
    )
    parser.add_argument("--presentation", action="store_true", help="in presentation mode")
    parser.add_argument(
        "--language", default="en", choices=("en", "ko"), help="the window's language"
    )
    return parser.parse_args(argv)


def capture(window: MainWindow, width: int, height: int, presentation: bool) -> None:
    """Show ``window`` at the size (in presentation mode if asked) and run the lesson."""
    from PySide6.QtGui import QGuiApplication

    # Sized first: without a window manager (Xvfb) "full screen" is only a wish.
    window.resize(width, height)
    window.show()
    if presentation:
        screen = QGuiApplication.primaryScreen().geometry()
        full_screen = (screen.width(), screen.height()) == (width, height)
        window.menus.presentation_mode.enter(full_screen=full_screen)
        if not full_screen:
            window.setGeometry(0, 0, width, height)
    wait_until(window.isVisible, 10, "the window to show")
    run_the_lesson(window)


def main() -> int:
    args = _parse_args(sys.argv[1:])
    # Default settings, and the user's left alone (gui/settings.py reads
    # and writes under XDG_CONFIG_HOME).
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="process-lab-capture-")
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from gui.app import ICON_PATH, zoom_for_screen_height
    from gui.i18n import set_language
    from gui.style.theme import get_theme

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Process Lab")
    app.setWindowIcon(QIcon(str(ICON_PATH)))
    theme = get_theme()
    theme.apply_to_app(app)
    set_language(args.language)

    from gui.main_window import MainWindow

    status = 0
    for theme_name in args.theme or ["light"]:
        theme.choose_palette(theme_name)
        for width, height in args.size or SIZES:
            # The zoom the app would pick on a screen of this size.
            theme.set_default_zoom(zoom_for_screen_height(height))
            theme.set_zoom(args.zoom or theme.default_zoom)
            window = MainWindow()
            try:
                capture(window, width, height, args.presentation)
                if args.presentation:
                    name = f"presentation-{theme_name}-{width}x{height}"
                else:
                    name = f"window-{width}x{height}"
                    name += f"-{theme_name}" if theme_name != "light" else ""
                name += f"-zoom{args.zoom:g}" if args.zoom else ""
                name += f"-{args.language}" if args.language != "en" else ""
                path = HERE / f"{name}.png"
                if window.grab().save(str(path)):
                    print(f"saved {path.relative_to(ROOT)}")
                else:
                    print(f"capture: could not save {path}", file=sys.stderr)
                    status = 1
            finally:
                window.menus.presentation_mode.leave()
                window.close()  # stops runs, threads and the demo site
                window.deleteLater()
            app.processEvents()
    return status


if __name__ == "__main__":
    sys.exit(main())
