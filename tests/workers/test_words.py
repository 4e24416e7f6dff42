"""The command line's words: every state, failure kind and settings problem
has some, they read as the lesson's console did, and a stopped run says so."""

from __future__ import annotations

import dataclasses

import pytest

from workers.cli.words import (
    FAILURE_WORDS,
    OPTIONS_WORDS,
    STATE_WORDS,
    failure_text,
    options_error_text,
    run_summary,
    state_word,
    stopping_text,
)
from workers.events import RunFinished, RunStopping
from workers.failures import Failure, FailureKind
from workers.options import OptionsError, OptionsProblem
from workers.terms import JobState

K = FailureKind


def _finished(**counts: object) -> RunFinished:
    fields = {"total": 0, "done": 0, "failed": 0, "killed": 0, "stopped": 0, "cancelled": 0}
    fields.update(counts)  # type: ignore[arg-type]
    fields.setdefault("elapsed", 2.49)
    return RunFinished(3, **fields)  # type: ignore[arg-type]


# -- nothing without words ---------------------------------------------------------------


def test_every_job_state_has_a_word() -> None:
    assert set(STATE_WORDS) == set(JobState)
    for state in JobState:
        word = state_word(state)
        assert word and word.strip() == word
    assert state_word(JobState.STOPPED) == "stopped"
    assert state_word(JobState("cancelled")) == "cancelled"


@pytest.mark.parametrize("kind", list(FailureKind))
def test_every_failure_kind_has_one_line_even_with_no_details(kind: FailureKind) -> None:
    assert kind in FAILURE_WORDS
    text = failure_text(Failure(kind))
    assert text and "\n" not in text and "None" not in text


@pytest.mark.parametrize("problem", list(OptionsProblem))
def test_every_options_problem_has_one_line_even_with_no_details(
    problem: OptionsProblem,
) -> None:
    assert problem in OPTIONS_WORDS
    text = options_error_text(OptionsError(problem))
    assert text and "\n" not in text


# -- failures, as the lesson's console says them -------------------------------------------


@pytest.mark.parametrize(
    ("failure", "text"),
    [
        (Failure(K.HTTP_STATUS, status=404, phrase="Not Found"), "HTTP 404 Not Found"),
        (Failure(K.HTTP_STATUS, status=404), "HTTP 404 Not Found"),  # no phrase sent
        (Failure(K.HTTP_STATUS, status=799), "HTTP 799 error"),
        (Failure(K.HOST_NOT_FOUND, host="x"), "could not find host 'x'"),
        (Failure(K.REFUSED, host="127.0.0.1", port=80), "connection refused by 127.0.0.1:80"),
        (Failure(K.REFUSED, host="::1", port=8000), "connection refused by [::1]:8000"),
        (Failure(K.TIMEOUT, limit=0.5, count=0), "timed out after 0.5 s"),
        (Failure(K.TOO_LARGE, limit=20 * 1024 * 1024), "page is larger than the 20 MiB cap"),
        (Failure(K.TOO_MANY_REDIRECTS, limit=10), "too many redirects (more than 10)"),
        (
            Failure(K.SCHEME_NOT_ALLOWED, scheme="file"),
            "scheme 'file' is not allowed: only http and https pages are fetched",
        ),
        (
            Failure(K.CLOSED_EARLY, count=10, expected=20),
            "connection closed early: got 10 of 20 bytes",
        ),
        (Failure(K.KILLED, signal="SIGKILL"), "killed by SIGKILL"),
        (Failure(K.KILLED, signal="SIGKILL", pid=123), "pool worker 123 was killed by SIGKILL"),
        (
            Failure(K.WORKER_DIED, exit_code=3, pid=123),
            "pool worker 123 exited with status 3",
        ),
        (Failure(K.STOPPED, signal="SIGTERM"), "stopped (SIGTERM)"),
        (Failure(K.STOPPED), "stopped"),
        (Failure(K.NEVER_STARTED), "never started"),
        (Failure(K.EXITED, exit_code=0), "exited without reporting a result"),
        (Failure(K.EXITED, exit_code=3), "exited with status 3 without reporting a result"),
        (
            Failure(K.START_FAILED, exc_type="BlockingIOError", message="Resource busy"),
            "could not start the process: Resource busy",
        ),
        (
            Failure(K.CRASHED, exc_type="ValueError", message="bad", detail="Traceback…"),
            "ValueError: bad",
        ),
        (Failure(K.ERROR, exc_type="RuntimeError", message="odd"), "RuntimeError: odd"),
    ],
)
def test_failure_text(failure: Failure, text: str) -> None:
    assert failure_text(failure) == text


def test_outside_text_with_newlines_stays_on_one_line() -> None:
    failure = Failure(K.CRASHED, exc_type="ValueError", message="two\nlines")
    assert failure_text(failure) == "ValueError: two lines"


# -- the run ------------------------------------------------------------------------------------


def test_a_stopped_run_says_so_with_every_count() -> None:
    finished = _finished(total=100, done=11, stopped=8, cancelled=81, stop_requested=True)
    assert run_summary(finished, 3) == (
        "── Run 3 stopped after 2.49 s: 11 done, 8 stopped, 81 never started ──"
    )
    assert "Done" not in run_summary(finished)
    assert run_summary(finished).startswith("── Run stopped after")


def test_a_finished_run_names_only_the_counts_that_happened() -> None:
    finished = _finished(total=10, done=8, failed=1, killed=1)
    assert run_summary(finished, 1) == "── Run 1 finished in 2.49 s: 8 done, 1 failed, 1 killed ──"
    assert run_summary(dataclasses.replace(finished, done=10, failed=0, killed=0)) == (
        "── Run finished in 2.49 s: 10 done ──"
    )


def test_stopping_says_what_can_and_cannot_be_ended() -> None:
    ends = stopping_text(RunStopping(1, running=3, can_end_running=True, wait_limit=2.0))
    assert ends.startswith("Stopping") and "3 running jobs" in ends and "2 s" in ends
    waits = stopping_text(RunStopping(1, running=1, can_end_running=False, wait_limit=60.0))
    assert "1 running job cannot be ended" in waits and "60 s" in waits


def test_outside_text_is_made_safe_to_show() -> None:
    sneaky = Failure(K.CRASHED, exc_type="ValueError", message="evil\u202egpj.exe" + "x" * 1000)
    text = failure_text(sneaky)
    assert "\u202e" not in text and "\\u202e" in text
    assert len(text) < 400


def test_lesson_lines_hide_passwords_and_name_pending_jobs() -> None:
    from workers.cli.lesson_text import lesson_lines
    from workers.events import AsCompletedTimedOut, JobDone
    from workers.terms import Experiment, process_worker

    url = "http://user:secret@127.0.0.1:9/page"
    done = JobDone(1, job_id=0, label=url, worker=process_worker(7), nbytes=3, status=200)
    (line,) = lesson_lines(done, Experiment.POOL)
    assert "secret" not in line and line.endswith("page is 3 bytes")
    timed_out = AsCompletedTimedOut(1, timeout=0.5, pending=(1, 2))
    labels = {1: "http://a/", 2: "http://b/"}
    (line,) = lesson_lines(timed_out, Experiment.POOL, labels)
    assert line == (
        "as_completed timed out after 0.5 s with 2 futures unfinished: "
        "'http://a/', 'http://b/'; they are reported as they end"
    )
