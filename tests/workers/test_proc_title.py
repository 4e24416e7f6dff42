"""OS titles: with setproctitle installed, named children and pool workers
show as plab:<name> and plab:w<k> to ps (psutil's name() and cmdline());
without it, nothing happens and the window can say why."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator

import psutil
import pytest

from tests.workers.run_helpers import FORK_WARNING, drive
from workers.events import JobDone, JobStarted
from workers.jobs import proc_title
from workers.options import NamedOptions, PoolOptions
from workers.runs.named_run import NamedProcessRun
from workers.runs.pool_run import PoolRun
from workers.start_method_choices import available_start_methods

WAIT_S = 30.0
HAS_SETPROCTITLE = proc_title.titles_available()
needs_titles = pytest.mark.skipif(
    not HAS_SETPROCTITLE, reason="setproctitle (the titles extra) is not installed"
)


def _title_of(pid: int) -> tuple[str, list[str]]:
    """What ps would show: the kernel's name and the command line."""
    proc = psutil.Process(pid)
    return proc.name(), proc.cmdline()


def _wait_for_title(pid: int, expected: str) -> tuple[str, list[str]]:
    """The child sets its title as its job begins: wait for it to show."""
    deadline = time.monotonic() + WAIT_S
    while True:
        name, cmdline = _title_of(pid)
        if name == expected:
            return name, cmdline
        assert time.monotonic() < deadline, f"pid {pid} shows {name!r} {cmdline!r}"
        time.sleep(0.02)


@pytest.fixture
def no_setproctitle(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process as if setproctitle were not installed (its import fails)."""
    monkeypatch.setitem(sys.modules, "setproctitle", None)
    yield


def test_titles_fit_the_kernels_name_field() -> None:
    assert proc_title.named_title("7") == "plab:7"
    assert proc_title.pool_title(3) == "plab:w3"
    long = proc_title.named_title("a-very-long-process-name")
    assert long == "plab:a-very-lon" and len(long.encode()) == proc_title.MAX_TITLE_BYTES
    assert proc_title.fit("plab:ééééééééé") == "plab:ééééé"  # never half a character


def test_without_setproctitle_nothing_is_set_and_the_reason_is_known(
    no_setproctitle: None,
) -> None:
    before = _title_of(psutil.Process().pid)
    assert not proc_title.titles_available()
    assert proc_title.set_title("plab:x") is False
    proc_title.preload()  # a no-op
    assert _title_of(psutil.Process().pid) == before


@needs_titles
@pytest.mark.filterwarnings(FORK_WARNING)
@pytest.mark.parametrize("method", available_start_methods())
def test_named_children_show_their_title_to_ps(method: str) -> None:
    seen: dict[str, tuple[str, list[str]]] = {}

    def look(event: object) -> None:
        if isinstance(event, JobStarted):
            expected = f"plab:{event.label}"
            seen[event.label] = _wait_for_title(event.worker.pid, expected)

    options = NamedOptions(processes=3, sleep_min=1.0, sleep_max=1.0, start_method=method)
    with NamedProcessRun(options) as run:
        events = drive(run, on_event=look)
    assert len([e for e in events if isinstance(e, JobDone)]) == 3
    assert set(seen) == {"1", "2", "3"}
    for label, (name, cmdline) in seen.items():
        assert name == f"plab:{label}"
        # Where the old arguments were, setproctitle leaves empty strings:
        # what is left once they are dropped is the title alone.
        assert [part for part in cmdline if part] == [f"plab:{label}"]


@needs_titles
def test_pool_workers_show_their_number(demo_site) -> None:
    titles: dict[int, str] = {}

    def look(event: object) -> None:
        if isinstance(event, JobStarted) and event.worker.pid not in titles:
            deadline = time.monotonic() + WAIT_S
            while not (name := _title_of(event.worker.pid)[0]).startswith("plab:w"):
                assert time.monotonic() < deadline, name
                time.sleep(0.02)
            titles[event.worker.pid] = name

    urls = (demo_site.url("/slow?delay=1"), demo_site.url("/slow?delay=1"))
    with PoolRun(PoolOptions(urls=urls, workers=2)) as run:
        drive(run, on_event=look)
    assert titles
    numbers = [int(name.removeprefix("plab:w")) for name in titles.values()]
    assert all(n >= 1 for n in numbers) and len(set(numbers)) == len(numbers)


@needs_titles
def test_preloading_keeps_this_process_name() -> None:
    me = psutil.Process()
    before = _title_of(me.pid)
    proc_title.preload()
    assert _title_of(me.pid) == before  # set-up done, nothing renamed
