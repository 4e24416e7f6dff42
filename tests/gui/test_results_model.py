"""ResultsModel (and the ResultsView set up for it): rows from real and hand-made events."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.results.results_model import (
    COL_BYTES,
    COL_DURATION,
    COL_FINISHED,
    COL_HTTP,
    COL_N,
    COL_NAME,
    COL_PID,
    COL_SQUARE,
    COL_STARTED,
    COL_STATUS,
    ResultsModel,
    SortRole,
    StateRole,
)
from gui.results.results_view import ResultsView
from gui.style.palette import DARK, LIGHT
from gui.style.theme import Theme
from workers.events import (
    AsCompletedTimedOut,
    Event,
    Experiment,
    JobCancelled,
    JobDone,
    JobFailed,
    JobKilled,
    JobStarted,
    JobSubmitted,
    RunFinished,
    RunStarted,
)
from workers.options import NamedOptions
from workers.runs.named_run import NamedProcessRun

CLOCK = re.compile(r"^\d\d:\d\d:\d\d\.\d\d\d$")
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def theme(qapp: QApplication) -> Theme:
    """A Theme of the test's own, so no test changes the shared one."""
    return Theme(LIGHT)


@pytest.fixture
def model(theme: Theme) -> Iterator[ResultsModel]:
    m = ResultsModel(theme=theme)
    yield m
    m.deleteLater()


def cell(model: ResultsModel, row: int, column: int, role: int = DISPLAY) -> object:
    return model.data(model.index(row, column), role)


def started(run_id: int = 1, total: int = 3, **kw: object) -> RunStarted:
    kw.setdefault("experiment", Experiment.NAMED)
    return RunStarted(run_id, total=total, parent_pid=123, start_method="forkserver", **kw)


def done(run_id: int, job_id: int, duration: float = 0.5, **kw: object) -> JobDone:
    n = job_id + 1
    kw.setdefault("label", str(n))
    kw.setdefault("n", n)
    kw.setdefault("result", n * n)
    return JobDone(
        run_id, job_id=job_id, pid=1000 + job_id, started_mono=0.0, finished_mono=duration, **kw
    )


def finished(run_id: int, total: int, done_: int) -> RunFinished:
    return RunFinished(
        run_id, total=total, done=done_, failed=total - done_, killed=0, cancelled=0, elapsed=1.5
    )


def synthetic_run(run_id: int, jobs: int) -> list[Event]:
    """A whole run's events in the order a named run reports them."""
    events: list[Event] = [started(run_id, total=jobs)]
    for j in range(jobs):
        events.append(JobSubmitted(run_id, job_id=j, label=str(j + 1), pid=5000 + j))
    for j in range(jobs):
        events.append(JobStarted(run_id, job_id=j, label=str(j + 1), pid=5000 + j))
    for j in range(jobs):
        events.append(done(run_id, j, duration=(j % 7) / 10))
    events.append(finished(run_id, jobs, jobs))
    return events


# -- real events ------------------------------------------------------------


def test_rows_from_a_real_named_run(qtbot: QtBot, model: ResultsModel, theme: Theme) -> None:
    options = NamedOptions(processes=4, sleep_min=0.0, sleep_max=0.05)
    with NamedProcessRun(options) as run:

        def step() -> bool:
            model.apply_events(run.poll(0.02))
            return run.finished

        qtbot.waitUntil(step, timeout=30_000)

    assert model.rowCount() == 5  # the separator and four jobs
    assert model.is_separator(0)
    heading = model.separator_text(0)
    assert heading.startswith(f"Run {run.run_id} · named processes · 4 processes · ")
    assert run.start_method in heading
    assert model.job_count() == 4
    assert model.counts_by_state(run.run_id)["done"] == 4

    rows = list(model.job_rows())
    assert [r.name for r in rows] == ["1", "2", "3", "4"]
    assert [r.square for r in rows] == [1, 4, 9, 16]
    assert len({r.pid for r in rows}) == 4
    for row in range(1, 5):
        assert cell(model, row, COL_STATUS) == "done"
        assert CLOCK.match(str(cell(model, row, COL_STARTED)))
        assert CLOCK.match(str(cell(model, row, COL_FINISHED)))
        assert re.match(r"^\d+\.\d\d\d$", str(cell(model, row, COL_DURATION)))
        bg = cell(model, row, COL_NAME, Qt.ItemDataRole.BackgroundRole)
        assert bg == QColor(theme.palette.state_colors["done"])
        assert isinstance(cell(model, row, COL_NAME, Qt.ItemDataRole.ForegroundRole), QColor)
        align = cell(model, row, COL_SQUARE, Qt.ItemDataRole.TextAlignmentRole)
        assert Qt.AlignmentFlag(align) & Qt.AlignmentFlag.AlignRight
    assert model.row_for_job(run.run_id, 2) == 3
    assert cell(model, 3, COL_SQUARE, SortRole) == 9


# -- hand-made events -------------------------------------------------------


def test_states_words_and_tooltips(model: ResultsModel, theme: Theme) -> None:
    model.apply_events(
        [
            started(1, total=5),
            JobSubmitted(1, job_id=0, label="1", pid=11),
            JobStarted(1, job_id=1, label="2", pid=12),
            JobFailed(
                1,
                job_id=2,
                label="3",
                pid=13,
                reason="HTTP 404 Not Found",
                kind="http",
                detail="urllib.error.HTTPError: HTTP Error 404",
                status=404,
            ),
            JobKilled(
                1,
                job_id=3,
                label="4",
                pid=14,
                signal_name="SIGKILL",
                signal_number=9,
                reason="killed by SIGKILL",
            ),
            JobCancelled(1, job_id=4, label="5", reason="stopped before it started"),
        ]
    )
    status = [cell(model, r, COL_STATUS) for r in range(1, 6)]
    assert status == [
        "pending",
        "running",
        "failed: HTTP 404 Not Found",
        "killed (SIGKILL)",
        "cancelled",
    ]
    states = [cell(model, r, COL_NAME, StateRole) for r in range(1, 6)]
    assert states == ["pending", "running", "failed", "killed", "cancelled"]
    for row, state in zip(range(1, 6), states, strict=True):
        bg = cell(model, row, COL_PID, Qt.ItemDataRole.BackgroundRole)
        assert bg == QColor(theme.palette.state_colors[state])
    tip = str(cell(model, 3, COL_STATUS, Qt.ItemDataRole.ToolTipRole))
    assert "HTTP 404 Not Found" in tip and "HTTPError" in tip
    assert cell(model, 3, COL_HTTP) == "404"
    assert cell(model, 4, COL_STATUS, Qt.ItemDataRole.ToolTipRole) == "killed by SIGKILL"
    assert cell(model, 5, COL_STATUS, Qt.ItemDataRole.ToolTipRole) == "stopped before it started"
    assert cell(model, 1, COL_STATUS, Qt.ItemDataRole.ToolTipRole) is None
    assert model.counts_by_state() == {
        "pending": 1,
        "running": 1,
        "done": 0,
        "failed": 1,
        "killed": 1,
        "cancelled": 1,
    }


def test_pool_rows_show_url_http_and_bytes(model: ResultsModel) -> None:
    url = "http://127.0.0.1:8000/a/rather/long/path/page.html"
    model.apply_events(
        [
            started(2, total=1, experiment=Experiment.POOL, workers=5),
            JobSubmitted(2, job_id=0, label=url),
            JobStarted(2, job_id=0, label=url, pid=777),
            JobDone(
                2,
                job_id=0,
                label=url,
                pid=777,
                started_mono=1.0,
                finished_mono=1.25,
                status=200,
                nbytes=12345,
            ),
        ]
    )
    assert "process pool · 1 URL · 5 workers" in model.separator_text(0)
    assert cell(model, 1, COL_NAME) == url
    assert cell(model, 1, COL_NAME, Qt.ItemDataRole.ToolTipRole) == url
    assert cell(model, 1, COL_PID) == "777"
    assert cell(model, 1, COL_HTTP) == "200"
    assert cell(model, 1, COL_BYTES, SortRole) == 12345
    assert cell(model, 1, COL_DURATION) == "0.250"
    assert cell(model, 1, COL_N) == ""  # no n for a page


def test_terminal_event_wins_over_late_and_duplicate_events(model: ResultsModel) -> None:
    model.apply_events([started(1, total=2), done(1, 0, duration=0.3)])
    # Out of order and repeated: none of these may undo the ending.
    model.apply_events(
        [
            JobStarted(1, job_id=0, label="1", pid=1000),
            JobSubmitted(1, job_id=0, label="1", pid=1000),
            JobCancelled(1, job_id=0, label="1"),
            JobFailed(1, job_id=0, label="1", pid=1000, reason="late"),
        ]
    )
    assert cell(model, 1, COL_STATUS) == "done"
    assert cell(model, 1, COL_DURATION) == "0.300"
    # A job seen first through its start (no JobSubmitted) still gets a row.
    model.apply_events([JobStarted(1, job_id=1, label="2", pid=1001)])
    assert model.row_for_job(1, 1) == 2
    assert cell(model, 2, COL_STATUS) == "running"
    assert model.counts_by_state(1) == dict(
        pending=0, running=1, done=1, failed=0, killed=0, cancelled=0
    )


def test_one_insert_and_one_data_change_per_batch(qtbot: QtBot, model: ResultsModel) -> None:
    inserts: list[tuple[int, int]] = []
    changes: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserts.append((first, last)))
    model.dataChanged.connect(lambda a, b, _roles=(): changes.append((a.row(), b.row())))
    model.apply_events(synthetic_run(1, 10)[:11])  # RunStarted and ten JobSubmitted
    assert inserts == [(0, 10)] and changes == []
    model.apply_events(synthetic_run(1, 10)[11:])  # starts, endings, RunFinished
    assert inserts == [(0, 10)]
    assert changes == [(0, 10)]  # the separator's summary and every job, in one range
    assert "10 of 10 done in 1.50 s" in model.separator_text(0)


def test_separators_between_runs_in_append_mode(model: ResultsModel) -> None:
    model.apply_events(synthetic_run(1, 3))
    model.apply_events(synthetic_run(2, 2))
    assert model.rowCount() == 7
    assert [model.is_separator(r) for r in range(7)] == [
        True,
        False,
        False,
        False,
        True,
        False,
        False,
    ]
    assert model.separator_rows() == [0, 4]
    assert model.separator_text(4).startswith(
        "Run 2 · named processes · 2 processes · forkserver · "
    )
    assert cell(model, 4, 0) == model.separator_text(4)
    assert cell(model, 4, 1) is None  # the view spans column 0 over the row
    assert not model.flags(model.index(4, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert model.flags(model.index(5, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert model.row_for_job(2, 0) == 5
    assert model.counts_by_state(1)["done"] == 3 and model.counts_by_state()["done"] == 5


def test_two_runs_at_once_stay_grouped(model: ResultsModel) -> None:
    # The two experiments have a bridge each, so their events may interleave.
    one, two = synthetic_run(1, 3), synthetic_run(2, 2)
    model.apply_events(one[:3])  # run 1: RunStarted and two jobs so far
    model.apply_events(two[:3])
    model.apply_events([one[3], *two[3:], *one[4:]])  # run 1's third job arrives late
    assert model.separator_rows() == [0, 4]
    assert [model.row_for_job(1, j) for j in range(3)] == [1, 2, 3]
    assert [model.row_for_job(2, j) for j in range(2)] == [5, 6]
    assert [cell(model, r, COL_STATUS) for r in (3, 6)] == ["done", "done"]


def test_clear_mode_and_clear(model: ResultsModel) -> None:
    model.set_append_runs(False)
    assert not model.append_runs()
    model.apply_events(synthetic_run(1, 3))
    # The new run clears the table even in the middle of a batch.
    model.apply_events([*synthetic_run(2, 2)])
    assert model.rowCount() == 2
    assert not any(model.is_separator(r) for r in range(2))
    assert model.row_for_job(1, 0) is None
    assert model.row_for_job(2, 1) == 1
    assert model.counts_by_state(1)["done"] == 0
    # The other experiment's run, still going, is not cleared away.
    model.apply_events(synthetic_run(3, 2)[:-1])
    model.apply_events(synthetic_run(4, 1))
    assert model.row_for_job(2, 0) is None
    assert model.row_for_job(3, 1) == 1 and model.row_for_job(4, 0) == 2
    model.apply_events([finished(3, 2, 2), *synthetic_run(5, 1)])
    assert [r.run_id for r in model.job_rows()] == [5]
    model.clear()
    assert model.rowCount() == 0 and model.job_count() == 0


def test_sort_stays_within_runs_and_live(model: ResultsModel) -> None:
    # Durations 0.0..0.6 repeat every 7 jobs; run 1 has 12 jobs, run 2 has 9.
    model.apply_events(synthetic_run(1, 12))
    model.apply_events(synthetic_run(2, 9)[:-1])  # run 2 still going
    tracked = QPersistentModelIndex(model.index(model.row_for_job(2, 3) or 0, COL_NAME))
    model.sort(COL_DURATION, Qt.SortOrder.DescendingOrder)
    assert model.separator_rows() == [0, 13]
    for first, last in ((1, 12), (14, 22)):
        runs = {cell(model, r, 0, SortRole) for r in range(first, last + 1)}
        assert len(runs) == 1  # each run's rows stay under its own separator
        durations = [cell(model, r, COL_DURATION, SortRole) for r in range(first, last + 1)]
        assert durations == sorted(durations, reverse=True)
    # The persistent index (the view's selection) moved with its row.
    assert tracked.row() == model.row_for_job(2, 3)
    assert cell(model, tracked.row(), COL_NAME) == "4"

    # Numeric sort of names: "2" before "10".
    model.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    names = [cell(model, r, COL_NAME) for r in range(1, 13)]
    assert names == [str(n) for n in range(1, 13)]

    # Live: a job ending later is sorted into place; unknown durations go last.
    model.sort(COL_DURATION, Qt.SortOrder.AscendingOrder)
    model.apply_events([JobSubmitted(2, job_id=9, label="10", pid=1)])
    assert cell(model, 23, COL_NAME) == "10"  # no duration yet: last
    model.apply_events([done(2, 9, duration=0.05)])
    assert cell(model, 14, COL_DURATION, SortRole) == 0.0
    assert model.row_for_job(2, 9) in (15, 16)  # right after the two 0.0 jobs
    model.sort(-1)
    assert [cell(model, r, COL_NAME) for r in range(14, 24)] == [str(n) for n in range(1, 11)]


def test_thousand_jobs_in_batches(model: ResultsModel) -> None:
    events = synthetic_run(1, 1000)
    signals = {"inserted": 0, "changed": 0}
    model.rowsInserted.connect(lambda *_: signals.__setitem__("inserted", signals["inserted"] + 1))
    model.dataChanged.connect(lambda *_: signals.__setitem__("changed", signals["changed"] + 1))
    t0 = time.perf_counter()
    batches = [events[i : i + 200] for i in range(0, len(events), 200)]
    for batch in batches:
        model.apply_events(batch)
    elapsed = time.perf_counter() - t0
    assert model.job_count() == 1000 and model.rowCount() == 1001
    assert model.counts_by_state(1)["done"] == 1000
    assert signals["inserted"] <= len(batches) and signals["changed"] <= len(batches)
    # Generous: about 20 ms on a laptop; a per-event design takes seconds.
    assert elapsed < 2.0, f"4000 events took {elapsed:.2f} s"


def test_as_completed_timeout_is_a_notice_not_a_row(qtbot: QtBot, model: ResultsModel) -> None:
    model.apply_events([started(1, total=2, experiment=Experiment.POOL, workers=2)])
    with qtbot.waitSignal(model.notice, timeout=1000) as blocker:
        model.apply_events(
            [AsCompletedTimedOut(1, timeout=1.0, pending=("http://a/", "http://b/"))]
        )
    assert "timeout=1" in blocker.args[0] and "http://a/" in blocker.args[0]
    assert model.rowCount() == 1


def test_colours_follow_the_theme(qtbot: QtBot, model: ResultsModel, theme: Theme) -> None:
    model.apply_events(synthetic_run(1, 2))
    with qtbot.waitSignal(model.dataChanged, timeout=1000):
        theme.set_palette(DARK)
    assert cell(model, 1, 0, Qt.ItemDataRole.BackgroundRole) == QColor(DARK.state_colors["done"])
    assert cell(model, 0, 0, Qt.ItemDataRole.BackgroundRole) == QColor(DARK.separator_background)


def test_headers(model: ResultsModel) -> None:
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == [
        "Run",
        "Name",
        "PID",
        "n",
        "n²",
        "HTTP",
        "Bytes",
        "Started",
        "Finished",
        "Duration (s)",
        "Status",
    ]


# -- the view ---------------------------------------------------------------


@pytest.fixture
def view(qtbot: QtBot, model: ResultsModel, theme: Theme) -> ResultsView:
    v = ResultsView(model, theme=theme)
    qtbot.addWidget(v)
    v.resize(800, 200)
    v.show()
    return v


def test_view_spans_separators_and_copies(
    qtbot: QtBot, view: ResultsView, model: ResultsModel
) -> None:
    assert view.objectName() == "resultsTable"
    assert view.isSortingEnabled()
    model.apply_events(synthetic_run(1, 2))
    model.apply_events(synthetic_run(2, 1))
    assert view.columnSpan(0, 0) == model.columnCount()
    assert view.columnSpan(3, 0) == model.columnCount()
    assert view.columnSpan(1, 0) == 1
    # Sorting from the header goes through the model; the layout change redoes the spans.
    view.sortByColumn(COL_DURATION, Qt.SortOrder.DescendingOrder)
    assert model.sort_column() == COL_DURATION
    assert view.columnSpan(3, 0) == model.columnCount()
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # back to job order
    assert model.sort_column() == -1
    model.apply_events([JobSubmitted(1, job_id=2, label="3")])  # above run 2's separator
    assert view.columnSpan(4, 0) == model.columnCount() and view.columnSpan(3, 0) == 1
    model.apply_events([done(1, 2)])

    view.selectAll()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:3] == ["Run", "Name", "PID"]
    assert len(lines) == 5  # header and four jobs; separators are not selectable
    assert lines[1].split("\t")[COL_SQUARE] in ("1", "4")
    assert all(len(line.split("\t")) == model.columnCount() for line in lines)

    actions = [a.text() for a in view.context_menu().actions()]
    assert "&Copy" in actions


def test_view_follows_newest_row_until_scrolled_up(
    qtbot: QtBot, view: ResultsView, model: ResultsModel
) -> None:
    bar = view.verticalScrollBar()
    model.apply_events(synthetic_run(1, 50))
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=2000)
    bar.setValue(0)  # the teacher scrolls up to look at something
    model.apply_events(synthetic_run(2, 50))
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2000)
    qtbot.wait(50)  # give a wrong follow the chance to happen
    assert bar.value() == 0


def test_view_font_follows_zoom(view: ResultsView, theme: Theme) -> None:
    theme.set_zoom(2.0)
    assert view.font().pointSizeF() == pytest.approx(theme.font_pt())
