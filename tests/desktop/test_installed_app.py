"""Process Lab installed from its wheel into a fresh virtual environment: one
distinctive package in site-packages, the ``process-lab`` and
``process-lab-cli`` commands with children under ``spawn`` and
``forkserver``, the window with its icon, the desktop launcher.

The ``installed_app`` fixture builds and installs the wheel once per session.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tests.desktop.apps import (
    KOREAN,
    assert_nothing_left,
    check_named_output,
    check_pool_demo_output,
    desktop_entry_values,
    desktop_file_validate,
    launch,
    no_traceback,
    started_from,
)
from tests.desktop.conftest import InstalledApp

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _no_checkout_on_the_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # The installed app must find its modules by itself.
    monkeypatch.delenv("PYTHONPATH", raising=False)


def test_one_package_lands_in_site_packages(installed_app: InstalledApp) -> None:
    site = installed_app.site_packages()
    (info,) = site.glob("process_lab-*.dist-info")
    assert (info / "top_level.txt").read_text().split() == ["process_lab"]
    assert not {"gui", "workers", "main.py", "resources"} & {p.name for p in site.iterdir()}
    app = site / "process_lab" / "app"
    for shipped in (
        "main.py",
        "gui/app.py",
        "workers/jobs/named_job.py",
        "resources/icons/process-lab.svg",
        "resources/icons/process-lab-48.png",
        "resources/process-lab.desktop.in",
    ):
        assert (app / shipped).is_file(), shipped


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_named_processes_run_from_the_installed_command(
    installed_app: InstalledApp, tmp_path: Path, method: str
) -> None:
    command = [installed_app.cli, "named", "-n", "20", "--sleep", "0", "0"]
    run = launch([*command, "--start-method", method], tmp_path)
    assert run.returncode == 0, run.stderr
    no_traceback(run.stderr)
    check_named_output(run.stdout, 20)
    run.launched_once()
    assert_nothing_left(started_from(installed_app.venv), "the installed app")


def test_the_installed_pool_fetches_from_its_demo_site(
    installed_app: InstalledApp, tmp_path: Path
) -> None:
    run = launch([installed_app.cli, "pool", "--demo", "--start-method", "spawn"], tmp_path)
    assert run.returncode == 1, run.stderr  # the demo site's missing page
    no_traceback(run.stderr)
    check_pool_demo_output(run.stdout)
    run.launched_once()
    assert_nothing_left(started_from(installed_app.venv), "the installed app")


def test_the_installed_window_opens_with_its_icon(
    installed_app: InstalledApp, tmp_path: Path
) -> None:
    # In Korean: the app's own catalogue and Qt's are found where it runs from.
    run = launch([installed_app.gui, "--zoom", "1.5"], tmp_path, window=True, env=KOREAN)
    assert run.returncode == 0, run.stderr
    no_traceback(run.stderr)
    assert run.report is not None, f"the window did not load:\n{run.stderr}"
    assert run.report["loaded"] is True and run.report["icon"] is True
    icon = Path(str(run.report["icon_file"]))
    assert icon.is_relative_to(installed_app.site_packages() / "process_lab" / "app" / "resources")
    assert sorted(run.report["translations"]) == ["process_lab_ko.qm", "qtbase_ko.qm"]
    run.launched_once()
    assert_nothing_left(started_from(installed_app.venv), "the installed app")


def test_the_installed_app_installs_its_desktop_launcher(
    installed_app: InstalledApp, tmp_path: Path, xdg_data_home: Path
) -> None:
    run = launch([installed_app.gui, "install-desktop-entry"], tmp_path)
    assert run.returncode == 0, run.stderr
    launcher = xdg_data_home / "applications" / "process-lab.desktop"
    assert desktop_file_validate(launcher) == ""
    exec_command = shlex.split(desktop_entry_values(launcher)["Exec"])
    assert exec_command == [str(installed_app.python), "-m", "process_lab"]
    # The launcher's command works (with a command instead of the window).
    run = launch([*exec_command, "named", "-n", "2", "--sleep", "0", "0"], tmp_path)
    assert run.returncode == 0, run.stderr
    check_named_output(run.stdout, 2)
    run = launch([installed_app.gui, "uninstall-desktop-entry"], tmp_path)
    assert run.returncode == 0, run.stderr
    assert not launcher.exists()


def test_the_installed_forkserver_preloads_the_job_modules(
    installed_app: InstalledApp, tmp_path: Path
) -> None:
    # The forkserver imports the job modules once, so its forked children need
    # not. Python before 3.13 starts it without the parent's sys.path; the
    # entry point puts the app's folder in PYTHONPATH for that.
    code = (
        "import sys\n"
        "if __name__ == '__main__':\n"
        "    from process_lab.launch import use_app_dir\n"
        "    use_app_dir()\n"
        "    from workers.start_methods import context_for\n"
        "    question = \"'workers.jobs.named_job' in __import__('sys').modules\"\n"
        "    with context_for('forkserver').Pool(1) as pool:\n"
        "        print(pool.apply(eval, (question,)))\n"
    )
    script = tmp_path / "preload_check.py"
    script.write_text(code, encoding="utf-8")
    run = launch([installed_app.python, script], tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True", "the forkserver did not preload the job module"
