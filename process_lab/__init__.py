"""Process Lab, as installed by pip or pipx: the entry points' package.

The app itself keeps its source layout (``main.py``, ``gui/``, ``workers/``,
``resources/``), installed side by side under ``process_lab/app/`` so that
generic names like ``gui`` and ``workers`` never land at the top of a shared
site-packages. :mod:`process_lab.launch` puts that folder on ``sys.path``
before it starts the app (see its docstring for why that is safe for child
processes too).
"""
