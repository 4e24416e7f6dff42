"""Experiment runs driven by ``poll()``: what is common to all, the named
processes and the pool.

:func:`make_named_run` picks the named experiment's run from its options
(a process per job, or a thread per job), so neither the window nor the
command line branches on it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: named children import this package

if TYPE_CHECKING:
    from workers.options import NamedOptions
    from workers.runs.run_base import Run


def make_named_run(options: NamedOptions) -> Run:
    """The named experiment's run for ``options.run_as``: processes (the
    lesson) or threads. Raises OptionsError for bad options (each run
    validates its own)."""
    if options.run_as == "threads":
        from workers.runs.named_thread_run import NamedThreadRun

        return NamedThreadRun(options)
    from workers.runs.named_run import NamedProcessRun

    return NamedProcessRun(options)


__all__ = ["make_named_run"]
