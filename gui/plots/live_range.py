"""The graphs' shared time: one x coordinate, one clock tick, Follow live or Pause.

Both graphs put time on x as seconds of ``time.monotonic()`` since the
session's *origin* (when the graphs were made), and link their x ranges,
so zooming or panning one moves the other. A :class:`LiveRange` owns that:

- **one timer** for both graphs, running only while one of them is shown,
  at ``REDRAW_HZ`` while a run goes and ``IDLE_HZ`` while none does (an
  idle window costs a few percent of a core less); each tick moves the
  live edge and emits :attr:`ticked`, on which each graph redraws what
  moved, in one paint per graph;
- **Follow live**: each tick shows the last :attr:`history` seconds up to
  now (or the whole session). Moving the view by hand (dragging, the
  wheel) or **Pause** stops following: the view stays where it is while
  runs go on, and can be panned back over the whole session;
- **history length**: 1 min, 5 min or the whole session, the span Follow
  live shows.

Why move the view rather than the data: with time fixed to the data, the
curves and bars are built once per change, not once per frame, and looking
back is only a different view range.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from gui.frame_gate import frame_gate
from gui.plots.window_paced import changes_now

REDRAW_HZ = 10  # while a run goes: ~1.5 px of scroll per frame reads as smooth
IDLE_HZ = 2  # while none does: each frame shows the two newest samples
WINDOW_S = 60.0  # the default span: the last minute
#: The history lengths offered, in seconds; None is the whole session.
HISTORY_CHOICES: tuple[float | None, ...] = (60.0, 300.0, None)
#: How far left of the origin the view may go (the longest history at start-up).
_X_MIN = -max(h for h in HISTORY_CHOICES if h is not None) - 10.0


class LiveRange(QObject):
    """The x range the graphs share, and the clock that moves it.

    ``clock`` is ``time.monotonic`` unless a test passes its own; ``origin``
    (monotonic seconds at x = 0) defaults to the clock's time now.
    """

    ticked = Signal(float)  # the clock's now, once a frame while a graph is shown
    following_changed = Signal(bool)
    history_changed = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        origin: float | None = None,
        timer_name: str = "liveRangeTimer",
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.origin = clock() if origin is None else origin
        self._following = True
        self._history: float | None = WINDOW_S
        self._views: list[pg.ViewBox] = []  # the first one leads; the others link to it
        self._followers: list[pg.ViewBox] = []  # views linked on x by their graph
        self._watched: list[QWidget] = []
        self._timer = QTimer(self)
        self._timer.setObjectName(timer_name)
        self._timer.setInterval(round(1000 / IDLE_HZ))
        self._timer.timeout.connect(self._on_timer)

    # -- time ----------------------------------------------------------------

    def now(self) -> float:
        return self._clock()

    def x_of(self, t_mono: float) -> float:
        """The x coordinate of a monotonic time."""
        return t_mono - self.origin

    def t_of(self, x: float) -> float:
        """The monotonic time at an x coordinate."""
        return x + self.origin

    # -- views ---------------------------------------------------------------

    def add_view(self, view: pg.ViewBox) -> None:
        """Share the x range with ``view`` (the first view added leads)."""
        if self._views:
            view.setXLink(self._views[0])
        else:
            view.setLimits(xMin=_X_MIN)
            self._apply_range(self.now())
        self._views.append(view)
        view.sigRangeChangedManually.connect(self._on_moved_by_hand)

    def add_follower(self, view: pg.ViewBox) -> None:
        """A view its graph links on x itself (the CPU graph's process counts):
        moved with the others each frame."""
        self._followers.append(view)

    def x_range(self) -> tuple[float, float]:
        """The x range in view: while following, the one the next tick shows
        (up to now, even between ticks or while no graph is shown)."""
        if self._following or not self._views:
            return self._live_range(self.now())
        low, high = self._views[0].viewRange()[0]
        return float(low), float(high)

    def show_x_range(self, low: float, high: float) -> None:
        """Show ``low`` to ``high`` (x), which pauses following."""
        self.pause()
        if self._views:
            self._views[0].setXRange(low, high, padding=0)

    def watch(self, widget: QWidget) -> None:
        """Tick while ``widget`` (or another watched one) is shown."""
        self._watched.append(widget)
        widget.installEventFilter(self)
        self._update_timer()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show:
            self._update_timer()
            self.tick()  # at once: what shows is current
        elif kind == QEvent.Type.Hide:
            self._update_timer(hiding=obj)
        return False

    def _update_timer(self, hiding: QObject | None = None) -> None:
        # Nobody is watching: a hidden or minimised graph costs nothing.
        shown = any(w.isVisible() and w is not hiding for w in self._watched)
        if shown and not self._timer.isActive():
            self._timer.start()
        elif not shown and self._timer.isActive():
            self._timer.stop()

    def set_busy(self, busy: bool) -> None:
        """A run goes on (tick at ``REDRAW_HZ``) or none does (``IDLE_HZ``)."""
        self._timer.setInterval(round(1000 / (REDRAW_HZ if busy else IDLE_HZ)))

    @property
    def ticking(self) -> bool:
        """The clock runs: a graph is shown, and each tick redraws it."""
        return self._timer.isActive()

    @property
    def busy(self) -> bool:
        return self._timer.interval() == round(1000 / REDRAW_HZ)

    # -- following -----------------------------------------------------------

    @property
    def following(self) -> bool:
        return self._following

    @property
    def history(self) -> float | None:
        """Seconds Follow live shows; None for the whole session."""
        return self._history

    @Slot()
    def follow(self) -> None:
        """Follow live again: the view jumps to now."""
        if not self._following:
            self._following = True
            self.following_changed.emit(True)
        self.tick()

    @Slot()
    def pause(self) -> None:
        """Freeze the view where it is; runs go on."""
        if self._following:
            self._following = False
            self.following_changed.emit(False)

    def set_history(self, seconds: float | None) -> None:
        """The span Follow live shows (None: the whole session); follows live."""
        if seconds != self._history:
            self._history = seconds
            self.history_changed.emit()
        self.follow()

    @Slot()
    def _on_timer(self) -> None:
        # A batch of results may have this frame: the graphs move in the next.
        if frame_gate().take():
            self.tick()
        else:
            frame_gate().after_frame(self._on_timer)

    @Slot()
    def tick(self) -> None:
        """Move the live edge to now (if following) and let the graphs redraw."""
        now = self.now()
        if self._following:
            self._apply_range(now)
        self.ticked.emit(now)
        # Painted in this frame, the one the tick took, not in the next one.
        for scene in {view.scene() for view in self._views} - {None}:
            changes_now(scene)

    def _live_range(self, now: float) -> tuple[float, float]:
        high = now - self.origin
        if self._history is None:
            return 0.0, max(high, WINDOW_S)
        return high - self._history, high

    def _apply_range(self, now: float) -> None:
        if self._views:
            low, high = self._live_range(now)
            self._views[0].setXRange(low, high, padding=0)
            # pyqtgraph moves a view's contents only when the scene is about to
            # paint, and that move asks for another paint: every frame would
            # be painted twice. Moved now, one paint shows it.
            for view in (*self._views, *self._followers):
                view.updateMatrix()

    @Slot(object)
    def _on_moved_by_hand(self, _mask: object) -> None:
        self.pause()  # whoever moves the view wants to look at it, not at now
