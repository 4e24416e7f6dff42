"""What a Dask worker runs for the pool experiment: fetch one URL, say who did.

A Dask worker may be on another machine, where the run's report pipe cannot
reach it. So the worker announces its start as a Dask event (``log_event``
on the run's own topic, which the scheduler passes on to the run's client)
and sends back, with the fetch's outcome, who it is: its address, its name,
its PID, which machine (boot) it runs on, and how its clocks relate, so
that times measured on another machine can be put on this one's clock.

Imported in Dask workers only (they already hold ``distributed``); cheap
otherwise. Plain tuples travel back, as msgpack (the event) and pickle (the
result) carry them.
"""

from __future__ import annotations

import os
import socket
import time

from workers.jobs.fetch import FetchOutcome, fetch_url

#: What a Dask job returns: the outcome, then who did it (see :func:`identity`),
#: then the worker's clock offset (``time.time() - time.monotonic()``) at the end.
DaskResult = tuple[FetchOutcome, str, str, int, str, float]


def machine_id() -> str:
    """What tells this machine's boot apart from any other: on Linux the boot
    id, which changes with every boot, the span in which ``time.monotonic()``
    of two processes can be compared; elsewhere the host name."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as handle:
            return handle.read().strip()
    except OSError:
        return socket.gethostname()


def clock_offset() -> float:
    """Wall clock minus monotonic clock, now: adding it to a monotonic time
    gives the wall time of that moment."""
    return time.time() - time.monotonic()


def identity() -> tuple[str, str, int, str]:
    """This Dask worker: (address, name, PID, machine id)."""
    from distributed import get_worker  # a Dask worker has it loaded already

    worker = get_worker()
    return worker.address, str(worker.name), os.getpid(), machine_id()


def dask_fetch_job(
    run_id: int,
    job_id: int,
    url: str,
    timeout: float,
    verify_tls: bool,
    max_bytes: int,
    topic: str,
) -> DaskResult:
    """Announce the start on ``topic``, fetch ``url``, and return the outcome
    with the worker's identity and clock offset."""
    from distributed import get_worker

    address, name, pid, machine = identity()
    # A plain list: the event travels as msgpack, through the scheduler.
    start = [run_id, job_id, address, name, pid, machine, time.monotonic(), time.time()]
    get_worker().log_event(topic, start)
    outcome = fetch_url(url, timeout, verify_tls=verify_tls, max_bytes=max_bytes)
    return outcome, address, name, pid, machine, clock_offset()


#: The first item of the event :func:`flush_starts` sends.
FLUSHED = "flushed"


def flush_starts(topic: str, token: str, dask_worker: object = None) -> None:
    """Run on each worker by ``Client.run`` after Stop: an event on the run's
    topic, behind every start this worker announced before (one stream to
    the scheduler, one from it to the client, both in order). Once the
    client has it from every worker, no start report is still on its way."""
    dask_worker.log_event(topic, [FLUSHED, token, dask_worker.address])  # type: ignore[attr-defined]


__all__ = [
    "FLUSHED",
    "DaskResult",
    "clock_offset",
    "dask_fetch_job",
    "flush_starts",
    "identity",
    "machine_id",
]
