"""Cutting a URL to a column's width: at the start of its path, never in its host.

``http://127.0.0.1:40000/pages/100k`` in a narrow Name column becomes
``http://127.0.0.1:40000/…ges/100k``: the host says *which site*, the end of
the path *which page*, and the class needs both. Only when even that does
not fit is the scheme dropped (``127.0.0.1:40000/…100k``), then the path
(``127.0.0.1:40000/…``); a host too wide for the column alone is cut at its
end, as any text would be. A name that is not a URL (a process called "17")
is cut at its end.

The text given is what the cell shows (already made safe by
:func:`workers.display_text.shown_url`); this only decides how much of it fits.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

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
    for head in (scheme + host + "/", host + "/"):
        room = width - metrics.horizontalAdvance(head)
        if room < 0:
            continue
        if not path:
            return head
        tail = metrics.elidedText(path, Qt.TextElideMode.ElideLeft, room)
        if len(tail) > 1:  # some of the path beside the "…", or else drop more
            return head + tail
    if metrics.horizontalAdvance(host + "/" + ELLIPSIS) <= width:
        return host + "/" + ELLIPSIS
    return metrics.elidedText(host, Qt.TextElideMode.ElideRight, width)


class UrlElideDelegate(QStyledItemDelegate):
    """Draws a Name cell with its URL cut by :func:`elide_url`."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if not option.text or option.rect.width() <= 0:
            return
        widget = option.widget
        margin = 3  # QCommonStyle leaves a focus frame's margin + 1 either side
        if widget is not None:
            frame = QStyle.PixelMetric.PM_FocusFrameHMargin
            margin = widget.style().pixelMetric(frame, None, widget) + 1
        room = option.rect.width() - 2 * margin
        option.text = elide_url(option.text, option.fontMetrics, room)
