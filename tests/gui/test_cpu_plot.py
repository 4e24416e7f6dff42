"""CpuPlot: the sample store, run spans and badges, following and pausing,
zoom, and a real sampler feeding it.

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
from gui.plots.run_marks import MAX_MARKS, RunMark
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


def _mark(number: int, start: float, end: float | None, text: str = "") -> RunMark:
    return RunMark(number, number, start, end, text or f"{number} · 5 processes · spawn")


def _no_overlaps(badges: list) -> bool:
    rects = [r for _n, r in badges]
    return not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])


def test_runs_are_spans_with_badges_and_can_be_looked_back_on(
    plot: CpuPlot, clock: FakeClock
) -> None:
    plot.mark_run(_mark(1, T0 - 10, T0 - 2, "1 · 5 processes · spawn · 8.0 s"))
    plot.redraw()
    assert plot.run_marks() == [(1, T0 - 10, T0 - 2, "1 · 5 processes · spawn · 8.0 s")]
    assert [n for n, _r in plot.badges()] == [1]

    clock.now = T0 + 2 * WINDOW_S  # followed live: the run has left the view…
    plot.redraw()
    assert plot.badges() == []
    assert len(plot.run_marks()) == 1  # …but not the session
    # Pause and look back: it is all still there.
    plot.live.show_x_range(plot.live.x_of(T0 - 20), plot.live.x_of(T0))
    assert not plot.live.following
    clock.now += 30
    plot.redraw()
    assert [n for n, _r in plot.badges()] == [1]
    assert plot.live.x_range() == pytest.approx((-20.0, 0.0))


def test_a_run_s_mark_is_replaced_when_it_ends(plot: CpuPlot, clock: FakeClock) -> None:
    plot.mark_run(_mark(1, T0 - 3, None, "1 · 5 processes · spawn · running"))
    plot.redraw()
    assert plot.marks.has_open()
    plot.mark_run(_mark(1, T0 - 3, T0, "1 · 5 processes · spawn · 3.0 s"))
    assert plot.run_marks() == [(1, T0 - 3, T0, "1 · 5 processes · spawn · 3.0 s")]
    assert not plot.marks.has_open()
    with pytest.raises(ValueError, match="capacity"):
        type(plot.marks)(capacity=0)


def test_badges_never_overlap_stay_inside_and_above_the_curves(
    plot: CpuPlot, clock: FakeClock
) -> None:
    # Thirty short runs in ten seconds, the first two starting before the view.
    plot.mark_run(_mark(1, T0 - 90, T0 - 50))
    plot.mark_run(_mark(2, T0 - 70, None))  # still going
    for k in range(3, 33):
        plot.mark_run(_mark(k, T0 - 10 + (k - 3) / 3, T0 - 10 + (k - 3) / 3 + 0.2))
    plot.redraw()
    badges = plot.badges()
    numbers = [n for n, _r in badges]
    assert numbers[:2] == [1, 2] and len(numbers) >= 5  # as many as fit, left to right
    assert numbers == sorted(numbers)
    assert _no_overlaps(badges)
    plot_area = _graph(plot).getPlotItem().getViewBox().sceneBoundingRect()
    for _n, rect in badges:
        assert rect.bottom() <= plot_area.top()  # above the plot: never under a curve
        assert plot_area.left() <= rect.left() and rect.right() <= plot_area.right()  # not cut


def test_following_and_pausing_move_the_view(plot: CpuPlot, clock: FakeClock) -> None:
    live = plot.live
    plot.redraw()
    assert live.following
    assert live.x_range() == pytest.approx((-WINDOW_S, 0.0))
    clock.now = T0 + 5
    plot.redraw()
    assert live.x_range() == pytest.approx((5 - WINDOW_S, 5.0))
    live.pause()
    clock.now = T0 + 50
    plot.redraw()
    assert live.x_range() == pytest.approx((5 - WINDOW_S, 5.0))  # frozen while time goes on
    live.set_history(300.0)  # a longer history follows live again
    assert live.following and live.x_range() == pytest.approx((50 - 300.0, 50.0))
    live.set_history(None)  # the whole session, from its start
    assert live.x_range() == pytest.approx((0.0, WINDOW_S))


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


def test_the_store_is_bounded_and_drops_the_oldest(
    qtbot: QtBot, theme: Theme, clock: FakeClock
) -> None:
    assert CpuPlot(theme=theme, cores=CORES, clock=clock).capacity >= 2 * 60 * 60 * 4  # 2 h
    plot = CpuPlot(theme=theme, cores=CORES, clock=clock, capacity=512)
    qtbot.addWidget(plot)
    plot.resize(1024, 400)
    cap = plot.capacity
    step = 0.25
    fed = [_sample(T0 + i * step, i) for i in range(cap + 37)]
    for s in fed:
        plot.add_sample(s)

    assert plot.sample_count() == cap + 37
    assert plot.latest_sample() == fed[-1]
    kept = plot.history()
    assert 3 * cap // 4 <= len(kept) <= cap
    assert kept == fed[-len(kept) :]  # oldest first, the dropped ones the oldest

    clock.now = fed[-1].t_mono
    plot.redraw()
    x, y = plot.displayed_total()
    # The newest samples, reaching past the left edge of the last minute
    # (the curves are built a little wider than the view, so following
    # live slides the view over them without rebuilding).
    shown = fed[-len(x) :]
    assert x[0] < -WINDOW_S
    np.testing.assert_allclose(x, [s.t_mono - clock.now for s in shown])
    np.testing.assert_allclose(y, [s.total for s in shown])
    assert x[-1] == 0.0

    # Fill it again, by a different amount, and look again.
    more = [_sample(fed[-1].t_mono + (i + 1) * step, 1000 + i) for i in range(cap // 2 + 3)]
    for s in more:
        plot.add_sample(s)
    kept = plot.history()
    assert 3 * cap // 4 <= len(kept) <= cap and kept == (fed + more)[-len(kept) :]


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


def test_at_most_max_marks_the_oldest_go_first(plot: CpuPlot, clock: FakeClock) -> None:
    for i in range(MAX_MARKS + 25):
        plot.mark_run(_mark(i + 1, T0 + i * 0.1, T0 + i * 0.1 + 0.05))
    clock.now = T0 + 30
    plot.redraw()
    kept = [number for number, *_rest in plot.run_marks()]
    assert kept == list(range(26, MAX_MARKS + 26))
    assert _no_overlaps(plot.badges())


def _graphics_items(plot: CpuPlot) -> int:
    return len(_graph(plot).scene().items())


def test_clearing_marks_during_live_redraws(
    shown_plot: CpuPlot, clock: FakeClock, qtbot: QtBot
) -> None:
    # Clearing once crashed pyqtgraph (lines removed mid-paint); now no item
    # is made or removed per run at all.
    viewport = _graph(shown_plot).viewport()
    items = _graphics_items(shown_plot)
    for i in range(300):
        clock.now += 0.5
        shown_plot.add_sample(_sample(clock.now, i))
        shown_plot.mark_run(_mark(i + 1, clock.now - 0.4, None))
        shown_plot.mark_run(_mark(i + 1, clock.now - 0.4, clock.now))
        shown_plot.redraw()
        viewport.repaint()  # paint now: the scene's prepareForPaint runs
        shown_plot.clear_marks()
        if i % 3 == 0:
            viewport.repaint()  # and with the marks just gone
        if i % 10 == 0:
            gc.collect()  # whatever the collector frees, it frees mid-session
        QApplication.processEvents()  # the clock's frames, too
    assert shown_plot.run_marks() == [] and shown_plot.badges() == []
    assert _graphics_items(shown_plot) == items
    shown_plot.mark_run(_mark(301, clock.now, None))
    shown_plot.redraw()
    qtbot.waitUntil(lambda: [n for n, _r in shown_plot.badges()] == [301], timeout=1000)


def test_500_runs_keep_the_marks_bounded(shown_plot: CpuPlot, clock: FakeClock) -> None:
    """A long class: 500 fast runs, each marked as it starts and as it ends."""
    viewport = _graph(shown_plot).viewport()

    def runs(count: int, first: int) -> None:
        for i in range(first, first + count):
            clock.now += 1.0  # a run a second: 60 in view, past what the badges can show
            shown_plot.add_sample(_sample(clock.now, i))
            shown_plot.mark_run(_mark(i + 1, clock.now - 0.8, None))
            shown_plot.mark_run(_mark(i + 1, clock.now - 0.8, clock.now))
            shown_plot.redraw()
            viewport.repaint()

    runs(30, 0)  # warms every cache a paint uses
    items = _graphics_items(shown_plot)
    rss_before = psutil.Process().memory_info().rss
    runs(500, 30)
    grown_mb = (psutil.Process().memory_info().rss - rss_before) / 2**20
    assert len(shown_plot.run_marks()) == MAX_MARKS
    assert _graphics_items(shown_plot) == items  # none made, none leaked
    assert _no_overlaps(shown_plot.badges())
    assert grown_mb < 30, f"RSS grew {grown_mb:.1f} MB over 500 runs"
