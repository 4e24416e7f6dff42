"""What every experiment run has in common: a poll loop, cancellation from
another thread, and the rule that each job ends exactly once.

A run is driven by whoever owns it (the command line's loop, or the GUI
bridge's QThread) calling :meth:`Run.poll` repeatedly. ``poll`` does a little
work (start a few processes, read what arrived, reap what exited) and returns
the new events; it never blocks longer than the timeout it is given, so the
owner stays responsive. :meth:`Run.cancel` may be called from any thread.
"""

from __future__ import annotations

import itertools
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator

from workers.events import (
    MEASURED_BY_PARENT,
    TERMINAL_EVENTS,
    Event,
    JobCancelled,
    JobDone,
    JobFailed,
    JobKilled,
    JobStopped,
    RunFinished,
    RunStopping,
    is_terminal,
)
from workers.failures import Failure, FailureKind
from workers.terms import now_mono

_run_ids = itertools.count(1)

#: How long close() waits for a cancelled run to wind down before giving up.
CLOSE_DEADLINE_S = 15.0


class JobLedger:
    """Remembers which jobs have ended, so that none ends twice.

    The named experiment can learn a job's fate from two sources (the child's
    own report and its exit code); the ledger keeps the first and drops the
    rest.
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self._ended: dict[int, Event] = {}
        self.counts = dict.fromkeys(TERMINAL_EVENTS, 0)

    def has_ended(self, job_id: int) -> bool:
        return job_id in self._ended

    def record(self, event: Event) -> bool:
        """Record a terminal event; False if that job had already ended."""
        job_id = event.job_id  # type: ignore[attr-defined]
        if job_id in self._ended:
            return False
        self._ended[job_id] = event
        self.counts[type(event)] += 1
        return True

    @property
    def all_ended(self) -> bool:
        return len(self._ended) == self.total

    def open_jobs(self) -> list[int]:
        return [j for j in range(self.total) if j not in self._ended]


class Run(ABC):
    """An experiment run driven by :meth:`poll`; see the module docstring."""

    def __init__(self, total: int) -> None:
        self.run_id: int = next(_run_ids)
        self.ledger = JobLedger(total)
        self._cancel_requested = threading.Event()
        self._started_mono: float | None = None
        self._finished = False
        self._stop_handled = False  # RunStopping was emitted
        self._outbox: list[Event] = []

    # -- public API -------------------------------------------------------

    def cancel(self) -> None:
        """Ask the run to stop; safe from any thread, idempotent."""
        self._cancel_requested.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel_requested.is_set()

    @property
    def stop_handled(self) -> bool:
        """True once the run acted on Stop (and said so with RunStopping)."""
        return self._stop_handled

    @property
    def finished(self) -> bool:
        """True once RunFinished has been returned by poll()."""
        return self._finished

    def poll(self, timeout: float = 0.05) -> list[Event]:
        """Advance the run and return the events that happened.

        Blocks at most about ``timeout`` seconds. After the run finished it
        returns an empty list.
        """
        if self._finished:
            return []
        if self._started_mono is None:
            self._started_mono = now_mono()
            self._emit(self._begin())
        self._step(timeout)
        if self.ledger.all_ended and not self._finished:
            self._end()
            self._emit(self._finished_event())
            self._finished = True
        out, self._outbox = self._outbox, []
        return out

    def events(self, timeout: float = 0.05) -> Iterator[Event]:
        """Poll until the run finishes, yielding each event."""
        while not self._finished:
            yield from self.poll(timeout)

    def close(self) -> list[Event]:
        """Cancel if still running and wind down; returns the last events.

        Idempotent. Leaves no child process behind.
        """
        collected: list[Event] = []
        if self._started_mono is None:
            # Never polled: nothing was started, so nothing to stop.
            self._finished = True
            return collected
        try:
            if not self._finished:
                self.cancel()
                deadline = now_mono() + CLOSE_DEADLINE_S
                while not self._finished and now_mono() < deadline:
                    collected.extend(self.poll(0.05))
        finally:
            # Even if winding down failed, no child may outlive the run.
            self._release()
        return collected

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- for subclasses ---------------------------------------------------

    def _emit(self, event: Event) -> None:
        """Queue an event for the caller; terminal events go through the
        ledger so a job ends exactly once."""
        if is_terminal(event) and not self.ledger.record(event):
            return
        if isinstance(event, RunStopping):
            self._stop_handled = True
        self._outbox.append(event)

    def _cancelled(self, job_id: int, label: str) -> JobCancelled:
        """The ending of a job that never started: Stop came first."""
        return JobCancelled(
            self.run_id,
            job_id=job_id,
            label=label,
            finished_mono=now_mono(),
            measured_by=MEASURED_BY_PARENT,
            failure=Failure(FailureKind.NEVER_STARTED),
        )

    @abstractmethod
    def _begin(self) -> Event:
        """Prepare the run and return its RunStarted event."""

    @abstractmethod
    def _step(self, timeout: float) -> None:
        """Do one slice of work, emitting events; block at most ``timeout``."""

    def _end(self) -> None:  # noqa: B027 (optional hook)
        """Called once when every job has ended, before RunFinished."""

    def _release(self) -> None:  # noqa: B027 (optional hook)
        """Free OS resources (pools, pipes); called by close()."""

    def _finished_event(self) -> RunFinished:
        c = self.ledger.counts
        assert self._started_mono is not None
        return RunFinished(
            self.run_id,
            total=self.ledger.total,
            done=c[JobDone],
            failed=c[JobFailed],
            killed=c[JobKilled],
            stopped=c[JobStopped],
            cancelled=c[JobCancelled],
            elapsed=now_mono() - self._started_mono,
            stop_requested=self._stop_handled,
        )
