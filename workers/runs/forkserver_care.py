"""What a named run does about the forkserver it starts its children with.

- It is started in the run's starter thread (deaf to Ctrl+C, see
  :func:`~workers.start_methods.ctrl_c_blocked`) at the children's
  niceness, and a forkserver started anew mid-run (the last one died) gets
  that niceness too.
- On Stop, a forkserver stopped by a signal (SIGSTOP, a debugger), or one a
  start has waited for too long, is *wedged*: it forks nothing and reaps
  nothing, so children that were ended never seem to end, and the start
  under way never returns. It is continued (SIGCONT: the start learns its
  child's PID, the ended children are reaped), then killed as soon as no
  start waits for it, or after :data:`RESUME_S`. The run watches its
  children by PID from then on, and the next start makes a fresh one.
"""

from __future__ import annotations

import contextlib
import os
import signal

from workers.jobs.named_job import lower_priority
from workers.start_methods import end_forkserver, forkserver_is_stopped, forkserver_pid, warm_up
from workers.terms import now_mono

#: A wedged forkserver is continued, then killed at the latest this long after.
RESUME_S = 0.5
#: After Stop, a start still waiting for the forkserver after this long
#: means it is wedged, whatever state it is in.
STUCK_START_S = 2.0


class ForkserverCare:
    """One run's dealings with the forkserver (see the module docstring)."""

    def __init__(self, niceness: int) -> None:
        self._niceness = niceness
        self.pid: int | None = None  # the one that forked the run's last child
        self._kill_at: float | None = None  # set once found wedged
        self._ended = False

    def prepare(self) -> None:
        """In the starter's thread, before the first start: start it there
        unless it runs already. Never raises: if it cannot start, each
        start says why."""
        with contextlib.suppress(Exception):
            warm_up("forkserver", self._niceness)
        self.pid = forkserver_pid()

    def after_start(self) -> None:
        """In the starter's thread, after each start."""
        server = forkserver_pid()
        if server != self.pid:
            self.pid = server
            if server:
                lower_priority(self._niceness, server)

    def while_stopping(self, start_waiting_since: float | None) -> None:
        """Each poll while the run stops: unwedge and end a wedged forkserver.
        ``start_waiting_since`` is when the start under way began, if any."""
        server = self.pid or forkserver_pid()
        if server is None or self._ended:
            return
        now = now_mono()
        if self._kill_at is None:
            stuck = start_waiting_since is not None and now - start_waiting_since > STUCK_START_S
            if stuck or forkserver_is_stopped(server):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(server, signal.SIGCONT)
                self._kill_at = now + RESUME_S
        if self._kill_at is not None and (now >= self._kill_at or start_waiting_since is None):
            self.end_if_wedged()

    def end_if_wedged(self) -> None:
        """Kill it now if it was found wedged (the run ends before its time)."""
        if self._kill_at is not None:
            self.end()

    def end(self) -> None:
        """Kill it, whatever its state (a start still waits for it as the run
        is released)."""
        server = self.pid or forkserver_pid()
        if server and not self._ended:
            self._ended = True
            end_forkserver(server)


__all__ = ["ForkserverCare"]
