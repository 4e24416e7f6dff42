"""CSV and Chrome-trace export of the session record, from synthetic event
streams: both experiments, thread and Dask workers, every terminal state,
URLs with unicode, commas and quotes (no Qt, no processes)."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from workers.cli.words import failure_text
from workers.cpu_sampling import CpuSample
from workers.events import (
    Event,
    JobCancelled,
    JobDone,
    JobFailed,
    JobKilled,
    JobStarted,
    JobStopped,
    JobSubmitted,
    RunFinished,
    RunStarted,
    RunStopping,
)
from workers.failures import Failure, FailureKind
from workers.record import SessionRecord
from workers.record.csv_export import CSV_COLUMNS, write_csv
from workers.record.trace_export import MAX_NAME, trace_events, write_trace
from workers.terms import Experiment, WorkerKind, WorkerRef, process_worker

PARENT = 4242
MONO0 = 5000.0  # the synthetic runs' monotonic origin
WALL0 = 1_700_000_000.0  # and its wall-clock time
UNICODE_URL = "http://127.0.0.1:8000/päge/日本語?q=ü"
QUOTED_URL = 'http://127.0.0.1:8000/a,b"c"?x=1,2'
LONG_URL = "http://127.0.0.1:8000/" + "long/" * 60
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$")


def _t(seconds: float) -> dict[str, float]:
    return {"t_mono": MONO0 + seconds, "t_wall": WALL0 + seconds}


def _run_started(run_id: int, experiment: Experiment, total: int, executor: str, at: float):
    return RunStarted(
        run_id,
        experiment=experiment,
        total=total,
        parent_pid=PARENT,
        executor=executor,
        start_method="forkserver" if executor == "process" else "",
        workers=0 if experiment is Experiment.NAMED else 2,
        settings=(("workload", "sleep"), ("timeout", 60.0), ("verify_tls", False)),
        **_t(at),
    )


def _done(run_id: int, job_id: int, label: str, worker: WorkerRef, start: float, end: float, **kw):
    return JobDone(
        run_id,
        job_id=job_id,
        label=label,
        worker=worker,
        started_mono=MONO0 + start,
        finished_mono=MONO0 + end,
        **kw,
        **_t(end),
    )


def named_run(run_id: int = 1) -> list[Event]:
    """Four named processes: done, killed, stopped by Stop, cancelled."""
    w = [process_worker(100 + i, str(i + 1)) for i in range(3)]
    kill = Failure(FailureKind.KILLED, signal="SIGKILL", pid=101)
    stop = Failure(FailureKind.STOPPED, signal="SIGTERM")
    return [
        _run_started(run_id, Experiment.NAMED, 4, "process", 0.0),
        *(
            JobSubmitted(run_id, job_id=i, label=str(i + 1), worker=w[i], **_t(0.01))
            for i in range(3)
        ),
        JobSubmitted(run_id, job_id=3, label="4", **_t(0.01)),
        *(
            JobStarted(run_id, job_id=i, label=str(i + 1), worker=w[i], **_t(0.02))
            for i in range(3)
        ),
        _done(run_id, 0, "1", w[0], 0.02, 0.5, n=1, result=1),
        JobKilled(
            run_id,
            job_id=1,
            label="2",
            worker=w[1],
            started_mono=MONO0 + 0.02,
            finished_mono=MONO0 + 0.6,
            measured_by="parent",
            failure=kill,
            **_t(0.6),
        ),
        RunStopping(run_id, running=1, **_t(0.7)),
        JobStopped(
            run_id,
            job_id=2,
            label="3",
            worker=w[2],
            started_mono=MONO0 + 0.02,
            finished_mono=MONO0 + 0.75,
            measured_by="parent",
            failure=stop,
            **_t(0.75),
        ),
        JobCancelled(
            run_id,
            job_id=3,
            label="4",
            finished_mono=MONO0 + 0.7,
            failure=Failure(FailureKind.NEVER_STARTED),
            **_t(0.7),
        ),
        RunFinished(
            run_id,
            total=4,
            done=1,
            failed=0,
            killed=1,
            stopped=1,
            cancelled=1,
            elapsed=0.8,
            stop_requested=True,
            **_t(0.8),
        ),
    ]


POOL_URLS = [UNICODE_URL, QUOTED_URL, LONG_URL, "http://127.0.0.1:8000/missing"]


def pool_run(run_id: int = 2) -> list[Event]:
    """Two pool worker processes; the second job starts a hair before the first ends."""
    a, b = process_worker(201), process_worker(202)
    http404 = Failure(FailureKind.HTTP_STATUS, status=404, phrase="Not Found")
    return [
        _run_started(run_id, Experiment.POOL, 4, "process", 1.0),
        *(JobSubmitted(run_id, job_id=i, label=url, **_t(1.01)) for i, url in enumerate(POOL_URLS)),
        JobStarted(run_id, job_id=0, label=UNICODE_URL, worker=a, **_t(1.1)),
        JobStarted(run_id, job_id=2, label=LONG_URL, worker=b, **_t(1.1)),
        _done(run_id, 0, UNICODE_URL, a, 1.1, 1.3, status=200, nbytes=1234),
        # Measured by worker a's clock, 2 ms before the parent's end of job 0.
        JobStarted(run_id, job_id=1, label=QUOTED_URL, worker=a, **_t(1.298)),
        _done(run_id, 1, QUOTED_URL, a, 1.298, 1.4, status=200, nbytes=56),
        _done(run_id, 2, LONG_URL, b, 1.1, 1.2, status=200, nbytes=7),
        JobFailed(
            run_id,
            job_id=3,
            label=POOL_URLS[3],
            worker=b,
            started_mono=MONO0 + 1.2,
            finished_mono=MONO0 + 1.25,
            failure=http404,
            nbytes=12,
            **_t(1.25),
        ),
        RunFinished(
            run_id,
            total=4,
            done=3,
            failed=1,
            killed=0,
            stopped=0,
            cancelled=0,
            elapsed=0.5,
            **_t(1.5),
        ),
    ]


THREADS = ("ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_1")


def thread_run(run_id: int = 3) -> list[Event]:
    """Four URLs on two threads of the parent process itself."""
    workers = [WorkerRef(WorkerKind.THREAD, pid=PARENT, thread=name) for name in THREADS]
    events: list[Event] = [_run_started(run_id, Experiment.POOL, 4, "thread", 2.0)]
    for i in range(4):
        start = 2.1 + 0.1 * (i // 2)
        events.append(
            _done(
                run_id,
                i,
                f"http://127.0.0.1/{i}",
                workers[i % 2],
                start,
                start + 0.1,
                status=200,
                nbytes=10 * i,
            )
        )
    events.append(
        RunFinished(
            run_id,
            total=4,
            done=4,
            failed=0,
            killed=0,
            stopped=0,
            cancelled=0,
            elapsed=0.4,
            **_t(2.4),
        )
    )
    return events


@pytest.fixture
def record() -> SessionRecord:
    record = SessionRecord()
    record.apply([*named_run(), *pool_run(), *thread_run()])
    record.add_samples(CpuSample(MONO0 + t / 4, 50.0, (40.0, 60.0), 3) for t in range(-4, 10))
    return record


# -- CSV --------------------------------------------------------------------------


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        return list(reader)


def test_csv_has_one_row_per_job_and_reads_back(record: SessionRecord, tmp_path: Path) -> None:
    path = tmp_path / "runs.csv"
    assert write_csv(record, path) == record.job_count == 12
    rows = _read_csv(path)
    assert len(rows) == 12
    assert [r["run"] for r in rows] == ["1"] * 4 + ["2"] * 4 + ["3"] * 4
    assert [r["name_or_url"] for r in rows[4:8]] == POOL_URLS  # unicode, comma, quote, in full
    assert [r["state"] for r in rows[:4]] == ["done", "killed", "stopped", "cancelled"]
    assert [r["failure_kind"] for r in rows[:4]] == ["", "killed", "stopped", "never_started"]
    for row in rows:
        for column in ("started", "finished"):
            assert row[column] == "" or ISO.match(row[column]), row[column]


def test_csv_values_are_right(record: SessionRecord, tmp_path: Path) -> None:
    path = tmp_path / "runs.csv"
    write_csv(record, path)
    rows = _read_csv(path)
    done = rows[0]
    assert (done["experiment"], done["executor"], done["start_method"]) == (
        "named",
        "process",
        "forkserver",
    )
    assert (done["worker"], done["pid"], done["n"], done["n_squared"]) == ("100", "100", "1", "1")
    assert done["reason"] == "" and float(done["duration_s"]) == pytest.approx(0.48)
    started = datetime.fromisoformat(done["started"])
    assert started.timestamp() == pytest.approx(WALL0 + 0.02, abs=1e-3)
    killed = rows[1]
    expected = " ".join(
        failure_text(Failure(FailureKind.KILLED, signal="SIGKILL", pid=101)).split()
    )
    assert killed["reason"] == expected and "\n" not in killed["reason"] and expected
    cancelled = rows[3]
    assert (cancelled["worker"], cancelled["pid"], cancelled["started"]) == ("", "", "")
    assert cancelled["duration_s"] == "" and cancelled["finished"]
    unicode_row, quoted, _, missing = rows[4:8]
    assert quoted["bytes"] == "56" and quoted["worker"] == "201"
    assert '"http://127.0.0.1:8000/a,b""c""?x=1,2"' in path.read_text(encoding="utf-8")
    assert (unicode_row["http_status"], unicode_row["bytes"], unicode_row["worker"]) == (
        "200",
        "1234",
        "201",
    )
    assert (missing["state"], missing["failure_kind"], missing["http_status"]) == (
        "failed",
        "http",
        "404",
    )
    assert missing["bytes"] == "12" and missing["n"] == ""
    threads = rows[8:]
    assert [r["worker"] for r in threads] == [*THREADS, *THREADS]
    assert {r["pid"] for r in threads} == {str(PARENT)} and threads[0]["start_method"] == ""


def test_csv_to_an_open_file_and_of_an_empty_record() -> None:
    out = io.StringIO()
    assert write_csv(SessionRecord(), out) == 0
    assert out.getvalue().strip() == ",".join(CSV_COLUMNS)


# -- trace ------------------------------------------------------------------------


def _load_trace(record: SessionRecord, path: Path) -> list[dict]:
    write_trace(record, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["displayTimeUnit"] == "ms"
    assert "earliest run start" in document["otherData"]["ts"]
    return document["traceEvents"]


def assert_no_overlap(events: list[dict]) -> None:
    """No two slices on one (pid, tid) track overlap (to the nanosecond)."""
    tracks: dict[tuple[int, int], list[dict]] = {}
    for event in events:
        if event["ph"] == "X":
            tracks.setdefault((event["pid"], event["tid"]), []).append(event)
    for track in tracks.values():
        track.sort(key=lambda e: e["ts"])
        for before, after in itertools.pairwise(track):
            assert after["ts"] >= before["ts"] + before["dur"] - 1e-3, (before, after)


def test_trace_has_a_slice_per_started_job_on_its_worker_track(
    record: SessionRecord, tmp_path: Path
) -> None:
    events = _load_trace(record, tmp_path / "trace.json")
    slices = [e for e in events if e["ph"] == "X"]
    started = [job for job in record.jobs() if job.started_mono is not None]
    assert len(slices) == len(started) == 11  # the cancelled job has none
    for event in slices:
        assert isinstance(event["ts"], (int, float)) and isinstance(event["dur"], (int, float))
        assert event["ts"] >= 0 and event["dur"] >= 0
        assert event["cat"] in ("named", "pool")
    names = {
        e["pid"]: e["args"]["name"]
        for e in events
        if e["ph"] == "M" and e["name"] == "process_name"
    }
    for pid in {e["pid"] for e in slices} | {PARENT}:
        assert pid in names
    assert names[PARENT] == f"Process Lab (parent) {PARENT}"
    assert names[101] == "named process 2" and names[201] == "pool worker 201"
    assert_no_overlap(events)


def test_trace_slices_carry_times_results_and_failures(
    record: SessionRecord, tmp_path: Path
) -> None:
    slices = {
        (e["args"]["run"], e["args"]["job"]): e
        for e in _load_trace(record, tmp_path / "t.json")
        if e["ph"] == "X"
    }
    done = slices[(1, 0)]
    assert done["ts"] == pytest.approx(0.02e6) and done["dur"] == pytest.approx(0.48e6)
    assert done["args"]["result"] == 1 and done["args"]["state"] == "done"
    killed = slices[(1, 1)]["args"]
    assert killed["failure_kind"] == "killed" and killed["reason"]
    unicode_job = slices[(2, 0)]
    assert unicode_job["name"] == UNICODE_URL and unicode_job["args"]["bytes"] == 1234
    long_job = slices[(2, 2)]
    assert len(long_job["name"]) == MAX_NAME and long_job["args"]["label"] == LONG_URL
    # Job 1 began 2 ms before job 0's end on the same worker: clamped to that end.
    hair = slices[(2, 1)]
    assert hair["tid"] == unicode_job["tid"]
    assert hair["ts"] == pytest.approx(unicode_job["ts"] + unicode_job["dur"])
    assert slices[(2, 3)]["args"]["status"] == 404


def test_thread_workers_get_stable_small_tids_in_the_parent(
    record: SessionRecord, tmp_path: Path
) -> None:
    events = _load_trace(record, tmp_path / "t.json")
    thread_slices = [e for e in events if e["ph"] == "X" and e["args"]["run"] == 3]
    assert {e["pid"] for e in thread_slices} == {PARENT}
    tids = {e["args"]["worker"]: e["tid"] for e in thread_slices}
    assert set(tids) == set(THREADS) and len(set(tids.values())) == 2
    assert all(0 < tid < 10 for tid in tids.values())
    for event in thread_slices:  # each job on its own thread's track
        assert event["tid"] == tids[event["args"]["worker"]]
    thread_names = {
        (e["pid"], e["tid"]): e["args"]["name"]
        for e in events
        if e["ph"] == "M" and e["name"] == "thread_name"
    }
    assert thread_names[(PARENT, tids[THREADS[0]])] == THREADS[0]


def test_trace_marks_run_start_stop_and_end_and_counts_cpu(
    record: SessionRecord, tmp_path: Path
) -> None:
    events = _load_trace(record, tmp_path / "t.json")
    instants = [e for e in events if e["ph"] == "i"]
    assert {e["pid"] for e in instants} == {PARENT}
    names = [e["name"] for e in instants]
    assert names.count("Run 1 started") == 1 and "Run 1: Stop" in names
    assert "Run 1 stopped" in names and "Run 2 finished" in names
    first = next(e for e in instants if e["name"] == "Run 1 started")
    assert first["ts"] == 0 and first["args"]["settings"]["timeout"] == 60.0
    counters = [e for e in events if e["ph"] == "C"]
    assert counters and min(e["ts"] for e in counters) >= 0  # samples before run 1 left out
    sort = [e for e in events if e["ph"] == "M" and e["name"] == "process_sort_index"]
    assert min(sort, key=lambda e: e["args"]["sort_index"])["pid"] == PARENT


def test_jobs_really_side_by_side_on_one_dask_worker_get_two_lanes() -> None:
    dask = WorkerRef(WorkerKind.DASK, pid=0, address="tcp://127.0.0.1:40123", name="w0")
    record = SessionRecord()
    record.apply(
        [
            _run_started(1, Experiment.POOL, 2, "dask", 0.0),
            _done(1, 0, "http://127.0.0.1/a", dask, 0.1, 1.0, status=200, nbytes=1),
            _done(1, 1, "http://127.0.0.1/b", dask, 0.2, 1.1, status=200, nbytes=1),
        ]
    )
    events = trace_events(record)
    slices = [e for e in events if e["ph"] == "X"]
    assert len(slices) == 2 and slices[0]["pid"] == slices[1]["pid"] != PARENT
    assert slices[0]["tid"] != slices[1]["tid"]
    assert [e["dur"] for e in slices] == [pytest.approx(0.9e6)] * 2  # not squeezed
    assert_no_overlap(events)


def test_trace_of_an_empty_record_and_to_an_open_file() -> None:
    out = io.StringIO()
    write_trace(SessionRecord(), out)
    assert json.loads(out.getvalue())["traceEvents"] == []
