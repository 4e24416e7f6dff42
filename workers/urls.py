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
from urllib.parse import quote, unquote, urlsplit, urlunsplit

TYPE_CHECKING = False  # not typing's: the fetch job's children import this module
if TYPE_CHECKING:
    from workers.failures import Failure

ALLOWED_SCHEMES = ("http", "https")
MAX_URL_CHARS = 8192  # longer URLs are refused before fetching (most servers stop at 8 kB)

# What stays as typed, as the WHATWG URL standard's percent-encode sets have it:
# printable ASCII minus a few characters per part ("%" stays: "%xx" is kept).
_PRINTABLE = "".join(chr(c) for c in range(0x21, 0x7F))
_PATH_SAFE = "".join(ch for ch in _PRINTABLE if ch not in '"#<>?`{}')
_QUERY_SAFE = "".join(ch for ch in _PRINTABLE if ch not in '"#<>')
_FRAGMENT_SAFE = "".join(ch for ch in _PRINTABLE if ch not in '"<>`')
_USERINFO_SAFE = "".join(ch for ch in _PATH_SAFE if ch not in "/:;=@[\\]^|")
_HOST_FORBIDDEN = frozenset([chr(c) for c in range(0x21)] + ["\x7f"] + list('#%/:<>?@[\\]^|"`{}'))

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


# The failure classes are imported where a URL is refused, not above: the
# window checks its lesson's URLs before its first paint, and creating
# those classes cost that paint about 2 ms.


def _bad_url(message: str) -> UrlError:
    from workers.failures import Failure, FailureKind

    return UrlError(Failure(FailureKind.BAD_URL, message=message))


def normalize_url(text: str) -> str | None:
    """Return ``text`` as an http(s) URL, None if it is blank, or raise UrlError.

    As a browser does: a URL without a scheme gets ``http://`` in front; a
    host name in another script (or in full-width letters) is NFKC-normalised
    and IDNA-encoded (``пример.рф`` becomes ``xn--e1afmkfd.xn--p1ai``); the
    path, query and fragment are percent-encoded as UTF-8 where they are not
    plain printable ASCII (``/café`` becomes ``/caf%C3%A9``; ``%xx`` already
    there is kept). So the result is ASCII, and no control character (NUL,
    U+202E) can reach a request line. ``user:password@`` is kept: the fetch
    sends it as HTTP basic authentication, never in the request line.
    """
    text = text.strip()
    if not text:
        return None
    if len(text) > MAX_URL_CHARS:  # before any other work: a pasted megabyte stops here
        raise _too_long(len(text))
    if any(ch.isspace() for ch in text):
        raise _bad_url("whitespace in URL")
    if text.startswith("//"):
        text = "http:" + text
    match = _SCHEME_WITH_SLASHES.match(text)
    if match is None:
        bare = _BARE_SCHEME.match(text)
        if bare is None or bare.group(1).lower() not in _BARE_SCHEMES:
            text = "http://" + text
    try:
        parts = urlsplit(text)
    except ValueError as exc:  # e.g. "[::1" or a full-width ":" in the host
        raise _parser_said(exc, text) from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        from workers.failures import Failure, FailureKind

        raise SchemeNotAllowed(Failure(FailureKind.SCHEME_NOT_ALLOWED, scheme=scheme))
    try:
        _ = parts.port  # raises ValueError for a port like ":99999"
    except ValueError as exc:
        raise _parser_said(exc, text) from None
    userinfo, at, hostport = parts.netloc.rpartition("@")
    host, port = _split_host_port(hostport)
    if not host:
        raise _bad_url("no host")
    netloc = _ascii_host(host) + port
    if at:
        netloc = _quote_userinfo(userinfo) + "@" + netloc
    try:
        url = urlunsplit(
            (
                scheme,
                netloc,
                _quote(parts.path, _PATH_SAFE),
                _quote(parts.query, _QUERY_SAFE),
                _quote(parts.fragment, _FRAGMENT_SAFE),
            )
        )
    except UnicodeEncodeError as exc:  # a lone surrogate has no UTF-8
        raise _bad_url(f"{exc.reason}: U+{ord(exc.object[exc.start]):04X}") from None
    if len(url) > MAX_URL_CHARS:  # percent-encoding makes a URL up to 9 times longer
        raise _too_long(len(url))
    return url


def split_userinfo(url: str) -> tuple[str, str | None, str | None]:
    """``(url without user:password@, user, password)``, both decoded; None where
    the URL has none. For a URL ``normalize_url`` returned."""
    parts = urlsplit(url)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    if not at:
        return url, None, None
    user, colon, password = userinfo.partition(":")
    bare = urlunsplit(parts._replace(netloc=hostport))
    return bare, unquote(user), unquote(password) if colon else None


def _parser_said(exc: Exception, text: str) -> UrlError:
    # The parser may quote the netloc, password and all: the password goes.
    return _bad_url(_printable(str(exc)).replace(_typed_password(text) or "\0", "***"))


def _printable(text: str) -> str:
    """Outside text with control characters as escapes, so none reaches a screen raw."""
    return text if text.isprintable() else text.encode("ascii", "backslashreplace").decode()


def _typed_password(text: str) -> str:
    """The password in a URL as typed (still percent-encoded), or ""; never raises."""
    authority = text.partition("://")[2] if "://" in text else text
    for end in "/?#":
        authority = authority.partition(end)[0]
    userinfo, at, _ = authority.rpartition("@")
    return userinfo.partition(":")[2] if at else ""


def _too_long(count: int) -> UrlError:
    from workers.failures import Failure, FailureKind

    return UrlError(Failure(FailureKind.URL_TOO_LONG, count=count, limit=MAX_URL_CHARS))


def _split_host_port(hostport: str) -> tuple[str, str]:
    """(host, ":port" or "") as typed; brackets kept around an IPv6 address."""
    if hostport.startswith("["):
        host, bracket, rest = hostport.partition("]")
        return host + bracket, rest
    host, colon, port = hostport.partition(":")
    return host, colon + port


def _ascii_host(host: str) -> str:
    """The host as DNS wants it; ASCII host names are kept as typed."""
    if host.isascii():
        bad = next((ch for ch in host if ch in _HOST_FORBIDDEN), None)
        if bad is not None and not host.startswith("["):
            raise _bad_url(f"invalid host character U+{ord(bad):04X}")
        return host
    import unicodedata  # only for hosts in other scripts: keeps the import cheap

    try:
        # NFKC first, as browsers do: full-width "ｌｏｃａｌｈｏｓｔ" is "localhost".
        return unicodedata.normalize("NFKC", host).encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise _bad_url(_printable(f"IDNA: {exc.__cause__ or exc}")) from None


def _quote(text: str, safe: str) -> str:
    # quote() returns at once when nothing needs encoding.
    return quote(text, safe=safe, errors="strict")


def _quote_userinfo(userinfo: str) -> str:
    user, colon, password = userinfo.partition(":")
    return _quote(user, _USERINFO_SAFE) + colon + _quote(password, _USERINFO_SAFE)


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
