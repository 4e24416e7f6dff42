# Process Lab: `make run` opens the window, `make test` runs the suite headless.
#
# Everything happens in a virtual environment in .venv, made with
# `$(PYTHON) -m venv` and refreshed whenever pyproject.toml changes (the stamp
# files inside .venv remember the last install). Qt's system libraries are
# checked (and, as root in CI, installed) by .ci/qt-system-libs.sh.

PYTHON ?= python3
VENV ?= .venv
PYTEST_ARGS ?=

VENV_PY := $(VENV)/bin/python
# `make run` needs the app only; `make test` also the test and lint tools.
STAMP_APP := $(VENV)/.process-lab-app.stamp
STAMP_DEV := $(VENV)/.process-lab-dev.stamp
PIP_INSTALL := $(VENV_PY) -m pip install --disable-pip-version-check

# A headless run only needs the offscreen plugin's libraries; a real window
# needs the xcb ones too.
ifneq ($(filter offscreen minimal,$(QT_QPA_PLATFORM)),)
RUN_QT_CHECK := offscreen
else
RUN_QT_CHECK := x11
endif

.DEFAULT_GOAL := help
.PHONY: help run test setup lint clean desktop translations

help:
	@echo "make run    set up .venv if needed and open the Process Lab window"
	@echo "make test   set up .venv with test tools and run the whole suite headless"
	@echo "            (extra pytest arguments: make test PYTEST_ARGS='-k pool -x')"
	@echo "make setup  create .venv with the app, test and lint tools, then stop"
	@echo "make lint   ruff check and ruff format --check"
	@echo "make clean  remove .venv, caches and build output"
	@echo "make desktop  add Process Lab to the desktop's application menu (double-click to open)"
	@echo "make translations  gather the window's words into resources/i18n/*.ts and compile the .qm"
	@echo "Use another interpreter with PYTHON=python3.12 (3.10 or newer)."

run: $(STAMP_APP)
	@sh .ci/qt-system-libs.sh $(RUN_QT_CHECK)
	@if [ "$$(uname -s)" = Linux ] && [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}$${QT_QPA_PLATFORM:-}" ]; then \
	    echo "warning: no DISPLAY or WAYLAND_DISPLAY is set, so the window may have nowhere to open." >&2; \
	fi
	$(VENV_PY) main.py

test: $(STAMP_DEV)
	@sh .ci/qt-system-libs.sh offscreen
	QT_QPA_PLATFORM=offscreen $(VENV_PY) -m pytest $(PYTEST_ARGS)

setup: $(STAMP_DEV)

lint: $(STAMP_DEV)
	$(VENV_PY) -m ruff check .
	$(VENV_PY) -m ruff format --check .

# A launcher in the user's application menu, pointing at this checkout's .venv,
# so the app opens with a double-click (copy it to ~/Desktop for an icon there).
APPLICATIONS_DIR ?= $(HOME)/.local/share/applications
desktop: $(STAMP_APP)
	@mkdir -p "$(APPLICATIONS_DIR)"
	@sed -e "s|@EXEC@|$(CURDIR)/$(VENV)/bin/process-lab|" \
	     -e "s|@ICON@|$(CURDIR)/resources/icons/process-lab.svg|" \
	     resources/process-lab.desktop.in > "$(APPLICATIONS_DIR)/process-lab.desktop"
	@chmod +x "$(APPLICATIONS_DIR)/process-lab.desktop"
	@echo "Installed $(APPLICATIONS_DIR)/process-lab.desktop"

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
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

$(STAMP_APP): pyproject.toml | $(VENV_PY)
	$(PIP_INSTALL) -e .
	@touch $@

# The dev install is a superset of the app install, so it refreshes both stamps
# and a later `make run` does not reinstall.
$(STAMP_DEV): pyproject.toml | $(VENV_PY)
	$(PIP_INSTALL) -e '.[test,dev]'
	@touch $@ $(STAMP_APP)

# Creates .venv. Checks the interpreter first so a too-old or missing Python
# fails with one clear line. Debian and Ubuntu ship venv's pip bootstrap
# (ensurepip) separately, in pythonX.Y-venv: name it, and install it when we
# are root with no one to ask (no tty on stdin, or CI=true).
$(VENV_PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	    echo "error: '$(PYTHON)' was not found. Install Python 3.10 or newer, or point make at one: make PYTHON=/path/to/python3" >&2; \
	    exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { \
	    echo "error: Process Lab needs Python 3.10 or newer, but $(PYTHON) is $$($(PYTHON) -V 2>&1). Use a newer one: make PYTHON=python3.12" >&2; \
	    exit 1; }
	@set -e; \
	log=$$(mktemp); \
	if $(PYTHON) -m venv $(VENV) >"$$log" 2>&1; then rm -f "$$log"; exit 0; fi; \
	rm -rf $(VENV); \
	if ! grep -q ensurepip "$$log"; then cat "$$log" >&2; rm -f "$$log"; \
	    echo "error: '$(PYTHON) -m venv $(VENV)' failed (output above)." >&2; exit 1; fi; \
	rm -f "$$log"; \
	pkg="python$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv"; \
	echo "$(PYTHON) cannot create a virtual environment: its pip bootstrap (ensurepip) is missing." >&2; \
	if [ "$$(id -u)" = 0 ] && { [ ! -t 0 ] || [ "$${CI:-}" = true ]; } && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing $$pkg with apt-get (running as root, non-interactive)..." >&2; \
	    DEBIAN_FRONTEND=noninteractive apt-get update; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$$pkg"; \
	    $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }; \
	else \
	    echo "Install it with:  sudo apt-get install $$pkg   (then run make again)" >&2; \
	    exit 1; \
	fi
