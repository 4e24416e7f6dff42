"""How many processes this machine can safely take, and the open-file limit.

Each child process costs memory and, in the parent, a few file descriptors
(its sentinel) for as long as it lives. These helpers turn that into
numbers a validator can check and a person can read.

psutil is imported when memory is first asked about: the window's controls
import this module for its constants and appear before psutil (about 18 ms
to import) is needed.
"""

from __future__ import annotations

import os

#: A conservative guess of one idle Python child's private memory.
CHILD_MEMORY_BYTES = 15 * 1024 * 1024
#: Live processes allowed per core before a run needs --force.
PROCESSES_PER_CORE = 500
#: Share of the currently available memory children may take.
MEMORY_SHARE = 0.5
#: Never start more than this many processes, forced or not.
ABSOLUTE_MAX_PROCESSES = 5000
#: File descriptors the parent needs per live child, with room: its sentinel and
#: what multiprocessing holds while starting it (about 2.2 measured at 1000).
FDS_PER_CHILD = 3


def cpu_count() -> int:
    return os.cpu_count() or 1


def safe_process_limit() -> tuple[int, str]:
    """The largest process count that runs without --force, and why."""
    import psutil

    by_cores = cpu_count() * PROCESSES_PER_CORE
    available = psutil.virtual_memory().available
    by_memory = max(1, int(available * MEMORY_SHARE // CHILD_MEMORY_BYTES))
    if by_memory < by_cores:
        gib = available / 2**30
        return by_memory, f"{gib:.1f} GiB of free memory fits about {by_memory} children"
    return by_cores, f"{cpu_count()} cores x {PROCESSES_PER_CORE} processes per core"


def raise_open_file_limit(wanted: int) -> int:
    """Raise the soft RLIMIT_NOFILE towards ``wanted`` (capped by the hard
    limit) and return the soft limit now in force. No-op where there is no
    ``resource`` module (Windows)."""
    try:
        import resource
    except ImportError:  # Windows: no per-process descriptor limit to raise
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if target > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft


def file_descriptors_needed(processes: int) -> int:
    """Descriptors a run of ``processes`` live children needs, with headroom."""
    return processes * FDS_PER_CHILD + 256


#: Descriptors kept free for everything else while children run: the demo
#: site's connections, exports, a start under way (its socket and pipes).
FDS_HEADROOM = 32
#: The forkserver holds one descriptor per live child it forked, besides
#: these of its own (its socket, pipes and selector, and a request's).
FORKSERVER_OWN_FDS = 32


def descriptors_in_use() -> int:
    """How many file descriptors this process has open now."""
    for listing in ("/proc/self/fd", "/dev/fd"):
        try:
            return max(0, len(os.listdir(listing)) - 1)  # minus listdir's own
        except OSError:
            continue
    return 0  # nowhere to look (Windows): the limit does not apply there either


def open_file_limit() -> int | None:
    """The soft RLIMIT_NOFILE now in force; None where there is none."""
    try:
        import resource
    except ImportError:
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return None if soft == resource.RLIM_INFINITY else soft


def children_the_limit_allows(soft_limit: int | None, in_use: int) -> int | None:
    """How many children may be alive at once under ``soft_limit`` with
    ``in_use`` descriptors already open; None if there is no limit."""
    if soft_limit is None:
        return None
    return max(0, (soft_limit - in_use - FDS_HEADROOM) // FDS_PER_CHILD)


def raise_process_open_file_limit(pid: int, wanted: int) -> int | None:
    """Raise process ``pid``'s soft RLIMIT_NOFILE towards ``wanted`` (capped
    by its hard limit) and return its soft limit now; None if it cannot be
    read (no ``prlimit``: only Linux has it)."""
    try:
        import resource

        soft, hard = resource.prlimit(pid, resource.RLIMIT_NOFILE)  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError):
        return None
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if target > soft:
        try:
            resource.prlimit(pid, resource.RLIMIT_NOFILE, (target, hard))  # type: ignore[attr-defined]
            soft = target
        except (ValueError, OSError):
            pass
    return None if soft == resource.RLIM_INFINITY else soft


def forkserver_children_allowed(soft_limit: int | None) -> int | None:
    """How many live children a forkserver with ``soft_limit`` can keep
    track of; None if unknown or unlimited."""
    if soft_limit is None:
        return None
    return max(0, soft_limit - FORKSERVER_OWN_FDS)


def alive_cap(total: int, soft_limit: int, forkserver: int | None = None) -> tuple[int, int]:
    """How many of ``total`` children may be alive at once, and the
    open-file limit that decides it: this process's (``soft_limit``, already
    raised as far as it goes), or that of the running ``forkserver``, which
    holds a descriptor per live child and may have started under a lower
    limit than this process has now (it is raised too, where it can be)."""
    allowed = children_the_limit_allows(soft_limit, descriptors_in_use())
    limit = soft_limit
    if forkserver:
        server_soft = raise_process_open_file_limit(forkserver, file_descriptors_needed(total))
        server_allows = forkserver_children_allowed(server_soft)
        if (
            server_soft
            and server_allows is not None
            and (allowed is None or server_allows < allowed)
        ):
            allowed, limit = server_allows, server_soft
    return (total if allowed is None else max(1, min(total, allowed))), limit
