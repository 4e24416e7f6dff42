"""The HTTP side of :mod:`workers.jobs.fetch`: urllib, kept on a short lead.

- :class:`Deadline` makes the fetch's timeout a limit on the *whole* fetch.
  A per-read socket timeout is not one: a server that sends its headers a
  byte a second answers every read in time and is never stopped. So every
  socket is opened with the time left as its timeout, and a watchdog timer
  shuts the socket down at the deadline, which wakes any read blocked on it,
  in the middle of the headers, the body or a TLS handshake. A timer thread,
  not a signal, so it works in pool processes and in thread workers alike.
  (The name lookup before a connection cannot be interrupted this way.)
- The opener is built by hand: only http and https handlers, redirects only
  to http(s) and at most :data:`MAX_REDIRECTS`, a ``user:password@`` sent as
  basic authentication only to the origin it was typed for, and the system
  proxies except for this machine.

Cheap to import (every pool worker does) and Qt-free.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.request
from collections.abc import Callable
from email.message import Message
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

from workers.failures import Failure, FailureKind
from workers.urls import ALLOWED_SCHEMES, UrlError, normalize_url, split_userinfo

MAX_REDIRECTS = 10


class Refusal(Exception):
    """A failure the fetch diagnosed itself, already as data."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure)
        self.failure = failure


class Deadline:
    """The time limit for one whole fetch, kept whatever the server does.

    ``watch`` a socket and it is shut down when the time is up; ``close``
    when the fetch is over (it stops the timer). ``expired`` tells a read
    that came back empty or broken *because* of the deadline.
    """

    def __init__(self, seconds: float, start: float | None = None) -> None:
        self.seconds = seconds
        self.at = (time.monotonic() if start is None else start) + seconds
        self.expired = False
        self._lock = threading.Lock()
        self._watched: list[socket.socket] = []
        self._timer: threading.Timer | None = None

    def remaining(self) -> float:
        """Seconds left; raises TimeoutError when there are none."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        return left

    def watch(self, sock: socket.socket) -> None:
        # A duplicate of the descriptor: shutting it down ends the connection
        # for every handle on it, and it stays valid after ssl wraps (and
        # detaches) the original socket object.
        dup = sock.dup()
        with self._lock:
            self._watched.append(dup)
            if self.expired:
                _shut(dup)
            elif self._timer is None:  # started on the first connection only
                self._timer = threading.Timer(max(self.at - time.monotonic(), 0), self._expire)
                self._timer.name = "fetch-deadline"
                self._timer.daemon = True
                self._timer.start()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._watched:
                _shut(sock)

    def close(self) -> None:
        """Stop the timer (its thread has ended on return) and let go of the sockets."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()  # at once: cancel wakes it; joined outside the lock it may need
        with self._lock:
            for sock in self._watched:
                sock.close()
            self._watched.clear()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing left to wake
        sock.shutdown(socket.SHUT_RDWR)


class _WatchedConnection(http.client.HTTPConnection):
    """Connects with the time the fetch has left and hands its socket to the deadline."""

    deadline: Deadline

    def connect(self) -> None:
        self.timeout = self.deadline.remaining()
        super().connect()
        self.deadline.watch(self.sock)


class _WatchedTlsConnection(http.client.HTTPSConnection, _WatchedConnection):
    """HTTPS: the method order puts the watch on the plain socket, before the
    TLS handshake (HTTPSConnection.connect calls ours, then wraps)."""


def _maker(cls: type[_WatchedConnection], deadline: Deadline) -> Callable[..., Any]:
    def make(host: str, **kwargs: Any) -> _WatchedConnection:
        connection = cls(host, **kwargs)
        connection.deadline = deadline
        return connection

    return make


class _HttpHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self._make = _maker(_WatchedConnection, deadline)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._make, req)


class _HttpsHandler(urllib.request.HTTPSHandler):
    """Makes its TLS context on the first https request, so plain http pages
    do not pay for loading the certificate store."""

    def __init__(self, deadline: Deadline, verify_tls: bool) -> None:
        super().__init__()
        self._make = _maker(_WatchedTlsConnection, deadline)
        self._verify_tls = verify_tls

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._make, req, context=_tls_context(self._verify_tls))


@functools.lru_cache(maxsize=2)
def _tls_context(verify_tls: bool) -> ssl.SSLContext:
    # Loading the certificate store takes ~30 ms: once per worker is enough.
    context = ssl.create_default_context()
    if not verify_tls:
        # The lesson's ssl._create_unverified_context(), spelt publicly.
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.scheme, (parts.hostname or "").lower(), port


class SafeRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows redirects only to http(s), at most MAX_REDIRECTS times.

    The stock handler happily follows ``ftp://`` and reports a loop as an
    opaque HTTPError; this one names the problem. It remembers the URL it is
    on, so a DNS error after a redirect names the right host, and it sends
    ``authorization`` again only to the origin it was meant for.
    """

    # Ours fires first; these only keep the stock loop check out of the way.
    max_repeats = MAX_REDIRECTS + 1
    max_redirections = MAX_REDIRECTS + 1

    def __init__(self, url: str, authorization: str = "") -> None:
        super().__init__()
        self.current_url = url
        self.hops = 0
        self._authorization = authorization
        self._origin = _origin(url)

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
                raise Refusal(Failure(FailureKind.REDIRECT_SCHEME, scheme=scheme))
            if self.hops >= MAX_REDIRECTS:
                fp.close()
                raise Refusal(Failure(FailureKind.TOO_MANY_REDIRECTS, limit=MAX_REDIRECTS))
            self.hops += 1
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        try:
            # The same rules as a typed URL: IDNA host, percent-encoded path.
            normalized = normalize_url(newurl)
        except UrlError as exc:
            fp.close()
            raise Refusal(exc.failure) from None
        if normalized is None:
            return None
        # Credentials in a Location header are not used.
        newurl = split_userinfo(normalized)[0]
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            self.current_url = newurl
            if self._authorization and _origin(newurl) == self._origin:
                new.add_unredirected_header("Authorization", self._authorization)
        return new


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
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_opener(
    redirects: SafeRedirectHandler, deadline: Deadline, verify_tls: bool
) -> urllib.request.OpenerDirector:
    # Built by hand, not with build_opener(): that one also installs the file,
    # ftp and data handlers, which must never be reachable from here.
    opener = urllib.request.OpenerDirector()
    for handler in (
        _ProxyHandler(),
        urllib.request.UnknownHandler(),
        _HttpHandler(deadline),
        _HttpsHandler(deadline, verify_tls),
        urllib.request.HTTPDefaultErrorHandler(),
        redirects,
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener
