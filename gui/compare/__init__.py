"""Comparing runs and showing their code: the "Compare runs" and "Code" tabs.

:func:`add_compare_views` is the window's one hook. The tabs are made once
the window has loaded (right after its first paint, in a staged start), so
they add nothing to the time before the window appears; then they open
beside the console and the code follows whichever experiment's controls
were changed last.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gui.compare.code_view import CodePanel
    from gui.compare.runs_panel import CompareRunsPanel
    from gui.main_window import MainWindow


def add_compare_views(window: MainWindow) -> None:
    """Make the two tabs as soon as ``window`` has loaded; they are then
    ``window.compare_panel`` and ``window.code_panel`` (None until then)."""
    window.compare_panel = None
    window.code_panel = None
    if window.is_loaded():
        _make_views(window)
    else:
        window.loaded.connect(lambda: _make_views(window))


def _make_views(window: MainWindow) -> tuple[CompareRunsPanel, CodePanel]:
    from PySide6.QtCore import QCoreApplication

    from gui.compare.code_view import NAMED, POOL, CodePanel
    from gui.compare.runs_panel import CompareRunsPanel
    from gui.window_layout import add_bottom_tab

    compare = window.compare_panel = CompareRunsPanel(window.store, window)
    code = window.code_panel = CodePanel(window, window)
    # Functions, so that the tabs' words follow a change of language.
    add_bottom_tab(
        window,
        compare,
        lambda: QCoreApplication.translate("MainWindow", "Compare runs"),
        lambda: QCoreApplication.translate(
            "MainWindow", "The session's runs side by side: wall time, start-up, CPU, workers"
        ),
    )
    add_bottom_tab(
        window,
        code,
        lambda: QCoreApplication.translate("MainWindow", "Code"),
        lambda: QCoreApplication.translate(
            "MainWindow", "The Python script that does what the current settings do"
        ),
    )

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
    model = pool.url_editor.list.model()
    for signal in (
        pool.max_workers_spin.valueChanged,
        pool.executor_combo.currentIndexChanged,
        pool.timeout_spin.valueChanged,
        pool.as_completed_check.toggled,
        pool.as_completed_spin.valueChanged,
        pool.verify_tls_check.toggled,
        pool.cluster_changed,
        pool.start_button.clicked,
        # Connected only now, once loading has put the demo site's pages in
        # the list: that was not the teacher changing the pool.
        model.rowsInserted,
        model.rowsRemoved,
        model.rowsMoved,
        model.dataChanged,
    ):
        signal.connect(lambda *_: code.show_experiment(POOL))
    code.refresh()
    # A run may have finished before the tabs were made (Start loads first,
    # so not in practice): the table starts from the record as it is.
    compare.refresh()
    return compare, code


__all__ = ["add_compare_views"]
