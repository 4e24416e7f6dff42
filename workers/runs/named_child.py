"""One live child of a named run: its multiprocessing ``Process`` while it
has one, or a watch on its PID once the forkserver that forked it is gone
(see :mod:`workers.runs.pid_watch`).

Either way the run can wait for it, signal it, and make sure it does not
outlive the run; this module hides which of the two it is.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass
from multiprocessing.process import BaseProcess

from workers.runs.pid_watch import PidWatch, watch_pid
from workers.start_methods import wait_for_exit
from workers.terms import WorkerRef, now_mono


@dataclass
class NamedChild:
    """A live child (see the module docstring)."""

    job_id: int
    worker: WorkerRef
    process: BaseProcess | None
    existed_at: float  # wall-clock time when it was known to be running
    started_mono: float | None = None  # from its Started report, once that came
    watch: PidWatch | None = None
    signalled: str = ""  # the last signal Stop sent it
    #: A Process whose forkserver died, kept unclosed while the child lives:
    #: closing it would close the pipe the child watches for the app's death.
    kept: BaseProcess | None = None

    @property
    def pid(self) -> int:
        return self.worker.pid

    def handle(self) -> int | None:
        """What ``multiprocessing.connection.wait`` can wait on for its end:
        its sentinel, or its pidfd; None if it must be looked at instead
        (:meth:`PidWatch.has_ended`)."""
        if self.process is not None:
            return self.process.sentinel
        return self.watch.fileno() if self.watch is not None else None

    def watch_by_pid(self, keep: BaseProcess | None = None) -> bool:
        """Its ``Process`` is done with (its status lost with the
        forkserver; ``keep`` is kept unclosed until :meth:`let_go`): watch
        its PID from now on. False if it has ended already. A child Stop had
        signalled gets the signal again."""
        self.process = None
        self.kept = keep
        self.watch = watch_pid(self.pid, self.existed_at)
        if self.watch is None:
            return False
        if self.signalled:
            self.signal(signal.Signals[self.signalled])
        return True

    def signal(self, sig: signal.Signals) -> None:
        """Send Stop's ``sig`` (SIGTERM or SIGKILL)."""
        self.signalled = sig.name
        if self.process is not None:
            # Signals only a child not yet reaped; never reads its status.
            (self.process.terminate if sig == signal.SIGTERM else self.process.kill)()
        elif self.watch is not None:
            self.watch.send(sig)

    def end_for_good(self, deadline: float) -> None:
        """Give it until ``deadline`` (monotonic) to exit, then kill it and
        wait for that, briefly. Nothing of it is left afterwards."""
        if self.process is not None:
            self.process.join(max(0.0, deadline - now_mono()))
            if self.process.exitcode is None:
                self.process.kill()
                self.process.join(1.0)
        elif self.watch is not None:
            wait_for_exit(self.pid, max(0.0, deadline - now_mono()))
            self.watch.send(signal.SIGKILL)
            wait_for_exit(self.pid, 1.0)
            self.watch.close()
        self.let_go()

    def let_go(self) -> None:
        """Close the Process kept for a child watched by PID (once it is gone)."""
        if self.kept is not None:
            self.kept.close()
            self.kept = None


__all__ = ["NamedChild"]
