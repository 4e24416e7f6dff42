"""The process inspector in the real window, with real processes: its rows
match the live children with their Python names from the record, a child
that ended stays greyed about 5 s and then goes, the threads toggle shows a
thread pool's workers inside one PID, and the OS titles are shown or
explained. Every wait is on a condition with a timeout."""

from __future__ import annotations

import os
import sys
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from gui import MainWindow
from gui.inspector.model import (
    COL_NAME,
    COL_STATE,
    COL_TITLE,
    NEW_HIGHLIGHT_S,
    InfoRole,
    KindRole,
    ProcessTableModel,
)
from gui.inspector.view import ProcessInspector
from gui.style.palette import DARK, LIGHT, Palette
from gui.style.theme import get_theme
from gui.words import processes as process_words
from workers.demo_site import DemoSite
from workers.jobs.proc_title import titles_available
from workers.process_tree import (
    KEEP_EXITED_S,
    STATUS_EXITED,
    ProcessInfo,
    Role,
    ThreadInfo,
    TreeSnapshot,
)
from workers.start_methods import forkserver_pid, multiprocessing_helper_pids
from workers.terms import JobState

RUN_TIMEOUT_MS = 60_000
CREATED = time.time() - 10  # made-up processes' start time
ROWS_TIMEOUT_MS = 20_000


def _open_inspector(window: MainWindow) -> ProcessInspector:
    inspector = window.process_inspector
    assert inspector is not None
    window.bottom_tabs.setCurrentWidget(inspector)
    assert window.bottom_tabs.tabText(window.bottom_tabs.currentIndex()) == "Processes"
    return inspector


def _cell(model: ProcessTableModel, pid: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    rows = model.rows()
    row = model.row_of_pid(pid)
    assert row is not None, pid
    return model.data(model.index(rows.index(row), column), role)


def _running_pids(window: MainWindow) -> dict[int, str]:
    """PID -> label of the jobs the record shows running."""
    return {
        job.pid: job.label
        for job in window.store.record.jobs()
        if job.state is JobState.RUNNING and job.pid
    }


def test_rows_match_the_live_children_then_fade_after_exit(
    qtbot: QtBot, window: MainWindow
) -> None:
    inspector = _open_inspector(window)
    model = inspector.model
    window.findChild(QSpinBox, "processCountSpin").setValue(10)
    window.named_panel.sleep_max_spin.setValue(4.0)
    window.named_panel.sleep_min_spin.setValue(3.0)
    start = window.findChild(QPushButton, "startProcessesButton")
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_running_pids(window)) == 10, timeout=RUN_TIMEOUT_MS)
    children = _running_pids(window)

    def rows_named() -> None:
        for pid, label in children.items():
            assert _cell(model, pid, COL_NAME) == label  # the Python name, from the record

    qtbot.waitUntil(rows_named, timeout=ROWS_TIMEOUT_MS)
    for pid, label in children.items():
        info = _cell(model, pid, 0, InfoRole)
        assert info.alive and info.role is Role.CHILD
        assert _cell(model, pid, COL_STATE) in {"sleeping", "running"}
        if titles_available():
            assert _cell(model, pid, COL_TITLE) == f"plab:{label}"
    # multiprocessing's helpers are labelled for what they are.
    server = forkserver_pid()
    assert server is not None
    assert _cell(model, server, COL_NAME) == process_words.role_name(Role.FORKSERVER)
    for tracker in multiprocessing_helper_pids() - {server}:
        assert _cell(model, tracker, COL_NAME) == process_words.role_name(Role.RESOURCE_TRACKER)
    app = model.process_rows()[0]
    assert app.info.role is Role.APP and app.depth == 0

    with qtbot.waitSignal(window.named_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        pass
    # Each ended child stays, greyed, for about KEEP_EXITED_S, then goes.
    muted = get_theme().color("muted_text")
    exited_at: dict[int, float] = {}

    def all_greyed() -> None:
        for pid in children:
            row = model.row_of_pid(pid)
            assert row is not None and row.info.exited is not None
            assert _cell(model, pid, 0, Qt.ItemDataRole.ForegroundRole) == muted
            assert _cell(model, pid, COL_STATE) in {"exited", "zombie"}
            exited_at.setdefault(pid, time.monotonic())

    qtbot.waitUntil(all_greyed, timeout=ROWS_TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: all(model.row_of_pid(pid) is None for pid in children),
        timeout=round(KEEP_EXITED_S * 1000) + ROWS_TIMEOUT_MS,
    )
    gone_at = time.monotonic()
    # Seen greyed at most one reading after it exited, gone one after 5 s.
    assert max(gone_at - t for t in exited_at.values()) >= KEEP_EXITED_S - 1.0


def test_the_threads_toggle_shows_a_thread_pools_workers(
    qtbot: QtBot, window: MainWindow, demo_site: DemoSite
) -> None:
    inspector = _open_inspector(window)
    model = inspector.model
    window.pool_panel.url_editor.set_urls([demo_site.url("/slow?delay=2")] * 2)
    combo = window.findChild(QComboBox, "executorCombo")
    combo.setCurrentIndex(combo.findData("thread"))
    window.findChild(QSpinBox, "maxWorkersSpin").setValue(2)
    inspector.threads_check.setChecked(True)
    app_pid = os.getpid()  # the thread pool works inside the window's own process

    def pool_threads() -> set[str]:
        return {
            row.info.name
            for i, row in enumerate(model.rows())
            if model.data(model.index(i, 0), KindRole) == "thread"
            and row.pid == app_pid
            and row.info.name.startswith("ThreadPoolExecutor")
        }

    seen: set[str] = set()
    with qtbot.waitSignal(window.pool_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(
            window.findChild(QPushButton, "startPoolButton"), Qt.MouseButton.LeftButton
        )

        def both_threads_shown() -> None:
            seen.update(pool_threads())
            assert len(seen) == 2

        qtbot.waitUntil(both_threads_shown, timeout=ROWS_TIMEOUT_MS)
    # The same names as the record's workers: two threads inside one PID.
    assert seen == {job.worker.thread for job in window.store.record.jobs()}
    assert {job.worker.pid for job in window.store.record.jobs()} == {app_pid}
    # Off again: only processes.
    inspector.threads_check.setChecked(False)

    def only_processes() -> None:
        kinds = {model.data(model.index(i, 0), KindRole) for i in range(len(model.rows()))}
        assert kinds == {"process"}

    qtbot.waitUntil(only_processes, timeout=ROWS_TIMEOUT_MS)


def test_the_sampler_runs_only_while_the_tab_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    inspector = window.process_inspector
    assert inspector is not None
    assert not inspector.sampler.has_thread()  # never shown: no thread at all
    _open_inspector(window)
    qtbot.waitUntil(lambda: len(inspector.model.rows()) >= 1, timeout=ROWS_TIMEOUT_MS)
    assert inspector.sampler.is_running()
    window.bottom_tabs.setCurrentWidget(window.log_view)
    assert not inspector.sampler.is_running()
    worker = inspector.sampler._worker
    assert worker is not None
    qtbot.waitUntil(lambda: not worker._timer.isActive(), timeout=5000)  # the pause arrived
    _open_inspector(window)
    qtbot.waitUntil(lambda: worker._timer.isActive(), timeout=5000)


def test_the_titles_are_explained_when_setproctitle_is_missing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "setproctitle", None)  # as if not installed
    inspector = ProcessInspector()
    qtbot.addWidget(inspector)
    text = inspector.titles_label.text()
    assert text == process_words.titles_note(False)
    assert "setproctitle is not installed" in text and "python" in text
    monkeypatch.undo()
    inspector.refresh_titles_note()
    assert inspector.titles_label.text() == process_words.titles_note(titles_available())
    inspector.stop()


def test_the_help_button_explains_name_title_and_pid(qtbot: QtBot) -> None:
    inspector = ProcessInspector()
    qtbot.addWidget(inspector)
    inspector.show()
    qtbot.mouseClick(inspector.help_button, Qt.MouseButton.LeftButton)
    box = inspector.findChild(QMessageBox, "processNamesHelp")
    assert box is not None and box.isVisible()
    for words in ("PID", "Python name", "OS title", "setproctitle", "15 bytes"):
        assert words in box.text()
    box.close()
    inspector.stop()


# -- the model, with made-up snapshots ---------------------------------------------


def _info(pid: int, ppid: int, depth: int, **fields: object) -> ProcessInfo:
    values: dict[str, object] = {
        "pid": pid,
        "ppid": ppid,
        "depth": depth,
        "role": Role.APP if depth == 0 else Role.CHILD,
        "os_name": "python",
        "cmdline": ("python",),
        "status": "sleeping",
        "cpu": 0.0,
        "rss": 10_000_000,
        "created": CREATED,
        "first_seen": 0.0,
        "new": False,
        "exited": None,
    }
    values.update(fields)
    return ProcessInfo(**values)  # type: ignore[arg-type]


def _snapshot(t: float, *infos: ProcessInfo, threads: bool = False) -> TreeSnapshot:
    return TreeSnapshot(t, infos, threads, 0.0)


def test_the_model_merges_snapshots_without_resetting(qtbot: QtBot) -> None:
    model = ProcessTableModel()
    root = _info(1, 0, 0)
    a, b = _info(10, 1, 1), _info(11, 1, 1)
    model.apply(_snapshot(100.0, root, a, b))
    assert [r.pid for r in model.rows()] == [1, 10, 11]
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    removed: list[tuple[int, int]] = []
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    # One new child, highlighted; one gone; the rest unchanged.
    c = _info(12, 1, 1, new=True, first_seen=100.5)
    model.apply(_snapshot(101.0, root, b, c))
    assert [r.pid for r in model.rows()] == [1, 11, 12]
    assert removed == [(1, 1)] and inserted == [(2, 2)] and not resets
    running = get_theme().color("state_colors.running")
    assert model.data(model.index(2, 0), Qt.ItemDataRole.BackgroundRole) == running
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None
    # The highlight fades after NEW_HIGHLIGHT_S; an exited row is greyed and italic.
    late = 100.5 + NEW_HIGHLIGHT_S + 0.1
    gone = _info(11, 1, 1, status=STATUS_EXITED, exited=late)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda tl, br: changed.append((tl.row(), br.row())))
    model.apply(_snapshot(late, root, gone, c))
    assert model.data(model.index(2, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) == get_theme().color(
        "muted_text"
    )
    assert model.data(model.index(1, 0), Qt.ItemDataRole.FontRole).italic()
    assert model.data(model.index(1, COL_STATE)) == "exited"
    assert changed == [(1, 2)]  # only the rows that changed, in one range
    changed.clear()
    model.apply(_snapshot(late + 0.01, root, gone, c))
    assert changed == []  # nothing shown changed: nothing repainted


def test_thread_rows_sit_under_their_process(qtbot: QtBot) -> None:
    model = ProcessTableModel()
    threads = (ThreadInfo(1, "MainThread", "python", 1.0), ThreadInfo(5, "worker", "python", 0.0))
    model.apply(_snapshot(1.0, _info(1, 0, 0, threads=threads), _info(9, 1, 1), threads=True))
    kinds = [model.data(model.index(i, 0), KindRole) for i in range(len(model.rows()))]
    assert kinds == ["process", "thread", "thread", "process"]
    assert model.data(model.index(2, COL_NAME)) == "worker"
    assert model.data(model.index(2, 1)) == "1"  # the process it belongs to


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=lambda p: p.name)
def test_the_inspectors_colours_read_at_7_to_1(palette: Palette) -> None:
    from tests.gui.test_theme import _contrast

    assert _contrast(palette.muted_text, palette.surface) >= 7.0  # an exited row
    assert _contrast(palette.text, palette.state_colors["running"]) >= 7.0  # a new row
    # The CPU graph's children's line, and its legend swatch.
    assert _contrast(palette.children_cpu, palette.background) >= 7.0
    assert palette.children_cpu not in (palette.children, palette.cpu_total, *palette.cpu_cores)


def test_a_snapshot_waits_for_a_frame_of_its_own(qtbot: QtBot) -> None:
    """A snapshot that comes while another change has this frame (results,
    the graphs' clock) is shown in the next, the newest one only."""
    from gui.frame_gate import frame_gate

    inspector = ProcessInspector()
    qtbot.addWidget(inspector)
    try:
        first, newest = (
            _snapshot(1.0, _info(1, 0, 0)),
            _snapshot(2.0, _info(1, 0, 0), _info(9, 1, 1)),
        )
        applied: list[TreeSnapshot] = []
        real_apply = inspector.model.apply
        inspector.model.apply = lambda s: (applied.append(s), real_apply(s))  # type: ignore[method-assign]
        gate = frame_gate()
        qtbot.waitUntil(lambda: not gate.taken, timeout=2000)
        assert gate.take()  # another change has this frame
        inspector.sampler.sampled.emit(first)
        inspector.sampler.sampled.emit(newest)
        assert applied == [] and inspector.model.rows() == []
        qtbot.waitUntil(lambda: applied == [newest], timeout=2000)
        assert [r.pid for r in inspector.model.rows()] == [1, 9]
    finally:
        inspector.stop()
