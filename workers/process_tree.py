"""The app's own process tree, read a few times a second: the process
inspector's data (no Qt).

:class:`ProcessTreeReader` lists this process and every descendant with its
parent, OS title, state, CPU (% of one core), memory and age, and on request
each one's threads. Who calls it, and on which thread, is the caller's
business (the window reads it on a worker QThread, :mod:`gui.inspector`).

- One ``psutil.Process`` per PID, kept while the process lives: its start
  time is read once, its command line through it. The numbers read every
  time (state, CPU time, memory, name) come from one read of
  ``/proc/<pid>/stat`` on Linux (psutil reads two files through five calls
  for them), from psutil elsewhere; CPU % is worked out here, against this
  reader's previous reading.
- Processes vanish at any moment, also halfway through being read: every
  read of one process may fail, and then that process has exited.
- An exited process (gone, or a zombie not yet joined) stays in the
  snapshot, marked with when it was seen to exit, for :data:`KEEP_EXITED_S`,
  so a view can grey it out before it goes.
- Listing descendants reads the kernel's per-thread ``children`` files on
  Linux (only our own part of /proc, as :mod:`workers.cpu_sampling` does),
  psutil's process table elsewhere.

The /proc reading itself is in :mod:`workers.proc_files`. Python names
(``Process(name="7")``) live only inside each child; the session record has
them, from the children's own reports, and :mod:`workers.process_names`
keeps them by PID for the inspector, so a row shows both names side by side.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum

import psutil

from workers.proc_files import (
    descendants_proc,
    descendants_psutil,
    stat_proc,
    threads_proc,
    threads_psutil,
)
from workers.start_methods import forkserver_pid, multiprocessing_helper_pids

#: How long an exited process stays in the snapshot.
KEEP_EXITED_S = 5.0
#: A process this young may still change its command line (a spawned child
#: execs Python, then sets its title): its command line is read every time.
SETTLING_S = 2.0


class Role(str, Enum):
    """What a process of the tree is."""

    APP = "app"  # this program itself, the root of the tree
    FORKSERVER = "forkserver"  # multiprocessing's fork server
    RESOURCE_TRACKER = "resource_tracker"  # multiprocessing's resource tracker
    CHILD = "child"  # anything else: named children, pool workers


#: psutil's status for a process seen to have exited (not one of psutil's).
STATUS_EXITED = "exited"


@dataclass(frozen=True, slots=True)
class ThreadInfo:
    """One thread of a process."""

    tid: int
    name: str  # Python's name for it where known (this program's threads), else the OS's
    os_name: str  # the kernel's name for it (15 bytes at most)
    cpu: float  # % of one core since the last reading


@dataclass(frozen=True, slots=True)
class ProcessInfo:
    """One process of the tree, as last read."""

    pid: int
    ppid: int
    depth: int  # 0 for the app, 1 for its children, …
    role: Role
    os_name: str  # the kernel's name: "python", or the title ("plab:7")
    cmdline: tuple[str, ...]  # the command line, empty strings dropped
    status: str  # psutil's status ("running", "sleeping", "zombie", …) or STATUS_EXITED
    cpu: float  # % of one core since the last reading
    rss: int  # resident memory, bytes
    created: float  # start time, seconds since the epoch (time.time())
    first_seen: float  # monotonic time it was first listed
    new: bool  # it appeared after the first reading (not there when the view opened)
    exited: float | None  # monotonic time it was seen to exit, None while it runs
    threads: tuple[ThreadInfo, ...] = ()  # listed only when asked for

    @property
    def alive(self) -> bool:
        return self.exited is None


@dataclass(frozen=True, slots=True)
class TreeSnapshot:
    """The whole tree at one moment, in tree order (each parent before its
    children, siblings oldest first)."""

    t_mono: float
    processes: tuple[ProcessInfo, ...]
    threads_listed: bool  # whether ``threads`` was read for each process
    children_cpu: float  # the live descendants' CPU, summed, % of one core


class _Tracked:
    """What the reader keeps about one process between readings."""

    __slots__ = (
        "cmdline",
        "cpu_seconds",
        "exited",
        "first_seen",
        "info",
        "new",
        "os_name",
        "proc",
        "thread_cpu",
    )

    def __init__(self, proc: psutil.Process, first_seen: float, new: bool) -> None:
        self.proc = proc
        self.first_seen = first_seen
        self.new = new
        self.exited: float | None = None
        self.os_name = ""
        self.cmdline: tuple[str, ...] = ()
        self.info: ProcessInfo | None = None
        self.cpu_seconds: tuple[float, float] | None = None  # (CPU seconds, at), last reading
        self.thread_cpu: dict[int, tuple[float, float]] = {}  # tid -> (cpu seconds, at)


def helper_roles() -> dict[int, Role]:
    """multiprocessing's helpers now running: PID -> role."""
    roles = dict.fromkeys(multiprocessing_helper_pids(), Role.RESOURCE_TRACKER)
    server = forkserver_pid()
    if server in roles:
        roles[server] = Role.FORKSERVER
    return roles


class ProcessTreeReader:
    """Reads the process tree of ``pid`` (default: this process) into
    :class:`TreeSnapshot` values; see the module docstring. Not thread-safe:
    one thread calls :meth:`read`."""

    def __init__(
        self,
        pid: int | None = None,
        *,
        keep_exited_s: float = KEEP_EXITED_S,
        clock: Callable[[], float] = time.monotonic,
        roles: Callable[[], dict[int, Role]] = helper_roles,
        batch: int = 0,
        pause_s: float = 0.0,
    ) -> None:
        """``batch``, ``pause_s``: after every ``batch`` processes read, sleep
        ``pause_s`` (0: never). In a process with a GUI thread, every call
        that thread makes into Qt gives up the GIL and must take it back:
        while this reader runs, each may wait for it. Short batches with
        pauses between them leave the GUI thread stretches to itself."""
        root = psutil.Process(pid)
        self._root_pid = root.pid
        self._keep_exited_s = keep_exited_s
        self._clock = clock
        self._roles = roles
        self._batch = batch
        self._pause_s = pause_s
        self._use_proc = os.path.exists(f"/proc/{root.pid}/task")
        self._tracked: dict[int, _Tracked] = {root.pid: _Tracked(root, clock(), new=False)}
        self._first = True

    @property
    def root_pid(self) -> int:
        return self._root_pid

    def read(self, threads: bool = False) -> TreeSnapshot:
        """The tree now; with ``threads``, each live process's threads too."""
        now = self._clock()
        if self._use_proc:
            listed = descendants_proc(self._root_pid)
        else:
            listed = descendants_psutil(self._tracked[self._root_pid].proc)
        parents = {self._root_pid: 0, **dict(listed)}
        roles = self._roles()
        python_threads = {t.native_id: t.name for t in threading.enumerate()} if threads else {}
        at = now
        for count, (pid, ppid) in enumerate(parents.items(), 1):
            if self._batch and count % self._batch == 0:
                time.sleep(self._pause_s)  # see __init__
                at = self._clock()
            tracked = self._tracked.get(pid)
            if tracked is None or tracked.exited is not None:
                # New, or a PID that was seen to exit and is in use again.
                try:
                    proc = psutil.Process(pid)
                except psutil.Error:
                    continue  # already gone
                tracked = self._tracked[pid] = _Tracked(proc, now, new=not self._first)
            self._read_one(tracked, ppid, roles.get(pid), at, threads, python_threads)
        # Processes no longer listed have exited; after a while they go.
        for pid, tracked in list(self._tracked.items()):
            if pid not in parents and tracked.exited is None:
                self._mark_exited(tracked, now)
            if tracked.exited is not None and now - tracked.exited > self._keep_exited_s:
                del self._tracked[pid]
        self._first = False
        ordered = self._in_tree_order()
        children_cpu = sum(p.cpu for p in ordered if p.depth > 0 and p.alive)
        return TreeSnapshot(now, tuple(ordered), threads, children_cpu)

    # -- one process ---------------------------------------------------------

    def _read_one(
        self,
        tracked: _Tracked,
        ppid: int,
        role: Role | None,
        now: float,
        threads: bool,
        python_threads: dict[int | None, str],
    ) -> None:
        proc = tracked.proc
        pid = proc.pid
        if pid == self._root_pid:
            role = Role.APP
        try:
            if self._use_proc:
                status, spent, rss, os_name = stat_proc(pid)
            else:
                with proc.oneshot():
                    status = proc.status()
                    times = proc.cpu_times()
                    rss = proc.memory_info().rss
                    os_name = proc.name()
                spent = times.user + times.system
            created = proc.create_time()  # read once, when the Process was made
            if os_name != tracked.os_name or now - tracked.first_seen < SETTLING_S:
                # A new title, or a young process: the command line may have changed.
                tracked.os_name = os_name
                tracked.cmdline = self._cmdline(proc)
            listed = self._threads(tracked, now, python_threads) if threads else ()
        except (psutil.Error, OSError):
            self._mark_exited(tracked, now)  # it vanished while being read
            return
        if status == psutil.STATUS_ZOMBIE and tracked.exited is None:
            tracked.exited = now  # exited; its parent has not joined it yet
        # psutil's cpu_percent() asks for the number of cores on every call
        # (a sysconf, a fifth of the cost of reading a process): done here.
        before, tracked.cpu_seconds = tracked.cpu_seconds, (spent, now)
        cpu = 0.0
        if before is not None and now > before[1]:
            cpu = max(0.0, 100.0 * (spent - before[0]) / (now - before[1]))
        previous = tracked.info
        tracked.info = ProcessInfo(
            pid=pid,
            ppid=ppid,
            depth=previous.depth if previous is not None else 0,  # set by the ordering
            role=role or Role.CHILD,
            os_name=os_name,
            cmdline=tracked.cmdline,
            status=status,
            cpu=cpu if tracked.exited is None else 0.0,
            rss=rss,
            created=created,
            first_seen=tracked.first_seen,
            new=tracked.new,
            exited=tracked.exited,
            threads=listed,
        )

    @staticmethod
    def _cmdline(proc: psutil.Process) -> tuple[str, ...]:
        """The command line without the empty strings a title set with
        setproctitle leaves where the old arguments were."""
        try:
            return tuple(part for part in proc.cmdline() if part)
        except psutil.ZombieProcess:
            return ()
        except psutil.AccessDenied:
            return ()

    def _threads(
        self, tracked: _Tracked, now: float, python_threads: dict[int | None, str]
    ) -> tuple[ThreadInfo, ...]:
        pid = tracked.proc.pid
        raw = threads_proc(pid) if self._use_proc else threads_psutil(tracked.proc)
        own = pid == self._root_pid
        previous, current = tracked.thread_cpu, {}
        listed = []
        for tid, os_name, spent in sorted(raw):
            current[tid] = (spent, now)
            before = previous.get(tid)
            cpu = 0.0
            if before is not None and now > before[1]:
                cpu = max(0.0, 100.0 * (spent - before[0]) / (now - before[1]))
            name = python_threads.get(tid, os_name) if own else os_name
            listed.append(ThreadInfo(tid, name, os_name, cpu))
        tracked.thread_cpu = current
        return tuple(listed)

    def _mark_exited(self, tracked: _Tracked, now: float) -> None:
        if tracked.exited is None:
            tracked.exited = now
        info = tracked.info
        if info is not None and info.exited is None:
            tracked.info = replace(
                info, status=STATUS_EXITED, cpu=0.0, exited=tracked.exited, threads=()
            )

    # -- order -----------------------------------------------------------------

    def _in_tree_order(self) -> list[ProcessInfo]:
        """Each parent before its children, siblings oldest first; a process
        whose parent is not in the tree hangs under the root."""
        infos = {pid: t.info for pid, t in self._tracked.items() if t.info is not None}
        children: dict[int, list[ProcessInfo]] = {}
        for info in infos.values():
            if info.pid == self._root_pid:
                continue
            parent = info.ppid if info.ppid in infos else self._root_pid
            children.setdefault(parent, []).append(info)
        ordered: list[ProcessInfo] = []
        root = infos.get(self._root_pid)
        if root is None:
            return ordered
        stack: list[tuple[ProcessInfo, int]] = [(root, 0)]
        while stack:
            info, depth = stack.pop()
            if info.depth != depth:  # kept, so the next reading starts from it
                info = self._tracked[info.pid].info = replace(info, depth=depth)
            ordered.append(info)
            kids = sorted(children.get(info.pid, ()), key=lambda p: (p.created, p.pid))
            stack += ((kid, depth + 1) for kid in reversed(kids))
        return ordered
