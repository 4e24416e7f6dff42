"""Why Start was refused, in words: one line per
:class:`~workers.options.OptionsProblem`, from the error's details."""

from __future__ import annotations

from collections.abc import Mapping

from gui.words.base import Words, number, shown


def options_formats() -> dict[str, str]:
    """Why the options were refused, per ``OptionsProblem`` value, with the
    error's ``details`` as placeholders."""
    return {
        "too_few_processes": Words.tr("the process count must be at least 1 (it is {processes})"),
        "too_many_processes": Words.tr(
            "{processes} processes is more than this app ever starts ({limit})"
        ),
        "over_safe_limit": Words.tr(
            "{processes} processes is more than this machine safely runs ({limit}: {why})"
        ),
        "sleep_not_finite": Words.tr("the sleep times must be finite numbers of seconds"),
        "sleep_negative": Words.tr("the sleep times cannot be negative"),
        "sleep_backwards": Words.tr(
            "the sleep range is backwards: the minimum {sleep_min} s is more than "
            "the maximum {sleep_max} s"
        ),
        "bad_niceness": Words.tr(
            "the niceness must be between {low} and {high} (it is {niceness})"
        ),
        "bad_workload": Words.tr("there is no workload '{workload}' (choose one of: {choices})"),
        "no_urls": Words.tr("no URLs to fetch: add at least one"),
        "bad_pool_size": Words.tr(
            "the pool size must be between {low} and {high} (it is {workers})"
        ),
        "bad_timeout": Words.tr(
            "the timeout must be more than 0 seconds and finite (it is {timeout})"
        ),
        "bad_as_completed_timeout": Words.tr(
            "the as_completed timeout must be more than 0 seconds and finite (it is {timeout})"
        ),
        "bad_max_bytes": Words.tr(
            "the page size limit must be at least 1 byte (it is {max_bytes})"
        ),
        "bad_start_method": Words.tr(
            "the start method '{method}' is not available here (choose one of: {choices})"
        ),
        "bad_executor": Words.tr("there is no executor '{executor}' (choose one of: {choices})"),
        "bad_run_as": Words.tr("jobs cannot run as '{run_as}' (choose one of: {choices})"),
        "executor_not_installed": Words.tr(
            "this needs {package}, which is not installed: pip install .[{extra}]"
        ),
        "bad_executor_setting": Words.tr("the {executor} executor has no setting '{setting}'"),
        "bad_scheduler": Words.tr(
            "the scheduler must be 'local' or an address such as tcp://host:8786 "
            "(it is '{scheduler}')"
        ),
        "bad_cluster_size": Words.tr(
            "a local Dask cluster has between {low} and {high} workers (it is {workers})"
        ),
        "bad_connect_timeout": Words.tr(
            "the connect timeout must be more than 0 seconds and finite (it is {timeout})"
        ),
    }


def _safe_limit_why(details: Mapping[str, object]) -> str:
    """What the safe process limit was made from (cores, or free memory)."""
    if details.get("basis") == "cores":
        return Words.tr("{cores} cores × {per_core} processes per core").format(
            cores=details.get("cores", "?"), per_core=details.get("per_core", "?")
        )
    free = details.get("free_bytes")
    gib = free / 2**30 if isinstance(free, int | float) else 0.0
    return Words.tr("{gib} GiB of free memory fits about {limit} children").format(
        gib=f"{gib:.1f}", limit=details.get("limit", "?")
    )


class _Missing(dict):
    """Leaves a placeholder the engine did not fill as '?', never a KeyError."""

    def __missing__(self, key: str) -> str:
        return "?"


def options_error_text(error: Exception) -> str:
    """Why a run was not started, from an ``OptionsError`` (its ``code`` and
    ``details``). An error without a known code says its own text, cut short."""
    code = getattr(error, "code", None)
    formats = options_formats()
    key = getattr(code, "value", code)
    if key in formats:
        details: Mapping[str, object] = getattr(error, "details", None) or {}
        values = _Missing({k: _detail(v) for k, v in details.items()})
        if key == "over_safe_limit":
            values["why"] = _safe_limit_why(details)
        return formats[str(key)].format_map(values)
    return shown(str(error))


def _detail(value: object) -> str:
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number(value)
    return str(value)


def over_safe_limit_question(error: Exception) -> tuple[str, str]:
    """The title and text of the question asked before going over the safe
    process limit (``error`` is the OVER_SAFE_LIMIT ``OptionsError``)."""
    details: Mapping[str, object] = getattr(error, "details", None) or {}
    title = Words.tr("Start {count} processes?").format(count=details.get("processes", "?"))
    text = Words.tr(
        "{count} processes is more than this machine safely runs ({limit}: {why}).\n\n"
        "The computer may become slow until they finish. Start them anyway?"
    ).format(
        count=details.get("processes", "?"),
        limit=details.get("limit", "?"),
        why=_safe_limit_why(details),
    )
    return title, text


def not_started_text(error: Exception) -> str:
    """The error label's line when Start was refused."""
    return Words.tr("Not started: {reason}").format(reason=options_error_text(error))
