"""Dask distributed: the pool experiment on a cluster, one machine or many.

The same ``submit`` / ``as_completed`` code as the lesson's: a Dask
``Client.get_executor()`` is a ``concurrent.futures.Executor`` whose futures
work with ``concurrent.futures.as_completed`` (``distributed.Future``
objects themselves do not: dask/distributed#548). The cluster is either
started here (``distributed.LocalCluster`` on 127.0.0.1, N worker processes
of one thread each) or reached at a scheduler's address
(``tcp://host:8786``).

Optional: ``pip install .[cluster]`` installs ``distributed``. This module
imports nothing of it (the window lists the executors, greyed out where
not installed, before any run): the pool is in :mod:`._dask_pool`, imported
when a run opens one.

Its settings (``PoolOptions.executor_settings``): ``scheduler`` ("local" or
an address), ``workers`` (a local cluster's size), ``dashboard`` (serve
Dask's dashboard; its link is in the run's settings) and
``connect_timeout`` (seconds to reach a scheduler).
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from workers.executors._dask_limits import (
    DEFAULT_CONNECT_TIMEOUT_S,
    DEFAULT_PORT,
    DEFAULT_WORKERS,
    LOCAL,
    MAX_WORKERS,
)
from workers.executors.base import ExecutorPlugin, ExecutorScript, WorkerPool
from workers.terms import WorkerKind

#: What to install for it, and the extra of this package that does.
PACKAGE = "distributed"
EXTRA = "cluster"


@dataclass(frozen=True)
class ClusterSettings:
    """The Dask executor's settings, checked (see the module docstring)."""

    scheduler: str = LOCAL  # LOCAL, or "tcp://host:port"
    workers: int = DEFAULT_WORKERS  # for a local cluster
    dashboard: bool = False
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT_S

    @property
    def local(self) -> bool:
        return self.scheduler == LOCAL

    @classmethod
    def from_settings(cls, settings: Mapping[str, object]) -> ClusterSettings:
        """Checked settings; raises ``OptionsError`` for a bad one."""
        from workers.options import OptionsError, OptionsProblem

        scheduler = scheduler_address(settings.get("scheduler", LOCAL))
        workers = settings.get("workers", DEFAULT_WORKERS)
        whole = isinstance(workers, int) and not isinstance(workers, bool)
        if not whole or not 1 <= workers <= MAX_WORKERS:  # type: ignore[operator]
            raise OptionsError(
                OptionsProblem.BAD_CLUSTER_SIZE, workers=workers, low=1, high=MAX_WORKERS
            )
        timeout = settings.get("connect_timeout", DEFAULT_CONNECT_TIMEOUT_S)
        if not isinstance(timeout, int | float) or not 0 < timeout < math.inf:
            raise OptionsError(OptionsProblem.BAD_CONNECT_TIMEOUT, timeout=timeout)
        return cls(scheduler, workers, bool(settings.get("dashboard", False)), float(timeout))


def scheduler_address(text: object) -> str:
    """``"local"``, or the address as Dask takes it: ``tcp://host:port``
    (``host:port`` and ``tcp://host`` are filled in). Raises ``OptionsError``
    for anything else (only plain TCP is offered: TLS needs certificates)."""
    from workers.options import OptionsError, OptionsProblem

    given = str(text).strip() if isinstance(text, str) else ""
    if given.lower() == LOCAL:
        return LOCAL
    bad = OptionsError(OptionsProblem.BAD_SCHEDULER, scheduler=text)
    if not given or any(c.isspace() for c in given):
        raise bad
    try:
        parts = urlsplit(given if "://" in given else f"tcp://{given}")
        port = DEFAULT_PORT if parts.port is None else parts.port
    except ValueError:  # a port that is not a number, or out of range
        raise bad from None
    host = parts.hostname or ""
    if parts.scheme != "tcp" or not host or parts.path not in ("", "/") or parts.query:
        raise bad
    if parts.username or parts.password or parts.fragment or port < 1:
        raise bad
    return f"tcp://[{host}]:{port}" if ":" in host else f"tcp://{host}:{port}"


class DaskExecutorPlugin(ExecutorPlugin):
    """``Client.get_executor()`` on a Dask cluster: local processes or a
    scheduler's workers."""

    name = "dask"
    worker_kind = WorkerKind.DASK
    #: Stop cancels the jobs: queued ones never start, and a running one's
    #: result is dropped (a local cluster's workers are shut down with it).
    can_end_running = True
    setting_names = ("scheduler", "workers", "dashboard", "connect_timeout")

    def unavailable(self) -> dict[str, object] | None:
        # find_spec looks for the package without importing it (about 1 s).
        if importlib.util.find_spec(PACKAGE) is not None:
            return None
        return {"package": PACKAGE, "extra": EXTRA}

    def check_settings(self, settings: Mapping[str, object]) -> None:
        super().check_settings(settings)
        ClusterSettings.from_settings(settings)

    def open(
        self, size: int, start_method: str | None, settings: Mapping[str, object]
    ) -> WorkerPool:
        # ``size`` is the pool size of the other executors; a cluster has its own.
        from workers.executors._dask_pool import DaskWorkerPool  # imports distributed

        return DaskWorkerPool(self, ClusterSettings.from_settings(settings))

    def script(
        self, workers: int, start_method: str, settings: Mapping[str, object]
    ) -> ExecutorScript:
        from workers.options import OptionsError

        try:
            cluster = ClusterSettings.from_settings(settings)
        except OptionsError:  # as typed so far: the address, the rest by default
            cluster = ClusterSettings(scheduler=str(settings.get("scheduler", LOCAL)))
        setup = [
            "# The lesson's loop as it is: client.get_executor() is a",
            "# concurrent.futures.Executor, and as_completed takes its futures.",
            "# pure=False: two equal calls are two tasks (Dask would run one).",
        ]
        executor = "client.get_executor(pure=False)"
        if cluster.local:
            many = "process" if cluster.workers == 1 else "processes"
            what = f"a Dask cluster started here: {cluster.workers} worker {many}, one thread each"
            dashboard = "'127.0.0.1:8787'" if cluster.dashboard else "None"
            if cluster.dashboard:
                setup.append("# Dask's dashboard: http://127.0.0.1:8787/status")
            make = (
                "LocalCluster(\n"
                f"        n_workers={cluster.workers}, threads_per_worker=1, host='127.0.0.1', "
                f"dashboard_address={dashboard}\n"
                f"    ) as cluster, Client(cluster) as client, {executor}"
            )
            imports = ("from distributed import Client, LocalCluster",)
        else:
            what = f"the workers of the Dask cluster at {cluster.scheduler}"
            if cluster.dashboard:
                setup.append(
                    "# Dask's dashboard, if the scheduler serves one: client.dashboard_link"
                )
            timeout = f"{cluster.connect_timeout:g}"
            make = f"Client({cluster.scheduler!r}, timeout={timeout}) as client, {executor}"
            imports = ("from distributed import Client",)
        return ExecutorScript(
            what=what,
            imports=imports,
            make=make,
            setup="\n".join(setup),
            sends_error_context=True,
        )


PLUGIN = DaskExecutorPlugin()
