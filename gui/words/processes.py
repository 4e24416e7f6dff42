"""The process inspector's words: its columns, process states and roles,
the sizes and ages in its cells, and the "Python name, OS title, PID" help.

Part of :mod:`gui.words` (the same ``Words`` context); imported as
``from gui.words import processes``.
"""

from __future__ import annotations

from gui.words.base import Words, number
from workers.process_tree import STATUS_EXITED, Role


def column_titles() -> list[str]:
    """The inspector's column headers, in column order."""
    return [
        Words.tr("PID"),
        Words.tr("Parent PID"),
        Words.tr("Python name"),
        Words.tr("OS title"),
        Words.tr("State"),
        Words.tr("CPU % of one core"),
        Words.tr("Memory (RSS)"),
        Words.tr("Age"),
    ]


def column_tips() -> list[str]:
    """What each column means, for its header's tooltip."""
    return [
        Words.tr("Process ID: the number the operating system gave the process when it started."),
        Words.tr("The PID of the process that started it."),
        Words.tr(
            "The name= given to multiprocessing.Process, as the process reported it.\n"
            "It exists only inside Python."
        ),
        Words.tr("What ps, htop and Task Manager show for the process."),
        Words.tr("What the process is doing now, as the operating system says."),
        Words.tr(
            "CPU time used since the last reading, in % of one core:\n"
            "a process keeping two cores busy shows 200 %."
        ),
        Words.tr("Resident memory: the part of the process's memory in RAM."),
        Words.tr("How long ago the process started."),
    ]


def status_word(status: str) -> str:
    """A process state (psutil's status) in words."""
    words = {
        "running": Words.tr("running"),
        "sleeping": Words.tr("sleeping"),
        "disk-sleep": Words.tr("waiting for the disk"),
        "stopped": Words.tr("stopped"),
        "tracing-stop": Words.tr("stopped by a debugger"),
        "zombie": Words.tr("zombie"),
        "dead": Words.tr("exited"),
        "idle": Words.tr("idle"),
        "waking": Words.tr("waking"),
        "parked": Words.tr("parked"),
        STATUS_EXITED: Words.tr("exited"),
    }
    return words.get(status, status)


def status_tip(status: str) -> str:
    """More about a state, for its cell's tooltip ("" if nothing to add)."""
    if status == "zombie":
        return Words.tr(
            "The process has exited; its parent has not yet collected its exit status "
            "(join()). Until then the operating system keeps its PID."
        )
    if status == STATUS_EXITED:
        return Words.tr("The process has exited. The row goes after a few seconds.")
    return ""


def role_name(role: Role) -> str:
    """The Python name column for the app and multiprocessing's helpers."""
    names = {
        Role.APP: Words.tr("MainProcess (this window)"),
        Role.FORKSERVER: Words.tr("fork server (multiprocessing)"),
        Role.RESOURCE_TRACKER: Words.tr("resource tracker (multiprocessing)"),
    }
    return names.get(role, "")


def role_tip(role: Role) -> str:
    tips = {
        Role.APP: Words.tr("Process Lab itself: every other row was started from it."),
        Role.FORKSERVER: Words.tr(
            "multiprocessing's fork server (start method forkserver): a small process "
            "that starts the children by forking itself, so each starts quickly."
        ),
        Role.RESOURCE_TRACKER: Words.tr(
            "multiprocessing's resource tracker: it cleans up shared memory and "
            "semaphores that a crashed process left behind."
        ),
    }
    return tips.get(role, "")


def named_child_tip(name: str, run_ordinal: int) -> str:
    return Words.tr("Named process {name} of Run {run}").format(name=name, run=run_ordinal)


def pool_worker_name(run_ordinal: int) -> str:
    """The Python name column of a pool worker (it reports no name of its own)."""
    return Words.tr("pool worker, Run {run}").format(run=run_ordinal)


def thread_state() -> str:
    return Words.tr("thread")


def thread_tip(tid: int) -> str:
    return Words.tr("Thread {tid} of this process: threads share their process's PID.").format(
        tid=tid
    )


def cpu_text(percent: float) -> str:
    return f"{percent:.1f}"


def rss_text(nbytes: int) -> str:
    """Resident memory, in MB with one decimal."""
    return Words.tr("{mb} MB").format(mb=f"{nbytes / 1_000_000:.1f}")


def age_text(seconds: float) -> str:
    """ "8 s", "3 min 05 s", "2 h 07 min"."""
    s = max(0, int(seconds))
    if s < 60:
        return Words.tr("{s} s").format(s=s)
    if s < 3600:
        return Words.tr("{m} min {s:02d} s").format(m=s // 60, s=s % 60)
    return Words.tr("{h} h {m:02d} min").format(h=number(s // 3600), m=(s % 3600) // 60)


def cmdline_tip(cmdline: tuple[str, ...]) -> str:
    if not cmdline:
        return Words.tr("(no command line: the process has exited)")
    return Words.tr("Command line: {cmdline}").format(cmdline=" ".join(cmdline))


def titles_note(available: bool) -> str:
    """One line above the table: are the children's OS titles set, and why not."""
    if available:
        return Words.tr(
            "OS titles on: each child sets its own (plab:7, plab:w3), "
            "so ps, htop and Task Manager tell them apart."
        )
    return Words.tr(
        "OS titles are all python: setproctitle is not installed, so the children "
        "cannot rename themselves for ps, htop and Task Manager "
        "(pip install .[titles] to turn them on)."
    )


def show_threads_label() -> str:
    return Words.tr("Show threads")


def show_threads_tip() -> str:
    return Words.tr(
        "List each process's threads under it, with their CPU use: a thread pool's "
        "workers are threads inside one PID."
    )


def names_help_button_tip() -> str:
    return Words.tr("Python name, OS title, PID: what is the difference?")


def names_help_title() -> str:
    return Words.tr("Python name, OS title and PID")


def names_help_text() -> str:
    """The short explanation the "?" button opens (rich text)."""
    return Words.tr(
        "<p><b>PID</b>: the number the operating system gives a process when it "
        "starts. ps, kill and Task Manager find a process by it. It says nothing "
        "about what the process does, and once the process has ended the number "
        "can be given to a new one.</p>"
        "<p><b>Python name</b>: the <code>name=</code> of "
        '<code>multiprocessing.Process(name="7")</code>. It lives only inside '
        "Python (<code>current_process().name</code>): the operating system never "
        "hears of it.</p>"
        "<p><b>OS title</b>: what ps, htop and Task Manager show. For every child "
        "it is <code>python</code>, unless the child changes it itself, as Process "
        "Lab's children do with the optional setproctitle package: "
        "<code>plab:7</code> for process 7, <code>plab:w3</code> for a pool worker. "
        "The kernel keeps only 15 bytes of it.</p>"
    )
