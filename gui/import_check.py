"""PySide6's look at every module imported after it, made cheap.

Once PySide6 is imported, it looks at each module imported after it, once,
to learn whether its source mentions PySide6 (for its ``__feature__``
switches). It asks ``inspect.getsource``, which reads the file through
``linecache``: it splits the whole source into lines and keeps them for
the rest of the process. The window imports about 500 modules after
PySide6 (numpy's and pyqtgraph's most of all), and that look costs tens of
milliseconds of the start-up and several megabytes kept for nothing.

:func:`cheapen_pyside_import_check` answers the same question by reading
the module's file as bytes, without keeping it; for a module that has no
``.py`` file PySide6's own check still answers. Where PySide6 has no such
check, nothing changes.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable

#: Where PySide6 keeps the check (its ``shibokensupport`` feature module).
FEATURE_MODULE = "PySide6.support.feature"
CHECK_NAME = "_mod_uses_pyside"


def cheapen_pyside_import_check() -> bool:
    """Put the cheaper check in place (once); True if it is in place."""
    feature = sys.modules.get(FEATURE_MODULE)
    own = getattr(feature, CHECK_NAME, None)
    if feature is None or not callable(own):
        return False
    if getattr(own, "cheaper_than", None) is not None:
        return True
    setattr(feature, CHECK_NAME, _cheaper(own))
    return True


def _cheaper(own: Callable[[types.ModuleType], bool]) -> Callable[[types.ModuleType], bool]:
    def mentions_pyside(module: types.ModuleType) -> bool:
        """True if ``module``'s source mentions PySide6, as ``own`` says."""
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None)
        if not isinstance(origin, str) or not origin.endswith(".py"):
            return own(module)
        try:
            with open(origin, "rb") as file:
                return b"PySide6" in file.read()
        except OSError:  # as inspect.getsource fails: no source, no features
            return False

    mentions_pyside.cheaper_than = own  # type: ignore[attr-defined]
    return mentions_pyside
