"""The results table's rows, grouped by run (no Qt).

A row is one of the session record's own objects: a
:class:`~workers.record.session.RunRecord` for a run's heading row, a
:class:`~workers.record.session.JobRecord` for a job. A :class:`Block` is
one run's contiguous rows in the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workers.terms import JobState

if TYPE_CHECKING:
    from workers.record.session import JobRecord, RunRecord


def is_job(item: object) -> bool:
    """A job row (a JobRecord), not a heading row (a RunRecord)."""
    return hasattr(item, "job_id")


def is_visible(job: JobRecord) -> bool:
    """A job has a row once anything happened to it (submitted, started or ended)."""
    return job.submitted_mono is not None or job.state is not JobState.PENDING


@dataclass(slots=True)
class Block:
    """One run's contiguous rows: its heading (if shown) and its shown jobs."""

    run: RunRecord
    heading: bool
    jobs: list[JobRecord] = field(default_factory=list)  # in display order
    seen: set[int] = field(default_factory=set)  # job ids among ``jobs``

    @property
    def length(self) -> int:
        return len(self.jobs) + (1 if self.heading else 0)

    def rows(self) -> list[RunRecord | JobRecord]:
        return ([self.run] if self.heading else []) + list(self.jobs)
