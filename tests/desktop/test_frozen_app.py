"""The frozen one-folder app (``make app``) works on its own: its commands, its
child processes under ``spawn`` and ``forkserver``, its window, its desktop
launcher; its children never load Qt; nothing of it outlives it; it stays lean.

Built once per session by the ``frozen_app`` fixture (about a minute).
"""

from __future__ import annotations

import csv
import json
import queue
import re
import subprocess
import threading
from pathlib import Path

import psutil
import pytest

from tests.desktop.apps import (
    KOREAN,
    RUN_TIMEOUT_S,
    assert_nothing_left,
    check_named_output,
    check_pool_demo_output,
    desktop_entry_values,
    desktop_file_validate,
    launch,
    loaded_qt_libraries,
    no_traceback,
    started_from,
)

pytestmark = pytest.mark.slow

#: The frozen folder's size limit, in MB: 176 MB when written (Qt with ICU
#: is 70, numpy with OpenBLAS 42). Catches a hook dragging in a toolkit.
SIZE_BUDGET_MB = 200


def _bundle(frozen_app: Path) -> Path:
    return frozen_app.parent


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_named_processes_run_in_the_frozen_app(
    frozen_app: Path, tmp_path: Path, method: str
) -> None:
    run = launch(
        [frozen_app, "named", "-n", "20", "--sleep", "0", "0", "--start-method", method], tmp_path
    )
    assert run.returncode == 0, run.stderr
    no_traceback(run.stderr)
    check_named_output(run.stdout, 20)
    run.launched_once()
    assert_nothing_left(started_from(_bundle(frozen_app)), "the frozen app")


def test_the_pool_fetches_from_the_apps_own_demo_site(frozen_app: Path, tmp_path: Path) -> None:
    run = launch([frozen_app, "pool", "--demo"], tmp_path)
    assert run.returncode == 1, run.stderr  # the demo site's missing page fails, on purpose
    no_traceback(run.stderr)
    check_pool_demo_output(run.stdout)
    run.launched_once()
    assert_nothing_left(started_from(_bundle(frozen_app)), "the frozen app")


def test_the_window_opens_with_its_icon_and_closes(frozen_app: Path, tmp_path: Path) -> None:
    # In Korean: the app's own catalogue and Qt's are found where it runs from.
    run = launch([frozen_app], tmp_path, window=True, env=KOREAN)
    assert run.returncode == 0, run.stderr
    no_traceback(run.stderr)
    assert run.report is not None, f"the window did not load:\n{run.stderr}"
    assert run.report["loaded"] is True
    assert run.report["icon"] is True and run.report["window_icon"] is True
    assert Path(str(run.report["icon_file"])).is_relative_to(_bundle(frozen_app))
    assert run.report["title"] == "Process Lab"
    assert sorted(run.report["translations"]) == ["process_lab_ko.qm", "qtbase_ko.qm"]
    run.launched_once()
    assert_nothing_left(started_from(_bundle(frozen_app)), "the frozen app")


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_the_frozen_apps_children_load_no_qt(frozen_app: Path, tmp_path: Path, method: str) -> None:
    # Each child sleeps 3 s once it has started (JobStarted): time to look at
    # what it has loaded.
    proc = subprocess.Popen(
        [frozen_app, "named", "-n", "2", "--sleep", "3", "3", "--start-method", method, "--json"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    try:
        children = []
        while len(children) < 2:
            line = lines.get(timeout=RUN_TIMEOUT_S)
            assert line is not None, "the run ended before its children reported"
            event = json.loads(line)
            if event["event"] == "JobStarted":
                children.append(event["pid"])
        helpers = [p.pid for p in psutil.Process(proc.pid).children(recursive=True)]
        for pid in {proc.pid, *children, *helpers}:
            assert loaded_qt_libraries(pid) == [], f"process {pid} loaded Qt"
        _out, err = proc.communicate(timeout=RUN_TIMEOUT_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert_nothing_left(started_from(_bundle(frozen_app)), "the frozen app")


def test_without_stdout_and_stderr_the_frozen_app_and_its_children_work(
    frozen_app: Path, tmp_path: Path
) -> None:
    # Descriptors 1 and 2 closed: sys.stdout and sys.stderr start as None in
    # the app and in its spawned children, as in a windowed app on Windows.
    table = tmp_path / "jobs.csv"
    args = ["named", "-n", "3", "--sleep", "0", "0", "--start-method", "spawn", "--csv", table]
    run = launch(["sh", "-c", 'exec "$0" "$@" >&- 2>&-', frozen_app, *args], tmp_path)
    assert run.returncode == 0
    run.launched_once()
    with table.open(encoding="utf-8") as rows:
        assert [row["state"] for row in csv.DictReader(rows)] == ["done"] * 3


def test_the_frozen_app_installs_its_desktop_launcher(
    frozen_app: Path, tmp_path: Path, xdg_data_home: Path
) -> None:
    run = launch([frozen_app, "install-desktop-entry"], tmp_path)
    assert run.returncode == 0, run.stderr
    launcher = xdg_data_home / "applications" / "process-lab.desktop"
    assert desktop_file_validate(launcher) == ""
    values = desktop_entry_values(launcher)
    assert values["Exec"] == f'"{frozen_app}"', "the path has a space, so it is quoted"
    assert values["TryExec"] == str(frozen_app)
    assert (xdg_data_home / "icons/hicolor/256x256/apps/process-lab.png").is_file()
    run = launch([frozen_app, "uninstall-desktop-entry"], tmp_path)
    assert run.returncode == 0, run.stderr
    assert not launcher.exists()


def test_the_frozen_app_stays_lean(frozen_app: Path) -> None:
    bundle = _bundle(frozen_app)
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    size_mb = sum(path.stat().st_size for path in files) / 1e6
    print(f"\nthe frozen app: {size_mb:.0f} MB in {len(files)} files")
    assert size_mb < SIZE_BUDGET_MB
    names = [str(path.relative_to(bundle)) for path in bundle.rglob("*")]
    unwanted = re.compile(r"tkinter|_tkinter|libtk|libgtk|libqgtk3|unittest|PyQt|PySide2|qt_help")
    assert [name for name in names if unwanted.search(name)] == []
    translations = [n for n in names if n.endswith(".qm") and "/translations/" in n]
    assert translations and all("/qtbase_" in n for n in translations), translations
