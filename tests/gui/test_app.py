"""The start-up helpers of gui/app.py (the event loop itself is not run here)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from gui.app import ICON_PATH, install_translators, zoom_argument, zoom_for_screen_height


def test_zoom_follows_the_screen_size() -> None:
    assert zoom_for_screen_height(768) == 1.0  # everything must fit at 1024x768
    assert zoom_for_screen_height(1040) == 1.25  # a 1080p projector, minus a panel
    assert zoom_for_screen_height(1440) == 1.5


def test_zoom_option_is_read_and_other_options_are_left_alone() -> None:
    assert zoom_argument(["--zoom", "1.5"]) == 1.5
    assert zoom_argument(["--zoom=2", "--something-else"]) == 2.0
    assert zoom_argument(["--zo", "1.25"]) == 1.25  # a prefix, as argparse took it
    assert zoom_argument(["--zoom", "1.5", "--zoom", "2"]) == 2.0  # the last one wins
    assert zoom_argument(["--something-else", "x"]) is None
    assert zoom_argument(["--zoomed", "1.5"]) is None  # not a prefix of --zoom


def test_a_zoom_that_is_not_a_number_ends_with_status_2(capsys: pytest.CaptureFixture) -> None:
    for arguments, shown in ((["--zoom", "big"], "'big'"), (["--zoom"], "''")):
        with pytest.raises(SystemExit) as exit_:
            zoom_argument(arguments)
        assert exit_.value.code == 2
        assert f"argument --zoom: invalid float value: {shown}" in capsys.readouterr().err


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
