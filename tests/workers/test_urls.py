"""URLs as people type them: normalised, or refused with a reason."""

from __future__ import annotations

import pytest

from workers.failures import Failure, FailureKind
from workers.urls import SchemeNotAllowed, UrlError, normalize_url, normalize_urls, urls_from_lines

# --- normalize_url ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://example.com/", "http://example.com/"),
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
        ("  https://example.com/x \n", "https://example.com/x"),
        ("example.com/x", "http://example.com/x"),
        ("example.com", "http://example.com"),
        ("localhost:8000/a", "http://localhost:8000/a"),
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("HTTP://Example.com/", "http://Example.com/"),
        ("//example.com/x", "http://example.com/x"),
        ("example.com/?next=http://other.org", "http://example.com/?next=http://other.org"),
    ],
)
def test_normalize_url_accepts_and_adds_http(text: str, expected: str) -> None:
    assert normalize_url(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_normalize_url_blank_is_none(text: str) -> None:
    assert normalize_url(text) is None


@pytest.mark.parametrize(
    ("text", "scheme"),
    [
        ("file:///etc/passwd", "file"),
        ("ftp://ftp.example.com/x", "ftp"),
        ("data:text/plain,hello", "data"),
        ("mailto:someone@example.com", "mailto"),
        ("javascript:alert(1)", "javascript"),
        ("FILE:///etc/passwd", "file"),
    ],
)
def test_normalize_url_refuses_other_schemes(text: str, scheme: str) -> None:
    with pytest.raises(SchemeNotAllowed) as caught:
        normalize_url(text)
    assert caught.value.failure == Failure(FailureKind.SCHEME_NOT_ALLOWED, scheme=scheme)
    assert isinstance(caught.value, UrlError)


@pytest.mark.parametrize("text", ["http://", "https:///path", "http:example.com"])
def test_normalize_url_refuses_missing_host(text: str) -> None:
    with pytest.raises(UrlError) as caught:
        normalize_url(text)
    assert caught.value.failure == Failure(FailureKind.BAD_URL, message="no host")


@pytest.mark.parametrize("text", ["http://exa mple.com/", "http://example.com:99999/"])
def test_normalize_url_refuses_malformed(text: str) -> None:
    with pytest.raises(UrlError) as caught:
        normalize_url(text)
    failure = caught.value.failure
    assert failure.kind == FailureKind.BAD_URL
    assert failure.message  # what the parser said, as technical detail


def test_normalize_urls_skips_blanks_and_reports_bad_lines() -> None:
    lines = [
        "example.com/a",
        "",
        "   ",
        "  https://example.org  ",
        "file:///etc/passwd",
        "localhost:8000/x",
        "http://",
    ]
    good, bad = normalize_urls(lines)
    assert good == ["http://example.com/a", "https://example.org", "http://localhost:8000/x"]
    assert [(number, text) for number, text, _ in bad] == [
        (5, "file:///etc/passwd"),
        (7, "http://"),
    ]
    assert bad[0][2] == Failure(FailureKind.SCHEME_NOT_ALLOWED, scheme="file")
    assert bad[1][2] == Failure(FailureKind.BAD_URL, message="no host")


def test_normalize_urls_accepts_a_block_of_text() -> None:
    good, bad = normalize_urls("example.com\n\nftp://x\n")
    assert good == ["http://example.com"]
    assert [(n, t) for n, t, _ in bad] == [(3, "ftp://x")]


def test_urls_from_lines_keeps_every_typed_line_so_none_vanishes() -> None:
    lines = ["  example.com ", "", "file:///etc/passwd", "https://a.example/x"]
    assert urls_from_lines(lines) == [
        "http://example.com",
        "file:///etc/passwd",  # kept as typed: the worker refuses it, with the reason
        "https://a.example/x",
    ]


def test_url_error_prints_as_a_code_not_a_sentence() -> None:
    with pytest.raises(UrlError) as caught:
        normalize_url("ftp://x/")
    assert str(caught.value) == "scheme(scheme='ftp')"
