"""The generated scripts (workers.lesson_code) run, as a person would run the
copied text, and print the lesson's lines: the named one with processes and
threads, the pool one against the demo site."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workers.demo_site import DemoSite
from workers.lesson_code import named_script, pool_script
from workers.options import NamedOptions, PoolOptions
from workers.start_method_choices import available_start_methods

SCRIPT_TIMEOUT_S = 120.0


def _run_script(code: str, folder: Path, logs: str = "") -> tuple[int, list[str]]:
    """Save ``code`` as a file and run it with this Python; its PID and lines.
    Its stderr must be empty, but for log records of the library ``logs``."""
    path = folder / "lesson.py"
    path.write_text(code, encoding="utf-8")
    # As a person runs it: with PYTHONUNBUFFERED (which this suite's
    # environment may set) each print is two writes, the text and the
    # newline, and the lines of processes printing at once could mix, in
    # the lesson's own script as in this one. Buffered, each child's lines
    # go out whole.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    proc = subprocess.Popen(
        [sys.executable, str(path)],
        cwd=folder,  # nothing of Process Lab's on its path: the script stands alone
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = proc.communicate(timeout=SCRIPT_TIMEOUT_S)
    assert proc.returncode == 0, err
    if logs and err:  # e.g. a Dask worker logs each job that raised, as it does
        assert re.match(rf"\d{{4}}-\d\d-\d\d [\d:,]+ - {re.escape(logs)}\.", err), err
        assert "Traceback (most recent call last)" not in err, err
    else:
        assert err == "", err
    return proc.pid, out.splitlines()


def _check_named_lines(lines: list[str], parent: int, count: int, label: str) -> set[int]:
    """The lesson's lines for ``count`` jobs; the PIDs they printed."""
    assert lines[0] == f"Parent process ID {parent}"
    assert lines[-1] == "Main-Processing Done!"
    body = lines[1:-1]
    assert len(body) == 2 * count, body
    found = [re.fullmatch(rf"Process ID: (\d+), {label}: (\d+)", line) for line in body]
    names = sorted(int(m[2]) for m in found if m)
    assert names == list(range(1, count + 1)), body
    results = {line for line in body if line.startswith("Result of ")}
    assert results == {f"Result of {n} square : {n * n}" for n in range(1, count + 1)}
    return {int(m[1]) for m in found if m}


@pytest.mark.parametrize("method", available_start_methods())
def test_the_named_script_runs_its_processes(method: str, tmp_path: Path) -> None:
    options = NamedOptions(processes=4, sleep_min=0, sleep_max=0.2, start_method=method)
    code = named_script(options)
    assert f"multiprocessing.get_context({method!r})" in code
    parent, lines = _run_script(code, tmp_path)
    pids = _check_named_lines(lines, parent, 4, "Process Name")
    assert len(pids) == 4 and parent not in pids  # a process each


@pytest.mark.parametrize("workload", ["sleep", "cpu"])
def test_the_named_script_runs_its_threads(workload: str, tmp_path: Path) -> None:
    options = NamedOptions(
        processes=5, sleep_min=0.1, sleep_max=0.3, workload=workload, run_as="threads"
    )
    code = named_script(options)
    assert "threading.Thread(name=str(i), target=square, args=(i,))" in code
    assert ("busy_work(" in code) is (workload == "cpu")
    parent, lines = _run_script(code, tmp_path)
    assert _check_named_lines(lines, parent, 5, "Thread Name") == {parent}  # one process


def test_the_pool_script_fetches_the_pages_and_reports_sizes_and_errors(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    sizes = demo_site.expected_sizes()
    missing = demo_site.url("/status/404")
    options = PoolOptions(urls=(*sizes, missing), workers=3, timeout=30)
    code = pool_script(options)
    assert "ProcessPoolExecutor(" in code and "max_workers=3" in code
    _pid, lines = _run_script(code, tmp_path)
    expected = {f"'{url}' page is {size} bytes" for url, size in sizes.items()}
    expected.add(f"'{missing}' generated an exception: HTTP 404 Not Found")
    assert sorted(lines) == sorted(expected)


def test_the_pool_script_with_threads_and_an_as_completed_timeout(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    fast = demo_site.page_urls()[0]
    slow = demo_site.url("/slow?delay=1.5")
    options = PoolOptions(
        urls=(fast, slow), workers=2, executor="thread", as_completed_timeout=0.5, timeout=30
    )
    code = pool_script(options)
    assert "ThreadPoolExecutor(max_workers=2)" in code and "timeout=0.5" in code
    _pid, lines = _run_script(code, tmp_path)
    size = demo_site.expected_sizes()[fast]
    assert lines == [
        f"'{fast}' page is {size} bytes",
        "as_completed timed out after 0.5 s; the rest finish before the end",
    ]


@pytest.mark.parametrize(
    "options",
    [
        NamedOptions(),
        NamedOptions(processes=1, sleep_min=2, sleep_max=2, workload="cpu"),
        NamedOptions(sleep_min=0, sleep_max=0, run_as="threads"),
        PoolOptions(urls=("https://example.org/'quoted\"",), verify_tls=False),
        PoolOptions(urls=(), executor="thread", as_completed_timeout=1.0),
    ],
)
def test_every_script_is_valid_python(options: NamedOptions | PoolOptions) -> None:
    code = named_script(options) if isinstance(options, NamedOptions) else pool_script(options)
    tree = ast.parse(code)
    assert any(isinstance(node, ast.If) for node in tree.body)  # the __main__ guard
    assert code.endswith("\n") and "\t" not in code


@pytest.mark.slow
def test_the_dask_script_fetches_the_pages_on_a_local_cluster(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    sizes = demo_site.expected_sizes()
    missing = demo_site.url("/status/404")
    options = PoolOptions(
        urls=(*sizes, missing),
        timeout=30,
        executor="dask",
        executor_settings=(("scheduler", "local"), ("workers", 2)),
    )
    code = pool_script(options)
    assert "LocalCluster(" in code and "n_workers=2, threads_per_worker=1" in code
    assert "Client(cluster) as client, client.get_executor(pure=False) as executor:" in code
    _pid, lines = _run_script(code, tmp_path, logs="distributed")
    expected = {f"'{url}' page is {size} bytes" for url, size in sizes.items()}
    expected.add(f"'{missing}' generated an exception: HTTP 404 Not Found")
    assert sorted(lines) == sorted(expected)
