"""``python main.py …`` as a person runs it: real interpreters, real children,
the real demo site on loopback, and Ctrl+C as a signal."""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest

from workers.demo_site import DemoSite, free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT_S = 60.0  # generous backstop; every command here takes a second or two
LINE_TIMEOUT_S = 20.0


def _cli(*args: str, timeout: float = RUN_TIMEOUT_S) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO_ROOT,
        timeout=timeout,
        capture_output=True,
        text=True,
        check=False,
    )


class _LineReader:
    """Reads a child's stdout in a thread, so each line can be awaited with a
    timeout (a plain readline() could block forever)."""

    def __init__(self, stream: object) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self._thread.start()

    def _pump(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)  # end of file

    def next_line(self, timeout: float = LINE_TIMEOUT_S) -> str:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no output line within {timeout:g} s") from None
        assert line is not None, "the program ended its output early"
        return line

    def rest(self, timeout: float = LINE_TIMEOUT_S) -> list[str]:
        """Every remaining line, once the program has closed its output."""
        self._thread.join(timeout)
        assert not self._thread.is_alive(), "the output did not end"
        out = []
        while (line := self.lines.get_nowait()) is not None:
            out.append(line)
        return out


@contextmanager
def _popen(*args: str, **kwargs: object) -> Iterator[subprocess.Popen[str]]:
    """Start ``main.py`` with pipes; on the way out, make sure it is gone."""
    proc = subprocess.Popen(
        [sys.executable, "main.py", *args],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            for child in psutil.Process(proc.pid).children(recursive=True):
                child.kill()
            proc.kill()
        proc.wait(timeout=RUN_TIMEOUT_S)
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]


def _run_children(program: psutil.Process) -> list[psutil.Process]:
    """The run's own processes under ``program``: its descendants, without
    multiprocessing's helpers (the forkserver and the resource tracker,
    started on first use; the forkserver's children are the run's)."""
    helpers = set()
    for child in program.children():
        try:
            command = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "multiprocessing.forkserver" in command or "multiprocessing.resource_tracker" in command:
            helpers.add(child.pid)
    return [p for p in program.children(recursive=True) if p.pid not in helpers]


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr


# -- named ---------------------------------------------------------------------------


def test_named_prints_the_lessons_lines() -> None:
    with _popen("named", "--processes", "3", "--sleep", "0", "0") as proc:
        out, err = proc.communicate(timeout=RUN_TIMEOUT_S)
    assert proc.returncode == 0, err
    _no_traceback(err)
    lines = out.splitlines()
    assert lines[0] == f"Parent process ID {proc.pid}"
    assert lines[-1] == "Main-Processing Done!"
    body = lines[1:-1]
    assert len(body) == 6, lines
    seen: dict[str, int] = {}
    for first, second in zip(body[0::2], body[1::2], strict=True):
        match = re.fullmatch(r"Process ID: (\d+), Process Name: (\d+)", first)
        assert match, first
        pid, name = int(match[1]), match[2]
        n = int(name)
        assert second == f"Result of {n} square : {n * n}"
        seen[name] = pid
    assert sorted(seen) == ["1", "2", "3"]
    assert len(set(seen.values()) | {proc.pid}) == 4, "each child has its own PID"


def test_named_json_gives_one_object_per_line() -> None:
    result = _cli("named", "--processes", "3", "--sleep", "0", "0", "--json", "--seed", "5")
    assert result.returncode == 0, result.stderr
    _no_traceback(result.stderr)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["event"] == "RunStarted"
    assert records[-1]["event"] == "RunFinished"
    assert records[-1]["done"] == 3
    assert all({"event", "pid"} <= record.keys() for record in records)
    jobs = [r for r in records if r["event"].startswith("Job")]
    assert all("name" in r and "label" not in r for r in jobs)
    done = [r for r in jobs if r["event"] == "JobDone"]
    assert sorted((r["name"], r["result"]) for r in done) == [("1", 1), ("2", 4), ("3", 9)]
    parent = records[0]["pid"]
    assert parent == records[0]["parent_pid"]
    assert all(r["pid"] not in (parent, None, 0) for r in done)
    # Enums as their values, nested dataclasses as objects.
    assert records[0]["experiment"] == "named" and records[0]["executor"] == "process"
    assert ["workload", "sleep"] in records[0]["settings"]
    for r in done:
        assert r["worker"] == {
            "kind": "process",
            "pid": r["pid"],
            "thread": "",
            "address": "",
            "name": r["name"],
        }
        assert r["state"] == "done" and r["measured_by"] == "worker"
        assert r["started_mono"] <= r["finished_mono"]
    assert records[-1]["ok"] is True and records[-1]["stop_requested"] is False
    assert "Main-Processing Done!" not in result.stdout  # stdout stays pure JSON


# -- pool ------------------------------------------------------------------------------


def test_pool_reports_sizes_and_the_real_cause_of_a_404() -> None:
    with DemoSite() as site:
        pages = site.expected_sizes()
        missing = site.url("/status/404")
        result = _cli("pool", "--workers", "3", *pages, missing)
    _no_traceback(result.stderr)
    assert result.returncode == 1, "one page failed"
    lines = set(result.stdout.splitlines())
    for url, size in pages.items():
        assert f"'{url}' page is {size} bytes" in lines
    assert f"'{missing}' generated an exception: HTTP 404 Not Found" in lines
    assert len(result.stdout.splitlines()) == len(pages) + 1


def test_pool_exits_0_when_every_page_was_fetched() -> None:
    with DemoSite() as site:
        urls = site.page_urls()[:2]
        result = _cli("pool", *urls, "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    done = {r["url"]: r["nbytes"] for r in records if r["event"] == "JobDone"}
    assert done == {urls[0]: 1024, urls[1]: 10 * 1024}
    assert all("url" in r for r in records if r["event"].startswith("Job"))


def test_pool_with_the_thread_executor_names_threads_of_one_process() -> None:
    with DemoSite() as site:
        urls = site.page_urls()[:3]
        missing = site.url("/status/404")
        with _popen(
            "pool", "--executor", "thread", "--workers", "2", *urls, missing, "--json"
        ) as proc:
            out, err = proc.communicate(timeout=RUN_TIMEOUT_S)
    assert proc.returncode == 1, err  # the 404
    _no_traceback(err)
    records = [json.loads(line) for line in out.splitlines()]
    assert (records[0]["executor"], records[0]["start_method"]) == ("thread", "")
    ended = [r for r in records if r["event"] in ("JobDone", "JobFailed")]
    assert len(ended) == 4
    for r in ended:
        assert r["worker"]["kind"] == "thread"
        assert r["worker"]["pid"] == r["pid"] == proc.pid  # threads of the program itself
        assert r["worker"]["thread"]
    (failed,) = [r for r in ended if r["event"] == "JobFailed"]
    assert failed["failure"]["kind"] == "http" and failed["failure"]["status"] == 404
    assert failed["state"] == "failed"


# -- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pool"], "pool needs URLs, --urls-file FILE or --demo"),
        (["named", "--processes", "0"], "process count must be at least 1 (got 0)"),
        (["named", "--sleep", "3", "1"], "sleep range is backwards"),
        (["named", "--sleep", "nan", "nan"], "sleep times must be finite"),
        (["pool", "--workers", "0", "http://127.0.0.1:9/"], "pool size must be between 1"),
        (["pool", "--timeout", "inf", "http://127.0.0.1:9/"], "timeout must be more than 0"),
        (["named", "--workload", "gpu"], "invalid choice: 'gpu'"),
        (["pool", "--executor", "ray", "http://127.0.0.1:9/"], "invalid choice: 'ray'"),
    ],
)
def test_bad_arguments_exit_2_with_one_message(args: list[str], message: str) -> None:
    result = _cli(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    _no_traceback(result.stderr)
    assert message in result.stderr
    assert "error:" in result.stderr
    assert result.stdout == ""


def test_a_binary_urls_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    binary = tmp_path / "urls.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    result = _cli("pool", "--urls-file", str(binary))
    assert result.returncode == 2, (result.stdout, result.stderr)
    _no_traceback(result.stderr)
    assert result.stderr.strip().splitlines() == [
        f"process-lab: error: cannot read {binary}: it is not a text file "
        "(byte 128 is not UTF-8); give one URL a line"
    ]
    assert result.stdout == ""


# -- help ------------------------------------------------------------------------------


def _options_of(parser: argparse.ArgumentParser) -> list[str]:
    return [
        option
        for action in parser._actions  # argparse keeps no public list
        for option in action.option_strings
    ]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    from main import build_parser  # Qt-free: main imports Qt only in gui_main

    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {"": parser, **commands.choices}


@pytest.mark.parametrize("command", ["", "named", "pool", "demo-site"])
def test_help_mentions_every_option(command: str) -> None:
    parser = _subcommands()[command]
    result = _cli(*([command] if command else []), "--help")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    options = _options_of(parser)
    assert "--help" in options
    for option in options:
        assert option in result.stdout, f"{command or 'main'} --help does not mention {option}"
    if not command:
        for name in ("named", "pool", "demo-site"):
            assert name in result.stdout
    expected = {
        "named": {"--processes", "--sleep", "--workload", "--start-method", "--force", "--seed"},
        "pool": {
            "--urls-file",
            "--demo",
            "--workers",
            "--timeout",
            "--as-completed-timeout",
            "--executor",
        },
        "demo-site": {"--port"},
    }.get(command, set())
    assert expected <= set(options)


# -- demo-site -------------------------------------------------------------------------


def test_demo_site_serves_and_stops_cleanly_on_ctrl_c() -> None:
    port = free_port()
    with _popen("demo-site", "--port", str(port)) as proc:
        reader = _LineReader(proc.stdout)
        first = reader.next_line()
        assert first.startswith(f"Demo site on http://127.0.0.1:{port}/")
        listed: dict[str, int] = {}
        while len(listed) < 6:
            match = re.fullmatch(r"\s+(\S+)\s+\((\d+) bytes\)", reader.next_line())
            assert match, "a page line: '  <url>  (<n> bytes)'"
            listed[match[1]] = int(match[2])
        url = f"http://127.0.0.1:{port}/pages/10k"
        assert listed[url] == 10 * 1024
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
            assert len(response.read()) == 10 * 1024

        os.kill(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        assert reader.rest() == []
        err = proc.stderr.read()  # type: ignore[union-attr]
    _no_traceback(err)
    assert "Stopped." in err


def test_demo_site_on_a_busy_port_exits_2() -> None:
    with DemoSite() as site:
        result = _cli("demo-site", "--port", str(site.port))
    assert result.returncode == 2
    _no_traceback(result.stderr)
    assert f"cannot listen on 127.0.0.1:{site.port}" in result.stderr


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_demo_site_on_an_impossible_port_exits_2(port: str) -> None:
    result = _cli("demo-site", "--port", port)
    assert result.returncode == 2
    _no_traceback(result.stderr)
    assert f"cannot listen on 127.0.0.1:{port}: bind(): port must be 0-65535" in result.stderr


# -- Ctrl+C ------------------------------------------------------------------------------


def _identity(pid: int) -> tuple[int, float] | None:
    try:
        return pid, psutil.Process(pid).create_time()
    except psutil.Error:
        return None


def _still_running(identities: set[tuple[int, float]]) -> list[int]:
    """Those processes that still exist (the same process, not a reused PID)."""
    alive = []
    for pid, created in identities:
        try:
            proc = psutil.Process(pid)
            if proc.create_time() == created and proc.status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.Error:
            pass
    return alive


def test_ctrl_c_stops_the_run_exits_130_and_leaves_no_orphans() -> None:
    # Its own session, so Ctrl+C can go to the whole group as a terminal sends it.
    args = ("named", "--processes", "5", "--sleep", "5", "5", "--json")
    with _popen(*args, start_new_session=True) as proc:
        reader = _LineReader(proc.stdout)
        started: dict[str, int] = {}
        while len(started) < 5:
            record = json.loads(reader.next_line())
            if record["event"] == "JobStarted":
                started[record["name"]] = record["pid"]
        # Everything the program started: the five children and multiprocessing's helpers.
        tree = {_identity(p.pid) for p in psutil.Process(proc.pid).children(recursive=True)}
        tree.discard(None)
        assert {pid for pid, _ in tree} >= set(started.values())  # type: ignore[misc]

        interrupted = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=15) == 130
        took = time.monotonic() - interrupted
        records = [json.loads(line) for line in reader.rest()]
        err = proc.stderr.read()  # type: ignore[union-attr]

    _no_traceback(err)
    assert "Stopping" in err
    assert took < 4.0, f"Ctrl+C took {took:.1f} s"
    stopped = {r["name"]: r["pid"] for r in records if r["event"] == "JobStopped"}
    assert stopped == started
    assert {r["failure"]["signal"] for r in records if r["event"] == "JobStopped"} == {"SIGTERM"}
    assert [r["event"] for r in records].count("RunStopping") == 1
    assert records[-1]["event"] == "RunFinished"
    assert (records[-1]["stopped"], records[-1]["cancelled"]) == (5, 0)
    assert records[-1]["stop_requested"] is True and records[-1]["ok"] is False
    # The helpers (forkserver, resource tracker) exit when their parent has gone;
    # give them a bounded moment, then nothing the program started may remain.
    deadline = time.monotonic() + 5
    while (alive := _still_running(tree)) and time.monotonic() < deadline:  # type: ignore[arg-type]
        psutil.wait_procs([psutil.Process(pid) for pid in alive if psutil.pid_exists(pid)], 0.2)
    assert alive == [], f"left running after Ctrl+C: {alive}"


def test_ctrl_c_while_children_are_still_starting_ends_every_job() -> None:
    # spawn starts children slowly, so the interrupt lands mid-start or mid-print.
    # Only the program gets it: children still booting would print their own
    # KeyboardInterrupt, which is the interpreter's, not ours.
    total = 40
    args = ("named", "--processes", str(total), "--sleep", "5", "5", "--json")
    with _popen(*args, "--start-method", "spawn") as proc:
        reader = _LineReader(proc.stdout)
        submitted = 0
        while submitted < 3:
            submitted += json.loads(reader.next_line())["event"] == "JobSubmitted"
        interrupted = time.monotonic()
        os.kill(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=20) == 130, "the program did not stop on Ctrl+C"
        took = time.monotonic() - interrupted
        records = [json.loads(line) for line in reader.rest()]
        err = proc.stderr.read()  # type: ignore[union-attr]

    _no_traceback(err)
    assert took < 6.0, f"Ctrl+C took {took:.1f} s"
    assert records[-1]["event"] == "RunFinished"
    # Those already started were stopped, the others never started: all of them ended.
    assert records[-1]["stopped"] + records[-1]["cancelled"] == total
    assert records[-1]["stopped"] >= 3
    ended = [r for r in records if r["event"] in ("JobStopped", "JobCancelled")]
    assert sorted(int(r["name"]) for r in ended) == list(range(1, total + 1))


def test_ctrl_c_prints_the_stopped_summary_not_the_lessons_done() -> None:
    # The case, in the lesson's words: named -n 20 --sleep 2 3, then Ctrl+C.
    args = ("named", "--processes", "20", "--sleep", "2", "3")
    with _popen(*args, start_new_session=True) as proc:
        reader = _LineReader(proc.stdout)
        assert reader.next_line().startswith("Parent process ID")
        # Wait until the children are running: nothing is printed before they end.
        program = psutil.Process(proc.pid)
        deadline = time.monotonic() + LINE_TIMEOUT_S
        while len(_run_children(program)) < 20:
            assert time.monotonic() < deadline, "the children did not start"
            psutil.wait_procs(program.children(recursive=True), timeout=0.05)
        os.killpg(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=15) == 130
        lines = reader.rest()
        err = proc.stderr.read()  # type: ignore[union-attr]

    _no_traceback(err)
    assert "Stopping" in err
    assert "Main-Processing Done!" not in lines
    summary = lines[-1]
    match = re.fullmatch(
        r"── Run stopped after \d+\.\d\d s: 0 done, (\d+) stopped(?:, (\d+) never started)? ──",
        summary,
    )
    assert match, summary
    stopped = int(match[1])
    assert stopped + int(match[2] or 0) == 20
    stopped_lines = [line for line in lines if line.endswith(" stopped (SIGTERM)")]
    assert len(stopped_lines) == stopped
    assert all(re.match(r"Process ID: \d+, Process Name: \d+ ", line) for line in stopped_lines)
