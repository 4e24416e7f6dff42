"""``main.py named|pool --csv FILE --trace FILE``: real interpreters and
children, the files read back; a folder that is not there is a bad argument."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from workers.demo_site import PAGE_SIZES

REPO_ROOT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT_S = 60.0  # a backstop; each command takes a second or two
PEAK_LINE = re.compile(r"^Peak CPU (\d+ % \(.+\), .+|: not measured .+)$", re.MULTILINE)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO_ROOT,
        timeout=RUN_TIMEOUT_S,
        capture_output=True,
        text=True,
        check=False,
    )


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _trace(path: Path) -> tuple[list[dict], set[int]]:
    """The X events and the PIDs that have a process_name."""
    events = json.loads(path.read_text(encoding="utf-8"))["traceEvents"]
    named = {e["pid"] for e in events if e["ph"] == "M" and e["name"] == "process_name"}
    return [e for e in events if e["ph"] == "X"], named


def test_named_writes_every_process_to_csv_and_trace(tmp_path: Path) -> None:
    out_csv, out_trace = tmp_path / "out.csv", tmp_path / "out.json"
    result = _cli("named", "-n", "20", "--sleep", "0", "0.2", "--csv", str(out_csv),
                  "--trace", str(out_trace))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and PEAK_LINE.search(result.stderr), result.stderr

    rows = _rows(out_csv)
    assert len(rows) == 20 and {r["state"] for r in rows} == {"done"}
    assert sorted(int(r["n_squared"]) for r in rows) == [n * n for n in range(1, 21)]
    pids = {int(r["pid"]) for r in rows}
    assert len(pids) == 20
    slices, named = _trace(out_trace)
    assert len(slices) == 20 and pids <= named
    assert {e["pid"] for e in slices} == pids


def test_pool_on_threads_writes_every_page(tmp_path: Path) -> None:
    out_csv, out_trace = tmp_path / "pool.csv", tmp_path / "pool.json"
    result = _cli("pool", "--executor", "thread", "--demo", "--csv", str(out_csv),
                  "--trace", str(out_trace))  # fmt: skip
    assert result.returncode == 1, result.stderr  # the demo's 404 is a real failure
    assert "Traceback" not in result.stderr and PEAK_LINE.search(result.stderr)

    rows = _rows(out_csv)
    by_path = {urlsplit(r["name_or_url"]).path: r for r in rows}
    assert {path: int(by_path[path]["bytes"]) for path in PAGE_SIZES} == PAGE_SIZES
    assert by_path["/status/404"]["failure_kind"] == "http"
    assert by_path["/status/404"]["reason"]
    assert {r["executor"] for r in rows} == {"thread"}
    assert all(r["worker"].startswith("ThreadPoolExecutor") for r in rows)
    slices, named = _trace(out_trace)
    assert len(slices) == len(rows)
    assert {e["pid"] for e in slices} <= named
    assert len({e["tid"] for e in slices}) > 1  # one track per thread


def test_an_unwritable_file_is_a_bad_argument_before_the_run(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "out.csv"
    result = _cli("named", "-n", "2", "--sleep", "0", "0", "--csv", str(missing))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert f"cannot write {missing}" in result.stderr
    assert result.stdout == ""  # nothing ran
    result = _cli("named", "-n", "2", "--sleep", "0", "0", "--trace", str(tmp_path))
    assert result.returncode == 2 and "it is a folder" in result.stderr
