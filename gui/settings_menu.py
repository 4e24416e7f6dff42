"""The menu items of settings and language: File → Open/Save URL list and
Reset settings, View → Language.

Added to the menus of :mod:`gui.menu_bar`, beside :mod:`gui.menus`' actions,
so that the window's one hook is :func:`add_settings_menu`. Each language is
listed by its own name, as people look for it (English, 한국어); choosing
one changes every word of the window at once (:mod:`gui.i18n`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from gui import i18n
from gui.i18n import keep_translated
from gui.url_file import read_url_file, write_url_file

if TYPE_CHECKING:
    from gui.main_window import MainWindow

CONTEXT = "SettingsMenu"


@dataclass(frozen=True)
class SettingsMenu:
    """The actions, for tests and toolbars."""

    open_urls: QAction
    save_urls: QAction
    reset: QAction
    language_menu: QMenu
    languages: dict[str, QAction]  # by code, checkable


def add_settings_menu(window: MainWindow) -> SettingsMenu:
    """Add the items to ``window``'s File and View menus."""
    file_menu, view_menu = window.top_menus["fileMenu"], window.top_menus["viewMenu"]

    open_urls = QAction(window)
    open_urls.setObjectName("openUrlListAction")
    keep_translated(
        open_urls,
        CONTEXT,
        text=QT_TRANSLATE_NOOP("SettingsMenu", "&Open URL list…"),
        status_tip=QT_TRANSLATE_NOOP(
            "SettingsMenu",
            "Replace the pool's pages with those of a text file: one URL a line, # for a comment",
        ),
    )
    open_urls.triggered.connect(lambda: ask_open_url_list(window))
    save_urls = QAction(window)
    save_urls.setObjectName("saveUrlListAction")
    keep_translated(
        save_urls,
        CONTEXT,
        text=QT_TRANSLATE_NOOP("SettingsMenu", "&Save URL list…"),
        status_tip=QT_TRANSLATE_NOOP(
            "SettingsMenu", "Save the pool's pages as a text file, one URL a line"
        ),
    )
    save_urls.triggered.connect(lambda: ask_save_url_list(window))
    reset = QAction(window)
    reset.setObjectName("resetSettingsAction")
    keep_translated(
        reset,
        CONTEXT,
        text=QT_TRANSLATE_NOOP("SettingsMenu", "Reset settings to &defaults…"),
        status_tip=QT_TRANSLATE_NOOP(
            "SettingsMenu",
            "Every option, the URL list, the zoom, the theme and the language as at first start",
        ),
    )
    reset.triggered.connect(lambda: ask_reset(window))

    # Before the separator above Quit: File → export…, URL lists, reset, Quit.
    actions = file_menu.actions()
    before = next((a for a in reversed(actions) if a.isSeparator()), None)
    file_menu.insertSeparator(before)
    file_menu.insertActions(before, [open_urls, save_urls])
    file_menu.insertSeparator(before)
    file_menu.insertAction(before, reset)

    language_menu = QMenu(view_menu)
    language_menu.setObjectName("languageMenu")
    keep_translated(language_menu, CONTEXT, title=QT_TRANSLATE_NOOP("SettingsMenu", "&Language"))
    group = QActionGroup(language_menu)
    group.setExclusive(True)
    languages: dict[str, QAction] = {}
    for code, name in i18n.LANGUAGES.items():
        action = QAction(name, group)  # its own name, in every language
        action.setObjectName(f"{code}LanguageAction")
        action.setCheckable(True)
        action.triggered.connect(lambda _checked=False, code=code: i18n.set_language(code))
        language_menu.addAction(action)
        languages[code] = action
    view_menu.addSeparator()
    view_menu.addMenu(language_menu)
    _LanguageTicks(language_menu, languages)
    return SettingsMenu(open_urls, save_urls, reset, language_menu, languages)


class _LanguageTicks(QObject):
    """Ticks the language in use, whoever chose it (the menu, Reset, the settings)."""

    def __init__(self, menu: QMenu, languages: dict[str, QAction]) -> None:
        super().__init__(menu)
        self._languages = languages
        menu.aboutToShow.connect(self.show)
        self.show()

    @Slot()
    def show(self) -> None:
        action = self._languages.get(i18n.translations().language)
        if action is not None:
            action.setChecked(True)


# -- what the items do ------------------------------------------------------------------


def ask_open_url_list(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog  # dialogs load when first opened

    path, _ = QFileDialog.getOpenFileName(
        window,
        QCoreApplication.translate("SettingsMenu", "Open URL list"),
        "",
        QCoreApplication.translate("SettingsMenu", "Text files (*.txt);;All files (*)"),
    )
    if path:
        open_url_list(window, path)


def open_url_list(window: MainWindow, path: str) -> bool:
    """Put the URLs of the file at ``path`` in the pool's list; False (and
    one line saying why) when it cannot be read."""
    try:
        urls = read_url_file(path)
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        window.show_error(
            QCoreApplication.translate("SettingsMenu", "Could not read {path}: {reason}").format(
                path=path, reason=reason
            )
        )
        return False
    window.pool_panel.url_editor.set_urls(urls)
    window.show_error("")
    window.statusBar().showMessage(
        QCoreApplication.translate("SettingsMenu", "{count} URLs from {path}").format(
            count=len(urls), path=path
        ),
        10_000,
    )
    return True


def ask_save_url_list(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("SettingsMenu", "Save URL list"),
        "urls.txt",
        QCoreApplication.translate("SettingsMenu", "Text files (*.txt);;All files (*)"),
    )
    if path:
        save_url_list(window, path)


def save_url_list(window: MainWindow, path: str) -> bool:
    """Write the pool's list to ``path``; False (and why) when it cannot be written."""
    try:
        count = write_url_file(path, window.pool_panel.url_editor.urls())
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        window.show_error(
            QCoreApplication.translate("SettingsMenu", "Could not write {path}: {reason}").format(
                path=path, reason=reason
            )
        )
        return False
    window.statusBar().showMessage(
        QCoreApplication.translate("SettingsMenu", "Saved {count} URLs to {path}").format(
            count=count, path=path
        ),
        10_000,
    )
    return True


def ask_reset(window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        window,
        QCoreApplication.translate("SettingsMenu", "Reset settings"),
        QCoreApplication.translate(
            "SettingsMenu",
            "Put every setting back as at first start: both experiments' options, the URL "
            "list, the zoom, the theme, the language and the window's layout?",
        ),
    )
    if answer == QMessageBox.StandardButton.Yes:
        window.settings.reset()
