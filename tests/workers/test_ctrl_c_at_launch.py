"""Ctrl+C right after a run begins (issue 8, case 10).

Ctrl+C reaches the whole process group, including a forkserver still
importing its preload modules with Python's default SIGINT handler: it
printed a 17-line KeyboardInterrupt traceback and died, and the jobs then
read "could not start the process: Connection refused". Now the forkserver
is started deaf to Ctrl+C, and every job ends stopped or cancelled.

The delays count from the run's first line (RunStarted), printed as its
first poll begins: the forkserver is started right then, and takes a few
hundred milliseconds to import. (Before that line the CLI itself is still
importing, which main.py's own entry point answers.)
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from tests.workers.run_helpers import check_run_shape, drive
from workers.options import NamedOptions
from workers.runs.named_run import NamedProcessRun
from workers.start_methods import end_forkserver, forkserver_pid, warm_up

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 30.0


def _first_line(stream: object, timeout: float) -> str:
    """The first line of ``stream``, waited for at most ``timeout`` s."""
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True)  # type: ignore[attr-defined]
    reader.start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        raise AssertionError(f"no output within {timeout:g} s") from None


def _running_here(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running from this checkout (not zombies)."""
    left = []
    for pid in pids:
        try:
            process = psutil.Process(pid)
            if process.status() != psutil.STATUS_ZOMBIE and process.cwd() == str(REPO_ROOT):
                left.append(pid)
        except psutil.Error:
            pass
    return left


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.1, 0.2, 0.4])
def test_ctrl_c_right_after_launch_stops_cleanly(delay: float) -> None:
    proc = subprocess.Popen(
        [sys.executable, "main.py", "named", "-n", "20", "--sleep", "1", "2", "--json"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    try:
        first = json.loads(_first_line(proc.stdout, TIMEOUT_S))
        assert first["event"] == "RunStarted"
        time.sleep(delay)  # when the person presses Ctrl+C: the experiment's variable
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=TIMEOUT_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=TIMEOUT_S)

    assert "Traceback" not in err, err
    assert proc.returncode == 130, err
    records = [first, *(json.loads(line) for line in out.splitlines())]
    states = {r["name"]: r["state"] for r in records if "state" in r}
    assert len(states) == 20, states
    # Before: "failed: could not start the process: Connection refused".
    assert set(states.values()) <= {"stopped", "cancelled"}, states
    assert records[-1]["event"] == "RunFinished" and records[-1]["stop_requested"]
    pids = [r["pid"] for r in records if r["event"] == "JobSubmitted"]
    assert _running_here(pids) == []


def _blocked_signals(pid: int) -> int:
    """The signal mask of process ``pid``, from /proc (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text()
    (line,) = [line for line in status.splitlines() if line.startswith("SigBlk:")]
    return int(line.split()[1], 16)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_a_forkserver_warmed_up_in_a_thread_is_deaf_to_ctrl_c() -> None:
    # The window starts the forkserver in a thread, where signal dispositions
    # cannot be changed: the blocked mask it inherits protects it instead.
    if (old := forkserver_pid()) is not None:
        end_forkserver(old)
    warmer = threading.Thread(target=warm_up, args=("forkserver",))
    warmer.start()
    warmer.join(TIMEOUT_S)
    server = forkserver_pid()
    assert server is not None and server != old
    assert _blocked_signals(server) & (1 << (signal.SIGINT - 1)), "SIGINT is not blocked"
    os.kill(server, signal.SIGINT)  # still importing its preload modules, most likely
    with NamedProcessRun(NamedOptions(processes=2, sleep_min=0, sleep_max=0)) as run:
        events = drive(run, timeout=TIMEOUT_S)
    assert check_run_shape(events, 2).ok
    assert forkserver_pid() == server, "it died of SIGINT and was replaced"
    assert _blocked_signals(os.getpid()) & (1 << (signal.SIGINT - 1)) == 0, "ours is not"
