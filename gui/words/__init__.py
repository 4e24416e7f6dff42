"""Every word the window says about jobs, failures, runs and bad input.

One package, one translation context; split by subject:
:mod:`gui.words.base` (``tr``, states, cutting outside text),
:mod:`gui.words.failures`, :mod:`gui.words.options` (bad input) and
:mod:`gui.words.runs`. Import from here: ``from gui import words``.

The engine speaks in data (:class:`~workers.terms.JobState`,
:class:`~workers.failures.Failure`, ``OptionsError.code``); this module turns
that data into translated text for the table, tooltips, the console, the
status bar, the progress bar and dialogs, so no English sentence made by the
engine reaches people in the window. Everything goes through :func:`tr`
(``QCoreApplication.translate`` with the fixed context ``"Words"``), so
a ``.qm`` file for the context translates all of it. A test fails when a
state, a failure kind or an options problem has no words here.

The failure formats are looked up once and kept until :func:`retranslate`
(the window calls it on ``LanguageChange``); everything else is translated
when called. Callers that draw thousands of cells (the results model) cache
what they need and re-read it on ``LanguageChange`` too.
"""

from __future__ import annotations

from gui.words.base import (
    CONTEXT,
    MAX_SHOWN,
    Words,
    retranslate,
    shown,
    shown_url,
    state_word,
    state_words,
    tr,
)
from gui.words.failures import failure_formats, failure_text, failure_tooltip, status_text
from gui.words.options import (
    not_started_text,
    options_error_text,
    options_formats,
    over_safe_limit_question,
)
from gui.words.runs import (
    counts_text,
    dashboard_line,
    dropped_runs_notice,
    executor_name,
    executor_tip,
    experiment_name,
    export_failed_text,
    exported_text,
    marker_end_text,
    marker_start_text,
    progress_text,
    run_heading,
    run_name,
    run_outcome,
    run_size,
    run_summary,
    run_title,
    run_tooltip,
    stopping_line,
    stopping_notice,
    timeout_notice,
)
from gui.words.timeline import (
    bar_tooltip,
    lanes_title,
    queue_title,
    run_key_text,
    worker_lane_label,
)

__all__ = [
    "CONTEXT",
    "MAX_SHOWN",
    "Words",
    "bar_tooltip",
    "counts_text",
    "dashboard_line",
    "dropped_runs_notice",
    "executor_name",
    "executor_tip",
    "experiment_name",
    "export_failed_text",
    "exported_text",
    "failure_formats",
    "failure_text",
    "failure_tooltip",
    "lanes_title",
    "marker_end_text",
    "marker_start_text",
    "not_started_text",
    "options_error_text",
    "options_formats",
    "over_safe_limit_question",
    "progress_text",
    "queue_title",
    "retranslate",
    "run_heading",
    "run_key_text",
    "run_name",
    "run_outcome",
    "run_size",
    "run_summary",
    "run_title",
    "run_tooltip",
    "shown",
    "shown_url",
    "state_word",
    "state_words",
    "status_text",
    "stopping_line",
    "stopping_notice",
    "timeout_notice",
    "tr",
    "worker_lane_label",
]
