"""Every word the window says about jobs, failures, runs and bad input.

The engine speaks in data (:class:`~workers.events.JobState`,
:class:`~workers.failures.Failure`, ``OptionsError.code``); this module turns
that data into translated text for the table, tooltips, the console, the
status bar, the progress bar and dialogs, so no English sentence made by the
engine reaches people in the window. Everything goes through :func:`tr`
(``QCoreApplication.translate`` with the fixed context ``"Words"``), so
a ``.qm`` file for the context translates all of it. A test fails when a
state, a failure kind or an options problem has no words here.

The failure formats are looked up once and kept until :func:`retranslate`
(the window calls it on ``LanguageChange``); everything else is translated
when called. Callers that draw thousands of cells (the results model) cache
what they need and re-read it on ``LanguageChange`` too.
"""

from __future__ import annotations

import http
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from workers import display_text
from workers.events import (
    AsCompletedTimedOut,
    Experiment,
    JobState,
    RunStopping,
)
from workers.failures import Failure, FailureKind

if TYPE_CHECKING:
    from workers.record.session import RunRecord

#: The translation context of every string here.
CONTEXT = "Words"
#: Longest reason or URL a cell or a one-line message shows; the rest goes to the tooltip.
MAX_SHOWN = 160


def tr(text: str) -> str:
    """``text`` in the current language (the ``Words`` context)."""
    return QCoreApplication.translate(CONTEXT, text)


def shown(text: str, limit: int = MAX_SHOWN) -> str:
    """Outside text (a reason, a URL) on one line, safe to show: cut in the
    middle past ``limit`` characters, invisible characters escaped
    (:func:`workers.display_text.shown`)."""
    return display_text.shown(" ".join(str(text).split()), limit)


def shown_url(url: str, limit: int = MAX_SHOWN) -> str:
    """A URL as above, its password (if any) masked."""
    return display_text.shown_url(url, limit)


# -- states -------------------------------------------------------------------


def state_words() -> dict[JobState, str]:
    """One word (or two) per state; "cancelled" is said as "never started"."""
    return {
        JobState.PENDING: tr("waiting"),
        JobState.RUNNING: tr("running"),
        JobState.DONE: tr("done"),
        JobState.FAILED: tr("failed"),
        JobState.KILLED: tr("killed"),
        JobState.STOPPED: tr("stopped"),
        JobState.CANCELLED: tr("never started"),
    }


def state_word(state: JobState) -> str:
    return state_words()[state]


# -- failures -----------------------------------------------------------------


def _number(value: float | int | None) -> str:
    """A count or a limit as people read it: grouped digits, no needless ``.0``."""
    if value is None:
        return "?"
    if float(value).is_integer():
        return QLocale().toString(int(value))
    return f"{value:g}"


def _http_phrase(failure: Failure) -> str:
    if failure.phrase:
        return failure.phrase
    try:  # the server sent none (HTTP/2, or a terse server): the standard one
        return http.HTTPStatus(failure.status or 0).phrase
    except ValueError:
        return ""


_formats: dict[FailureKind, str] = {}


def retranslate() -> None:
    """Forget the kept formats: a translator was installed or removed."""
    _formats.clear()


def _failure_formats() -> dict[FailureKind, str]:
    if not _formats:
        _formats.update(failure_formats())
    return _formats


def failure_formats() -> dict[FailureKind, str]:
    """The short reason for each kind, with ``{field}`` placeholders."""
    return {
        FailureKind.BLANK_URL: tr("the URL is blank"),
        FailureKind.BAD_URL: tr("not a valid URL: {message}"),
        FailureKind.SCHEME_NOT_ALLOWED: tr(
            "scheme '{scheme}' is not allowed (only http and https are fetched)"
        ),
        FailureKind.URL_TOO_LONG: tr("the URL is too long ({count} characters, at most {limit})"),
        FailureKind.CREDENTIALS_REFUSED: tr(
            "a user name and password in the URL are not sent (host '{host}')"
        ),
        FailureKind.HOST_NOT_FOUND: tr("could not find host '{host}'"),
        FailureKind.REFUSED: tr("{host}:{port} refused the connection"),
        FailureKind.TIMEOUT: tr("no answer within {limit} s"),
        FailureKind.TLS_CERTIFICATE: tr("the certificate of '{host}' could not be trusted"),
        FailureKind.TLS: tr("the secure connection to '{host}' failed"),
        FailureKind.NO_ANSWER: tr("{host}:{port} closed the connection without answering"),
        FailureKind.RESET: tr("{host}:{port} reset the connection"),
        FailureKind.CLOSED_EARLY: tr("the connection closed after {count} of {expected} bytes"),
        FailureKind.CONNECTION: tr("could not talk to {host}:{port} ({exc_type})"),
        FailureKind.HTTP_STATUS: tr("HTTP {status} {phrase}"),
        FailureKind.TOO_LARGE: tr("the page is larger than the limit of {limit} bytes"),
        FailureKind.REDIRECT_SCHEME: tr("redirected to a '{scheme}' URL, which is not fetched"),
        FailureKind.TOO_MANY_REDIRECTS: tr("more than {limit} redirects"),
        FailureKind.START_FAILED: tr("could not be started ({exc_type}: {message})"),
        FailureKind.CRASHED: tr("raised {exc_type}: {message}"),
        FailureKind.EXITED: tr("ended with exit code {exit_code} without a result"),
        FailureKind.WORKER_DIED: tr("its pool worker (PID {pid}) died with exit code {exit_code}"),
        FailureKind.POOL_BROKE_AGAIN: tr("the pool broke again after one retry"),
        FailureKind.LOST: tr("the process (PID {pid}) vanished without an exit status"),
        FailureKind.KILLED: tr("killed by {signal}"),
        FailureKind.STOPPED: tr("stopped ({signal})"),
        FailureKind.NEVER_STARTED: tr("never started"),
        FailureKind.ERROR: tr("unexpected error: {exc_type}: {message}"),
    }


def failure_text(failure: Failure) -> str:
    """The reason in a few words, e.g. ``HTTP 404 Not Found``,
    ``could not find host 'nowhere.invalid'``, ``killed by SIGKILL``."""
    if failure.kind is FailureKind.STOPPED and not failure.signal:
        return tr("stopped")  # a thread: nothing could be killed, it ran to its end
    values = {
        "host": failure.host or "?",
        "port": failure.port if failure.port is not None else "?",
        "status": failure.status if failure.status is not None else "?",
        "phrase": _http_phrase(failure),
        "scheme": failure.scheme,
        "signal": failure.signal or tr("unknown signal"),
        "exit_code": failure.exit_code if failure.exit_code is not None else "?",
        "pid": failure.pid if failure.pid is not None else "?",
        "exc_type": failure.exc_type or tr("error"),
        "message": shown(failure.message or "", 80),
        "limit": _number(failure.limit),
        "count": _number(failure.count),
        "expected": _number(failure.expected),
    }
    text = _failure_formats()[failure.kind].format(**values)
    return shown(text.rstrip(" :"))


def failure_tooltip(failure: Failure) -> str:
    """The reason, then the outside text (the OS's or the library's own
    words, a traceback) that explains it, for a tooltip."""
    parts = [failure_text(failure)]
    if failure.message and failure.message not in parts[0]:
        parts.append(failure.message)
    if failure.detail:
        parts.append(failure.detail)
    return "\n\n".join(parts)


def status_text(state: JobState, failure: Failure | None) -> str:
    """A Status cell: the state's word with the reason, e.g. ``failed: HTTP 404
    Not Found``, ``killed by SIGKILL``, ``stopped (SIGTERM)``, ``never started``."""
    if failure is None:
        return state_word(state)
    if state is JobState.FAILED:
        return tr("failed: {reason}").format(reason=failure_text(failure))
    # The kill, stop and never-started reasons begin with their state's word.
    return failure_text(failure)


# -- bad input ------------------------------------------------------------------


def options_formats() -> dict[str, str]:
    """Why the options were refused, per ``OptionsProblem`` value, with the
    error's ``details`` as placeholders."""
    return {
        "too_few_processes": tr("the process count must be at least 1 (it is {processes})"),
        "too_many_processes": tr(
            "{processes} processes is more than this app ever starts ({limit})"
        ),
        "over_safe_limit": tr(
            "{processes} processes is more than this machine safely runs ({limit}: {why})"
        ),
        "sleep_not_finite": tr("the sleep times must be finite numbers of seconds"),
        "sleep_negative": tr("the sleep times cannot be negative"),
        "sleep_backwards": tr(
            "the sleep range is backwards: the minimum {sleep_min} s is more than "
            "the maximum {sleep_max} s"
        ),
        "bad_niceness": tr("the niceness must be between {low} and {high} (it is {niceness})"),
        "bad_workload": tr("there is no workload '{workload}' (choose one of: {choices})"),
        "no_urls": tr("no URLs to fetch: add at least one"),
        "bad_pool_size": tr("the pool size must be between {low} and {high} (it is {workers})"),
        "bad_timeout": tr("the timeout must be more than 0 seconds and finite (it is {timeout})"),
        "bad_as_completed_timeout": tr(
            "the as_completed timeout must be more than 0 seconds and finite (it is {timeout})"
        ),
        "bad_max_bytes": tr("the page size limit must be at least 1 byte (it is {max_bytes})"),
        "bad_start_method": tr(
            "the start method '{method}' is not available here (choose one of: {choices})"
        ),
        "bad_executor": tr("there is no executor '{executor}' (choose one of: {choices})"),
    }


def _safe_limit_why(details: Mapping[str, object]) -> str:
    """What the safe process limit was made from (cores, or free memory)."""
    if details.get("basis") == "cores":
        return tr("{cores} cores × {per_core} processes per core").format(
            cores=details.get("cores", "?"), per_core=details.get("per_core", "?")
        )
    free = details.get("free_bytes")
    gib = free / 2**30 if isinstance(free, int | float) else 0.0
    return tr("{gib} GiB of free memory fits about {limit} children").format(
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
        return _number(value)
    return str(value)


def over_safe_limit_question(error: Exception) -> tuple[str, str]:
    """The title and text of the question asked before going over the safe
    process limit (``error`` is the OVER_SAFE_LIMIT ``OptionsError``)."""
    details: Mapping[str, object] = getattr(error, "details", None) or {}
    title = tr("Start {count} processes?").format(count=details.get("processes", "?"))
    text = tr(
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
    return tr("Not started: {reason}").format(reason=options_error_text(error))


# -- executors and experiments --------------------------------------------------


def executor_name(name: str) -> str:
    """The pool executor's name for people ("Processes", "Threads")."""
    names = {"process": tr("Processes"), "thread": tr("Threads"), "dask": tr("Dask workers")}
    return names.get(name, name)


def executor_tip(name: str) -> str:
    tips = {
        "process": tr(
            "ProcessPoolExecutor: each page is fetched in one of a few worker processes."
        ),
        "thread": tr(
            "ThreadPoolExecutor: each page is fetched in a thread of this window's process.\n"
            "Stop cannot end a thread: a page already loading finishes first."
        ),
    }
    return tips.get(name, "")


def experiment_name(experiment: Experiment) -> str:
    return tr("named processes") if experiment is Experiment.NAMED else tr("process pool")


# -- runs -------------------------------------------------------------------------


def run_name(run: RunRecord) -> str:
    """ "Run 3": the run's number in this session."""
    return tr("Run {run}").format(run=run.ordinal)


def run_size(run: RunRecord) -> str:
    """ "100 processes", "8 URLs · 5 threads"."""
    if run.experiment is Experiment.POOL:
        size = tr("1 URL") if run.total == 1 else tr("{n} URLs").format(n=run.total)
        if run.executor == "thread":
            workers = tr("{n} threads").format(n=run.pool_size)
        else:
            workers = tr("{n} workers").format(n=run.pool_size)
        return f"{size} · {workers}"
    return tr("1 process") if run.total == 1 else tr("{n} processes").format(n=run.total)


def run_heading(run: RunRecord) -> str:
    """The console's line as a run starts."""
    if run.experiment is Experiment.POOL:
        text = tr("{run}: fetching {size} ({executor})").format(
            run=run_name(run), size=run_size(run), executor=executor_name(run.executor)
        )
    else:
        text = tr("{run}: starting {size}").format(run=run_name(run), size=run_size(run))
    if run.start_method:
        text += f" ({run.start_method})"
    return f"── {text} ──"


def counts_text(counts: Mapping[JobState, int]) -> str:
    """ "11 done, 8 stopped, 81 never started": done always, the rest when not 0."""
    words = state_words()
    parts = []
    for state in (JobState.DONE, JobState.FAILED, JobState.KILLED, JobState.STOPPED):
        if state is JobState.DONE or counts.get(state, 0):
            parts.append(f"{counts.get(state, 0)} {words[state]}")
    if counts.get(JobState.CANCELLED, 0):
        parts.append(f"{counts[JobState.CANCELLED]} {words[JobState.CANCELLED]}")
    for state in (JobState.PENDING, JobState.RUNNING):
        if counts.get(state, 0):
            parts.append(f"{counts[state]} {words[state]}")
    return ", ".join(parts)


def run_outcome(run: RunRecord) -> str:
    """ "Run 3 stopped after 2.49 s: 11 done, 8 stopped, 81 never started" (no frame)."""
    finished = run.finished
    if finished is None:
        return tr("{run} is running: {counts}").format(
            run=run_name(run), counts=counts_text(run.counts)
        )
    if run.stopped:
        text = tr("{run} stopped after {elapsed} s: {counts}")
    else:
        text = tr("{run} finished in {elapsed} s: {counts}")
    return text.format(
        run=run_name(run), elapsed=f"{finished.elapsed:.2f}", counts=counts_text(run.counts)
    )


def run_summary(run: RunRecord) -> str:
    """The console's line as a run ends, e.g.
    ``── Run 3 stopped after 2.49 s: 11 done, 8 stopped, 81 never started ──``."""
    return f"── {run_outcome(run)} ──"


def stopping_line(run: RunRecord, event: RunStopping) -> str:
    """The console's line when Stop reached a run."""
    if event.can_end_running:
        text = tr("{run}: Stop: ending {n} running, the rest will not start")
    elif event.wait_limit is not None:
        text = tr(
            "{run}: Stop: {n} running cannot be ended and finish on their own "
            "(at most {limit} s); the rest will not start"
        )
    else:
        text = tr("{run}: Stop: {n} running cannot be ended and finish on their own")
    return (
        "── "
        + text.format(run=run_name(run), n=event.running, limit=_number(event.wait_limit))
        + " ──"
    )


def timeout_notice(run: RunRecord, event: AsCompletedTimedOut) -> str:
    """The as_completed(timeout=…) experiment's outcome, in one line."""
    labels = [run.jobs[j].label for j in event.pending[:3] if 0 <= j < len(run.jobs)]
    names = ", ".join(shown_url(label, 60) for label in labels)
    if len(event.pending) > 3:
        names += ", …"
    return tr(
        "as_completed(timeout={timeout}) raised TimeoutError with {count} still running "
        "({names}); they are reported as they end."
    ).format(timeout=f"{event.timeout:g}", count=len(event.pending), names=names)


def run_title(run: RunRecord, clock: str) -> str:
    """A run's heading row in the table."""
    parts = [run_name(run), experiment_name(run.experiment), run_size(run)]
    if run.experiment is Experiment.POOL and run.executor != "process":
        parts.append(executor_name(run.executor))
    if run.start_method:
        parts.append(run.start_method)
    parts.append(clock)
    if run.finished is not None:
        parts.append(_short_outcome(run))
    elif run.stopped:
        parts.append(tr("stopping…"))
    return " · ".join(parts)


def _short_outcome(run: RunRecord) -> str:
    """ "100 of 100 done in 1.23 s", "stopped after 2.49 s: 11 done, 8 stopped, …"."""
    finished = run.finished
    assert finished is not None
    elapsed = f"{finished.elapsed:.2f}"
    if run.stopped:
        return tr("stopped after {elapsed} s: {counts}").format(
            elapsed=elapsed, counts=counts_text(run.counts)
        )
    return tr("{done} of {total} done in {elapsed} s").format(
        done=finished.done, total=finished.total, elapsed=elapsed
    )


def run_tooltip(run: RunRecord) -> str:
    text = tr("parent PID {pid}").format(pid=run.parent_pid)
    settings = ", ".join(f"{k}={v}" for k, v in run.settings.items())
    return f"{text} · {settings}" if settings else text


def marker_start_text(run: RunRecord) -> str:
    """The CPU graph's label where a run starts."""
    return tr("{run} start · {size}").format(run=run_name(run), size=run_size(run))


def marker_end_text(run: RunRecord) -> str:
    """The CPU graph's label where a run ends."""
    finished = run.finished
    elapsed = f"{finished.elapsed:.1f}" if finished is not None else "?"
    if run.stopped:
        return tr("{run} stopped · {elapsed} s").format(run=run_name(run), elapsed=elapsed)
    return tr("{run} end · {elapsed} s").format(run=run_name(run), elapsed=elapsed)


# -- progress and notices ------------------------------------------------------------


def progress_text(ended: int, total: int, stopped: bool) -> str:
    """The progress bar's text: ``37 / 100``, or after Stop ``31 of 100 ended, stopped``."""
    if total == 0:
        return tr("No run yet")
    if stopped:
        return tr("{ended} of {total} ended, stopped").format(ended=ended, total=total)
    return tr("{ended} / {total}").format(ended=ended, total=total)


def stopping_notice() -> str:
    return tr("Stopping: ending every running job…")


def dropped_runs_notice(kept: int) -> str:
    """Said once, when the record first drops old runs to stay within its bounds."""
    return tr(
        "The oldest runs are being forgotten to keep memory in check; the latest {kept} are kept."
    ).format(kept=kept)


def exported_text(count: int, path: str) -> str:
    return tr("Exported {count} jobs to {path}").format(count=count, path=path)


def export_failed_text(path: str, error: OSError) -> str:
    reason = error.strerror or type(error).__name__
    return tr("Could not write {path}: {reason}").format(path=path, reason=reason)
