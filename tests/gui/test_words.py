"""The window's words: every state, failure kind and options problem has
some, they read as the issue says, and all of them go through tr()."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from gui import words
from gui.session_store import SessionStore
from tests.gui.events_for_tests import (
    cancelled,
    done,
    finished,
    job_started,
    started,
    stopped,
    stopping,
    submitted,
)
from workers.events import AsCompletedTimedOut
from workers.failures import Failure, FailureKind
from workers.options import NamedOptions, OptionsError, OptionsProblem, PoolOptions
from workers.terms import Experiment, JobState

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def test_every_state_has_its_own_words() -> None:
    state_words = words.state_words()
    assert set(state_words) == set(JobState)
    assert all(state_words.values())
    assert len(set(state_words.values())) == len(JobState)  # no two states said alike
    assert state_words[JobState.STOPPED] == "stopped"
    assert state_words[JobState.CANCELLED] == "never started"


def test_every_failure_kind_has_words() -> None:
    assert set(words.failure_formats()) == set(FailureKind)
    for kind in FailureKind:
        text = words.failure_text(Failure(kind))  # no details at all: still a sentence
        assert text and not PLACEHOLDER.search(text), kind
        assert words.failure_tooltip(Failure(kind)).startswith(text)


def test_every_options_problem_has_words() -> None:
    formats = words.options_formats()
    assert set(formats) == {problem.value for problem in OptionsProblem}
    for problem in OptionsProblem:
        text = words.options_error_text(OptionsError(problem))  # no details: still a sentence
        assert text and not PLACEHOLDER.search(text), problem


@pytest.mark.parametrize(
    ("failure", "text"),
    [
        (Failure(FailureKind.HTTP_STATUS, status=404, phrase="Not Found"), "HTTP 404 Not Found"),
        (Failure(FailureKind.HTTP_STATUS, status=503), "HTTP 503 Service Unavailable"),
        (
            Failure(FailureKind.HOST_NOT_FOUND, host="nowhere.invalid"),
            "could not find host 'nowhere.invalid'",
        ),
        (Failure(FailureKind.KILLED, signal="SIGKILL"), "killed by SIGKILL"),
        (Failure(FailureKind.STOPPED, signal="SIGTERM"), "stopped (SIGTERM)"),
        (Failure(FailureKind.STOPPED), "stopped"),
        (Failure(FailureKind.NEVER_STARTED), "never started"),
        (Failure(FailureKind.TIMEOUT, limit=60.0), "no answer within 60 s"),
        (
            Failure(FailureKind.REFUSED, host="127.0.0.1", port=9),
            "127.0.0.1:9 refused the connection",
        ),
        (
            Failure(FailureKind.SCHEME_NOT_ALLOWED, scheme="file"),
            "scheme 'file' is not allowed (only http and https are fetched)",
        ),
    ],
)
def test_failure_words(failure: Failure, text: str) -> None:
    assert words.failure_text(failure) == text


def test_status_cells_say_the_state_and_the_reason() -> None:
    not_found = Failure(FailureKind.HTTP_STATUS, status=404, phrase="Not Found")
    assert words.status_text(JobState.FAILED, not_found) == "failed: HTTP 404 Not Found"
    killed = Failure(FailureKind.KILLED, signal="SIGKILL")
    assert words.status_text(JobState.KILLED, killed) == "killed by SIGKILL"
    assert words.status_text(JobState.DONE, None) == "done"
    assert words.status_text(JobState.PENDING, None) == "waiting"


def test_long_outside_text_is_cut_and_kept_whole_in_the_tooltip() -> None:
    message = "x" * 500
    failure = Failure(FailureKind.CRASHED, exc_type="ValueError", message=message)
    assert len(words.failure_text(failure)) <= words.MAX_SHOWN
    assert message in words.failure_tooltip(failure)
    url = "http://example.org/" + "a" * 300 + "/end.html"
    cut = words.shown(url)
    assert cut.startswith("http://example.org/") and cut.endswith("end.html") and "…" in cut


def test_options_errors_are_said_from_their_code() -> None:
    with pytest.raises(OptionsError) as caught:
        NamedOptions(processes=3, sleep_min=5.0, sleep_max=1.0).validate()
    assert words.not_started_text(caught.value) == (
        "Not started: the sleep range is backwards: the minimum 5 s is more than the maximum 1 s"
    )
    with pytest.raises(OptionsError) as caught:
        PoolOptions(urls=("http://a/",), executor="nope").validate()
    text = words.options_error_text(caught.value)
    assert text.startswith("there is no executor 'nope' (choose one of: process, dask, thread")
    # A detail the words expect but the engine left out: "?", never a KeyError.
    assert "?" in words.options_error_text(OptionsError(OptionsProblem.BAD_POOL_SIZE))
    over = OptionsError(
        OptionsProblem.OVER_SAFE_LIMIT, processes=9, limit=4, basis="cores", cores=2, per_core=2
    )
    assert words.options_error_text(over) == (
        "9 processes is more than this machine safely runs (4: 2 cores × 2 processes per core)"
    )
    assert words.options_error_text(ValueError("plain")) == "plain"


def test_run_lines_for_a_stopped_run(qapp: QApplication) -> None:
    store = SessionStore()
    events = [started(1, total=5), *[submitted(1, j) for j in range(5)]]
    events += [job_started(1, 0), job_started(1, 1), done(1, 0), stopping(1, 1)]
    events += [stopped(1, 1), cancelled(1, 2), cancelled(1, 3), cancelled(1, 4)]
    events.append(finished(1, 5, 1, stopped_=1, cancelled_=3, stop_requested=True))
    store.apply_events(events)
    run = store.record.run(1)
    assert words.run_summary(run) == (
        "── Run 1 stopped after 1.50 s: 1 done, 1 stopped, 3 never started ──"
    )
    assert words.run_heading(run) == "── Run 1: starting 5 processes (forkserver) ──"
    assert words.marker_end_text(run) == "Run 1 stopped · 1.5 s"
    assert words.progress_text(2, 5, stopped=True) == "2 of 5 ended, stopped"
    assert words.progress_text(2, 5, stopped=False) == "2 / 5"


def test_pool_run_lines(qapp: QApplication) -> None:
    store = SessionStore()
    store.apply_events(
        [
            started(1, total=3, experiment=Experiment.POOL, executor="thread", workers=2),
            submitted(1, 0, "http://a/"),
            submitted(1, 1, "http://b/"),
            AsCompletedTimedOut(1, timeout=1.0, pending=(0, 1)),
        ]
    )
    run = store.record.run(1)
    assert (
        words.run_heading(run) == "── Run 1: fetching 3 URLs · 2 threads (Threads) (forkserver) ──"
    )
    notice = words.timeout_notice(run, run.as_completed_timeout)
    assert "timeout=1" in notice and "2 still running" in notice and "http://a/" in notice


class _Shouting(QTranslator):
    """Translates the Words context into capitals, to show what goes through tr()."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context != words.CONTEXT:
            return None
        # As a translator would: the placeholders stay as they are.
        parts = re.split(r"(\{[a-z_]*\})", source)
        return "".join(p if PLACEHOLDER.fullmatch(p) else p.upper() for p in parts)


@pytest.fixture
def shouting(qapp: QApplication) -> Iterator[None]:
    translator = _Shouting()
    QCoreApplication.installTranslator(translator)
    words.retranslate()
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)
        words.retranslate()


def test_words_go_through_the_translator(shouting: None) -> None:
    assert words.state_word(JobState.CANCELLED) == "NEVER STARTED"
    killed = Failure(FailureKind.KILLED, signal="SIGKILL")
    # The signal's name is data; the words around it are translated.
    assert words.status_text(JobState.KILLED, killed) == "KILLED BY SIGKILL"
    assert words.progress_text(1, 2, stopped=True) == "1 OF 2 ENDED, STOPPED"
