"""Export of real runs: named processes and pool fetches against the demo
site, folded into one session record, written as CSV and as a Chrome trace,
and read back."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from tests.workers.run_helpers import FORK_WARNING, check_run_shape, drive
from tests.workers.test_export import assert_no_overlap
from workers.demo_site import DemoSite
from workers.options import NamedOptions, PoolOptions
from workers.record import SessionRecord
from workers.record.csv_export import CSV_COLUMNS, write_csv
from workers.record.trace_export import write_trace
from workers.runs.named_run import NamedProcessRun
from workers.runs.pool_run import PoolRun
from workers.terms import JobState


def _fold(record: SessionRecord, run: NamedProcessRun | PoolRun, total: int) -> None:
    with run:
        events = drive(run)
    check_run_shape(events, total)
    record.apply(events)


@pytest.mark.filterwarnings(FORK_WARNING)
@pytest.mark.parametrize("executor", ["process", "thread"])
def test_real_runs_export_every_job(demo_site: DemoSite, tmp_path: Path, executor: str) -> None:
    record = SessionRecord()
    _fold(record, NamedProcessRun(NamedOptions(processes=5, sleep_min=0, sleep_max=0.2)), 5)
    urls = demo_site.page_urls()
    _fold(record, PoolRun(PoolOptions(urls=tuple(urls), workers=3, executor=executor)), len(urls))
    jobs = list(record.jobs())
    assert all(job.state is JobState.DONE for job in jobs)

    csv_path, trace_path = tmp_path / "runs.csv", tmp_path / "trace.json"
    assert write_csv(record, csv_path) == len(jobs) == 5 + len(urls)
    write_trace(record, trace_path)

    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(jobs) and set(rows[0]) == set(CSV_COLUMNS)
    named, pool = rows[:5], rows[5:]
    assert sorted(int(r["n_squared"]) for r in named) == [n * n for n in range(1, 6)]
    assert all(r["worker"] == r["pid"] != str(os.getpid()) for r in named)
    assert {r["name_or_url"]: int(r["bytes"]) for r in pool} == demo_site.expected_sizes()
    assert {r["executor"] for r in pool} == {executor}
    if executor == "thread":
        assert {r["pid"] for r in pool} == {str(os.getpid())}
        assert all(r["worker"].startswith("ThreadPoolExecutor") for r in pool)

    events = json.loads(trace_path.read_text(encoding="utf-8"))["traceEvents"]
    slices = [e for e in events if e["ph"] == "X"]
    assert len(slices) == len([job for job in jobs if job.started_mono is not None])
    names = {e["pid"] for e in events if e["ph"] == "M" and e["name"] == "process_name"}
    assert {job.pid for job in jobs} | {os.getpid()} <= names
    assert_no_overlap(events)
