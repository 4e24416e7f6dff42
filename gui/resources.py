"""Where Process Lab's resources are: icons, translations, the desktop-entry
template. Qt-free.

``resources/`` sits beside ``gui/`` in every way the app runs: in a source
checkout, in an installed package (``process_lab/app/resources``, beside
``process_lab/app/gui``), and in the frozen app, whose bundle folder
(``sys._MEIPASS``) holds the ``resources/`` the PyInstaller spec copies in.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


RESOURCES_DIR = _resources_dir()
ICONS_DIR = RESOURCES_DIR / "icons"
#: The app's icon; the window's, and the desktop launcher's at any size.
ICON_SVG = ICONS_DIR / "process-lab.svg"
#: The sizes the icon is also drawn at as PNG (``process-lab-<size>.png``),
#: for desktops and docks that do not read SVG.
ICON_PNG_SIZES = (48, 128, 256)
#: Process Lab's translations, ``process_lab_<locale>.qm``.
I18N_DIR = RESOURCES_DIR / "i18n"
#: The desktop launcher, with ``@EXEC@``, ``@TRYEXEC@`` and ``@ICON@`` to fill in.
DESKTOP_TEMPLATE = RESOURCES_DIR / "process-lab.desktop.in"


def icon_png(size: int) -> Path:
    """The icon drawn at ``size`` x ``size`` pixels (one of :data:`ICON_PNG_SIZES`)."""
    return ICONS_DIR / f"process-lab-{size}.png"
