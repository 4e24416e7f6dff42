"""The menu bar's four menus, made with the window: their titles are in its
first frame.

What is in them comes once the window has loaded: the actions of
:mod:`gui.menus` and the settings' items of :mod:`gui.settings_menu`, with
their keys. Opened before then, a menu is empty. Making the actions, and
importing what they need, cost the first paint about 8 ms.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QMainWindow, QMenu

from gui.i18n import keep_translated

#: Each menu's object name and title, in the menu bar's order.
MENUS = (
    ("fileMenu", QT_TRANSLATE_NOOP("Menus", "&File")),
    ("runMenu", QT_TRANSLATE_NOOP("Menus", "&Run")),
    ("viewMenu", QT_TRANSLATE_NOOP("Menus", "&View")),
    ("helpMenu", QT_TRANSLATE_NOOP("Menus", "&Help")),
)


def add_menu_titles(window: QMainWindow) -> dict[str, QMenu]:
    """Add the empty menus to ``window``'s menu bar; they keep their titles
    translated (:func:`gui.i18n.keep_translated`). By object name."""
    bar = window.menuBar()
    menus = {}
    for name, title in MENUS:
        menu = bar.addMenu("")
        menu.setObjectName(name)
        keep_translated(menu, "Menus", title=title)
        menus[name] = menu
    return menus
