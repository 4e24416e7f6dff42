"""An offline demo web site, so the pool experiment works without internet.

Serves pages of exact sizes, a slow page, error statuses, redirects (good,
looping, and one to ``file://``) and pages over the fetch size cap, on
127.0.0.1 only. Standard library only; bodies are streamed from one
repeated 64 KiB block, so even a 64 MiB page costs no memory.
"""

from __future__ import annotations

import http.server
import socket
import sys
import threading
from html import escape
from http import HTTPStatus
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from workers.option_limits import DEFAULT_MAX_BYTES

HOST = "127.0.0.1"  # never 0.0.0.0: the demo site is for this machine only
PAGE_SIZES: dict[str, int] = {
    "/pages/1k": 1024,
    "/pages/10k": 10 * 1024,
    "/pages/100k": 100 * 1024,
    "/pages/1m": 1024 * 1024,
    "/pages/5m": 5 * 1024 * 1024,
    "/pages/10m": 10 * 1024 * 1024,
}
MAX_BYTES_ROUTE = 64 * 1024 * 1024  # the largest /bytes/<n>
MAX_SLOW_DELAY = 60.0  # the largest /slow?delay=S
_BLOCK = (b"Process Lab demo page: these bytes are only here to be counted.\n" * 1100)[: 64 * 1024]

# (path, what it shows) for the index page.
_OTHER_ROUTES = (
    ("/bytes/12345", "any size up to 64 MiB: /bytes/<n>"),
    ("/slow", "answers after a delay (the site's default)"),
    ("/slow?delay=5", "answers after 5 s (up to 60)"),
    ("/status/404", "HTTP 404 Not Found"),
    ("/status/500", "HTTP 500 Internal Server Error"),
    ("/status/418", "any status: /status/<code>"),
    ("/redirect", "302 to /pages/1k"),
    ("/redirect-loop", "302 to itself, forever"),
    ("/redirect-to-file", "302 to file:///etc/passwd, which the fetcher must refuse"),
    ("/too-large", "one byte over the fetch size cap, with Content-Length"),
    ("/too-large-chunked", "the same without Content-Length: the reader must count"),
)


class _DemoServer(http.server.ThreadingHTTPServer):
    """The HTTP server, plus what the handlers need to know about the site."""

    daemon_threads = True  # a stuck client never keeps the program alive
    allow_reuse_address = True  # restart on the same port right after a stop

    def __init__(self, port: int, slow_delay: float) -> None:
        super().__init__((HOST, port), _DemoHandler)
        self.slow_delay = slow_delay
        # Set on stop, so /slow handlers wake up instead of sleeping on.
        self.stopping = threading.Event()

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hung up is normal here (the fetcher stops reading big
        # pages on purpose); anything else is a bug worth printing.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _DemoHandler(http.server.BaseHTTPRequestHandler):
    """Routes one request; see the index page for the list."""

    server: _DemoServer
    server_version = "ProcessLabDemo/1.0"
    timeout = 30  # seconds per socket operation, so a vanished client frees the thread

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: tests and the CLI print their own story

    def do_GET(self) -> None:
        try:
            self._route()
        except (ConnectionError, TimeoutError):
            self.close_connection = True  # the client left; nothing to tell it

    do_HEAD = do_GET

    def _route(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        if path == "/":
            self._send_index()
        elif path in PAGE_SIZES:
            self._send_sized(PAGE_SIZES[path], "text/plain; charset=utf-8")
        elif path.startswith("/bytes/"):
            size = _parse_int(path.removeprefix("/bytes/"))
            if size is None or size > MAX_BYTES_ROUTE:
                self._send_text(HTTPStatus.BAD_REQUEST, f"size must be 0 to {MAX_BYTES_ROUTE}\n")
            else:
                self._send_sized(size, "application/octet-stream")
        elif path == "/slow":
            self._send_slow(parse_qs(parts.query).get("delay", [""])[-1])
        elif path.startswith("/status/"):
            code = _parse_int(path.removeprefix("/status/"))
            if code is None or not 200 <= code <= 599:
                self._send_text(HTTPStatus.BAD_REQUEST, "status must be 200 to 599\n")
            else:
                self._send_text(code, f"this is status {code}, on purpose\n")
        elif path == "/redirect":
            self._send_redirect("/pages/1k")
        elif path == "/redirect-loop":
            self._send_redirect("/redirect-loop")
        elif path == "/redirect-to-file":
            self._send_redirect("file:///etc/passwd")
        elif path == "/too-large":
            self._send_sized(DEFAULT_MAX_BYTES + 1, "application/octet-stream")
        elif path == "/too-large-chunked":
            self._send_sized(DEFAULT_MAX_BYTES + 1, "application/octet-stream", length=False)
        else:
            self._send_text(HTTPStatus.NOT_FOUND, f"no page at {path}; see / for the list\n")

    def _send_index(self) -> None:
        links = [(p, f"exactly {n} bytes") for p, n in PAGE_SIZES.items()]
        items = "\n".join(
            f'<li><a href="{escape(p)}">{escape(p)}</a>: {escape(what)}</li>'
            for p, what in (*links, *_OTHER_ROUTES)
        )
        body = (
            "<!doctype html>\n<html><head><meta charset='utf-8'>"
            "<title>Process Lab demo site</title></head><body>\n"
            f"<h1>Process Lab demo site</h1>\n<ul>\n{items}\n</ul>\n</body></html>\n"
        ).encode()
        self._send_bytes(HTTPStatus.OK, body, "text/html; charset=utf-8")

    def _send_slow(self, delay_text: str) -> None:
        delay = self.server.slow_delay
        if delay_text:
            try:
                delay = float(delay_text)
            except ValueError:
                delay = -1.0
            if not 0 <= delay <= MAX_SLOW_DELAY:
                self._send_text(
                    HTTPStatus.BAD_REQUEST, f"delay must be 0 to {MAX_SLOW_DELAY:g} seconds\n"
                )
                return
        self.server.stopping.wait(delay)
        self._send_text(HTTPStatus.OK, f"sorry for the wait: {delay:g} s\n")

    def _send_redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_text(self, code: int, text: str) -> None:
        self._send_bytes(code, text.encode(), "text/plain; charset=utf-8")

    def _send_bytes(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        if code in (HTTPStatus.NO_CONTENT, HTTPStatus.NOT_MODIFIED):
            body = b""  # these statuses may not carry a body
        else:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_sized(self, size: int, content_type: str, length: bool = True) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(size))
        else:
            # No length: the end of the body is the end of the connection.
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command == "HEAD":
            return
        block = memoryview(_BLOCK)
        remaining = size
        while remaining > 0:
            piece = block[: min(remaining, len(block))]
            self.wfile.write(piece)
            remaining -= len(piece)


def _parse_int(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= 12 else None


class DemoSite:
    """The demo site on 127.0.0.1, in a background thread or the foreground.

    The port is bound as soon as the object exists (port 0 picks a free one),
    so ``base_url`` is known before serving starts. Always ``stop()`` it, or
    use it as a context manager, which starts and stops it.
    """

    def __init__(self, port: int = 0, slow_delay: float = 2.0) -> None:
        self._server = _DemoServer(port, slow_delay)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._serving = False  # a serve_forever loop runs (or is about to)
        self._stopped = False

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + ("" if path.startswith("/") else "/") + path

    def page_urls(self) -> list[str]:
        """The sized pages, smallest first: a ready-made list for a demo run."""
        return [self.url(path) for path in PAGE_SIZES]

    def expected_sizes(self) -> dict[str, int]:
        """Full URL of each sized page -> its exact size in bytes."""
        return {self.url(path): size for path, size in PAGE_SIZES.items()}

    def start(self) -> DemoSite:
        """Serve in a daemon thread; returns self. Starting twice is harmless."""
        with self._lock:
            self._check_usable()
            if self._thread is None:
                self._serving = True
                self._thread = threading.Thread(
                    target=self._server.serve_forever,
                    kwargs={"poll_interval": 0.1},
                    name=f"demo-site:{self.port}",
                    daemon=True,
                )
                self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until stop() from another thread, or Ctrl+C.

        KeyboardInterrupt propagates to the caller; the socket is closed
        either way.
        """
        with self._lock:
            self._check_usable()
            if self._thread is not None:
                raise RuntimeError("the demo site is already serving in the background")
            self._serving = True
        try:
            self._server.serve_forever(poll_interval=0.1)
        finally:
            with self._lock:
                self._serving = False
            self.stop()

    def stop(self) -> None:
        """Stop serving and close the socket. Safe to call more than once."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            serving = self._serving
            thread = self._thread
        self._server.stopping.set()  # wake sleeping /slow handlers
        if serving:
            # Waits for the serve_forever loop to notice, at most poll_interval.
            self._server.shutdown()
        if thread is not None:
            thread.join(timeout=5.0)
        self._server.server_close()

    def _check_usable(self) -> None:
        if self._stopped:
            raise RuntimeError("this demo site was stopped; make a new one")

    def __enter__(self) -> DemoSite:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "stopped" if self._stopped else "serving" if self._serving else "ready"
        return f"<DemoSite {self.base_url} {state}>"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (right now)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])
