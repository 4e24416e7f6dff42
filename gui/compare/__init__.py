"""Comparing runs and showing their code: the "Compare runs" and "Code" tabs.

:func:`add_compare_views` is the window's one hook: it opens both tabs beside
the console and makes the code follow whichever experiment's controls were
changed last.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.compare.code_view import NAMED, POOL, CodePanel
from gui.compare.runs_panel import CompareRunsPanel
from gui.window_layout import add_bottom_tab

if TYPE_CHECKING:
    from gui.main_window import MainWindow


def add_compare_views(window: MainWindow) -> tuple[CompareRunsPanel, CodePanel]:
    """Open the two tabs and wire the code to the controls; the two panels."""
    compare = CompareRunsPanel(window.store, window)
    code = CodePanel(window, window)
    add_bottom_tab(window, compare, window.tr("Compare runs"))
    add_bottom_tab(window, code, window.tr("Code"))

    named = window.named_panel
    for signal in (
        named.process_count_spin.valueChanged,
        named.sleep_min_spin.valueChanged,
        named.sleep_max_spin.valueChanged,
        named.workload_combo.currentIndexChanged,
        named.start_method_combo.currentIndexChanged,
        named.run_as_combo.currentIndexChanged,
        named.start_button.clicked,
    ):
        signal.connect(lambda *_: code.show_experiment(NAMED))
    pool = window.pool_panel
    for signal in (
        pool.max_workers_spin.valueChanged,
        pool.executor_combo.currentIndexChanged,
        pool.timeout_spin.valueChanged,
        pool.as_completed_check.toggled,
        pool.as_completed_spin.valueChanged,
        pool.verify_tls_check.toggled,
        pool.start_button.clicked,
    ):
        signal.connect(lambda *_: code.show_experiment(POOL))

    def follow_url_list() -> None:
        # Only once loaded: loading puts the demo site's pages in the list,
        # which is not the teacher changing the pool.
        model = pool.url_editor.list.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.dataChanged):
            signal.connect(lambda *_: code.show_experiment(POOL))
        code.refresh()  # the first script (with the demo pages, for the pool)

    if window.is_loaded():
        follow_url_list()
    else:
        window.loaded.connect(follow_url_list)
    return compare, code


__all__ = ["CodePanel", "CompareRunsPanel", "add_compare_views"]
