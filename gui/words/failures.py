"""Why a job did not succeed, in words: one short reason per
:class:`~workers.failures.FailureKind`, from the failure's details."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.words.base import Words, number, on_retranslate, shown, state_word
from workers.terms import JobState

if TYPE_CHECKING:
    from workers.failures import Failure, FailureKind


def _http_phrase(failure: Failure) -> str:
    if failure.phrase:
        return failure.phrase
    import http  # here: the window's first paint shows no failure

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
    # The failure classes come with the first failure shown (see workers.urls).
    from workers.failures import FailureKind

    """The short reason for each kind, with ``{field}`` placeholders."""
    return {
        FailureKind.BLANK_URL: Words.tr("the URL is blank"),
        FailureKind.BAD_URL: Words.tr("not a valid URL: {message}"),
        FailureKind.SCHEME_NOT_ALLOWED: Words.tr(
            "scheme '{scheme}' is not allowed (only http and https are fetched)"
        ),
        FailureKind.URL_TOO_LONG: Words.tr(
            "the URL is too long ({count} characters, at most {limit})"
        ),
        FailureKind.CREDENTIALS_REFUSED: Words.tr(
            "a user name and password in the URL are not sent (host '{host}')"
        ),
        FailureKind.HOST_NOT_FOUND: Words.tr("could not find host '{host}'"),
        FailureKind.REFUSED: Words.tr("{host}:{port} refused the connection"),
        FailureKind.TIMEOUT: Words.tr("no answer within {limit} s"),
        FailureKind.TLS_CERTIFICATE: Words.tr("the certificate of '{host}' could not be trusted"),
        FailureKind.TLS: Words.tr("the secure connection to '{host}' failed"),
        FailureKind.NO_ANSWER: Words.tr("{host}:{port} closed the connection without answering"),
        FailureKind.RESET: Words.tr("{host}:{port} reset the connection"),
        FailureKind.CLOSED_EARLY: Words.tr(
            "the connection closed after {count} of {expected} bytes"
        ),
        FailureKind.CONNECTION: Words.tr("could not talk to {host}:{port} ({exc_type})"),
        FailureKind.HTTP_STATUS: Words.tr("HTTP {status} {phrase}"),
        FailureKind.TOO_LARGE: Words.tr("the page is larger than the limit of {limit} bytes"),
        FailureKind.REDIRECT_SCHEME: Words.tr(
            "redirected to a '{scheme}' URL, which is not fetched"
        ),
        FailureKind.TOO_MANY_REDIRECTS: Words.tr("more than {limit} redirects"),
        FailureKind.START_FAILED: Words.tr("could not be started ({exc_type}: {message})"),
        FailureKind.CRASHED: Words.tr("raised {exc_type}: {message}"),
        FailureKind.EXITED: Words.tr("ended with exit code {exit_code} without a result"),
        FailureKind.WORKER_DIED: Words.tr(
            "its pool worker (PID {pid}) died with exit code {exit_code}"
        ),
        FailureKind.POOL_BROKE_AGAIN: Words.tr("the pool broke again after one retry"),
        FailureKind.LOST: Words.tr("the process (PID {pid}) vanished without an exit status"),
        FailureKind.SCHEDULER_UNREACHABLE: Words.tr(
            "could not reach the Dask scheduler at {host} within {limit} s"
        ),
        FailureKind.CLUSTER_FAILED: Words.tr(
            "the Dask cluster did not start ({exc_type}: {message})"
        ),
        FailureKind.NO_CLUSTER_WORKERS: Words.tr("the Dask scheduler at {host} has no workers"),
        FailureKind.CLUSTER_WORKER_DIED: Words.tr(
            "its Dask worker {host} (PID {pid}) died while holding it"
        ),
        FailureKind.KILLED: Words.tr("killed by {signal}"),
        FailureKind.STOPPED: Words.tr("stopped ({signal})"),
        FailureKind.NEVER_STARTED: Words.tr("never started"),
        FailureKind.ERROR: Words.tr("unexpected error: {exc_type}: {message}"),
    }


def failure_text(failure: Failure) -> str:
    """The reason in a few words, e.g. ``HTTP 404 Not Found``,
    ``could not find host 'nowhere.invalid'``, ``killed by SIGKILL``."""
    from workers.failures import FailureKind

    if failure.kind is FailureKind.STOPPED and not failure.signal:
        return Words.tr("stopped")  # a thread: nothing could be killed, it ran to its end
    values = {
        "host": failure.host or "?",
        "port": failure.port if failure.port is not None else "?",
        "status": failure.status if failure.status is not None else "?",
        "phrase": _http_phrase(failure),
        "scheme": failure.scheme,
        "signal": failure.signal or Words.tr("unknown signal"),
        "exit_code": failure.exit_code if failure.exit_code is not None else "?",
        "pid": failure.pid if failure.pid is not None else "?",
        "exc_type": failure.exc_type or Words.tr("error"),
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
        return Words.tr("failed: {reason}").format(reason=failure_text(failure))
    # The kill, stop and never-started reasons begin with their state's word.
    return failure_text(failure)
