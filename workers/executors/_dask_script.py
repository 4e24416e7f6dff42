"""The pool experiment as a script on a Dask cluster, for the Code view.

The lesson's ``submit`` / ``as_completed`` loop stays as it is: only where
the executor comes from changes (a ``Client`` and its ``get_executor()``).
Made from :mod:`workers.lesson_code`'s parts, so the URLs, ``load_url`` and
the loop are the same text as for the other executors.
"""

from __future__ import annotations

from workers.executors.dask import ClusterSettings
from workers.lesson_code import INDENT, pool_definitions, pool_heading, pool_loop
from workers.options import OptionsError, PoolOptions


def _settings(options: PoolOptions) -> ClusterSettings:
    """The cluster settings; as typed where they are not valid yet (the
    Code view follows the controls while someone types an address)."""
    given = dict(options.executor_settings)
    try:
        return ClusterSettings.from_settings(given)
    except OptionsError:
        return ClusterSettings(scheduler=str(given.get("scheduler", "local")))


def dask_pool_script(options: PoolOptions) -> str:
    """The script for ``options`` with the Dask executor."""
    cluster = _settings(options)
    workers = cluster.workers
    if cluster.local:
        many = "process" if workers == 1 else "processes"
        what = f"a Dask cluster started here: {workers} worker {many}, one thread each"
        dask_import = "from distributed import Client, LocalCluster"
    else:
        what = f"the workers of the Dask cluster at {cluster.scheduler}"
        dask_import = "from distributed import Client"
    body = pool_definitions(options, ["import concurrent.futures"], travels=True, chained=True)
    # After the standard library's imports, as a group of its own.
    body = body.replace("import urllib.request\n", f"import urllib.request\n\n{dask_import}\n", 1)

    out = [pool_heading(options, what), body, "\n\nif __name__ == '__main__':\n"]
    out.append(
        f"{INDENT}# The lesson's loop as it is: client.get_executor() is a\n"
        f"{INDENT}# concurrent.futures.Executor, and as_completed takes its futures.\n"
        f"{INDENT}# pure=False: two equal calls are two tasks (Dask would run one).\n"
        f"{INDENT}# Leaving the executor's with waits for every job, as the lesson's does.\n"
    )
    inner = INDENT * 2
    if cluster.local:
        dashboard = repr("127.0.0.1:8787") if cluster.dashboard else "None"
        out.append(
            f"{INDENT}with LocalCluster(\n"
            f"{inner}n_workers={workers}, threads_per_worker=1, host='127.0.0.1', "
            f"dashboard_address={dashboard}\n"
            f"{INDENT}) as cluster, Client(cluster) as client:\n"
        )
    else:
        timeout = f"{cluster.connect_timeout:g}"
        out.append(f"{INDENT}with Client({cluster.scheduler!r}, timeout={timeout}) as client:\n")
    if cluster.dashboard:
        out.append(f"{inner}print('Dashboard:', client.dashboard_link)\n")
    out.append(f"{inner}with client.get_executor(pure=False) as executor:\n")
    out.append(pool_loop(options, inner + INDENT))
    return "".join(out)


__all__ = ["dask_pool_script"]
