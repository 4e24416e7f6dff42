"""Text from outside (URLs, servers' and exceptions' words) made safe to show.

A URL can be 100 kB long, hold a NUL, or a U+202E RIGHT-TO-LEFT OVERRIDE
that makes ``http://evil/<U+202E>gpj.exe`` read as ``…exe.jpg``. :func:`shown`
cuts such text once, keeping its start and end, and writes every invisible
or direction-changing character as a visible escape (``\\x00``,
``\\u202e``). :func:`mask_credentials` hides the password in a URL, and
:func:`shown_url` does both, in that order. All are for display only: the
data keeps the full text (for a tooltip or export).

Qt-free, used by the command line and the window alike, and fast: cutting a
100 kB line touches only the characters kept.
"""

from __future__ import annotations

DEFAULT_LIMIT = 200  # characters of the original text kept
ELLIPSIS = "…"

# Other (Cc control, Cf format: bidi overrides, zero-width, soft hyphen;
# Cs lone surrogates) and the line and paragraph separators: invisible, or
# they change how the text around them reads. Spaces and letters stay.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_MAX_SCHEME = 40  # "://" further in than this is not after a scheme
_MAX_AUTHORITY = 4096  # user:password@host:port longer than this is not looked into


def shown(text: str, limit: int = DEFAULT_LIMIT) -> str:
    """``text`` for display: at most ``limit`` of its characters, with the
    middle cut to "…" when longer, and invisible characters escaped.

    Escapes can make the result longer than ``limit`` (at most 10 characters
    each); a short, plain text comes back as it is.
    """
    if len(text) > limit:
        limit = max(limit, 3)
        head = (limit - 1) * 2 // 3  # the start (scheme, host) matters most
        tail = limit - 1 - head
        text = text[:head] + ELLIPSIS + (text[-tail:] if tail else "")
    if text.isprintable():  # the common case, checked in C
        return text
    return text.translate(_ESCAPES)


def shown_url(url: str, limit: int = DEFAULT_LIMIT) -> str:
    """``shown(mask_credentials(url), limit)``, at the cost of a short URL
    however long ``url`` is (masking first, so a cut cannot separate a
    password from the "@" that marks it)."""
    prefix = _MAX_SCHEME + 3 + _MAX_AUTHORITY  # all that mask_credentials reads
    if len(url) <= prefix + limit:
        return shown(mask_credentials(url), limit)
    # The cut keeps at most `limit` characters from each end: mask the start,
    # take the end as it is, and let shown() cut between them.
    return shown(mask_credentials(url[:prefix]) + url[-limit:], limit)


class _Escapes(dict[int, str]):
    """str.translate's table: each character's escape, worked out once."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        escaped = _visible(ch)
        if len(self) < _MAX_REMEMBERED:
            self[code] = escaped
        return escaped


def _visible(ch: str) -> str:
    if ch.isprintable():
        return ch
    import unicodedata  # only when there is something to escape

    if unicodedata.category(ch) not in _ESCAPED_CATEGORIES:
        return ch  # a space such as U+00A0, a private-use or unassigned character
    if ch in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[ch]
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


_MAX_REMEMBERED = 4096
_ESCAPES = _Escapes()


def mask_credentials(url: str) -> str:
    """``url`` with the password in ``user:password@`` as ``***``.

    Works on any text, typed with or without a scheme, and never raises;
    text without a password comes back unchanged.
    """
    start = url.find("://", 0, _MAX_SCHEME)
    start = 0 if start < 0 else start + 3
    # Only the authority's first characters are searched, so a 100 kB line
    # costs no more than a short one.
    window = url[start : start + _MAX_AUTHORITY]
    end = min((i for i in map(window.find, "/?#") if i >= 0), default=len(window))
    at = window.rfind("@", 0, end)
    if at < 0:
        return url
    colon = window.find(":", 0, at)
    if colon < 0:
        return url  # a user name alone is not a secret
    return url[: start + colon + 1] + "***" + url[start + at :]


__all__ = ["DEFAULT_LIMIT", "ELLIPSIS", "mask_credentials", "shown", "shown_url"]
