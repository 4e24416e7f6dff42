"""File → Export: the kept runs from the window's one record, as a CSV
file (a row per job, for a spreadsheet) or as a trace (a lane per worker,
for chrome://tracing or ui.perfetto.dev)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from gui import words

if TYPE_CHECKING:
    from gui.main_window import MainWindow


def export_csv(window: MainWindow, path: str) -> int:
    """Write every job of the kept runs to ``path`` as CSV; the number of jobs."""
    from workers.record.csv_export import write_csv

    return write_csv(window.store.record, path)


def export_trace(window: MainWindow, path: str) -> None:
    """Write the kept runs to ``path`` as a Chrome/Perfetto trace."""
    from workers.record.trace_export import write_trace

    write_trace(window.store.record, path)


def ask_export_csv(window: MainWindow) -> None:
    """Ask where, then :func:`export_csv` there."""
    title = QCoreApplication.translate("MainWindow", "Export results")
    file_filter = QCoreApplication.translate("MainWindow", "CSV (*.csv)")
    path = _ask_where(window, title, "process-lab-results.csv", file_filter)
    if path:
        _export(window, lambda: export_csv(window, path), path)


def ask_export_trace(window: MainWindow) -> None:
    """Ask where, then :func:`export_trace` there."""
    title = QCoreApplication.translate("MainWindow", "Export trace")
    file_filter = QCoreApplication.translate("MainWindow", "Trace (*.json)")
    path = _ask_where(window, title, "process-lab-trace.json", file_filter)
    if path:
        _export(window, lambda: export_trace(window, path), path)


def _ask_where(window: MainWindow, title: str, name: str, file_filter: str) -> str:
    """The path chosen in a save dialog; "" if none was."""
    from PySide6.QtWidgets import QFileDialog  # dialogs load when first opened

    path, _ = QFileDialog.getSaveFileName(window, title, name, file_filter)
    return path


def _export(window: MainWindow, write: Callable[[], int | None], path: str) -> None:
    try:
        count = write()
    except OSError as exc:
        window.show_error(words.export_failed_text(path, exc))
        return
    if count is None:
        count = window.store.record.job_count
    window.statusBar().showMessage(words.exported_text(count, path), 10_000)
