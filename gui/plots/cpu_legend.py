"""The CPU graph's legend: what each line and colour means, under the graph.

It wraps between its entries at high zoom, never inside one, and it knows
how tall it is when wrapped at a width (:meth:`CpuLegend.wrapped_height`),
so the graph can leave it the room. Its words keep the ``CpuPlot``
translation context they always had.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from gui.style.theme import Theme


class CpuLegend(QLabel):
    """The legend of a graph of ``cores`` cores (see the module docstring).
    Its words come with :meth:`restyle`, which its graph calls once made and
    on every change of theme, zoom or language."""

    def __init__(self, cores: int, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cores = cores
        self._theme = theme
        self._wrapped: tuple[int, int] | None = None  # (width, height) last asked
        self.setObjectName("cpuPlotLegend")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)  # at high zoom the legend wraps, never clips
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setContentsMargins(8, 2, 8, 4)

    def restyle(self) -> None:
        """Its words, colours and font, in the current language, theme and zoom."""
        self.setToolTip(
            QCoreApplication.translate(
                "CpuPlot",
                "Child processes: the processes this window started and that are still "
                "alive, not counting multiprocessing's own forkserver and resource tracker.",
            )
        )
        self.setFont(self._theme.font())
        self.setText(self._html())
        self._wrapped = None

    def wrapped_height(self, width: int) -> int:
        """How tall the legend is when it wraps at ``width``. Kept per width:
        QLabel lays its rich text out anew for each question, and layouts ask
        often (45 times on the way to the window's first paint)."""
        if self._wrapped is None or self._wrapped[0] != width:
            self._wrapped = (width, max(self.heightForWidth(width), 0))
        return self._wrapped[1]

    def _html(self) -> str:
        p = self._theme.palette

        def swatch(color: str, glyph: str) -> str:
            return f'<span style="color:{color}; font-weight:bold">{glyph}</span>'

        def words(text: str) -> str:
            # Non-breaking inside an entry: at high zoom the legend wraps
            # between entries, never in the middle of one.
            return html.escape(text).replace(" ", "&nbsp;")

        # Numbered from 1, as the operating system's task manager counts them.
        # The number in the text colour (7:1), its colour in the square beside it.
        cores = " ".join(f"{swatch(p.core_color(k), '■')}{k + 1}" for k in range(self._cores))
        # Translated outside the f-strings: lupdate does not look inside them.
        total = words(QCoreApplication.translate("CpuPlot", "Total (all cores)"))
        cores_word = words(QCoreApplication.translate("CpuPlot", "Cores:"))
        children = words(QCoreApplication.translate("CpuPlot", "Child processes (right axis)"))
        children_cpu = words(QCoreApplication.translate("CpuPlot", "CPU of child processes"))
        parts = [
            f"{swatch(p.cpu_total, '━━')}&nbsp;{total}",
            f"{cores_word}&nbsp;{cores}",
            f"{swatch(p.children, '■')}&nbsp;{children}",
            f"{swatch(p.children_cpu, '━━')}&nbsp;{children_cpu}",
        ]
        sep = "&nbsp;&nbsp;&nbsp; "
        return f'<span style="color:{p.text}">{sep.join(parts)}</span>'
