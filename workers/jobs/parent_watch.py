"""Children that end when the app ends, however abruptly it ends.

Killed with SIGKILL (or by a segfault, or by the out-of-memory killer), the
app runs no clean-up, and nothing told its children: pool workers wait on
their call queue forever (they hold its writing end themselves), named
children sleep on. They in turn keep multiprocessing's helpers alive: each
forkserver child holds the forkserver's "alive" pipe, and every child the
resource tracker's pipe, and both helpers wait for end-of-file on those.
So the children are the ones that must notice; once they are gone, the
forkserver and the resource tracker see end-of-file and exit on their own.

How a child notices, on Linux: it asks the kernel to send it SIGKILL when
a pipe whose writing end only the app holds reaches end-of-file
(``O_ASYNC`` with ``F_SETOWN`` and ``F_SETSIG``: closing the last writer
signals the readers). The app's descriptors are closed by the kernel when
the app process dies, whichever thread started the child, so the watch
follows the *process*. ``PR_SET_PDEATHSIG`` follows the *thread* that
forked the child instead: the window starts children from a QThread that
ends after each run and the forkserver from a short-lived warm-up thread,
which a parent-death signal would take for the app's death. It would also
need ``ctypes``, which costs a spawned child several milliseconds. Nor is
there a thread that polls ``os.getppid()``: no thread to start, no wake-ups,
and the signal comes at once, even while the child's own code holds the GIL.

Which pipe:

- spawn and forkserver children: multiprocessing's own parent sentinel
  (``parent_process().sentinel``), whose writing end the app keeps until
  the child has exited (it closes with the ``Process`` object, which
  multiprocessing keeps while the child runs).
- fork children: the sentinel would do too, but every sibling forked later
  inherits its writing end, so after the app dies they could only end one
  after another, each once the next had exited: 100 children at 100 % CPU
  took 6.9 s to go (0.2 s with the pipe below), 200 more than 15 s.
  So the app holds one more pipe (:func:`tie_fork_children`, called before
  it forks), whose writing end each fork child closes the moment it is
  forked, and each child re-opens the reading end through ``/proc`` to get
  a file description of its own (``F_SETOWN`` is per description, and
  forked descriptions are shared).

A child armed after the app had already died would get no signal, so
arming ends with a look for end-of-file. Elsewhere than Linux a daemon
thread waits on the same pipe and ends the process (untested there).

What it costs a child, measured inside 100 children on a 2-core machine
under heavy load (load average about 27): :func:`watch_parent` takes
45-52 us in a spawned child, 60-73 us in a forkserver child and about
140 us in a forked one, which also takes 20 more page faults (427 to 449)
for the pages it is the first to write to. Importing this module costs a
spawned child about 0.16 ms (warm bytecode cache); the forkserver has it
preloaded. Importing ``ctypes`` for ``prctl`` costs a spawned child 2-3 ms.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from multiprocessing import parent_process

_LINUX = sys.platform.startswith("linux")
if _LINUX:
    # Bound once here: a forked child pays a page fault for every object
    # it touches first, and a function-level import touches many.
    from fcntl import F_GETFL, F_SETFL, F_SETOWN, F_SETSIG, fcntl

    _KILL = int(signal.SIGKILL)

# The app's side of the fork lifeline: (owner's PID, reading end, writing end
# or -1 once closed). Fork children inherit it with the rest of the memory.
_lifeline: tuple[int, int, int] | None = None
_hook_registered = False


def tie_fork_children() -> None:
    """In the app, before it forks children: make the pipe they watch.

    Idempotent; each process that calls it gets its own. Only the ``fork``
    start method needs it (see the module docstring).
    """
    global _lifeline, _hook_registered
    pid = os.getpid()
    if _lifeline is not None and _lifeline[0] == pid:
        return
    read_end, write_end = os.pipe()  # close-on-exec: spawned programs never hold them
    _lifeline = (pid, read_end, write_end)
    if not _hook_registered:
        os.register_at_fork(after_in_child=_drop_writing_end)
        _hook_registered = True


def _drop_writing_end() -> None:
    """Right after each fork, in the child: only the app may hold the
    writing end, or the pipe would not reach end-of-file when it dies."""
    global _lifeline
    if _lifeline is not None and _lifeline[2] >= 0:
        os.close(_lifeline[2])
        _lifeline = (_lifeline[0], _lifeline[1], -1)


def watch_parent(*, waits_itself: bool = False) -> int | None:
    """In a child the app started: end this process as soon as the app is
    gone. A no-op in the app itself (and in its threads).

    With ``waits_itself`` the child arms nothing and gets the pipe to watch
    back instead, for its job's own waits (:func:`wait_or_end`,
    :func:`end_if_app_gone`): arming costs a forked child about 170 us
    (re-opening the pipe through ``/proc`` and ``F_SETOWN`` take most of
    it) and a forkserver child about 70 us, a tenth of a lesson child's
    whole life, and the named job spends its life in one wait anyway.
    Without it (pool workers, which wait inside the executor) the signal is
    armed and None is returned.

    One function, straight through: in a forked child every function and
    object touched for the first time costs a page fault (Python 3.11 even
    writes to the code objects it runs), so this is kept short on purpose.
    """
    lifeline = _lifeline
    if lifeline is not None and lifeline[0] != os.getpid():  # a fork child
        fd = lifeline[1]
        if waits_itself:
            return fd
        if _LINUX:
            try:
                # A description of our own: the inherited one is shared with
                # the app and every sibling, and it has only one owner.
                fd = os.open(f"/proc/self/fd/{fd}", os.O_RDONLY | os.O_NONBLOCK)
            except OSError:  # no /proc: the parent sentinel, slower but sure
                fd = -1
    else:
        fd = -1
    if fd < 0:
        parent = parent_process()
        if parent is None or parent.sentinel is None:
            return None  # the app itself
        fd = parent.sentinel
        if waits_itself:  # its own pipe (spawn, forkserver): nothing to share
            return fd
    if not _LINUX:
        _watch_in_thread(fd)
        return None
    # SIGKILL once the pipe has no writer left: when the app is gone.
    fcntl(fd, F_SETOWN, os.getpid())
    fcntl(fd, F_SETSIG, _KILL)
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | os.O_ASYNC)
    # The app may have gone before this, and then no signal comes. Nobody
    # ever writes into the pipe, so readable means end-of-file.
    if select.select([fd], [], [], 0)[0] and os.read(fd, 1) == b"":
        _die()
    return None


def wait_or_end(lifeline: int | None, seconds: float) -> None:
    """Wait ``seconds``; with a ``lifeline`` (from ``watch_parent(waits_itself=True)``)
    end this process at once if the app dies meanwhile."""
    if lifeline is None:
        time.sleep(seconds)
        return
    # Nobody ever writes into the pipe: readable means the app is gone.
    if select.select([lifeline], [], [], seconds)[0]:
        _die()


def end_if_app_gone(lifeline: int | None) -> None:
    """End this process now if the app holding ``lifeline`` has died (a
    look, no wait: for busy loops, every few tens of milliseconds)."""
    if lifeline is not None and select.select([lifeline], [], [], 0)[0]:
        _die()


def _die() -> None:
    """End now, quietly: nobody is left to report to."""
    if hasattr(signal, "SIGKILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    os._exit(1)


def _watch_in_thread(handle: int) -> None:
    """Not Linux: a daemon thread waits for the app's end of ``handle``."""
    import threading
    from multiprocessing.connection import wait

    def watch() -> None:
        wait([handle])
        _die()

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


__all__ = ["end_if_app_gone", "tie_fork_children", "wait_or_end", "watch_parent"]
