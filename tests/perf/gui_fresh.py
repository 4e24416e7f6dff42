"""Fresh interpreters for the idle and launch benchmarks: each runs
``launch_child.py``'s ``main`` and prints one JSON object as its last line.

The interpreter is started with ``-c``, so its ``__main__`` has no file (as
with ``_bench.run_child``), and the child's clock starts on the command
line's first statement.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from gui_common import WINDOW_SIZE

if TYPE_CHECKING:
    import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
XVFB = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24"]
#: Environment overrides for the fresh interpreters (bench_gui.main sets them).
FRESH_ENV: dict[str, str | None] = {}


def child_command(mode: str, kind: str, *args: str) -> list[str]:
    """The command that runs ``launch_child.main`` for ``mode`` ("launch" or
    "idle") and ``kind`` ("window", "bare" or "plain") at WINDOW_SIZE."""
    boot = (
        "import time; T_START = time.monotonic(); import sys;"
        f" sys.path[:0] = {[REPO, HERE]!r};"
        " from launch_child import main; sys.exit(main(T_START, sys.argv[1:]))"
    )
    size = "x".join(str(n) for n in WINDOW_SIZE)
    return [sys.executable, "-c", boot, mode, kind, size, *args]


def child_env(xvfb: bool) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in FRESH_ENV.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    if xvfb:
        env.pop("QT_QPA_PLATFORM", None)
    return env


def child_result(proc: subprocess.Popen, timeout: float) -> dict:
    import json

    out, err = proc.communicate(timeout=timeout)
    lines = out.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"child exited with {proc.returncode}: {err.strip()[-2000:]}")
    return json.loads(lines[-1])
