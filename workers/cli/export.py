"""The command line's session record: ``--csv FILE``, ``--trace FILE``, the
peak-CPU line at the end of a run and its ``--summary``.

:func:`workers.cli.console.drive` folds every event into :attr:`RunExports.record`;
a :class:`~workers.cpu_sampling.BackgroundSampler` reads the CPU meanwhile.
At the end the files are written from the record alone, as the window's
exports are.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import TextIO

from workers.cpu_sampling import BackgroundSampler, CpuSample
from workers.record import SessionRecord
from workers.record.csv_export import write_csv
from workers.record.trace_export import write_trace


@dataclass(frozen=True)
class FileProblem:
    """A file the command line cannot read or write, as data; its English
    is :func:`workers.cli.words.file_problem_text`."""

    path: str
    why: str  # "is_folder", "no_folder", "permission", "not_text" or "os"
    detail: str = ""  # the folder, the OS's own words, or where the bytes are not text


class RunExports:
    """The record of one command-line run, its CPU samples and its files."""

    def __init__(self, csv_path: str | None = None, trace_path: str | None = None) -> None:
        self.csv_path = csv_path
        self.trace_path = trace_path
        self.record = SessionRecord()
        self._samples: list[CpuSample] = []  # appended by the sampler's thread
        self._sampler: BackgroundSampler | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> RunExports:
        return cls(getattr(args, "csv", None), getattr(args, "trace", None))

    def _targets(self) -> list[str]:
        return [path for path in (self.csv_path, self.trace_path) if path]

    def check(self) -> FileProblem | None:
        """Before the run: what is wrong if a file cannot be written, else None,
        so a mistyped folder is found before a long run, not after it.
        Nothing is created here: a run refused for its settings leaves no file."""
        for path in self._targets():
            folder = os.path.dirname(os.path.abspath(path))
            if os.path.isdir(path):
                return FileProblem(path, "is_folder")
            if not os.path.isdir(folder):
                return FileProblem(path, "no_folder", folder)
            writable = os.access(path if os.path.exists(path) else folder, os.W_OK)
            if not writable:
                return FileProblem(path, "permission")
        return None

    def __enter__(self) -> RunExports:
        self._sampler = BackgroundSampler(self._samples.append).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._sampler is not None:
            self._sampler.stop()
            self._sampler = None
        # Only now: the record belongs to this thread, the list was the sampler's.
        self.record.add_samples(self._samples)

    def summary_text(self) -> str:
        """``--summary``: the last run's measurements (wall time, start-up
        cost, CPU, workers alive, busy and idle), after the run."""
        from workers.cli.words import run_stats_text
        from workers.record.run_stats import run_stats

        runs = self.record.runs()
        if not runs:
            return ""
        return run_stats_text(run_stats(runs[-1], self.record.cpu_samples()))

    def print_summary(self, args: argparse.Namespace) -> None:
        """Print the summary if ``--summary`` asked for it: on stdout, or on
        stderr when stdout is JSON Lines."""
        if getattr(args, "summary", False):
            text = self.summary_text()
            if text:
                print(text, file=sys.stderr if getattr(args, "json", False) else sys.stdout)

    def finish(self, err: TextIO | None = None) -> FileProblem | None:
        """Print the peak-CPU line and write the files; what is wrong if one
        could not be written, else None."""
        from workers.cli.words import peak_cpu_text

        print(peak_cpu_text(list(self.record.cpu_samples())), file=err or sys.stderr)
        for path, write in ((self.csv_path, write_csv), (self.trace_path, write_trace)):
            if not path:
                continue
            try:
                write(self.record, path)
            except OSError as exc:
                return FileProblem(path, "os", exc.strerror or str(exc))
        return None
