"""The named experiment run as threads: ``threading.Thread(name=str(i))``
doing the same job as the lesson's processes, all inside this process.

It is there to be compared with the process run. With *Busy CPU* the
threads take turns holding CPython's global interpreter lock (GIL), so
together they use about one core however many cores there are, where the
processes fill every core; with *Sleep* the two look alike, since a
sleeping thread holds no lock. A free-threaded Python (3.13t and later, with
the GIL off) has no such limit: :func:`gil_enabled` says which this is.

Every thread is named ``"1"``..``"N"``, reports its start and its result
with its own clock, and shares the process's PID. A thread cannot be killed,
so the job cooperates: its sleep is a wait on the run's stop event and its
busy work checks that event between short slices. Stop therefore ends the
running jobs within a slice, and they are reported as stopped (no signal:
nothing was killed).

The threads hand their events to the poll loop through a queue; only the
thread calling :meth:`~workers.runs.run_base.Run.poll` touches the run's
ledger.
"""

from __future__ import annotations

import os
import queue
import random
import sys
import threading
import time
import traceback

from workers.events import (
    MEASURED_BY_WORKER,
    Event,
    Experiment,
    JobDone,
    JobFailed,
    JobStarted,
    JobStopped,
    JobSubmitted,
    RunStarted,
    RunStopping,
    WorkerKind,
    WorkerRef,
    now_mono,
)
from workers.failures import Failure, FailureKind
from workers.gil import gil_enabled
from workers.jobs.named_job import busy_work, lower_priority, square
from workers.options import NamedOptions
from workers.runs.run_base import Run

#: Busy work runs in slices this long, the stop event checked between them:
#: Stop ends a busy thread within about this long.
BUSY_SLICE_S = 0.02
#: How long close() waits for the threads to return once they were told to stop.
JOIN_DEADLINE_S = 5.0
#: What RunStarted.executor says for this run.
EXECUTOR = "thread"


def thread_worker(name: str, pid: int | None = None) -> WorkerRef:
    """The worker that is the thread called ``name`` in this process."""
    return WorkerRef(WorkerKind.THREAD, pid=pid or os.getpid(), thread=name, name=name)


def _lower_thread_priority(niceness: int) -> None:
    """Linux keeps a nice value per thread: lower this thread's only. (Elsewhere
    it is the whole process's, which would slow the window: leave it.)"""
    if sys.platform.startswith("linux"):
        lower_priority(niceness)


class NamedThreadRun(Run):
    """Start ``options.processes`` threads named "1".."N" (see the module docstring)."""

    def __init__(self, options: NamedOptions) -> None:
        options.validate()
        super().__init__(options.processes)
        self.options = options
        # Drawn as the process run draws them, so one seed gives both runs
        # the same times: the comparison is of the workers, not the luck.
        rng = random.Random(options.seed)
        self.sleep_times = [
            rng.uniform(options.sleep_min, options.sleep_max) for _ in range(options.processes)
        ]
        self._stop = threading.Event()
        self._inbox: queue.SimpleQueue[Event] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._next_job = 0

    @property
    def start_method(self) -> str:
        return ""  # threads are not started by a multiprocessing start method

    def _begin(self) -> Event:
        options = self.options
        return RunStarted(
            self.run_id,
            experiment=Experiment.NAMED,
            total=options.processes,
            parent_pid=os.getpid(),
            executor=EXECUTOR,
            settings=(
                ("workload", options.workload),
                ("sleep_min", options.sleep_min),
                ("sleep_max", options.sleep_max),
                ("niceness", options.niceness),
                ("seed", options.seed),
                ("run_as", "threads"),
                ("gil", gil_enabled()),
            ),
        )

    def _step(self, timeout: float) -> None:
        deadline = now_mono() + timeout
        if self.cancel_requested:
            self._stop_threads()
        else:
            self._start_some(deadline)
        wait_for = max(0.0, deadline - now_mono())
        if self._next_job < self.ledger.total and not self.cancel_requested:
            wait_for = 0.0
        self._collect(wait_for)

    # -- starting -----------------------------------------------------------

    def _start_some(self, deadline: float) -> None:
        """Start threads until ``deadline`` (at least one per call)."""
        while self._next_job < self.ledger.total:
            job_id = self._next_job
            self._next_job += 1
            label = str(job_id + 1)
            thread = threading.Thread(
                name=label, target=self._job, args=(job_id, job_id + 1), daemon=True
            )
            try:
                thread.start()
            except RuntimeError as exc:  # "can't start new thread": out of threads
                self._emit(
                    JobFailed(
                        self.run_id,
                        job_id=job_id,
                        label=label,
                        finished_mono=now_mono(),
                        failure=Failure(
                            FailureKind.START_FAILED, exc_type=type(exc).__name__, message=str(exc)
                        ),
                    )
                )
            else:
                self._threads.append(thread)
                self._emit(
                    JobSubmitted(
                        self.run_id,
                        job_id=job_id,
                        label=label,
                        worker=thread_worker(label),
                    )
                )
            if now_mono() >= deadline:
                break

    # -- the job, in its thread -----------------------------------------------

    def _job(self, job_id: int, n: int) -> None:
        """The lesson's ``square(n)`` in a thread: report the start, sleep or
        work (stopping early on Stop), report ``n * n``."""
        _lower_thread_priority(self.options.niceness)
        name = threading.current_thread().name
        worker = thread_worker(name)
        common = {"job_id": job_id, "label": name, "worker": worker}
        started = time.monotonic()
        if self._stop.is_set():
            # Stop came between start() and here: the job never began.
            self._inbox.put(self._cancelled(job_id, name))
            return
        self._inbox.put(JobStarted(self.run_id, **common, t_mono=started, t_wall=time.time()))
        try:
            seconds = self.sleep_times[job_id]
            if self.options.workload == "cpu":
                end = started + seconds
                while not self._stop.is_set() and (left := end - time.monotonic()) > 0:
                    busy_work(min(BUSY_SLICE_S, left))
            elif seconds > 0:
                self._stop.wait(seconds)
            finished = time.monotonic()
            if self._stop.is_set() and finished < started + seconds:
                event: Event = JobStopped(
                    self.run_id,
                    **common,
                    started_mono=started,
                    finished_mono=finished,
                    measured_by=MEASURED_BY_WORKER,
                    failure=Failure(FailureKind.STOPPED, signal=""),
                    t_mono=finished,
                )
            else:
                event = JobDone(
                    self.run_id,
                    **common,
                    started_mono=started,
                    finished_mono=finished,
                    n=n,
                    result=square(n),
                    t_mono=finished,
                )
        except Exception as exc:  # the job's own failure, reported as data
            finished = time.monotonic()
            event = JobFailed(
                self.run_id,
                **common,
                started_mono=started,
                finished_mono=finished,
                failure=Failure(
                    FailureKind.CRASHED,
                    exc_type=type(exc).__name__,
                    message=str(exc),
                    detail=traceback.format_exc(),
                ),
                t_mono=finished,
            )
        self._inbox.put(event)

    # -- collecting -----------------------------------------------------------

    def _collect(self, timeout: float) -> None:
        """Take what the threads reported, waiting up to ``timeout`` for the first."""
        try:
            event = self._inbox.get(timeout=timeout) if timeout > 0 else self._inbox.get_nowait()
        except queue.Empty:
            return
        while True:
            self._emit(event)
            try:
                event = self._inbox.get_nowait()
            except queue.Empty:
                return

    # -- stopping -------------------------------------------------------------

    def _stop_threads(self) -> None:
        if self._stop.is_set():
            return
        # Told first, so a thread that has not begun its job yet cancels it.
        self._stop.set()
        self._emit(
            RunStopping(
                self.run_id,
                # Started and not ended: a thread that had not begun its
                # job yet will find Stop and end it as never started.
                running=sum(1 for j in range(self._next_job) if not self.ledger.has_ended(j)),
                # Threads cannot be killed, but this job checks for Stop
                # between slices, so the running ones do end at once.
                can_end_running=True,
                wait_limit=BUSY_SLICE_S,
            )
        )
        for job_id in range(self._next_job, self.ledger.total):
            self._emit(self._cancelled(job_id, str(job_id + 1)))
        self._next_job = self.ledger.total

    def _release(self) -> None:
        self._stop.set()
        deadline = now_mono() + JOIN_DEADLINE_S
        for thread in self._threads:
            thread.join(max(0.0, deadline - now_mono()))
        self._threads.clear()


__all__ = ["BUSY_SLICE_S", "EXECUTOR", "NamedThreadRun", "gil_enabled", "thread_worker"]
