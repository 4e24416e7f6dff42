"""Runs in words: executors and experiments by name, each run's heading,
summary and markers, the progress bar's text and the window's notes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from gui.words.base import Words, number, shown_url, state_words
from workers.terms import Experiment, JobState

if TYPE_CHECKING:
    from workers.events import AsCompletedTimedOut, RunStopping
    from workers.record.session import RunRecord


def executor_name(name: str) -> str:
    """The pool executor's name for people ("Processes", "Threads")."""
    names = {
        "process": Words.tr("Processes"),
        "thread": Words.tr("Threads"),
        "dask": Words.tr("Dask cluster"),
    }
    return names.get(name, name)


def executor_tip(name: str) -> str:
    tips = {
        "process": Words.tr(
            "ProcessPoolExecutor: each page is fetched in one of a few worker processes."
        ),
        "thread": Words.tr(
            "ThreadPoolExecutor: each page is fetched in a thread of this window's process.\n"
            "Stop cannot end a thread: a page already loading finishes first."
        ),
        "dask": Words.tr(
            "Dask distributed: client.get_executor() runs the same submit and as_completed\n"
            "on the workers of a Dask cluster, started here or reached at its address."
        ),
    }
    return tips.get(name, "")


def experiment_name(experiment: Experiment) -> str:
    return (
        Words.tr("named processes") if experiment is Experiment.NAMED else Words.tr("process pool")
    )


# -- runs -------------------------------------------------------------------------


def run_name(run: RunRecord) -> str:
    """ "Run 3": the run's number in this session."""
    return Words.tr("Run {run}").format(run=run.ordinal)


def run_size(run: RunRecord) -> str:
    """ "100 processes", "10 threads", "8 URLs · 5 threads"."""
    if run.experiment is Experiment.POOL:
        size = Words.tr("1 URL") if run.total == 1 else Words.tr("{n} URLs").format(n=run.total)
        if run.executor == "thread":
            workers = Words.tr("{n} threads").format(n=run.pool_size)
        else:
            workers = Words.tr("{n} workers").format(n=run.pool_size)
        return f"{size} · {workers}"
    if run.executor == "thread":  # the named experiment run as threads
        return (
            Words.tr("1 thread") if run.total == 1 else Words.tr("{n} threads").format(n=run.total)
        )
    return (
        Words.tr("1 process") if run.total == 1 else Words.tr("{n} processes").format(n=run.total)
    )


def run_heading(run: RunRecord) -> str:
    """The console's line as a run starts."""
    if run.experiment is Experiment.POOL:
        text = Words.tr("{run}: fetching {size} ({executor})").format(
            run=run_name(run), size=run_size(run), executor=executor_name(run.executor)
        )
    else:
        text = Words.tr("{run}: starting {size}").format(run=run_name(run), size=run_size(run))
    if run.start_method:
        text += f" ({run.start_method})"
    return f"── {text} ──"


def dashboard_line(run: RunRecord) -> str | None:
    """The console's line with the link to a run's Dask dashboard, if it has one."""
    link = run.settings.get("dashboard")
    return Words.tr("Dask dashboard: {link}").format(link=link) if link else None


def counts_text(counts: Mapping[JobState, int]) -> str:
    """ "11 done, 8 stopped, 81 never started": done always, the rest when not 0."""
    words = state_words()
    # "11 done" in English, "완료 11" in Korean: the order is the language's.
    count_state = Words.tr("{count} {state}")
    parts = []
    for state in (JobState.DONE, JobState.FAILED, JobState.KILLED, JobState.STOPPED):
        if state is JobState.DONE or counts.get(state, 0):
            parts.append(count_state.format(count=counts.get(state, 0), state=words[state]))
    if counts.get(JobState.CANCELLED, 0):
        parts.append(
            count_state.format(count=counts[JobState.CANCELLED], state=words[JobState.CANCELLED])
        )
    for state in (JobState.PENDING, JobState.RUNNING):
        if counts.get(state, 0):
            parts.append(count_state.format(count=counts[state], state=words[state]))
    return ", ".join(parts)


def run_outcome(run: RunRecord) -> str:
    """ "Run 3 stopped after 2.49 s: 11 done, 8 stopped, 81 never started" (no frame)."""
    finished = run.finished
    if finished is None:
        return Words.tr("{run} is running: {counts}").format(
            run=run_name(run), counts=counts_text(run.counts)
        )
    if run.stopped:
        text = Words.tr("{run} stopped after {elapsed} s: {counts}")
    else:
        text = Words.tr("{run} finished in {elapsed} s: {counts}")
    return text.format(
        run=run_name(run), elapsed=f"{finished.elapsed:.2f}", counts=counts_text(run.counts)
    )


def run_summary(run: RunRecord) -> str:
    """The console's line as a run ends, e.g.
    ``── Run 3 stopped after 2.49 s: 11 done, 8 stopped, 81 never started ──``."""
    return f"── {run_outcome(run)} ──"


def stopping_line(run: RunRecord, event: RunStopping) -> str:
    """The console's line when Stop reached a run."""
    if event.can_end_running:
        text = Words.tr("{run}: Stop: ending {n} running, the rest will not start")
    elif event.wait_limit is not None:
        text = Words.tr(
            "{run}: Stop: {n} running cannot be ended and finish on their own "
            "(at most {limit} s); the rest will not start"
        )
    else:
        text = Words.tr("{run}: Stop: {n} running cannot be ended and finish on their own")
    return (
        "── "
        + text.format(run=run_name(run), n=event.running, limit=number(event.wait_limit))
        + " ──"
    )


def timeout_notice(run: RunRecord, event: AsCompletedTimedOut) -> str:
    """The as_completed(timeout=…) experiment's outcome, in one line."""
    labels = [run.jobs[j].label for j in event.pending[:3] if 0 <= j < len(run.jobs)]
    names = ", ".join(shown_url(label, 60) for label in labels)
    if len(event.pending) > 3:
        names += ", …"
    return Words.tr(
        "as_completed(timeout={timeout}) raised TimeoutError with {count} still running "
        "({names}); they are reported as they end."
    ).format(timeout=f"{event.timeout:g}", count=len(event.pending), names=names)


def run_title(run: RunRecord, clock: str) -> str:
    """A run's heading row in the table."""
    parts = [run_name(run), experiment_name(run.experiment), run_size(run)]
    if run.experiment is Experiment.POOL and run.executor != "process":
        parts.append(executor_name(run.executor))
    if run.start_method:
        parts.append(run.start_method)
    parts.append(clock)
    if run.finished is not None:
        parts.append(_short_outcome(run))
    elif run.stopped:
        parts.append(Words.tr("stopping…"))
    return " · ".join(parts)


def _short_outcome(run: RunRecord) -> str:
    """ "100 of 100 done in 1.23 s", "stopped after 2.49 s: 11 done, 8 stopped, …"."""
    finished = run.finished
    assert finished is not None
    elapsed = f"{finished.elapsed:.2f}"
    if run.stopped:
        return Words.tr("stopped after {elapsed} s: {counts}").format(
            elapsed=elapsed, counts=counts_text(run.counts)
        )
    return Words.tr("{done} of {total} done in {elapsed} s").format(
        done=finished.done, total=finished.total, elapsed=elapsed
    )


def run_tooltip(run: RunRecord) -> str:
    text = Words.tr("parent PID {pid}").format(pid=run.parent_pid)
    settings = ", ".join(f"{k}={v}" for k, v in run.settings.items())
    return f"{text} · {settings}" if settings else text


def marker_start_text(run: RunRecord) -> str:
    """The CPU graph's label where a run starts."""
    return Words.tr("{run} start · {size}").format(run=run_name(run), size=run_size(run))


def marker_end_text(run: RunRecord) -> str:
    """The CPU graph's label where a run ends."""
    finished = run.finished
    elapsed = f"{finished.elapsed:.1f}" if finished is not None else "?"
    if run.stopped:
        return Words.tr("{run} stopped · {elapsed} s").format(run=run_name(run), elapsed=elapsed)
    return Words.tr("{run} end · {elapsed} s").format(run=run_name(run), elapsed=elapsed)


# -- progress and notices ------------------------------------------------------------


def progress_text(ended: int, total: int, stopped: bool) -> str:
    """The progress bar's text: ``37 / 100``, or after Stop ``31 of 100 ended, stopped``."""
    if total == 0:
        return Words.tr("No run yet")
    if stopped:
        return Words.tr("{ended} of {total} ended, stopped").format(ended=ended, total=total)
    return Words.tr("{ended} / {total}").format(ended=ended, total=total)


def stopping_notice() -> str:
    return Words.tr("Stopping: ending every running job…")


def dropped_runs_notice(kept: int) -> str:
    """Said once, when the record first drops old runs to stay within its bounds."""
    return Words.tr(
        "The oldest runs are being forgotten to keep memory in check; the latest {kept} are kept."
    ).format(kept=kept)


def exported_text(count: int, path: str) -> str:
    return Words.tr("Exported {count} jobs to {path}").format(count=count, path=path)


def export_failed_text(path: str, error: OSError) -> str:
    reason = error.strerror or type(error).__name__
    return Words.tr("Could not write {path}: {reason}").format(path=path, reason=reason)
