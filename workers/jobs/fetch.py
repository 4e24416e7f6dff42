"""Fetching one URL inside a pool worker, safely, and reporting how it went.

The lesson's ``load_url`` returned the whole page to the parent only to take
``len()``, read ``file://`` URLs, and lost the cause of an HTTP 404 because the
``HTTPError`` could not be pickled. Here :func:`fetch_url` only counts the
body, refuses every scheme but http and https (on every redirect hop too),
caps size and time, and never raises: whatever happens comes back as a small,
picklable :class:`FetchOutcome` whose ``failure`` is a
:class:`~workers.failures.Failure`: a kind and its details, never a sentence.

Cheap to import and Qt-free: every pool worker re-imports it.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import os
import socket
import ssl
import threading
import time
import traceback
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import IO
from urllib.parse import urljoin, urlsplit

from workers.failures import Failure, FailureKind
from workers.options import DEFAULT_MAX_BYTES
from workers.urls import ALLOWED_SCHEMES, UrlError, normalize_url

MAX_REDIRECTS = 10
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class FetchOutcome:
    """How one fetch went, measured inside the worker. Plain data; pickles.

    ``failure`` is None when the page was fetched; otherwise it says what went
    wrong as a kind and its details (never a sentence: words are made from it
    by the CLI and the window).
    """

    url: str  # as given to fetch_url
    worker_pid: int  # the process that did the fetch
    worker_thread: str  # threading.current_thread().name in that process
    started_mono: float  # time.monotonic() when the fetch began
    finished_mono: float  # time.monotonic() when it ended
    status: int | None  # HTTP status, when a server answered
    nbytes: int  # body bytes counted (so far, if it failed mid-way)
    failure: Failure | None  # None when ok

    @property
    def ok(self) -> bool:
        return self.failure is None

    @property
    def duration(self) -> float:
        return self.finished_mono - self.started_mono


class _Refusal(Exception):
    """A failure we diagnosed ourselves, already as data."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure)
        self.failure = failure


class _SafeRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows redirects only to http(s), at most MAX_REDIRECTS times.

    The stock handler happily follows ``ftp://`` and reports a loop as an
    opaque HTTPError; this one names the problem. It also remembers the URL
    it is on, so a DNS error after a redirect names the right host.
    """

    # Ours fires first; these only keep the stock loop check out of the way.
    max_repeats = MAX_REDIRECTS + 1
    max_redirections = MAX_REDIRECTS + 1

    def __init__(self, url: str) -> None:
        super().__init__()
        self.current_url = url
        self.hops = 0

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
    ) -> IO[bytes] | None:
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urljoin(req.full_url, location.strip())
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ALLOWED_SCHEMES:
                fp.close()
                raise _Refusal(Failure(FailureKind.REDIRECT_SCHEME, scheme=scheme))
            if self.hops >= MAX_REDIRECTS:
                fp.close()
                raise _Refusal(Failure(FailureKind.TOO_MANY_REDIRECTS, limit=MAX_REDIRECTS))
            self.hops += 1
            self.current_url = target
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class _ProxyHandler(urllib.request.ProxyHandler):
    """The system's proxies, except for this machine, where the demo site lives."""

    def proxy_open(
        self, req: urllib.request.Request, proxy: str, proxy_type: str
    ) -> IO[bytes] | None:
        if _is_loopback(req.host):
            return None
        return super().proxy_open(req, proxy, proxy_type)


def _is_loopback(hostport: str) -> bool:
    host = urlsplit("//" + hostport).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@functools.lru_cache(maxsize=2)
def _tls_context(verify_tls: bool) -> ssl.SSLContext:
    # Loading the certificate store takes ~30 ms: once per worker is enough.
    context = ssl.create_default_context()
    if not verify_tls:
        # The lesson's ssl._create_unverified_context(), spelt publicly.
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


class _LazyTlsHandler(urllib.request.HTTPSHandler):
    """An HTTPS handler that makes its TLS context on the first https request,
    so plain http pages do not pay for loading the certificate store."""

    def __init__(self, verify_tls: bool) -> None:
        super().__init__()
        self._verify_tls = verify_tls

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        self._context = _tls_context(self._verify_tls)
        return super().https_open(req)


def _build_opener(
    redirects: _SafeRedirectHandler, verify_tls: bool
) -> urllib.request.OpenerDirector:
    # Built by hand, not with build_opener(): that one also installs the file,
    # ftp and data handlers, which must never be reachable from here.
    opener = urllib.request.OpenerDirector()
    for handler in (
        _ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        _LazyTlsHandler(verify_tls),
        urllib.request.HTTPDefaultErrorHandler(),
        redirects,
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def format_size(nbytes: int) -> str:
    """Bytes in the largest unit that divides them exactly, e.g. "20 MiB"."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if nbytes >= size and nbytes % size == 0:
            return f"{nbytes // size} {unit}"
    return f"{nbytes} bytes"


def fetch_url(
    url: str,
    timeout: float,
    verify_tls: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FetchOutcome:
    """Fetch ``url`` and count its body; never raises.

    ``timeout`` bounds every socket operation and, checked between chunks,
    the whole page (so a trickling server overshoots by at most one
    ``timeout``). The body is read in 64 KiB chunks and thrown away: only
    its size leaves this function.
    """
    started = time.monotonic()
    state = _FetchState(url)
    failure: Failure | None = None
    status: int | None = None
    try:
        status, _ = _fetch(url, timeout, verify_tls, max_bytes, started, state)
    except Exception as exc:  # the contract: never raise
        # KeyboardInterrupt and SystemExit still propagate, so Ctrl+C can end
        # the worker process.
        failure = _describe_failure(exc, timeout, state)
        status = state.status
    return FetchOutcome(
        url=url,
        worker_pid=os.getpid(),
        worker_thread=threading.current_thread().name,
        started_mono=started,
        finished_mono=time.monotonic(),
        status=status,
        nbytes=state.nbytes,
        failure=failure,
    )


class _FetchState:
    """What is known so far, so a failure can report how far the fetch got."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.redirects: _SafeRedirectHandler | None = None
        self.status: int | None = None
        self.nbytes = 0

    @property
    def current_url(self) -> str:
        return self.redirects.current_url if self.redirects else self.url


def _fetch(
    url: str,
    timeout: float,
    verify_tls: bool,
    max_bytes: int,
    started: float,
    state: _FetchState,
) -> tuple[int, int]:
    if not timeout > 0:
        raise ValueError(f"timeout={timeout!r}")
    try:
        target = normalize_url(url)
    except UrlError as exc:
        raise _Refusal(exc.failure) from None
    if target is None:
        raise _Refusal(Failure(FailureKind.BLANK_URL))
    deadline = started + timeout
    state.redirects = _SafeRedirectHandler(target)
    opener = _build_opener(state.redirects, verify_tls)
    request = urllib.request.Request(target, headers={"User-Agent": "ProcessLab/0.1"})
    with opener.open(request, timeout=timeout) as response:
        state.status = response.status
        declared = _content_length(response)
        if declared is not None and declared > max_bytes:
            raise _too_large(max_bytes, declared)
        # read1 returns whatever arrived, so the deadline is checked often even
        # when the server trickles; read(n) would wait for all n bytes.
        read = getattr(response, "read1", response.read)
        while True:
            if time.monotonic() > deadline:
                raise _Refusal(Failure(FailureKind.TIMEOUT, limit=timeout, count=state.nbytes))
            chunk = read(CHUNK_BYTES)
            if not chunk:
                break
            state.nbytes += len(chunk)
            if state.nbytes > max_bytes:
                raise _too_large(max_bytes, state.nbytes)
        if declared is not None and state.nbytes < declared:
            raise _Refusal(Failure(FailureKind.CLOSED_EARLY, count=state.nbytes, expected=declared))
        return response.status, state.nbytes


def _content_length(response: http.client.HTTPResponse) -> int | None:
    try:
        value = int(response.headers.get("Content-Length", ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def _too_large(max_bytes: int, count: int) -> _Refusal:
    return _Refusal(Failure(FailureKind.TOO_LARGE, limit=max_bytes, count=count))


def _host_port(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        port = 443 if parts.scheme == "https" else 80
    return host, port


def _one_line(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


def _describe_failure(exc: Exception, timeout: float, state: _FetchState) -> Failure:
    """The failure an exception means; plain values, so it pickles."""
    try:
        return _classify(exc, timeout, state)
    except Exception as bug:  # a bug here must not break the never-raise contract
        return Failure(
            FailureKind.ERROR,
            exc_type=type(exc).__name__,
            message=str(exc),
            detail=f"{_one_line(exc)} (while classifying: {bug!r})",
        )


def _classify(exc: Exception, timeout: float, state: _FetchState) -> Failure:
    if isinstance(exc, _Refusal):
        return exc.failure
    if isinstance(exc, urllib.error.HTTPError):
        exc.close()  # it holds the open response; left open it warns later
        state.status = exc.code
        phrase = exc.reason if isinstance(exc.reason, str) else ""
        return Failure(FailureKind.HTTP_STATUS, status=exc.code, phrase=phrase)
    cause: BaseException = exc
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        cause = exc.reason
    host, port = _host_port(state.current_url)
    kind = FailureKind
    if isinstance(cause, socket.gaierror):
        return Failure(kind.HOST_NOT_FOUND, host=host, message=str(cause))
    if isinstance(cause, ConnectionRefusedError):
        return Failure(kind.REFUSED, host=host, port=port)
    if isinstance(cause, TimeoutError):
        return Failure(kind.TIMEOUT, limit=timeout, count=state.nbytes)
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
