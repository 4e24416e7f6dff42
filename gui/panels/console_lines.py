"""The console's lines for each event: the lesson's own lines, as its
scripts print them (``Process ID: …``, ``Main-Processing Done!``), and the
window's words for what the lesson does not print (a run's heading and
summary, a failure's reason, a stop).

Apart from :mod:`gui.panels.log_view`, the widget: the window's first paint
does without the event classes, and imports this once it has loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui import words
from workers.cli.lesson_text import lesson_lines
from workers.events import (
    AsCompletedTimedOut,
    Event,
    JobCancelled,
    JobDone,
    JobEnded,
    RunFinished,
    RunStarted,
    RunStopping,
)
from workers.terms import Experiment

if TYPE_CHECKING:
    from workers.record.session import RunRecord


def console_lines(event: Event, run: RunRecord) -> list[str]:
    """The console's lines for one event of ``run``."""
    experiment = run.experiment
    named = experiment is Experiment.NAMED
    if isinstance(event, RunStarted):
        dashboard = words.dashboard_line(run)  # a Dask cluster asked to show it
        return [
            words.run_heading(run),
            *([dashboard] if dashboard else []),
            *lesson_lines(event, experiment),
        ]
    if isinstance(event, JobDone):
        return lesson_lines(event, experiment)
    if isinstance(event, JobCancelled):
        return []  # the summary counts them: "81 never started"
    if isinstance(event, JobEnded):
        failure = getattr(event, "failure", None)
        if failure is None:
            return []
        reason = words.failure_text(failure)
        if not named:  # the lesson's line
            return [f"'{words.shown_url(event.label)}' generated an exception: {reason}"]
        if event.pid:  # the same shape as the command line's line
            return [f"Process ID: {event.pid}, Process Name: {event.label} {reason}"]
        return [f"Process Name: {event.label} {reason}"]
    if isinstance(event, RunStopping):
        return [words.stopping_line(run, event)]
    if isinstance(event, AsCompletedTimedOut):
        return [words.timeout_notice(run, event)]
    if isinstance(event, RunFinished):
        lines = []
        if named and not run.stopped:
            lines.append("Main-Processing Done!")  # the lesson's last line, verbatim
        lines.append(words.run_summary(run))
        return lines
    return []
