"""Every job of every run in the session record, as one CSV file.

One row per job, UTF-8, a header line of :data:`CSV_COLUMNS`. The values are
what a spreadsheet can sort and sum: plain numbers, the job's state and
failure kind as their stable values (the same words in every window
language), the reason in the command line's English, and times as ISO 8601
local time with milliseconds and the UTC offset.

The file is made from the record alone, so a test that reads it back proves
the record holds everything a run said.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import TextIO

from workers.failures import Failure
from workers.record.session import JobRecord, RunRecord, SessionRecord
from workers.terms import WorkerRef

#: The header, in column order.
CSV_COLUMNS: tuple[str, ...] = (
    "run",  # the run's ordinal in the session: 1, 2, 3 …
    "experiment",  # "named" or "pool"
    "executor",  # "process", "thread", …
    "start_method",  # "spawn", "forkserver", "fork" or ""
    "name_or_url",  # the process name or the URL, in full
    "worker",  # PID for a process, thread name for a thread, address for Dask
    "pid",
    "state",  # a JobState value
    "failure_kind",  # a FailureKind value, or ""
    "reason",  # one English line, or ""
    "n",  # named: the input
    "n_squared",  # named: the result
    "http_status",  # pool
    "bytes",  # pool: page size (or bytes read before a failure)
    "started",  # ISO 8601 local time with milliseconds and offset
    "finished",
    "duration_s",  # seconds, from the worker's own clock where it measured both
)


def worker_text(worker: WorkerRef | None) -> str:
    """The worker as a spreadsheet cell: PID, thread name or Dask address."""
    # By what the reference holds, not by its kind: nothing outside an
    # executor's own module may branch on which executor ran the job.
    if worker is None:
        return ""
    return worker.address or worker.thread or (str(worker.pid) if worker.pid else worker.name)


def reason_text(failure: Failure | None) -> str:
    """The failure in the command line's English, on one line ("" if none)."""
    if failure is None:
        return ""
    # Imported here: the words belong to the command line, and the record
    # must stay cheap to import for the window too.
    from workers.cli.words import failure_text

    return " ".join(failure_text(failure).split())


def iso_time(record: SessionRecord, t_mono: float | None) -> str:
    """A monotonic time as ISO 8601 local time with milliseconds and offset."""
    if t_mono is None:
        return ""
    stamp = datetime.fromtimestamp(record.wall_time(t_mono), tz=timezone.utc).astimezone()
    return stamp.isoformat(timespec="milliseconds")


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def job_row(record: SessionRecord, run: RunRecord, job: JobRecord) -> dict[str, str]:
    """One job as a row keyed by :data:`CSV_COLUMNS`."""
    duration = job.duration
    return {
        "run": str(run.ordinal),
        "experiment": run.experiment.value,
        "executor": run.executor,
        "start_method": run.start_method,
        "name_or_url": job.label,
        "worker": worker_text(job.worker),
        "pid": _cell(job.pid),
        "state": job.state.value,
        "failure_kind": job.failure.kind.value if job.failure is not None else "",
        "reason": reason_text(job.failure),
        "n": _cell(job.n),
        "n_squared": _cell(job.result),
        "http_status": _cell(job.status),
        "bytes": _cell(job.nbytes),
        "started": iso_time(record, job.started_mono),
        "finished": iso_time(record, job.finished_mono),
        "duration_s": "" if duration is None else f"{duration:.6f}",
    }


def rows(record: SessionRecord) -> Iterator[dict[str, str]]:
    """Every job of every kept run, run by run, in job order."""
    for run in record.runs():
        for job in run.jobs:
            yield job_row(record, run, job)


def write_csv(record: SessionRecord, target: str | os.PathLike[str] | TextIO) -> int:
    """Write the record's jobs as CSV to a path or an open text file; rows written.

    A path is opened as UTF-8 with ``newline=""`` (the csv module writes its
    own line ends); an open file is written as it is and left open.
    """
    if isinstance(target, (str, os.PathLike)):
        with open(target, "w", encoding="utf-8", newline="") as f:
            return _write(record, f)
    return _write(record, target)


def _write(record: SessionRecord, f: TextIO) -> int:
    writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for row in rows(record):
        writer.writerow(row)
        count += 1
    return count


__all__ = ["CSV_COLUMNS", "iso_time", "job_row", "reason_text", "worker_text", "write_csv"]
