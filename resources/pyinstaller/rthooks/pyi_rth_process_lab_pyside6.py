"""Process Lab's replacement for PyInstaller's PySide6 run-time hook.

Run-time hooks run at the start of every process of the frozen app, child
processes included. PyInstaller's own PySide6 hook imports PySide6.QtCore
there (to register a qt.conf that the PyPI wheels register themselves): every
spawned child, which never uses Qt, would load Qt's core library for
nothing. This one only points Qt at the bundled plugins, as that hook does,
and imports nothing.
"""

import os
import sys

os.environ["QT_PLUGIN_PATH"] = os.path.join(
    sys._MEIPASS, "PySide6", *([] if sys.platform.startswith("win") else ["Qt"]), "plugins"
)
if sys.platform.startswith("win"):
    # QtNetwork's OpenSSL DLLs may sit at the top of the bundle, as in PyInstaller's hook.
    os.environ["PATH"] = os.pathsep.join(filter(None, [sys._MEIPASS, os.environ.get("PATH")]))
