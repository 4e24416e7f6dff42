"""The Dask executor's settings and what happens without the ``cluster``
extra. No cluster is started here: these run with or without
``distributed`` installed (its absence is simulated where needed, as an
import that fails)."""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workers.cli.words import options_error_text
from workers.executors import get_executor
from workers.executors.dask import (
    DEFAULT_CONNECT_TIMEOUT_S,
    DEFAULT_WORKERS,
    MAX_WORKERS,
    ClusterSettings,
    scheduler_address,
)
from workers.options import OptionsError, OptionsProblem, PoolOptions, unavailable_error

REPO_ROOT = Path(__file__).resolve().parents[2]
URLS = ("http://127.0.0.1:9/",)  # never fetched
CLI_TIMEOUT_S = 60.0
NOT_INSTALLED = (
    "the dask executor needs distributed, which is not installed: pip install .[cluster]"
)


def _refusal(options: PoolOptions) -> OptionsError:
    with pytest.raises(OptionsError) as caught:
        options.validate()
    return caught.value


@pytest.fixture
def without_distributed(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the extra were not installed: ``import distributed`` fails and
    ``find_spec`` finds nothing."""
    monkeypatch.setitem(sys.modules, "distributed", None)


# -- the scheduler's address ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "address"),
    [
        ("local", "local"),
        (" Local ", "local"),
        ("10.0.0.5", "tcp://10.0.0.5:8786"),
        ("scheduler.lan:9000", "tcp://scheduler.lan:9000"),
        ("tcp://127.0.0.1:8786", "tcp://127.0.0.1:8786"),
        ("tcp://[::1]:8786", "tcp://[::1]:8786"),
        ("tcp://host/", "tcp://host:8786"),
    ],
)
def test_scheduler_addresses_are_filled_in_as_dask_takes_them(given: str, address: str) -> None:
    assert scheduler_address(given) == address


@pytest.mark.parametrize(
    "given",
    ["", "   ", "tls://host:8786", "http://host:8786", "tcp://host:99999", "tcp://host:0",
     "host:port", "tcp://host/path", "a host", "tcp://user:pw@host:1", "tcp://:8786", 8786],
)  # fmt: skip
def test_other_scheduler_addresses_are_refused_with_their_words(given: object) -> None:
    exc = _refusal(
        PoolOptions(urls=URLS, executor="dask", executor_settings=(("scheduler", given),))
    )
    assert (exc.code, exc.details) == (OptionsProblem.BAD_SCHEDULER, {"scheduler": given})
    assert options_error_text(exc) == (
        f"the scheduler must be 'local' or an address such as tcp://host:8786 (got {given!r})"
    )


# -- the other settings ------------------------------------------------------------------------


def test_the_defaults() -> None:
    settings = ClusterSettings.from_settings({})
    assert settings == ClusterSettings("local", DEFAULT_WORKERS, False, DEFAULT_CONNECT_TIMEOUT_S)
    assert settings.local and DEFAULT_WORKERS == 2


@pytest.mark.parametrize("workers", [0, -1, MAX_WORKERS + 1, True, 2.0, "2"])
def test_a_local_cluster_size_out_of_range_is_refused(workers: object) -> None:
    with pytest.raises(OptionsError) as caught:
        ClusterSettings.from_settings({"workers": workers})
    exc = caught.value
    assert exc.code is OptionsProblem.BAD_CLUSTER_SIZE
    assert exc.details == {"workers": workers, "low": 1, "high": MAX_WORKERS}
    assert options_error_text(exc) == (
        f"a local Dask cluster has between 1 and {MAX_WORKERS} workers (got {workers})"
    )


@pytest.mark.parametrize("timeout", [0, -1.0, math.nan, math.inf, "5"])
def test_a_connect_timeout_that_is_not_a_positive_number_is_refused(timeout: object) -> None:
    with pytest.raises(OptionsError) as caught:
        ClusterSettings.from_settings({"connect_timeout": timeout})
    assert caught.value.code is OptionsProblem.BAD_CONNECT_TIMEOUT
    assert options_error_text(caught.value).startswith("the connect timeout must be more than 0")


def test_an_executor_refuses_a_setting_it_does_not_take() -> None:
    exc = _refusal(PoolOptions(urls=URLS, executor="thread", executor_settings=(("workers", 3),)))
    assert (exc.code, exc.details) == (
        OptionsProblem.BAD_EXECUTOR_SETTING,
        {"executor": "thread", "setting": "workers"},
    )
    assert options_error_text(exc).startswith("the thread executor has no setting 'workers'")
    with pytest.raises(OptionsError) as caught:
        get_executor("dask").check_settings({"max_workers": 3})
    assert caught.value.details == {"executor": "dask", "setting": "max_workers"}


def test_the_cli_refuses_cluster_options_for_another_executor() -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "pool", "--dask-workers", "3", "http://127.0.0.1:9/"],
        cwd=REPO_ROOT, timeout=CLI_TIMEOUT_S, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "process-lab: error: the process executor has no setting 'workers' "
        "(--scheduler, --dask-workers, --dashboard and --connect-timeout are for "
        "--executor dask)"
    )


# -- without the extra --------------------------------------------------------------------------


def test_knowing_whether_dask_can_run_imports_nothing_of_it() -> None:
    # The window asks before its first paint: distributed takes about 1 s to import.
    code = textwrap.dedent(
        """
        import sys
        from workers.options import PoolOptions, unavailable_error
        from workers.lesson_code import pool_script
        unavailable_error("dask")
        PoolOptions(urls=("http://127.0.0.1:9/",), executor="dask").validate()
        pool_script(PoolOptions(urls=("http://127.0.0.1:9/",), executor="dask"))
        heavy = [name for name in ("distributed", "dask", "concurrent.futures")
                 if name in sys.modules]
        print(heavy)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT, timeout=CLI_TIMEOUT_S, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.usefixtures("without_distributed")
def test_without_the_extra_dask_is_refused_with_how_to_install_it() -> None:
    from workers.runs.pool_run import PoolRun

    missing = unavailable_error("dask")
    assert missing is not None
    assert missing.code is OptionsProblem.EXECUTOR_NOT_INSTALLED
    assert missing.details == {"executor": "dask", "package": "distributed", "extra": "cluster"}
    assert options_error_text(missing) == NOT_INSTALLED
    exc = _refusal(PoolOptions(urls=URLS, executor="dask"))
    assert exc.code is OptionsProblem.EXECUTOR_NOT_INSTALLED
    with pytest.raises(OptionsError):
        PoolRun(PoolOptions(urls=URLS, executor="dask"))
    # The other executors do not care.
    assert unavailable_error("process") is None and unavailable_error("thread") is None
    PoolOptions(urls=URLS, executor="thread").validate()


def test_without_the_extra_the_cli_exits_2_and_says_how_to_install_it() -> None:
    code = textwrap.dedent(
        """
        import sys
        sys.modules["distributed"] = None  # as if not installed
        import main
        sys.exit(main.cli_main(["pool", "--executor", "dask", "http://127.0.0.1:9/"]))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT, timeout=CLI_TIMEOUT_S, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == f"process-lab: error: {NOT_INSTALLED}"
    assert result.stdout == ""
