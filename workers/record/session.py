"""The session record: every event of every run folded into runs, jobs and
workers, and the CPU samples beside them. (API; see the docstrings.)

Every view (table, console, status counts, progress bar, timeline,
inspector, comparison) and every exporter reads this record; none keeps a
fold of its own. Events go in through :meth:`SessionRecord.apply`, which
returns a :class:`RecordChange` saying what changed, so a view updates only
that.

Bounded: past ``max_runs`` runs or ``max_jobs`` jobs the oldest *finished*
runs are dropped whole (a run still going is never dropped), and
:attr:`SessionRecord.dropped_runs` counts them so a view can say so once.
CPU samples are kept for ``max_samples`` readings (the oldest go first).

Clocks: every ``*_mono`` is ``time.monotonic()`` (one clock for all
processes of the machine); :meth:`SessionRecord.wall_time` turns one into
wall-clock seconds for display and export.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from workers.cpu_sample import CpuSample
from workers.events import (
    TERMINAL_STATE,
    AsCompletedTimedOut,
    Event,
    JobDone,
    JobEnded,
    JobFailed,
    JobStarted,
    JobSubmitted,
    RunFinished,
    RunStarted,
    RunStopping,
)
from workers.failures import Failure
from workers.terms import Experiment, JobState, WorkerRef

#: Default bounds: a long class, many times over.
DEFAULT_MAX_RUNS = 200
DEFAULT_MAX_JOBS = 200_000
DEFAULT_MAX_SAMPLES = 4 * 60 * 60 * 4  # four hours at 4 Hz


@dataclass(slots=True)
class JobRecord:
    """One job as everything knows it."""

    run_id: int
    job_id: int
    label: str  # the process name ("7") or the URL, in full
    state: JobState = JobState.PENDING
    worker: WorkerRef | None = None
    submitted_mono: float | None = None
    started_mono: float | None = None  # as the worker measured it
    finished_mono: float | None = None
    measured_by: str = ""  # from the terminal event: "worker" or "parent"
    n: int | None = None  # named: the input
    result: int | None = None  # named: n * n
    status: int | None = None  # pool: the HTTP status (also on some failures)
    nbytes: int | None = None  # pool: page size (or bytes read before a failure)
    failure: Failure | None = None  # set for failed, killed, stopped, cancelled

    @property
    def duration(self) -> float | None:
        """Seconds from start to end; None until both are known."""
        if self.started_mono is None or self.finished_mono is None:
            return None
        return max(0.0, self.finished_mono - self.started_mono)

    @property
    def pid(self) -> int | None:
        """The worker's PID, None until a worker is known."""
        return self.worker.pid if self.worker is not None and self.worker.pid else None


@dataclass(slots=True)
class RunRecord:
    """One run: its settings, its jobs (``jobs[job_id]``) and how it ended."""

    run_id: int
    experiment: Experiment
    executor: str
    start_method: str
    total: int
    pool_size: int  # RunStarted.workers (0 for the named experiment)
    parent_pid: int
    settings: dict[str, object]
    started_mono: float
    jobs: list[JobRecord] = field(default_factory=list)
    counts: dict[JobState, int] = field(default_factory=dict)  # every JobState, kept current
    finished: RunFinished | None = None  # set when the run is over
    stopping_mono: float | None = None  # when Stop reached the run (RunStopping), if it did
    as_completed_timeout: AsCompletedTimedOut | None = None
    ordinal: int = 0  # 1, 2, 3 … in the session, for people ("Run 3"); run_id may differ
    _workers: dict[tuple, WorkerRef] = field(default_factory=dict, repr=False)

    @property
    def is_finished(self) -> bool:
        return self.finished is not None

    @property
    def ended(self) -> int:
        """Jobs in a terminal state."""
        return sum(n for state, n in self.counts.items() if state.is_terminal)

    @property
    def stopped(self) -> bool:
        """True if Stop ended it (never to be reported as done)."""
        if self.finished is not None:
            return self.finished.stop_requested
        return self.stopping_mono is not None

    @property
    def finished_mono(self) -> float | None:
        return self.finished.t_mono if self.finished is not None else None

    def workers(self) -> list[WorkerRef]:
        """The run's workers in the order they first appeared."""
        return list(self._workers.values())

    def _note_worker(self, worker: WorkerRef | None) -> None:
        if worker is not None and worker.key not in self._workers:
            self._workers[worker.key] = worker

    def _set_state(self, job: JobRecord, state: JobState) -> None:
        self.counts[job.state] -= 1
        job.state = state
        self.counts[state] += 1


@dataclass(frozen=True)
class RecordChange:
    """What one :meth:`SessionRecord.apply` changed."""

    events: tuple[Event, ...] = ()  # as applied, in order
    new_runs: tuple[int, ...] = ()  # run ids seen for the first time
    changed_jobs: tuple[tuple[int, int], ...] = ()  # (run_id, job_id), each once, in order
    finished_runs: tuple[int, ...] = ()  # runs whose RunFinished came
    stopping_runs: tuple[int, ...] = ()  # runs whose RunStopping came (the first one)
    timed_out_runs: tuple[int, ...] = ()  # runs whose AsCompletedTimedOut came
    dropped_runs: tuple[int, ...] = ()  # runs dropped to stay within the bounds


class SessionRecord:
    """Every run of one session; see the module docstring. Not thread-safe:
    one thread (the window's GUI thread, the command line's loop) owns it."""

    def __init__(
        self,
        max_runs: int = DEFAULT_MAX_RUNS,
        max_jobs: int = DEFAULT_MAX_JOBS,
        max_samples: int = DEFAULT_MAX_SAMPLES,
    ) -> None:
        self.max_runs = max_runs
        self.max_jobs = max_jobs
        self._runs: dict[int, RunRecord] = {}  # in the order runs started
        self._job_count = 0
        self._dropped = 0
        self._ordinals = 0
        self._samples: deque[CpuSample] = deque(maxlen=max_samples)
        self._wall_offset: float | None = None  # t_wall - t_mono, from the first event

    # -- folding ------------------------------------------------------------

    def apply(self, events: Iterable[Event]) -> RecordChange:
        """Fold ``events`` in; the first terminal event of a job wins for good.

        Events of a run whose RunStarted was never seen (or whose run was
        dropped) are ignored.
        """
        applied: list[Event] = []
        new_runs: list[int] = []
        changed: dict[tuple[int, int], None] = {}
        finished: list[int] = []
        stopping: list[int] = []
        timed_out: list[int] = []
        for event in events:
            applied.append(event)
            if self._wall_offset is None:
                self._wall_offset = event.t_wall - event.t_mono
            if isinstance(event, RunStarted):
                if event.run_id not in self._runs:
                    self._start_run(event)
                    new_runs.append(event.run_id)
                continue
            run = self._runs.get(event.run_id)
            if run is None:
                continue
            if isinstance(event, RunFinished):
                if run.finished is None:
                    run.finished = event
                    finished.append(run.run_id)
            elif isinstance(event, RunStopping):
                if run.stopping_mono is None:
                    run.stopping_mono = event.t_mono
                    stopping.append(run.run_id)
            elif isinstance(event, AsCompletedTimedOut):
                run.as_completed_timeout = event
                timed_out.append(run.run_id)
            else:
                job_id = getattr(event, "job_id", None)
                job = run.jobs[job_id] if job_id is not None and 0 <= job_id < run.total else None
                if job is not None and self._fold_job(run, job, event):
                    changed[(run.run_id, job_id)] = None
        dropped = self._enforce_bounds()
        if dropped:
            changed = {key: None for key in changed if key[0] not in dropped}
        return RecordChange(
            events=tuple(applied),
            new_runs=tuple(r for r in new_runs if r not in dropped),
            changed_jobs=tuple(changed),
            finished_runs=tuple(r for r in finished if r not in dropped),
            stopping_runs=tuple(r for r in stopping if r not in dropped),
            timed_out_runs=tuple(r for r in timed_out if r not in dropped),
            dropped_runs=tuple(dropped),
        )

    def _start_run(self, event: RunStarted) -> None:
        self._ordinals += 1
        run = RunRecord(
            run_id=event.run_id,
            experiment=event.experiment,
            executor=event.executor,
            start_method=event.start_method,
            total=event.total,
            pool_size=event.workers,
            parent_pid=event.parent_pid,
            settings=dict(event.settings),
            started_mono=event.t_mono,
            ordinal=self._ordinals,
        )
        run.jobs = [JobRecord(event.run_id, job_id, "") for job_id in range(event.total)]
        run.counts = dict.fromkeys(JobState, 0)
        run.counts[JobState.PENDING] = event.total
        self._runs[event.run_id] = run
        self._job_count += event.total

    def _fold_job(self, run: RunRecord, job: JobRecord, event: Event) -> bool:
        """Apply one job event; True if the job's record changed."""
        if isinstance(event, JobSubmitted):
            job.label = event.label
            job.submitted_mono = event.t_mono
            if event.worker is not None and job.worker is None:
                job.worker = event.worker
                run._note_worker(event.worker)
            return True
        if job.state.is_terminal:
            return False  # the first terminal event won
        if isinstance(event, JobStarted):
            job.label = job.label or event.label
            job.worker = event.worker
            run._note_worker(event.worker)
            if job.started_mono is None:
                job.started_mono = event.t_mono
            if job.state is JobState.PENDING:
                run._set_state(job, JobState.RUNNING)
            return True
        if isinstance(event, JobEnded):
            job.label = job.label or event.label
            if event.worker is not None:
                job.worker = event.worker
                run._note_worker(event.worker)
            if event.started_mono is not None:
                job.started_mono = event.started_mono
            job.finished_mono = event.finished_mono if event.finished_mono else event.t_mono
            job.measured_by = event.measured_by
            if isinstance(event, JobDone):
                job.n, job.result = event.n, event.result
                job.status, job.nbytes = event.status, event.nbytes
            else:
                job.failure = event.failure  # type: ignore[attr-defined]
                if isinstance(event, JobFailed):
                    job.status = event.failure.status or job.status
                    job.nbytes = event.nbytes
            run._set_state(job, TERMINAL_STATE[type(event)])
            return True
        return False

    def _enforce_bounds(self) -> list[int]:
        """Drop the oldest finished runs while over a bound; their ids."""
        dropped: list[int] = []
        while len(self._runs) > self.max_runs or self._job_count > self.max_jobs:
            oldest = next((r for r in self._runs.values() if r.is_finished), None)
            if oldest is None:
                break  # only runs still going: never dropped
            del self._runs[oldest.run_id]
            self._job_count -= oldest.total
            self._dropped += 1
            dropped.append(oldest.run_id)
        return dropped

    # -- samples ------------------------------------------------------------

    def add_samples(self, samples: Iterable[CpuSample]) -> None:
        """Keep CPU samples (oldest dropped past ``max_samples``)."""
        self._samples.extend(samples)

    def cpu_samples(self) -> Sequence[CpuSample]:
        """The kept samples, oldest first."""
        return self._samples

    # -- reading ------------------------------------------------------------

    def runs(self) -> list[RunRecord]:
        """The kept runs, oldest first."""
        return list(self._runs.values())

    def run(self, run_id: int) -> RunRecord | None:
        return self._runs.get(run_id)

    def job(self, run_id: int, job_id: int) -> JobRecord | None:
        run = self._runs.get(run_id)
        if run is None or not 0 <= job_id < len(run.jobs):
            return None
        return run.jobs[job_id]

    def jobs(self) -> Iterator[JobRecord]:
        """Every job of every kept run, run by run, in job order."""
        for run in list(self._runs.values()):
            yield from run.jobs

    @property
    def job_count(self) -> int:
        return self._job_count

    @property
    def dropped_runs(self) -> int:
        """How many runs were dropped to stay within the bounds."""
        return self._dropped

    def wall_time(self, t_mono: float) -> float:
        """Wall-clock seconds for a monotonic time, for display and export."""
        if self._wall_offset is None:
            self._wall_offset = time.time() - time.monotonic()
        return t_mono + self._wall_offset
