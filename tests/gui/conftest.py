"""Fixtures for the window's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from gui import MainWindow


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    """The window at the projector size, shown, always shut down afterwards."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    qtbot.waitExposed(win)
    try:
        yield win
    finally:
        win.shutdown()
        win.close()
