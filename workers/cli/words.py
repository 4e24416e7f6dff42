"""The command line's English, all of it in one place.

The engine reports data: job states (:class:`~workers.terms.JobState`),
failures (:class:`~workers.failures.Failure`), settings problems
(:class:`~workers.options.OptionsProblem`) and counts. This module turns
them into words for the terminal; the window makes its own, translated,
from the same codes (``gui/words.py``). A test fails if any state, failure
kind or settings problem has no words here.

``message`` and ``detail`` of a failure are outside text (an exception's or
the OS's own words): they are shown as they are, never parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from http import HTTPStatus

from workers.display_text import shown
from workers.events import RunFinished, RunStarted, RunStopping, signal_name
from workers.failures import Failure, FailureKind
from workers.options import OptionsError, OptionsProblem
from workers.terms import JobState

# -- job states ---------------------------------------------------------------

STATE_WORDS: dict[JobState, str] = {
    JobState.PENDING: "pending",
    JobState.RUNNING: "running",
    JobState.DONE: "done",
    JobState.FAILED: "failed",
    JobState.KILLED: "killed",
    JobState.STOPPED: "stopped",
    JobState.CANCELLED: "cancelled",
}


def state_word(state: JobState) -> str:
    """One word for a job's state, e.g. ``"stopped"``."""
    return STATE_WORDS[JobState(state)]


# -- failures -------------------------------------------------------------------


def _num(value: object) -> str:
    """A number as people write it: ``0.5``, ``60``, ``10``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    return "?" if value is None else str(value)


def _size(nbytes: float | None) -> str:
    """Bytes in the largest unit that divides them exactly, e.g. "20 MiB"."""
    if nbytes is None:
        return "?"
    whole = int(nbytes)
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if whole >= size and whole % size == 0:
            return f"{whole // size} {unit}"
    return f"{whole} bytes"


def _where(f: Failure) -> str:
    """``host:port``, with an IPv6 address in brackets."""
    host = f"[{f.host}]" if ":" in f.host else (f.host or "?")
    return host if f.port is None else f"{host}:{f.port}"


def _exception(f: Failure, fallback: str) -> str:
    """``ValueError: bad thing``, as much as is known."""
    if f.exc_type and f.message:
        return f"{f.exc_type}: {f.message}"
    return f.exc_type or f.message or fallback


def _http(f: Failure) -> str:
    if f.status is None:
        return "HTTP error"
    phrase = f.phrase
    if not phrase and f.status is not None:
        try:
            phrase = HTTPStatus(f.status).phrase
        except ValueError:
            phrase = "error"
    return f"HTTP {f.status} {phrase}".rstrip()


def _exited(f: Failure) -> str:
    if f.exit_code in (0, None):
        return "exited without reporting a result"
    return f"exited with status {f.exit_code} without reporting a result"


def _worker_died(f: Failure) -> str:
    who = f"pool worker {f.pid}" if f.pid else "a pool worker"
    if f.exit_code is not None and f.exit_code < 0:
        return f"{who} was killed by {signal_name(-f.exit_code)}"
    return f"{who} exited with status {_num(f.exit_code)}"


def _killed(f: Failure) -> str:
    # A pid names the pool worker, shared by many jobs, that was killed; a
    # named child's own pid is on its event already.
    signal = f.signal or "a signal"
    return f"pool worker {f.pid} was killed by {signal}" if f.pid else f"killed by {signal}"


_ONLY_WEB = "only http and https pages are fetched"
#: A failure's line is cut (keeping its start and end) beyond this many characters.
MAX_FAILURE_CHARS = 300

#: One line for each kind of failure, from its details.
FAILURE_WORDS: dict[FailureKind, Callable[[Failure], str]] = {
    FailureKind.BLANK_URL: lambda f: "the URL is blank",
    FailureKind.BAD_URL: lambda f: (
        f"not a valid URL: {f.message}" if f.message else "not a valid URL"
    ),
    FailureKind.SCHEME_NOT_ALLOWED: lambda f: f"scheme '{f.scheme}' is not allowed: {_ONLY_WEB}",
    FailureKind.URL_TOO_LONG: lambda f: (
        f"the URL is too long: {_num(f.count)} characters, at most {_num(f.limit)}"
    ),
    FailureKind.CREDENTIALS_REFUSED: lambda f: (
        f"a user name or password in the URL is never sent (host '{f.host}')"
    ),
    FailureKind.HOST_NOT_FOUND: lambda f: f"could not find host '{f.host}'",
    FailureKind.REFUSED: lambda f: f"connection refused by {_where(f)}",
    FailureKind.TIMEOUT: lambda f: f"timed out after {_num(f.limit)} s",
    FailureKind.TLS_CERTIFICATE: lambda f: f"certificate check failed: {f.message or f.host}",
    FailureKind.TLS: lambda f: f"TLS error: {f.message or f.host}",
    FailureKind.NO_ANSWER: lambda f: f"{_where(f)} closed the connection without answering",
    FailureKind.RESET: lambda f: f"connection reset by {_where(f)}",
    FailureKind.CLOSED_EARLY: lambda f: (
        f"connection closed early: got {_num(f.count)} of {_num(f.expected)} bytes"
    ),
    FailureKind.CONNECTION: lambda f: (
        f"connection to {_where(f)} failed: {_exception(f, 'connection error')}"
    ),
    FailureKind.HTTP_STATUS: _http,
    FailureKind.TOO_LARGE: lambda f: f"page is larger than the {_size(f.limit)} cap",
    FailureKind.REDIRECT_SCHEME: lambda f: f"redirect to scheme '{f.scheme}' refused: {_ONLY_WEB}",
    FailureKind.TOO_MANY_REDIRECTS: lambda f: f"too many redirects (more than {_num(f.limit)})",
    FailureKind.START_FAILED: lambda f: (
        f"could not start the process: {f.message or f.exc_type or 'unknown reason'}"
    ),
    FailureKind.CRASHED: lambda f: _exception(f, "the job raised an exception"),
    FailureKind.EXITED: _exited,
    FailureKind.WORKER_DIED: _worker_died,
    FailureKind.POOL_BROKE_AGAIN: lambda f: "the pool broke again while this job was in it",
    FailureKind.LOST: lambda f: (
        f"process {f.pid} vanished and its exit status could not be read"
        if f.pid
        else "the process vanished and its exit status could not be read"
    ),
    FailureKind.SCHEDULER_UNREACHABLE: lambda f: (
        f"could not reach the Dask scheduler at {f.host or '?'} within {_num(f.limit)} s"
        + (f" ({f.message})" if f.message else "")
    ),
    FailureKind.CLUSTER_FAILED: lambda f: (
        f"the Dask cluster could not be started: {_exception(f, 'unknown reason')}"
    ),
    FailureKind.NO_CLUSTER_WORKERS: lambda f: (
        f"the Dask scheduler at {f.host or '?'} has no workers to run the jobs"
    ),
    FailureKind.CLUSTER_WORKER_DIED: lambda f: (
        f"Dask worker {f.host or '?'}{f' (PID {f.pid})' if f.pid else ''} died holding this job"
    ),
    FailureKind.KILLED: _killed,
    FailureKind.STOPPED: lambda f: f"stopped ({f.signal})" if f.signal else "stopped",
    FailureKind.NEVER_STARTED: lambda f: "never started",
    FailureKind.ERROR: lambda f: _exception(f, "unexpected error"),
}


def failure_text(failure: Failure) -> str:
    """One line saying what went wrong, e.g. ``HTTP 404 Not Found``."""
    text = FAILURE_WORDS[FailureKind(failure.kind)](failure)
    # Outside text (a message, a host) may hold newlines, invisible or
    # direction-changing characters, or be huge: one safe line.
    return shown(" ".join(text.split()), MAX_FAILURE_CHARS)


# -- settings -------------------------------------------------------------------


def _choices(d: Mapping[str, object]) -> str:
    choices = d.get("choices")
    return ", ".join(str(c) for c in choices) if isinstance(choices, list | tuple) else ""


def _safe_limit_why(d: Mapping[str, object]) -> str:
    if d.get("basis") == "cores":
        return f"{d.get('cores')} cores x {d.get('per_core')} processes per core"
    free = d.get("free_bytes")
    gib = free / 2**30 if isinstance(free, int | float) else 0.0
    return f"{gib:.1f} GiB of free memory fits about {d.get('limit')} children"


_SECONDS = "must be more than 0 seconds and finite"

#: One line for each settings problem, from its details.
OPTIONS_WORDS: dict[OptionsProblem, Callable[[Mapping[str, object]], str]] = {
    OptionsProblem.TOO_FEW_PROCESSES: lambda d: (
        f"process count must be at least 1 (got {d.get('processes')})"
    ),
    OptionsProblem.TOO_MANY_PROCESSES: lambda d: (
        f"{d.get('processes')} processes is more than this app ever starts ({d.get('limit')})"
    ),
    OptionsProblem.OVER_SAFE_LIMIT: lambda d: (
        f"{d.get('processes')} processes is more than this machine safely runs "
        f"({d.get('limit')}: {_safe_limit_why(d)}); use --force to start them anyway"
    ),
    OptionsProblem.SLEEP_NOT_FINITE: lambda d: "sleep times must be finite numbers of seconds",
    OptionsProblem.SLEEP_NEGATIVE: lambda d: "sleep times cannot be negative",
    OptionsProblem.SLEEP_BACKWARDS: lambda d: (
        f"sleep range is backwards: minimum {_num(d.get('sleep_min'))} s "
        f"is more than maximum {_num(d.get('sleep_max'))} s"
    ),
    OptionsProblem.BAD_NICENESS: lambda d: (
        f"niceness must be between {d.get('low')} and {d.get('high')} (got {d.get('niceness')})"
    ),
    OptionsProblem.BAD_WORKLOAD: lambda d: (
        f"workload must be one of {_choices(d)} (got {d.get('workload')!r})"
    ),
    OptionsProblem.NO_URLS: lambda d: "no URLs to fetch: add at least one",
    OptionsProblem.BAD_POOL_SIZE: lambda d: (
        f"pool size must be between {d.get('low')} and {d.get('high')} (got {d.get('workers')})"
    ),
    OptionsProblem.BAD_TIMEOUT: lambda d: f"timeout {_SECONDS} (got {d.get('timeout')})",
    OptionsProblem.BAD_AS_COMPLETED_TIMEOUT: lambda d: (
        f"as_completed timeout {_SECONDS} (got {d.get('timeout')})"
    ),
    OptionsProblem.BAD_MAX_BYTES: lambda d: (
        f"the page size cap must be at least 1 byte (got {d.get('max_bytes')})"
    ),
    OptionsProblem.BAD_START_METHOD: lambda d: (
        f"start method {d.get('method')!r} is not available here (choose one of: {_choices(d)})"
    ),
    OptionsProblem.BAD_EXECUTOR: lambda d: (
        f"there is no executor {d.get('executor')!r} (choose one of: {_choices(d)})"
    ),
    OptionsProblem.BAD_RUN_AS: lambda d: (
        f"jobs run as one of {_choices(d)} (got {d.get('run_as')!r})"
    ),
    OptionsProblem.EXECUTOR_NOT_INSTALLED: lambda d: (
        f"the {d.get('executor')} executor needs {d.get('package')}, which is not installed: "
        f"pip install .[{d.get('extra')}]"
    ),
    OptionsProblem.BAD_EXECUTOR_SETTING: lambda d: (
        f"the {d.get('executor')} executor has no setting {d.get('setting')!r} "
        "(--scheduler, --dask-workers, --dashboard and --connect-timeout are for "
        "--executor dask)"
    ),
    OptionsProblem.BAD_SCHEDULER: lambda d: (
        f"the scheduler must be 'local' or an address such as tcp://host:8786 "
        f"(got {d.get('scheduler')!r})"
    ),
    OptionsProblem.BAD_CLUSTER_SIZE: lambda d: (
        f"a local Dask cluster has between {d.get('low')} and {d.get('high')} workers "
        f"(got {d.get('workers')})"
    ),
    OptionsProblem.BAD_CONNECT_TIMEOUT: lambda d: (
        f"the connect timeout {_SECONDS} (got {d.get('timeout')})"
    ),
}


def options_error_text(exc: OptionsError) -> str:
    """One line a person can act on, e.g. ``sleep times cannot be negative``."""
    return OPTIONS_WORDS[OptionsProblem(exc.code)](exc.details)


# -- the run ------------------------------------------------------------------------


def _jobs(count: int) -> str:
    return f"{count} running job" if count == 1 else f"{count} running jobs"


def stopping_text(event: RunStopping) -> str:
    """What Stop is doing, e.g. ``Stopping: ending 3 running jobs…``."""
    limit = "" if event.wait_limit is None else f" (at most {_num(event.wait_limit)} s)"
    if event.can_end_running:
        return f"Stopping: ending {_jobs(event.running)}{limit}; the others never start…"
    finish = "finishes on its own" if event.running == 1 else "finish on their own"
    return (
        f"Stopping: the jobs not started are cancelled; {_jobs(event.running)} cannot be "
        f"ended and {finish}{limit}…"
    )


def limits_text(started: RunStarted) -> str | None:
    """What a run's own limits mean, if it has any, e.g. ``the open-file
    limit (256) lets 72 processes run at once; the others wait their turn``."""
    max_alive = started.setting("max_alive")
    if max_alive is None:
        return None
    limit = started.setting("open_file_limit")
    processes = "1 process" if max_alive == 1 else f"{max_alive} processes"
    return (
        f"the open-file limit ({_num(limit)}) lets {processes} run at once; the others wait "
        "their turn (raise it with: ulimit -n 4096)"
    )


def cluster_text(started: RunStarted) -> str | None:
    """Where a run's cluster shows itself, if it does: ``Dask dashboard:
    http://127.0.0.1:40123/status``."""
    link = started.setting("dashboard")
    return f"Dask dashboard: {link}" if link else None


def run_summary(finished: RunFinished, ordinal: int | None = None) -> str:
    """The run's last line, e.g.
    ``── Run 3 stopped after 2.49 s: 11 done, 8 stopped, 81 never started ──``."""
    name = "Run" if ordinal is None else f"Run {ordinal}"
    how = "stopped after" if finished.stop_requested else "finished in"
    counts = [f"{finished.done} done"]
    for count, word in (
        (finished.failed, "failed"),
        (finished.killed, "killed"),
        (finished.stopped, "stopped"),
        (finished.cancelled, "never started"),
    ):
        if count:
            counts.append(f"{count} {word}")
    return f"── {name} {how} {finished.elapsed:.2f} s: {', '.join(counts)} ──"


__all__ = [
    "FAILURE_WORDS",
    "OPTIONS_WORDS",
    "STATE_WORDS",
    "failure_text",
    "limits_text",
    "options_error_text",
    "run_summary",
    "state_word",
    "stopping_text",
]


# -- comparing runs (--summary) ------------------------------------------------------

TYPE_CHECKING = False  # for annotations only: not typing's, nothing more to import
if TYPE_CHECKING:
    from workers.cli.export import FileProblem
    from workers.cpu_sample import CpuSample
    from workers.record.run_stats import RunStats
    from workers.terms import WorkerRef

#: A run's summary lists at most this many workers one by one.
MAX_WORKERS_LISTED = 10


def _duration(seconds: float | None) -> str:
    """``0.27 s``, ``4.4 ms``; ``?`` when not measured."""
    if seconds is None:
        return "?"
    if seconds < 1:
        return f"{seconds * 1000:.3g} ms"
    return f"{seconds:.2f} s"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _worker_words(stats: RunStats) -> tuple[str, str]:
    """What the run's workers are called, one and many."""
    from workers.executors import worker_kind_of
    from workers.terms import Experiment, WorkerKind

    # Nothing started: what its executor's workers are.
    kinds = {w.worker.kind for w in stats.workers} or {worker_kind_of(stats.executor)}
    if kinds == {WorkerKind.THREAD}:
        return "thread", "threads"
    if stats.experiment is Experiment.NAMED:
        return "process", "processes"
    return "worker", "workers"


def _worker_label(worker: WorkerRef) -> str:
    from workers.terms import WorkerKind

    if worker.kind is WorkerKind.THREAD:
        return f"thread {worker.thread or worker.name}"
    if worker.address:  # a cluster's worker, perhaps on another machine
        pid = f", PID {worker.pid}" if worker.pid else ""
        return f"worker {worker.name or '?'} ({worker.address}{pid})"
    if worker.name:
        return f"process {worker.name} (PID {worker.pid})"
    return f"PID {worker.pid}" if worker.pid else worker.address or "?"


def _cores_phrase(count: int | None) -> str:
    if not count:
        return "the machine"
    if count == 1:
        return "one core"
    return "both cores" if count == 2 else f"all {count} cores"


def run_stats_text(stats: RunStats) -> str:
    """A run's measurements as a few lines (``--summary``): wall time,
    start-up cost, CPU, most alive at once, and each worker's busy and idle
    time."""
    from workers.terms import Experiment

    one, many = _worker_words(stats)
    if stats.experiment is Experiment.NAMED:
        size = _plural(stats.total, one, many)
    else:
        size = f"{_plural(stats.total, 'URL', 'URLs')}, {_plural(stats.pool_size, one, many)}"
    how = [stats.start_method] if stats.start_method else [stats.executor]
    if stats.workload:
        how.append(f"workload {stats.workload}")
    lines = [f"── Run {stats.ordinal} summary: {size} ({', '.join(how)}) ──"]
    ended = "Stopped after" if stats.stopped else "Wall time"
    lines.append(f"{ended} {_duration(stats.wall_s)}")
    if stats.startup_s is None:
        lines.append("Start-up: no job started")
    elif stats.startup_per_worker_s is None:
        lines.append(f"Start-up: one {one}, nothing to compare")
    else:
        lines.append(
            f"Start-up: {_duration(stats.startup_s)} from the first {one}'s start to the "
            f"last one's, {_duration(stats.startup_per_worker_s)} per {one}"
        )
    if stats.peak_cpu is None:
        lines.append("CPU: not measured (the run was shorter than one reading)")
    else:
        children = _plural(stats.peak_children or 0, "child process", "child processes")
        alive = f"up to {children} alive" if stats.peak_children else "no child processes"
        lines.append(
            f"Peak CPU {stats.peak_cpu:.0f} % of {_cores_phrase(stats.cores)} "
            f"(mean {stats.mean_cpu or 0:.0f} %), {alive}"
        )
    lines.append(f"Most alive at once: {_plural(stats.max_alive, one, many)}")
    share = stats.busy_share
    if share is not None:
        lines.append(
            f"Busy {share * 100:.0f} % of the {many}' time "
            f"({_duration(stats.busy_s)} busy, {_duration(stats.idle_s)} idle)"
        )
    for worker in stats.workers[:MAX_WORKERS_LISTED]:
        lines.append(
            f"  {_worker_label(worker.worker)}: {_plural(worker.jobs, 'job', 'jobs')}, "
            f"busy {_duration(worker.busy_s)}, idle {_duration(worker.idle_s)}"
        )
    more = len(stats.workers) - MAX_WORKERS_LISTED
    if more > 0:
        lines.append(f"  … and {more} more")
    return "\n".join(lines)


__all__ += ["run_stats_text"]


# -- files and the machine --------------------------------------------------


def file_problem_text(problem: FileProblem) -> str:
    """One line for a file the command line cannot read or write."""
    path, detail = problem.path, problem.detail
    if problem.why == "not_text":
        return f"cannot read {path}: it is not a text file ({detail}); give one URL a line"
    verb = "read" if problem.why == "cannot_read" else "write"
    why = {
        "is_folder": "it is a folder",
        "no_folder": f"there is no folder {detail}",
        "permission": "permission denied",
    }.get(problem.why, detail)
    return f"cannot {verb} {path}: {why}"


def _cores(count: int) -> str:
    if count == 1:
        return "one core"
    return "both cores" if count == 2 else f"all {count} cores"


def peak_cpu_text(samples: list[CpuSample]) -> str:
    """One line: the highest whole-machine load and the most children alive."""
    if not samples:
        return "Peak CPU: not measured (the run ended before the first reading)."
    peak = max(sample.total for sample in samples)
    children = max(sample.children for sample in samples)
    if children == 0:
        alive = "no child processes"
    elif children == 1:
        alive = "up to 1 child alive"
    else:
        alive = f"up to {children} children alive"
    return f"Peak CPU {peak:.0f} % ({_cores(len(samples[-1].per_core))}), {alive}"
