"""Validation of both experiments' settings: a code and its details, never a
sentence; the command line's words for each code say what to do."""

from __future__ import annotations

import math

import pytest

from workers.cli.words import options_error_text
from workers.executors import DEFAULT_EXECUTOR, executor_names
from workers.options import (
    MAX_POOL_WORKERS,
    WORKLOADS,
    NamedOptions,
    OptionsError,
    OptionsProblem,
    PoolOptions,
    unavailable_error,
)
from workers.os_limits import ABSOLUTE_MAX_PROCESSES, safe_process_limit
from workers.start_method_choices import available_start_methods
from workers.start_methods import context_for

URLS = ("http://127.0.0.1:9/",)  # never fetched: validation only


def _refusal(options: NamedOptions | PoolOptions) -> OptionsError:
    with pytest.raises(OptionsError) as caught:
        options.validate()
    exc = caught.value
    assert isinstance(exc.code, OptionsProblem)
    # Plain values only: the window renders the same details with tr().
    for value in exc.details.values():
        assert isinstance(value, int | float | str | tuple | bool | type(None)), exc.details
    assert exc.code.value in str(exc), "str() is a terse technical form"
    text = options_error_text(exc)
    assert text and "\n" not in text, "one line for people"
    return exc


def _words(exc: OptionsError) -> str:
    return options_error_text(exc)


# -- the named experiment ----------------------------------------------------------


def test_defaults_are_valid() -> None:
    assert NamedOptions().validate() == NamedOptions()
    assert PoolOptions(urls=URLS).validate() == PoolOptions(urls=URLS)
    assert PoolOptions(urls=URLS).executor == DEFAULT_EXECUTOR == "process"


@pytest.mark.parametrize("count", [0, -1])
def test_fewer_than_one_process_is_refused(count: int) -> None:
    exc = _refusal(NamedOptions(processes=count))
    assert (exc.code, exc.details) == (OptionsProblem.TOO_FEW_PROCESSES, {"processes": count})
    assert _words(exc) == f"process count must be at least 1 (got {count})"


def test_more_than_the_absolute_maximum_is_refused_even_with_force() -> None:
    count = ABSOLUTE_MAX_PROCESSES + 1
    exc = _refusal(NamedOptions(processes=count, force=True))
    assert exc.code is OptionsProblem.TOO_MANY_PROCESSES
    assert exc.details == {"processes": count, "limit": ABSOLUTE_MAX_PROCESSES}
    assert _words(exc) == (
        f"{count} processes is more than this app ever starts ({ABSOLUTE_MAX_PROCESSES})"
    )


def test_over_the_safe_limit_needs_force() -> None:
    # The limit depends on free memory, which moves between two readings;
    # ask again if it moved past the count in between.
    for _ in range(3):
        limit, _ = safe_process_limit()
        if limit + 1 > ABSOLUTE_MAX_PROCESSES:
            pytest.skip(f"the safe limit ({limit}) is above the absolute maximum")
        options = NamedOptions(processes=limit + 1)
        try:
            options.validate()
        except OptionsError as caught:
            exc = caught
            break
        assert safe_process_limit()[0] > limit, "over the safe limit, yet allowed"
    else:
        pytest.fail("the safe limit kept moving")
    assert exc.code is OptionsProblem.OVER_SAFE_LIMIT
    assert exc.details["processes"] == limit + 1
    assert exc.details["basis"] in ("cores", "memory")  # says why
    message = _words(exc)
    assert f"{limit + 1} processes is more than this machine safely runs" in message
    assert "--force" in message
    assert "cores" in message or "free memory" in message
    # Allowed (never run here!) once the person insists.
    forced = NamedOptions(processes=limit + 1, force=True)
    assert forced.validate() is forced


def test_backwards_sleep_range_is_refused() -> None:
    exc = _refusal(NamedOptions(sleep_min=3, sleep_max=1))
    assert (exc.code, exc.details) == (
        OptionsProblem.SLEEP_BACKWARDS,
        {"sleep_min": 3, "sleep_max": 1},
    )
    assert _words(exc) == "sleep range is backwards: minimum 3 s is more than maximum 1 s"


@pytest.mark.parametrize(("low", "high"), [(-1, 2), (-2, -1)])
def test_negative_sleep_is_refused(low: float, high: float) -> None:
    exc = _refusal(NamedOptions(sleep_min=low, sleep_max=high))
    assert exc.code is OptionsProblem.SLEEP_NEGATIVE
    assert _words(exc) == "sleep times cannot be negative"


@pytest.mark.parametrize(
    ("low", "high"), [(math.nan, math.nan), (0, math.inf), (-math.inf, 1), (math.nan, 1)]
)
def test_sleep_times_that_are_not_finite_are_refused(low: float, high: float) -> None:
    # NaN passes every comparison, so it used to reach the children and crash them.
    exc = _refusal(NamedOptions(sleep_min=low, sleep_max=high))
    assert exc.code is OptionsProblem.SLEEP_NOT_FINITE
    assert "finite" in _words(exc)


def test_equal_sleep_bounds_and_zero_are_fine() -> None:
    NamedOptions(sleep_min=0, sleep_max=0).validate()
    NamedOptions(sleep_min=2, sleep_max=2).validate()


def test_unknown_workload_is_refused() -> None:
    exc = _refusal(NamedOptions(workload="gpu"))
    assert (exc.code, exc.details) == (
        OptionsProblem.BAD_WORKLOAD,
        {"workload": "gpu", "choices": WORKLOADS},
    )
    assert _words(exc) == f"workload must be one of {', '.join(WORKLOADS)} (got 'gpu')"
    for workload in WORKLOADS:
        NamedOptions(workload=workload).validate()


def test_unknown_start_method_is_refused_for_both() -> None:
    offered = ", ".join(available_start_methods())
    expected = f"start method 'teleport' is not available here (choose one of: {offered})"
    for options in (
        NamedOptions(start_method="teleport"),
        PoolOptions(urls=URLS, start_method="teleport"),
    ):
        exc = _refusal(options)
        assert exc.code is OptionsProblem.BAD_START_METHOD
        assert exc.details["method"] == "teleport"
        assert _words(exc) == expected
    with pytest.raises(OptionsError) as caught:
        context_for("teleport")
    assert caught.value.code is OptionsProblem.BAD_START_METHOD
    for method in available_start_methods():
        NamedOptions(start_method=method).validate()
        PoolOptions(urls=URLS, start_method=method).validate()


# -- the pool experiment --------------------------------------------------------------


@pytest.mark.parametrize("workers", [0, -1, MAX_POOL_WORKERS + 1])
def test_pool_size_out_of_range_is_refused(workers: int) -> None:
    assert MAX_POOL_WORKERS == 61
    exc = _refusal(PoolOptions(urls=URLS, workers=workers))
    assert (exc.code, exc.details) == (
        OptionsProblem.BAD_POOL_SIZE,
        {"workers": workers, "low": 1, "high": 61},
    )
    assert _words(exc) == f"pool size must be between 1 and 61 (got {workers})"


def test_pool_size_bounds_are_allowed() -> None:
    PoolOptions(urls=URLS, workers=1).validate()
    PoolOptions(urls=URLS, workers=MAX_POOL_WORKERS).validate()


def test_no_urls_is_refused() -> None:
    exc = _refusal(PoolOptions())
    assert (exc.code, exc.details) == (OptionsProblem.NO_URLS, {})
    assert _words(exc) == "no URLs to fetch: add at least one"


@pytest.mark.parametrize("timeout", [0, -1, math.nan, math.inf])
def test_bad_fetch_timeout_is_refused(timeout: float) -> None:
    exc = _refusal(PoolOptions(urls=URLS, timeout=timeout))
    assert exc.code is OptionsProblem.BAD_TIMEOUT
    message = _words(exc)
    assert message.startswith("timeout must be more than 0 seconds")
    assert f"(got {timeout})" in message


@pytest.mark.parametrize("timeout", [0, -0.5, math.nan, math.inf])
def test_bad_as_completed_timeout_is_refused(timeout: float) -> None:
    exc = _refusal(PoolOptions(urls=URLS, as_completed_timeout=timeout))
    assert exc.code is OptionsProblem.BAD_AS_COMPLETED_TIMEOUT
    message = _words(exc)
    assert message.startswith("as_completed timeout must be more than 0 seconds")
    assert f"(got {timeout})" in message


def test_small_positive_timeouts_are_fine() -> None:
    PoolOptions(urls=URLS, timeout=0.01, as_completed_timeout=0.01).validate()


def test_page_size_cap_below_one_byte_is_refused() -> None:
    exc = _refusal(PoolOptions(urls=URLS, max_bytes=0))
    assert (exc.code, exc.details) == (OptionsProblem.BAD_MAX_BYTES, {"max_bytes": 0})
    assert _words(exc) == "the page size cap must be at least 1 byte (got 0)"


def test_unknown_executor_is_refused_and_every_known_one_is_fine() -> None:
    exc = _refusal(PoolOptions(urls=URLS, executor="ray"))
    assert exc.code is OptionsProblem.BAD_EXECUTOR
    assert exc.details == {"executor": "ray", "choices": tuple(executor_names())}
    assert _words(exc) == "there is no executor 'ray' (choose one of: process, dask, thread)"
    for name in executor_names():
        if unavailable_error(name) is None:  # dask: only with its extra installed
            PoolOptions(urls=URLS, executor=name).validate()


def test_runs_validate_before_starting_anything() -> None:
    from workers.runs.named_run import NamedProcessRun
    from workers.runs.pool_run import PoolRun

    with pytest.raises(OptionsError):
        NamedProcessRun(NamedOptions(processes=0))
    with pytest.raises(OptionsError):
        PoolRun(PoolOptions())
    with pytest.raises(OptionsError):
        PoolRun(PoolOptions(urls=URLS, executor="ray"))


@pytest.mark.parametrize("niceness", [-1, 20])
def test_niceness_outside_what_unix_allows_is_refused(niceness: int) -> None:
    exc = _refusal(NamedOptions(niceness=niceness))
    assert (exc.code, exc.details) == (
        OptionsProblem.BAD_NICENESS,
        {"niceness": niceness, "low": 0, "high": 19},
    )
    assert _words(exc) == f"niceness must be between 0 and 19 (got {niceness})"


def test_niceness_within_range_is_fine() -> None:
    assert NamedOptions(niceness=19).validate().niceness == 19
