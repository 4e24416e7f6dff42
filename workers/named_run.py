"""The named-process experiment: N processes named "1".."N", as the lesson.

Each child gets its own one-way pipe for its reports instead of one shared
``multiprocessing.Queue``: a child killed while writing to a shared queue can
leave its lock held or half a message in it, which would stall every other
child and the reader. With one pipe per child a killed child only closes its
own pipe. Pipes are always drained before a child is joined, so no child can
block on a full pipe while the parent waits for it to exit.

Children are reaped and ``close()``d as they finish, so a run of 1000
processes holds descriptors only for the children still alive.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from workers.events import (
    Event,
    Experiment,
    JobCancelled,
    JobFailed,
    JobKilled,
    JobSubmitted,
    RunStarted,
    now_mono,
)
from workers.named_jobs import run_named_job
from workers.options import NamedOptions
from workers.os_limits import file_descriptors_needed, raise_open_file_limit
from workers.run_base import Run
from workers.start_methods import context_for

#: After Stop, children get this long to exit on SIGTERM before SIGKILL.
TERMINATE_GRACE_S = 2.0


@dataclass
class _Child:
    """A live child and the read end of its report pipe."""

    job_id: int
    process: BaseProcess
    conn: Connection | None  # None once the pipe reached end-of-file
    pid: int


def _why(exc: BaseException) -> str:
    """The most readable short text an exception offers."""
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


class NamedProcessRun(Run):
    """Start ``options.processes`` children and report each one's fate."""

    def __init__(self, options: NamedOptions) -> None:
        options.validate()
        super().__init__(options.processes)
        self.options = options
        self._ctx = context_for(options.start_method)
        rng = random.Random(options.seed)
        #: Each child's sleep (or work) time, chosen here so runs can repeat.
        self.sleep_times = [
            rng.uniform(options.sleep_min, options.sleep_max) for _ in range(options.processes)
        ]
        self._next_job = 0
        self._children: dict[int, _Child] = {}  # job_id -> live child
        self._kill_deadline: float | None = None  # set once Stop was handled

    @property
    def start_method(self) -> str:
        return self._ctx.get_start_method()

    def _begin(self) -> Event:
        raise_open_file_limit(file_descriptors_needed(self.options.processes))
        return RunStarted(
            self.run_id,
            experiment=Experiment.NAMED,
            total=self.options.processes,
            parent_pid=os.getpid(),
            start_method=self.start_method,
            detail=f"workload {self.options.workload}",
        )

    def _step(self, timeout: float) -> None:
        deadline = now_mono() + timeout
        if self.cancel_requested:
            self._stop_children()
        else:
            # Starting is the slow part with spawn; keep it to this slice so
            # reports keep flowing and Stop stays responsive meanwhile. At least
            # one per slice, so that even poll(0) makes progress.
            while self._next_job < self.ledger.total:
                self._start_next()
                if now_mono() >= deadline:
                    break
        wait_for = max(0.0, deadline - now_mono())
        if self._next_job < self.ledger.total and not self.cancel_requested:
            wait_for = 0.0
        self._collect(wait_for)

    # -- starting ---------------------------------------------------------

    def _start_next(self) -> None:
        job_id = self._next_job
        self._next_job += 1
        n = job_id + 1
        name = str(n)
        reader, writer = self._ctx.Pipe(duplex=False)
        process = self._ctx.Process(
            name=name,
            target=run_named_job,
            args=(
                writer,
                self.run_id,
                job_id,
                n,
                self.sleep_times[job_id],
                self.options.workload,
                self.options.niceness,
            ),
            daemon=True,
        )
        try:
            process.start()
        except (OSError, EOFError) as exc:  # EOFError: the forkserver could not fork
            reader.close()
            writer.close()
            self._emit(
                JobFailed(
                    self.run_id,
                    job_id=job_id,
                    label=name,
                    pid=0,
                    reason=f"could not start the process: {_why(exc)}",
                    kind="start",
                    detail=repr(exc),
                )
            )
            return
        # The child has its own copy now; ours must go so that the pipe
        # reaches end-of-file when the child exits.
        writer.close()
        pid = process.pid or 0
        self._children[job_id] = _Child(job_id, process, reader, pid)
        self._emit(JobSubmitted(self.run_id, job_id=job_id, label=name, pid=pid))

    # -- collecting -------------------------------------------------------

    def _collect(self, timeout: float) -> None:
        if not self._children:
            return
        waitables: dict[object, _Child] = {}
        for child in self._children.values():
            if child.conn is not None:
                waitables[child.conn] = child
            waitables[child.process.sentinel] = child
        for ready in wait(list(waitables), timeout):
            child = waitables[ready]
            if ready is child.conn:
                self._read_reports(child)
            elif child.job_id in self._children:
                self._reap(child)

    def _read_reports(self, child: _Child) -> None:
        conn = child.conn
        if conn is None:
            return
        try:
            while conn.poll():
                self._emit(conn.recv())
        except (EOFError, OSError):
            conn.close()
            child.conn = None

    def _reap(self, child: _Child) -> None:
        # Drain first: reports written just before exit are still in the pipe.
        self._read_reports(child)
        process = child.process
        process.join()
        code = process.exitcode
        process.close()
        if child.conn is not None:
            child.conn.close()
        del self._children[child.job_id]
        self._emit(self._ending_for(child, code))

    def _ending_for(self, child: _Child, code: int | None) -> Event:
        """The terminal event for a child that exited without reporting one
        (if it did report, the ledger drops this)."""
        job_id, label, pid = child.job_id, str(child.job_id + 1), child.pid
        if self.cancel_requested:
            return JobCancelled(self.run_id, job_id=job_id, label=label, pid=pid)
        if code is not None and code < 0:
            return JobKilled.by_signal(self.run_id, job_id, label, pid, -code)
        reason = (
            "exited without reporting a result"
            if code == 0
            else f"exited with status {code} without reporting a result"
        )
        return JobFailed(
            self.run_id, job_id=job_id, label=label, pid=pid, reason=reason, kind="exit"
        )

    # -- stopping ---------------------------------------------------------

    def _stop_children(self) -> None:
        if self._kill_deadline is None:
            for job_id in range(self._next_job, self.ledger.total):
                self._emit(
                    JobCancelled(
                        self.run_id,
                        job_id=job_id,
                        label=str(job_id + 1),
                        reason="stopped before it started",
                    )
                )
            self._next_job = self.ledger.total
            for child in self._children.values():
                child.process.terminate()
            self._kill_deadline = now_mono() + TERMINATE_GRACE_S
        elif now_mono() > self._kill_deadline:
            for child in self._children.values():
                child.process.kill()

    def _release(self) -> None:
        # Children whose report came in may still be exiting: let them finish
        # (briefly), then make sure nothing outlives the run.
        deadline = now_mono() + TERMINATE_GRACE_S
        for child in list(self._children.values()):
            child.process.join(max(0.0, deadline - now_mono()))
            if child.process.exitcode is None:
                child.process.kill()
                child.process.join(1.0)
            if child.conn is not None:
                child.conn.close()
        self._children.clear()


__all__ = ["NamedProcessRun"]
