"""The start-up helpers of gui/app.py (the event loop itself is not run here)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gui.app import ICON_PATH, _parse_args, install_translators, zoom_for_screen_height


def test_zoom_follows_the_screen_size() -> None:
    assert zoom_for_screen_height(768) == 1.0  # everything must fit at 1024x768
    assert zoom_for_screen_height(1040) == 1.25  # a 1080p projector, minus a panel
    assert zoom_for_screen_height(1440) == 1.5


def test_zoom_option_is_read_and_other_options_are_left_alone() -> None:
    assert _parse_args(["--zoom", "1.5"]).zoom == 1.5
    assert _parse_args(["--something-else"]).zoom is None


def test_the_icon_exists_and_korean_loads_qt_and_process_lab_catalogues(qtbot: QtBot) -> None:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    assert not QIcon(str(ICON_PATH)).isNull()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        # qtbase_ko by name (qt_ko needs modules PySide6-Essentials lacks).
        assert len(install_translators(app, "ko")) == 2
    finally:
        assert install_translators(app, "en") == []  # English is the source: none
