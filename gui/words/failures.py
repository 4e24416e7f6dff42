"""Why a job did not succeed, in words: one short reason per
:class:`~workers.failures.FailureKind`, from the failure's details."""

from __future__ import annotations

import http

from gui.words.base import number, on_retranslate, shown, state_word, tr
from workers.events import JobState
from workers.failures import Failure, FailureKind


def _http_phrase(failure: Failure) -> str:
    if failure.phrase:
        return failure.phrase
    try:  # the server sent none (HTTP/2, or a terse server): the standard one
        return http.HTTPStatus(failure.status or 0).phrase
    except ValueError:
        return ""


_formats: dict[FailureKind, str] = {}  # kept: a table repaint asks for many reasons
on_retranslate(_formats.clear)


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
        FailureKind.SCHEDULER_UNREACHABLE: tr(
            "could not reach the Dask scheduler at {host} within {limit} s"
        ),
        FailureKind.CLUSTER_FAILED: tr("the Dask cluster did not start ({exc_type}: {message})"),
        FailureKind.NO_CLUSTER_WORKERS: tr("the Dask scheduler at {host} has no workers"),
        FailureKind.CLUSTER_WORKER_DIED: tr(
            "its Dask worker {host} (PID {pid}) died while holding it"
        ),
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
        "limit": number(failure.limit),
        "count": number(failure.count),
        "expected": number(failure.expected),
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
