"""CpuPlot: ring buffers, markers, zoom, and a real sampler feeding it.

Most tests drive the plot with synthetic samples and a fake clock, so time
is exact; one test feeds it from a real CpuSampler. Each plot gets its own
Theme, so zooming here never reaches other tests.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import numpy as np
import psutil
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from gui.plots.cpu_plot import WINDOW_S, CpuPlot
from gui.plots.cpu_sampler import CpuSampler
from gui.plots.run_markers import MAX_MARKERS
from gui.style.palette import DARK
from gui.style.theme import Theme
from workers.cpu_sampling import CpuSample

# The offscreen platform warns about every window with a layout, which says
# nothing about this widget; every other Qt warning still fails the test.

CORES = 4
T0 = 10_000.0  # fake monotonic time at which each test starts


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def theme(qapp: QApplication) -> Theme:
    return Theme()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def plot(qtbot: QtBot, theme: Theme, clock: FakeClock) -> CpuPlot:
    widget = CpuPlot(theme=theme, cores=CORES, clock=clock)
    qtbot.addWidget(widget)
    widget.resize(1024, 400)
    return widget


def _sample(t: float, i: int) -> CpuSample:
    """A synthetic sample whose values encode ``i``, so order can be checked."""
    per_core = tuple(float((i + k) % 100) for k in range(CORES))
    return CpuSample(t_mono=t, total=float(i % 101), per_core=per_core, children=i % 7)


def test_real_sampler_feeds_the_plot(qtbot: QtBot, theme: Theme) -> None:
    plot = CpuPlot(theme=theme)  # real clock, real core count
    qtbot.addWidget(plot)
    sampler = CpuSampler()
    plot.attach(sampler)
    try:
        plot.show()
        qtbot.waitExposed(plot)
        assert plot.sample_count() == 0
        assert plot.latest_sample() is None
        sampler.start()
        qtbot.waitUntil(lambda: plot.sample_count() >= 3, timeout=5000)
        latest = plot.latest_sample()
        assert latest is not None
        assert 0.0 <= latest.total <= 100.0
        # The redraw timer, not add_sample, puts the samples on screen.
        qtbot.waitUntil(lambda: len(plot.displayed_total()[0]) >= 3, timeout=5000)
        x, y = plot.displayed_total()
        assert np.all(x <= 0.0) and np.all(x >= -WINDOW_S - 1)
        assert np.all((y >= 0) & (y <= 100))
    finally:
        sampler.stop()


def _graph(plot: CpuPlot) -> pg.PlotWidget:
    graph = plot.findChild(pg.PlotWidget, "cpuPlotGraph")
    assert graph is not None
    return graph


def _all_marker_lines(plot: CpuPlot) -> list[pg.InfiniteLine]:
    """Every marker line in the plot, shown or hidden for reuse."""
    return [i for i in _graph(plot).getPlotItem().items if isinstance(i, pg.InfiniteLine)]


def _marker_lines(plot: CpuPlot) -> list[pg.InfiniteLine]:
    """The marker lines on screen."""
    return [line for line in _all_marker_lines(plot) if line.isVisible()]


def test_markers_scroll_and_are_dropped_when_old(plot: CpuPlot, clock: FakeClock) -> None:
    plot.add_marker(T0 - 10, "Run 1 started", "start")
    plot.add_marker(T0 - 2, "Run 1 finished {braces kept}", "finish")
    assert plot.markers() == [
        (T0 - 10, "Run 1 started", "start"),
        (T0 - 2, "Run 1 finished {braces kept}", "finish"),
    ]
    assert sorted(line.value() for line in _marker_lines(plot)) == [-10.0, -2.0]
    labels = {line.label.toPlainText() for line in _marker_lines(plot)}
    assert labels == {"Run 1 started", "Run 1 finished {braces kept}"}

    clock.now = T0 - 10 + WINDOW_S - 5  # the start is 55 s old: still on screen
    plot.redraw()
    assert len(plot.markers()) == 2
    assert sorted(line.value() for line in _marker_lines(plot)) == [-55.0, -47.0]

    clock.now = T0 - 10 + WINDOW_S + 0.5  # now the start is past the window
    plot.redraw()
    assert plot.markers() == [(T0 - 2, "Run 1 finished {braces kept}", "finish")]
    assert len(_marker_lines(plot)) == 1

    clock.now = T0 + 2 * WINDOW_S
    plot.redraw()
    assert plot.markers() == []
    assert _marker_lines(plot) == []


def test_marker_kind_is_checked(plot: CpuPlot) -> None:
    with pytest.raises(ValueError, match="start"):
        plot.add_marker(T0, "oops", "middle")
    assert plot.markers() == []


def test_zoom_reaches_pens_axes_and_legend(plot: CpuPlot, theme: Theme, qtbot: QtBot) -> None:
    graph = plot.findChild(pg.PlotWidget, "cpuPlotGraph")
    legend = plot.findChild(QLabel, "cpuPlotLegend")
    assert graph is not None and legend is not None
    left = graph.getPlotItem().getAxis("left")

    pen = plot.total_pen_width()
    tick_pt = left.style["tickFont"].pointSizeF()
    legend_pt = legend.font().pointSizeF()
    with qtbot.waitSignal(theme.changed, timeout=1000):
        theme.set_zoom(2.0)
    assert plot.total_pen_width() == pytest.approx(2 * pen)
    assert left.style["tickFont"].pointSizeF() == pytest.approx(2 * tick_pt, rel=0.02)
    assert legend.font().pointSizeF() == pytest.approx(2 * legend_pt, rel=0.02)
    assert f"{theme.font_pt():.1f}pt" in left.labelString()  # the axis label too


def test_palette_switch_recolours(plot: CpuPlot, theme: Theme) -> None:
    graph = plot.findChild(pg.PlotWidget, "cpuPlotGraph")
    assert graph is not None
    theme.set_palette(DARK)
    assert graph.backgroundBrush().color().name().lower() == DARK.background.lower()
    legend = plot.findChild(QLabel, "cpuPlotLegend")
    assert legend is not None and DARK.cpu_cores[0].lower() in legend.text().lower()


def test_ring_buffer_wraps(plot: CpuPlot, clock: FakeClock) -> None:
    cap = plot.capacity
    assert cap >= WINDOW_S * 5  # a full window at the sampler's highest rate
    step = 0.25
    fed = [_sample(T0 + i * step, i) for i in range(cap + 37)]
    for s in fed:
        plot.add_sample(s)

    assert plot.sample_count() == cap + 37
    assert plot.latest_sample() == fed[-1]
    assert plot.history() == fed[-cap:]  # oldest first, the overwritten ones gone

    clock.now = fed[-1].t_mono
    plot.redraw()
    x, y = plot.displayed_total()
    # The last minute, plus one sample before it so the line reaches the edge.
    in_window = [s for s in fed if s.t_mono >= clock.now - WINDOW_S]
    shown = fed[-(len(in_window) + 1) :]
    np.testing.assert_allclose(x, [s.t_mono - clock.now for s in shown])
    np.testing.assert_allclose(y, [s.total for s in shown])
    assert x[-1] == 0.0

    # Wrap once more, by a different amount, and look again.
    more = [_sample(fed[-1].t_mono + (i + 1) * step, 1000 + i) for i in range(cap // 2 + 3)]
    for s in more:
        plot.add_sample(s)
    assert plot.history() == (fed + more)[-cap:]


def test_redraw_with_no_samples(plot: CpuPlot, qtbot: QtBot) -> None:
    plot.redraw()
    x, y = plot.displayed_total()
    assert len(x) == len(y) == 0
    plot.show()
    qtbot.waitExposed(plot)
    plot.redraw()
    assert plot.history() == []


def test_single_sample_and_odd_core_counts(plot: CpuPlot, clock: FakeClock) -> None:
    # Fewer cores than curves (a core went offline) and more: neither breaks it.
    plot.add_sample(CpuSample(T0 - 1, 10.0, (5.0,), 0))
    plot.add_sample(CpuSample(T0 - 0.5, 20.0, tuple(float(k) for k in range(CORES + 3)), 2))
    plot.redraw()
    history = plot.history()
    assert history[0].per_core == (5.0,) + (0.0,) * (CORES - 1)
    assert history[1].per_core == tuple(float(k) for k in range(CORES))
    x, y = plot.displayed_total()
    np.testing.assert_allclose(x, [-1.0, -0.5])
    np.testing.assert_allclose(y, [10.0, 20.0])


def test_old_samples_scroll_out(plot: CpuPlot, clock: FakeClock) -> None:
    for i in range(10):
        plot.add_sample(_sample(T0 + i, i))
    clock.now = T0 + 9 + WINDOW_S + 100  # everything is long gone
    plot.redraw()
    x, _ = plot.displayed_total()
    # Only the one sample kept to run the line to the left edge is left.
    assert len(x) <= 1 and np.all(x < -WINDOW_S)


@pytest.fixture
def shown_plot(plot: CpuPlot, qtbot: QtBot) -> Iterator[CpuPlot]:
    plot.show()
    qtbot.waitExposed(plot)
    yield plot
    plot.hide()


def test_redraw_timer_runs_only_while_shown(
    shown_plot: CpuPlot, clock: FakeClock, qtbot: QtBot
) -> None:
    timer = shown_plot.findChild(QTimer, "cpuPlotRedrawTimer")
    assert timer is not None and timer.isActive()
    shown_plot.add_sample(_sample(T0, 1))
    clock.now = T0 + 1
    # The timer redraws on its own: the point moves to 1 s ago.
    qtbot.waitUntil(lambda: list(shown_plot.displayed_total()[0]) == [-1.0], timeout=2000)
    shown_plot.hide()  # nobody watching: no redraws, no cost
    assert not timer.isActive()
    clock.now = T0 + 2
    with qtbot.assertNotEmitted(timer.timeout, wait=300):
        pass
    assert list(shown_plot.displayed_total()[0]) == [-1.0]


def test_reused_lines_take_the_new_marker_s_text_and_colour(
    plot: CpuPlot, clock: FakeClock, theme: Theme
) -> None:
    plot.add_marker(T0, "Run 1 started", "start")
    clock.now = T0 + WINDOW_S + 1
    plot.redraw()
    assert _marker_lines(plot) == []
    plot.add_marker(clock.now, "Run 2 finished", "finish")
    (line,) = _marker_lines(plot)
    assert len(_all_marker_lines(plot)) == 1  # the same line, reused
    assert line.label.toPlainText() == "Run 2 finished"
    assert line.pen.color().name().lower() == theme.palette.marker_finish.lower()
    assert line.value() == 0.0


def test_at_most_max_markers_the_oldest_go_first(plot: CpuPlot, clock: FakeClock) -> None:
    for i in range(MAX_MARKERS + 25):
        plot.add_marker(T0 + i * 0.1, f"Run {i}", "start" if i % 2 == 0 else "finish")
    clock.now = T0 + 10
    plot.redraw()
    kept = plot.markers()
    assert [text for _t, text, _k in kept] == [f"Run {i}" for i in range(25, MAX_MARKERS + 25)]
    assert len(_marker_lines(plot)) == len(_all_marker_lines(plot)) == MAX_MARKERS
    labels = sorted(line.label.toPlainText() for line in _marker_lines(plot))
    assert labels == sorted(text for _t, text, _k in kept)


def test_clear_markers_during_live_redraws(
    shown_plot: CpuPlot, clock: FakeClock, qtbot: QtBot
) -> None:
    # clear_markers() used to remove the lines from the scene and crashed in
    # pyqtgraph's prepareForPaint; now lines are hidden and reused.
    viewport = _graph(shown_plot).viewport()
    for i in range(300):
        clock.now += 0.5
        shown_plot.add_sample(_sample(clock.now, i))
        shown_plot.add_marker(clock.now - 0.4, f"Run {i} started", "start")
        shown_plot.add_marker(clock.now, f"Run {i} finished", "finish")
        shown_plot.redraw()
        viewport.repaint()  # paint now: the scene's prepareForPaint runs
        shown_plot.clear_markers()
        if i % 3 == 0:
            viewport.repaint()  # and with the lines just hidden
        if i % 10 == 0:
            gc.collect()  # whatever the collector frees, it frees mid-session
        QApplication.processEvents()  # the redraw timer's frames, too
    assert shown_plot.markers() == [] and _marker_lines(shown_plot) == []
    assert len(_all_marker_lines(shown_plot)) <= 2  # two per round, always reused
    shown_plot.add_marker(clock.now, "Run 301 started", "start")
    qtbot.waitUntil(lambda: len(_marker_lines(shown_plot)) == 1, timeout=1000)
    assert _marker_lines(shown_plot)[0].label.toPlainText() == "Run 301 started"


def _live_infinite_lines() -> int:
    gc.collect()
    return sum(isinstance(o, pg.InfiniteLine) for o in gc.get_objects())


def test_500_runs_keep_the_markers_bounded(shown_plot: CpuPlot, clock: FakeClock) -> None:
    """A long class: 500 fast runs, a start and a finish marker each."""
    viewport = _graph(shown_plot).viewport()

    def runs(count: int, first: int) -> None:
        for i in range(first, first + count):
            clock.now += 1.0  # a run a second: 120 markers a minute, over the cap
            shown_plot.add_sample(_sample(clock.now, i))
            shown_plot.add_marker(clock.now - 0.8, f"Run {i} started", "start")
            shown_plot.add_marker(clock.now, f"Run {i} finished", "finish")
            shown_plot.redraw()
            viewport.repaint()

    runs(30, 0)  # fills the pool, and warms every cache a paint uses
    lines_before = _live_infinite_lines()
    rss_before = psutil.Process().memory_info().rss
    runs(500, 30)
    grown_mb = (psutil.Process().memory_info().rss - rss_before) / 2**20
    assert len(_all_marker_lines(shown_plot)) == MAX_MARKERS
    assert _live_infinite_lines() <= lines_before  # none made, none leaked
    assert len(shown_plot.markers()) == MAX_MARKERS
    assert grown_mb < 30, f"RSS grew {grown_mb:.1f} MB over 500 runs"
