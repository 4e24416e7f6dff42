"""The lesson's executor: a ``ProcessPoolExecutor``, with any start method.

Its workers are processes: Stop ends the running ones (SIGTERM, then
SIGKILL after a grace period), and when one dies the executor breaks, so
this plug-in keeps its own references to every worker it has seen, to read
how each one ended. This is the one module that reads the executor's
private ``_processes`` (and its manager thread) and overrides its private
``_spawn_process``.

Which worker died? When one worker dies, the executor marks the pool broken
and sends SIGTERM to every other worker (``terminate_broken``). A worker
that died of SIGTERM is then either the cause (someone outside sent it) or
collateral (the executor sent it), and its exit code cannot tell. So the
executor's own terminations are noted: :class:`_NotingProcessPoolExecutor`
wraps each worker's ``terminate`` as the worker is made, and notes its PID
*before* the signal goes out, unless the worker had already ended (then the
executor's SIGTERM reached nobody and the worker died of something else).
A worker that ended with a non-zero code and is not in that note died of
its own accord or by an outside hand: only the job it held is blamed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.process import BaseProcess

from workers.events import signal_name
from workers.executors.base import ExecutorPlugin, ExecutorScript, WorkerPool
from workers.jobs.pool_job import init_pool_worker
from workers.jobs.report_pipe import ReportPipe
from workers.start_methods import context_for, ctrl_c_blocked
from workers.terms import WorkerKind, WorkerRef, now_mono, process_worker

#: After Stop, workers get this long to exit on SIGTERM before SIGKILL.
TERMINATE_GRACE_S = 2.0


class _Terminations:
    """The PIDs of the workers the executor ended itself, while it counts."""

    def __init__(self) -> None:
        self.pids: set[int] = set()
        #: Off once Stop ends the workers: those endings are Stop's, the run
        #: does not ask who broke the pool then, and polling a worker here
        #: would race the executor's thread reaping it.
        self.noting = True


class _NotingProcessPoolExecutor(ProcessPoolExecutor):
    """A ``ProcessPoolExecutor`` that notes the PID of each worker it ends
    itself (see the module docstring), and starts its workers deaf to
    Ctrl+C until their initializer ignores it."""

    def __init__(self, *args: object, terminations: _Terminations, **kwargs: object) -> None:
        self._terminations = terminations
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def _spawn_process(self) -> None:  # CPython 3.9+: makes and starts one worker
        # A forkserver started now inherits the blocked SIGINT too, so a
        # Ctrl+C right after launch cannot kill it while it imports.
        with ctrl_c_blocked():
            super()._spawn_process()  # type: ignore[misc]
        newest = next(reversed(self._processes.values()))  # type: ignore[attr-defined]
        newest.terminate = _noting(newest, self._terminations)


def _noting(process: BaseProcess, terminations: _Terminations) -> Callable[[], None]:
    """``process.terminate``, noting the PID first if the worker still runs."""
    original = process.terminate

    def terminate() -> None:
        # exitcode polls: a worker that had already ended when the executor
        # turned on it died of something else, and stays a suspect.
        if terminations.noting and process.exitcode is None:
            terminations.pids.add(process.pid or 0)
        original()

    return terminate


class ProcessWorkerPool(WorkerPool):
    """A ``ProcessPoolExecutor`` (renewed after a break) and its workers."""

    def __init__(self, plugin: ExecutorPlugin, size: int, start_method: str | None) -> None:
        self._ctx = context_for(start_method)
        self.start_method = self._ctx.get_start_method()
        self._workers: dict[int, BaseProcess] = {}  # pid -> every worker seen
        self._stopped = False
        self._manager: threading.Thread | None = None  # the executor's, kept by stop()
        self._kill_at: float | None = None  # when survivors of Stop get SIGKILL
        self._terminations = _Terminations()  # workers the executor itself ended
        super().__init__(plugin, size, ReportPipe(self._ctx))

    def _make(self) -> ProcessPoolExecutor:
        # The report pipe stays open for the whole run: a pool replacing a
        # broken one starts new workers, which need the writing end too.
        return _NotingProcessPoolExecutor(
            max_workers=self.size,
            mp_context=self._ctx,
            initializer=init_pool_worker,
            initargs=(self.reports.writer,),
            terminations=self._terminations,
        )

    def worker_ref(self, pid: int, thread: str) -> WorkerRef:
        return process_worker(pid)  # its thread is always the main one

    def note_workers(self) -> None:
        # The executor forgets its workers once it breaks; keep our own
        # references so we can still read how each one ended.
        self._workers.update(getattr(self.executor, "_processes", None) or {})

    def dead_workers(self) -> dict[int, int]:
        """The workers that ended badly and that the executor did not end
        itself (see the module docstring): those that broke the pool."""
        codes = {pid: proc.exitcode for pid, proc in self._workers.items()}
        return {
            pid: code
            for pid, code in codes.items()
            if code is not None and code != 0 and pid not in self._terminations.pids
        }

    # -- Stop -------------------------------------------------------------

    def stop(self) -> None:
        self._terminations.noting = False
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

    def open(
        self, size: int, start_method: str | None, settings: Mapping[str, object]
    ) -> ProcessWorkerPool:
        return ProcessWorkerPool(self, size, start_method)

    def start_method(self, requested: str | None) -> str:
        return context_for(requested).get_start_method()

    def script(
        self, workers: int, start_method: str, settings: Mapping[str, object]
    ) -> ExecutorScript:
        return ExecutorScript(
            what=f"a ProcessPoolExecutor of {workers} processes started by {start_method}",
            imports=("import multiprocessing",),
            make=(
                "concurrent.futures.ProcessPoolExecutor(\n"
                f"        max_workers={workers}, "
                f"mp_context=multiprocessing.get_context({start_method!r})\n    )"
            ),
        )


PLUGIN = ProcessExecutorPlugin()
