"""The session record as a Chrome trace (JSON), for Perfetto and chrome://tracing.

One process track per OS process (the app itself, each named process, each
pool worker), one thread track per worker thread; one complete (``"X"``)
event per job that started, on its worker's track; the runs' start, Stop
and end as instant events on the parent's "runs" track; the CPU samples as
counters on the parent.

Times: every ``*_mono`` in the record is ``time.monotonic()``, one clock for
all processes of the machine. ``ts`` is microseconds since the earliest run
start in the record (``otherData`` says so and gives that origin as a wall
time), so the numbers stay small.

A worker runs one job at a time, but a job's start is measured by the
worker and some ends by the parent, so two jobs on one track can overlap by
a hair; each start is clamped to the previous end on its track (the trace
viewers would otherwise nest or drop the slices). Jobs that overlap by more
than :data:`CLAMP_LIMIT_S` really ran side by side (a Dask worker with
several threads) and get a lane of their own instead.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import TextIO

from workers.record.csv_export import iso_time, reason_text, worker_text
from workers.record.session import JobRecord, RunRecord, SessionRecord
from workers.terms import Experiment, WorkerRef

#: Longest slice name; longer URLs are cut (the full one is in the args).
MAX_NAME = 80
#: Overlap on one track up to this is clock noise and clamped away.
CLAMP_LIMIT_S = 0.25
#: The parent's own thread track, for the runs' instant events.
RUNS_TID = 0
#: PIDs for workers known only by a Dask address start here (above Linux's pid_max).
SYNTHETIC_PID_BASE = 5_000_000


def _us(seconds: float) -> float:
    """Seconds as microseconds, rounded to the nanosecond."""
    return round(seconds * 1e6, 3)


def _short(label: str) -> str:
    return label if len(label) <= MAX_NAME else label[: MAX_NAME - 1] + "…"


@dataclass
class _Process:
    """One process track being built."""

    pid: int
    name: str
    sort_index: int
    threads: dict[str, int] = field(default_factory=dict)  # lane name -> tid
    lane_ends: dict[int, float] = field(default_factory=dict)  # tid -> last end (s)

    def tid(self, lane: str) -> int:
        """A small stable tid per lane name (1, 2, …; 0 is the runs track)."""
        if lane not in self.threads:
            self.threads[lane] = len(self.threads) + 1
        return self.threads[lane]


class _TraceBuilder:
    """Lays the record's runs and jobs out on process and thread tracks."""

    def __init__(self, record: SessionRecord) -> None:
        self.record = record
        self.runs = record.runs()
        self.origin = min((run.started_mono for run in self.runs), default=0.0)
        self.horizon = self._latest_time()
        self.processes: dict[object, _Process] = {}  # key -> track
        self.parent_pids = {run.parent_pid for run in self.runs}
        self.events: list[dict] = []

    def _latest_time(self) -> float:
        """The last moment the record knows of, to end slices still running."""
        times = [self.origin]
        for run in self.runs:
            times.append(run.finished_mono or run.started_mono)
            times.extend(j.finished_mono or j.started_mono or 0.0 for j in run.jobs)
        samples = self.record.cpu_samples()
        if samples:
            times.append(samples[-1].t_mono)
        return max(times)

    # -- tracks ---------------------------------------------------------------

    def _process(self, key: object, pid: int, name: str) -> _Process:
        if key not in self.processes:
            self.processes[key] = _Process(pid, name, sort_index=len(self.processes))
        return self.processes[key]

    def _parent(self, pid: int) -> _Process:
        return self._process(("pid", pid), pid, f"Process Lab (parent) {pid}")

    def _worker_track(self, run: RunRecord, worker: WorkerRef | None) -> tuple[_Process, str]:
        """The process track and lane name a job of ``worker`` goes on."""
        if worker is None:
            return self._parent(run.parent_pid), "jobs with no known worker"
        # By what the reference holds, not by its kind (nothing outside an
        # executor's module branches on which executor ran the job): a worker
        # with an address lives on another machine, known by that address.
        if worker.address or not worker.pid:
            key = ("address", worker.address or worker.name)
            pid = worker.pid or SYNTHETIC_PID_BASE + len(self.processes)
            process = self._process(key, pid, f"worker {worker.name or worker.address}")
            return process, worker.thread or "worker"
        if worker.pid in self.parent_pids:
            process = self._parent(worker.pid)
        elif run.experiment is Experiment.NAMED:
            name = worker.name or str(worker.pid)
            process = self._process(("pid", worker.pid), worker.pid, f"named process {name}")
        elif not worker.thread:
            process = self._process(("pid", worker.pid), worker.pid, f"pool worker {worker.pid}")
        else:
            process = self._process(("pid", worker.pid), worker.pid, f"process {worker.pid}")
        return process, worker.thread or "main thread"

    def _lane(self, process: _Process, lane: str, start: float) -> tuple[int, float]:
        """The tid to draw on and the start, clamped past the lane's last job."""
        tid = process.tid(lane)
        extra = 1
        while (end := process.lane_ends.get(tid)) is not None and start < end - CLAMP_LIMIT_S:
            extra += 1  # really side by side: a lane of its own
            tid = process.tid(f"{lane} ({extra})")
        if end is not None:
            start = max(start, end)
        return tid, start

    # -- events ---------------------------------------------------------------

    def build(self) -> list[dict]:
        for run in self.runs:  # the parents' tracks first
            self._run_instants(run, self._parent(run.parent_pid))
        # In the order they started, so each track's lanes fill in time order.
        started = [
            (run, job) for run in self.runs for job in run.jobs if job.started_mono is not None
        ]
        started.sort(key=lambda pair: pair[1].started_mono or 0.0)
        for run, job in started:
            self._job_slice(run, job)
        self._counters()
        body = sorted(self.events, key=lambda e: e["ts"])
        return self._metadata() + body

    def _job_slice(self, run: RunRecord, job: JobRecord) -> None:
        assert job.started_mono is not None
        process, lane = self._worker_track(run, job.worker)
        end = job.finished_mono if job.finished_mono is not None else self.horizon
        tid, start = self._lane(process, lane, job.started_mono)
        end = max(end, start)
        process.lane_ends[tid] = end
        args: dict[str, object] = {
            "run": run.ordinal,
            "job": job.job_id,
            "state": job.state.value,
            "worker": worker_text(job.worker),
            "label": job.label,
            "measured_by": job.measured_by,
        }
        if job.started_mono != start:
            args["clamped_us"] = _us(start - job.started_mono)
        if run.experiment is Experiment.NAMED:
            args.update(n=job.n, result=job.result)
        else:
            args.update(status=job.status, bytes=job.nbytes)
        if job.failure is not None:
            args.update(failure_kind=job.failure.kind.value, reason=reason_text(job.failure))
        self.events.append(
            {
                "ph": "X",
                "name": _short(job.label) or f"job {job.job_id}",
                "cat": run.experiment.value,
                "pid": process.pid,
                "tid": tid,
                "ts": _us(start - self.origin),
                "dur": _us(end - start),
                "args": args,
            }
        )

    def _instant(self, parent: _Process, name: str, t_mono: float, args: dict) -> None:
        self.events.append(
            {
                "ph": "i",
                "s": "t",
                "name": name,
                "cat": "run",
                "pid": parent.pid,
                "tid": RUNS_TID,
                "ts": _us(t_mono - self.origin),
                "args": args,
            }
        )

    def _run_instants(self, run: RunRecord, parent: _Process) -> None:
        label = f"Run {run.ordinal}"
        self._instant(
            parent,
            f"{label} started",
            run.started_mono,
            {
                "run": run.ordinal,
                "experiment": run.experiment.value,
                "executor": run.executor,
                "start_method": run.start_method,
                "jobs": run.total,
                "pool_size": run.pool_size,
                "settings": run.settings,
                "started": iso_time(self.record, run.started_mono),
            },
        )
        if run.stopping_mono is not None:
            self._instant(parent, f"{label}: Stop", run.stopping_mono, {"run": run.ordinal})
        if run.as_completed_timeout is not None:
            timeout = run.as_completed_timeout
            self._instant(
                parent,
                f"{label}: as_completed timed out",
                timeout.t_mono,
                {"run": run.ordinal, "timeout": timeout.timeout, "pending": len(timeout.pending)},
            )
        if run.finished is not None:
            end = run.finished
            self._instant(
                parent,
                f"{label} {'stopped' if run.stopped else 'finished'}",
                end.t_mono,
                {
                    "run": run.ordinal,
                    "counts": {state.value: n for state, n in run.counts.items()},
                    "elapsed_s": end.elapsed,
                    "stop_requested": end.stop_requested,
                    "finished": iso_time(self.record, end.t_mono),
                },
            )

    def _counters(self) -> None:
        """CPU samples as counters on the (first) parent's process track."""
        if not self.runs:
            return
        pid = self.runs[0].parent_pid
        for sample in self.record.cpu_samples():
            if sample.t_mono < self.origin:
                continue  # before the first run: nothing to compare with
            ts = _us(sample.t_mono - self.origin)
            cores = {f"core {i}": round(p, 1) for i, p in enumerate(sample.per_core)}
            self.events.append({"ph": "C", "name": "CPU %", "pid": pid, "ts": ts, "args": cores})
            children = {"n": sample.children}
            self.events.append(
                {"ph": "C", "name": "children alive", "pid": pid, "ts": ts, "args": children}
            )

    def _metadata(self) -> list[dict]:
        meta: list[dict] = []
        for process in self.processes.values():
            pid = process.pid
            meta.append(_meta("process_name", pid, 0, name=process.name))
            meta.append(_meta("process_sort_index", pid, 0, sort_index=process.sort_index))
            if pid in self.parent_pids:
                meta.append(_meta("thread_name", pid, RUNS_TID, name="runs"))
                meta.append(_meta("thread_sort_index", pid, RUNS_TID, sort_index=RUNS_TID))
            for lane, tid in process.threads.items():
                meta.append(_meta("thread_name", pid, tid, name=lane))
                meta.append(_meta("thread_sort_index", pid, tid, sort_index=tid))
        return meta


def _meta(kind: str, pid: int, tid: int, **args: object) -> dict:
    return {"ph": "M", "name": kind, "pid": pid, "tid": tid, "ts": 0, "args": args}


def trace_events(record: SessionRecord) -> list[dict]:
    """The record as Chrome trace events: metadata first, then by time."""
    return _TraceBuilder(record).build()


def trace_document(record: SessionRecord) -> dict:
    """The whole JSON object: events, display unit and what the times mean."""
    runs = record.runs()
    origin = min((run.started_mono for run in runs), default=None)
    return {
        "traceEvents": trace_events(record),
        "displayTimeUnit": "ms",
        "otherData": {
            "generator": "Process Lab",
            "clock": "time.monotonic(), one clock for every process of the machine",
            "ts": "microseconds since the earliest run start in this trace",
            "origin_monotonic_s": origin if origin is not None else "",
            "origin_local_time": iso_time(record, origin) if origin is not None else "",
            "runs": len(runs),
            "dropped_runs": record.dropped_runs,
        },
    }


def write_trace(record: SessionRecord, target: str | os.PathLike[str] | TextIO) -> None:
    """Write :func:`trace_document` as JSON (UTF-8) to a path or an open text file."""
    document = trace_document(record)
    if isinstance(target, (str, os.PathLike)):
        with open(target, "w", encoding="utf-8") as f:
            json.dump(document, f, ensure_ascii=False, default=str)
    else:
        json.dump(document, target, ensure_ascii=False, default=str)


__all__ = ["trace_document", "trace_events", "write_trace"]
