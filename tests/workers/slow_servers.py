"""Small misbehaving servers on 127.0.0.1, for the fetch's fault tests.

Each :class:`RawServer` accepts connections in a thread and hands each one to
a behaviour: a function of (socket, the request's bytes, a stop event). The
behaviours here do what a real web server should not: trickle the headers or
the body a byte at a time, accept and never answer, stall in the middle of a
TLS handshake. ``RawServer.requests`` keeps every request head it read, so a
test can check the exact request line and headers a fetch sent.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from types import TracebackType

HOST = "127.0.0.1"
TRICKLE_S = 0.1  # well under any timeout a test uses: a per-read timeout never fires

Behaviour = Callable[[socket.socket, bytes, threading.Event], None]


class RawServer:
    """A TCP server on 127.0.0.1 whose every connection runs ``behaviour``.

    Use as a context manager: on exit it wakes every behaviour (``stop``),
    closes the sockets and joins its threads, so no test leaves one running.
    """

    def __init__(self, behaviour: Behaviour, read_request: bool = True) -> None:
        self.behaviour = behaviour
        self.read_request = read_request
        self.requests: list[bytes] = []
        self.stop = threading.Event()
        self._listener = socket.create_server((HOST, 0))
        self._listener.settimeout(0.1)  # so the accept loop notices stop
        self.port: int = self._listener.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._accepter = threading.Thread(target=self._accept_loop, daemon=True)

    def url(self, path: str = "/", scheme: str = "http", host: str = HOST) -> str:
        return f"{scheme}://{host}:{self.port}{path}"

    def __enter__(self) -> RawServer:
        self._accepter.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop.set()
        self._accepter.join(timeout=5)
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()

    def _accept_loop(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(0.1)
            head = self._read_head(conn) if self.read_request else b""
            if head is None:
                return
            self.requests.append(head)
            # The client hanging up is what these tests expect.
            with contextlib.suppress(OSError):
                self.behaviour(conn, head, self.stop)

    def _read_head(self, conn: socket.socket) -> bytes | None:
        data = b""
        while b"\r\n\r\n" not in data and not self.stop.is_set():
            try:
                chunk = conn.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return None
            if not chunk:
                return None
            data += chunk
        return data.partition(b"\r\n\r\n")[0]


def request_line(head: bytes) -> bytes:
    return head.split(b"\r\n", 1)[0]


def header(head: bytes, name: str) -> str | None:
    """The value of header ``name`` in a request head, or None."""
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.decode("latin-1").partition(":")
        if key.strip().lower() == name.lower():
            return value.strip()
    return None


# -- behaviours ------------------------------------------------------------------


def _trickle(conn: socket.socket, data: bytes, stop: threading.Event) -> None:
    for i in range(len(data)):
        if stop.wait(TRICKLE_S):
            return
        conn.sendall(data[i : i + 1])


def header_trickle(conn: socket.socket, head: bytes, stop: threading.Event) -> None:
    """Headers one byte at a time, and so many that they never end."""
    _trickle(conn, b"HTTP/1.1 200 OK\r\n" + b"X-Slow: y\r\n" * 100_000, stop)


def body_trickle(conn: socket.socket, head: bytes, stop: threading.Event) -> None:
    """Prompt headers promising a megabyte, then the body one byte at a time."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n")
    _trickle(conn, b"x" * 1_000_000, stop)


def silent(conn: socket.socket, head: bytes, stop: threading.Event) -> None:
    """Accept, read the request, never answer."""
    stop.wait()


def tls_trickle(conn: socket.socket, head: bytes, stop: threading.Event) -> None:
    """A TLS handshake record that promises 16 KiB and trickles it: the
    client's handshake never finishes and no single read ever times out."""
    conn.sendall(b"\x16\x03\x03\x40\x00")
    _trickle(conn, b"\x02" + b"\x00" * 16_383, stop)


def answer(body: bytes = b"hello\n", status: bytes = b"200 OK") -> Behaviour:
    """A well-behaved answer (the request is kept in ``RawServer.requests``)."""

    def behave(conn: socket.socket, head: bytes, stop: threading.Event) -> None:
        conn.sendall(
            b"HTTP/1.1 "
            + status
            + b"\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
            + body
        )

    return behave


def needs_basic_auth(expected: str, redirect_to: str = "") -> Behaviour:
    """200 only with ``Authorization: Basic <expected>``, else 401; with
    ``redirect_to``, a request to /go is sent there (302) first."""

    def behave(conn: socket.socket, head: bytes, stop: threading.Event) -> None:
        if redirect_to and request_line(head).startswith(b"GET /go "):
            location = redirect_to.encode()
            conn.sendall(
                b"HTTP/1.1 302 Found\r\nLocation: " + location + b"\r\n"
                b"Content-Length: 0\r\nConnection: close\r\n\r\n"
            )
            return
        if header(head, "Authorization") == f"Basic {expected}":
            answer(b"welcome\n")(conn, head, stop)
        else:
            answer(b"who are you?\n", b"401 Unauthorized")(conn, head, stop)

    return behave
