"""CpuSampler: psutil readings from a worker QThread, delivered on the GUI thread.

Every wait is on a signal or a condition with a timeout; every sampler is
stopped and every child process ended, whatever the test's outcome.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator

import psutil
import pytest
from PySide6.QtCore import Qt, QThread
from pytestqt.qtbot import QtBot

from gui.plots.cpu_sampler import CpuSampler
from workers.cpu_sampling import (
    MAX_RATE_HZ,
    CpuReader,
    CpuSample,
    count_live_children,
    count_live_children_proc,
    proc_children_supported,
)
from workers.start_methods import multiprocessing_helper_pids, warm_up

WAIT_MS = 5000
CHILD_WAIT_MS = 20_000  # a spawned child re-imports Python; slow on a loaded machine


@pytest.fixture
def sampler(qtbot: QtBot) -> Iterator[CpuSampler]:
    s = CpuSampler()
    try:
        yield s
    finally:
        s.stop()


def _collect(sampler: CpuSampler) -> list[CpuSample]:
    samples: list[CpuSample] = []
    sampler.sampled.connect(samples.append)
    return samples


def _is_zombie_or_gone(proc: psutil.Process) -> bool:
    try:
        return proc.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True  # something reaped it already


def test_samples_arrive_with_sane_values(sampler: CpuSampler, qtbot: QtBot) -> None:
    samples = _collect(sampler)
    sampler.start()
    assert sampler.is_running()
    qtbot.waitUntil(lambda: len(samples) >= 3, timeout=WAIT_MS)

    cores = psutil.cpu_count()
    for s in samples:
        assert isinstance(s, CpuSample)
        assert 0.0 <= s.total <= 100.0
        assert len(s.per_core) == cores
        assert all(0.0 <= c <= 100.0 for c in s.per_core)
        assert s.children >= 0
    times = [s.t_mono for s in samples]
    assert times == sorted(times)
    assert times[-1] <= time.monotonic()


def test_samples_are_delivered_on_the_gui_thread(sampler: CpuSampler, qtbot: QtBot) -> None:
    threads: list[threading.Thread] = []
    sampler.sampled.connect(lambda _s: threads.append(threading.current_thread()))
    sampler.start()
    qtbot.waitUntil(lambda: len(threads) >= 1, timeout=WAIT_MS)
    assert threads[0] is threading.main_thread()
    worker = sampler.worker_thread
    assert worker is not None and worker is not QThread.currentThread()


def test_first_meaningless_reading_is_dropped(sampler: CpuSampler, qtbot: QtBot) -> None:
    reader = CpuReader()
    assert reader.read() is None  # the priming reading has nothing to compare with
    assert isinstance(reader.read(), CpuSample)

    started = time.monotonic()
    with qtbot.waitSignal(sampler.sampled, timeout=WAIT_MS) as blocker:
        sampler.start()
    first = blocker.args[0]
    # The priming reading is taken at start and never sent: the first sample
    # sent comes a whole interval later.
    assert first.t_mono - started >= 0.8 * sampler.interval_ms / 1000


def test_stop_is_idempotent_and_finishes_the_thread(sampler: CpuSampler, qtbot: QtBot) -> None:
    sampler.stop()  # stopping a sampler that never ran is fine
    with qtbot.waitSignal(sampler.sampled, timeout=WAIT_MS):
        sampler.start()
    sampler.start()  # already running: no second thread
    thread = sampler.worker_thread
    assert thread is not None and thread.isRunning()

    sampler.stop()
    assert thread.isFinished()
    assert not sampler.is_running()
    assert sampler.worker_thread is None
    sampler.stop()
    # Nothing arrives after stop(), not even a sample that was already queued.
    with qtbot.assertNotEmitted(sampler.sampled, wait=2 * sampler.interval_ms):
        pass


def test_the_worker_dies_on_the_gui_thread(sampler: CpuSampler, qtbot: QtBot) -> None:
    # See gui/threads/worker_thread.py: dying in its own thread can deadlock.
    died_on: list[bool] = []
    with qtbot.waitSignal(sampler.sampled, timeout=WAIT_MS):
        sampler.start()
    handle = sampler._handle
    assert handle is not None and handle.worker is not None
    handle.worker.destroyed.connect(
        lambda: died_on.append(threading.current_thread() is threading.main_thread()),
        Qt.ConnectionType.DirectConnection,
    )
    sampler.stop()
    # stop() waited for the thread, so the worker is gone already.
    assert died_on == [True]
    assert not handle.is_alive()


def test_restarts_after_stop(sampler: CpuSampler, qtbot: QtBot) -> None:
    with qtbot.waitSignal(sampler.sampled, timeout=WAIT_MS):
        sampler.start()
    sampler.stop()
    with qtbot.waitSignal(sampler.sampled, timeout=WAIT_MS):
        sampler.start()
    assert sampler.is_running()


@pytest.mark.parametrize("rate", [0.0, -1.0, MAX_RATE_HZ * 2])
def test_rejects_rates_that_cannot_be_measured(rate: float) -> None:
    with pytest.raises(ValueError, match="rate_hz"):
        CpuSampler(rate_hz=rate)


def test_children_count_follows_a_real_child(sampler: CpuSampler, qtbot: QtBot) -> None:
    ctx = multiprocessing.get_context("spawn")
    event = ctx.Event()  # made first: it may start the resource tracker, a child too
    samples = _collect(sampler)
    sampler.start()
    qtbot.waitUntil(lambda: len(samples) >= 1, timeout=WAIT_MS)
    # The sampler's own figure: it leaves multiprocessing's helpers out.
    baseline = samples[-1].children

    # The child waits for the event, with a timeout as a last resort.
    child = ctx.Process(target=event.wait, args=(60,), name="sleeper")
    child.start()
    try:
        qtbot.waitUntil(lambda: samples[-1].children >= baseline + 1, timeout=CHILD_WAIT_MS)
        if proc_children_supported(os.getpid()):
            # Both ways of counting see the child.
            assert count_live_children_proc(os.getpid()) >= baseline + 1

        # Once it has exited it no longer counts, even before it is joined
        # (a zombie is not a live process).
        event.set()
        exited = psutil.Process(child.pid)
        qtbot.waitUntil(lambda: _is_zombie_or_gone(exited), timeout=CHILD_WAIT_MS)
        qtbot.waitUntil(lambda: samples[-1].children <= baseline, timeout=WAIT_MS)
    finally:
        event.set()
        child.join(10)
        if child.is_alive():
            child.kill()
            child.join()


@pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no forkserver here"
)
def test_multiprocessing_helpers_are_not_counted() -> None:
    warm_up("forkserver")  # starts the forkserver (and the resource tracker)
    helpers = multiprocessing_helper_pids()
    assert helpers, "the forkserver should be running now"
    raw = count_live_children(psutil.Process())
    assert raw >= len(helpers)
    assert CpuReader().count_children() == raw - len(helpers)
