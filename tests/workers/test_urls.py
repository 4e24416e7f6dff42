"""URLs as people type them: normalised, or refused with a reason."""

from __future__ import annotations

import pytest

from workers.failures import Failure, FailureKind
from workers.urls import (
    MAX_URL_CHARS,
    SchemeNotAllowed,
    UrlError,
    normalize_url,
    normalize_urls,
    split_userinfo,
    urls_from_lines,
)

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


# --- as a browser would send it: IDNA hosts, percent-encoded paths ------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://пример.localhost/", "http://xn--e1afmkfd.localhost/"),
        ("пример.рф", "http://xn--e1afmkfd.xn--p1ai"),
        ("http://Пример.localhost:8000/x", "http://xn--e1afmkfd.localhost:8000/x"),
        # Full-width letters are NFKC-normalised first, as browsers do.
        (
            "http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54:8000/",
            "http://localhost:8000/",
        ),
        ("http://bücher.example/", "http://xn--bcher-kva.example/"),
        ("http://h/café", "http://h/caf%C3%A9"),
        ("http://h/a%20b%zz", "http://h/a%20b%zz"),  # existing escapes stay as typed
        ("http://h/?q=é&x=%41", "http://h/?q=%C3%A9&x=%41"),
        ("http://h/a<b>", "http://h/a%3Cb%3E"),
        ("http://h/a#é", "http://h/a#%C3%A9"),
        ("http://[::1]:8000/", "http://[::1]:8000/"),
    ],
)
def test_normalize_url_encodes_as_a_browser_does(text: str, expected: str) -> None:
    assert normalize_url(text) == expected
    assert expected.isascii()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://h/a\x00b", "http://h/a%00b"),
        ("http://h/\u202egpj.exe", "http://h/%E2%80%AEgpj.exe"),
        ("http://h/?q=\x7f", "http://h/?q=%7F"),
    ],
)
def test_control_characters_in_a_path_are_percent_encoded(text: str, expected: str) -> None:
    assert normalize_url(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "http://a\x00b/",
        "http://a\u202eb/",
        "http://a\x01b/",
        "http://a<b/",
        "http://exa mple.com/",
        "http://h/a\r\nX-Injected: 1",
        "http://h/\ud800",
        "http://" + "é" * 64 + ".example/",
    ],
)
def test_what_cannot_be_encoded_is_bad_url(text: str) -> None:
    with pytest.raises(UrlError) as caught:
        normalize_url(text)
    failure = caught.value.failure
    assert failure.kind == FailureKind.BAD_URL
    assert failure.message.isprintable()


def test_url_too_long_is_refused_with_its_length() -> None:
    text = "http://h/" + "a" * MAX_URL_CHARS
    with pytest.raises(UrlError) as caught:
        normalize_url(text)
    assert caught.value.failure == Failure(
        FailureKind.URL_TOO_LONG, count=len(text), limit=MAX_URL_CHARS
    )


def test_url_too_long_once_percent_encoded() -> None:
    text = "http://h/" + "é" * 3000  # 3009 characters typed, 18009 encoded
    with pytest.raises(UrlError) as caught:
        normalize_url(text)
    assert caught.value.failure == Failure(
        FailureKind.URL_TOO_LONG, count=9 + 3000 * 6, limit=MAX_URL_CHARS
    )


def test_url_at_the_limit_is_fine() -> None:
    text = "http://h/" + "a" * (MAX_URL_CHARS - 9)
    assert normalize_url(text) == text


def test_urls_from_lines_keeps_a_too_long_line_for_the_worker_to_refuse() -> None:
    long_line = "http://h/" + "a" * MAX_URL_CHARS
    assert urls_from_lines([long_line]) == [long_line]


# --- credentials ------------------------------------------------------------------


def test_normalize_url_keeps_credentials_for_the_fetch() -> None:
    assert normalize_url("http://ann:pw@h:80/x") == "http://ann:pw@h:80/x"
    # An "@" in the password: the last "@" ends the user information.
    assert normalize_url("http://ann:p@ss@h/") == "http://ann:p%40ss@h/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://ann:p%40ss@h:80/x", ("http://h:80/x", "ann", "p@ss")),
        ("http://ann@h/", ("http://h/", "ann", None)),
        ("http://ann:@h/", ("http://h/", "ann", "")),
        ("http://h/x@y", ("http://h/x@y", None, None)),
    ],
)
def test_split_userinfo(url: str, expected: tuple[str, str | None, str | None]) -> None:
    assert split_userinfo(url) == expected


def test_parser_message_never_holds_the_password() -> None:
    with pytest.raises(UrlError) as caught:
        normalize_url("http://ann:hunter2@h\uff1a80/")
    failure = caught.value.failure
    assert failure.kind == FailureKind.BAD_URL
    assert "hunter2" not in repr(failure)
    assert "ann:***@" in failure.message
