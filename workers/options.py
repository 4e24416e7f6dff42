"""The settings of each experiment, and their validation.

Validation raises :class:`OptionsError` with one line a person can act on;
the command line prints it (exit status 2) and the window shows it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from workers.os_limits import ABSOLUTE_MAX_PROCESSES, safe_process_limit
from workers.start_methods import available_start_methods

WORKLOADS = ("sleep", "cpu")
MAX_NICENESS = 19  # the lowest priority a Unix process can give itself
MAX_POOL_WORKERS = 61  # Windows' limit for ProcessPoolExecutor; also sane here
DEFAULT_FETCH_TIMEOUT_S = 60.0  # the lesson's load_url(url, 60)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a page larger than this is refused


class OptionsError(ValueError):
    """Bad input, described in one line for people."""


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

    def validate(self) -> NamedOptions:
        if not isinstance(self.processes, int) or self.processes < 1:
            raise OptionsError(f"process count must be at least 1 (got {self.processes})")
        if self.processes > ABSOLUTE_MAX_PROCESSES:
            raise OptionsError(
                f"{self.processes} processes is more than this app ever starts "
                f"({ABSOLUTE_MAX_PROCESSES})"
            )
        if not self.force:
            limit, why = safe_process_limit()
            if self.processes > limit:
                raise OptionsError(
                    f"{self.processes} processes is more than this machine safely runs "
                    f"({limit}: {why}); use --force to start them anyway"
                )
        if not (math.isfinite(self.sleep_min) and math.isfinite(self.sleep_max)):
            # NaN slips past every comparison below; NaN or infinity would reach
            # time.sleep() in every child and crash it.
            raise OptionsError("sleep times must be finite numbers of seconds")
        if self.sleep_min < 0 or self.sleep_max < 0:
            raise OptionsError("sleep times cannot be negative")
        if self.sleep_min > self.sleep_max:
            raise OptionsError(
                f"sleep range is backwards: minimum {self.sleep_min} s "
                f"is more than maximum {self.sleep_max} s"
            )
        if not isinstance(self.niceness, int) or not 0 <= self.niceness <= MAX_NICENESS:
            raise OptionsError(
                f"niceness must be between 0 and {MAX_NICENESS} (got {self.niceness})"
            )
        if self.workload not in WORKLOADS:
            raise OptionsError(
                f"workload must be one of {', '.join(WORKLOADS)} (got {self.workload!r})"
            )
        _check_start_method(self.start_method)
        return self


@dataclass(frozen=True)
class PoolOptions:
    """The pool experiment: fetch each URL in a ProcessPoolExecutor."""

    urls: tuple[str, ...] = field(default_factory=tuple)  # already normalised
    workers: int = 5  # the lesson's max_workers=5
    timeout: float = DEFAULT_FETCH_TIMEOUT_S  # per socket operation, and overall per page
    as_completed_timeout: float | None = None  # the lesson's as_completed(timeout=...)
    verify_tls: bool = True  # False is the lesson's unverified context
    max_bytes: int = DEFAULT_MAX_BYTES
    start_method: str | None = None

    def validate(self) -> PoolOptions:
        if not self.urls:
            raise OptionsError("no URLs to fetch: add at least one")
        if not isinstance(self.workers, int) or not 1 <= self.workers <= MAX_POOL_WORKERS:
            raise OptionsError(
                f"pool size must be between 1 and {MAX_POOL_WORKERS} (got {self.workers})"
            )
        # Not just "<= 0": NaN must be refused too, and so must infinity, which
        # the socket layer rejects with an OverflowError in every worker.
        if not 0 < self.timeout < math.inf:
            raise OptionsError(
                f"timeout must be more than 0 seconds and finite (got {self.timeout})"
            )
        if self.as_completed_timeout is not None and not 0 < self.as_completed_timeout < math.inf:
            raise OptionsError(
                "as_completed timeout must be more than 0 seconds and finite "
                f"(got {self.as_completed_timeout})"
            )
        if self.max_bytes < 1:
            raise OptionsError("the page size cap must be at least 1 byte")
        _check_start_method(self.start_method)
        return self


def _check_start_method(method: str | None) -> None:
    if method is not None and method not in available_start_methods():
        raise OptionsError(
            f"start method {method!r} is not available here "
            f"(choose one of: {', '.join(available_start_methods())})"
        )
