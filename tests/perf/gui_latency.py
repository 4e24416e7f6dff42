"""GUI benchmark 2, latency: a job's end in its child to its row shown as
done in the window's table, and to the table's next repaint (see bench_gui.py)."""

from __future__ import annotations

import time

from _bench import Figure
from gui_common import (
    SMALL_RUN,
    OtherLoad,
    close_window,
    load_note,
    open_window,
    percentile,
    progress,
    quiet,
    run_named,
    warm_up,
)

LATENCY_TARGET_MS = 100.0


def _latency_once(window):
    """One run through ``window``: (RunFinished or None, {job: seconds from the
    child's finish to the model showing it done}, {job: … to the table's next
    repaint})."""
    from PySide6.QtCore import QEvent, QObject

    from gui.results.results_model import COL_STATUS, StateRole
    from workers.events import JobDone

    model = window.results_model
    finished_at: dict[tuple[int, int], float] = {}  # the child's finished_mono
    in_model: dict[tuple[int, int], float] = {}
    on_screen: dict[tuple[int, int], float] = {}
    unpainted: list[tuple[int, int]] = []

    def on_store_changed(change) -> None:
        now = time.monotonic()
        for ev in change.events:
            if not isinstance(ev, JobDone) or (ev.run_id, ev.job_id) in in_model:
                continue
            key = (ev.run_id, ev.job_id)
            row = model.row_for_job(*key)
            if row is not None and model.index(row, COL_STATUS).data(StateRole) == "done":
                finished_at[key] = ev.finished_mono
                in_model[key] = now - ev.finished_mono
                unpainted.append(key)

    class PaintWatch(QObject):
        def eventFilter(self, _obj, event) -> bool:
            if event.type() == QEvent.Type.Paint and unpainted:
                now = time.monotonic()
                for key in unpainted:
                    on_screen[key] = now - finished_at[key]
                unpainted.clear()
            return False

    # Connected after the table's model (at the window's construction), so
    # Qt calls this once the model has taken the batch in.
    window.store.changed.connect(on_store_changed)
    watch = PaintWatch()
    viewport = window.results_view.viewport()
    viewport.installEventFilter(watch)
    try:
        finished, _wall, _gaps = run_named(window, SMALL_RUN)
    finally:
        viewport.removeEventFilter(watch)
        window.store.changed.disconnect(on_store_changed)
    return finished, in_model, on_screen


def bench_latency(quick: bool) -> list[Figure]:
    reps = 1 if quick else 3
    warm_up()
    p50s, p95s, maxima, paint_p95s, problems = [], [], [], [], []
    before, during = [], []
    pooled: list[float] = []
    for rep in range(reps):
        progress(f"latency: {SMALL_RUN} processes, run {rep + 1}/{reps}")
        before.append(quiet())
        window = open_window()
        try:
            with OtherLoad() as load:
                finished, in_model, on_screen = _latency_once(window)
            during.append(load.share)
        finally:
            close_window(window)
        if finished is None or len(in_model) != SMALL_RUN:
            problems.append(f"run {rep + 1}: {len(in_model)} JobDone rows seen; {finished}")
        if not in_model:
            continue
        ms = [1000 * v for v in in_model.values()]
        pooled += ms
        p50s.append(percentile(ms, 50))
        p95s.append(percentile(ms, 95))
        maxima.append(max(ms))
        if on_screen:
            paint_p95s.append(percentile([1000 * v for v in on_screen.values()], 95))
    if not p95s:
        note = "; ".join(problems)
        return [Figure("latency", "finish -> model p95", [0.0], "ms", failed=True, note=note)]
    note = (
        f"all {len(pooled)} jobs pooled: p50 {percentile(pooled, 50):.1f} ms,"
        f" p95 {percentile(pooled, 95):.1f} ms, max {max(pooled):.1f} ms;"
        f" {load_note(before, during)}"
    )
    if problems:
        note += "; " + "; ".join(problems)
    figures = [
        Figure("latency", "finish -> model p50", p50s, "ms"),
        Figure("latency", "finish -> model p95", p95s, "ms", LATENCY_TARGET_MS, note=note),
        Figure("latency", "finish -> model max", maxima, "ms"),
    ]
    if problems:
        figures[1].failed = True
    if paint_p95s:
        figures.append(Figure("latency", "finish -> table repaint p95", paint_p95s, "ms"))
    return figures
