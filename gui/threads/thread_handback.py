"""Worker objects end their life on the GUI thread, never in their own.

A QObject subclass made in Python, destroyed in a worker thread, calls back
into Python from its destructor (PySide looks for Python overrides of its
virtual methods) while holding Qt's signal-slot locks. If the GUI thread
holds the GIL at that moment and is emitting a signal that needs one of
those locks (Qt shares a small pool of them between all objects), each
waits for the other for ever: seen here as a window frozen in
``endInsertRows`` while a run's worker was being deleted in its thread.

So a worker never ``deleteLater()``s itself in its thread. As its last act
there it moves itself to the GUI thread; the Python reference that owns it
is dropped on the GUI thread, which then deletes it, holding the GIL as it
does, after its thread has finished.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject


def hand_back_to_gui_thread(worker: QObject) -> None:
    """Move ``worker`` (parentless, running in its own thread, called from
    there) to the application's thread, so it is destroyed there."""
    app = QCoreApplication.instance()
    if app is not None:
        worker.moveToThread(app.thread())
