"""Folding events into table rows, without Qt: the first terminal event wins."""

from __future__ import annotations

from gui.results.job_rows import JobRow, fold_event
from workers.events import JobCancelled, JobDone, JobKilled, JobStarted, JobSubmitted


def test_a_row_follows_its_job_to_the_end() -> None:
    row = JobRow(1, 0, name="1")
    assert fold_event(row, JobSubmitted(1, job_id=0, label="1", pid=41)) is None
    assert row.pid == 41
    assert fold_event(row, JobStarted(1, job_id=0, label="1", pid=41, t_mono=10.0)) == "running"
    row.state = "running"
    done = JobDone(
        1, job_id=0, label="1", pid=41, started_mono=10.0, finished_mono=10.5, n=1, result=1
    )
    assert fold_event(row, done) == "done"
    assert (row.square, row.duration) == (1, 0.5)


def test_the_first_terminal_event_wins() -> None:
    row = JobRow(1, 0, name="1", state="killed")
    late = JobCancelled(1, job_id=0, label="1", pid=41)
    assert fold_event(row, late) is None
    assert fold_event(row, JobStarted(1, job_id=0, label="1", pid=41)) is None
    assert row.reason == ""


def test_a_killed_row_keeps_the_signal_and_reason() -> None:
    row = JobRow(2, 3, name="4", state="running", started_mono=5.0)
    killed = JobKilled.by_signal(2, 3, "4", 77, 9)
    assert fold_event(row, killed) == "killed"
    assert (row.signal_name, row.reason, row.pid) == ("SIGKILL", "killed by SIGKILL", 77)
