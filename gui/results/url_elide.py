"""Cutting a URL to a column's width: at the start of its path, never in its host.

``http://127.0.0.1:40000/pages/100k`` in a narrow Name column becomes
``http://127.0.0.1:40000/…/100k``: the host says *which site*, the end of
the path *which page*, and the class needs both. The path keeps whole
segments where one fits (``…/100k`` rather than ``…ges/100k``), dropping
the scheme when that is what it takes (``127.0.0.1:40000/…/100k``); then as
much of the path's end as fits, then none (``127.0.0.1:40000/…``). Only a
host too wide for the column alone is cut at its end, as any text would
be, and so is a name that is not a URL (a process called "17").

The text given is what the cell shows (already made safe by
:func:`workers.display_text.shown_url`); this only decides how much of it fits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

ELLIPSIS = "…"
#: "://" further in than this is not after a scheme.
_MAX_SCHEME = 40


def split_url(text: str) -> tuple[str, str, str]:
    """``(scheme + "://", host[:port], rest)``; ("", "", text) for a non-URL."""
    mark = text.find("://", 0, _MAX_SCHEME + 3)
    if mark <= 0:
        return "", "", text
    start = mark + 3
    ends = [i for i in (text.find(c, start) for c in "/?#") if i >= 0]
    end = min(ends) if ends else len(text)
    return text[:start], text[start:end], text[end:]


def elide_url(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` cut to fit ``width`` pixels at ``metrics`` (see the module docstring)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    scheme, host, rest = split_url(text)
    if not host:
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    path = rest[1:] if rest.startswith("/") else rest
    cuts: list[tuple[str, str]] = []  # (head, tail)
    for head in (scheme + host + "/", host + "/"):
        room = width - metrics.horizontalAdvance(head)
        if room < 0:
            continue
        if not path:
            return head
        tail = metrics.elidedText(path, Qt.TextElideMode.ElideLeft, room)
        slash = tail.find("/")
        if tail.startswith(ELLIPSIS) and 0 < slash < len(tail) - 1:
            tail = ELLIPSIS + tail[slash:]  # whole segments: "…/10m", not "…es/10m"
        if tail == path or tail.startswith(ELLIPSIS + "/"):
            return head + tail  # whole segments, the scheme kept if it can be
        if len(tail) > 1:  # some of the path beside the "…"
            cuts.append((head, tail))
    if cuts:
        head, tail = max(cuts, key=lambda cut: len(cut[1]))  # the most of the path
        return head + tail
    if metrics.horizontalAdvance(host + "/" + ELLIPSIS) <= width:
        return host + "/" + ELLIPSIS
    return metrics.elidedText(host, Qt.TextElideMode.ElideRight, width)
