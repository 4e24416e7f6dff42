"""fetch_url against the real demo site on loopback."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from workers.demo_site import PAGE_SIZES, DemoSite, free_port
from workers.failures import Failure, FailureKind
from workers.jobs.fetch import FetchOutcome, fetch_url
from workers.options import DEFAULT_MAX_BYTES

TIMEOUT = 10.0  # generous: a loopback page takes milliseconds


# --- fetch_url against the demo site ----------------------------------------


@pytest.mark.parametrize(("path", "size"), sorted(PAGE_SIZES.items(), key=lambda kv: kv[1]))
def test_sized_pages_have_exact_size(demo_site: DemoSite, path: str, size: int) -> None:
    outcome = fetch_url(demo_site.url(path), TIMEOUT)
    assert outcome.ok, outcome.failure
    assert (outcome.failure, outcome.status, outcome.nbytes) == (None, 200, size)
    assert outcome.worker_pid == os.getpid()
    assert outcome.worker_thread == threading.current_thread().name
    assert outcome.started_mono <= outcome.finished_mono


def test_expected_sizes_match_fetches(demo_site: DemoSite) -> None:
    for url, size in demo_site.expected_sizes().items():
        assert fetch_url(url, TIMEOUT).nbytes == size


def test_http_404(demo_site: DemoSite) -> None:
    outcome = fetch_url(demo_site.url("/status/404"), TIMEOUT)
    assert not outcome.ok
    assert outcome.status == 404
    assert outcome.failure == Failure(FailureKind.HTTP_STATUS, status=404, phrase="Not Found")


def test_http_500(demo_site: DemoSite) -> None:
    outcome = fetch_url(demo_site.url("/status/500"), TIMEOUT)
    assert (outcome.ok, outcome.status) == (False, 500)
    assert outcome.failure == Failure(
        FailureKind.HTTP_STATUS, status=500, phrase="Internal Server Error"
    )


def test_redirect_is_followed(demo_site: DemoSite) -> None:
    outcome = fetch_url(demo_site.url("/redirect"), TIMEOUT)
    assert outcome.ok, outcome.failure
    assert outcome.nbytes == PAGE_SIZES["/pages/1k"]


def test_redirect_loop(demo_site: DemoSite) -> None:
    outcome = fetch_url(demo_site.url("/redirect-loop"), TIMEOUT)
    assert not outcome.ok
    assert outcome.failure == Failure(FailureKind.TOO_MANY_REDIRECTS, limit=10)


def test_redirect_to_file_is_refused(demo_site: DemoSite) -> None:
    outcome = fetch_url(demo_site.url("/redirect-to-file"), TIMEOUT)
    assert (outcome.ok, outcome.nbytes) == (False, 0)
    assert outcome.failure == Failure(FailureKind.REDIRECT_SCHEME, scheme="file")


@pytest.mark.parametrize(
    ("url", "scheme"),
    [("file:///etc/passwd", "file"), ("ftp://127.0.0.1/x", "ftp"), ("data:text/plain,hi", "data")],
)
def test_fetch_refuses_other_schemes_before_reading(url: str, scheme: str) -> None:
    outcome = fetch_url(url, TIMEOUT)
    assert (outcome.ok, outcome.nbytes, outcome.status) == (False, 0, None)
    assert outcome.failure == Failure(FailureKind.SCHEME_NOT_ALLOWED, scheme=scheme)


def test_connection_refused() -> None:
    port = free_port()
    outcome = fetch_url(f"http://127.0.0.1:{port}/", TIMEOUT)
    assert not outcome.ok
    assert outcome.failure == Failure(FailureKind.REFUSED, host="127.0.0.1", port=port)


def test_slow_page_times_out(demo_site: DemoSite) -> None:
    outcome = fetch_url(demo_site.url("/slow?delay=3"), 0.5)
    assert not outcome.ok
    assert outcome.failure == Failure(FailureKind.TIMEOUT, limit=0.5, count=0)
    assert outcome.duration < 2.5  # gave up long before the page came


def test_slow_page_within_timeout(demo_site: DemoSite) -> None:
    outcome = fetch_url(demo_site.url("/slow?delay=0.2"), TIMEOUT)
    assert outcome.ok, outcome.failure
    assert outcome.duration >= 0.2


def test_too_large_by_content_length_reads_nothing(demo_site: DemoSite) -> None:
    outcome = fetch_url(demo_site.url("/pages/1m"), TIMEOUT, max_bytes=100 * 1024)
    assert (outcome.ok, outcome.nbytes) == (False, 0)
    assert outcome.failure == Failure(
        FailureKind.TOO_LARGE, limit=100 * 1024, count=PAGE_SIZES["/pages/1m"]
    )


def test_too_large_default_cap(demo_site: DemoSite) -> None:
    outcome = fetch_url(demo_site.url("/too-large"), TIMEOUT)
    assert (outcome.ok, outcome.nbytes) == (False, 0)
    assert outcome.failure == Failure(
        FailureKind.TOO_LARGE, limit=DEFAULT_MAX_BYTES, count=DEFAULT_MAX_BYTES + 1
    )


def test_too_large_without_content_length_is_counted(demo_site: DemoSite) -> None:
    outcome = fetch_url(demo_site.url("/too-large-chunked"), TIMEOUT, max_bytes=200_000)
    assert outcome.failure is not None
    assert (outcome.failure.kind, outcome.failure.limit) == (FailureKind.TOO_LARGE, 200_000)
    assert 200_000 < outcome.nbytes < DEFAULT_MAX_BYTES  # stopped soon after the cap
    assert outcome.failure.count == outcome.nbytes


def test_page_exactly_at_cap_is_fine(demo_site: DemoSite) -> None:
    outcome = fetch_url(demo_site.url("/bytes/5000"), TIMEOUT, max_bytes=5000)
    assert (outcome.ok, outcome.nbytes) == (True, 5000)


def test_dns_failure() -> None:
    # .invalid is reserved (RFC 6761): it never resolves, with or without internet.
    outcome = fetch_url("http://nonexistent.invalid/", TIMEOUT)
    assert outcome.failure is not None
    if outcome.failure.kind != FailureKind.HOST_NOT_FOUND:
        pytest.skip(f"this resolver did not fail .invalid as expected: {outcome.failure!r}")
    assert outcome.failure.host == "nonexistent.invalid"


def test_loopback_bypasses_proxy(demo_site: DemoSite, monkeypatch: pytest.MonkeyPatch) -> None:
    # A system proxy must not swallow requests for the demo site on this machine.
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{free_port()}")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    outcome = fetch_url(demo_site.url("/pages/1k"), TIMEOUT)
    assert outcome.ok, outcome.failure


@pytest.mark.parametrize("url", ["", "   "])
def test_blank_url_is_an_outcome(url: str) -> None:
    outcome = fetch_url(url, 1.0)
    assert outcome.failure == Failure(FailureKind.BLANK_URL)


def test_bad_timeout_is_an_outcome() -> None:
    outcome = fetch_url("http://x/", 0.0)
    assert outcome.failure is not None
    assert (outcome.failure.kind, outcome.failure.exc_type) == (FailureKind.ERROR, "ValueError")


def test_never_raises_on_nonsense() -> None:
    outcome = fetch_url(None, 1.0)  # type: ignore[arg-type]
    assert outcome.failure is not None
    assert outcome.failure.kind == FailureKind.ERROR
    assert outcome.failure.exc_type == "AttributeError"


# --- plain data, across processes -------------------------------------------


def test_outcomes_pickle(demo_site: DemoSite) -> None:
    for path in ("/pages/1k", "/status/404", "/redirect-loop"):
        outcome = fetch_url(demo_site.url(path), TIMEOUT)
        copy = pickle.loads(pickle.dumps(outcome))
        assert copy == outcome
        assert isinstance(copy, FetchOutcome)
        values = list(vars(copy).values())
        if copy.failure is not None:
            values.remove(copy.failure)
            values += [v for k, v in vars(copy.failure).items() if k != "kind"]
        assert all(isinstance(value, (str, int, float, bool, type(None))) for value in values)


def test_fetch_in_spawned_pool(demo_site: DemoSite) -> None:
    ctx = multiprocessing.get_context("spawn")
    expected = {
        demo_site.url("/pages/10k"): PAGE_SIZES["/pages/10k"],
        demo_site.url("/pages/100k"): PAGE_SIZES["/pages/100k"],
        demo_site.url("/status/404"): 0,
    }
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        futures = {pool.submit(fetch_url, url, TIMEOUT): url for url in expected}
        outcomes = {futures[f]: f.result(timeout=60) for f in futures}
    for url, outcome in outcomes.items():
        assert outcome.url == url
        assert outcome.nbytes == expected[url]
        assert outcome.worker_pid != os.getpid()
    failure = outcomes[demo_site.url("/status/404")].failure
    assert failure == Failure(FailureKind.HTTP_STATUS, status=404, phrase="Not Found")


# --- TLS, with a throwaway self-signed certificate ---------------------------


class _HelloHandler(BaseHTTPRequestHandler):
    timeout = 5

    def do_GET(self) -> None:
        body = b"hello over TLS\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _TlsServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, context: ssl.SSLContext) -> None:
        super().__init__(("127.0.0.1", 0), _HelloHandler)
        self.context = context

    def get_request(self) -> tuple[socket.socket, object]:
        sock, address = super().get_request()
        # The handshake happens on first read, in the handler's thread.
        return self.context.wrap_socket(
            sock, server_side=True, do_handshake_on_connect=False
        ), address

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the verifying client hangs up mid-handshake, on purpose


# A one-day self-signed certificate for 127.0.0.1 (an EC key: quick to make).
_SELF_SIGNED_ARGS = (
    *("req", "-x509", "-nodes", "-days", "1"),
    *("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
    *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
)


@pytest.fixture
def tls_url(tmp_path: Path) -> Iterator[str]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    made = subprocess.run(
        [openssl, *_SELF_SIGNED_ARGS, "-keyout", str(key), "-out", str(cert)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"openssl could not make a certificate: {made.stderr.decode()[-200:]}")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = _TlsServer(context)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def test_tls_self_signed_fails_when_verifying(tls_url: str) -> None:
    outcome = fetch_url(tls_url, TIMEOUT, verify_tls=True)
    assert outcome.failure is not None
    assert (outcome.failure.kind, outcome.failure.host) == (
        FailureKind.TLS_CERTIFICATE,
        "127.0.0.1",
    )
    assert outcome.failure.message  # the verifier's own reason


def test_tls_self_signed_passes_unverified(tls_url: str) -> None:
    outcome = fetch_url(tls_url, TIMEOUT, verify_tls=False)
    assert outcome.ok, outcome.failure
    assert outcome.nbytes == len(b"hello over TLS\n")
