"""A ``ThreadPoolExecutor``: the same jobs in threads of this one process.

Threads share the process's PID and are told apart by their names. A thread
cannot be killed: on Stop the queued jobs are cancelled, and the running
ones end on their own (done or failed), at the latest after their per-page
timeout. Their start reports go through the same pipe as a process's, one
atomic write each; only the writing end is guarded here, so that no thread
writes into it once the run has closed it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from workers.executors.base import ExecutorPlugin, ExecutorScript, WorkerPool
from workers.jobs.pool_job import init_thread_worker
from workers.jobs.report_pipe import ReportPipe
from workers.terms import WorkerKind, WorkerRef


class _GuardedWriter:
    """The report pipe's writing end as the worker threads use it.

    Once closed, reports are dropped: a thread still finishing a job after
    the run closed the pipe must not write to that descriptor number, which
    may by then name another file. (Processes need no such guard: each has
    its own copy of the descriptor. Threads cannot be killed mid-write, so a
    lock is safe here.)
    """

    def __init__(self, writer: object) -> None:
        self._writer = writer
        self._lock = threading.Lock()

    def write_frame(self, data: bytes) -> None:
        with self._lock:
            if self._writer is not None:
                self._writer.write_frame(data)  # type: ignore[attr-defined]

    def close(self) -> None:
        with self._lock:
            self._writer = None


class ThreadWorkerPool(WorkerPool):
    """A ``ThreadPoolExecutor`` (renewed after a break) in this process."""

    def __init__(self, plugin: ExecutorPlugin, size: int) -> None:
        reports = ReportPipe(multiprocessing.get_context())
        self._writer = _GuardedWriter(reports.writer)
        super().__init__(plugin, size, reports)

    def _make(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(
            max_workers=self.size, initializer=init_thread_worker, initargs=(self._writer,)
        )

    def worker_ref(self, pid: int, thread: str) -> WorkerRef:
        return WorkerRef(WorkerKind.THREAD, pid=pid or os.getpid(), thread=thread)

    def stop(self) -> None:
        # Queued jobs are cancelled; the running ones cannot be ended.
        self.executor.shutdown(wait=False, cancel_futures=True)

    def stop_settled(self) -> bool:
        return False  # the run waits for its running jobs' own outcomes

    def ending_signal(self, worker: WorkerRef) -> str:
        return ""

    def release(self) -> None:
        # A job still running (Stop cannot end it) finishes on its own; the
        # run does not wait for it, and it can no longer write a report.
        self.shutdown(wait=False)
        self._writer.close()
        self.reports.close()


class ThreadExecutorPlugin(ExecutorPlugin):
    """``concurrent.futures.ThreadPoolExecutor``: threads in this process."""

    name = "thread"
    worker_kind = WorkerKind.THREAD
    can_end_running = False

    def open(
        self, size: int, start_method: str | None, settings: Mapping[str, object]
    ) -> ThreadWorkerPool:
        return ThreadWorkerPool(self, size)

    def script(
        self, workers: int, start_method: str, settings: Mapping[str, object]
    ) -> ExecutorScript:
        return ExecutorScript(
            what=f"a ThreadPoolExecutor of {workers} threads",
            imports=(),
            make=f"concurrent.futures.ThreadPoolExecutor(max_workers={workers})",
            in_other_process=False,
        )


PLUGIN = ThreadExecutorPlugin()
