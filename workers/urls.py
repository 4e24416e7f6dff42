"""URLs as people type them: trimmed, given a scheme, and only http or https.

Qt-free; used by the command line, the window's URL list and the fetch job
(which checks again, so a refused URL is reported like any failure). A URL
that cannot be fetched raises :class:`UrlError`, whose ``failure`` is a
:class:`~workers.failures.Failure` (a kind and its details, never a sentence),
so the URL list editor and the fetch report the same codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from workers.failures import Failure, FailureKind

ALLOWED_SCHEMES = ("http", "https")

# "scheme://" is unambiguous; without "//" only these words count as a scheme,
# because urlsplit("localhost:8000/a") would call "localhost" a scheme.
_SCHEME_WITH_SLASHES = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_BARE_SCHEMES = frozenset(
    {"about", "blob", "data", "file", "ftp", "http", "https", "javascript", "mailto", "tel"}
    | {"vbscript", "view-source", "ws", "wss"}
)
_BARE_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


class UrlError(ValueError):
    """A URL typed by a person that cannot be fetched; ``failure`` says why, as data."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure)
        self.failure = failure

    def __str__(self) -> str:
        # For logs and tracebacks only: people read words made from the failure.
        return _failure_code(self.failure)


class SchemeNotAllowed(UrlError):
    """The URL is not http or https (``file:``, ``ftp:``, ``data:``, …)."""


def _failure_code(failure: Failure) -> str:
    filled = [
        f"{name}={value!r}"
        for name, value in vars(failure).items()
        if name != "kind" and value not in ("", None)
    ]
    return f"{failure.kind.value}({', '.join(filled)})"


def _bad_url(message: str) -> UrlError:
    return UrlError(Failure(FailureKind.BAD_URL, message=message))


def normalize_url(text: str) -> str | None:
    """Return ``text`` as an http(s) URL, None if it is blank, or raise UrlError.

    A URL without a scheme gets ``http://`` in front, as a browser would.
    """
    text = text.strip()
    if not text:
        return None
    if any(ch.isspace() for ch in text):
        raise _bad_url("whitespace in URL")
    if text.startswith("//"):
        text = "http:" + text
    match = _SCHEME_WITH_SLASHES.match(text)
    if match is None:
        bare = _BARE_SCHEME.match(text)
        if bare is None or bare.group(1).lower() not in _BARE_SCHEMES:
            text = "http://" + text
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise SchemeNotAllowed(Failure(FailureKind.SCHEME_NOT_ALLOWED, scheme=scheme))
    try:
        host = parts.hostname
        _ = parts.port  # raises ValueError for a port like ":99999"
    except ValueError as exc:
        raise _bad_url(str(exc)) from None
    if not host:
        raise _bad_url("no host")
    return urlunsplit(parts._replace(scheme=scheme))


def normalize_urls(
    lines: Iterable[str],
) -> tuple[list[str], list[tuple[int, str, Failure]]]:
    """Split lines of user input into good URLs and (line, text, failure) problems.

    Blank lines are skipped; line numbers count from 1 so people can find them.
    """
    if isinstance(lines, str):  # one block of text, not an iterable of characters
        lines = lines.splitlines()
    good: list[str] = []
    bad: list[tuple[int, str, Failure]] = []
    for number, line in enumerate(lines, start=1):
        try:
            url = normalize_url(line)
        except UrlError as exc:
            bad.append((number, line.strip(), exc.failure))
            continue
        if url is not None:
            good.append(url)
    return good, bad


def urls_from_lines(lines: Iterable[str]) -> list[str]:
    """Every non-blank line as a URL to fetch, normalised where it can be.

    A line that cannot be fetched (``file:///etc/passwd``) is kept as typed:
    the worker refuses it and the refusal is reported like any failure, so
    no line a person typed silently disappears.
    """
    urls = []
    for line in lines:
        try:
            url = normalize_url(line)
        except UrlError:
            url = line.strip()
        if url:
            urls.append(url)
    return urls
