"""The graphs' words about runs and jobs: the run key, lane labels, a bar's tooltip."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from gui.words.base import Words, shown_url, state_word
from gui.words.failures import failure_text
from gui.words.runs import run_size
from workers.terms import Experiment, JobState, WorkerKind, WorkerRef

if TYPE_CHECKING:
    from workers.record.session import JobRecord, RunRecord


def run_key_text(run: RunRecord) -> str:
    """What a run's badge number means, e.g. "3 · 100 processes · forkserver · 2.5 s",
    "4 · 8 URLs · 5 threads · running", "5 · 20 processes · spawn · stopped after 1.5 s"."""
    parts = [str(run.ordinal), run_size(run)]
    if run.start_method:
        parts.append(run.start_method)
    finished = run.finished
    if finished is None:
        parts.append(Words.tr("stopping…") if run.stopped else Words.tr("running"))
    elif run.stopped:
        parts.append(
            Words.tr("stopped after {elapsed} s").format(elapsed=f"{finished.elapsed:.1f}")
        )
    else:
        parts.append(Words.tr("{elapsed} s").format(elapsed=f"{finished.elapsed:.1f}"))
    return " · ".join(parts)


_THREAD_NUMBER = re.compile(r"_(\d+)$")


def worker_lane_label(worker: WorkerRef) -> str:
    """A pool worker's lane: "PID 4242", "thread 3", or the Dask worker's name."""
    if worker.kind is WorkerKind.THREAD:
        # ThreadPoolExecutor names its threads "ThreadPoolExecutor-0_3": the
        # number after the underscore tells them apart; the tooltip has the rest.
        match = _THREAD_NUMBER.search(worker.thread)
        if match:
            return Words.tr("thread {n}").format(n=match.group(1))
        return worker.thread or Words.tr("thread")
    if worker.kind is WorkerKind.DASK:
        return worker.name or worker.address
    return Words.tr("PID {pid}").format(pid=worker.pid)


def lanes_title(runs: Sequence[RunRecord]) -> str:
    """The lane axis's title: what one lane is, for the runs laid out."""
    kinds = {"workers" if run.experiment is Experiment.POOL else run.executor for run in runs}
    if kinds == {"process"}:
        return Words.tr("processes")
    if kinds == {"thread"}:  # the named experiment run as threads
        return Words.tr("threads")
    if kinds == {"workers"}:
        return Words.tr("workers")
    return Words.tr("processes / workers")


def _seconds(value: float) -> str:
    return Words.tr("{seconds} s").format(seconds=f"{value:.2f}")


def bar_tooltip(job: JobRecord, run: RunRecord, worker_text: str, now: float) -> str:
    """A bar's tooltip: name, worker, PID, input, result or reason, duration."""
    run_name = Words.tr("Run {run}").format(run=run.ordinal)
    lines = [Words.tr("{run}, {name}").format(run=run_name, name=_name(job, run))]
    lines.append(Words.tr("State: {state}").format(state=state_word(job.state)))
    if worker_text:
        lines.append(Words.tr("Worker: {worker}").format(worker=worker_text))
    if job.pid is not None:
        lines.append(Words.tr("PID: {pid}").format(pid=job.pid))
    if job.n is not None:
        lines.append(Words.tr("Input: {n}").format(n=job.n))
    if job.state is JobState.DONE:
        if job.result is not None:
            lines.append(Words.tr("Result: {result}").format(result=job.result))
        elif job.nbytes is not None:
            lines.append(Words.tr("Result: {nbytes} bytes").format(nbytes=job.nbytes))
    elif job.failure is not None:
        lines.append(Words.tr("Reason: {reason}").format(reason=failure_text(job.failure)))
    if job.started_mono is not None:
        if job.finished_mono is not None:
            took = _seconds(job.finished_mono - job.started_mono)
            lines.append(Words.tr("Duration: {took}").format(took=took))
        else:
            took = _seconds(max(0.0, now - job.started_mono))
            lines.append(Words.tr("Running for {took}").format(took=took))
    return "\n".join(lines)


def _name(job: JobRecord, run: RunRecord) -> str:
    if run.experiment is Experiment.POOL:
        return shown_url(job.label, 80)
    if run.executor == "thread":
        return Words.tr("thread '{name}'").format(name=job.label)
    return Words.tr("process '{name}'").format(name=job.label)


def queue_title() -> str:
    """Above the queue of jobs waiting for a worker."""
    return Words.tr("waiting")
