"""URLs as people type them: trimmed, given a scheme, and only http or https.

Qt-free; used by the command line, the window's URL list and the fetch job
(which checks again, so a refused URL is reported like any failure).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

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
    """A URL typed by a person that cannot be fetched; the message says why."""


class SchemeNotAllowed(UrlError):
    """The URL is not http or https (``file:``, ``ftp:``, ``data:``, …)."""


def scheme_refusal(scheme: str) -> str:
    return f"scheme '{scheme}' is not allowed: only http and https pages are fetched"


def normalize_url(text: str) -> str | None:
    """Return ``text`` as an http(s) URL, None if it is blank, or raise UrlError.

    A URL without a scheme gets ``http://`` in front, as a browser would.
    """
    text = text.strip()
    if not text:
        return None
    if any(ch.isspace() for ch in text):
        raise UrlError("a URL cannot contain spaces")
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
        raise SchemeNotAllowed(scheme_refusal(scheme))
    try:
        host = parts.hostname
        _ = parts.port  # raises ValueError for a port like ":99999"
    except ValueError as exc:
        raise UrlError(f"not a valid address: {exc}") from None
    if not host:
        raise UrlError("the URL has no host name")
    return urlunsplit(parts._replace(scheme=scheme))


def normalize_urls(lines: Iterable[str]) -> tuple[list[str], list[tuple[int, str, str]]]:
    """Split lines of user input into good URLs and (line, text, reason) problems.

    Blank lines are skipped; line numbers count from 1 so people can find them.
    """
    if isinstance(lines, str):  # one block of text, not an iterable of characters
        lines = lines.splitlines()
    good: list[str] = []
    bad: list[tuple[int, str, str]] = []
    for number, line in enumerate(lines, start=1):
        try:
            url = normalize_url(line)
        except UrlError as exc:
            bad.append((number, line.strip(), str(exc)))
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
