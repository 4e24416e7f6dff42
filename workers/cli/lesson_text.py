"""The lesson's console lines for the events of a run.

The command line prints them; the window's console shows the same words.
Formatting only: nothing here starts or imports a run.
"""

from __future__ import annotations

from workers.events import (
    AsCompletedTimedOut,
    Event,
    Experiment,
    JobCancelled,
    JobDone,
    JobFailed,
    JobKilled,
    RunStarted,
)


def lesson_lines(event: Event, experiment: Experiment) -> list[str]:
    """The lesson's console lines for one event (most events print nothing)."""
    named = experiment is Experiment.NAMED
    if isinstance(event, RunStarted) and named:
        return [f"Parent process ID {event.parent_pid}"]
    if isinstance(event, JobDone) and named:
        return [
            f"Process ID: {event.pid}, Process Name: {event.label}",
            f"Result of {event.n} square : {event.result}",
        ]
    if isinstance(event, JobDone):
        return [f"'{event.label}' page is {event.nbytes} bytes"]
    if isinstance(event, JobFailed | JobKilled | JobCancelled) and named:
        return [f"Process ID: {event.pid}, Process Name: {event.label} {event.reason}"]
    if isinstance(event, JobFailed | JobKilled | JobCancelled):
        return [f"'{event.label}' generated an exception: {event.reason}"]
    if isinstance(event, AsCompletedTimedOut):
        return [
            f"as_completed timed out after {event.timeout:g} s with "
            f"{len(event.pending)} futures unfinished; they are reported as they end"
        ]
    return []


__all__ = ["lesson_lines"]
