"""ProcessTreeReader and PythonNames with real processes: the tree as the
inspector sees it, exits kept for a while, threads, vanishing processes,
and the children's CPU in the CPU sampler's readings."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import psutil
import pytest

import workers.process_tree as process_tree
from tests.workers.run_helpers import drive
from workers.cpu_sampling import CpuReader, children_cpu_percent
from workers.events import JobStarted
from workers.options import NamedOptions
from workers.process_names import PythonNames, epoch_to_mono
from workers.process_tree import STATUS_EXITED, ProcessTreeReader, Role, TreeSnapshot
from workers.record.session import SessionRecord
from workers.runs.named_run import NamedProcessRun
from workers.start_methods import forkserver_pid, multiprocessing_helper_pids, warm_up

WAIT_S = 20.0
SLEEPER = "import time; time.sleep(60)"
SPINNER = "import time\nend = time.monotonic() + 60\nwhile time.monotonic() < end: pass"


class FakeClock:
    """A monotonic clock the test moves by hand (the processes are real)."""

    def __init__(self) -> None:
        self.now = time.monotonic()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def children() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Plain child processes the test starts; all killed and reaped after it."""
    started: list[subprocess.Popen[bytes]] = []
    try:
        yield started
    finally:
        for child in started:
            child.kill()
            child.wait()


def _start(children: list[subprocess.Popen[bytes]], code: str = SLEEPER) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", code])
    children.append(child)
    return child


def _read_until(reader: ProcessTreeReader, check, threads: bool = False) -> TreeSnapshot:
    """Read until ``check(snapshot)`` holds; fail after WAIT_S."""
    deadline = time.monotonic() + WAIT_S
    while True:
        snapshot = reader.read(threads=threads)
        if check(snapshot):
            return snapshot
        assert time.monotonic() < deadline, f"never held; last: {snapshot}"
        time.sleep(0.05)  # between readings, as the inspector's timer does


def _pids(snapshot: TreeSnapshot) -> dict[int, process_tree.ProcessInfo]:
    return {info.pid: info for info in snapshot.processes}


def test_the_tree_lists_this_process_and_its_children(children: list) -> None:
    reader = ProcessTreeReader()
    first = reader.read()
    root = first.processes[0]
    assert root.pid == reader.root_pid and root.role is Role.APP and root.depth == 0
    assert not root.new  # there before the first reading
    kids = [_start(children) for _ in range(3)]
    snapshot = _read_until(reader, lambda s: {k.pid for k in kids} <= set(_pids(s)))
    rows = _pids(snapshot)
    for kid in kids:
        info = rows[kid.pid]
        assert info.ppid == reader.root_pid and info.depth == 1
        assert info.role is Role.CHILD and info.new and info.alive
        assert info.rss > 0 and info.cpu >= 0.0
        assert abs(info.created - psutil.Process(kid.pid).create_time()) < 0.01
    # Tree order: the parent first, siblings oldest first.
    order = [info.pid for info in snapshot.processes if info.pid in {k.pid for k in kids}]
    assert order == [k.pid for k in kids]


def test_an_exited_child_stays_marked_then_goes(children: list) -> None:
    clock = FakeClock()
    reader = ProcessTreeReader(keep_exited_s=5.0, clock=clock)
    kid = _start(children)
    _read_until(reader, lambda s: kid.pid in _pids(s))
    kid.kill()
    kid.wait()  # reaped: it is gone from /proc
    clock.now += 1.0
    gone = _pids(reader.read())[kid.pid]
    assert gone.status == STATUS_EXITED and gone.exited == clock.now and gone.cpu == 0.0
    clock.now += 4.9
    assert kid.pid in _pids(reader.read())  # still shown, 4.9 s after
    clock.now += 0.2
    assert kid.pid not in _pids(reader.read())  # 5.1 s: gone


def test_a_zombie_counts_as_exited(children: list) -> None:
    reader = ProcessTreeReader()
    kid = _start(children)
    _read_until(reader, lambda s: kid.pid in _pids(s))
    kid.kill()  # not reaped yet: a zombie until wait()
    snapshot = _read_until(reader, lambda s: _pids(s)[kid.pid].status == psutil.STATUS_ZOMBIE)
    assert _pids(snapshot)[kid.pid].exited is not None


def test_a_process_vanishing_mid_read_is_taken_as_exited(
    children: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = ProcessTreeReader()
    kid = _start(children)
    _read_until(reader, lambda s: kid.pid in _pids(s))
    pid = kid.pid
    kid.kill()
    kid.wait()
    # The listing still names it (it was listed just before it went), the
    # reads then fail: no exception, the row says it exited.
    real = process_tree.descendants_proc
    monkeypatch.setattr(
        process_tree, "descendants_proc", lambda root: [*real(root), (pid, reader.root_pid)]
    )
    info = _pids(reader.read())[pid]
    assert info.exited is not None and info.status == STATUS_EXITED
    # A new process never read before, gone before its first read, is skipped.
    monkeypatch.setattr(process_tree, "descendants_proc", lambda root: [(2**22 + 7, root)])
    assert 2**22 + 7 not in _pids(reader.read())


def test_each_psutil_process_is_kept_while_it_lives(children: list) -> None:
    reader = ProcessTreeReader()
    kid = _start(children)
    _read_until(reader, lambda s: kid.pid in _pids(s))
    kept = reader._tracked[kid.pid].proc
    reader.read()
    reader.read()
    assert reader._tracked[kid.pid].proc is kept


def test_a_busy_child_shows_its_cpu(children: list) -> None:
    reader = ProcessTreeReader()
    kid = _start(children, SPINNER)
    snapshot = _read_until(reader, lambda s: _pids(s).get(kid.pid) and _pids(s)[kid.pid].cpu > 20)
    assert snapshot.children_cpu >= _pids(snapshot)[kid.pid].cpu


def test_threads_are_listed_with_their_python_names() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait, name="inspector-test-thread")
    worker.start()
    try:
        reader = ProcessTreeReader()
        snapshot = reader.read(threads=True)
        assert snapshot.threads_listed
        threads = {t.tid: t for t in snapshot.processes[0].threads}
        assert threads[worker.native_id].name == "inspector-test-thread"
        assert threads[threading.main_thread().native_id].name == "MainThread"
        assert all(t.cpu >= 0.0 for t in threads.values())
        assert reader.read(threads=False).processes[0].threads == ()
    finally:
        stop.set()
        worker.join()


def test_multiprocessing_helpers_are_labelled() -> None:
    warm_up("forkserver")  # the forkserver, and with it the resource tracker
    reader = ProcessTreeReader()
    roles = {info.pid: info.role for info in reader.read().processes}
    server = forkserver_pid()
    assert server is not None and roles[server] is Role.FORKSERVER
    trackers = multiprocessing_helper_pids() - {server}
    assert trackers and all(roles[pid] is Role.RESOURCE_TRACKER for pid in trackers)


def test_python_names_come_from_the_record_matched_by_pid() -> None:
    record = SessionRecord()
    names = PythonNames()
    pids: dict[str, int] = {}
    with NamedProcessRun(NamedOptions(processes=3, sleep_min=0.0, sleep_max=0.0)) as run:
        for event in drive(run):
            change = record.apply([event])
            names.add_change(record, change)
            if isinstance(event, JobStarted):
                pids[event.label] = event.worker.pid
    assert set(pids) == {"1", "2", "3"}
    for label, pid in pids.items():
        entry = names.lookup(pid)
        assert entry is not None and entry.name == label and not entry.pool
        assert entry.run_ordinal == 1
    # The same from the record as a whole, as the inspector does when it opens.
    whole = PythonNames()
    whole.add_runs(record)
    assert {pid: whole.lookup(pid).name for pid in pids.values()} == {
        pid: label for label, pid in pids.items()
    }
    # A later process with the same PID is not given the old name.
    some_pid = pids["1"]
    started = names.lookup(some_pid).started_mono
    assert names.lookup(some_pid, created_mono=started + 5.0) is None
    assert names.lookup(some_pid, created_mono=started - 0.01) is not None


def test_epoch_to_mono_matches_a_process_start() -> None:
    created = psutil.Process().create_time()
    assert epoch_to_mono(created) <= time.monotonic()


# -- the children's CPU in the CPU sampler ------------------------------------------


def test_children_cpu_percent_counts_deltas_and_newcomers() -> None:
    before = {1: 10.0, 2: 5.0}
    after = {1: 10.5, 2: 5.0, 3: 0.5}  # 1 used 0.5 s, 3 is new and used 0.5 s
    assert children_cpu_percent(before, after, seconds=1.0, cores=2) == pytest.approx(50.0)
    assert children_cpu_percent(before, after, seconds=0.0, cores=2) == 0.0
    assert children_cpu_percent({1: 9.0}, {1: 1.0}, 1.0, 1) == 0.0  # never negative


def test_cpu_samples_carry_the_childrens_cpu(children: list) -> None:
    reader = CpuReader()
    assert reader.read() is None  # the priming reading
    first = None
    while first is None:
        first = reader.read()
    assert first.children_cpu == pytest.approx(0.0, abs=5.0)  # nothing of ours is busy
    _start(children, SPINNER)
    deadline = time.monotonic() + WAIT_S
    # One busy child: up to 100 / cores % of the machine; at least a few %.
    while (sample := reader.read()) is None or sample.children_cpu < 5.0:
        assert time.monotonic() < deadline, f"the busy child never showed: {sample}"
        time.sleep(0.25)
    assert sample.children_cpu <= 100.0
    assert sample.children_cpu <= sample.total + 10.0  # a share of the machine's load
