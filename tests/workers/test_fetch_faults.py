"""fetch_url against servers and URLs that misbehave (issue 8).

Each test starts its own small server on 127.0.0.1 (``slow_servers``): one
that trickles its headers a byte at a time, one that trickles the body, one
that accepts and never answers, one that stalls a TLS handshake; and plain
servers that record the request they got, to check what a fetch sends for
credentials, international host names, non-ASCII paths and control characters.
"""

from __future__ import annotations

import base64
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from tests.workers.slow_servers import (
    RawServer,
    answer,
    body_trickle,
    header,
    header_trickle,
    needs_basic_auth,
    request_line,
    silent,
    tls_trickle,
)
from workers.demo_site import free_port
from workers.failures import Failure, FailureKind
from workers.jobs.fetch import fetch_url
from workers.jobs.fetch_failures import without_secrets
from workers.urls import MAX_URL_CHARS

DEADLINE_S = 1.0
SLACK_S = 1.0  # the fetch must end within the deadline plus this
TIMEOUT = 10.0  # for fetches that should succeed: generous


def assert_timed_out_in_time(outcome_duration: float, failure: Failure | None) -> None:
    assert failure is not None
    assert (failure.kind, failure.limit) == (FailureKind.TIMEOUT, DEADLINE_S)
    assert DEADLINE_S - 0.05 <= outcome_duration < DEADLINE_S + SLACK_S


# --- 4: the timeout is a deadline for the whole fetch --------------------------


@pytest.mark.parametrize(
    ("behaviour", "scheme", "read_request"),
    [
        (header_trickle, "http", True),
        (body_trickle, "http", True),
        (silent, "http", True),
        (silent, "https", False),  # accepts, never starts the TLS handshake
        (tls_trickle, "https", False),  # starts it and never finishes
    ],
    ids=["header-trickle", "body-trickle", "never-answers", "tls-silent", "tls-trickle"],
)
def test_deadline_stops_any_slow_server(behaviour, scheme: str, read_request: bool) -> None:  # type: ignore[no-untyped-def]
    with RawServer(behaviour, read_request=read_request) as server:
        outcome = fetch_url(server.url(scheme=scheme), DEADLINE_S)
    assert_timed_out_in_time(outcome.duration, outcome.failure)
    assert outcome.failure is not None
    assert outcome.failure.count == outcome.nbytes


def test_body_trickle_reports_the_bytes_it_got() -> None:
    with RawServer(body_trickle) as server:
        outcome = fetch_url(server.url(), DEADLINE_S)
    assert outcome.status == 200
    assert outcome.failure is not None and outcome.failure.kind == FailureKind.TIMEOUT
    assert 0 < outcome.nbytes == outcome.failure.count < 1_000_000


def test_deadline_spans_redirects() -> None:
    # Each hop answers in 0.3 s, well within any one read's timeout; ten of
    # them would take 3 s, so the deadline must be for the whole chain.
    def slow_redirect(conn, head, stop) -> None:  # type: ignore[no-untyped-def]
        if not stop.wait(0.3):
            conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n")

    with RawServer(slow_redirect) as server:
        outcome = fetch_url(server.url(), DEADLINE_S)
    assert_timed_out_in_time(outcome.duration, outcome.failure)


def test_deadline_in_a_thread_worker() -> None:
    with RawServer(header_trickle) as server, ThreadPoolExecutor(1, "fetcher") as pool:
        outcome = pool.submit(fetch_url, server.url(), DEADLINE_S).result(timeout=30)
    assert outcome.worker_thread.startswith("fetcher")
    assert outcome.worker_pid == os.getpid()
    assert_timed_out_in_time(outcome.duration, outcome.failure)


def test_deadline_in_a_process_worker() -> None:
    ctx = multiprocessing.get_context("spawn")
    with RawServer(header_trickle) as server, ProcessPoolExecutor(1, mp_context=ctx) as pool:
        outcome = pool.submit(fetch_url, server.url(), DEADLINE_S).result(timeout=60)
    assert outcome.worker_pid != os.getpid()
    assert_timed_out_in_time(outcome.duration, outcome.failure)


def test_no_timer_thread_outlives_a_fetch() -> None:
    with RawServer(answer()) as server:
        outcome = fetch_url(server.url(), TIMEOUT)
    assert outcome.ok, outcome.failure
    assert not [t for t in threading.enumerate() if t.name == "fetch-deadline"]


# --- 6: long URLs are refused before fetching ----------------------------------


@pytest.mark.parametrize("extra", [1, 100_000])
def test_too_long_url_is_refused_before_fetching(extra: int) -> None:
    with RawServer(answer()) as server:
        url = server.url("/" + "a" * (MAX_URL_CHARS + extra))
        outcome = fetch_url(url, TIMEOUT)
        assert server.requests == []
    assert outcome.failure == Failure(FailureKind.URL_TOO_LONG, count=len(url), limit=MAX_URL_CHARS)
    assert (outcome.status, outcome.nbytes) == (None, 0)


def test_url_just_under_the_limit_is_fetched() -> None:
    with RawServer(answer()) as server:
        base = server.url("/")
        url = base + "a" * (MAX_URL_CHARS - len(base))
        outcome = fetch_url(url, TIMEOUT)
        assert outcome.ok, outcome.failure
        assert len(request_line(server.requests[0])) > MAX_URL_CHARS - len(base)


# --- 7: user:password@ is sent as basic authentication -------------------------


def _basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def test_credentials_are_sent_as_basic_auth() -> None:
    with RawServer(needs_basic_auth(_basic("ann", "s3cret"))) as server:
        outcome = fetch_url(server.url("/x").replace("://", "://ann:s3cret@"), TIMEOUT)
        head = server.requests[0]
    assert outcome.ok, outcome.failure
    assert outcome.status == 200
    assert request_line(head) == b"GET /x HTTP/1.1"
    assert header(head, "Host") == f"127.0.0.1:{server.port}"
    assert b"s3cret" not in head  # only its base64, in the header


def test_percent_encoded_password_is_decoded() -> None:
    with RawServer(needs_basic_auth(_basic("ann", "p@ss:wörd"))) as server:
        outcome = fetch_url(server.url().replace("://", "://ann:p%40ss:w%C3%B6rd@"), TIMEOUT)
    assert outcome.ok, outcome.failure


def test_wrong_password_is_http_401_and_never_shown() -> None:
    with RawServer(needs_basic_auth(_basic("ann", "right"))) as server:
        outcome = fetch_url(server.url().replace("://", "://ann:wrong-pw@"), TIMEOUT)
    assert outcome.failure == Failure(FailureKind.HTTP_STATUS, status=401, phrase="Unauthorized")


def test_credentials_follow_a_redirect_on_the_same_origin() -> None:
    with RawServer(needs_basic_auth(_basic("ann", "pw"), redirect_to="/landed")) as server:
        outcome = fetch_url(server.url("/go").replace("://", "://ann:pw@"), TIMEOUT)
        landed = server.requests[1]
    assert outcome.ok, outcome.failure
    assert request_line(landed) == b"GET /landed HTTP/1.1"


def test_credentials_never_follow_a_redirect_to_another_host() -> None:
    server = RawServer(answer())
    # "localhost" is another host to the browser rule, though the same server.
    elsewhere = server.url("/landed", host="localhost")
    server.behaviour = needs_basic_auth(_basic("ann", "pw"), redirect_to=elsewhere)
    with server:
        outcome = fetch_url(server.url("/go").replace("://", "://ann:pw@"), TIMEOUT)
        heads = list(server.requests)
    assert header(heads[0], "Authorization") == f"Basic {_basic('ann', 'pw')}"
    assert len(heads) == 2, outcome.failure
    assert request_line(heads[1]) == b"GET /landed HTTP/1.1"
    assert header(heads[1], "Authorization") is None
    assert outcome.failure == Failure(FailureKind.HTTP_STATUS, status=401, phrase="Unauthorized")


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://ann:hunter2@127.0.0.1:{port}/", FailureKind.REFUSED),
        ("http://ann:hunter2@h\uff1a80/", FailureKind.BAD_URL),  # the parser quotes the netloc
        ("http://ann:hunter2@a\u202eb/", FailureKind.BAD_URL),
        ("ftp://ann:hunter2@127.0.0.1/", FailureKind.SCHEME_NOT_ALLOWED),
    ],
)
def test_password_never_reaches_a_failure(url: str, kind: FailureKind) -> None:
    outcome = fetch_url(url.format(port=free_port()), TIMEOUT)
    assert outcome.failure is not None
    assert outcome.failure.kind == kind
    assert "hunter2" not in repr(outcome.failure)


def test_password_in_a_parser_message_is_masked() -> None:
    outcome = fetch_url("http://ann:hunter2@h\uff1a80/", TIMEOUT)
    assert outcome.failure is not None
    assert "ann:***@" in outcome.failure.message


def test_without_secrets_masks_every_form_of_the_password() -> None:
    failure = Failure(FailureKind.ERROR, message="at p@ss here", detail="url u:p%40ss@h")
    masked = without_secrets(failure, ["p@ss"])
    assert (masked.message, masked.detail) == ("at *** here", "url u:***@h")


# --- 8: international host names, non-ASCII paths -----------------------------


def test_full_width_host_and_non_ascii_path_are_encoded() -> None:
    with RawServer(answer()) as server:
        url = f"http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54:{server.port}/café"
        outcome = fetch_url(url, TIMEOUT)
        head = server.requests[0]
    assert outcome.ok, outcome.failure
    assert request_line(head) == b"GET /caf%C3%A9 HTTP/1.1"
    assert header(head, "Host") == f"localhost:{server.port}"


def test_non_ascii_query_is_encoded_and_existing_escapes_kept() -> None:
    with RawServer(answer()) as server:
        outcome = fetch_url(server.url("/a%20b/ü?q=ü&r=%41#frag"), TIMEOUT)
        head = server.requests[0]
    assert outcome.ok, outcome.failure
    # The fragment stays in the browser: it is never sent.
    assert request_line(head) == b"GET /a%20b/%C3%BC?q=%C3%BC&r=%41 HTTP/1.1"


def test_unresolvable_international_host_is_named() -> None:
    outcome = fetch_url("http://пример.invalid/", TIMEOUT)
    assert outcome.failure is not None
    if outcome.failure.kind != FailureKind.HOST_NOT_FOUND:
        pytest.skip(f"this resolver did not fail .invalid as expected: {outcome.failure!r}")
    assert outcome.failure.host == "пример.invalid"


@pytest.mark.parametrize(
    "url",
    [
        "http://a\u202eb/",  # a bidi override in a host name
        "http://" + "é" * 64 + ".example/",  # a label over 63 characters
        "http://a..b\u00e9/",  # an empty label
        "http://h/\ud800",  # a lone surrogate has no UTF-8
        "http://a\x00b/",  # NUL in a host
    ],
)
def test_what_cannot_be_encoded_is_bad_url(url: str) -> None:
    outcome = fetch_url(url, TIMEOUT)
    assert outcome.failure is not None
    assert outcome.failure.kind == FailureKind.BAD_URL
    assert outcome.failure.message
    assert outcome.failure.message.isprintable()  # escaped, never raw


# --- 11: control characters never reach the request line -----------------------


def test_control_characters_in_a_path_are_percent_encoded() -> None:
    with RawServer(answer()) as server:
        outcome = fetch_url(server.url("/a\x00b\u202ec\x7f"), TIMEOUT)
        head = server.requests[0]
    assert outcome.ok, outcome.failure
    assert request_line(head) == b"GET /a%00b%E2%80%AEc%7F HTTP/1.1"


@pytest.mark.parametrize("bad", ["\r\nX-Injected: 1", "\n", "\t"])
def test_line_breaks_cannot_inject_headers(bad: str) -> None:
    with RawServer(answer()) as server:
        outcome = fetch_url(server.url("/a" + bad + "b"), TIMEOUT)
        assert server.requests == []
    assert outcome.failure is not None and outcome.failure.kind == FailureKind.BAD_URL
