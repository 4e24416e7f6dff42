# Process Lab: `make run` opens the window, `make test` runs the suite headless,
# `make app` builds the standalone app, `make desktop` puts it in the menu.
#
# Everything happens in a virtual environment in .venv, made with
# `$(PYTHON) -m venv` and refreshed whenever pyproject.toml changes (the stamp
# files inside .venv remember the last install). Qt's system libraries are
# checked (and, as root in CI, installed) by .ci/qt-system-libs.sh, the other
# tools the build and the tests use by .ci/system-tools.sh.

PYTHON ?= python3
VENV ?= .venv
PYTEST_ARGS ?=
# Options for the app: make run ARGS="--zoom 1.5"
ARGS ?=
# `make app` builds in its own environment, where PySide6 is the only Qt
# binding (PyInstaller refuses to bundle two), into $(APP_DIST)/Process Lab/.
VENV_APP ?= .venv-app
APP_DIST ?= dist
APP_WORK ?= build/pyinstaller

VENV_PY := $(VENV)/bin/python
VENV_APP_PY := $(VENV_APP)/bin/python
STAMP_PYINSTALLER := $(VENV_APP)/.process-lab-pyinstaller.stamp
# `make run` needs the app only; `make test` also the test and lint tools.
STAMP_APP := $(VENV)/.process-lab-app.stamp
STAMP_DEV := $(VENV)/.process-lab-dev.stamp
PIP_INSTALL := $(VENV_PY) -m pip install --disable-pip-version-check
# Editable installs as a plain path in a .pth file: setuptools' default for
# this layout (setup.py maps it under process_lab/) is an import hook that
# every Python process of the venv loads at start-up, 16 ms in each spawned
# child (it imports pathlib).
EDITABLE := --config-settings editable_mode=compat -e

# A headless run only needs the offscreen plugin's libraries; a real window
# needs the xcb ones too.
ifneq ($(filter offscreen minimal,$(QT_QPA_PLATFORM)),)
RUN_QT_CHECK := offscreen
else
RUN_QT_CHECK := x11
endif

.DEFAULT_GOAL := help
.PHONY: help run test setup lint clean desktop app translations

help:
	@echo "make run    set up .venv if needed and open the Process Lab window"
	@echo "            (options for the app: make run ARGS='--zoom 1.5')"
	@echo "make test   set up .venv with test tools and run the whole suite headless"
	@echo "            (extra pytest arguments: make test PYTEST_ARGS='-k pool -x')"
	@echo "make setup  create .venv with the app, test and lint tools, then stop"
	@echo "make lint   ruff check and ruff format --check"
	@echo "make clean  remove .venv, caches and build output"
	@echo "make desktop  add Process Lab to the desktop's application menu (double-click to open)"
	@echo "make app   build the standalone app (no Python needed) in '$(APP_DIST)/Process Lab/'"
	@echo "make translations  gather the window's words into resources/i18n/*.ts and compile the .qm"
	@echo "Use another interpreter with PYTHON=python3.12 (3.10 or newer)."

# Without a display the app says so in one line and exits 1 (it checks
# before Qt would abort).
run: $(STAMP_APP)
	@sh .ci/qt-system-libs.sh $(RUN_QT_CHECK)
	$(VENV_PY) main.py $(ARGS)

test: $(STAMP_DEV)
	@sh .ci/qt-system-libs.sh offscreen
	@sh .ci/system-tools.sh test
	QT_QPA_PLATFORM=offscreen $(VENV_PY) -m pytest $(PYTEST_ARGS)

setup: $(STAMP_DEV)

lint: $(STAMP_DEV)
	$(VENV_PY) -m ruff check .
	$(VENV_PY) -m ruff format --check .

# A launcher in the user's application menu ($$XDG_DATA_HOME/applications)
# and the icon in the hicolor theme, starting this checkout's main.py with
# .venv's Python, so the app opens with a double-click (copy the launcher to
# ~/Desktop for an icon there). `.venv/bin/python main.py
# uninstall-desktop-entry` removes them.
desktop: $(STAMP_APP)
	$(VENV_PY) main.py install-desktop-entry

# The standalone one-folder app. PyInstaller keeps its analysis in
# $(APP_WORK), so a second build only redoes what changed.
app: $(STAMP_PYINSTALLER)
	@sh .ci/qt-system-libs.sh offscreen
	@sh .ci/system-tools.sh app
	$(VENV_APP_PY) -m PyInstaller --noconfirm --log-level WARN \
	    --distpath "$(APP_DIST)" --workpath "$(APP_WORK)" resources/process-lab.spec
	@du -sh "$(APP_DIST)/Process Lab"

# Every string of the window (gui/) into each catalogue, then compiled.
# Without line numbers, so that an edit elsewhere in a file leaves the
# catalogue alone; strings no longer in the code are dropped. Translate the
# new ones (type="unfinished") in the .ts, then run this again.
I18N_TS := $(wildcard resources/i18n/process_lab_*.ts)
translations: $(STAMP_APP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations none \
	    $$(find gui -name '*.py' | LC_ALL=C sort) -ts $(I18N_TS)
	@for ts in $(I18N_TS); do \
	    $(VENV)/bin/pyside6-lrelease "$$ts" -qm "$${ts%.ts}.qm" || exit 1; \
	done

clean:
	rm -rf $(VENV) $(VENV_APP) build dist *.egg-info .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

$(STAMP_APP): pyproject.toml setup.py | $(VENV_PY)
	$(PIP_INSTALL) $(EDITABLE) .
	@touch $@

# The dev install is a superset of the app install, so it refreshes both stamps
# and a later `make run` does not reinstall.
$(STAMP_DEV): pyproject.toml setup.py | $(VENV_PY)
	$(PIP_INSTALL) $(EDITABLE) '.[test,dev]'
	@touch $@ $(STAMP_APP)

# The app's dependencies and PyInstaller, nothing else.
$(STAMP_PYINSTALLER): pyproject.toml setup.py | $(VENV_APP_PY)
	$(VENV_APP_PY) -m pip install --disable-pip-version-check $(EDITABLE) '.[app]'
	@touch $@

# $(call make_venv,DIR) creates the virtual environment DIR (.venv, .venv-app).
# Checks the interpreter first so a too-old or missing Python fails with one
# clear line. Debian and Ubuntu ship venv's pip bootstrap
# (ensurepip) separately, in pythonX.Y-venv: name it, and install it when we
# are root with no one to ask (no tty on stdin, or CI=true).
define make_venv
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	    echo "error: '$(PYTHON)' was not found. Install Python 3.10 or newer, or point make at one: make PYTHON=/path/to/python3" >&2; \
	    exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { \
	    echo "error: Process Lab needs Python 3.10 or newer, but $(PYTHON) is $$($(PYTHON) -V 2>&1). Use a newer one: make PYTHON=python3.12" >&2; \
	    exit 1; }
	@set -e; \
	log=$$(mktemp); \
	if $(PYTHON) -m venv $(1) >"$$log" 2>&1; then rm -f "$$log"; exit 0; fi; \
	rm -rf $(1); \
	if ! grep -q ensurepip "$$log"; then cat "$$log" >&2; rm -f "$$log"; \
	    echo "error: '$(PYTHON) -m venv $(1)' failed (output above)." >&2; exit 1; fi; \
	rm -f "$$log"; \
	pkg="python$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv"; \
	echo "$(PYTHON) cannot create a virtual environment: its pip bootstrap (ensurepip) is missing." >&2; \
	if [ "$$(id -u)" = 0 ] && { [ ! -t 0 ] || [ "$${CI:-}" = true ]; } && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing $$pkg with apt-get (running as root, non-interactive)..." >&2; \
	    DEBIAN_FRONTEND=noninteractive apt-get update; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$$pkg"; \
	    $(PYTHON) -m venv $(1) || { rm -rf $(1); exit 1; }; \
	else \
	    echo "Install it with:  sudo apt-get install $$pkg   (then run make again)" >&2; \
	    exit 1; \
	fi
endef

$(VENV_PY):
	$(call make_venv,$(VENV))

$(VENV_APP_PY):
	$(call make_venv,$(VENV_APP))
