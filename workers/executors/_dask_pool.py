"""The Dask executor's pool: one ``Client`` (on a ``LocalCluster`` started
here, or on a scheduler's address) and its ``get_executor()``.

Imported only when a Dask run opens its pool: ``distributed`` takes about a
second to import, and the window and the other executors' workers never
load it.

- **One client, one thread.** The run's own thread makes the client (and a
  local cluster) in :meth:`DaskWorkerPool._make` and closes both in
  :meth:`DaskWorkerPool.release`, through one ``ExitStack`` of their context
  managers. The client is never the default one (``set_as_default=False``):
  nothing else in the process picks it up.
- **Who did what.** Each job announces its start as a Dask event on this
  run's own topic (:mod:`workers.jobs.dask_job`); the client's subscription
  hands it over through a queue, and the result names the worker again.
  Times from another machine are moved onto this one's monotonic clock
  through the wall clock (which NTP keeps in step); on this machine (same
  boot) they are taken as they are.
- **A worker that dies** fails the jobs it held: a local cluster's
  scheduler is told to allow no retries (``allowed-failures`` 0), so each
  such job ends with Dask's ``KilledWorker`` and is reported as its
  worker's death. (A scheduler elsewhere keeps its own setting: there a
  job may be run again on another worker.)
- **Stop** cancels every job: queued ones never start, a running one's
  result is dropped. Release closes the client and shuts a local cluster
  down; a worker process still alive after that is killed. Local workers
  are this process's children and Dask makes each watch a pipe from this
  process: if the app dies, even by SIGKILL, they exit at once.
- **Ctrl+C**: the cluster (its event loop thread, and so every worker
  process it spawns, now or after a restart) starts with SIGINT blocked, as
  the other executors' workers do; the run stops them.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import queue
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import replace

import dask
import psutil
from distributed import Client, KilledWorker, LocalCluster
from distributed.cfexecutor import ClientExecutor

from workers.executors.base import ExecutorPlugin, PoolUnavailable, StartReport, WorkerPool
from workers.executors.dask import ClusterSettings
from workers.failures import Failure, FailureKind
from workers.jobs.dask_job import (
    FLUSHED,
    clock_offset,
    dask_fetch_job,
    flush_starts,
    machine_id,
)
from workers.jobs.fetch import FetchOutcome
from workers.start_methods import ctrl_c_blocked
from workers.terms import WorkerKind, WorkerRef

#: After a local cluster was closed, its worker processes get this long to exit.
EXIT_WAIT_S = 3.0
#: A local worker still running a job when the run ends gets 0.8 times this
#: to stop on its own before its nanny kills it (Dask's default is 5 s, and
#: a worker waits for its running job: a Stop would take that long).
WORKER_CLOSE_S = 1.0
#: A local cluster's scheduler: a worker's death fails the jobs it held at
#: once, rather than running them again elsewhere (see the module docstring).
LOCAL_CONFIG = {"distributed.scheduler.allowed-failures": 0}
#: How long one TCP connection attempt to a scheduler may take.
PROBE_ATTEMPT_S = 1.0
#: After Stop, how long to wait for the start reports still on their way.
STOP_FLUSH_S = 2.0


def local_cluster_options(workers: int, dashboard: bool) -> dict[str, object]:
    """``LocalCluster``'s arguments for a cluster of ``workers`` processes of
    one thread each, on 127.0.0.1 only."""
    return {
        "n_workers": workers,
        "threads_per_worker": 1,
        "processes": True,
        "host": "127.0.0.1",
        # The scheduler's web server runs even without the dashboard, on port
        # 8787 unless told otherwise (and warns if that is taken): a free port.
        "dashboard_address": "127.0.0.1:0" if dashboard else None,
        "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"},
        # The run reports every outcome in its own words.
        "silence_logs": logging.CRITICAL,
    }


class DaskWorkerPool(WorkerPool):
    """A Dask client and its executor, for one run (see the module docstring)."""

    def __init__(self, plugin: ExecutorPlugin, settings: ClusterSettings) -> None:
        self.settings = settings
        self.client: Client | None = None
        self._cluster: LocalCluster | None = None
        self._stack = contextlib.ExitStack()  # the client, then a local cluster
        self._topic = f"process-lab-starts-{uuid.uuid4().hex}"
        self._starts: queue.SimpleQueue[list] = queue.SimpleQueue()  # filled by the client
        self._arrived: list[StartReport] = []  # read from the queue, not yet handed over
        self._flush_token = ""  # Stop's flush: see stop()
        self._flush_waiting: set[str] = set()  # workers whose flush has not come back
        self._flush_deadline = 0.0
        self._pids: dict[str, int] = {}  # worker address -> PID, as reported
        self._here = machine_id()
        self._dashboard = ""
        self._released = False
        super().__init__(plugin, settings.workers, reports=None)

    # -- making it --------------------------------------------------------------

    def _make(self) -> ClientExecutor:
        try:
            if self.settings.local:
                self._start_local()
            else:
                self._connect()
            assert self.client is not None
            self.client.subscribe_topic(self._topic, self._on_start)
            # pure=False: two jobs with the same URL are two tasks, not one
            # (Dask would otherwise give both the same key and run it once).
            return self.client.get_executor(pure=False)
        except PoolUnavailable:
            self._close_all()
            raise
        except Exception as exc:  # whatever Dask raised: one line, for every job
            self._close_all()
            failure = Failure(
                FailureKind.CLUSTER_FAILED, exc_type=type(exc).__name__, message=str(exc)
            )
            raise PoolUnavailable(failure) from exc

    def _start_local(self) -> None:
        settings = self.settings
        with dask.config.set(LOCAL_CONFIG), ctrl_c_blocked():
            self._cluster = self._stack.enter_context(
                LocalCluster(**local_cluster_options(settings.workers, settings.dashboard))
            )
            self.client = self._stack.enter_context(Client(self._cluster, set_as_default=False))
        self.start_method = str(dask.config.get("distributed.worker.multiprocessing-method"))
        if settings.dashboard:
            self._dashboard = self._cluster.dashboard_link or ""

    def _connect(self) -> None:
        settings = self.settings
        deadline = time.monotonic() + settings.connect_timeout
        self._probe(deadline)
        try:
            self.client = self._stack.enter_context(
                Client(
                    settings.scheduler,
                    timeout=max(0.1, deadline - time.monotonic()),
                    set_as_default=False,
                )
            )
        except Exception as exc:  # no answer, or not a Dask scheduler at all
            raise PoolUnavailable(self._unreachable(f"{type(exc).__name__}: {exc}")) from exc
        self.size = len(self.client.nthreads())
        if self.size == 0:  # the jobs would wait for ever
            failure = Failure(FailureKind.NO_CLUSTER_WORKERS, host=settings.scheduler)
            raise PoolUnavailable(failure)
        if settings.dashboard:
            self._dashboard = self.client.dashboard_link or ""

    def _probe(self, deadline: float) -> None:
        """Try a plain TCP connection until ``deadline``: a scheduler that is
        not there is said so within the timeout, and no half-made client is
        left to be collected later."""
        split = self.settings.scheduler.removeprefix("tcp://").rsplit(":", 1)
        host, port = split[0].strip("[]"), int(split[1])
        last = ""
        while (left := deadline - time.monotonic()) > 0:
            try:
                with socket.create_connection((host, port), timeout=min(left, PROBE_ATTEMPT_S)):
                    return
            except OSError as exc:
                last = exc.strerror or str(exc) or type(exc).__name__
            # Refused at once: try again shortly (the scheduler may be starting).
            time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
        raise PoolUnavailable(self._unreachable(last))

    def _unreachable(self, why: str) -> Failure:
        settings = self.settings
        return Failure(
            FailureKind.SCHEDULER_UNREACHABLE,
            host=settings.scheduler,
            limit=settings.connect_timeout,
            message=why,
        )

    # -- who did what ------------------------------------------------------

    def job_function(self) -> Callable[..., object]:
        return functools.partial(dask_fetch_job, topic=self._topic)

    def _on_start(self, event: tuple[float, list]) -> None:
        # On the client's event loop thread: hand over, nothing else.
        self._starts.put(event[1])

    def started_reports(self) -> list[StartReport]:
        self._read_events()
        reports, self._arrived = self._arrived, []
        return reports

    def _read_events(self) -> None:
        """Take what the client received: start reports and Stop's flushes."""
        while True:
            try:
                event = self._starts.get_nowait()
            except queue.Empty:
                return
            if event[0] == FLUSHED:
                if event[1] == self._flush_token:
                    self._flush_waiting.discard(event[2])
                continue
            run_id, job_id, address, name, pid, machine, t_mono, t_wall = event
            self._pids[address] = pid
            worker = WorkerRef(WorkerKind.DASK, pid=pid, address=address, name=name)
            if machine != self._here:
                t_mono = t_wall - clock_offset()
            self._arrived.append((run_id, job_id, worker, t_mono, t_wall))

    def outcome(self, result: object) -> tuple[FetchOutcome, WorkerRef]:
        outcome, address, name, pid, machine, offset = result  # type: ignore[misc]
        self._pids[address] = pid
        if machine != self._here:  # its monotonic clock is not ours: go by the wall clock
            shift = offset - clock_offset()
            outcome = replace(
                outcome,
                started_mono=outcome.started_mono + shift,
                finished_mono=outcome.finished_mono + shift,
            )
        return outcome, WorkerRef(WorkerKind.DASK, pid=pid, address=address, name=name)

    def worker_ref(self, pid: int, thread: str) -> WorkerRef:
        return WorkerRef(WorkerKind.DASK, pid=pid, thread=thread)  # unused: see outcome()

    def failure_for(self, exc: BaseException) -> Failure | None:
        if isinstance(exc, KilledWorker):
            address = getattr(exc.last_worker, "address", "")
            return Failure(
                FailureKind.CLUSTER_WORKER_DIED, host=address, pid=self._pids.get(address)
            )
        return None

    def run_settings(self) -> tuple[tuple[str, object], ...]:
        return (("scheduler", self.settings.scheduler), ("dashboard", self._dashboard))

    # -- Stop ----------------------------------------------------------------

    def stop(self) -> None:
        # One round trip to the scheduler: every job of the run is cancelled.
        with contextlib.suppress(Exception):  # a lost scheduler cancels nothing more
            self.executor.shutdown(wait=False)
        # A job that started just before may not have said so yet: its report
        # is on its way. Each worker sends a flush behind its reports; the
        # run decides stopped or never started once all are back.
        self._flush_token = uuid.uuid4().hex
        self._flush_deadline = time.monotonic() + STOP_FLUSH_S
        assert self.client is not None
        try:
            answered = self.client.run(
                flush_starts,
                self._topic,
                self._flush_token,
                on_error="ignore",
                callback_timeout=STOP_FLUSH_S,
            )
            self._flush_waiting = set(answered)
        except Exception:  # a worker that does not answer: wait no more
            self._flush_waiting = set()

    def stop_settled(self) -> bool:
        # Cancelled, nothing of theirs comes back; only reports may.
        self._read_events()
        return not self._flush_waiting or time.monotonic() >= self._flush_deadline

    def ending_signal(self, worker: WorkerRef) -> str:
        return ""

    def stop_wait_limit(self, job_timeout: float) -> float | None:
        return None

    # -- the end ---------------------------------------------------------------

    def renew(self) -> None:  # a Dask executor never breaks as a process pool does
        raise NotImplementedError

    def shutdown(self, wait: bool) -> None:
        with contextlib.suppress(Exception):
            self.executor.shutdown(wait=wait)

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        self.shutdown(wait=False)  # what is left is cancelled, never waited for
        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.unsubscribe_topic(self._topic)
        self._close_all()

    def _close_all(self) -> None:
        """Close the client, then shut a local cluster down; kill any of its
        worker processes still alive after that."""
        pids = self._local_worker_pids()
        if self._cluster is not None:
            with contextlib.suppress(Exception):  # then the cluster's own close does it
                nannies = list(self._cluster.workers.values())
                self._cluster.sync(_close_nannies, nannies, WORKER_CLOSE_S)
        try:
            # A client or cluster that fails to close leaves nothing to do but
            # make sure of its processes, below.
            with contextlib.suppress(Exception):
                self._stack.close()
        finally:
            self._reap(pids)

    def _local_worker_pids(self) -> list[int]:
        if self._cluster is None:
            return []
        pids = [getattr(nanny, "pid", None) for nanny in self._cluster.workers.values()]
        return [pid for pid in pids if pid]

    @staticmethod
    def _reap(pids: list[int]) -> None:
        procs = []
        for pid in pids:
            with contextlib.suppress(psutil.Error):
                procs.append(psutil.Process(pid))
        _gone, alive = psutil.wait_procs(procs, timeout=EXIT_WAIT_S)
        for proc in alive:
            with contextlib.suppress(psutil.Error):
                proc.kill()
        psutil.wait_procs(alive, timeout=EXIT_WAIT_S)


async def _close_nannies(nannies: list, timeout: float) -> None:
    """Close a local cluster's nannies at once, each ending its worker
    process within ``timeout`` (on the cluster's event loop)."""
    await asyncio.gather(
        *(nanny.close(timeout=timeout) for nanny in nannies), return_exceptions=True
    )


__all__ = ["DaskWorkerPool", "local_cluster_options"]
