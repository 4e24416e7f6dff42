"""What one run measured, for comparing runs: wall time, start-up cost, CPU,
how many workers were alive at once, and how busy each worker was.

Everything comes from the session record (a :class:`RunRecord` and the CPU
samples kept beside it), so the window's comparison panel and the command
line's ``--summary`` say the same. No words here: the command line's are in
:func:`workers.cli.words.run_stats_text`, the window's in its panel.

- *Start-up cost*: from the first worker's start to the last worker's start,
  each worker counted at the first job it began (for the named experiment
  every process or thread is a worker with one job). The mean per worker is
  that span over the gaps between starts (workers - 1): what each further
  process cost to start. The lesson measured 100 processes: fork 0.27 s,
  forkserver 0.45 s, spawn 4.35 s.
- *Peak CPU*: the highest whole-machine reading among the samples that
  overlap the run (a sample covers the time since the one before it).
- *Most alive at once*: a sweep over the workers' lives, each from its first
  job's start to its last job's end.
- *Busy and idle*: per worker, the time spent in its jobs, and the rest of
  the run's span, as MPIRE's worker insights show them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from workers.cpu_sample import CpuSample
from workers.executors import worker_kind_of
from workers.record.session import RunRecord, SessionRecord
from workers.terms import Experiment, WorkerKind, WorkerRef

#: The span one sample covers when there is no earlier one to go by (4 Hz).
DEFAULT_SAMPLE_SPAN_S = 0.25


@dataclass(frozen=True)
class WorkerStats:
    """One worker's share of a run."""

    worker: WorkerRef
    jobs: int  # jobs it began
    first_start: float  # its first job's start (monotonic)
    last_end: float  # its last job's end, or the run's end if one never ended
    busy_s: float  # time in its jobs
    idle_s: float  # the rest of the run's span


@dataclass(frozen=True)
class RunStats:
    """One run's measurements (see the module docstring). None where the run
    gave nothing to measure: no job started, no CPU sample overlapped it."""

    run_id: int
    ordinal: int
    experiment: Experiment
    executor: str  # "process", "thread", …
    start_method: str  # "" for threads
    total: int  # jobs
    pool_size: int  # 0 for the named experiment
    settings: dict[str, object]
    finished: bool
    stopped: bool
    wall_s: float  # RunStarted to RunFinished (to now while it runs)
    started: int  # jobs that began
    startup_s: float | None  # first worker's start to the last one's
    startup_per_worker_s: float | None  # startup_s / (workers - 1)
    peak_cpu: float | None  # 0-100 % of the whole machine
    mean_cpu: float | None
    cores: int | None  # how many cores the samples read
    peak_children: int | None  # most live child processes in a sample
    max_alive: int  # most workers alive at once
    workers: tuple[WorkerStats, ...]  # in the order they first started

    @property
    def busy_s(self) -> float:
        return sum(w.busy_s for w in self.workers)

    @property
    def idle_s(self) -> float:
        return sum(w.idle_s for w in self.workers)

    @property
    def busy_share(self) -> float | None:
        """Busy time over the workers' whole time (0-1); None without workers."""
        whole = self.busy_s + self.idle_s
        return self.busy_s / whole if whole > 0 else None

    @property
    def workload(self) -> str:
        return str(self.settings.get("workload", ""))


def _samples_in(
    samples: Sequence[CpuSample], start: float, end: float
) -> tuple[list[CpuSample], int]:
    """The samples whose span overlaps [start, end], and how many cores they read."""
    if not samples:
        return [], 0
    # Samples are kept in time order; skip to the first one after start.
    first = bisect_right(samples, start, key=lambda s: s.t_mono)
    chosen: list[CpuSample] = []
    for index in range(first, len(samples)):
        sample = samples[index]
        previous = samples[index - 1].t_mono if index else sample.t_mono - DEFAULT_SAMPLE_SPAN_S
        if previous >= end:
            break
        chosen.append(sample)
    cores = len(chosen[-1].per_core) if chosen else len(samples[-1].per_core)
    return chosen, cores


def _max_alive(lives: list[tuple[float, float]]) -> int:
    """Most intervals open at one moment; one ending as another starts is not overlap."""
    edges = sorted([(start, 1) for start, _ in lives] + [(end, -1) for _, end in lives])
    alive = most = 0
    for _, step in edges:  # at equal times the -1 sorts first
        alive += step
        most = max(most, alive)
    return most


def run_stats(
    run: RunRecord, samples: Sequence[CpuSample] = (), now: float | None = None
) -> RunStats:
    """Measure ``run`` (see the module docstring). A run still going is
    measured up to ``now`` (its jobs still running count as busy until then)."""
    start = run.started_mono
    if run.finished is not None:
        end = run.finished.t_mono
    else:
        end = (
            now
            if now is not None
            else max([start, *(j.finished_mono or j.started_mono or start for j in run.jobs)])
        )
    span = max(0.0, end - start)

    busy: dict[tuple, list[float]] = {}  # worker key -> [first start, last end, busy, jobs]
    refs: dict[tuple, WorkerRef] = {}
    started = 0
    for job in run.jobs:
        if job.started_mono is None:
            continue
        started += 1
        job_end = job.finished_mono if job.finished_mono is not None else end
        job_end = max(job.started_mono, job_end)
        # A job's own clock may put its start a hair before the run's.
        duration = max(0.0, min(job_end, end) - max(job.started_mono, start))
        worker = job.worker
        key = worker.key if worker is not None else ("job", job.job_id, "")
        refs.setdefault(key, worker or WorkerRef(_worker_kind(run)))
        entry = busy.setdefault(key, [job.started_mono, job_end, 0.0, 0])
        entry[0] = min(entry[0], job.started_mono)
        entry[1] = max(entry[1], job_end)
        entry[2] += duration
        entry[3] += 1

    workers = tuple(
        sorted(
            (
                WorkerStats(
                    worker=refs[key],
                    jobs=int(jobs),
                    first_start=first,
                    last_end=last,
                    busy_s=min(spent, span),
                    idle_s=max(0.0, span - spent),
                )
                for key, (first, last, spent, jobs) in busy.items()
            ),
            key=lambda w: w.first_start,
        )
    )
    startup_s = per_worker = None
    if workers:
        startup_s = workers[-1].first_start - workers[0].first_start
        if len(workers) > 1:
            per_worker = startup_s / (len(workers) - 1)

    chosen, cores = _samples_in(samples, start, end)
    return RunStats(
        run_id=run.run_id,
        ordinal=run.ordinal,
        experiment=run.experiment,
        executor=run.executor,
        start_method=run.start_method,
        total=run.total,
        pool_size=run.pool_size,
        settings=dict(run.settings),
        finished=run.is_finished,
        stopped=run.stopped,
        wall_s=run.finished.elapsed if run.finished is not None else span,
        started=started,
        startup_s=startup_s,
        startup_per_worker_s=per_worker,
        peak_cpu=max(s.total for s in chosen) if chosen else None,
        mean_cpu=sum(s.total for s in chosen) / len(chosen) if chosen else None,
        cores=cores or None,
        peak_children=max(s.children for s in chosen) if chosen else None,
        max_alive=_max_alive([(w.first_start, w.last_end) for w in workers]),
        workers=workers,
    )


def _worker_kind(run: RunRecord) -> WorkerKind:
    """The kind of worker a run's jobs have, from the workers it has seen
    (for a job whose worker is not known), or else from its executor."""
    known = run.workers()
    return known[0].kind if known else worker_kind_of(run.executor)


def session_stats(record: SessionRecord, finished_only: bool = True) -> list[RunStats]:
    """Every kept run's measurements (the finished ones by default), oldest first."""
    samples = record.cpu_samples()
    return [
        run_stats(run, samples) for run in record.runs() if run.is_finished or not finished_only
    ]


__all__ = ["RunStats", "WorkerStats", "run_stats", "session_stats"]
