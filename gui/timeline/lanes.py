"""Which lane each job's bar is on, and every bar as numpy arrays.

The timeline lays out the runs in view one under the other, oldest on top,
in the results table's order:

- a **named** run gets one lane per process, labelled with its name,
  whether or not it has started yet (so the run's shape shows at once);
- a **pool** run gets one lane per worker, in the order the workers first
  took a job, from the record's worker identity (a PID, a thread, a Dask
  worker); each job's bar is on the lane of the worker that ran it.

Every job of a laid-out run has a *slot* in flat arrays (start, end,
lane, state), so drawing and hit-testing are numpy operations over all
bars at once, and a batch of changes only writes the slots it touched.
A job has a bar once it has both a start and a lane. Nothing here is Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from gui import words
from gui.results.cells import worker_tooltip
from workers.terms import Experiment, JobState

if TYPE_CHECKING:
    from workers.record.session import JobRecord, RunRecord, SessionRecord

#: The states in the order of their codes in :attr:`LaneLayout.state`.
STATES: tuple[JobState, ...] = tuple(JobState)
STATE_CODE = {state: np.int8(i) for i, state in enumerate(STATES)}


@dataclass
class RunLanes:
    """One run's block of lanes and slots."""

    run: RunRecord
    first_lane: int
    first_slot: int
    labels: list[str] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)
    worker_lane: dict[tuple, int] = field(default_factory=dict)  # pool: worker key -> lane

    @property
    def named(self) -> bool:
        return self.run.experiment is Experiment.NAMED


class LaneLayout:
    """The lanes and bars of the runs in view (see the module docstring)."""

    def __init__(self) -> None:
        self.blocks: list[RunLanes] = []
        self.labels: list[str] = []
        self.tips: list[str] = []
        self._set_size(0)

    def _set_size(self, slots: int) -> None:
        self.start = np.full(slots, np.nan)  # monotonic seconds, NaN: not started
        self.end = np.full(slots, np.nan)  # NaN: not ended
        self.lane = np.full(slots, -1, dtype=np.int32)  # -1: no lane (yet)
        self.state = np.zeros(slots, dtype=np.int8)
        self.slot_run = np.zeros(slots, dtype=np.int32)  # index into blocks
        self.slot_job = np.zeros(slots, dtype=np.int32)

    @property
    def run_ids(self) -> tuple[int, ...]:
        return tuple(b.run.run_id for b in self.blocks)

    # -- building -------------------------------------------------------------

    def build(self, runs: Sequence[RunRecord]) -> None:
        """Lay out ``runs`` (oldest first) from scratch."""
        self.blocks = []
        self.labels, self.tips = [], []
        slots = 0
        for run in runs:
            block = RunLanes(run, len(self.labels), slots)
            if block.named:
                block.labels = [job.label for job in run.jobs]
                block.tips = [worker_tooltip(job.worker) or "" for job in run.jobs]
            else:
                for worker in run.workers():
                    block.worker_lane[worker.key] = len(block.labels)
                    block.labels.append(words.worker_lane_label(worker))
                    block.tips.append(worker_tooltip(worker) or "")
            self.blocks.append(block)
            self.labels += block.labels
            self.tips += block.tips
            slots += len(run.jobs)
        self._set_size(slots)
        for index, block in enumerate(self.blocks):
            first, n = block.first_slot, len(block.run.jobs)
            self.slot_run[first : first + n] = index
            self.slot_job[first : first + n] = np.arange(n)
            for job in block.run.jobs:
                self._write(block, job)

    def update(self, record: SessionRecord, changed: Iterable[tuple[int, int]]) -> bool:
        """Write the jobs that changed; False if a new worker appeared, so the
        lanes must be laid out again (:meth:`build`)."""
        by_run = {b.run.run_id: b for b in self.blocks}
        for run_id, job_id in changed:
            block = by_run.get(run_id)
            if block is None:
                continue
            job = record.job(run_id, job_id)
            if job is None:
                continue
            worker = job.worker
            if not block.named and worker is not None and worker.key not in block.worker_lane:
                return False
            self._write(block, job)
        return True

    def _write(self, block: RunLanes, job: JobRecord) -> None:
        slot = block.first_slot + job.job_id
        self.start[slot] = job.started_mono if job.started_mono is not None else np.nan
        self.end[slot] = job.finished_mono if job.finished_mono is not None else np.nan
        self.state[slot] = STATE_CODE[job.state]
        if block.named:
            lane = block.first_lane + job.job_id
            if job.label and self.labels[lane] != job.label:
                self.labels[lane] = block.labels[job.job_id] = job.label
                self.tips[lane] = worker_tooltip(job.worker) or ""
        elif job.worker is not None and job.worker.key in block.worker_lane:
            lane = block.first_lane + block.worker_lane[job.worker.key]
        else:
            lane = -1
        self.lane[slot] = lane

    # -- reading --------------------------------------------------------------

    def has_bar(self) -> np.ndarray:
        """Which slots have a bar: a start and a lane."""
        return ~np.isnan(self.start) & (self.lane >= 0)

    def job_of(self, slot: int) -> tuple[int, int]:
        """(run_id, job_id) of a slot."""
        return self.blocks[int(self.slot_run[slot])].run.run_id, int(self.slot_job[slot])

    def slot_of(self, run_id: int, job_id: int) -> int | None:
        for block in self.blocks:
            if block.run.run_id == run_id and 0 <= job_id < len(block.run.jobs):
                return block.first_slot + job_id
        return None

    def block_starts(self) -> list[int]:
        """The first lane of every run after the first (where a separator goes)."""
        return [b.first_lane for b in self.blocks[1:]]

    def bars(self) -> list[tuple[int, float, float | None, str]]:
        """(lane, start, end or None, state word) per bar, in slot order."""
        out = []
        for slot in np.nonzero(self.has_bar())[0]:
            end = float(self.end[slot])
            out.append(
                (
                    int(self.lane[slot]),
                    float(self.start[slot]),
                    None if np.isnan(end) else end,
                    STATES[int(self.state[slot])].value,
                )
            )
        return out
