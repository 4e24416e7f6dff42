"""The CPU graph's data and its curves: a growing, bounded sample store; cheap curves.

Samples are written into preallocated numpy arrays, in time order, so any
stretch of time is one contiguous slice and the curves get views, never
copies. The arrays start small and double as the session goes on, up to
:data:`CAPACITY` samples (over two hours at the sampler's usual rate), so
the whole session can be looked back on; past that the oldest quarter is
dropped in one move, which happens once every half hour or so.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from workers.cpu_sample import CpuSample

#: The most samples kept: 2 h 16 min at 4 samples a second.
CAPACITY = 1 << 15
_START = 1 << 10  # room made at first; doubled as needed


class SampleStore:
    """The CPU samples of the session (up to ``capacity``), oldest first."""

    def __init__(self, cores: int, capacity: int = CAPACITY) -> None:
        if capacity < 4:
            raise ValueError(f"capacity must be at least 4, got {capacity!r}")
        self.cores = cores
        self.capacity = capacity
        room = min(_START, capacity)
        self.t = np.zeros(room)
        self.total = np.zeros(room)
        self.children = np.zeros(room)
        self.children_cpu = np.zeros(room)  # % of the machine the children use
        self.per_core = np.zeros((cores, room))
        self.size = 0  # samples held: the first ``size`` entries
        self.received = 0  # samples ever received
        self.latest: CpuSample | None = None

    def add(self, sample: CpuSample) -> None:
        if self.size == len(self.t):
            self._make_room()
        i = self.size
        self.t[i] = sample.t_mono
        self.total[i] = sample.total
        self.children[i] = sample.children
        self.children_cpu[i] = sample.children_cpu
        m = min(len(sample.per_core), self.cores)  # tolerate a core going offline
        self.per_core[:m, i] = sample.per_core[:m]
        self.per_core[m:, i] = 0.0
        self.size += 1
        self.received += 1
        self.latest = sample

    def _make_room(self) -> None:
        room = len(self.t)
        if room < self.capacity:
            grown = min(2 * room, self.capacity)
            self.t = _grown(self.t, grown)
            self.total = _grown(self.total, grown)
            self.children = _grown(self.children, grown)
            self.children_cpu = _grown(self.children_cpu, grown)
            per_core = np.zeros((self.cores, grown))
            per_core[:, :room] = self.per_core
            self.per_core = per_core
            return
        # Full: the oldest quarter goes, in one move of each array.
        drop = self.capacity // 4
        keep = self.size - drop
        for a in (self.t, self.total, self.children, self.children_cpu):
            a[:keep] = a[drop : self.size]
        self.per_core[:, :keep] = self.per_core[:, drop : self.size]
        self.size = keep

    def span(self, t_low: float, t_high: float) -> tuple[int, int]:
        """The slice [start, end) covering ``t_low``..``t_high``, with one
        sample more on each side so lines run to the edges."""
        times = self.t[: self.size]
        start = max(0, int(np.searchsorted(times, t_low)) - 1)
        end = min(self.size, int(np.searchsorted(times, t_high, side="right")) + 1)
        return start, max(start, end)

    def history(self) -> list[CpuSample]:
        """The kept samples, oldest first."""
        return [
            CpuSample(
                t_mono=float(self.t[j]),
                total=float(self.total[j]),
                per_core=tuple(float(v) for v in self.per_core[:, j]),
                children=int(self.children[j]),
                children_cpu=float(self.children_cpu[j]),
            )
            for j in range(self.size)
        ]


def _grown(a: np.ndarray, size: int) -> np.ndarray:
    out = np.zeros(size)
    out[: len(a)] = a
    return out


class WindowCurve(pg.PlotCurveItem):
    """A curve whose bounds are cheap to know.

    pyqtgraph recomputes a curve's bounds from its data (nanmin/nanmax)
    after every setData. The graph never auto-ranges, the x data is sorted
    and the y range is fixed, so the first and last x and that range are the
    right answer and cost nothing.
    """

    def __init__(self, y_range: tuple[float, float], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._y_range = y_range

    def set_y_range(self, low: float, high: float) -> None:
        self._y_range = (low, high)
        self.invalidateBounds()
        self.prepareGeometryChange()

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange: object = None) -> tuple:
        x = self.xData
        if x is None or len(x) == 0:
            return (None, None)
        return (float(x[0]), float(x[-1])) if ax == 0 else self._y_range


def window_curve(y_range: tuple[float, float] = (0.0, 100.0)) -> WindowCurve:
    """A curve as the graph draws them: never antialiased (a 3 px line reads
    well without it, and antialiasing cost more than all other curves), and
    skipping the finite check (the store only ever holds finite numbers)."""
    return WindowCurve(y_range, antialias=False, skipFiniteCheck=True)
