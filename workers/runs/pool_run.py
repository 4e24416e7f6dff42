"""The pool experiment: fetch URLs in a ``ProcessPoolExecutor``, as the lesson.

Each URL is ``submit``ted; results are taken as they complete. The lesson's
``as_completed(timeout=...)`` experiment is reproduced: when the timeout
passes with jobs still pending an ``AsCompletedTimedOut`` event says which,
and those jobs are still reported when they end.

When a worker dies (``BrokenProcessPool``), only the job that worker was
running fails, saying how the worker died; the executor stops every other
worker with it, so the jobs that were merely caught up in that are handed to
a fresh pool (once) instead of being failed.
"""

from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.process import BaseProcess

from workers.events import (
    AsCompletedTimedOut,
    Event,
    Experiment,
    JobCancelled,
    JobDone,
    JobFailed,
    JobKilled,
    JobStarted,
    JobSubmitted,
    RunStarted,
    now_mono,
)
from workers.jobs.fetch import FetchOutcome
from workers.jobs.pool_job import fetch_job, init_pool_worker
from workers.jobs.report_pipe import ReportPipe
from workers.options import PoolOptions
from workers.runs.run_base import Run
from workers.start_methods import context_for

#: A job caught up in a broken pool is retried in a fresh pool this often.
MAX_RESUBMITS = 1


class PoolRun(Run):
    """Fetch ``options.urls`` with ``options.workers`` pool processes."""

    def __init__(self, options: PoolOptions) -> None:
        options.validate()
        super().__init__(len(options.urls))
        self.options = options
        self._ctx = context_for(options.start_method)
        self._reports: ReportPipe | None = None  # workers' start reports, made in _begin
        self._executor: ProcessPoolExecutor | None = None
        self._workers: dict[int, BaseProcess] = {}  # pid -> every worker seen
        self._futures: dict[Future, int] = {}  # future -> job_id
        self._worker_of: dict[int, int] = {}  # job_id -> worker pid
        self._resubmits: dict[int, int] = {}  # job_id -> times resubmitted
        self._submitted = False
        self._submitted_mono = 0.0
        self._timeout_reported = False
        self._stopping = False

    @property
    def start_method(self) -> str:
        return self._ctx.get_start_method()

    def _begin(self) -> Event:
        # Open for the whole run: a pool replacing a broken one starts new
        # workers, which need the writing end too.
        self._reports = ReportPipe(self._ctx)
        detail = "" if self.options.verify_tls else "certificate checks are off (--insecure)"
        return RunStarted(
            self.run_id,
            experiment=Experiment.POOL,
            total=self.ledger.total,
            parent_pid=os.getpid(),
            start_method=self.start_method,
            workers=self.options.workers,
            detail=detail,
        )

    def _new_executor(self) -> ProcessPoolExecutor:
        assert self._reports is not None
        return ProcessPoolExecutor(
            max_workers=self.options.workers,
            mp_context=self._ctx,
            initializer=init_pool_worker,
            initargs=(self._reports.writer,),
        )

    def _submit(self, job_id: int, *, announce: bool) -> None:
        assert self._executor is not None
        url = self.options.urls[job_id]
        future = self._executor.submit(
            fetch_job,
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
        if not self._submitted:
            self._executor = self._new_executor()
            self._submitted = True
            self._submitted_mono = now_mono()
            for job_id in range(self.ledger.total):
                self._submit(job_id, announce=True)
        if self.cancel_requested and not self._stopping:
            self._stop()
            return
        self._note_workers()
        self._read_started_reports()
        if self._futures:
            done, _ = wait_futures(list(self._futures), timeout, return_when=FIRST_COMPLETED)
            self._read_started_reports()
            broken = [f for f in done if self._handle_done(f)]
            if broken:
                self._recover_from_broken_pool()
        self._check_as_completed_timeout()

    def _note_workers(self) -> None:
        # The executor forgets its workers once the pool breaks; keep our own
        # references so we can still read how each one ended.
        if self._executor is not None:
            self._workers.update(getattr(self._executor, "_processes", None) or {})

    def _read_started_reports(self) -> None:
        if self._reports is None:
            return
        for run_id, job_id, pid, t_mono, t_wall in self._reports.read_ready():
            if run_id != self.run_id or self.ledger.has_ended(job_id):
                continue
            self._worker_of[job_id] = pid
            self._emit(
                JobStarted(
                    self.run_id,
                    job_id=job_id,
                    label=self.options.urls[job_id],
                    pid=pid,
                    t_mono=t_mono,
                    t_wall=t_wall,
                )
            )

    def _handle_done(self, future: Future) -> bool:
        """Report a finished future; True if it was broken by a dead worker."""
        job_id = self._futures.pop(future)
        url = self.options.urls[job_id]
        pid = self._worker_of.get(job_id, 0)
        if future.cancelled():
            self._emit(JobCancelled(self.run_id, job_id=job_id, label=url, pid=pid))
            return False
        exc = future.exception()
        if isinstance(exc, BrokenProcessPool):
            self._futures[future] = job_id  # decided in _recover_from_broken_pool
            return True
        if exc is not None:
            self._emit(
                JobFailed(
                    self.run_id,
                    job_id=job_id,
                    label=url,
                    pid=pid,
                    reason=f"{type(exc).__name__}: {exc}",
                    kind="exception",
                )
            )
            return False
        self._emit(self._event_for(job_id, future.result()))
        return False

    def _event_for(self, job_id: int, outcome: FetchOutcome) -> Event:
        if outcome.ok:
            return JobDone(
                self.run_id,
                job_id=job_id,
                label=outcome.url,
                pid=outcome.worker_pid,
                started_mono=outcome.started_mono,
                finished_mono=outcome.finished_mono,
                status=outcome.status,
                nbytes=outcome.nbytes,
            )
        return JobFailed(
            self.run_id,
            job_id=job_id,
            label=outcome.url,
            pid=outcome.worker_pid,
            reason=outcome.reason,
            kind=outcome.kind,
            detail=outcome.detail,
            status=outcome.status,
        )

    # -- a worker died ----------------------------------------------------

    def _recover_from_broken_pool(self) -> None:
        """Fail the jobs whose worker died; retry the others in a new pool."""
        assert self._executor is not None
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._note_workers()
        culprits = self._dead_workers()
        victims = dict(self._futures.items())
        self._futures.clear()
        retry: list[int] = []
        for job_id in sorted(victims.values()):
            if self.ledger.has_ended(job_id):
                continue
            pid = self._worker_of.get(job_id, 0)
            if pid in culprits:
                self._emit(self._worker_died(job_id, pid, culprits[pid]))
            elif self._resubmits.get(job_id, 0) >= MAX_RESUBMITS:
                self._emit(
                    JobFailed(
                        self.run_id,
                        job_id=job_id,
                        label=self.options.urls[job_id],
                        pid=pid,
                        reason="the process pool broke again while this job was in it",
                        kind="broken_pool",
                    )
                )
            else:
                retry.append(job_id)
        if retry and not self.cancel_requested:
            self._executor = self._new_executor()
            for job_id in retry:
                self._resubmits[job_id] = self._resubmits.get(job_id, 0) + 1
                self._worker_of.pop(job_id, None)
                self._submit(job_id, announce=False)
        else:
            for job_id in retry:
                self._emit(
                    JobCancelled(self.run_id, job_id=job_id, label=self.options.urls[job_id])
                )

    def _dead_workers(self) -> dict[int, int]:
        """pid -> exit code of the workers that died on their own.

        When the pool breaks the executor sends SIGTERM to every other
        worker, so a worker that ended any other way is the one that died.
        """
        codes = {pid: proc.exitcode for pid, proc in self._workers.items()}
        ended = {pid: code for pid, code in codes.items() if code is not None and code != 0}
        culprits = {pid: code for pid, code in ended.items() if code != -15}
        return culprits or ended

    def _worker_died(self, job_id: int, pid: int, code: int) -> Event:
        url = self.options.urls[job_id]
        if code < 0:
            return JobKilled.by_signal(
                self.run_id, job_id, url, pid, -code, who=f"pool worker {pid}"
            )
        return JobFailed(
            self.run_id,
            job_id=job_id,
            label=url,
            pid=pid,
            reason=f"pool worker {pid} exited with status {code}",
            kind="broken_pool",
        )

    # -- the lesson's as_completed(timeout=...) ------------------------------

    def _check_as_completed_timeout(self) -> None:
        limit = self.options.as_completed_timeout
        if limit is None or self._timeout_reported or not self._futures:
            return
        if now_mono() - self._submitted_mono >= limit:
            self._timeout_reported = True
            pending = tuple(self.options.urls[j] for j in sorted(self._futures.values()))
            self._emit(AsCompletedTimedOut(self.run_id, timeout=limit, pending=pending))

    # -- stopping ---------------------------------------------------------

    def _stop(self) -> None:
        """Cancel queued jobs and end running ones; every open job ends now
        as cancelled (jobs already finished keep their result)."""
        self._stopping = True
        for future in [f for f in self._futures if f.done()]:
            self._handle_done(future)  # a broken one stays open, cancelled below
        self._read_started_reports()
        self._terminate_workers()
        for job_id in self.ledger.open_jobs():
            pid = self._worker_of.get(job_id, 0)
            reason = "stopped by user" if pid else "stopped before it started"
            self._emit(
                JobCancelled(
                    self.run_id,
                    job_id=job_id,
                    label=self.options.urls[job_id],
                    pid=pid,
                    reason=reason,
                )
            )
        self._futures.clear()

    def _terminate_workers(self) -> None:
        if self._executor is None:
            return
        self._note_workers()
        self._executor.shutdown(wait=False, cancel_futures=True)
        for proc in self._workers.values():
            if proc.exitcode is None:
                proc.terminate()

    def _end(self) -> None:
        self._release()

    def _release(self) -> None:
        if self._executor is not None:
            if self._stopping:
                self._terminate_workers()
            # Waits for the workers to exit, so no child outlives the run.
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        for proc in self._workers.values():
            if proc.exitcode is None:
                proc.kill()
                proc.join(1.0)
        if self._reports is not None:
            self._reports.close()
            self._reports = None
