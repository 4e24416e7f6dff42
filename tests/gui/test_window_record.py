"""The window's views all follow the one record: events fed to the store
reach the table, the console, the status counts, the progress bar and the
graph's markers. Hand-made events, so the words of each state can be
checked exactly; tests/gui/test_main_window.py drives real runs."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QPlainTextEdit, QProgressBar
from pytestqt.qtbot import QtBot

from gui import MainWindow, words
from gui.results.columns import COL_STATUS
from tests.gui.events_for_tests import (
    cancelled,
    done,
    finished,
    job_started,
    started,
    stopped,
    stopping,
    submitted,
    synthetic_run,
)
from workers.record.session import SessionRecord
from workers.terms import JobState


def _stopped_run(run_id: int = 1) -> list:
    events = [started(run_id, total=5), *[submitted(run_id, j) for j in range(5)]]
    events += [job_started(run_id, 0), job_started(run_id, 1), done(run_id, 0)]
    events += [stopping(run_id, 1), stopped(run_id, 1)]
    events += [cancelled(run_id, j) for j in (2, 3, 4)]
    events.append(finished(run_id, 5, 1, stopped_=1, cancelled_=3, stop_requested=True))
    return events


def test_a_stopped_run_is_told_as_stopped_everywhere(qtbot: QtBot, window: MainWindow) -> None:
    events = _stopped_run()
    window.store.apply_events(events[:8])  # one done, one running, Stop is coming
    window.store.apply_events(events[8:])

    model = window.results_model
    status = [model.data(model.index(r, COL_STATUS)) for r in range(1, 6)]
    assert status == [
        "done",
        "stopped (SIGTERM)",
        "never started",
        "never started",
        "never started",
    ]

    progress = window.findChild(QProgressBar, "runProgress")
    # Two jobs ended (one done, one stopped); three never started: not full.
    assert (progress.value(), progress.maximum()) == (2, 5)
    assert progress.text() == "2 of 5 ended, stopped"

    log = window.findChild(QPlainTextEdit, "logView").toPlainText()
    assert "── Run 1 stopped after 1.50 s: 1 done, 1 stopped, 3 never started ──" in log
    assert "Main-Processing Done!" not in log
    assert "Process ID: 5001, Process Name: 2 stopped (SIGTERM)" in log

    counts = window.status_counts_label.counts()
    assert (counts[JobState.STOPPED], counts[JobState.CANCELLED]) == (1, 3)
    assert "1 stopped" in window.status_counts_label.text()
    assert "3 never started" in window.status_counts_label.text()
    keys = [key for _n, _start, _end, key in window.cpu_plot.run_marks()]
    assert keys == ["1 · 5 processes · forkserver · stopped after 1.5 s"]


def test_a_finished_named_run_ends_with_the_lessons_line(window: MainWindow) -> None:
    window.store.apply_events(synthetic_run(1, 3))
    log = window.log_view.toPlainText()
    assert log.index("Main-Processing Done!") < log.index("── Run 1 finished in 1.50 s: 3 done ──")
    assert "Result of 3 square : 9" in log
    assert window.run_controls.progress.text() == "3 / 3"


def test_keep_earlier_runs_toggles_a_view_filter(qtbot: QtBot, window: MainWindow) -> None:
    keep = window.findChild(QCheckBox, "keepRunsCheck")
    assert keep.isChecked()
    for run_id in (1, 2, 3):
        window.store.apply_events(synthetic_run(run_id, 4))
    model = window.results_model
    assert model.job_count() == 12
    keep.setChecked(False)
    assert model.shown_run_ids() == [3] and model.job_count() == 4
    assert window.status_counts_label.counts()[JobState.DONE] == 4  # what the table shows
    keep.setChecked(True)
    assert model.shown_run_ids() == [1, 2, 3] and model.job_count() == 12
    assert window.status_counts_label.counts()[JobState.DONE] == 12
    keep.setChecked(False)
    keep.setChecked(True)
    assert len(window.store.record.runs()) == 3  # nothing was ever deleted


def test_dropped_runs_are_told_once(qtbot: QtBot, window: MainWindow) -> None:
    window.store._record = SessionRecord(max_runs=2)  # a small bound, before any run
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    for run_id in (1, 2, 3, 4):
        window.store.apply_events(synthetic_run(run_id, 2))
    told = [m for m in messages if "oldest runs" in m]
    assert len(told) == 1
    assert window.results_model.shown_run_ids() == [3, 4]


def test_executor_choice_lists_the_registry(window: MainWindow) -> None:
    combo = window.findChild(QComboBox, "executorCombo")
    assert combo is not None
    choices = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert choices["process"] == "Processes" and choices["thread"] == "Threads"
    assert combo.currentData() == "process"
    combo.setCurrentIndex(combo.findData("thread"))
    assert window.pool_panel.executor() == "thread"
    assert window.pool_panel.options().executor == "thread"


def test_file_menu_exports_and_says_where(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.store.apply_events(synthetic_run(1, 3))
    chosen = [str(tmp_path / "results.csv")]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (chosen[0], ""))
    window.menus.export_csv.trigger()
    with open(chosen[0], encoding="utf-8", newline="") as f:
        assert len(list(csv.DictReader(f))) == 3
    assert window.statusBar().currentMessage() == f"Exported 3 jobs to {chosen[0]}"

    chosen[0] = str(tmp_path / "no such folder" / "trace.json")
    window.menus.export_trace.trigger()
    error = window.error_label
    assert error.isVisible() and error.text().startswith(f"Could not write {chosen[0]}: ")


class _Shouting(QTranslator):
    """The window's own contexts in capitals: shows what follows a language change."""

    def isEmpty(self) -> bool:
        return False  # an empty translator would not announce a LanguageChange

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context not in (words.CONTEXT, "ResultsColumns"):
            return None
        parts = re.split(r"(\{[a-z_]*\})", source)
        return "".join(p if p.startswith("{") else p.upper() for p in parts)


def test_a_language_change_reaches_the_table_and_the_status_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.store.apply_events(synthetic_run(1, 2))
    model = window.results_model
    translator = _Shouting()
    QCoreApplication.installTranslator(translator)  # posts LanguageChange to every widget
    try:
        qtbot.waitUntil(
            lambda: (
                model.data(model.index(1, COL_STATUS)) == "DONE"
                and model.headerData(COL_STATUS, Qt.Orientation.Horizontal) == "STATUS"
            ),
            timeout=5000,
        )
        assert "2 DONE" in window.status_counts_label.text()
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: model.data(model.index(1, COL_STATUS)) == "done", timeout=5000)


def test_the_status_counts_escape_their_words_as_html_escape_does() -> None:
    import html

    from gui.panels.feedback import _as_html_text

    for text in ("running", "a < b & c > d", "&amp; <b>bold</b>", "실행 중"):
        assert _as_html_text(text) == html.escape(text, quote=False)
