"""What stands where the CPU graph goes while the graph is still loading.

The graph needs pyqtgraph and numpy, which take longer to import than the
whole rest of the window takes to appear; the window shows first, with this
in the graph's place, and swaps the graph in a moment later.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtWidgets import QLabel, QWidget

from gui.style.theme import get_theme


class PlotPlaceholder(QLabel):
    """ "Loading the CPU graph…", centred on the graph's background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cpuPlotPlaceholder")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.retranslate_ui()
        get_theme().changed.connect(self._on_theme_changed)
        self._on_theme_changed()

    def retranslate_ui(self) -> None:
        self.setText(self.tr("Loading the CPU graph…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @Slot()
    def _on_theme_changed(self) -> None:
        theme = get_theme()
        self.setFont(theme.font(1.2))
        palette = theme.palette
        self.setStyleSheet(
            f"QLabel#cpuPlotPlaceholder {{ color: {palette.muted_text};"
            f" background: {palette.background}; }}"
        )
