"""Fetching one URL inside a pool worker, safely, and reporting how it went.

The lesson's ``load_url`` returned the whole page to the parent only to take
``len()``, read ``file://`` URLs, and lost the cause of an HTTP 404 because the
``HTTPError`` could not be pickled. Here :func:`fetch_url` only counts the
body, refuses every scheme but http and https (on every redirect hop too),
caps size and time (the timeout is a deadline for the whole fetch, however
slowly the server trickles), and never raises: whatever happens comes back as
a small, picklable :class:`FetchOutcome` whose ``failure`` is a
:class:`~workers.failures.Failure`: a kind and its details, never a sentence.

The HTTP machinery is in :mod:`workers.jobs.fetch_http`, the reading of
exceptions in :mod:`workers.jobs.fetch_failures`. Cheap to import and
Qt-free: every pool worker re-imports it.
"""

from __future__ import annotations

import base64
import http.client
import os
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from workers.failures import Failure, FailureKind
from workers.jobs.fetch_failures import classify, without_secrets
from workers.jobs.fetch_http import (
    MAX_REDIRECTS,
    Deadline,
    Refusal,
    SafeRedirectHandler,
    build_opener,
)
from workers.option_limits import DEFAULT_MAX_BYTES
from workers.urls import UrlError, normalize_url, split_userinfo

__all__ = ["CHUNK_BYTES", "MAX_REDIRECTS", "FetchOutcome", "fetch_url", "format_size"]

CHUNK_BYTES = 64 * 1024
USER_AGENT = "ProcessLab/0.1"


@dataclass(frozen=True)
class FetchOutcome:
    """How one fetch went, measured inside the worker. Plain data; pickles.

    ``failure`` is None when the page was fetched; otherwise it says what went
    wrong as a kind and its details (never a sentence: words are made from it
    by the CLI and the window). No field holds a password from the URL except
    ``url``, which is the URL exactly as given.
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

    ``timeout`` is a deadline for the whole fetch: connecting, the TLS
    handshake, the headers and the body, over every redirect (only the name
    lookup cannot be cut short). The body is read in 64 KiB chunks and thrown
    away: only its size leaves this function. ``user:password@`` in the URL is
    sent as HTTP basic authentication.
    """
    started = time.monotonic()
    state = _FetchState(url, timeout, started)
    failure: Failure | None = None
    try:
        _fetch(url, timeout, verify_tls, max_bytes, state)
    except Exception as exc:  # the contract: never raise
        # KeyboardInterrupt and SystemExit still propagate, so Ctrl+C can end
        # the worker process.
        if isinstance(exc, urllib.error.HTTPError):
            state.status = exc.code
        failure = classify(exc, timeout, state.current_url, state.nbytes, state.expired)
        failure = without_secrets(failure, state.secrets)
    finally:
        if state.deadline is not None:
            state.deadline.close()
    return FetchOutcome(
        url=url,
        worker_pid=os.getpid(),
        worker_thread=threading.current_thread().name,
        started_mono=started,
        finished_mono=time.monotonic(),
        status=state.status,
        nbytes=state.nbytes,
        failure=failure,
    )


class _FetchState:
    """What is known so far, so a failure can report how far the fetch got."""

    def __init__(self, url: str, timeout: float, started: float) -> None:
        self.url = url
        self.timeout = timeout
        self.started = started
        self.deadline: Deadline | None = None
        self.redirects: SafeRedirectHandler | None = None
        self.status: int | None = None
        self.nbytes = 0
        self.secrets: tuple[str, ...] = ()

    @property
    def current_url(self) -> str:
        return self.redirects.current_url if self.redirects else self.url

    @property
    def expired(self) -> bool:
        return self.deadline is not None and self.deadline.expired

    def timed_out(self) -> Refusal:
        return Refusal(Failure(FailureKind.TIMEOUT, limit=self.timeout, count=self.nbytes))


def _fetch(url: str, timeout: float, verify_tls: bool, max_bytes: int, state: _FetchState) -> None:
    if not (isinstance(timeout, (int, float)) and timeout > 0):
        raise ValueError(f"timeout={timeout!r}")
    try:
        target = normalize_url(url)
    except UrlError as exc:
        raise Refusal(exc.failure) from None
    if target is None:
        raise Refusal(Failure(FailureKind.BLANK_URL))
    target, authorization = _credentials(target, state)
    state.deadline = Deadline(timeout, state.started)
    state.redirects = SafeRedirectHandler(target, authorization)
    opener = build_opener(state.redirects, state.deadline, verify_tls)
    request = urllib.request.Request(target, headers={"User-Agent": USER_AGENT})
    if authorization:
        # "Unredirected": urllib never copies it to a redirect; our redirect
        # handler adds it back only for the same origin.
        request.add_unredirected_header("Authorization", authorization)
    with opener.open(request, timeout=timeout) as response:
        state.status = response.status
        declared = _content_length(response)
        if declared is not None and declared > max_bytes:
            raise Refusal(Failure(FailureKind.TOO_LARGE, limit=max_bytes, count=declared))
        _count_body(response, max_bytes, state)
        if state.expired and not response.chunked and state.nbytes != declared:
            # The watchdog shut the socket: the read ended, the page did not.
            raise state.timed_out()
        if declared is not None and state.nbytes < declared:
            raise Refusal(Failure(FailureKind.CLOSED_EARLY, count=state.nbytes, expected=declared))


def _count_body(response: http.client.HTTPResponse, max_bytes: int, state: _FetchState) -> None:
    # read1 returns whatever arrived, so the deadline is checked often even
    # when the server trickles; read(n) would wait for all n bytes.
    read = getattr(response, "read1", response.read)
    assert state.deadline is not None
    while True:
        if state.expired or time.monotonic() > state.deadline.at:
            raise state.timed_out()
        chunk = read(CHUNK_BYTES)
        if not chunk:
            return
        state.nbytes += len(chunk)
        if state.nbytes > max_bytes:
            raise Refusal(Failure(FailureKind.TOO_LARGE, limit=max_bytes, count=state.nbytes))


def _credentials(target: str, state: _FetchState) -> tuple[str, str]:
    """(the URL without ``user:password@``, its Authorization header or "")."""
    bare, user, password = split_userinfo(target)
    if user is None:
        return target, ""
    typed = urlsplit(target).password or ""
    state.secrets = tuple(s for s in (password, typed) if s)
    pair = f"{user}:{password or ''}".encode()
    return bare, "Basic " + base64.b64encode(pair).decode("ascii")


def _content_length(response: http.client.HTTPResponse) -> int | None:
    try:
        value = int(response.headers.get("Content-Length", ""))
    except ValueError:
        return None
    return value if value >= 0 else None
