"""The process inspector: the app's own process tree, live, in a tab
beside the console.

- :mod:`gui.inspector.sampler`: reads the tree off the GUI thread, only while
  the inspector is on screen;
- :mod:`gui.inspector.model`: the rows, merged snapshot by snapshot;
- :mod:`gui.inspector.view`: the widget, with the threads toggle, the note
  on OS titles and the "Python name, OS title, PID" help.

The reading itself is Qt-free: :mod:`workers.process_tree`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gui.inspector.view import ProcessInspector
    from gui.main_window import MainWindow


def install_inspector(window: MainWindow) -> ProcessInspector:
    """Make the inspector and open it as the "Processes" tab beside the
    console. Its sampler starts when the tab is first shown."""
    from PySide6.QtCore import QCoreApplication

    from gui.inspector.view import ProcessInspector
    from gui.window_layout import add_bottom_tab

    inspector = ProcessInspector(window.store, window)
    # Functions, so that the tab's words follow a change of language.
    add_bottom_tab(
        window,
        inspector,
        lambda: QCoreApplication.translate("MainWindow", "Processes"),
        lambda: QCoreApplication.translate(
            "MainWindow", "A small htop of this app's processes: PIDs, names, CPU and memory"
        ),
    )
    return inspector
