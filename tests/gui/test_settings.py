"""Settings that stick: the window opened as the app opens it
(gui.app.create_app, then gui.MainWindow) finds what the last one kept, and
a settings file that cannot be read means the defaults and one line, never
a crash. Each test's settings live in a folder of its own (the autouse
``fresh_settings`` fixture points XDG_CONFIG_HOME there)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from gui import MainWindow, i18n
from gui.app import create_app
from gui.settings import PREFIX, open_qsettings
from gui.style.palette import LIGHT
from gui.style.theme import get_theme


def settings_path() -> Path:
    return Path(open_qsettings().fileName())


@pytest.fixture(autouse=True)
def shared_state_back() -> Iterator[None]:
    """The theme and the language are the application's: as they were after."""
    theme = get_theme()
    zoom, default_zoom, palette = theme.zoom, theme.default_zoom, theme.palette
    following = theme.follows_system_scheme
    yield
    i18n.set_language(i18n.SOURCE_LANGUAGE)
    theme.set_palette(palette)
    if following:
        theme.follow_system_scheme()
    theme.set_default_zoom(default_zoom)
    theme.set_zoom(zoom)


def open_window(qtbot: QtBot) -> MainWindow:
    """As gui.app.run_app opens it, complete at once (no staged start)."""
    create_app(["process-lab"])
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def close(window: MainWindow) -> None:
    window.close()  # closeEvent → shutdown → the settings are saved
    window.shutdown()


def test_everything_set_survives_a_restart(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    named, pool = window.named_panel, window.pool_panel
    named.process_count_spin.setValue(42)
    named.sleep_min_spin.setValue(0.5)
    named.sleep_max_spin.setValue(2.0)
    named.workload_combo.setCurrentIndex(named.workload_combo.findData("cpu"))
    named.run_as_combo.setCurrentIndex(named.run_as_combo.findData("threads"))
    methods = [
        named.start_method_combo.itemData(i) for i in range(named.start_method_combo.count())
    ]
    method = "spawn" if "spawn" in methods else methods[0]
    named.start_method_combo.setCurrentIndex(named.start_method_combo.findData(method))
    pool.max_workers_spin.setValue(7)
    pool.executor_combo.setCurrentIndex(pool.executor_combo.findData("thread"))
    pool.timeout_spin.setValue(12.5)
    pool.as_completed_check.setChecked(True)
    pool.as_completed_spin.setValue(2.5)
    pool.verify_tls_check.setChecked(False)
    window.run_controls.keep_runs_check.setChecked(False)
    assert window.demo_site is not None
    demo_page = window.demo_site.url("/pages/1k")
    pool.url_editor.set_urls(["http://example.org/", demo_page, "not a url"])
    theme = get_theme()
    theme.choose_palette("dark")
    theme.set_zoom(1.1)
    i18n.set_language("ko")
    window.resize(780, 560)  # within the offscreen screen (800x600)
    window.show()
    qtbot.waitExposed(window)
    window.main_splitter.setSizes([350, 350])
    kept_sizes = window.main_splitter.sizes()
    kept_size = window.size()
    close(window)

    text = settings_path().read_text(encoding="utf-8")
    assert "version=1" in text and "[v1]" in text
    assert "{demo}/pages/1k" in text  # not this session's port

    # Everything the application holds back to its defaults: what comes
    # back must come from the file.
    theme.set_palette(LIGHT)
    theme.set_zoom(1.0)
    i18n.set_language(i18n.SOURCE_LANGUAGE)

    window = open_window(qtbot)
    try:
        named, pool = window.named_panel, window.pool_panel
        assert named.process_count_spin.value() == 42
        assert (named.sleep_min_spin.value(), named.sleep_max_spin.value()) == (0.5, 2.0)
        assert named.workload_combo.currentData() == "cpu"
        assert named.run_as_combo.currentData() == "threads"
        assert named.start_method_combo.currentData() == method
        assert pool.max_workers_spin.value() == 7
        assert pool.executor_combo.currentData() == "thread"
        assert pool.timeout_spin.value() == 12.5
        assert pool.as_completed_check.isChecked() and pool.as_completed_spin.value() == 2.5
        assert not pool.verify_tls_check.isChecked()
        assert not window.run_controls.keep_runs_check.isChecked()
        assert window.demo_site is not None
        assert pool.url_editor.urls() == [
            "http://example.org/",
            window.demo_site.url("/pages/1k"),  # this session's demo site
            "not a url",  # kept as typed: the run says why it is not fetched
        ]
        assert theme.palette.name == "dark" and not theme.follows_system_scheme
        assert theme.zoom == 1.1
        assert i18n.translations().chosen == "ko"
        assert named.start_button.text() == "프로세스 시작"
        assert window.settings.geometry_restored and window.settings.splitters_restored
        window.show()
        qtbot.waitExposed(window)
        assert window.size() == kept_size
        qtbot.waitUntil(lambda: window.main_splitter.sizes() == kept_sizes, timeout=2000)
        assert window.statusBar().currentMessage() == ""  # nothing to say
    finally:
        close(window)


def test_an_untouched_url_list_is_not_kept(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    defaults = window.pool_panel.url_editor.urls()
    close(window)
    assert f"{PREFIX}pool/urls" not in open_qsettings().allKeys()
    window = open_window(qtbot)
    try:
        assert window.pool_panel.url_editor.urls()[:5] == defaults[:5]
    finally:
        close(window)


def write_settings(content: bytes) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"\x00\xff\xfe garbage \x80\n[[[\n=\n", id="damaged"),
        pytest.param(b"[v1\nnamed/processes=42\n", id="unclosed-section"),
        pytest.param(os.urandom(4096), id="random-bytes"),
        pytest.param(b"[v1]\nnamed/processes=42\n", id="no-version"),
    ],
)
def test_a_corrupt_file_means_the_defaults_and_one_line(qtbot: QtBot, content: bytes) -> None:
    path = write_settings(content)
    window = open_window(qtbot)
    try:
        assert window.named_panel.process_count_spin.value() == 10  # the default
        assert get_theme().zoom == get_theme().default_zoom
        note = window.statusBar().currentMessage()
        assert note.startswith("Settings not read from") and "defaults" in note
        assert "\n" not in note
    finally:
        close(window)
    # The next save keeps the bad file aside and writes a good one.
    assert path.with_name(path.name + ".bad").read_bytes() == content
    assert open_qsettings().value("version") in (1, "1")


def test_an_unreadable_file_is_no_crash(qtbot: QtBot) -> None:
    path = settings_path()
    path.mkdir(parents=True)  # a folder where the file should be
    window = open_window(qtbot)
    try:
        assert "Settings not read from" in window.statusBar().currentMessage()
        assert window.named_panel.process_count_spin.value() == 10
    finally:
        close(window)  # the save fails quietly
    assert path.is_dir()


def test_each_value_is_checked_and_a_bad_one_alone_falls_back(qtbot: QtBot) -> None:
    write_settings(
        b"[General]\nversion=1\n\n[v1]\n"
        b"named/processes=abc\n"
        b"named/sleep_min=0.5\n"
        b"named/workload=juggling\n"
        b"pool/workers=99999\n"
        b"pool/timeout=nan\n"
        b"pool/verify_tls=maybe\n"
        b"pool/as_completed=true\n"
        b"view/zoom=7\n"
        b"view/theme=purple\n"
        b"view/language=tlh\n"
    )
    window = open_window(qtbot)
    try:
        named, pool = window.named_panel, window.pool_panel
        assert named.sleep_min_spin.value() == 0.5  # good: taken
        assert pool.as_completed_check.isChecked()  # good: taken
        assert named.process_count_spin.value() == 10
        assert named.workload_combo.currentData() == "sleep"
        assert pool.max_workers_spin.value() == 5
        assert pool.timeout_spin.value() == 60.0
        assert pool.verify_tls_check.isChecked()
        assert get_theme().zoom == get_theme().default_zoom
        assert i18n.translations().chosen == i18n.SYSTEM
        assert window.statusBar().currentMessage() == ""  # the file itself was fine
    finally:
        close(window)


def test_reset_to_defaults_from_the_menu(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot)
    try:
        window.named_panel.process_count_spin.setValue(77)
        window.pool_panel.url_editor.set_urls(["http://example.org/"])
        get_theme().choose_palette("contrast")
        get_theme().set_zoom(2.0)
        i18n.set_language("ko")
        window.settings.save()
        assert open_qsettings().allKeys()

        asked: list[str] = []

        def yes(_parent: object, title: str, _text: str, *args: object) -> object:
            asked.append(title)
            return QMessageBox.StandardButton.Yes

        monkeypatch.setattr(QMessageBox, "question", yes)
        window.settings_menu.reset.trigger()
        assert asked == ["설정 초기화"]  # asked first, in the window's language
        assert window.named_panel.process_count_spin.value() == 10
        assert window.pool_panel.url_editor.urls() == window.pool_panel.url_editor.defaults()
        assert get_theme().zoom == get_theme().default_zoom
        assert get_theme().follows_system_scheme
        assert i18n.translations().chosen == i18n.SYSTEM
        assert open_qsettings().allKeys() == []
        assert "defaults" in window.statusBar().currentMessage()
    finally:
        close(window)


# -- the URL list as a text file -------------------------------------------------------


def test_the_url_list_saves_to_and_loads_from_a_text_file(qtbot: QtBot, tmp_path: Path) -> None:
    from gui.settings_menu import open_url_list, save_url_list

    window = open_window(qtbot)
    try:
        editor = window.pool_panel.url_editor
        listed = tmp_path / "pages.txt"
        listed.write_text(
            "\ufeff# the lesson's sites\n"
            "http://www.daum.net/\n"
            "\n"
            "   # indented comment\n"
            "  https://example.org/page#part  \n"
            "not a url\n",
            encoding="utf-8",
        )
        assert open_url_list(window, str(listed))
        assert editor.urls() == [
            "http://www.daum.net/",
            "https://example.org/page#part",
            "not a url",
        ]
        assert "3" in window.statusBar().currentMessage()

        saved = tmp_path / "saved.txt"
        assert save_url_list(window, str(saved))
        lines = saved.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("#")
        assert lines[1:] == editor.urls()

        editor.set_urls(["http://other.example/"])
        assert open_url_list(window, str(saved))  # round trip
        assert editor.urls() == [
            "http://www.daum.net/",
            "https://example.org/page#part",
            "not a url",
        ]
    finally:
        close(window)


def test_a_url_file_that_cannot_be_read_or_written_says_why(qtbot: QtBot, tmp_path: Path) -> None:
    from gui.settings_menu import open_url_list, save_url_list

    window = open_window(qtbot)
    try:
        before = window.pool_panel.url_editor.urls()
        assert not open_url_list(window, str(tmp_path / "missing.txt"))
        assert "Could not read" in window.error_label.text()
        binary = tmp_path / "binary.txt"
        binary.write_bytes(b"\xff\xfe\x00\x81")
        assert not open_url_list(window, str(binary))
        assert window.pool_panel.url_editor.urls() == before  # unchanged
        assert not save_url_list(window, str(tmp_path / "no-such-dir" / "urls.txt"))
        assert "Could not write" in window.error_label.text()
    finally:
        close(window)
