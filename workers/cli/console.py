"""The command line's side of the experiments: drive a run, print the lesson's
lines (or JSON Lines), and turn the outcome into an exit status.

Results go to stdout in the lesson's words; progress and errors to stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import signal
import sys
import threading
from enum import Enum
from typing import TextIO

from workers.cli.export import FileProblem, RunExports
from workers.cli.lesson_text import lesson_lines
from workers.cli.words import (
    cluster_text,
    file_problem_text,
    limits_text,
    options_error_text,
    run_summary,
    stopping_text,
)
from workers.demo_site import DemoSite
from workers.events import (
    TERMINAL_STATE,
    Event,
    JobEnded,
    JobSubmitted,
    RunFinished,
    RunStarted,
    RunStopping,
)
from workers.options import NamedOptions, OptionsError, PoolOptions
from workers.record import SessionRecord
from workers.runs import make_named_run
from workers.runs.pool_run import PoolRun
from workers.runs.run_base import Run
from workers.terms import Experiment
from workers.urls import urls_from_lines

EXIT_OK = 0
EXIT_JOB_FAILED = 1
EXIT_BAD_ARGS = 2
EXIT_INTERRUPTED = 130

#: The demo site's pages that `pool --demo` fetches: sizes, a redirect, a
#: slow page and a 404, so one run shows successes and a real failure.
DEMO_EXTRA_PATHS = ("/redirect", "/slow?delay=1", "/status/404")


def _plain(value: object) -> object:
    """``value`` as JSON has it: enums as their values, dataclasses as dicts,
    tuples as lists."""
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def event_to_json(event: Event, experiment: Experiment) -> str:
    """One JSON object: ``event`` (the type), ``name`` (named processes) or
    ``url`` (pool jobs), ``pid`` (the worker's, or the parent's for
    RunStarted; None where none is known), every field of the event (a
    worker and a failure as objects), and ``state`` for a job's ending."""
    record: dict[str, object] = {"event": type(event).__name__}
    for f in dataclasses.fields(event):
        key = f.name
        if key == "label":
            key = "url" if experiment is Experiment.POOL else "name"
        record[key] = _plain(getattr(event, f.name))
    worker = getattr(event, "worker", None)
    if isinstance(event, RunStarted):
        record["pid"] = event.parent_pid
    else:
        record["pid"] = worker.pid if worker is not None else None
    if isinstance(event, JobEnded):
        record["state"] = TERMINAL_STATE[type(event)].value
    if isinstance(event, RunFinished):
        record["ok"] = event.ok
    return json.dumps(record, ensure_ascii=False)


def drive(
    run: Run,
    experiment: Experiment,
    out: TextIO,
    as_json: bool,
    record: SessionRecord | None = None,
) -> RunFinished | None:
    """Poll ``run`` to the end, printing each event (and folding it into
    ``record``). Ctrl+C stops the run (children included) and keeps
    reporting until every job has ended."""
    # Ctrl+C only asks the run to stop. A KeyboardInterrupt could land anywhere:
    # between starting a child and recording it (that job would never end, and
    # this loop would spin forever) or in a print (a traceback, children left to
    # atexit). Only Python's own handler is replaced: an ignored SIGINT stays so.
    previous = signal.getsignal(signal.SIGINT)
    replace = (
        previous is signal.default_int_handler
        and threading.current_thread() is threading.main_thread()
    )
    if replace:
        signal.signal(signal.SIGINT, lambda signum, frame: run.cancel())
    labels: dict[int, str] = {}  # job id -> name or URL, for the as_completed timeout
    try:
        finished: RunFinished | None = None
        while not run.finished:
            batch = run.poll(0.05)
            if record is not None:
                record.apply(batch)
            for event in batch:
                if isinstance(event, JobSubmitted):
                    labels[event.job_id] = event.label
                elif isinstance(event, RunStarted):
                    for note in (limits_text(event), cluster_text(event)):
                        if note:
                            print(note, file=sys.stderr)
                elif isinstance(event, RunStopping):
                    print(stopping_text(event), file=sys.stderr)
                elif isinstance(event, RunFinished):
                    finished = event
                lines = (
                    [event_to_json(event, experiment)]
                    if as_json
                    else lesson_lines(event, experiment, labels)
                )
                for line in lines:
                    print(line, file=out)
            out.flush()
    finally:
        closing = run.close()  # whatever happened above (a closed pipe), stop the children
        if record is not None:
            record.apply(closing)
        if replace:
            signal.signal(signal.SIGINT, previous)
    if finished is not None and finished.stop_requested and not as_json:
        print(run_summary(finished), file=out)
    return finished


def _exit_status(run: Run, finished: RunFinished | None) -> int:
    if run.cancel_requested:
        return EXIT_INTERRUPTED
    return EXIT_OK if finished is not None and finished.ok else EXIT_JOB_FAILED


def _bad_args(message: str) -> int:
    print(f"process-lab: error: {message}", file=sys.stderr)
    return EXIT_BAD_ARGS


def run_named(args: argparse.Namespace) -> int:
    """``main.py named``: the lesson's first script."""
    options = NamedOptions(
        processes=args.processes,
        sleep_min=args.sleep[0],
        sleep_max=args.sleep[1],
        workload=args.workload,
        start_method=args.start_method,
        force=args.force,
        seed=args.seed,
        niceness=args.nice,
        run_as=getattr(args, "run_as", "processes"),
    )
    exports = RunExports.from_args(args)
    if (problem := exports.check()) is not None:
        return _bad_args(file_problem_text(problem))
    try:
        run = make_named_run(options)
    except OptionsError as exc:
        return _bad_args(options_error_text(exc))
    with exports:
        finished = drive(run, Experiment.NAMED, sys.stdout, args.json, exports.record)
    if not args.json and finished is not None and not finished.stop_requested:
        print("Main-Processing Done!")  # the lesson's last line, only when it is true
    exports.print_summary(args)
    if (problem := exports.finish()) is not None:
        return _bad_args(file_problem_text(problem))
    return _exit_status(run, finished)


def run_pool(args: argparse.Namespace) -> int:
    """``main.py pool``: the lesson's second script."""
    lines = list(args.urls)
    if args.urls_file:
        try:
            with open(args.urls_file, encoding="utf-8") as handle:
                lines.extend(handle.read().splitlines())
        except OSError as exc:
            problem = FileProblem(args.urls_file, "cannot_read", exc.strerror or str(exc))
            return _bad_args(file_problem_text(problem))
        except UnicodeDecodeError as exc:  # a binary file, or not UTF-8
            where = f"byte {exc.start} is not UTF-8"
            return _bad_args(file_problem_text(FileProblem(args.urls_file, "not_text", where)))
    exports = RunExports.from_args(args)
    if (problem := exports.check()) is not None:
        return _bad_args(file_problem_text(problem))
    site = DemoSite(port=0).start() if args.demo else None
    try:
        if site is not None:
            lines.extend(site.page_urls())
            lines.extend(site.url(path) for path in DEMO_EXTRA_PATHS)
        options = PoolOptions(
            urls=tuple(urls_from_lines(lines)),
            workers=args.workers,
            timeout=args.timeout,
            as_completed_timeout=args.as_completed_timeout,
            verify_tls=not args.insecure,
            start_method=args.start_method,
            executor=args.executor,
            executor_settings=executor_settings(args),
        )
        try:
            run = PoolRun(options)
        except OptionsError as exc:
            return _bad_args(options_error_text(exc))
        if args.insecure:
            print("Warning: TLS certificates are not checked (--insecure).", file=sys.stderr)
        with exports:
            finished = drive(run, Experiment.POOL, sys.stdout, args.json, exports.record)
        exports.print_summary(args)
    finally:
        if site is not None:
            site.stop()
    if (problem := exports.finish()) is not None:
        return _bad_args(file_problem_text(problem))
    return _exit_status(run, finished)


#: Command-line options that are an executor's own settings: (option's
#: attribute, setting's name). Only those given are passed on, and the
#: executor refuses any it does not take.
EXECUTOR_SETTING_OPTIONS = (
    ("scheduler", "scheduler"),
    ("dask_workers", "workers"),
    ("dashboard", "dashboard"),
    ("connect_timeout", "connect_timeout"),
)


def executor_settings(args: argparse.Namespace) -> tuple[tuple[str, object], ...]:
    """The executor's own settings that were given on the command line."""
    given = ((name, getattr(args, attr, None)) for attr, name in EXECUTOR_SETTING_OPTIONS)
    return tuple((name, value) for name, value in given if value is not None)


def run_demo_site(port: int) -> int:
    """``main.py demo-site``: serve in the foreground until Ctrl+C."""
    try:
        site = DemoSite(port=port)
    except (OSError, OverflowError) as exc:  # OverflowError: a port outside 0-65535
        why = getattr(exc, "strerror", None) or exc
        return _bad_args(f"cannot listen on 127.0.0.1:{port}: {why}")
    print(f"Demo site on {site.base_url}/ (Ctrl+C stops it). Pages:")
    for url, size in site.expected_sizes().items():
        print(f"  {url}  ({size} bytes)")
    sys.stdout.flush()
    try:
        site.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
    finally:
        site.stop()
    return EXIT_OK
