"""Fixtures for the window's tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from pytestqt.qtbot import QtBot

from gui import MainWindow
from gui.import_check import cheapen_pyside_import_check
from gui.plots.pyqtgraph_loader import load_pyqtgraph
from gui.style.theme import Theme, get_theme

# As the app does (gui/app.py, gui/main_window.py), so the tests run on both.
cheapen_pyside_import_check()
load_pyqtgraph()

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_fresh_python(code: str, *args: str, **env: str | None) -> str:
    """What ``code`` prints, run with ``args`` in a fresh interpreter,
    offscreen, with ``{repo}`` in it standing for the repository. ``env``
    sets environment variables, or takes them away where None; a failure
    raises."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run(
        [sys.executable, "-c", code.format(repo=REPO), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=True,
    ).stdout


@contextmanager
def theme_kept(default_zoom: float | None = None) -> Iterator[Theme]:
    """The shared theme, optionally at ``default_zoom`` as a screen would
    choose it; its palette and zoom put back afterwards."""
    theme = get_theme()
    palette, zoom, default = theme.palette, theme.zoom, theme.default_zoom
    if default_zoom is not None:
        theme.set_default_zoom(default_zoom)
        theme.reset_zoom()
    try:
        yield theme
    finally:
        theme.set_palette(palette)
        theme.set_default_zoom(default)
        theme.set_zoom(zoom)


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    """The window at the projector size, shown, always shut down afterwards
    (out of presentation mode first, if a test entered it)."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    try:
        yield win
    finally:
        win.menus.presentation_mode.leave()
        win.shutdown()
        win.close()
