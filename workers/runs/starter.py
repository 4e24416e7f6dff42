"""Starting a named run's children: in job order, never more alive at once
than the run allows, and never blocking the run's loop without a bound.

``Process.start()`` under ``forkserver`` asks the forkserver to fork, then
reads the new child's PID from it, with no time limit: a forkserver stopped
by a signal (SIGSTOP, a debugger) leaves it waiting forever. So with the
forkserver the children are started by a thread of the run's own
(:class:`ThreadedStarter`), which the run's loop never waits on: Stop and
close keep working, and the run can see a start that has been waiting too
long and do something about it (see ``NamedProcessRun``). Each start blocks
Ctrl+C in the thread that makes it (see
:func:`~workers.start_methods.ctrl_c_blocked`): a forkserver or spawned
child started then cannot die of a Ctrl+C that comes while it imports.

With ``fork`` and ``spawn`` nothing outside this process takes part in a
start, so the run's loop starts them itself (:class:`InlineStarter`): a fork
from a second thread could copy a lock another thread holds (the one around
stdout, say) into the child, held forever.

Both stop at ``max_alive`` children alive at once (the open-file limit:
every live child costs descriptors); the run says when one has ended.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from typing import NamedTuple

from workers.start_methods import ctrl_c_blocked
from workers.terms import now_mono, now_wall


class Launch(NamedTuple):
    """One start: the process, or why it could not start, and when."""

    job_id: int
    process: BaseProcess
    error: BaseException | None
    t_mono: float
    t_wall: float


def _launch(job_id: int, process: BaseProcess) -> Launch:
    try:
        process.start()
    except Exception as exc:  # the OS refused (EAGAIN, EMFILE), the forkserver died…
        return Launch(job_id, process, exc, 0.0, 0.0)
    return Launch(job_id, process, None, now_mono(), now_wall())


class Starter:
    """Hands out the jobs in order and keeps count of the live children.

    The run calls :meth:`step` each poll, collects :meth:`take_launched`,
    calls :meth:`child_ended` whenever a started child has ended, and
    :meth:`stop` on Stop.
    """

    def __init__(self, processes: list[BaseProcess], max_alive: int) -> None:
        self._unstarted: list[BaseProcess | None] = list(processes)
        self.max_alive = max(1, max_alive)
        self._lock = threading.Condition()
        self._next = 0  # the next job to hand out
        self._alive = 0  # started (or being started) and not yet ended
        self._stopped = False
        self._launched: list[Launch] = []
        self._in_flight_since: float | None = None  # a start that has not returned

    @property
    def total(self) -> int:
        return len(self._unstarted)

    def step(self, deadline: float) -> None:
        """Start what may be started now, until ``deadline``."""

    def take_launched(self) -> list[Launch]:
        with self._lock:
            launched, self._launched = self._launched, []
        return launched

    def child_ended(self) -> None:
        """A started child ended: one more may start."""
        with self._lock:
            self._alive -= 1
            self._lock.notify_all()

    def adopted(self) -> None:
        """A child whose start seemed to fail turned out to run: it counts."""
        with self._lock:
            self._alive += 1

    def stop(self) -> int:
        """Start nothing more; returns the first job never handed out (a
        start already under way still ends in :meth:`take_launched`)."""
        with self._lock:
            self._stopped = True
            first_unhanded = self._next
            self._next = self.total
            self._unstarted = []
            self._lock.notify_all()
        return first_unhanded

    @property
    def waiting_to_start(self) -> bool:
        """True while jobs wait for a free place (the open-file limit)."""
        with self._lock:
            return self._next < self.total and self._alive >= self.max_alive

    @property
    def done(self) -> bool:
        """True once every job was handed out and no start is under way:
        the report pipe's writing end is then no longer needed here."""
        with self._lock:
            return self._next >= self.total and self._in_flight_since is None

    @property
    def in_flight_since(self) -> float | None:
        """When the start now under way began (monotonic), None if none is."""
        return self._in_flight_since

    def join(self, timeout: float) -> bool:
        """Wait for a starting thread to end; True once none runs."""
        return True

    def _hand_out(self) -> tuple[int, BaseProcess] | None:
        """The next job to start, if one may start now (call with the lock)."""
        if self._stopped or self._next >= len(self._unstarted):
            return None
        if self._alive >= self.max_alive:
            return None
        job_id = self._next
        process = self._unstarted[job_id]
        self._unstarted[job_id] = None  # the Launch holds it from now on
        assert process is not None
        self._next += 1
        self._alive += 1
        return job_id, process

    def _record(self, launches: list[Launch]) -> None:
        with self._lock:
            self._alive -= sum(1 for launch in launches if launch.error is not None)
            self._launched.extend(launches)
            self._in_flight_since = None
            self._lock.notify_all()


class InlineStarter(Starter):
    """Starts children in the run's own loop (``fork`` and ``spawn``)."""

    def step(self, deadline: float) -> None:
        """Start children until ``deadline`` (at least one, so even
        ``poll(0)`` makes progress).

        They are started in a tight loop and accounted for after it: after
        each fork every page of this process is shared copy-on-write with
        the new child, so each page written before the next fork costs a
        page fault; bookkeeping between forks measurably slowed fork runs.
        """
        launched: list[Launch] = []
        with ctrl_c_blocked():  # a spawned child must not die of Ctrl+C while importing
            while True:
                with self._lock:
                    handed = self._hand_out()
                if handed is None:
                    break
                launched.append(_launch(*handed))
                if now_mono() >= deadline:
                    break
        self._record(launched)


class ThreadedStarter(Starter):
    """Starts children in a thread of its own (``forkserver``).

    ``prepare`` runs in that thread before the first start (to start the
    forkserver there, deaf to Ctrl+C), and ``after_each`` after every start
    (the forkserver may have been replaced meanwhile); neither may raise.
    """

    def __init__(
        self,
        processes: list[BaseProcess],
        max_alive: int,
        prepare: Callable[[], None],
        after_each: Callable[[], None],
    ) -> None:
        super().__init__(processes, max_alive)
        self._prepare = prepare
        self._after_each = after_each
        self._thread: threading.Thread | None = None

    def step(self, deadline: float) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="named-run-starter", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        # Blocked for the thread's whole life, not around each start: it does
        # nothing but start children, Python handles signals in the main
        # thread anyway, and two mask changes per start measurably slowed a
        # burst of starts. A forkserver started anew here inherits it too.
        with ctrl_c_blocked():
            self._prepare()
            while True:
                with self._lock:
                    while (handed := self._hand_out()) is None:
                        if self._stopped or self._next >= len(self._unstarted):
                            return
                        self._lock.wait()  # until a child ends, or Stop
                    self._in_flight_since = now_mono()
                launch = _launch(*handed)
                self._after_each()
                self._record([launch])

    def join(self, timeout: float) -> bool:
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()


__all__ = ["InlineStarter", "Launch", "Starter", "ThreadedStarter"]
