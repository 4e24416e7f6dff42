"""PySide6's look at each imported module, made cheap (gui/import_check.py):
the same answer for every module this process has imported, without
keeping their sources."""

from __future__ import annotations

import linecache
import sys

from gui.import_check import CHECK_NAME, FEATURE_MODULE, cheapen_pyside_import_check


def test_the_cheaper_check_answers_as_pyside6_s_own_for_every_module() -> None:
    assert cheapen_pyside_import_check()  # PySide6 has the check, and it is ours now
    cheap = getattr(sys.modules[FEATURE_MODULE], CHECK_NAME)
    own = cheap.cheaper_than
    modules = [m for m in list(sys.modules.values()) if getattr(m, "__spec__", None) is not None]
    assert len(modules) > 300  # ours, the standard library's, numpy's, pyqtgraph's
    mentioning = 0
    for module in modules:
        answer = cheap(module)
        assert answer == own(module), module.__name__
        mentioning += answer
    assert mentioning > 50  # the window's own modules, pyqtgraph's Qt layer


def test_the_cheaper_check_keeps_no_source() -> None:
    cheapen_pyside_import_check()
    cheap = getattr(sys.modules[FEATURE_MODULE], CHECK_NAME)
    import gui.import_check as module

    linecache.clearcache()
    assert cheap(module)  # it mentions PySide6
    assert module.__file__ not in linecache.cache
