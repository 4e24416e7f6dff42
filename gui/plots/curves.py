"""The CPU graph's data and its curves: mirrored ring buffers, window-bounded curves.

Samples are written into preallocated numpy ring buffers. The buffers are
*mirrored*: every sample is written at ``i`` and at ``i + capacity``, so the
newest ``n`` samples are always one contiguous, chronological slice and the
curves get views, never copies.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from workers.cpu_sampling import MAX_RATE_HZ, CpuSample

WINDOW_S = 60.0  # seconds of history on screen
#: Samples kept (512): a full window at the highest sampler rate, with room
#: for timer jitter, rounded up to a power of two.
CAPACITY = 1 << int(np.ceil(np.log2(WINDOW_S * MAX_RATE_HZ * 1.25)))


class SampleRing:
    """The last :data:`CAPACITY` samples, in mirrored numpy buffers."""

    def __init__(self, cores: int) -> None:
        cap = CAPACITY
        self.cores = cores
        self.t = np.zeros(2 * cap)
        self.total = np.zeros(2 * cap)
        self.children = np.zeros(2 * cap)
        self.children_cpu = np.zeros(2 * cap)
        self.per_core = np.zeros((cores, 2 * cap))
        self._next = 0  # where the next sample goes, 0 <= _next < cap
        self.received = 0  # samples ever received
        self.latest: CpuSample | None = None

    def add(self, sample: CpuSample) -> None:
        cap = CAPACITY
        i = self._next
        both = [i, i + cap]  # the mirrored copies
        self.t[both] = sample.t_mono
        self.total[both] = sample.total
        self.children[both] = sample.children
        self.children_cpu[both] = sample.children_cpu
        m = min(len(sample.per_core), self.cores)  # tolerate a core going offline
        self.per_core[:m, both] = np.asarray(sample.per_core[:m])[:, None]
        self.per_core[m:, both] = 0.0
        self._next = (i + 1) % cap
        self.received += 1
        self.latest = sample

    def window_slice(self) -> tuple[int, int]:
        """The chronological slice [start, end) of the mirrored buffers."""
        n = min(self.received, CAPACITY)
        end = self._next + CAPACITY
        return end - n, end

    def history(self) -> list[CpuSample]:
        """The buffered samples, oldest first."""
        start, end = self.window_slice()
        return [
            CpuSample(
                t_mono=float(self.t[j]),
                total=float(self.total[j]),
                per_core=tuple(float(v) for v in self.per_core[:, j]),
                children=int(self.children[j]),
                children_cpu=float(self.children_cpu[j]),
            )
            for j in range(start, end)
        ]


class WindowCurve(pg.PlotCurveItem):
    """A curve whose bounds are the visible window, not its data.

    pyqtgraph recomputes a curve's bounds from its data (nanmin/nanmax)
    after every setData, and every frame calls setData. The view clips
    everything outside the window anyway, so the window is the right answer
    and costs nothing.
    """

    def __init__(self, y_range: tuple[float, float], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._y_range = y_range

    def set_y_range(self, low: float, high: float) -> None:
        self._y_range = (low, high)
        self.invalidateBounds()
        self.prepareGeometryChange()

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange: object = None) -> tuple:
        if self.xData is None or len(self.xData) == 0:
            return (None, None)
        return (-WINDOW_S, 0.0) if ax == 0 else self._y_range


def window_curve(y_range: tuple[float, float] = (0.0, 100.0)) -> WindowCurve:
    """A curve as the graph draws them: never antialiased (a 3 px line reads
    well without it, and antialiasing cost more than all other curves), and
    skipping the finite check (the buffers only ever hold finite numbers)."""
    return WindowCurve(y_range, antialias=False, skipFiniteCheck=True)
