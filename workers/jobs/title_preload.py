"""Imported by the forkserver as one of its preloads, and nowhere else.

Loading setproctitle's C part once in the forkserver means every child it
forks only writes its title (see :mod:`workers.jobs.proc_title`). Without
the ``titles`` extra, importing this does nothing.
"""

from __future__ import annotations

from workers.jobs.proc_title import preload

preload()
