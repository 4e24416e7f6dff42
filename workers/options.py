"""The settings of each experiment, and their validation.

Validation raises :class:`OptionsError` with a code (:class:`OptionsProblem`)
and the details that code needs, as plain values; never a sentence. The
command line's words for it are in :mod:`workers.cli.words`, the window's
in ``gui/words.py``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum

from workers.executors import DEFAULT_EXECUTOR
from workers.option_limits import (
    DEFAULT_FETCH_TIMEOUT_S,
    DEFAULT_MAX_BYTES,
    MAX_NICENESS,
    MAX_POOL_WORKERS,
    RUN_AS,
    WORKLOADS,
)
from workers.os_limits import (
    ABSOLUTE_MAX_PROCESSES,
    CHILD_MEMORY_BYTES,
    MEMORY_SHARE,
    PROCESSES_PER_CORE,
    cpu_count,
    safe_process_limit,
)
from workers.start_method_choices import available_start_methods


class OptionsProblem(str, Enum):
    """What is wrong with the settings. The comment after each names the
    details :class:`OptionsError` carries with it."""

    TOO_FEW_PROCESSES = "too_few_processes"  # processes
    TOO_MANY_PROCESSES = "too_many_processes"  # processes, limit: the most this app starts
    #: processes, limit, basis ("cores": cores, per_core; "memory": free_bytes)
    OVER_SAFE_LIMIT = "over_safe_limit"
    SLEEP_NOT_FINITE = "sleep_not_finite"  # sleep_min, sleep_max
    SLEEP_NEGATIVE = "sleep_negative"  # sleep_min, sleep_max
    SLEEP_BACKWARDS = "sleep_backwards"  # sleep_min, sleep_max
    BAD_NICENESS = "bad_niceness"  # niceness, low, high
    BAD_WORKLOAD = "bad_workload"  # workload, choices
    NO_URLS = "no_urls"  # (none)
    BAD_POOL_SIZE = "bad_pool_size"  # workers, low, high
    BAD_TIMEOUT = "bad_timeout"  # timeout
    BAD_AS_COMPLETED_TIMEOUT = "bad_as_completed_timeout"  # timeout
    BAD_MAX_BYTES = "bad_max_bytes"  # max_bytes
    BAD_START_METHOD = "bad_start_method"  # method, choices
    BAD_EXECUTOR = "bad_executor"  # executor, choices
    BAD_RUN_AS = "bad_run_as"  # run_as, choices
    #: executor, package: what to install, extra: the pip extra that installs it
    EXECUTOR_NOT_INSTALLED = "executor_not_installed"
    BAD_EXECUTOR_SETTING = "bad_executor_setting"  # executor, setting: one it does not take
    BAD_SCHEDULER = "bad_scheduler"  # scheduler: as given ("local" or tcp://host:port)
    BAD_CLUSTER_SIZE = "bad_cluster_size"  # workers, low, high
    BAD_CONNECT_TIMEOUT = "bad_connect_timeout"  # timeout


class OptionsError(ValueError):
    """Bad settings: ``code`` says what, ``details`` (plain values) by how much.

    ``str()`` is a terse technical form for logs; people get words made from
    the code (:func:`workers.cli.words.options_error_text`).
    """

    def __init__(self, code: OptionsProblem, **details: object) -> None:
        super().__init__(code, details)
        self.code = code
        self.details: dict[str, object] = details

    def __str__(self) -> str:
        filled = ", ".join(f"{key}={value!r}" for key, value in self.details.items())
        return f"{self.code.value}({filled})"


@dataclass(frozen=True)
class NamedOptions:
    """The named-process experiment: N processes named "1".."N"."""

    processes: int = 10
    sleep_min: float = 1.0  # seconds; the lesson sleeps 1-3 s
    sleep_max: float = 3.0
    workload: str = "sleep"  # "sleep" (the lesson) or "cpu" (busy work)
    start_method: str | None = None  # None: the platform default
    force: bool = False  # allow more processes than the safe limit
    seed: int | None = None  # for repeatable sleep times
    niceness: int = 0  # 0-19: children run at this nice level (Unix), lower priority
    run_as: str = "processes"  # one of RUN_AS: a process per job, or a thread per job

    def validate(self) -> NamedOptions:
        problem = OptionsProblem
        if not isinstance(self.processes, int) or self.processes < 1:
            raise OptionsError(problem.TOO_FEW_PROCESSES, processes=self.processes)
        if self.processes > ABSOLUTE_MAX_PROCESSES:
            raise OptionsError(
                problem.TOO_MANY_PROCESSES, processes=self.processes, limit=ABSOLUTE_MAX_PROCESSES
            )
        if not self.force:
            _check_safe_limit(self.processes)
        sleeps = {"sleep_min": self.sleep_min, "sleep_max": self.sleep_max}
        if not (math.isfinite(self.sleep_min) and math.isfinite(self.sleep_max)):
            # NaN slips past every comparison below; NaN or infinity would reach
            # time.sleep() in every child and crash it.
            raise OptionsError(problem.SLEEP_NOT_FINITE, **sleeps)
        if self.sleep_min < 0 or self.sleep_max < 0:
            raise OptionsError(problem.SLEEP_NEGATIVE, **sleeps)
        if self.sleep_min > self.sleep_max:
            raise OptionsError(problem.SLEEP_BACKWARDS, **sleeps)
        if not isinstance(self.niceness, int) or not 0 <= self.niceness <= MAX_NICENESS:
            raise OptionsError(
                problem.BAD_NICENESS, niceness=self.niceness, low=0, high=MAX_NICENESS
            )
        if self.workload not in WORKLOADS:
            raise OptionsError(problem.BAD_WORKLOAD, workload=self.workload, choices=WORKLOADS)
        if self.run_as not in RUN_AS:
            raise OptionsError(problem.BAD_RUN_AS, run_as=self.run_as, choices=RUN_AS)
        check_start_method(self.start_method)
        return self


@dataclass(frozen=True)
class PoolOptions:
    """The pool experiment: fetch each URL in a pool of workers."""

    urls: tuple[str, ...] = field(default_factory=tuple)  # already normalised
    workers: int = 5  # the lesson's max_workers=5
    timeout: float = DEFAULT_FETCH_TIMEOUT_S  # per socket operation, and overall per page
    as_completed_timeout: float | None = None  # the lesson's as_completed(timeout=...)
    verify_tls: bool = True  # False is the lesson's unverified context
    max_bytes: int = DEFAULT_MAX_BYTES
    start_method: str | None = None  # for executors of processes; None: the default
    #: Which executor runs the jobs: a name from workers.executors.executor_names().
    executor: str = DEFAULT_EXECUTOR
    #: The executor's own settings as (name, plain value) pairs, e.g. a Dask
    #: cluster's (("scheduler", "local"), ("workers", 2)); the executor's
    #: plug-in checks them (``ExecutorPlugin.check_settings``) and says which
    #: it takes. Empty: its defaults.
    executor_settings: tuple[tuple[str, object], ...] = ()

    def setting(self, name: str, default: object = None) -> object:
        """One of the executor's own settings, ``default`` if not given."""
        return dict(self.executor_settings).get(name, default)

    def validate(self) -> PoolOptions:
        problem = OptionsProblem
        if not self.urls:
            raise OptionsError(problem.NO_URLS)
        if not isinstance(self.workers, int) or not 1 <= self.workers <= MAX_POOL_WORKERS:
            raise OptionsError(
                problem.BAD_POOL_SIZE, workers=self.workers, low=1, high=MAX_POOL_WORKERS
            )
        # Not just "<= 0": NaN must be refused too, and so must infinity, which
        # the socket layer rejects with an OverflowError in every worker.
        if not 0 < self.timeout < math.inf:
            raise OptionsError(problem.BAD_TIMEOUT, timeout=self.timeout)
        if self.as_completed_timeout is not None and not 0 < self.as_completed_timeout < math.inf:
            raise OptionsError(problem.BAD_AS_COMPLETED_TIMEOUT, timeout=self.as_completed_timeout)
        if self.max_bytes < 1:
            raise OptionsError(problem.BAD_MAX_BYTES, max_bytes=self.max_bytes)
        # Only here: the registry is not needed to import this module.
        from workers.executors import executor_names, get_executor

        if self.executor not in executor_names():
            raise OptionsError(
                problem.BAD_EXECUTOR, executor=self.executor, choices=tuple(executor_names())
            )
        if (missing := unavailable_error(self.executor)) is not None:
            raise missing
        get_executor(self.executor).check_settings(dict(self.executor_settings))
        check_start_method(self.start_method)
        return self


def unavailable_error(executor: str) -> OptionsError | None:
    """Why ``executor`` cannot run here (its optional packages are not
    installed), or None. Cheap: nothing heavy is imported to find out."""
    from workers.executors import get_executor

    missing = get_executor(executor).unavailable()
    if missing is None:
        return None
    return OptionsError(OptionsProblem.EXECUTOR_NOT_INSTALLED, executor=executor, **missing)


def check_start_method(method: str | None) -> None:
    """Raise OptionsError unless ``method`` is None or offered here."""
    if method is not None and method not in available_start_methods():
        raise OptionsError(
            OptionsProblem.BAD_START_METHOD,
            method=method,
            choices=tuple(available_start_methods()),
        )


def _check_safe_limit(processes: int) -> None:
    limit, _ = safe_process_limit()
    if processes <= limit:
        return
    cores = cpu_count()
    if limit == cores * PROCESSES_PER_CORE:
        basis: dict[str, object] = {
            "basis": "cores",
            "cores": cores,
            "per_core": PROCESSES_PER_CORE,
        }
    else:
        # The memory the limit was made from (at least): limit children of
        # CHILD_MEMORY_BYTES each fit in MEMORY_SHARE of it.
        free = int(limit * CHILD_MEMORY_BYTES / MEMORY_SHARE)
        basis = {"basis": "memory", "free_bytes": free}
    raise OptionsError(OptionsProblem.OVER_SAFE_LIMIT, processes=processes, limit=limit, **basis)
