"""A combo box whose choices are checked before its list first opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QWidget


class CheckedOnOpenCombo(QComboBox):
    """Lists every choice at once and calls ``check`` before its list
    opens, so the choices this machine lacks are greyed out by then.

    Finding out costs an import (a plug-in, ``multiprocessing``) that the
    window's first paint does without: the window checks once it has
    loaded, or here, whichever comes first. ``check`` must be cheap after
    its first call.
    """

    def __init__(self, check: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check

    def showPopup(self) -> None:
        self._check()
        super().showPopup()
