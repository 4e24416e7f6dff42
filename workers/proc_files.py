"""Reading our own part of /proc for the process inspector (no Qt).

Linux: the kernel's per-thread ``children`` lists give the tree (only our
own part of /proc is read, as :mod:`workers.cpu_sampling` does), and one
read of ``/proc/<pid>/stat`` gives a process's state, CPU time, memory and
name. Elsewhere, psutil. Every function may meet a process that has just
gone: the listings skip it, :func:`stat_proc` raises OSError.
"""

from __future__ import annotations

import contextlib
import os

import psutil

#: Clock ticks per second, the unit of /proc's CPU times.
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def descendants_proc(root: int) -> list[tuple[int, int]]:
    """(pid, ppid) of every descendant of ``root``, from the kernel's
    per-thread ``children`` lists (Linux)."""
    found: list[tuple[int, int]] = []
    stack = [root]
    while stack:
        parent = stack.pop()
        try:
            tids = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue  # it exited meanwhile
        for tid in tids:  # a child belongs to the thread that started it
            try:
                with open(f"/proc/{parent}/task/{tid}/children", "rb") as f:
                    kids = [int(kid) for kid in f.read().split()]
            except OSError:
                continue
            found += ((kid, parent) for kid in kids)
            stack += kids
    return found


#: /proc's one-letter states, in psutil's words.
_STATES = {
    b"R": psutil.STATUS_RUNNING,
    b"S": psutil.STATUS_SLEEPING,
    b"D": psutil.STATUS_DISK_SLEEP,
    b"T": psutil.STATUS_STOPPED,
    b"t": psutil.STATUS_TRACING_STOP,
    b"Z": psutil.STATUS_ZOMBIE,
    b"X": psutil.STATUS_DEAD,
    b"I": psutil.STATUS_IDLE,
    b"W": psutil.STATUS_WAKING,
    b"P": psutil.STATUS_PARKED,
}
_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def stat_proc(pid: int) -> tuple[str, float, int, str]:
    """(state, CPU seconds, resident bytes, kernel name) of ``pid`` from one
    read of /proc/<pid>/stat (Linux); OSError if it is gone.

    What psutil reads from two files (stat and statm) through five calls,
    here from one: with 500 children, a third of the reading's time.
    """
    with open(f"/proc/{pid}/stat", "rb") as f:
        data = f.read()
    head, _, rest = data.rpartition(b")")
    fields = rest.split()
    if len(fields) < 22:
        raise OSError(f"/proc/{pid}/stat is cut short")
    name = head.partition(b"(")[2].decode("utf-8", "replace")
    state = _STATES.get(fields[0], fields[0].decode("ascii", "replace"))
    # After the state: utime and stime are the 12th and 13th fields, rss the 22nd.
    spent = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return state, spent, int(fields[21]) * _PAGE_BYTES, name


def descendants_psutil(root: psutil.Process) -> list[tuple[int, int]]:
    """(pid, ppid) of every descendant of ``root``, from psutil."""
    try:
        children = root.children(recursive=True)
    except psutil.Error:
        return []
    found = []
    for child in children:
        with contextlib.suppress(psutil.Error):  # gone between the listing and the look
            found.append((child.pid, child.ppid()))
    return found


def threads_proc(pid: int) -> list[tuple[int, str, float]]:
    """(tid, kernel name, CPU seconds) of each thread of ``pid`` (Linux)."""
    threads = []
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat", "rb") as f:
                data = f.read()
        except OSError:
            continue  # the thread ended meanwhile
        head, _, rest = data.rpartition(b")")
        fields = rest.split()
        name = head.partition(b"(")[2].decode("utf-8", "replace")
        if len(fields) > 12:
            cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
            threads.append((int(tid), name, cpu))
    return threads


def threads_psutil(proc: psutil.Process) -> list[tuple[int, str, float]]:
    """(tid, name, CPU seconds) of each thread, where there is no /proc:
    psutil gives no thread names, so the name is the thread id."""
    return [(t.id, str(t.id), t.user_time + t.system_time) for t in proc.threads()]
