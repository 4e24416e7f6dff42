"""The pool experiment: fetch URLs in a pool of workers, as the lesson.

Each URL is ``submit``ted; results are taken as they complete. The lesson's
``as_completed(timeout=...)`` experiment is reproduced: when the timeout
passes with jobs still pending an ``AsCompletedTimedOut`` event says which,
and those jobs are still reported when they end.

Which executor runs the jobs is a plug-in (:mod:`workers.executors`):
``ProcessPoolExecutor`` by default, as the lesson. Nothing here asks which
one it is; the plug-in names the workers, ends running jobs on Stop where
it can, and says which worker died when the executor broke.

When a worker dies (a broken executor), only the job that worker was
running fails, saying how the worker died; the executor stops every other
worker with it, so the jobs that were merely caught up in that are handed to
a fresh executor (once) instead of being failed.

On Stop, queued jobs end as cancelled (never started); running jobs end as
stopped, with the signal that ended their worker, where the executor can
end them, and otherwise with their own outcome when they finish.
"""

from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Future
from concurrent.futures import wait as wait_futures

from workers.events import (
    MEASURED_BY_PARENT,
    AsCompletedTimedOut,
    Event,
    JobDone,
    JobEnded,
    JobFailed,
    JobKilled,
    JobStarted,
    JobStopped,
    JobSubmitted,
    RunStarted,
    RunStopping,
    signal_name,
)
from workers.executors import get_executor
from workers.executors.base import PoolUnavailable, WorkerPool
from workers.failures import Failure, FailureKind
from workers.options import PoolOptions
from workers.runs.run_base import Run
from workers.terms import Experiment, WorkerRef, now_mono

#: A job caught up in a broken executor is retried in a fresh one this often.
MAX_RESUBMITS = 1


class PoolRun(Run):
    """Fetch ``options.urls`` with ``options.workers`` workers of
    ``options.executor``."""

    def __init__(self, options: PoolOptions) -> None:
        options.validate()
        super().__init__(len(options.urls))
        self.options = options
        self._plugin = get_executor(options.executor)
        self._pool: WorkerPool | None = None  # made when the run begins
        self._unavailable: Failure | None = None  # why the pool could not be made
        self._futures: dict[Future, int] = {}  # future -> job_id
        self._worker_of: dict[int, WorkerRef] = {}  # job_id -> the worker that took it
        self._started_at: dict[int, float] = {}  # job_id -> its worker's start clock
        self._resubmits: dict[int, int] = {}  # job_id -> times resubmitted
        self._submitted = False
        self._submitted_mono = 0.0
        self._timeout_reported = False
        self._stopping = False

    @property
    def start_method(self) -> str:
        """The start method of the executor's processes; "" for threads."""
        if self._pool is not None:
            return self._pool.start_method
        return self._plugin.start_method(self.options.start_method)

    def _begin(self) -> Event:
        options = self.options
        settings = dict(options.executor_settings)
        try:
            self._pool = self._plugin.open(options.workers, options.start_method, settings)
        except PoolUnavailable as exc:
            # Every job fails with the reason, in the first step.
            self._unavailable = exc.failure
        pool = self._pool
        return RunStarted(
            self.run_id,
            experiment=Experiment.POOL,
            total=self.ledger.total,
            parent_pid=os.getpid(),
            executor=self._plugin.name,
            start_method=pool.start_method if pool is not None else "",
            workers=pool.size if pool is not None else 0,
            settings=(
                ("timeout", options.timeout),
                ("verify_tls", options.verify_tls),
                ("max_bytes", options.max_bytes),
                ("as_completed_timeout", options.as_completed_timeout),
                *(pool.run_settings() if pool is not None else ()),
            ),
        )

    def _submit(self, job_id: int, *, announce: bool) -> None:
        assert self._pool is not None
        url = self.options.urls[job_id]
        future = self._pool.executor.submit(
            self._pool.job_function(),
            self.run_id,
            job_id,
            url,
            self.options.timeout,
            self.options.verify_tls,
            self.options.max_bytes,
        )
        self._futures[future] = job_id
        if announce:
            self._emit(JobSubmitted(self.run_id, job_id=job_id, label=url))

    # -- the loop ---------------------------------------------------------

    def _step(self, timeout: float) -> None:
        if self._unavailable is not None:
            for job_id in self.ledger.open_jobs():
                self._emit(self._parent_saw_end(JobFailed, job_id, self._unavailable))
            return
        assert self._pool is not None
        if not self._submitted:
            self._submitted = True
            self._submitted_mono = now_mono()
            for job_id in range(self.ledger.total):
                self._submit(job_id, announce=True)
        if self.cancel_requested and not self._stopping:
            self._stop()
        self._pool.note_workers()
        self._read_started_reports()
        if self._futures:
            # A future cancelled by shutdown(cancel_futures=True) is done, but
            # wait() never hears of it (no worker ever notifies it): look first.
            done = [f for f in self._futures if f.done()]
            if not done:
                done, _ = wait_futures(list(self._futures), timeout, return_when=FIRST_COMPLETED)
            self._read_started_reports()
            broken = [f for f in done if self._handle_done(f)]
            if broken and not self._stopping:
                self._recover_from_broken_pool()
        if self._stopping:
            self._settle_stop()
        else:
            self._check_as_completed_timeout()

    def _read_started_reports(self) -> None:
        if self._pool is None:
            return
        for run_id, job_id, worker, t_mono, t_wall in self._pool.started_reports():
            if run_id != self.run_id or self.ledger.has_ended(job_id):
                continue
            self._worker_of[job_id] = worker
            self._started_at[job_id] = t_mono
            self._emit(
                JobStarted(
                    self.run_id,
                    job_id=job_id,
                    label=self.options.urls[job_id],
                    worker=worker,
                    t_mono=t_mono,
                    t_wall=t_wall,
                )
            )

    def _handle_done(self, future: Future) -> bool:
        """Report a finished future; True if its executor broke under it
        (the job stays open: a broken pool's jobs are decided together)."""
        assert self._pool is not None
        job_id = self._futures.pop(future)
        url = self.options.urls[job_id]
        if future.cancelled():
            if self._stopping and self._plugin.can_end_running:
                return False  # decided with the other open jobs once Stop settled
            worker = self._worker_of.get(job_id)
            if worker is None:
                self._emit(self._cancelled(job_id, url))
            else:  # an executor that cancels running jobs too: it was running
                stopped = Failure(FailureKind.STOPPED, signal=self._pool.ending_signal(worker))
                self._emit(self._parent_saw_end(JobStopped, job_id, stopped))
            return False
        exc = future.exception()
        if isinstance(exc, BrokenExecutor):
            if not self._stopping:
                self._futures[future] = job_id  # decided in _recover_from_broken_pool
            return True
        if exc is not None:
            failure = self._pool.failure_for(exc) or Failure(
                FailureKind.ERROR, exc_type=type(exc).__name__, message=str(exc)
            )
            self._emit(self._parent_saw_end(JobFailed, job_id, failure))
            return False
        self._emit(self._event_for(job_id, future.result()))
        return False

    def _event_for(self, job_id: int, result: object) -> Event:
        assert self._pool is not None
        outcome, worker = self._pool.outcome(result)
        common = {
            "job_id": job_id,
            "label": outcome.url,
            "worker": worker,
            "started_mono": outcome.started_mono,
            "finished_mono": outcome.finished_mono,
        }
        if outcome.failure is None:
            return JobDone(self.run_id, **common, status=outcome.status, nbytes=outcome.nbytes)
        return JobFailed(
            self.run_id,
            **common,
            failure=outcome.failure,  # an HTTP status is in the failure
            nbytes=outcome.nbytes or None,
        )

    def _parent_saw_end(self, kind: type[JobEnded], job_id: int, failure: Failure) -> JobEnded:
        """A job's ending that only the parent saw: its worker (if one took
        it) and start as that worker reported them, its end as of now."""
        return kind(
            self.run_id,
            job_id=job_id,
            label=self.options.urls[job_id],
            worker=self._worker_of.get(job_id),
            started_mono=self._started_at.get(job_id),
            finished_mono=now_mono(),
            measured_by=MEASURED_BY_PARENT,
            failure=failure,  # type: ignore[call-arg]
        )

    # -- a worker died ----------------------------------------------------

    def _recover_from_broken_pool(self) -> None:
        """Fail the jobs whose worker died; retry the others in a new executor."""
        assert self._pool is not None
        self._pool.shutdown(wait=True)
        self._pool.note_workers()
        culprits = self._pool.dead_workers()
        victims = dict(self._futures.items())
        self._futures.clear()
        retry: list[int] = []
        for job_id in sorted(victims.values()):
            if self.ledger.has_ended(job_id):
                continue
            worker = self._worker_of.get(job_id)
            if worker is not None and worker.pid in culprits:
                self._emit(self._worker_died(job_id, worker.pid, culprits[worker.pid]))
            elif self._resubmits.get(job_id, 0) >= MAX_RESUBMITS:
                failure = Failure(FailureKind.POOL_BROKE_AGAIN)
                self._emit(self._parent_saw_end(JobFailed, job_id, failure))
            else:
                retry.append(job_id)
        if self.cancel_requested:
            return  # Stop came meanwhile: the next step decides these jobs
        if retry:
            self._pool.renew()
        for job_id in retry:
            self._resubmits[job_id] = self._resubmits.get(job_id, 0) + 1
            self._worker_of.pop(job_id, None)
            self._started_at.pop(job_id, None)
            self._submit(job_id, announce=False)

    def _worker_died(self, job_id: int, pid: int, code: int) -> JobEnded:
        if code < 0:
            killed = Failure(FailureKind.KILLED, signal=signal_name(-code), pid=pid)
            return self._parent_saw_end(JobKilled, job_id, killed)
        died = Failure(FailureKind.WORKER_DIED, exit_code=code, pid=pid)
        return self._parent_saw_end(JobFailed, job_id, died)

    # -- the lesson's as_completed(timeout=...) ------------------------------

    def _check_as_completed_timeout(self) -> None:
        limit = self.options.as_completed_timeout
        if limit is None or self._timeout_reported or not self._futures:
            return
        if now_mono() - self._submitted_mono >= limit:
            self._timeout_reported = True
            pending = tuple(sorted(self._futures.values()))
            self._emit(AsCompletedTimedOut(self.run_id, timeout=limit, pending=pending))

    # -- stopping ---------------------------------------------------------

    def _stop(self) -> None:
        """Stop came: keep what already finished, cancel what is queued, and
        end what runs where the executor can (see :meth:`_settle_stop`)."""
        assert self._pool is not None
        self._stopping = True
        for future in [f for f in self._futures if f.done()]:
            self._handle_done(future)
        self._read_started_reports()
        running = sum(1 for job_id in self.ledger.open_jobs() if job_id in self._worker_of)
        self._pool.stop()
        self._emit(
            RunStopping(
                self.run_id,
                running=running,
                can_end_running=self._plugin.can_end_running,
                wait_limit=self._pool.stop_wait_limit(self.options.timeout),
            )
        )

    def _settle_stop(self) -> None:
        """Once every worker that was running a job has ended (or, where
        none can be ended, every job has), end each job still open: stopped
        if a worker had taken it, cancelled if none had."""
        assert self._pool is not None
        if self._plugin.can_end_running:
            if not self._pool.stop_settled():
                return
        elif self._futures:
            return  # running jobs end on their own
        self._read_started_reports()  # a worker may have taken a job just before it ended
        for job_id in self.ledger.open_jobs():
            worker = self._worker_of.get(job_id)
            if worker is None:
                self._emit(self._cancelled(job_id, self.options.urls[job_id]))
                continue
            stopped = Failure(FailureKind.STOPPED, signal=self._pool.ending_signal(worker))
            self._emit(self._parent_saw_end(JobStopped, job_id, stopped))
        self._futures.clear()

    def _end(self) -> None:
        self._release()

    def _release(self) -> None:
        if self._pool is not None:
            if not self.ledger.all_ended and not self._stopping:
                self._pool.stop()  # never wait for jobs nobody will read
            self._pool.release()
            self._pool = None


__all__ = ["PoolRun"]
