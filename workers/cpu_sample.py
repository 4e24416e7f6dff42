"""One reading of the machine's CPU load and of this program's children.

Its own module, without psutil: the CPU graph and the session's record keep
samples, and need not load what reads them (:mod:`workers.cpu_sampling`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CpuSample:
    """One reading of the machine's CPU load and of this program's children."""

    t_mono: float  # time.monotonic() when the reading was taken
    total: float  # whole-machine CPU use, 0-100 % (100 = every core busy)
    per_core: tuple[float, ...]  # each logical core's use, 0-100 %, in psutil's order
    children: int  # live descendant processes, minus multiprocessing's helpers
    #: what all descendants used since the last sample, 0-100 % of the whole
    #: machine (same scale as ``total``), so their share of a spike shows
    children_cpu: float = 0.0
