"""The pool's URL list as a text file: one URL a line.

Reading skips blank lines and comment lines (``#`` first, after any
spaces); a ``#`` inside a URL (a fragment) is kept. Writing puts one line
of comment first, so the file says what it is. Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

HEADER = "# Process Lab: pages for the process pool, one URL a line"


def urls_from_text(text: str) -> list[str]:
    """The URLs in ``text``: each line stripped, blank and ``#`` lines skipped."""
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def read_url_file(path: str | Path) -> list[str]:
    """The URLs in the file at ``path`` (UTF-8; a byte-order mark is allowed).
    Raises OSError or UnicodeDecodeError as reading does."""
    return urls_from_text(Path(path).read_text(encoding="utf-8-sig"))


def write_url_file(path: str | Path, urls: Iterable[str]) -> int:
    """Write ``urls`` to ``path``, one a line after the header; the number written."""
    lines = [url.strip() for url in urls if url.strip()]
    Path(path).write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return len(lines)
