"""When the app dies abruptly, nothing it started lives on.

The app (``main.py``, in its own session) is killed with SIGKILL while its
children run; every process it had started by then (named children, pool
workers, the forkserver and its children, the resource tracker) must be gone
10 s later. The children are re-parented to init when the app dies, so they
are recorded (PID and start time, against PID reuse) before the kill.

The other direction matters as much: the window starts children from a
QThread that ends after each run. A watch that followed the forking
*thread* (as a plain ``PR_SET_PDEATHSIG`` does) would kill them when that
thread ends. (Nothing arms the forkserver, which the window starts from a
short-lived thread: it exits by itself once its children are gone.)
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.process
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from workers.demo_site import DemoSite
from workers.jobs.parent_watch import watch_parent
from workers.start_method_choices import available_start_methods
from workers.start_methods import context_for

REPO_ROOT = Path(__file__).resolve().parents[2]
#: The issue's bound: every descendant of the killed app is gone by then.
GONE_WITHIN_S = 10.0
#: Backstop for the app to start its children (spawn under load is slow).
START_TIMEOUT_S = 60.0
#: How many children each experiment starts: named processes, pool workers.
NAMED_CHILDREN = 5
POOL_WORKERS = 3
#: What multiprocessing's helpers run (the forkserver's own children show
#: the forkserver's command line too, but their parent is the forkserver).
HELPER_COMMANDS = ("multiprocessing.forkserver import main", "resource_tracker import main")

METHODS = available_start_methods()


@dataclass(frozen=True)
class _Recorded:
    """A descendant of the app, as it was before the kill."""

    pid: int
    create_time: float
    what: str

    @classmethod
    def of(cls, proc: psutil.Process) -> _Recorded:
        with proc.oneshot():
            what = f"pid {proc.pid} (parent {proc.ppid()}): {' '.join(proc.cmdline())}"
            return cls(proc.pid, proc.create_time(), what)

    def process(self) -> psutil.Process | None:
        """The same process if it still runs (a zombie has ended)."""
        try:
            proc = psutil.Process(self.pid)
            if proc.create_time() != self.create_time:
                return None  # the PID was reused
            if proc.status() == psutil.STATUS_ZOMBIE:
                return None
            return proc
        except psutil.NoSuchProcess:
            return None


def _descendants(pid: int) -> list[_Recorded]:
    """Every descendant of ``pid`` right now, as far as they can be read."""
    recorded = []
    with contextlib.suppress(psutil.NoSuchProcess):
        for proc in psutil.Process(pid).children(recursive=True):
            with contextlib.suppress(psutil.NoSuchProcess):
                recorded.append(_Recorded.of(proc))
    return recorded


def _is_job(proc: psutil.Process, app: psutil.Process, method: str) -> bool:
    """One of the app's children proper: not the forkserver or the resource
    tracker, and not one still on its way to exec() one of them."""
    try:
        with proc.oneshot():
            if proc.ppid() != app.pid:
                return True  # the forkserver's children
            command = proc.cmdline()
        if any(helper in " ".join(command) for helper in HELPER_COMMANDS):
            return False
        return method == "fork" or command != app.cmdline()
    except psutil.Error:
        return False


def _watch_armed(proc: psutil.Process) -> bool:
    """Whether ``proc`` has armed its watch on the app: on Linux the kernel
    then shows ``O_ASYNC`` on the pipe it watches
    (:mod:`workers.jobs.parent_watch`)."""
    fd_dir = Path(f"/proc/{proc.pid}/fdinfo")
    try:
        for info in fd_dir.iterdir():
            flags = info.read_text().split("flags:", 1)[1].split()[0]
            if int(flags, 8) & os.O_ASYNC:
                return True
    except (OSError, IndexError, ValueError):  # gone, or a descriptor closed meanwhile
        pass
    return False


def _waiting(proc: psutil.Process) -> bool:
    """Whether ``proc`` is asleep: a named child watches the app during its
    job's wait instead of arming a signal (``waits_itself``)."""
    try:
        return proc.status() == psutil.STATUS_SLEEPING
    except psutil.Error:
        return False


def _busy(proc: psutil.Process) -> bool:
    """A busy named child looks at the app between slices of its work."""
    return True


def _descendants_once_running(
    app: subprocess.Popen[bytes], method: str, jobs: int, waits_itself: str = ""
) -> list[_Recorded]:
    """Every descendant of ``app``, once ``jobs`` of them are its children
    proper and watching it (multiprocessing's helpers start before them).

    Waiting for the watch makes the kill land where it matters most: in
    children already running their job. (A child killed before it armed
    its watch is the case of the last test in this file.) With
    ``waits_itself`` (named children) a child in its job's wait is
    watching ("sleep": asleep in it; "busy": looking between slices).
    """
    watching = {"sleep": _waiting, "busy": _busy}.get(waits_itself, _watch_armed)
    app_proc = psutil.Process(app.pid)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if app.poll() is not None:
            raise AssertionError(f"the app exited early with status {app.returncode}")
        try:
            descendants = app_proc.children(recursive=True)
        except psutil.NoSuchProcess:
            descendants = []
        running = [p for p in descendants if _is_job(p, app_proc, method) and watching(p)]
        if len(running) >= jobs:
            return _descendants(app.pid)
        # Polling the process table: there is no event to wait on from outside.
        time.sleep(0.05)
    raise AssertionError(
        f"the app did not start {jobs} children watching it in {START_TIMEOUT_S:g} s"
    )


def _survivors_after(recorded: list[_Recorded], timeout: float) -> list[_Recorded]:
    """Those of ``recorded`` still running after ``timeout`` (waits less if
    they all end sooner). Never reaps: a zombie counts as ended."""
    alive = [rec for rec in recorded if rec.process() is not None]
    deadline = time.monotonic() + timeout
    while alive and time.monotonic() < deadline:
        # Polling the process table: these are init's children, not ours.
        time.sleep(0.05)
        alive = [rec for rec in alive if rec.process() is not None]
    return alive


def _kill_all(recorded: list[_Recorded]) -> None:
    for rec in recorded:
        proc = rec.process()
        if proc is not None:
            with contextlib.suppress(psutil.Error):
                proc.kill()


def _app_command(experiment: str, method: str, site: DemoSite) -> tuple[list[str], int]:
    """The command line that starts the app, and how many children it starts."""
    if experiment.startswith("named"):
        sleep = ["--sleep", "30", "30"]
        busy = ["--workload", "cpu"] if experiment == "named-busy" else []
        return [*["named", "-n", str(NAMED_CHILDREN)], *sleep, *busy], NAMED_CHILDREN
    # One more slow page than workers, so each worker has one.
    urls = [site.url(f"/slow?delay=30&n={i}") for i in range(POOL_WORKERS + 1)]
    return ["pool", "--workers", str(POOL_WORKERS), *urls], POOL_WORKERS


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("experiment", ["named", "named-busy", "pool"])
def test_killing_the_app_leaves_no_process_behind(
    experiment: str, method: str, demo_site: DemoSite, tmp_path: Path
) -> None:
    args, workers = _app_command(experiment, method, demo_site)
    stderr_path = tmp_path / "stderr.txt"
    recorded: list[_Recorded] = []
    with stderr_path.open("wb") as stderr:
        app = subprocess.Popen(
            [sys.executable, "main.py", *args, "--start-method", method],
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,  # a terminal's Ctrl+C or hang-up cannot reach it
        )
    try:
        waits_itself = ""
        if experiment.startswith("named"):
            waits_itself = "busy" if experiment == "named-busy" else "sleep"
        recorded = _descendants_once_running(app, method, workers, waits_itself)
        app.kill()  # SIGKILL, to the app alone: its children learn of it by themselves
        app.wait(timeout=START_TIMEOUT_S)
        survivors = _survivors_after(recorded, GONE_WITHIN_S)
        assert not survivors, (
            f"{len(survivors)} of the app's {len(recorded)} processes outlived it by "
            f"{GONE_WITHIN_S:g} s:\n  " + "\n  ".join(rec.what for rec in survivors)
        )
        # Not vacuous: the helpers the issue saw survive were among them.
        helpers = [rec for rec in recorded if f"(parent {app.pid})" in rec.what]
        if method != "fork":
            assert any(HELPER_COMMANDS[1] in rec.what for rec in helpers), "no resource tracker"
        if method == "forkserver":
            assert any(HELPER_COMMANDS[0] in rec.what for rec in helpers), "no forkserver"
    finally:
        if app.poll() is None:  # it failed before the kill: take its children too
            recorded += _descendants(app.pid)
            app.kill()
            app.wait(timeout=START_TIMEOUT_S)
        _kill_all(recorded)
    # The children went quietly: a traceback would be in the app's stderr,
    # which the orphans inherited.
    stderr_text = stderr_path.read_text(errors="replace")
    assert "Traceback" not in stderr_text, stderr_text


# -- the other direction: the app lives, the thread that started the child ends


def _arm_then_sleep(armed: object, seconds: float) -> None:
    """A child as the engine's: arm the watch first, then do the job."""
    watch_parent()
    armed.set()  # type: ignore[attr-defined]
    time.sleep(seconds)


@pytest.mark.parametrize("method", METHODS)
def test_a_child_outlives_the_thread_that_started_it(method: str) -> None:
    # The window starts a run's children from a QThread that ends with the
    # run; the children must live on until their job ends, not with it.
    ctx = context_for(method)
    armed = ctx.Event()
    started: list[multiprocessing.process.BaseProcess] = []

    def start_and_end() -> None:
        child = ctx.Process(target=_arm_then_sleep, args=(armed, 1.0), name="from-a-thread")
        child.start()
        started.append(child)
        # End only once the watch is armed: a watch that followed the thread
        # would fire now, while the child sleeps.
        armed.wait(START_TIMEOUT_S)

    thread = threading.Thread(target=start_and_end, name="short-lived")
    thread.start()
    thread.join(START_TIMEOUT_S)
    assert not thread.is_alive()
    assert started, "the thread did not start the child"
    child = started[0]
    try:
        assert armed.is_set(), "the child did not arm its watch"
        child.join(START_TIMEOUT_S)
        assert child.exitcode == 0, f"the child ended with {child.exitcode}"
    finally:
        if child.exitcode is None:
            child.kill()
            child.join(START_TIMEOUT_S)


# -- a child that arms after the app is already gone


def _arm_once_parent_gone(seconds: float) -> None:
    """Waits for its parent to die, then arms the watch: it must end at once."""
    parent = multiprocessing.parent_process()
    assert parent is not None
    parent.join(START_TIMEOUT_S)  # returns when the parent's end of the pipe closes
    watch_parent()
    time.sleep(seconds)  # only a child the watch missed gets here


def _start_grandchild_and_die(method: str, report: object) -> None:
    """Plays the app: start one child, say who it is, die without clean-up."""
    ctx = context_for(method)
    child = ctx.Process(target=_arm_once_parent_gone, args=(60.0,), name="late")
    child.start()
    proc = psutil.Process(child.pid)
    report.put((proc.pid, proc.create_time()))  # type: ignore[attr-defined]
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("method", METHODS)
def test_a_child_armed_after_the_app_died_ends_at_once(method: str) -> None:
    ctx = context_for(method)
    report = ctx.SimpleQueue()
    app = ctx.Process(target=_start_grandchild_and_die, args=(method, report), name="app")
    app.start()
    recorded: list[_Recorded] = []
    try:
        pid, create_time = report.get()
        recorded = [_Recorded(pid, create_time, f"pid {pid}, started by the dead app")]
        # Not app.join(): under fork the grandchild holds a copy of the
        # app's end of its exit pipe, so join() would wait for both.
        try:  # a forkserver child is reaped by the forkserver: it may be gone already
            app_record = [_Recorded(app.pid, psutil.Process(app.pid).create_time(), "app")]
        except psutil.NoSuchProcess:
            app_record = []
        assert not _survivors_after(app_record, START_TIMEOUT_S)
        survivors = _survivors_after(recorded, GONE_WITHIN_S)
        assert not survivors, f"the child outlived its app by {GONE_WITHIN_S:g} s"
        app.join(START_TIMEOUT_S)
        assert app.exitcode == -signal.SIGKILL
    finally:
        if app.exitcode is None:
            app.kill()
            app.join(START_TIMEOUT_S)
        _kill_all(recorded)
        report.close()
