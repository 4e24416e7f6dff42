"""The window's one session record: batches in, one signal out."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.session_store import SessionStore
from tests.gui.events_for_tests import synthetic_run
from workers.cpu_sampling import CpuSample
from workers.terms import JobState


def test_one_changed_signal_per_batch(qtbot: QtBot, qapp: QApplication) -> None:
    store = SessionStore()
    changes = []
    store.changed.connect(changes.append)
    events = synthetic_run(1, 4)
    store.apply_events(events[:5])
    store.apply_events(events[5:])
    store.apply_events([])  # nothing came: nothing to say
    assert len(changes) == 2
    assert changes[0].new_runs == (1,) and changes[1].finished_runs == (1,)
    assert store.record.run(1).counts[JobState.DONE] == 4
    assert store.counts()[JobState.DONE] == 4 and store.counts([2])[JobState.DONE] == 0


def test_samples_are_kept_with_the_runs(qtbot: QtBot, qapp: QApplication) -> None:
    store = SessionStore()
    sample = CpuSample(t_mono=time.monotonic(), total=12.5, per_core=(10.0, 15.0), children=3)
    with qtbot.waitSignal(store.samples_added, timeout=1000):
        store.add_sample(sample)
    assert list(store.record.cpu_samples()) == [sample]
