"""The offline demo site, checked with a plain HTTP client (no redirects followed)."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

from workers.demo_site import MAX_BYTES_ROUTE, PAGE_SIZES, DemoSite
from workers.options import DEFAULT_MAX_BYTES

TIMEOUT = 10.0


@contextmanager
def _get(site: DemoSite, path: str, method: str = "GET") -> Iterator[http.client.HTTPResponse]:
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=TIMEOUT)
    try:
        conn.request(method, path)
        with conn.getresponse() as response:
            yield response
    finally:
        conn.close()


def _count_body(response: http.client.HTTPResponse) -> int:
    total = 0
    while chunk := response.read(64 * 1024):
        total += len(chunk)
    return total


def _wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def test_binds_loopback_only(demo_site: DemoSite) -> None:
    parts = urlsplit(demo_site.base_url)
    assert (parts.scheme, parts.hostname, parts.port) == ("http", "127.0.0.1", demo_site.port)
    assert demo_site.url("/pages/1k") == demo_site.base_url + "/pages/1k"
    assert demo_site.url("pages/1k") == demo_site.base_url + "/pages/1k"


def test_page_lists_agree(demo_site: DemoSite) -> None:
    assert PAGE_SIZES["/pages/1m"] == 1_048_576
    assert demo_site.page_urls() == [demo_site.url(p) for p in PAGE_SIZES]
    assert demo_site.expected_sizes() == {demo_site.url(p): n for p, n in PAGE_SIZES.items()}
    assert sorted(PAGE_SIZES.values()) == [1024, 10240, 102400, 1048576, 5242880, 10485760]


@pytest.mark.parametrize(("path", "size"), PAGE_SIZES.items())
def test_sized_pages(demo_site: DemoSite, path: str, size: int) -> None:
    with _get(demo_site, path) as response:
        assert response.status == 200
        assert response.headers["Content-Length"] == str(size)
        assert response.headers["Content-Type"].startswith("text/plain")
        assert _count_body(response) == size


def test_index_links_every_route(demo_site: DemoSite) -> None:
    with _get(demo_site, "/") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/html")
        html = response.read().decode()
    for path in [*PAGE_SIZES, "/bytes/", "/slow", "/status/404", "/status/500", "/redirect"]:
        assert f'href="{path}' in html
    for path in ["/redirect-loop", "/redirect-to-file", "/too-large", "/too-large-chunked"]:
        assert f'href="{path}"' in html


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 300_001])
def test_bytes_any_size(demo_site: DemoSite, size: int) -> None:
    with _get(demo_site, f"/bytes/{size}") as response:
        assert response.status == 200
        assert response.headers["Content-Length"] == str(size)
        assert _count_body(response) == size


@pytest.mark.parametrize("path", [f"/bytes/{MAX_BYTES_ROUTE + 1}", "/bytes/-1", "/bytes/x"])
def test_bytes_rejects_bad_sizes(demo_site: DemoSite, path: str) -> None:
    with _get(demo_site, path) as response:
        assert response.status == 400
        response.read()


@pytest.mark.parametrize("code", [404, 500, 418, 503])
def test_status_routes(demo_site: DemoSite, code: int) -> None:
    with _get(demo_site, f"/status/{code}") as response:
        assert response.status == code
        assert response.read()


def test_unknown_path_is_404(demo_site: DemoSite) -> None:
    with _get(demo_site, "/no/such/page") as response:
        assert response.status == 404
        response.read()


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/redirect", "/pages/1k"),
        ("/redirect-loop", "/redirect-loop"),
        ("/redirect-to-file", "file:///etc/passwd"),
    ],
)
def test_redirects(demo_site: DemoSite, path: str, location: str) -> None:
    with _get(demo_site, path) as response:
        assert response.status == 302
        assert response.headers["Location"] == location
        response.read()


def test_too_large_declares_its_length(demo_site: DemoSite) -> None:
    with _get(demo_site, "/too-large", method="HEAD") as response:
        assert response.status == 200
        assert response.headers["Content-Length"] == str(DEFAULT_MAX_BYTES + 1)


def test_too_large_chunked_must_be_counted(demo_site: DemoSite) -> None:
    with _get(demo_site, "/too-large-chunked") as response:
        assert response.status == 200
        assert response.headers["Content-Length"] is None
        assert response.headers["Connection"] == "close"
        assert _count_body(response) == DEFAULT_MAX_BYTES + 1


def test_head_sends_no_body(demo_site: DemoSite) -> None:
    with _get(demo_site, "/pages/10k", method="HEAD") as response:
        assert response.headers["Content-Length"] == "10240"
        assert response.read() == b""


def test_slow_waits_for_the_delay(demo_site: DemoSite) -> None:
    started = time.monotonic()
    with _get(demo_site, "/slow?delay=0.3") as response:
        assert response.status == 200
        response.read()
    assert time.monotonic() - started >= 0.3


@pytest.mark.parametrize("delay", ["61", "-1", "soon"])
def test_slow_rejects_bad_delays(demo_site: DemoSite, delay: str) -> None:
    with _get(demo_site, f"/slow?delay={delay}") as response:
        assert response.status == 400
        response.read()


def test_slow_default_delay() -> None:
    with DemoSite(slow_delay=0.2) as site:
        started = time.monotonic()
        with _get(site, "/slow") as response:
            assert response.status == 200
            response.read()
        assert 0.2 <= time.monotonic() - started < 5


def test_stop_is_idempotent_and_closes_the_port() -> None:
    site = DemoSite().start()
    with _get(site, "/pages/1k") as response:
        assert _count_body(response) == 1024
    site.stop()
    site.stop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", site.port), timeout=TIMEOUT).close()
    with pytest.raises(RuntimeError, match="stopped"):
        site.start()


def test_context_manager_stops_even_unstarted_sites() -> None:
    with DemoSite() as site:
        assert "serving" in repr(site)
    assert "stopped" in repr(site)
    DemoSite().stop()  # bound but never started: stop still closes the socket


def test_stop_wakes_a_slow_request_quickly() -> None:
    site = DemoSite(slow_delay=30).start()
    before = threading.active_count()
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=TIMEOUT)
    try:
        conn.request("GET", "/slow")
        # Once a handler thread has the request, stopping must cut its 30 s wait short.
        _wait_until(lambda: threading.active_count() > before)
        started = time.monotonic()
        site.stop()
        assert time.monotonic() - started < 2
        with conn.getresponse() as response:  # the woken handler still answers
            assert response.status == 200
            response.read()
    finally:
        conn.close()


def test_serve_forever_in_foreground_until_stopped() -> None:
    site = DemoSite()
    thread = threading.Thread(target=site.serve_forever)
    thread.start()
    try:
        with _get(site, "/pages/1k") as response:
            assert _count_body(response) == 1024
    finally:
        site.stop()
        thread.join(timeout=10)
    assert not thread.is_alive()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", site.port), timeout=TIMEOUT).close()


def test_client_hanging_up_is_silent(capfd: pytest.CaptureFixture[str]) -> None:
    before = threading.active_count()
    with DemoSite() as site:
        for _ in range(3):
            with _get(site, "/pages/10m") as response:
                assert response.read(10) == b"Process La"
            # closing mid-body makes the server's writes fail
        _wait_until(lambda: threading.active_count() <= before + 1)  # only serve_forever
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
