"""The lesson's executor: a ``ProcessPoolExecutor``, with any start method.

Its workers are processes: Stop ends the running ones (SIGTERM, then
SIGKILL after a grace period), and when one dies the executor breaks, so
this plug-in keeps its own references to every worker it has seen, to read
how each one ended. This is the one module that reads the executor's
private ``_processes`` (and its manager thread).
"""

from __future__ import annotations

import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.process import BaseProcess
from signal import SIGTERM

from workers.events import WorkerKind, WorkerRef, now_mono, process_worker, signal_name
from workers.executors.base import ExecutorPlugin, WorkerPool
from workers.jobs.pool_job import init_pool_worker
from workers.jobs.report_pipe import ReportPipe
from workers.start_methods import context_for

#: After Stop, workers get this long to exit on SIGTERM before SIGKILL.
TERMINATE_GRACE_S = 2.0


class ProcessWorkerPool(WorkerPool):
    """A ``ProcessPoolExecutor`` (renewed after a break) and its workers."""

    def __init__(self, plugin: ExecutorPlugin, size: int, start_method: str | None) -> None:
        self._ctx = context_for(start_method)
        self.start_method = self._ctx.get_start_method()
        self._workers: dict[int, BaseProcess] = {}  # pid -> every worker seen
        self._stopped = False
        self._manager: threading.Thread | None = None  # the executor's, kept by stop()
        self._kill_at: float | None = None  # when survivors of Stop get SIGKILL
        super().__init__(plugin, size, ReportPipe(self._ctx))

    def _make(self) -> ProcessPoolExecutor:
        # The report pipe stays open for the whole run: a pool replacing a
        # broken one starts new workers, which need the writing end too.
        return ProcessPoolExecutor(
            max_workers=self.size,
            mp_context=self._ctx,
            initializer=init_pool_worker,
            initargs=(self.reports.writer,),
        )

    def worker_ref(self, pid: int, thread: str) -> WorkerRef:
        return process_worker(pid)  # its thread is always the main one

    def note_workers(self) -> None:
        # The executor forgets its workers once it breaks; keep our own
        # references so we can still read how each one ended.
        self._workers.update(getattr(self.executor, "_processes", None) or {})

    def dead_workers(self) -> dict[int, int]:
        """When the executor breaks it sends SIGTERM to every other worker,
        so a worker that ended any other way is the one that died."""
        codes = {pid: proc.exitcode for pid, proc in self._workers.items()}
        ended = {pid: code for pid, code in codes.items() if code is not None and code != 0}
        culprits = {pid: code for pid, code in ended.items() if code != -SIGTERM}
        return culprits or ended

    # -- Stop -------------------------------------------------------------

    def stop(self) -> None:
        self.note_workers()
        # The executor forgets its manager thread on shutdown; that thread
        # reaps the workers, and must be done before their exit codes are read.
        self._manager = getattr(self.executor, "_executor_manager_thread", None)
        self.executor.shutdown(wait=False, cancel_futures=True)
        for proc in self._workers.values():
            proc.terminate()  # signals only a worker not yet reaped; never reads its status
        self._stopped = True
        self._kill_at = now_mono() + TERMINATE_GRACE_S

    def stop_settled(self) -> bool:
        if self._kill_at is not None and now_mono() >= self._kill_at:
            for proc in self._workers.values():
                proc.kill()
            self._kill_at = None  # once is enough
        # Reading an exit code while the manager thread reaps the same worker
        # races it (under forkserver the loser reads 255): wait for it first.
        if self._manager is not None and self._manager.is_alive():
            return False
        return all(proc.exitcode is not None for proc in self._workers.values())

    def ending_signal(self, worker: WorkerRef) -> str:
        proc = self._workers.get(worker.pid)
        code = proc.exitcode if proc is not None else None
        return signal_name(-code) if code is not None and code < 0 else ""

    def stop_wait_limit(self, job_timeout: float) -> float | None:
        return TERMINATE_GRACE_S

    # -- the end ------------------------------------------------------------

    def release(self) -> None:
        self.note_workers()
        if self._stopped:  # whatever Stop's grace left alive is killed now
            for proc in self._workers.values():
                proc.kill()
            if self._manager is not None:
                self._manager.join(TERMINATE_GRACE_S)
        # Waits for the workers to exit, so no child outlives the run.
        self.shutdown(wait=True)
        for proc in self._workers.values():
            if proc.exitcode is None:
                proc.kill()
                proc.join(1.0)
        self.reports.close()


class ProcessExecutorPlugin(ExecutorPlugin):
    """``concurrent.futures.ProcessPoolExecutor``: one process per worker."""

    name = "process"
    worker_kind = WorkerKind.PROCESS
    can_end_running = True

    def open(self, size: int, start_method: str | None) -> ProcessWorkerPool:
        return ProcessWorkerPool(self, size, start_method)

    def start_method(self, requested: str | None) -> str:
        return context_for(requested).get_start_method()


PLUGIN = ProcessExecutorPlugin()
