"""Graphs that repaint with the rest of the window, once a frame.

Qt's graphics view normally turns its scene's changes into a repaint on the
spot: when the scene processes its changed items (a queued call), the view
asks its window to paint everything dirty at once, before the event loop
goes on. With two graphs (the CPU graph and the timeline), a table and a
console changing at different moments of a run, one pass of the event loop
could paint the whole window two or three times over, and the table each
time (measured: 90-140 ms without a timer tick during a 100-process run).

Here the view leaves its viewport alone (``NoViewportUpdate``) and the
scene's ``changed`` signal marks it dirty instead, like any other widget: Qt
then paints what is dirty in the window once, at its next update request.

The scene sends ``changed`` from a queued call, in the next pass of the
event loop; a change that must be painted in the frame it was made in (the
graphs' clock tick, which takes a frame of its own: see
:mod:`gui.frame_gate`) asks for it at once with :func:`changes_now`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QRectF
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView


def paint_with_window(view: QGraphicsView) -> None:
    """Let ``view`` repaint at the window's pace (see the module docstring)."""
    view.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.NoViewportUpdate)

    def mark_dirty(rects: list[QRectF]) -> None:
        # Only what changed, as the view itself would: a moving curve must
        # not repaint the axes beside it every frame.
        region = QRegion()
        for rect in rects:
            region += view.mapFromScene(rect).boundingRect().adjusted(-1, -1, 1, 1)
        view.viewport().update(region)

    view.scene().changed.connect(mark_dirty)


def changes_now(scene: QGraphicsScene) -> None:
    """Send ``scene``'s pending ``changed`` now, not in the next pass of the
    event loop: its viewports are then marked dirty in this frame."""
    QCoreApplication.sendPostedEvents(scene, QEvent.Type.MetaCall.value)
