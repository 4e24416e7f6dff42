"""Process Lab's replacement for PyInstaller's ``inspect`` run-time hook: none.

PyInstaller's hook imports ``inspect`` and ``zipfile`` (and with them ast,
dis, lzma, bz2 and pathlib) at the start of every process of the frozen app,
child processes included, and reads the list of ``base_library.zip``, all to
let ``inspect.getsource()`` find the source of frozen modules. Process Lab
never asks for source code (nor do numpy, pyqtgraph or psutil, outside
psutil's PSUTIL_DEBUG mode, which copes without it), and every spawned child
would pay for it, so nothing runs here.
"""
