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

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from workers.cpu_sampling import CpuSample
from workers.events import (
    AsCompletedTimedOut,
    Event,
    Experiment,
    JobState,
    RunFinished,
    RunStarted,
    WorkerRef,
)
from workers.failures import Failure

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

    @property
    def pid(self) -> int | None:
        """The worker's PID, None until a worker is known."""


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

    @property
    def is_finished(self) -> bool: ...

    @property
    def ended(self) -> int:
        """Jobs in a terminal state."""

    @property
    def stopped(self) -> bool:
        """True if Stop ended it (never to be reported as done)."""

    def workers(self) -> list[WorkerRef]:
        """The run's workers in the order they first appeared."""


@dataclass(frozen=True)
class RecordChange:
    """What one :meth:`SessionRecord.apply` changed."""

    events: tuple[Event, ...] = ()  # as applied, in order
    new_runs: tuple[int, ...] = ()  # run ids seen for the first time
    changed_jobs: tuple[tuple[int, int], ...] = ()  # (run_id, job_id), each once, in order
    finished_runs: tuple[int, ...] = ()  # runs whose RunFinished came
    dropped_runs: tuple[int, ...] = ()  # runs dropped to stay within the bounds


class SessionRecord:
    """Every run of one session; see the module docstring."""

    def __init__(
        self,
        max_runs: int = DEFAULT_MAX_RUNS,
        max_jobs: int = DEFAULT_MAX_JOBS,
        max_samples: int = DEFAULT_MAX_SAMPLES,
    ) -> None: ...

    def apply(self, events: Iterable[Event]) -> RecordChange:
        """Fold ``events`` in; the first terminal event of a job wins for good."""

    def add_samples(self, samples: Iterable[CpuSample]) -> None:
        """Keep CPU samples (oldest dropped past ``max_samples``)."""

    def runs(self) -> list[RunRecord]:
        """The kept runs, oldest first."""

    def run(self, run_id: int) -> RunRecord | None: ...

    def job(self, run_id: int, job_id: int) -> JobRecord | None: ...

    def jobs(self) -> Iterator[JobRecord]:
        """Every job of every kept run, run by run, in job order."""

    def cpu_samples(self) -> Sequence[CpuSample]:
        """The kept samples, oldest first."""

    @property
    def dropped_runs(self) -> int:
        """How many runs were dropped to stay within the bounds."""

    def wall_time(self, t_mono: float) -> float:
        """Wall-clock seconds for a monotonic time, for display and export."""
