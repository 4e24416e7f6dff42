"""``main.py named --as threads`` and ``--summary``, as a person runs them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from workers.cli.words import options_error_text
from workers.options import NamedOptions, OptionsError

REPO_ROOT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT_S = 60.0


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO_ROOT,
        timeout=RUN_TIMEOUT_S,
        capture_output=True,
        text=True,
        check=False,
    )


def test_named_as_threads_prints_one_pid_and_the_thread_names() -> None:
    result = _cli("named", "-n", "4", "--sleep", "0", "0.2", "--as", "threads")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    parent = re.fullmatch(r"Parent process ID (\d+)", lines[0])
    assert parent is not None, lines[0]
    named = [re.fullmatch(r"Process ID: (\d+), Thread Name: (\d+)", line) for line in lines]
    found = [m for m in named if m]
    # Threads: one PID on every line (their host process's), the names 1..4.
    assert len({m[1] for m in found}) == 1 and found[0][1] != parent[1]
    assert sorted(int(m[2]) for m in found) == [1, 2, 3, 4]
    assert {f"Result of {n} square : {n * n}" for n in range(1, 5)} <= set(lines)
    assert lines[-1] == "Main-Processing Done!"


def test_named_summary_follows_the_lessons_lines() -> None:
    result = _cli("named", "-n", "3", "--sleep", "0.3", "0.3", "--summary")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    done = lines.index("Main-Processing Done!")
    summary = lines[done + 1 :]
    assert re.fullmatch(r"── Run 1 summary: 3 processes \(\w+, workload sleep\) ──", summary[0])
    assert summary[1].startswith("Wall time ")
    assert summary[2].startswith("Start-up: ") and "per process" in summary[2]
    assert summary[3].startswith(("Peak CPU ", "CPU: not measured"))
    assert summary[4].startswith("Most alive at once: ")
    assert summary[5].startswith("Busy ")
    workers = summary[6:]
    assert len(workers) == 3
    assert all(
        re.fullmatch(r"  process \d \(PID \d+\): 1 job, busy .+, idle .+", w) for w in workers
    )


def test_pool_summary_goes_to_stderr_beside_json(demo_site) -> None:
    urls = demo_site.page_urls()[:3]
    result = _cli("pool", "--workers", "2", "--json", "--summary", *urls)
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]  # JSON only
    assert events[-1]["event"] == "RunFinished" and events[-1]["done"] == 3
    assert "── Run 1 summary: 3 URLs, 2 workers (" in result.stderr
    assert "Most alive at once: " in result.stderr


def test_a_bad_run_as_is_refused_in_words() -> None:
    result = _cli("named", "--as", "fibers")
    assert result.returncode == 2
    assert "invalid choice: 'fibers'" in result.stderr
    try:
        NamedOptions(run_as="fibers").validate()
    except OptionsError as exc:
        assert options_error_text(exc) == ("jobs run as one of processes, threads (got 'fibers')")
    else:
        raise AssertionError("run_as='fibers' was accepted")
