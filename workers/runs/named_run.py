"""The named-process experiment: N processes named "1".."N", as the lesson.

All children of a run write their reports into one shared pipe with no lock
(see :mod:`workers.jobs.report_pipe`): a child killed mid-write cannot stall the
others, and a run needs two descriptors for reports however many children
it has. The pipe is always drained before a child is joined, so a child's
last report is read before its exit is judged, and no child can block on a
full pipe while the parent waits for it to exit. Children send plain named
tuples (:mod:`workers.jobs.named_job`), turned into events by
:mod:`workers.runs.named_events`.

Children are reaped and ``close()``d as they finish, so a run of 1000
processes holds descriptors only for the children still alive. Where the
open-file limit cannot be raised far enough, at most ``max_alive`` are alive
at once (RunStarted's settings say so) and the others wait their turn.
Children are started by a :mod:`~workers.runs.starter`; with the forkserver,
in a thread of their own, so a forkserver that stops answering cannot block
the run (on Stop it is let go on, then killed).

A forkserver child is known by its PID, whoever its parent is: if the
forkserver dies, its children live on, and the run watches them by PID
(:mod:`~workers.runs.named_child`), takes their results from their reports,
and ends them by PID on Stop.
"""

from __future__ import annotations

import os
import random
import signal
from dataclasses import dataclass
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess

from workers.events import Event, JobFailed, JobSubmitted, RunStarted, RunStopping
from workers.failures import Failure, FailureKind
from workers.jobs.named_job import Crashed, Finished, Started, from_wire, run_named_job
from workers.jobs.report_pipe import ReportPipe
from workers.options import NamedOptions
from workers.os_limits import alive_cap, file_descriptors_needed, raise_open_file_limit
from workers.runs.forkserver_care import ForkserverCare
from workers.runs.named_child import NamedChild
from workers.runs.named_events import (
    ending_for_exit,
    ending_for_vanished,
    event_for_report,
    label_of,
    parent_saw_end,
    start_failed,
)
from workers.runs.pid_watch import watch_pid
from workers.runs.run_base import Run
from workers.runs.starter import InlineStarter, Launch, Starter, ThreadedStarter
from workers.start_methods import context_for, forkserver_lost_track, forkserver_pid
from workers.terms import Experiment, now_mono, process_worker

#: After Stop, children get this long to exit on SIGTERM before SIGKILL.
TERMINATE_GRACE_S = 2.0
#: A start that failed because the forkserver vanished mid-start may still
#: have made the child; its report is awaited this long.
LIMBO_S = 2.0
#: How often children watched by PID without a pidfd are looked at.
PID_POLL_S = 0.1


@dataclass
class _Limbo:
    """A start that failed as the forkserver vanished: the child may exist."""

    until: float
    error: BaseException
    pid: int = 0  # from its report, if one came once it had already ended


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
        self._starter: Starter | None = None  # made when the run begins
        self._children: dict[int, NamedChild] = {}  # job_id -> live child
        self._limbo: dict[int, _Limbo] = {}  # job_id -> a start that may have made it
        #: Reports that came before their child's start was accounted for
        #: (the starter's thread had not said yet): held, to keep the order.
        self._early: dict[int, list[Started | Finished | Crashed]] = {}
        self._reports: ReportPipe | None = None  # made when the run begins
        self._kill_deadline: float | None = None  # set once Stop was handled
        self._forkserver: ForkserverCare | None = None  # with the forkserver only
        #: The PIDs of the children watched by PID: re-parented when their
        #: forkserver died, they are no longer this process's descendants, so
        #: a view that counts the run's processes must add these. Replaced,
        #: never changed in place: safe to read from any thread.
        self.watched_pids: frozenset[int] = frozenset()

    @property
    def start_method(self) -> str:
        return self._ctx.get_start_method()

    def _begin(self) -> Event:
        total = self.ledger.total
        soft = raise_open_file_limit(file_descriptors_needed(total))
        self._reports = ReportPipe(self._ctx)
        # Made before the first fork: see InlineStarter.step.
        processes = [self._new_process(job_id) for job_id in range(total)]
        if self.start_method == "forkserver":
            self._forkserver = care = ForkserverCare(self.options.niceness)
            max_alive, limit = alive_cap(total, soft, forkserver_pid())
            self._starter = ThreadedStarter(processes, max_alive, care.prepare, care.after_start)
        else:
            max_alive, limit = alive_cap(total, soft)
            self._starter = InlineStarter(processes, max_alive)
        options = self.options
        settings: tuple[tuple[str, object], ...] = (
            ("workload", options.workload),
            ("sleep_min", options.sleep_min),
            ("sleep_max", options.sleep_max),
            ("niceness", options.niceness),
            ("seed", options.seed),
        )
        if max_alive < total:  # the open-file limit is too low to run them all at once
            settings += (("max_alive", max_alive), ("open_file_limit", limit))
        return RunStarted(
            self.run_id,
            experiment=Experiment.NAMED,
            total=total,
            parent_pid=os.getpid(),
            executor="process",
            start_method=self.start_method,
            settings=settings,
        )

    def _step(self, timeout: float) -> None:
        assert self._starter is not None and self._reports is not None
        deadline = now_mono() + timeout
        self._take_launched()  # by the starter's thread: Stop must know them
        if self.cancel_requested:
            self._stop_children()
        else:
            self._starter.step(deadline)
        self._take_launched()
        if self._starter.done:
            # Every child has its own copy now; ours must go so that the
            # pipe reaches end-of-file once they have all exited.
            self._reports.close_writer()
        wait_for = max(0.0, deadline - now_mono())
        inline = isinstance(self._starter, InlineStarter)
        if inline and not self._starter.done and not self._starter.waiting_to_start:
            wait_for = 0.0  # more to start in the next poll
        self._collect(wait_for)
        self._take_launched()  # and the reports that came before them
        self._settle_limbo()

    # -- starting ---------------------------------------------------------

    def _new_process(self, job_id: int) -> BaseProcess:
        n = job_id + 1
        assert self._reports is not None and self._reports.writer is not None
        return self._ctx.Process(
            name=str(n),
            target=run_named_job,
            args=(
                self._reports.writer,
                job_id,
                n,
                self.sleep_times[job_id],
                self.options.workload,
                self.options.niceness,
            ),
            daemon=True,
        )

    def _take_launched(self) -> None:
        """Account for the children started since the last poll."""
        assert self._starter is not None
        for launch in self._starter.take_launched():
            if launch.error is None:
                self._add_child(launch)
            elif self._forkserver is not None and isinstance(launch.error, EOFError):
                # The forkserver vanished mid-start, maybe after the fork.
                self._limbo[launch.job_id] = _Limbo(now_mono() + LIMBO_S, launch.error)
            else:
                self._emit(self._could_not_start(launch.job_id, launch.error))
            for report in self._early.pop(launch.job_id, ()):
                self._take_report(report)

    def _add_child(self, launch: Launch) -> None:
        worker = process_worker(launch.process.pid or 0, label_of(launch.job_id))
        child = NamedChild(launch.job_id, worker, launch.process, launch.t_wall)
        self._children[launch.job_id] = child
        self._emit(
            JobSubmitted(
                self.run_id,
                job_id=launch.job_id,
                label=worker.name,
                worker=worker,
                t_mono=launch.t_mono,
                t_wall=launch.t_wall,
            )
        )
        if self._kill_deadline is not None:  # its start was under way as Stop came
            child.signal(signal.SIGTERM)

    def _could_not_start(self, job_id: int, error: BaseException) -> Event:
        """A start that failed: never started, if Stop came first."""
        if self.cancel_requested:
            return self._cancelled(job_id, label_of(job_id))
        return start_failed(self.run_id, job_id, error)

    def _settle_limbo(self) -> None:
        now = now_mono()
        for job_id, limbo in list(self._limbo.items()):
            if self.ledger.has_ended(job_id):
                del self._limbo[job_id]
            elif now >= limbo.until:
                del self._limbo[job_id]
                if limbo.pid:  # it ran, and vanished without a result
                    lost = Failure(FailureKind.LOST, pid=limbo.pid)
                    worker = process_worker(limbo.pid, label_of(job_id))
                    self._emit(parent_saw_end(self.run_id, JobFailed, job_id, lost, worker))
                else:
                    self._emit(self._could_not_start(job_id, limbo.error))

    def _found_in_limbo(self, report: Started) -> None:
        """The child of a start that failed mid-way runs after all."""
        limbo = self._limbo[report.job_id]
        watch = watch_pid(report.pid, report.t_wall)
        if watch is None:  # ended already: its next report, if any, decides
            limbo.pid = report.pid
            return
        del self._limbo[report.job_id]
        assert self._starter is not None
        self._starter.adopted()
        worker = process_worker(report.pid, report.name)
        child = NamedChild(report.job_id, worker, None, report.t_wall, watch=watch)
        self._children[report.job_id] = child
        self.watched_pids |= {report.pid}
        self._emit(
            JobSubmitted(self.run_id, job_id=report.job_id, label=report.name, worker=worker)
        )
        if self._kill_deadline is not None:
            child.signal(signal.SIGTERM)

    # -- collecting -------------------------------------------------------

    def _collect(self, timeout: float) -> None:
        assert self._reports is not None
        by_handle: dict[object, NamedChild] = {}
        looked_at: list[NamedChild] = []  # watched by PID without a pidfd
        for child in self._children.values():
            if (handle := child.handle()) is not None:
                by_handle[handle] = child
            else:
                looked_at.append(child)
        if looked_at:
            timeout = min(timeout, PID_POLL_S)
        ready = wait([*self._reports.waitable(), *by_handle], timeout)
        # Reports first: a child's last report is in the pipe before its
        # sentinel fires, and must be read before its exit is judged.
        self._read_reports()
        for handle in ready:
            child = by_handle.get(handle)
            if child is not None:
                self._reap(child)
        for child in looked_at:
            if child.watch is not None and child.watch.has_ended():
                self._vanished(child)

    def _read_reports(self) -> None:
        if self._reports is None:
            return
        for wire in self._reports.read_ready():
            report = from_wire(wire)
            job_id = report.job_id
            known = job_id in self._children or job_id in self._limbo
            if not known and not self.ledger.has_ended(job_id):
                self._early.setdefault(job_id, []).append(report)
            else:
                self._take_report(report)

    def _take_report(self, report: Started | Finished | Crashed) -> None:
        job_id = report.job_id
        if isinstance(report, Started):
            if job_id in self._limbo:
                self._found_in_limbo(report)
            child = self._children.get(job_id)
            if child is not None:
                child.started_mono = report.t_mono
            elif self.ledger.has_ended(job_id):
                self._end_stray(report)
                return
        self._emit(event_for_report(self.run_id, report))

    @staticmethod
    def _end_stray(report: Started) -> None:
        """A child nobody knew of (its start seemed to fail, long ago): its
        job is over, and it must not outlive the run."""
        stray = watch_pid(report.pid, report.t_wall)
        if stray is not None:
            stray.send(signal.SIGKILL)
            stray.close()

    def _reap(self, child: NamedChild) -> None:
        process = child.process
        if process is None:  # its pidfd fired
            self._vanished(child)
            return
        lost = self._forkserver is not None and forkserver_lost_track(process.sentinel)
        process.join()
        code = process.exitcode
        if lost:
            # The forkserver died: the 255 is multiprocessing's guess, the
            # child may well be running. Watch it by PID from now on, and keep
            # its Process (unclosed): it holds the pipe whose far end the
            # child watches for the app's death (workers.jobs.parent_watch).
            if child.watch_by_pid(keep=process):
                self.watched_pids |= {child.pid}
            else:
                self._vanished(child)
            return
        process.close()
        self._forget(child)
        self._emit(
            ending_for_exit(
                self.run_id,
                child.job_id,
                child.worker,
                child.started_mono,
                code,
                stopping=self.stop_handled,
            )
        )

    def _forget(self, child: NamedChild) -> None:
        del self._children[child.job_id]
        assert self._starter is not None
        self._starter.child_ended()

    def _vanished(self, child: NamedChild) -> None:
        """A child watched by PID has ended; nobody here can read how. If
        its own report said so, the ledger already has its ending."""
        if child.watch is not None:
            child.watch.close()
            self.watched_pids -= {child.worker.pid}
        child.let_go()
        self._forget(child)
        stop_signal = child.signalled if self.stop_handled else ""
        self._emit(
            ending_for_vanished(
                self.run_id, child.job_id, child.worker, child.started_mono, stop_signal
            )
        )

    # -- stopping ---------------------------------------------------------

    def _stop_children(self) -> None:
        assert self._starter is not None
        if self._kill_deadline is None:
            self._emit(
                RunStopping(
                    self.run_id,
                    # Children whose result came in are only exiting.
                    running=sum(1 for j in self._children if not self.ledger.has_ended(j)),
                    can_end_running=True,
                    wait_limit=TERMINATE_GRACE_S,
                )
            )
            for job_id in range(self._starter.stop(), self.ledger.total):
                self._emit(self._cancelled(job_id, label_of(job_id)))
            for child in self._children.values():
                child.signal(signal.SIGTERM)
            self._kill_deadline = now_mono() + TERMINATE_GRACE_S
        elif now_mono() > self._kill_deadline:
            for child in self._children.values():
                child.signal(signal.SIGKILL)
        if self._forkserver is not None:
            self._forkserver.while_stopping(self._starter.in_flight_since)

    def _end(self) -> None:
        if self._forkserver is not None:
            self._forkserver.end_if_wedged()  # the run ended before its time came

    def _release(self) -> None:
        if self._starter is not None:
            self._starter.stop()
            if not self._starter.join(TERMINATE_GRACE_S) and self._forkserver is not None:
                self._forkserver.end()  # a start still waits for it: let it fail
                self._starter.join(TERMINATE_GRACE_S)
            self._take_launched()
        # Children whose report came in may still be exiting: let them finish
        # (briefly), then make sure nothing outlives the run.
        deadline = now_mono() + TERMINATE_GRACE_S
        for child in list(self._children.values()):
            child.end_for_good(deadline)
        self._children.clear()
        if self._reports is not None:
            self._reports.close()


__all__ = ["NamedProcessRun"]
