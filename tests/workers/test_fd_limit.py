"""The open-file limit too low to be raised (issue 8, case 3).

``ulimit -n 256`` (soft and hard) with ``named -n 600 --force`` made 333
jobs fail with "Too many open files", 26 with "Connection refused", and
reported 123 as "exited with status 255" while they still ran (the
forkserver had died of it). Now the run keeps only as many children alive
at once as the limit allows, says so in one line on stderr, and all end
done. The limit is set in the CLI's own process, before it starts.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

#: Runs main.py with argv[2:] under an open-file limit of argv[1] (soft and hard).
_UNDER_LIMIT = (
    "import resource, runpy, sys\n"
    "limit = int(sys.argv[1])\n"
    "resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))\n"
    "sys.argv = ['main.py', *sys.argv[2:]]\n"
    "runpy.run_path('main.py', run_name='__main__')\n"
)
LIMIT_LINE = re.compile(
    r"^the open-file limit \((\d+)\) lets (\d+) processes run at once; the others wait "
    r"their turn \(raise it with: ulimit -n 4096\)$",
    re.MULTILINE,
)


def _named_under_limit(limit: int, *args: str, timeout: float) -> tuple[int, list[dict], str]:
    result = subprocess.run(
        [sys.executable, "-c", _UNDER_LIMIT, str(limit), "named", "--json", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return (
        result.returncode,
        [json.loads(line) for line in result.stdout.splitlines()],
        (result.stderr),
    )


def _peak_alive(records: list[dict]) -> int:
    """The most children started and not yet ended at any point of the run."""
    alive = peak = 0
    for record in records:
        if record["event"] == "JobSubmitted":
            alive += 1
            peak = max(peak, alive)
        elif "state" in record:
            alive -= 1
    return peak


def _still_running(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running from this checkout: orphans of the CLI
    (a zombie does not count; PID 1 may never reap one)."""
    left = []
    for pid in pids:
        try:
            process = psutil.Process(pid)
            if process.status() != psutil.STATUS_ZOMBIE and process.cwd() == str(REPO_ROOT):
                left.append(pid)
        except psutil.Error:
            pass
    return left


def _check(limit: int, processes: int, code: int, records: list[dict], err: str) -> int:
    """What every run under a low limit must show; returns its max_alive."""
    assert "Traceback" not in err, err
    assert code == 0, err
    started = records[0]
    assert started["event"] == "RunStarted"
    settings = dict(started["settings"])
    max_alive = settings["max_alive"]
    assert settings["open_file_limit"] == limit
    assert 0 < max_alive < processes
    said = LIMIT_LINE.findall(err)
    assert said == [(str(limit), str(max_alive))], err
    states = [r["state"] for r in records if "state" in r]
    assert states == ["done"] * processes, {s: states.count(s) for s in set(states)}
    assert _peak_alive(records) <= max_alive
    pids = [r["pid"] for r in records if r["event"] == "JobSubmitted"]
    assert _still_running(pids) == []
    return max_alive


def test_a_low_open_file_limit_makes_children_wait_their_turn() -> None:
    # 64 descriptors leave room for a handful of children: 40 that each live a
    # second cannot all run at once, so the cap must bite.
    processes = 40
    code, records, err = _named_under_limit(
        64, "-n", str(processes), "--sleep", "1", "1.5", timeout=120
    )
    max_alive = _check(64, processes, code, records, err)
    assert _peak_alive(records) == max_alive, "the cap was never reached"


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_issues_600_processes_under_256_open_files_all_end_done() -> None:
    code, records, err = _named_under_limit(
        256, "-n", "600", "--force", "--sleep", "0", "0.2", "--seed", "8", timeout=280
    )
    _check(256, 600, code, records, err)
