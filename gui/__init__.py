"""The Process Lab window (Qt). ``workers/`` never imports this package.

``from gui import MainWindow`` works, but Qt is only loaded when the name is
first used, so importing ``gui`` alone stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gui.main_window import MainWindow

__all__ = ["MainWindow"]


def __getattr__(name: str) -> object:
    if name == "MainWindow":
        from gui.main_window import MainWindow

        return MainWindow
    raise AttributeError(f"module 'gui' has no attribute {name!r}")
