"""Process Lab: start the window, or run the lesson's experiments in a terminal.

    python main.py                      # the window
    python main.py named --processes 9  # the lesson's named processes
    python main.py pool --demo          # the lesson's ProcessPoolExecutor
    python main.py demo-site            # the offline demo web site

Qt is imported only inside :func:`gui_main`: child processes started with
``spawn`` or ``forkserver`` re-import this module, and must never load Qt.
For the same reason this module imports nothing heavy at the top: every
child pays for what is imported here.

Two environment variables help tests, and anyone checking a build:
``PROCESS_LAB_LAUNCH_LOG=FILE`` makes each launch (never a child process)
append one line to FILE, and ``PROCESS_LAB_QUIT_AFTER_LOAD=FILE`` makes the
window close itself once loaded, after writing what it found to FILE as JSON
(see :mod:`gui.app`).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from collections.abc import Sequence

#: Names a file that each launch appends one line to: its PID and arguments.
LAUNCH_LOG_ENV = "PROCESS_LAB_LAUNCH_LOG"
#: Commands handled before the argument parser: the desktop's application menu.
DESKTOP_ENTRY_COMMANDS = ("install-desktop-entry", "uninstall-desktop-entry")
#: What Process Lab needs beyond the standard library, by import name.
DEPENDENCIES = ("PySide6", "shiboken6", "pyqtgraph", "numpy", "psutil")


def ensure_std_streams() -> None:
    """Give the program somewhere to write when it has no stdout or stderr.

    A windowed app on Windows (the frozen app, or a ``pythonw`` launcher) and
    its child processes start with ``sys.stdout`` and ``sys.stderr`` set to
    None. ``print()`` then prints nothing, but ``.write()`` and ``.flush()``
    raise, and so does multiprocessing reporting a child that crashed; they
    write to the null device instead.
    """
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


# At import, not only at launch: spawned children (and the frozen app's)
# run this module's top level too, before multiprocessing takes over.
ensure_std_streams()


def build_parser() -> argparse.ArgumentParser:
    from workers.executors import DEFAULT_EXECUTOR, executor_names
    from workers.option_limits import DEFAULT_FETCH_TIMEOUT_S, RUN_AS, WORKLOADS

    parser = argparse.ArgumentParser(
        prog="process-lab",
        description=(
            "Watch Python multiprocessing happen. With no command, opens the window; "
            "the commands below run the lesson's experiments in the terminal."
        ),
    )
    parser.add_argument(
        "--zoom",
        type=float,
        default=None,
        metavar="Z",
        help="open the window zoomed, e.g. 1.5 for a projector (default: from the screen size)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    named = commands.add_parser(
        "named",
        help="start N processes named 1..N that each square a number",
        description=(
            "Start N processes named '1'..'N'. Each sleeps (or works) a random time, "
            "then reports its PID, its name and the square of its number."
        ),
    )
    named.add_argument(
        "--processes",
        "-n",
        type=int,
        default=9,
        metavar="N",
        help="how many processes to start (default: 9, as the lesson)",
    )
    named.add_argument(
        "--sleep",
        nargs=2,
        type=float,
        default=(1.0, 3.0),
        metavar=("MIN", "MAX"),
        help="each process waits a random time in this range, seconds (default: 1 3; 0 0 for none)",
    )
    named.add_argument(
        "--workload",
        choices=WORKLOADS,
        default="sleep",
        help="sleep (the lesson) or cpu: busy work for the same time, "
        "so the CPU graph really spikes (default: sleep)",
    )
    _add_start_method(named)
    named.add_argument(
        "--as",
        dest="run_as",
        choices=RUN_AS,
        default="processes",
        help="run each job in a process of its own (the lesson) or in a thread of this "
        "process, named the same way; busy threads share one core (the GIL) where "
        "processes fill them all (default: processes)",
    )
    named.add_argument(
        "--force", action="store_true", help="start more processes than this machine safely runs"
    )
    named.add_argument("--seed", type=int, default=None, help="repeatable random sleep times")
    named.add_argument(
        "--nice",
        type=int,
        default=0,
        metavar="N",
        help="run the children at nice level N (0-19), so other programs keep the CPU",
    )
    named.add_argument("--json", action="store_true", help="print one JSON object per event")
    _add_export_options(named)

    pool = commands.add_parser(
        "pool",
        help="fetch web pages in a ProcessPoolExecutor and report their sizes",
        description=(
            "Fetch each URL in a pool of worker processes and report each page's size "
            "as results complete. Only http and https URLs are fetched."
        ),
    )
    pool.add_argument("urls", nargs="*", metavar="URL", help="pages to fetch")
    pool.add_argument(
        "--urls-file",
        metavar="FILE",
        help="read URLs from FILE, one per line (blank lines are skipped)",
    )
    pool.add_argument(
        "--demo",
        action="store_true",
        help="fetch the built-in offline demo site's pages (no internet needed)",
    )
    pool.add_argument(
        "--workers",
        "-w",
        type=int,
        default=5,
        metavar="W",
        help="pool size (default: 5, as the lesson)",
    )
    pool.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_FETCH_TIMEOUT_S,
        metavar="S",
        help="per-page timeout in seconds (default: 60, as the lesson)",
    )
    pool.add_argument(
        "--as-completed-timeout",
        type=float,
        default=None,
        metavar="S",
        help="the lesson's as_completed(timeout=S) experiment",
    )
    pool.add_argument(
        "--insecure",
        action="store_true",
        help="do not check TLS certificates (what the lesson did)",
    )
    pool.add_argument(
        "--executor",
        choices=executor_names(),
        default=DEFAULT_EXECUTOR,
        help=f"which executor runs the jobs: process (a ProcessPoolExecutor, as the lesson), "
        f"thread (a ThreadPoolExecutor in this process) or dask (a Dask cluster; "
        f"pip install .[cluster]) (default: {DEFAULT_EXECUTOR})",
    )
    _add_cluster_options(pool)
    _add_start_method(pool)
    pool.add_argument("--json", action="store_true", help="print one JSON object per event")
    _add_export_options(pool)

    site = commands.add_parser(
        "demo-site",
        help="serve the offline demo web site on 127.0.0.1",
        description="Serve pages of known sizes, slow pages and errors on 127.0.0.1.",
    )
    site.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    return parser


def _add_start_method(parser: argparse.ArgumentParser) -> None:
    from workers.start_method_choices import available_start_methods, default_start_method

    parser.add_argument(
        "--start-method",
        choices=available_start_methods(),
        default=None,
        help=f"how child processes are started (default here: {default_start_method()})",
    )


def _add_cluster_options(parser: argparse.ArgumentParser) -> None:
    """--executor dask's own options; given with another executor, they are refused."""
    cluster = parser.add_argument_group("with --executor dask")
    cluster.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="the Dask scheduler to use, e.g. tcp://host:8786, or local: start a cluster "
        "of worker processes on this machine (default: local)",
    )
    cluster.add_argument(
        "--dask-workers",
        type=int,
        default=None,
        metavar="N",
        help="worker processes of a local cluster, one thread each (default: 2)",
    )
    cluster.add_argument(
        "--dashboard",
        action="store_const",
        const=True,
        default=None,
        help="serve Dask's dashboard and print its link",
    )
    cluster.add_argument(
        "--connect-timeout",
        type=float,
        default=None,
        metavar="S",
        help="give up reaching the scheduler after S seconds (default: 10)",
    )


def _add_export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--summary",
        action="store_true",
        help="at the end, print what the run measured: wall time, start-up cost, "
        "peak CPU, most workers alive at once, each worker's busy and idle time",
    )
    parser.add_argument(
        "--csv",
        metavar="FILE",
        help="write every job (state, worker, times, result or reason) to FILE as CSV",
    )
    parser.add_argument(
        "--trace",
        metavar="FILE",
        help="write the run as a Chrome trace (JSON) to FILE, "
        "for ui.perfetto.dev or chrome://tracing",
    )


def cli_main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``process-lab-cli`` command and of ``main.py``."""
    ensure_std_streams()  # the commands write to stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        zoom = [] if args.zoom is None else ["--zoom", str(args.zoom)]
        return gui_main([sys.argv[0], *zoom])
    # The engine only now: the window loads it after its first paint.
    from workers.cli.console import EXIT_BAD_ARGS, run_demo_site, run_named, run_pool

    if args.command == "named":
        return run_named(args)
    if args.command == "pool":
        if not (args.urls or args.urls_file or args.demo):
            parser.error("pool needs URLs, --urls-file FILE or --demo")
        return run_pool(args)
    if args.command == "demo-site":
        return run_demo_site(args.port)
    parser.error(f"unknown command {args.command!r}")
    return EXIT_BAD_ARGS


def gui_main(argv: list[str] | None = None) -> int:
    """Open the window (entry point of the ``process-lab`` app)."""
    from gui.app import run_app  # Qt is loaded here and only here

    return run_app(sys.argv if argv is None else argv)


def launch(argv: Sequence[str], exec_command: Sequence[str]) -> int:
    """One launch of Process Lab: the window, a command, or a desktop-entry
    command (``install-desktop-entry``, ``uninstall-desktop-entry``).

    ``exec_command`` is how this same app is started again (a desktop
    launcher runs it). Missing dependencies are one line on stderr and exit
    status 1, not a traceback.
    """
    _note_launch(argv)
    try:
        if argv[:1] and argv[0] in DESKTOP_ENTRY_COMMANDS:
            from gui.desktop_entry import desktop_entry_main  # Qt-free

            return desktop_entry_main(list(argv), list(exec_command))
        return cli_main(argv)
    except KeyboardInterrupt:
        # Ctrl+C before a run took charge of it (while the engine was still
        # being imported): nothing had started, so nothing is left to stop.
        return 130
    except BrokenPipeError:
        # The reader went away (`main.py named | head`): stop quietly, as
        # Unix tools do, without a second error when stdout is flushed at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").partition(".")[0]
        if missing not in DEPENDENCIES:
            raise
        print(f"process-lab: error: {missing_dependency_text(missing, argv)}", file=sys.stderr)
        return 1


def missing_dependency_text(module: str, argv: Sequence[str]) -> str:
    """What to run instead, when this Python lacks ``module`` (one line)."""
    import shlex

    python = sys.executable or "this Python"
    here = os.path.dirname(os.path.abspath(__file__))
    if getattr(sys, "frozen", False) or not os.path.isfile(os.path.join(here, "Makefile")):
        return (
            f"{python} has no {module}, which Process Lab needs: this installation "
            f"is incomplete; install it again (pipx install --force process-lab)"
        )
    # A source checkout: its .venv has everything, and `make run` makes it.
    venv = os.path.join(here, ".venv")
    venv_python, main_py = os.path.join(venv, "bin", "python"), os.path.join(here, "main.py")
    if os.path.abspath(os.getcwd()) == here:
        venv_python, main_py = os.path.join(".venv", "bin", "python"), "main.py"
    command = shlex.join([venv_python, main_py, *argv])
    in_venv = os.path.abspath(sys.prefix) == os.path.abspath(venv)
    if os.path.isfile(os.path.join(venv, "bin", "python")) and not in_venv:
        return f"{python} has no {module}; use the project's own Python: {command}"
    return (
        f"{python} has no {module}; run `make run` in {here} (it makes .venv with "
        f"everything Process Lab needs), then {command} works too"
    )


def _note_launch(argv: Sequence[str]) -> None:
    """Append this launch to the file named by ``PROCESS_LAB_LAUNCH_LOG``, if set."""
    path = os.environ.get(LAUNCH_LOG_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {' '.join(argv)}\n")


def _own_command() -> list[str]:
    """How to start this app again: the frozen executable, or this file."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, os.path.abspath(__file__)]


if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen desktop build re-enters here
    sys.exit(launch(sys.argv[1:], _own_command()))
