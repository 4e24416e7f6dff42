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
