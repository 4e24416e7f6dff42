"""The task-stream timeline in the window: lanes and bars from real runs of
both experiments and both executors, the queue, selection both ways, the
run badges, Follow live and Pause, and what lanes()/bars() say."""

from __future__ import annotations

import itertools
import time

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QPushButton,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from gui import MainWindow, words
from gui.timeline.timeline_plot import TimelinePlot
from workers.demo_site import DemoSite
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
)
from workers.failures import Failure, FailureKind
from workers.terms import Experiment, WorkerKind, WorkerRef, process_worker

RUN_TIMEOUT_MS = 90_000  # generous: a loaded machine starts processes slowly


def _timeline(window: MainWindow) -> TimelinePlot:
    assert window.timeline is not None
    return window.timeline


def _click(window: MainWindow, name: str) -> None:
    button = window.findChild(QPushButton, name)
    assert button is not None, name
    button.click()


def _bars_match_the_record(window: MainWindow) -> None:
    """Every job with a start and a worker has exactly its bar, on its lane."""
    timeline = _timeline(window)
    lanes = timeline.lanes()
    record = window.store.record
    seen = []
    for (lane, start, end, state), (run_id, job_id) in zip(
        timeline.bars(), timeline.bar_jobs(), strict=True
    ):
        job = record.job(run_id, job_id)
        assert job is not None
        assert (start, end, state) == (job.started_mono, job.finished_mono, job.state.value)
        run = record.run(run_id)
        assert run is not None
        if run.experiment is Experiment.NAMED:
            assert lanes[lane] == job.label
        else:
            assert job.worker is not None
            assert lanes[lane] == words.worker_lane_label(job.worker)
        seen.append((run_id, job_id))
    expected = [
        (job.run_id, job.job_id)
        for run_id in timeline.run_ids()
        for job in record.run(run_id).jobs  # type: ignore[union-attr]
        if job.started_mono is not None and job.worker is not None
    ]
    assert seen == expected


# -- real runs ------------------------------------------------------------------


@pytest.mark.parametrize("run_as", ["processes", "threads"])
def test_a_named_run_has_a_lane_and_a_bar_per_process(
    qtbot: QtBot, window: MainWindow, run_as: str
) -> None:
    timeline = _timeline(window)
    assert timeline.lanes() == [] and timeline.bars() == []
    combo = window.findChild(QComboBox, "runAsCombo")
    combo.setCurrentIndex(combo.findData(run_as))
    window.findChild(QSpinBox, "processCountSpin").setValue(5)
    window.findChild(QDoubleSpinBox, "sleepMaxSpin").setValue(0.3)
    window.findChild(QDoubleSpinBox, "sleepMinSpin").setValue(0.1)
    with qtbot.waitSignal(window.named_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        _click(window, "startProcessesButton")
    assert timeline.lanes() == ["1", "2", "3", "4", "5"]
    bars = timeline.bars()
    assert [lane for lane, *_ in bars] == [0, 1, 2, 3, 4]
    assert {state for *_, state in bars} == {"done"}
    assert all(end is not None and end >= start for _l, start, end, _s in bars)
    _bars_match_the_record(window)
    assert timeline.queue() == []
    assert timeline.plot_item().getAxis("left").labelText == run_as  # what a lane is


@pytest.mark.parametrize("executor", ["process", "thread"])
def test_a_pool_run_has_a_lane_per_worker_and_a_queue(
    qtbot: QtBot, window: MainWindow, demo_site: DemoSite, executor: str
) -> None:
    timeline = _timeline(window)
    window.pool_panel.url_editor.set_urls([demo_site.url("/slow?delay=1")] * 12)
    combo = window.findChild(QComboBox, "executorCombo")
    combo.setCurrentIndex(combo.findData(executor))
    window.findChild(QSpinBox, "maxWorkersSpin").setValue(5)
    with qtbot.waitSignal(window.pool_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        _click(window, "startPoolButton")

        # While it runs: five lanes, five growing bars, seven jobs queued beside them.
        def five_running_seven_waiting() -> None:
            assert len(timeline.lanes()) == 5
            assert [s for *_, s in timeline.bars()].count("running") == 5
            assert timeline.queue() == [(1, 7)]

        qtbot.waitUntil(five_running_seven_waiting, timeout=RUN_TIMEOUT_MS)
        running = [b for b in timeline.bars() if b[3] == "running"]
        assert all(end is None for _l, _s, end, _st in running)
        _bars_match_the_record(window)

    lanes = timeline.lanes()
    assert len(lanes) == 5 and len(set(lanes)) == 5
    prefix = "thread " if executor == "thread" else "PID "
    assert all(label.startswith(prefix) for label in lanes), lanes
    bars = timeline.bars()
    assert len(bars) == 12 and {s for *_, s in bars} == {"done"}
    # The workers took turns: each lane holds bars one after the other.
    for lane in range(5):
        spans = sorted((s, e) for ln, s, e, _st in bars if ln == lane)
        assert all(a[1] <= b[0] + 1e-3 for a, b in itertools.pairwise(spans))
    _bars_match_the_record(window)
    assert timeline.queue() == []


def test_selection_links_bars_and_rows_both_ways(qtbot: QtBot, window: MainWindow) -> None:
    timeline = _timeline(window)
    window.findChild(QSpinBox, "processCountSpin").setValue(3)
    window.findChild(QDoubleSpinBox, "sleepMaxSpin").setValue(0.5)
    window.findChild(QDoubleSpinBox, "sleepMinSpin").setValue(0.5)
    with qtbot.waitSignal(window.named_bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        _click(window, "startProcessesButton")
    window.graphs.controls.pause_button.click()  # hold still while we click
    model, view = window.results_model, window.results_view

    # A click on the bar of process "2" selects its row.
    run_id = window.store.record.runs()[0].run_id
    point = timeline.bar_point(run_id, 1)
    assert point is not None
    graph = timeline.plot_item().getViewBox().getViewWidget()
    qtbot.mouseClick(graph.viewport(), Qt.MouseButton.LeftButton, pos=point.toPoint())
    row = model.row_for_job(run_id, 1)
    qtbot.waitUntil(lambda: [i.row() for i in view.selectionModel().selectedRows()] == [row])
    assert timeline.highlighted() == [(run_id, 1)]

    # Selecting rows in the table outlines their bars.
    view.selectRow(model.row_for_job(run_id, 2))
    assert timeline.highlighted() == [(run_id, 2)]
    view.clearSelection()
    assert timeline.highlighted() == []
    # The tooltip tells the job.
    tip = timeline.tooltip_for(run_id, 2)
    job = window.store.record.job(run_id, 2)
    assert "process '3'" in tip and f"PID: {job.pid}" in tip
    assert "Input: 3" in tip and "Result: 9" in tip and "Duration: " in tip


# -- synthetic runs (exact times) -----------------------------------------------


def _named_run(run_id: int, total: int, t0: float, states: list[str] | None = None) -> list[Event]:
    """A named run at ``t0``; ``states`` says how each job ends ("done",
    "failed", "killed", "stopped", "cancelled", "running")."""
    states = states or ["done"] * total
    events: list[Event] = [
        RunStarted(
            run_id,
            experiment=Experiment.NAMED,
            total=total,
            parent_pid=1,
            executor="process",
            start_method="spawn",
            t_mono=t0,
        )
    ]
    for j, state in enumerate(states):
        label, worker = str(j + 1), process_worker(7000 + j, str(j + 1))
        common = {"job_id": j, "label": label}
        if state == "cancelled":
            events.append(
                JobCancelled(run_id, **common, failure=Failure(FailureKind.NEVER_STARTED))
            )
            continue
        events.append(JobSubmitted(run_id, **common, worker=worker, t_mono=t0))
        start, end = t0 + 0.1 * j, t0 + 0.1 * j + 0.5
        events.append(JobStarted(run_id, **common, worker=worker, t_mono=start))
        ended = {"worker": worker, "started_mono": start, "finished_mono": end}
        if state == "done":
            events.append(JobDone(run_id, **common, **ended, n=j + 1, result=(j + 1) ** 2))
        elif state == "failed":
            failure = Failure(FailureKind.CRASHED, exc_type="ValueError", message="bad")
            events.append(JobFailed(run_id, **common, **ended, failure=failure))
        elif state == "killed":
            failure = Failure(FailureKind.KILLED, signal="SIGKILL")
            events.append(JobKilled(run_id, **common, **ended, failure=failure))
        elif state == "stopped":
            failure = Failure(FailureKind.STOPPED, signal="SIGTERM")
            events.append(JobStopped(run_id, **common, **ended, failure=failure))
    if "running" not in states:
        done = states.count("done")
        events.append(
            RunFinished(
                run_id,
                total=total,
                done=done,
                failed=states.count("failed"),
                killed=states.count("killed"),
                stopped=states.count("stopped"),
                cancelled=states.count("cancelled"),
                elapsed=1.0,
                t_mono=t0 + 1.0,
            )
        )
    return events


def test_every_state_has_its_bar_and_cancelled_jobs_none(window: MainWindow) -> None:
    timeline = _timeline(window)
    states = ["done", "failed", "killed", "stopped", "cancelled", "running"]
    window.store.apply_events(_named_run(1, len(states), time.monotonic() - 2, states))
    bars = timeline.bars()
    assert [state for *_, state in bars] == ["done", "failed", "killed", "stopped", "running"]
    assert [lane for lane, *_ in bars] == [0, 1, 2, 3, 5]  # lane 4 never started: no bar
    assert timeline.lanes()[4] == "5"  # its lane is there, empty
    assert bars[-1][2] is None  # still running: it grows
    _bars_match_the_record(window)
    run_id = window.store.record.runs()[0].run_id
    assert "Reason: raised ValueError: bad" in timeline.tooltip_for(run_id, 1)
    assert "Running for " in timeline.tooltip_for(run_id, 5)


class _FrameLog(QObject):
    """The order of the graphs' clock ticks and of the timeline's and the
    table's paints."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.entries: list[str] = []
        self._names = {}
        timeline = _timeline(window)
        for name, widget in (
            ("timeline", timeline.plot_item().getViewBox().getViewWidget().viewport()),
            ("table", window.results_view.viewport()),
        ):
            self._names[widget] = name
            widget.installEventFilter(self)
        assert window.cpu_plot is not None
        window.cpu_plot.live.ticked.connect(lambda _now: self.entries.append("tick"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.entries.append(self._names[watched])
        return False


def test_a_batch_of_results_paints_the_table_now_and_the_timeline_on_the_tick(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Results repaint the table at once; the timeline takes them on the
    graphs' next clock tick, in the frame that moves its view anyway, so
    the two never add up in one frame."""
    timeline, cpu = _timeline(window), window.cpu_plot
    assert cpu is not None and cpu.live.ticking  # both graphs shown
    events = _named_run(1, 4, time.monotonic() - 1, ["running"] * 4)
    window.store.apply_events(events)  # a run starts: laid out at once
    assert [state for *_, state in timeline.bars()] == ["running"] * 4
    log = _FrameLog(window)
    cpu.live.set_busy(False)  # a tick every 500 ms: room to see what comes first
    qtbot.waitUntil(lambda: "tick" in log.entries, timeout=5000)
    qtbot.waitUntil(lambda: log.entries[-1] == "timeline", timeout=5000)  # that tick's frame
    log.entries.clear()
    worker = process_worker(7000, "1")
    ended = {"worker": worker, "started_mono": events[2].t_mono, "finished_mono": time.monotonic()}
    window.store.apply_events([JobDone(1, job_id=0, label="1", **ended, n=1, result=1)])
    qtbot.waitUntil(lambda: "tick" in log.entries and "timeline" in log.entries, timeout=5000)
    first_tick = log.entries.index("tick")
    assert "table" in log.entries[:first_tick], log.entries  # the row did not wait
    assert "timeline" not in log.entries[:first_tick], log.entries
    assert timeline.bars()[0][3] == "done"


def test_a_thread_pool_s_lanes_are_named_after_its_threads(window: MainWindow) -> None:
    now = time.monotonic() - 1
    threads = [
        WorkerRef(WorkerKind.THREAD, pid=1, thread=f"ThreadPoolExecutor-0_{i}") for i in (0, 1)
    ]
    events: list[Event] = [
        RunStarted(
            9,
            experiment=Experiment.POOL,
            total=3,
            parent_pid=1,
            executor="thread",
            workers=2,
            t_mono=now,
        )
    ]
    for j, worker in enumerate([threads[0], threads[1], threads[0]]):
        events.append(JobSubmitted(9, job_id=j, label=f"http://127.0.0.1:9/{j}", t_mono=now))
        events.append(
            JobStarted(9, job_id=j, label=f"http://127.0.0.1:9/{j}", worker=worker, t_mono=now + j)
        )
    window.store.apply_events(events)
    timeline = _timeline(window)
    assert timeline.lanes() == ["thread 0", "thread 1"]
    assert [lane for lane, *_ in timeline.bars()] == [0, 1, 0]


def test_badges_never_overlap_on_either_graph(qtbot: QtBot, window: MainWindow) -> None:
    now = time.monotonic()
    for k in range(1, 41):  # forty runs in the last half minute: more than the badges fit
        window.store.apply_events(_named_run(k, 2, now - 31 + 3 * k / 4))
    cpu, timeline = window.cpu_plot, _timeline(window)
    assert cpu is not None
    cpu.redraw()
    for graph in (cpu, timeline):
        badges = graph.badges()
        assert len(badges) >= 5
        rects = [r for _n, r in badges]
        assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])
        area = graph.plot_item().getViewBox().sceneBoundingRect()
        assert all(r.bottom() <= area.top() for r in rects)  # above the plot, not under a curve
        assert all(area.left() <= r.left() and r.right() <= area.right() for r in rects)
    # One key for both, what each number means, the newest runs in view.
    entries = window.graphs.key.entries()
    assert entries[-1] == "40 · 2 processes · spawn · 1.0 s"


def test_pause_freezes_the_view_and_follow_live_returns(qtbot: QtBot, window: MainWindow) -> None:
    timeline, cpu = _timeline(window), window.cpu_plot
    assert cpu is not None
    live = cpu.live
    now = time.monotonic()
    window.store.apply_events(_named_run(1, 3, now - 100))  # an old run, out of the last minute
    cpu.redraw()
    assert timeline.run_ids() == () and live.following

    window.graphs.controls.pause_button.click()
    assert not live.following and window.graphs.controls.pause_button.isChecked()
    frozen = live.x_range()
    qtbot.wait(300)  # the clock ticks on; the view does not move
    assert live.x_range() == frozen
    # A run goes on while paused: the record has it, the frozen view shows what is in it.
    window.store.apply_events(_named_run(2, 2, time.monotonic()))
    # Panned back over the session, the old run is there.
    live.show_x_range(live.x_of(now - 105), live.x_of(now - 95))
    cpu.redraw()
    assert timeline.run_ids() == (window.store.record.runs()[0].run_id,)
    assert timeline.lanes() == ["1", "2", "3"]
    cpu_range = cpu.plot_item().getViewBox().viewRange()[0]
    tl_range = timeline.plot_item().getViewBox().viewRange()[0]
    assert cpu_range == pytest.approx(tl_range)  # one time axis

    window.graphs.controls.follow_button.click()
    assert live.following
    low, high = live.x_range()
    assert high == pytest.approx(live.x_of(time.monotonic()), abs=1.0)
    assert high - low == pytest.approx(60.0)
    assert len(timeline.run_ids()) == 1 and timeline.lanes() == ["1", "2"]

    combo = window.graphs.controls.history_combo
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    low, high = live.x_range()
    assert high - low == pytest.approx(300.0) and live.history == 300.0


def test_zooming_one_graph_moves_the_other_and_pauses(qtbot: QtBot, window: MainWindow) -> None:
    timeline, cpu = _timeline(window), window.cpu_plot
    assert cpu is not None
    graph = timeline.plot_item().getViewBox().getViewWidget()
    centre = graph.viewport().rect().center()
    before = cpu.live.x_range()
    wheel = QWheelEvent(
        QPointF(centre),
        QPointF(graph.viewport().mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(graph.viewport(), wheel)
    after = cpu.live.x_range()
    assert after[1] - after[0] < before[1] - before[0]  # zoomed in, on both
    assert cpu.plot_item().getViewBox().viewRange()[0] == pytest.approx(list(after))
    assert not cpu.live.following and window.graphs.controls.pause_button.isChecked()


def test_a_thousand_lanes_fit_scroll_and_zoom(window: MainWindow) -> None:
    timeline = _timeline(window)
    scene = timeline.plot_item().scene()
    items = len(scene.items())
    window.store.apply_events(_named_run(1, 1000, time.monotonic() - 5))
    assert len(timeline.lanes()) == 1000 and len(timeline.bars()) == 1000
    assert len(scene.items()) == items  # a thousand bars, not one item more
    assert timeline.lane_range() == pytest.approx((0.0, 1000.0))  # all of them, squeezed
    timeline.zoom_lanes(0.1, 0.0)  # Ctrl+wheel over the labels
    top, bottom = timeline.lane_range()
    assert top == pytest.approx(0.0) and bottom == pytest.approx(100.0)
    timeline.scroll_lanes(50)  # the wheel over the labels
    assert timeline.lane_range() == pytest.approx((50.0, 150.0))
    timeline.scroll_lanes(5000)  # never past the last lane
    assert timeline.lane_range() == pytest.approx((900.0, 1000.0))
    timeline.fit_lanes()  # a double click
    assert timeline.lane_range() == pytest.approx((0.0, 1000.0))
    # Labels never crowd: at most one per line of text.
    axis = timeline.plot_item().getAxis("left")
    height = timeline.plot_item().getViewBox().height()
    ((step, values),) = axis.tickValues(0.0, 1000.0, height)
    assert step > 1 and len(values) <= height / 8


def test_a_long_session_lays_out_its_newest_runs_only(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gui.timeline.timeline_plot.MAX_JOBS_LAID_OUT", 5)
    now = time.monotonic()
    for k in (1, 2, 3):
        window.store.apply_events(_named_run(k, 3, now - 20 + k))
    timeline = _timeline(window)
    newest = window.store.record.runs()[-1].run_id
    assert timeline.run_ids() == (newest,) and timeline.lanes() == ["1", "2", "3"]
    hint = timeline.findChild(QLabel, "timelineHint")
    assert hint is not None and hint.isVisible() and "2 earlier runs" in hint.text()


def test_a_click_on_a_badge_or_its_key_looks_at_that_run(qtbot: QtBot, window: MainWindow) -> None:
    now = time.monotonic()
    window.store.apply_events(_named_run(1, 3, now - 30))  # 1 s long, 30 s ago
    window.store.apply_events(_named_run(2, 3, now - 10))
    timeline, live = _timeline(window), window.cpu_plot.live
    window.cpu_plot.redraw()
    badges = dict(timeline.badges())
    graph = timeline.plot_item().getViewBox().getViewWidget()
    centre = graph.mapFromScene(badges[1].center())
    qtbot.mouseClick(graph.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    low, high = live.x_range()
    assert not live.following
    assert low < live.x_of(now - 30) and live.x_of(now - 29) < high and high - low < 3
    assert timeline.lanes() == ["1", "2", "3"]  # run 1's lanes only

    window.graphs.key.linkActivated.emit("run:2")
    low, high = live.x_range()
    assert low < live.x_of(now - 10) and live.x_of(now - 9) < high and high - low < 3
    assert timeline.run_ids() == (window.store.record.runs()[1].run_id,)


def _view_edges(window: MainWindow, graph: object) -> tuple[float, float]:
    """The plot area's left and right edges, in the window's coordinates."""
    item = graph.plot_item()  # type: ignore[attr-defined]
    widget = item.getViewBox().getViewWidget()
    rect = widget.mapFromScene(item.getViewBox().sceneBoundingRect()).boundingRect()
    left = widget.mapTo(window, rect.topLeft()).x()
    return left, left + rect.width()


def test_both_time_axes_line_up_and_follow_the_zoom(qtbot: QtBot, window: MainWindow) -> None:
    from gui.style.theme import get_theme

    theme = get_theme()
    timeline, cpu = _timeline(window), window.cpu_plot
    assert cpu is not None
    try:
        for zoom in (1.0, 1.5):
            theme.set_zoom(zoom)
            qtbot.waitUntil(
                lambda: (
                    _view_edges(window, cpu) == pytest.approx(_view_edges(window, timeline), abs=1)
                )
            )
            axis = timeline.plot_item().getAxis("bottom")
            assert axis.style["tickFont"].pointSizeF() == pytest.approx(theme.font_pt(0.9))
            legend = window.graphs.controls.legend
            assert legend.labels[0].font().pointSizeF() == pytest.approx(theme.font_pt(0.9))
        assert "running" in legend.text() and "failed" in legend.text()
        # The time axis picks fewer ticks as the view narrows in pixels: labels never crowd.
        ticks = axis.tickValues(0.0, 60.0, 300.0)[0][1]
        assert len(ticks) <= 300 / axis._label_width
    finally:
        theme.reset_zoom()
