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

from gui.results.columns import (
    COL_BYTES,
    COL_DURATION,
    COL_FINISHED,
    COL_HTTP,
    COL_N,
    COL_NAME,
    COL_SQUARE,
    COL_STARTED,
    COL_STATUS,
    COL_WORKER,
    COLUMNS,
)
from gui.results.heading_rows import heading_rect
from gui.results.results_model import ResultsModel, SortRole, StateRole
from gui.results.results_view import ResultsView
from gui.session_store import SessionStore
from gui.style.palette import DARK, LIGHT
from gui.style.theme import Theme
from tests.gui.events_for_tests import (
    cancelled,
    done,
    failed,
    finished,
    job_started,
    killed,
    started,
    stopped,
    stopping,
    submitted,
    synthetic_run,
    thread_worker,
)
from workers.events import AsCompletedTimedOut, JobDone, JobStarted, JobSubmitted
from workers.failures import Failure, FailureKind
from workers.options import NamedOptions
from workers.runs.named_run import NamedProcessRun
from workers.terms import Experiment, JobState

CLOCK = re.compile(r"^\d\d:\d\d:\d\d\.\d\d\d$")
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def theme(qapp: QApplication) -> Theme:
    """A Theme of the test's own, so no test changes the shared one."""
    return Theme(LIGHT)


@pytest.fixture
def store(qapp: QApplication) -> Iterator[SessionStore]:
    s = SessionStore()
    yield s
    s.deleteLater()


@pytest.fixture
def model(store: SessionStore, theme: Theme) -> Iterator[ResultsModel]:
    m = ResultsModel(store, theme=theme)
    yield m
    m.deleteLater()


def cell(model: ResultsModel, row: int, column: int, role: int = DISPLAY) -> object:
    return model.data(model.index(row, column), role)


# -- real events ------------------------------------------------------------


def test_rows_from_a_real_named_run(
    qtbot: QtBot, store: SessionStore, model: ResultsModel, theme: Theme
) -> None:
    options = NamedOptions(processes=4, sleep_min=0.0, sleep_max=0.05)
    with NamedProcessRun(options) as run:

        def step() -> bool:
            store.apply_events(run.poll(0.02))
            return run.finished

        qtbot.waitUntil(step, timeout=30_000)

    assert model.rowCount() == 5  # the heading and four jobs
    assert model.is_separator(0)
    heading = model.separator_text(0)
    assert heading.startswith("Run 1 · named processes · 4 processes · ")
    assert run.start_method in heading and "4 of 4 done in" in heading
    assert model.job_count() == 4
    assert store.record.run(run.run_id).counts[JobState.DONE] == 4

    jobs = list(model.jobs())
    assert jobs == store.record.run(run.run_id).jobs  # the record's own objects, in order
    assert all(a is b for a, b in zip(jobs, store.record.run(run.run_id).jobs, strict=True))
    assert [j.label for j in jobs] == ["1", "2", "3", "4"]
    assert [j.result for j in jobs] == [1, 4, 9, 16]
    assert len({j.pid for j in jobs}) == 4
    for row in range(1, 5):
        assert cell(model, row, COL_STATUS) == "done"
        assert cell(model, row, COL_WORKER) == str(jobs[row - 1].pid)
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


def test_states_words_and_tooltips(store: SessionStore, model: ResultsModel, theme: Theme) -> None:
    not_found = Failure(
        FailureKind.HTTP_STATUS,
        status=404,
        phrase="Not Found",
        detail="urllib.error.HTTPError: HTTP Error 404",
    )
    store.apply_events(
        [
            started(1, total=7),
            submitted(1, 0),
            job_started(1, 1),
            failed(1, 2, not_found),
            killed(1, 3),
            stopped(1, 4),
            cancelled(1, 5),
            done(1, 6),
        ]
    )
    status = [cell(model, r, COL_STATUS) for r in range(1, 8)]
    assert status == [
        "waiting",
        "running",
        "failed: HTTP 404 Not Found",
        "killed by SIGKILL",
        "stopped (SIGTERM)",
        "never started",
        "done",
    ]
    states = [cell(model, r, COL_NAME, StateRole) for r in range(1, 8)]
    assert states == ["pending", "running", "failed", "killed", "stopped", "cancelled", "done"]
    for row, state in zip(range(1, 8), states, strict=True):
        bg = cell(model, row, COL_WORKER, Qt.ItemDataRole.BackgroundRole)
        assert bg == QColor(theme.palette.state_colors[state])
    # Stopped and never started: two states, two colours.
    assert cell(model, 5, 0, Qt.ItemDataRole.BackgroundRole) != cell(
        model, 6, 0, Qt.ItemDataRole.BackgroundRole
    )
    tip = str(cell(model, 3, COL_STATUS, Qt.ItemDataRole.ToolTipRole))
    assert "HTTP 404 Not Found" in tip and "HTTPError" in tip
    assert cell(model, 3, COL_HTTP) == "404"
    assert cell(model, 4, COL_STATUS, Qt.ItemDataRole.ToolTipRole) == "killed by SIGKILL"
    assert cell(model, 6, COL_STATUS, Qt.ItemDataRole.ToolTipRole) == "never started"
    assert cell(model, 1, COL_STATUS, Qt.ItemDataRole.ToolTipRole) is None
    assert cell(model, 6, COL_DURATION) == ""  # it never started: no duration
    assert cell(model, 5, COL_DURATION) == "0.300"  # started, then ended by Stop
    assert store.counts() == {
        JobState.PENDING: 1,
        JobState.RUNNING: 1,
        JobState.DONE: 1,
        JobState.FAILED: 1,
        JobState.KILLED: 1,
        JobState.STOPPED: 1,
        JobState.CANCELLED: 1,
    }


def test_pool_rows_show_url_http_and_bytes(store: SessionStore, model: ResultsModel) -> None:
    url = "http://127.0.0.1:8000/a/rather/long/path/page.html"
    store.apply_events(
        [
            started(2, total=1, experiment=Experiment.POOL, workers=5),
            JobSubmitted(2, job_id=0, label=url),
            job_started(2, 0, label=url),
            done(2, 0, label=url, duration=0.25, n=None, result=None, status=200, nbytes=12345),
        ]
    )
    assert "process pool · 1 URL · 5 workers" in model.separator_text(0)
    assert cell(model, 1, COL_NAME) == url
    assert cell(model, 1, COL_NAME, Qt.ItemDataRole.ToolTipRole) == url
    assert cell(model, 1, COL_WORKER) == "5000"
    assert cell(model, 1, COL_HTTP) == "200"
    assert cell(model, 1, COL_BYTES, SortRole) == 12345
    assert cell(model, 1, COL_DURATION) == "0.250"
    assert cell(model, 1, COL_N) == ""  # no n for a page


def test_thread_workers_are_named_in_the_worker_column(
    store: SessionStore, model: ResultsModel
) -> None:
    url = "http://127.0.0.1:8000/"
    store.apply_events(
        [
            started(3, total=2, experiment=Experiment.POOL, executor="thread", workers=2),
            JobSubmitted(3, job_id=0, label=url),
            JobSubmitted(3, job_id=1, label=url),
            done(3, 0, label=url, worker=thread_worker(0), status=200, nbytes=1),
            done(3, 1, label=url, worker=thread_worker(1), status=200, nbytes=1),
        ]
    )
    assert "Threads" in model.separator_text(0) and "2 threads" in model.separator_text(0)
    workers = [cell(model, r, COL_WORKER) for r in (1, 2)]
    assert workers == ["ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_1"]
    tip = str(cell(model, 1, COL_WORKER, Qt.ItemDataRole.ToolTipRole))
    assert "ThreadPoolExecutor-0_0" in tip and "123" in tip


def test_terminal_event_wins_over_late_and_duplicate_events(
    store: SessionStore, model: ResultsModel
) -> None:
    store.apply_events([started(1, total=2), done(1, 0, duration=0.3)])
    # Out of order and repeated: none of these may undo the ending.
    store.apply_events(
        [
            job_started(1, 0),
            submitted(1, 0),
            cancelled(1, 0),
            failed(1, 0, Failure(FailureKind.ERROR, exc_type="RuntimeError", message="late")),
        ]
    )
    assert cell(model, 1, COL_STATUS) == "done"
    assert cell(model, 1, COL_DURATION) == "0.300"
    # A job seen first through its start (no JobSubmitted) still gets a row.
    store.apply_events([job_started(1, 1)])
    assert model.row_for_job(1, 1) == 2
    assert cell(model, 2, COL_STATUS) == "running"


def test_one_insert_and_one_data_change_per_batch(
    qtbot: QtBot, store: SessionStore, model: ResultsModel
) -> None:
    inserts: list[tuple[int, int]] = []
    changes: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserts.append((first, last)))
    model.dataChanged.connect(lambda a, b, _roles=(): changes.append((a.row(), b.row())))
    store.apply_events(synthetic_run(1, 10)[:11])  # RunStarted and ten JobSubmitted
    assert inserts == [(0, 10)] and changes == []
    store.apply_events(synthetic_run(1, 10)[11:])  # starts, endings, RunFinished
    assert inserts == [(0, 10)]
    assert changes == [(0, 10)]  # the heading's summary and every job, in one range
    assert "10 of 10 done in 1.50 s" in model.separator_text(0)


def test_headings_between_runs_when_keeping_earlier_runs(
    store: SessionStore, model: ResultsModel
) -> None:
    store.apply_events(synthetic_run(1, 3))
    store.apply_events(synthetic_run(2, 2))
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
    assert store.counts([1])[JobState.DONE] == 3 and store.counts()[JobState.DONE] == 5


def test_a_stopped_run_says_so_in_its_heading(store: SessionStore, model: ResultsModel) -> None:
    store.apply_events([started(1, total=4), *[submitted(1, j) for j in range(4)]])
    store.apply_events([job_started(1, 0), job_started(1, 1), done(1, 0), stopping(1, 1)])
    assert "stopping…" in model.separator_text(0)
    store.apply_events(
        [
            stopped(1, 1),
            cancelled(1, 2),
            cancelled(1, 3),
            finished(1, 4, 1, stopped_=1, cancelled_=2, stop_requested=True),
        ]
    )
    text = model.separator_text(0)
    assert "stopped after 1.50 s: 1 done, 1 stopped, 2 never started" in text
    assert "done in" not in text


def test_two_runs_at_once_stay_grouped(store: SessionStore, model: ResultsModel) -> None:
    # The two experiments have a bridge each, so their events may interleave.
    one, two = synthetic_run(1, 3), synthetic_run(2, 2)
    store.apply_events(one[:3])  # run 1: RunStarted and two jobs so far
    store.apply_events(two[:3])
    store.apply_events([one[3], *two[3:], *one[4:]])  # run 1's third job arrives late
    assert model.separator_rows() == [0, 4]
    assert [model.row_for_job(1, j) for j in range(3)] == [1, 2, 3]
    assert [model.row_for_job(2, j) for j in range(2)] == [5, 6]
    assert [cell(model, r, COL_STATUS) for r in (3, 6)] == ["done", "done"]


def test_keep_earlier_runs_is_a_filter(store: SessionStore, model: ResultsModel) -> None:
    store.apply_events(synthetic_run(1, 3))
    store.apply_events(synthetic_run(2, 2))
    model.set_show_all_runs(False)
    assert not model.shows_all_runs()
    # Only the latest run, without headings; the earlier one is hidden, not gone.
    assert model.rowCount() == 2 and model.separator_rows() == []
    assert model.row_for_job(1, 0) is None and model.row_for_job(2, 1) == 1
    assert store.record.run(1) is not None and len(store.record.run(1).jobs) == 3
    # A run still going keeps its rows when the other experiment starts one.
    store.apply_events(synthetic_run(3, 2)[:-1])
    store.apply_events(synthetic_run(4, 1))
    assert model.shown_run_ids() == [3, 4]
    assert model.row_for_job(3, 1) == 1 and model.row_for_job(4, 0) == 2
    store.apply_events([finished(3, 2, 2), *synthetic_run(5, 1)])
    assert [j.run_id for j in model.jobs()] == [5]
    # Ticked again: every run is back, each under its heading, nothing lost.
    model.set_show_all_runs(True)
    assert model.shown_run_ids() == [1, 2, 3, 4, 5]
    assert model.job_count() == 3 + 2 + 2 + 1 + 1
    assert model.separator_rows() == [0, 4, 7, 10, 12]
    assert [cell(model, r, COL_STATUS) for r in (1, 5, 8, 11, 13)] == ["done"] * 5
    model.set_show_all_runs(False)
    assert model.shown_run_ids() == [5]
    model.set_show_all_runs(True)
    assert model.rowCount() == 5 + 9


def test_runs_dropped_by_the_record_leave_the_table(qtbot: QtBot, theme: Theme) -> None:
    from workers.record.session import SessionRecord

    store = SessionStore(record=SessionRecord(max_runs=2))
    model = ResultsModel(store, theme=theme)
    for run_id in (1, 2, 3):
        store.apply_events(synthetic_run(run_id, 2))
    assert model.shown_run_ids() == [2, 3]
    assert model.separator_rows() == [0, 3] and model.rowCount() == 6
    assert store.record.dropped_runs == 1


def test_sort_stays_within_runs_and_live(store: SessionStore, model: ResultsModel) -> None:
    # Durations 0.0..0.6 repeat every 7 jobs; run 1 has 12 jobs, run 2 has 9.
    store.apply_events(synthetic_run(1, 12))
    two = synthetic_run(2, 10)[:-1]  # run 2 still going, and its tenth job never started:
    store.apply_events(
        [e for e in two if not (isinstance(e, JobDone | JobStarted) and e.job_id == 9)]
    )
    store.apply_events([cancelled(2, 9)])
    tracked = QPersistentModelIndex(model.index(model.row_for_job(2, 3) or 0, COL_NAME))
    model.sort(COL_DURATION, Qt.SortOrder.DescendingOrder)
    assert model.separator_rows() == [0, 13]
    for first, last in ((1, 12), (14, 22)):
        runs = {cell(model, r, 0, SortRole) for r in range(first, last + 1)}
        assert len(runs) == 1  # each run's rows stay under its own heading
        durations = [cell(model, r, COL_DURATION, SortRole) for r in range(first, last + 1)]
        assert durations == sorted(durations, reverse=True)
    assert cell(model, 23, COL_DURATION) == ""  # never started: no duration, last
    # The persistent index (the view's selection) moved with its row.
    assert tracked.row() == model.row_for_job(2, 3)
    assert cell(model, tracked.row(), COL_NAME) == "4"

    # Numeric sort of names: "2" before "10".
    model.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    names = [cell(model, r, COL_NAME) for r in range(1, 13)]
    assert names == [str(n) for n in range(1, 13)]

    # Live: a job ending later is sorted into place; unknown durations go last.
    store.apply_events(synthetic_run(3, 3)[:4])  # three jobs submitted
    model.sort(COL_DURATION, Qt.SortOrder.AscendingOrder)
    assert [cell(model, r, COL_DURATION) for r in (25, 26, 27)] == ["", "", ""]
    store.apply_events([done(3, 2, duration=0.05)])
    assert model.row_for_job(3, 2) == 25  # the only one with a duration: first
    model.sort(-1)
    assert [cell(model, r, COL_NAME) for r in range(25, 28)] == ["1", "2", "3"]


def test_thousand_jobs_in_batches(store: SessionStore, model: ResultsModel) -> None:
    events = synthetic_run(1, 1000)
    signals = {"inserted": 0, "changed": 0}
    model.rowsInserted.connect(lambda *_: signals.__setitem__("inserted", signals["inserted"] + 1))
    model.dataChanged.connect(lambda *_: signals.__setitem__("changed", signals["changed"] + 1))
    t0 = time.perf_counter()
    batches = [events[i : i + 200] for i in range(0, len(events), 200)]
    for batch in batches:
        store.apply_events(batch)
    elapsed = time.perf_counter() - t0
    assert model.job_count() == 1000 and model.rowCount() == 1001
    assert store.record.run(1).counts[JobState.DONE] == 1000
    assert signals["inserted"] <= len(batches) and signals["changed"] <= len(batches)
    # Generous: tens of ms on a laptop; a per-event design takes seconds.
    assert elapsed < 2.0, f"4000 events took {elapsed:.2f} s"


def test_as_completed_timeout_is_not_a_row(store: SessionStore, model: ResultsModel) -> None:
    store.apply_events([started(1, total=2, experiment=Experiment.POOL, workers=2)])
    store.apply_events([AsCompletedTimedOut(1, timeout=1.0, pending=(0, 1))])
    assert model.rowCount() == 1
    assert store.record.run(1).as_completed_timeout is not None


def test_colours_follow_the_theme(
    qtbot: QtBot, store: SessionStore, model: ResultsModel, theme: Theme
) -> None:
    store.apply_events(synthetic_run(1, 2))
    with qtbot.waitSignal(model.dataChanged, timeout=1000):
        theme.set_palette(DARK)
    assert cell(model, 1, 0, Qt.ItemDataRole.BackgroundRole) == QColor(DARK.state_colors["done"])
    assert cell(model, 0, 0, Qt.ItemDataRole.BackgroundRole) == QColor(DARK.separator_background)


def test_headers_come_from_the_column_schema(model: ResultsModel) -> None:
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == [
        "Run",
        "Name / URL",
        "Worker",
        "n",
        "n²",
        "HTTP",
        "Bytes",
        "Started",
        "Finished",
        "Duration (s)",
        "Status",
    ]
    assert titles == [c.header_text() for c in COLUMNS]
    for c, column in enumerate(COLUMNS):
        assert model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        align = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole)
        assert align == column.alignment


# -- the view ---------------------------------------------------------------


@pytest.fixture
def view(qtbot: QtBot, model: ResultsModel, theme: Theme) -> ResultsView:
    v = ResultsView(model, theme=theme)
    qtbot.addWidget(v)
    v.resize(800, 200)
    v.show()
    return v


def drawn_across(view: ResultsView, row: int) -> bool:
    """Row ``row`` is painted as one bar: no column's grid line crosses it
    (checked on screen, just above its text)."""
    model = view.model()
    image = view.viewport().grab().toImage()
    top = heading_rect(view, row).top() + 2
    background = QColor(model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole))
    edges = [
        view.columnViewportPosition(c) + view.columnWidth(c) - 1
        for c in range(model.columnCount())
        if not view.isColumnHidden(c)
    ]
    edges = [x for x in edges if 0 <= x < image.width() - 1]
    assert edges, "no column edge on screen"
    return all(image.pixelColor(x, top) == background for x in edges)


def test_view_draws_headings_across_and_copies(
    qtbot: QtBot, view: ResultsView, store: SessionStore, model: ResultsModel
) -> None:
    assert view.objectName() == "resultsTable"
    assert view.isSortingEnabled()
    # Run 1 has three jobs; the third is submitted only after run 2 started.
    store.apply_events([e for e in synthetic_run(1, 3) if getattr(e, "job_id", 0) != 2])
    store.apply_events(synthetic_run(2, 1))
    assert drawn_across(view, 0) and drawn_across(view, 3)
    assert not drawn_across(view, 1)  # a job row keeps its grid lines
    # Sorting from the header goes through the model; the headings stay where they are.
    view.sortByColumn(COL_DURATION, Qt.SortOrder.DescendingOrder)
    assert model.sort_column() == COL_DURATION
    assert drawn_across(view, 3)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # back to job order
    assert model.sort_column() == -1
    store.apply_events(synthetic_run(1, 3)[3:4])  # job 3's submission, above run 2's heading
    assert drawn_across(view, 4) and not drawn_across(view, 3)
    store.apply_events([done(1, 2)])

    view.selectAll()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    # The columns on screen: at this width the fitter hides the least useful.
    header = view.horizontalHeader()
    shown = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
    assert {COL_NAME, COL_WORKER, COL_SQUARE, COL_STATUS} <= set(shown)
    assert lines[0].split("\t") == [COLUMNS[c].header_text() for c in shown]
    assert len(lines) == 5  # header and four jobs; headings are not selectable
    assert lines[1].split("\t")[shown.index(COL_SQUARE)] in ("1", "4")
    assert all(len(line.split("\t")) == len(shown) for line in lines)

    actions = [a.text() for a in view.context_menu().actions()]
    assert "&Copy" in actions


def test_view_follows_newest_row_until_scrolled_up(
    qtbot: QtBot, view: ResultsView, store: SessionStore
) -> None:
    bar = view.verticalScrollBar()
    qtbot.waitExposed(view)
    store.apply_events(synthetic_run(1, 50))
    # At once: the frame that paints the new rows shows the newest, with no
    # second repaint of the table to scroll there.
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    bar.setValue(0)  # the teacher scrolls up to look at something
    store.apply_events(synthetic_run(2, 50))
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2000)
    qtbot.wait(50)  # give a wrong follow the chance to happen
    assert bar.value() == 0


def test_view_font_follows_zoom(view: ResultsView, theme: Theme) -> None:
    theme.set_zoom(2.0)
    assert view.font().pointSizeF() == pytest.approx(theme.font_pt())


def test_outside_text_is_shown_safely(store: SessionStore, model: ResultsModel) -> None:
    url = "http://user:secret@127.0.0.1:8000/\u202egpj.exe?<b>bold</b>"
    store.apply_events(
        [started(1, total=1, experiment=Experiment.POOL, workers=1), submitted(1, 0, url)]
    )
    shown = str(cell(model, 1, COL_NAME))
    assert "secret" not in shown and "***" in shown
    assert "\u202e" not in shown and "\\u202e" in shown  # written out, not obeyed
    tip = str(cell(model, 1, COL_NAME, Qt.ItemDataRole.ToolTipRole))
    assert "secret" not in tip and "<b>" not in tip and "&lt;b&gt;" in tip  # not rendered
    assert next(model.jobs()).label == url  # the record keeps the URL whole
