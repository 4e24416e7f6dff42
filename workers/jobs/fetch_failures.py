"""What a fetch's exception means, as a :class:`~workers.failures.Failure`.

urllib reports the same problem in several shapes (an ``HTTPError``, a
``URLError`` wrapping an ``OSError``, a bare ``http.client`` exception);
:func:`classify` turns each into one kind with its details, and never raises.
Outside text (an exception's own words) goes only in ``message``/``detail``,
with any password in the URL replaced by ``***``.

Cheap to import and Qt-free: every pool worker imports it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import http.client
import socket
import ssl
import traceback
import urllib.error
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from workers.failures import Failure, FailureKind
from workers.jobs.fetch_http import Refusal

_TEXT_FIELDS = ("host", "phrase", "scheme", "exc_type", "message", "detail")


def classify(
    exc: BaseException, timeout: float, current_url: str, nbytes: int, expired: bool
) -> Failure:
    """The failure ``exc`` means; ``expired``: the deadline shut the socket."""
    try:
        return _classify(exc, timeout, current_url, nbytes, expired)
    except Exception as bug:  # a bug here must not break the never-raise contract
        return Failure(
            FailureKind.ERROR,
            exc_type=type(exc).__name__,
            message=str(exc),
            detail=f"{_one_line(exc)} (while classifying: {bug!r})",
        )


def _classify(
    exc: BaseException, timeout: float, current_url: str, nbytes: int, expired: bool
) -> Failure:
    kind = FailureKind
    if isinstance(exc, Refusal):
        return exc.failure
    if isinstance(exc, urllib.error.HTTPError):
        exc.close()  # it holds the open response; left open it warns later
        phrase = exc.reason if isinstance(exc.reason, str) else ""
        return Failure(kind.HTTP_STATUS, status=exc.code, phrase=phrase)
    cause: BaseException = exc
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        cause = exc.reason
    if expired or isinstance(cause, TimeoutError):
        # Every socket's timeout is the time left, so either way the deadline
        # passed; a read the watchdog cut short fails in any shape.
        return Failure(kind.TIMEOUT, limit=timeout, count=nbytes)
    host, port = host_port(current_url)
    if isinstance(cause, socket.gaierror):
        return Failure(kind.HOST_NOT_FOUND, host=host)
    if isinstance(cause, ConnectionRefusedError):
        return Failure(kind.REFUSED, host=host, port=port)
    if isinstance(cause, ssl.SSLCertVerificationError):
        why = cause.verify_message or cause.reason or str(cause)
        return Failure(kind.TLS_CERTIFICATE, host=host, message=why)
    if isinstance(cause, ssl.SSLError):
        return Failure(kind.TLS, host=host, message=cause.reason or str(cause))
    if isinstance(cause, http.client.RemoteDisconnected):
        return Failure(kind.NO_ANSWER, host=host, port=port)
    if isinstance(cause, ConnectionResetError):
        return Failure(kind.RESET, host=host, port=port)
    if isinstance(cause, (OSError, http.client.HTTPException)) and not isinstance(
        cause, urllib.error.URLError
    ):
        return Failure(
            kind.CONNECTION,
            host=host,
            port=port,
            exc_type=type(cause).__name__,
            message=getattr(cause, "strerror", None) or str(cause),
        )
    full = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).strip()
    return Failure(kind.ERROR, exc_type=type(exc).__name__, message=str(exc), detail=full)


def host_port(url: str) -> tuple[str, int]:
    """The host (in its own script, not ``xn--``) and port a URL points at."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if "xn--" in host:
        # Not valid punycode after all: keep it as it is.
        with contextlib.suppress(UnicodeError):
            host = host.encode("ascii").decode("idna")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        port = 443 if parts.scheme == "https" else 80
    return host, port


def without_secrets(failure: Failure, secrets: Iterable[str]) -> Failure:
    """``failure`` with each secret (a password, in each form it was written)
    replaced by ``***`` wherever outside text quoted it."""
    forms = {form for secret in secrets if secret for form in (secret, quote(secret, safe=""))}
    changes = {}
    for name in _TEXT_FIELDS:
        value = getattr(failure, name)
        if any(form in value for form in forms):
            for form in sorted(forms, key=len, reverse=True):
                value = value.replace(form, "***")
            changes[name] = value
    return dataclasses.replace(failure, **changes) if changes else failure


def _one_line(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()
