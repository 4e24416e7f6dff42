"""One pipe that every child of a run writes its reports into, with no lock.

A ``multiprocessing.Queue`` shared by many children guards its pipe with a
lock; a child killed while holding it (``kill -9`` mid-write) leaves it held
and every other child stalls. One pipe per child avoids that but costs two
descriptors, two ``Connection`` objects and a place in every ``wait()`` per
child. This module needs neither: POSIX makes a write of at most
``PIPE_BUF`` bytes to a pipe atomic, so each report goes out as one
``write()`` of at most that many bytes. Reports never interleave, and a
writer killed mid-write leaves either its whole report in the pipe or none
of it. (On Windows, multiprocessing's pipes are message pipes: each write
arrives as one message.)

A report is a tuple of plain values (str, int, float, None), encoded with
:mod:`marshal`: it cannot carry anything else, and the child needs no
import for it. Both ends run the same interpreter, so marshal's
version-specific format is no concern. Frames are those of
``Connection.send_bytes`` (a 4-byte big-endian length, then the payload),
so the parent reads them with ``Connection.recv_bytes``.

Children get a :class:`ReportWriter`, not a ``Connection``: a spawned
child that unpickles a ``Connection`` must import
``multiprocessing.connection`` (with tempfile, shutil, random and the
compression modules, about 5 ms), which the lesson's children never load.
This module is imported in every child, so it imports nothing else either.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Callable

TYPE_CHECKING = False  # not typing's: importing typing costs a spawned child 5 ms
if TYPE_CHECKING:
    from multiprocessing.connection import Connection

try:
    from select import PIPE_BUF
except ImportError:  # Windows: message pipes have no such limit; POSIX's minimum
    PIPE_BUF = 512

#: The length before each payload, as ``Connection.send_bytes`` writes it.
FRAME_HEADER_BYTES = 4
#: The largest encoded report that still goes out in one atomic write.
MAX_REPORT_BYTES = PIPE_BUF - FRAME_HEADER_BYTES
#: Linux lets an unprivileged process grow a pipe to 1 MiB (pipe-max-size):
#: room for thousands of reports, so children rarely wait on a busy parent.
WANTED_PIPE_BYTES = 1 << 20

Report = tuple
Shorten = Callable[[Report, int], Report]


def encode_report(report: Report, shorten: Shorten | None = None) -> bytes:
    """``report`` encoded, at most :data:`MAX_REPORT_BYTES` long.

    If it is longer, ``shorten(report, excess)`` must return a smaller
    report (for example with a traceback cut down); ValueError if none fits.
    """
    data = marshal.dumps(report)
    while len(data) > MAX_REPORT_BYTES:
        smaller = shorten(report, len(data) - MAX_REPORT_BYTES) if shorten else report
        if smaller == report:
            raise ValueError(f"a {len(data)}-byte report does not fit in one atomic write")
        report = smaller
        data = marshal.dumps(report)
    return data


class ReportWriter:
    """The writing end of a report pipe, as children get it.

    Under fork the child inherits the descriptor as it is; under spawn and
    forkserver, pickling hands the descriptor over the way multiprocessing
    hands over a ``Connection``'s (``reduction.DupFd``), and unpickling
    needs nothing beyond this module.
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __reduce__(self) -> tuple:
        from multiprocessing import reduction

        return (_rebuild_writer, (reduction.DupFd(self.fd),))

    def write_frame(self, data: bytes) -> None:
        """``data`` behind its length, in one ``write()``."""
        frame = len(data).to_bytes(FRAME_HEADER_BYTES, "big") + data
        written = os.write(self.fd, frame)
        if written != len(frame):  # cannot happen below PIPE_BUF; never leave half a frame
            raise OSError(f"the report pipe took {written} of {len(frame)} bytes")


def _rebuild_writer(dup: object) -> ReportWriter:
    return ReportWriter(dup.detach())  # type: ignore[attr-defined]


class _ConnectionWriter:
    """Windows: multiprocessing's message pipes deliver each send whole."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def write_frame(self, data: bytes) -> None:
        self.conn.send_bytes(data)


def send_report(
    writer: ReportWriter | _ConnectionWriter, report: Report, shorten: Shorten | None = None
) -> None:
    """Write one report in one atomic write (the child's side)."""
    writer.write_frame(encode_report(report, shorten))


class ReportPipe:
    """The parent's end of a run's report pipe, and the end its children get.

    Hand :attr:`writer` to each child; call :meth:`close_writer` once the
    last child has started (the children hold their own copies), and
    :meth:`read_ready` whenever :attr:`reader` is ready to read, and before
    judging a child's exit, so that its last report is read first.
    """

    def __init__(self, ctx: object) -> None:
        self.reader, self._writer_conn = ctx.Pipe(duplex=False)  # type: ignore[attr-defined]
        self.writer: ReportWriter | _ConnectionWriter | None
        if sys.platform == "win32":
            self.writer = _ConnectionWriter(self._writer_conn)
        else:
            self.writer = ReportWriter(self._writer_conn.fileno())
        self._at_eof = False
        if sys.platform.startswith("linux"):
            import fcntl

            with contextlib.suppress(OSError):  # a lower pipe-max-size: keep 64 KiB
                fcntl.fcntl(self._writer_conn.fileno(), fcntl.F_SETPIPE_SZ, WANTED_PIPE_BYTES)

    def close_writer(self) -> None:
        """Drop the parent's copy of the writing end; once every child has
        exited too, the reader reaches end-of-file."""
        if self.writer is not None:
            self._writer_conn.close()
            self.writer = None

    def waitable(self) -> list[Connection]:
        """The reader, for ``multiprocessing.connection.wait``, until it
        reaches end-of-file (after which it would always be ready)."""
        return [] if self._at_eof else [self.reader]

    def read_ready(self) -> list[Report]:
        """Every report already in the pipe, without blocking."""
        reports: list[Report] = []
        if self._at_eof:
            return reports
        try:
            while self.reader.poll():
                reports.append(marshal.loads(self.reader.recv_bytes()))
        except (EOFError, OSError):
            self._at_eof = True
        return reports

    def close(self) -> None:
        self.close_writer()
        self.reader.close()
        self._at_eof = True


__all__ = [
    "MAX_REPORT_BYTES",
    "Report",
    "ReportPipe",
    "ReportWriter",
    "encode_report",
    "send_report",
]
