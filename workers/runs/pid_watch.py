"""Watch a process that is not (or no longer) our child, by its PID.

A forkserver child is the forkserver's child, not ours: multiprocessing
learns its exit status from the forkserver. When the forkserver dies (killed
from outside, or by Stop because it was stopped by a signal), every child it
forked lives on, re-parented (to PID 1, which on some systems never reaps
them), and multiprocessing reports each one as "exited with status 255".
The run then keeps track of them here: by PID, with the process's creation
time against PID reuse, waiting on a pidfd (Linux) or, elsewhere, looking
each poll. Their exit status can no longer be read by anyone but their new
parent; their own reports still come through the run's report pipe.

psutil is imported only when a process has to be watched this way.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal

#: psutil's creation time is rounded (the boot time it is counted from is
#: whole seconds); a process made this long after the moment it was known
#: to exist is another process that got the same PID.
CREATE_TIME_SLACK_S = 2.0


class PidWatch:
    """One process known by PID and creation time, whoever its parent is.

    :meth:`fileno` is a descriptor that becomes readable when it ends (a
    pidfd), for ``multiprocessing.connection.wait``; None where there is
    none, and the owner asks :meth:`has_ended` instead.
    """

    def __init__(self, process: object, pidfd: int | None) -> None:
        self._process = process  # a psutil.Process: remembers the creation time
        self.pid: int = process.pid  # type: ignore[attr-defined]
        self._pidfd = pidfd
        self._ended = False

    def fileno(self) -> int | None:
        return self._pidfd

    def has_ended(self) -> bool:
        """True once the process has exited (a zombie has), or its PID
        names another process now."""
        if self._ended:
            return True
        if self._pidfd is not None:
            readable, _, _ = select.select([self._pidfd], [], [], 0)
            self._ended = bool(readable)
        else:
            self._ended = not _alive(self._process)
        return self._ended

    def send(self, sig: signal.Signals) -> None:
        """Send ``sig`` to the process, never to another that took its PID."""
        if self.has_ended():
            return
        with contextlib.suppress(OSError, ProcessLookupError):
            if self._pidfd is not None and hasattr(signal, "pidfd_send_signal"):
                signal.pidfd_send_signal(self._pidfd, sig)
                return
            import psutil

            with contextlib.suppress(psutil.Error):
                self._process.send_signal(sig)  # type: ignore[attr-defined]

    def close(self) -> None:
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None
        self._ended = True


def _alive(process: object) -> bool:
    import psutil

    try:
        # is_running() compares the creation time: False for a reused PID.
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE  # type: ignore[attr-defined]
    except psutil.Error:
        return False


def watch_pid(pid: int, existed_at: float) -> PidWatch | None:
    """A watch on process ``pid``, known to have existed at wall-clock time
    ``existed_at``; None if it has ended (or is a zombie) or the PID now
    names a process made later."""
    import psutil

    pidfd: int | None = None
    with contextlib.suppress(AttributeError, OSError):
        pidfd = os.pidfd_open(pid)  # type: ignore[attr-defined]
    try:
        process = psutil.Process(pid)
        same = process.create_time() <= existed_at + CREATE_TIME_SLACK_S
        alive = same and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        alive = False
    watch = PidWatch(process, pidfd) if alive else None
    # Checked after the pidfd was opened: if the process it names is still
    # running now, it is the one psutil looked at.
    if watch is None or watch.has_ended():
        if pidfd is not None:
            os.close(pidfd)
        return None
    return watch


__all__ = ["PidWatch", "watch_pid"]
