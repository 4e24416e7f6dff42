"""pyqtgraph's PlotWidget, made without wrapping Qt's own viewport first.

pyqtgraph's ``GraphicsView.useOpenGL(False)`` asks for the viewport Qt made
(``viewport()``) only to replace it with a plain ``QWidget``. Wrapping a
widget that Python did not make sends PySide6 looking for its exact type,
and on the first such look it creates some 30 kinds of QtWidgets widget
it had not needed yet: about 10 ms on the way to the CPU graph's first
paint, measured in the window's start. :class:`PlotWidget` puts the plain
viewport in directly; with OpenGL it does what pyqtgraph does.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget


class PlotWidget(pg.PlotWidget):
    """``pg.PlotWidget``; see the module docstring."""

    def useOpenGL(self, b: bool = True) -> None:
        if b:
            super().useOpenGL(b)
        else:
            self.setViewport(QWidget())
