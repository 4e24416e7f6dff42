"""The lesson's console lines for the events of a run.

The command line prints them; the window's console shows the same lines.
Formatting only: nothing here starts or imports a run. Reasons come from
:mod:`workers.cli.words`; URLs are shown as :func:`~workers.display_text.shown_url`
makes them (cut if huge, invisible characters escaped, no password).
"""

from __future__ import annotations

from collections.abc import Mapping

from workers.cli.words import failure_text
from workers.display_text import shown_url
from workers.events import (
    AsCompletedTimedOut,
    Event,
    JobCancelled,
    JobDone,
    JobEnded,
    JobFailed,
    JobKilled,
    JobStopped,
    RunStarted,
)
from workers.terms import Experiment, WorkerKind

#: An as_completed timeout names at most this many pending jobs.
MAX_PENDING_NAMED = 5


def _pending(event: AsCompletedTimedOut, labels: Mapping[int, str] | None) -> str:
    if not labels:
        return ""
    names = [
        f"'{shown_url(labels.get(job_id, str(job_id)))}'"
        for job_id in event.pending[:MAX_PENDING_NAMED]
    ]
    more = len(event.pending) - len(names)
    if more:
        names.append(f"and {more} more")
    return ": " + ", ".join(names)


def _kind(event: JobEnded) -> str:
    """Run as threads every line has the same PID, and the name is the thread's."""
    worker = event.worker
    return "Thread" if worker is not None and worker.kind is WorkerKind.THREAD else "Process"


def lesson_lines(
    event: Event, experiment: Experiment, labels: Mapping[int, str] | None = None
) -> list[str]:
    """The lesson's console lines for one event (most events print nothing).

    ``labels`` (job id -> process name or URL, from the run's JobSubmitted
    events) lets an as_completed timeout name the jobs still pending.
    """
    named = experiment is Experiment.NAMED
    if isinstance(event, RunStarted) and named:
        return [f"Parent process ID {event.parent_pid}"]
    if isinstance(event, JobDone) and named:
        return [
            f"Process ID: {event.pid}, {_kind(event)} Name: {event.label}",
            f"Result of {event.n} square : {event.result}",
        ]
    if isinstance(event, JobDone):
        return [f"'{shown_url(event.label)}' page is {event.nbytes} bytes"]
    if isinstance(event, JobFailed | JobKilled | JobStopped | JobCancelled):
        reason = failure_text(event.failure)
        if not named:
            return [f"'{shown_url(event.label)}' generated an exception: {reason}"]
        if event.pid:
            return [f"Process ID: {event.pid}, {_kind(event)} Name: {event.label} {reason}"]
        return [f"Process Name: {event.label} {reason}"]
    if isinstance(event, AsCompletedTimedOut):
        return [
            f"as_completed timed out after {event.timeout:g} s with "
            f"{len(event.pending)} futures unfinished{_pending(event, labels)}; "
            "they are reported as they end"
        ]
    return []


__all__ = ["lesson_lines"]
