"""Where the installed files go; everything else is in pyproject.toml.

The app keeps its source layout (``main.py``, ``gui/``, ``workers/`` and
``resources/`` at the top of the checkout) but installs under one package,
``process_lab``, so no generic name like ``gui`` or ``workers`` lands at the
top of a shared site-packages::

    process_lab/__init__.py, launch.py, __main__.py    from process_lab/
    process_lab/app/main.py                             from main.py
    process_lab/app/gui/..., process_lab/app/workers/...
    process_lab/app/resources/...                       icons, translations, launcher

``process_lab.launch`` puts ``process_lab/app`` on ``sys.path``. The package
list is computed here rather than written out in pyproject.toml, so a new
subpackage of ``gui/`` or ``workers/`` is installed without editing this.
"""

from __future__ import annotations

from setuptools import find_packages, setup

APP = "process_lab.app"
app_packages = find_packages(include=["gui", "gui.*", "workers", "workers.*"])

setup(
    package_dir={"process_lab": "process_lab", APP: "."},
    packages=["process_lab", *(f"{APP}.{name}" for name in app_packages), f"{APP}.resources"],
    py_modules=[f"{APP}.main"],
    package_data={
        f"{APP}.resources": [
            "process-lab.desktop.in",
            "icons/process-lab.svg",
            "icons/process-lab-*.png",
            "i18n/*.qm",
        ],
        f"{APP}.gui": ["*.qss"],
    },
    include_package_data=False,
)
