"""Settings that stick: what a teacher set up is there at the next start.

Kept in one INI file, ``$XDG_CONFIG_HOME/Process Lab/Process Lab.ini``
(``~/.config`` by default; QSettings with the application's names from
:mod:`gui.app`): the window's geometry and its splitters, the zoom, the
theme, the language, the pool's URL list, and both experiments' options
(process count, sleep range, work, start method, run as; workers, executor,
timeouts, certificate checks, a Dask cluster's address, workers and
dashboard; *Keep earlier runs*).

Every key lives under ``v1/``: a later version that changes what a key means
gives it a new prefix instead of misreading an old file. Every value read
is checked (a number in its control's range, a choice among the control's
items, a known theme or language); one that is not falls back to its
default alone. A file that cannot be read at all (unreadable, damaged, or
not a Process Lab settings file) falls back to the defaults entirely, with
one line in the status bar; the next save sets it aside as ``….ini.bad``
and writes a fresh one. Nothing here raises.

The application reads the language, theme and zoom before the window is made
(:func:`apply_app_settings`, from ``gui.app.create_app``); the window reads
the rest at construction and the URL list once the demo site is up (its
pages' port changes at every start, so they are kept as ``{demo}/…``), and
saves everything as it closes (:class:`WindowSettings`). Reset to defaults
is in the File menu (:mod:`gui.settings_menu`).
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QSettings
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox

from gui import i18n
from gui.app import APPLICATION_NAME, ORGANIZATION_NAME
from gui.style.palette import LIGHT, PALETTES
from gui.style.theme import MAX_ZOOM, MIN_ZOOM, Theme, get_theme

if TYPE_CHECKING:
    from gui.main_window import MainWindow

log = logging.getLogger(__name__)

VERSION = 1
#: Every key's prefix (see the module docstring).
PREFIX = "v1/"
VERSION_KEY = "version"

GEOMETRY = "window/geometry"
MAIN_SPLITTER = "window/main_splitter"
RIGHT_SPLITTER = "window/right_splitter"
ZOOM = "view/zoom"
THEME = "view/theme"  # a palette's name, or FOLLOW_SYSTEM
LANGUAGE = "view/language"  # a code of gui.i18n.LANGUAGES, or "" for the system's
URLS = "pool/urls"  # one per line; absent while the list is the default one
#: The theme setting's value while the theme follows the system's dark mode.
FOLLOW_SYSTEM = "system"
#: Stands for the demo site's address in the kept URL list.
DEMO_SITE = "{demo}"

Control = QSpinBox | QDoubleSpinBox | QComboBox | QCheckBox | QLineEdit
#: The longest text a line edit takes back from the file.
MAX_TEXT = 500


def open_qsettings() -> QSettings:
    """The settings file, with the application's own names (not pytest's)."""
    return QSettings(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        ORGANIZATION_NAME,
        APPLICATION_NAME,
    )


# -- checking what was read ---------------------------------------------------------


def as_int(raw: object) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str):
        try:
            return int(raw.strip())
        except ValueError:
            return None
    return None


def as_float(raw: object) -> float | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def as_bool(raw: object) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
        return raw.strip().lower() == "true"
    return None


def as_bytes(raw: object) -> QByteArray | None:
    if isinstance(raw, QByteArray) and not raw.isEmpty():
        return raw
    return None


def as_zoom(raw: object) -> float | None:
    value = as_float(raw)
    return value if value is not None and MIN_ZOOM <= value <= MAX_ZOOM else None


def as_theme(raw: object) -> str | None:
    return raw if isinstance(raw, str) and (raw in PALETTES or raw == FOLLOW_SYSTEM) else None


def as_language(raw: object) -> str | None:
    ok = isinstance(raw, str) and (raw in i18n.LANGUAGES or raw == i18n.SYSTEM)
    return raw if ok else None  # type: ignore[return-value]


def as_lines(raw: object) -> list[str] | None:
    if not isinstance(raw, str):
        return None
    return [line.strip() for line in raw.splitlines() if line.strip()]


# -- the file -------------------------------------------------------------------------


class SettingsFile:
    """The settings as the file holds them, read once (see the module
    docstring); :attr:`problem` says why it could not be read, or is ""."""

    def __init__(self) -> None:
        settings = open_qsettings()
        self.path = settings.fileName()
        self.problem = ""
        self._values: dict[str, object] = {}
        status = settings.status()
        if status == QSettings.Status.AccessError:
            self.problem = QCoreApplication.translate("Settings", "it could not be read")
        elif status == QSettings.Status.FormatError:
            self.problem = QCoreApplication.translate("Settings", "it is damaged")
        elif settings.allKeys():
            version = as_int(settings.value(VERSION_KEY))
            if version is None or version < 1:
                self.problem = QCoreApplication.translate(
                    "Settings", "it is not a Process Lab settings file"
                )
        if self.problem:
            log.warning("settings: %s: %s; using the defaults", self.path, self.problem)
            return
        for key in settings.allKeys():
            if key.startswith(PREFIX):
                self._values[key[len(PREFIX) :]] = settings.value(key)

    def note(self) -> str:
        """One line for the status bar when the file could not be read, else ""."""
        if not self.problem:
            return ""
        return QCoreApplication.translate(
            "Settings", "Settings not read from {path} ({problem}): the defaults are used."
        ).format(path=self.path, problem=self.problem)

    def read(self, key: str, parse: Callable[[object], object | None]) -> object | None:
        """The value of ``key`` if there is one and ``parse`` accepts it, else None."""
        if key not in self._values:
            return None
        raw = self._values[key]
        try:
            value = parse(raw)
        except (TypeError, ValueError):
            value = None
        if value is None:
            log.info("settings: %s=%r is not valid here; using its default", key, raw)
        return value

    def write(self, values: dict[str, object], remove: Sequence[str] = ()) -> bool:
        """Save ``values`` (and forget the keys in ``remove``); True when written."""
        if self.problem:
            self._set_aside()
        settings = open_qsettings()
        settings.setValue(VERSION_KEY, VERSION)
        for key, value in values.items():
            settings.setValue(PREFIX + key, value)
            self._values[key] = value
        for key in remove:
            settings.remove(PREFIX + key)
            self._values.pop(key, None)
        settings.sync()
        if settings.status() != QSettings.Status.NoError:
            log.warning("settings: could not write %s (%s)", self.path, settings.status().name)
            return False
        return True

    def clear(self) -> None:
        """Forget every setting (Reset to defaults)."""
        if self.problem:
            self._set_aside()
        settings = open_qsettings()
        settings.clear()
        settings.sync()
        self._values.clear()

    def _set_aside(self) -> None:
        """Keep the unreadable file beside as ``….bad``: nothing is lost, and
        the next write starts a clean one."""
        path = Path(self.path)
        if path.is_file():
            try:
                os.replace(path, path.with_name(path.name + ".bad"))
            except OSError as exc:
                log.warning("settings: could not set %s aside: %s", path, exc)
        self.problem = ""


# -- the application's part: language, theme, zoom --------------------------------


def apply_app_settings(theme: Theme, zoom_given: bool) -> SettingsFile:
    """Speak the kept language, wear the kept theme and, unless ``--zoom``
    was given, the kept zoom. Called by ``gui.app.create_app``."""
    settings = SettingsFile()
    language = settings.read(LANGUAGE, as_language)
    i18n.translations().set_language(language if isinstance(language, str) else i18n.SYSTEM)
    name = settings.read(THEME, as_theme)
    if isinstance(name, str) and name in PALETTES:
        theme.choose_palette(name)
    zoom = settings.read(ZOOM, as_zoom)
    if isinstance(zoom, float) and not zoom_given:
        theme.set_zoom(zoom)
    return settings


# -- the window's part --------------------------------------------------------------


def _value(control: Control) -> object:
    if isinstance(control, QLineEdit):
        return control.text()
    if isinstance(control, QComboBox):
        return control.currentData()
    if isinstance(control, QCheckBox):
        return control.isChecked()
    return control.value()


def _parse_for(control: Control) -> Callable[[object], object | None]:
    """What a value read for ``control`` must be: in its range, among its items."""
    if isinstance(control, QLineEdit):
        return lambda raw: raw if isinstance(raw, str) and len(raw) <= MAX_TEXT else None
    if isinstance(control, QComboBox):
        choices = {str(control.itemData(i)) for i in range(control.count())}
        return lambda raw: raw if isinstance(raw, str) and raw in choices else None
    if isinstance(control, QCheckBox):
        return as_bool
    number = as_int if isinstance(control, QSpinBox) else as_float

    def in_range(raw: object) -> object | None:
        value = number(raw)
        ok = value is not None and control.minimum() <= value <= control.maximum()
        return value if ok else None

    return in_range


def _set(control: Control, value: object) -> None:
    if isinstance(control, QLineEdit):
        control.setText(" ".join(str(value).split()))  # one line, as typed
    elif isinstance(control, QComboBox):
        control.setCurrentIndex(max(0, control.findData(value)))
    elif isinstance(control, QCheckBox):
        control.setChecked(bool(value))
    else:
        control.setValue(value)  # type: ignore[arg-type]


class WindowSettings(QObject):
    """The window's settings: read at construction, saved on closing, reset
    from the menu (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("windowSettings")
        self._window = window
        named, pool = window.named_panel, window.pool_panel
        self._controls: dict[str, Control] = {
            "named/processes": named.process_count_spin,
            "named/sleep_min": named.sleep_min_spin,
            "named/sleep_max": named.sleep_max_spin,
            "named/workload": named.workload_combo,
            "named/start_method": named.start_method_combo,
            "named/run_as": named.run_as_combo,
            "pool/workers": pool.max_workers_spin,
            "pool/executor": pool.executor_combo,
            "pool/timeout": pool.timeout_spin,
            "pool/as_completed": pool.as_completed_check,
            "pool/as_completed_timeout": pool.as_completed_spin,
            "pool/verify_tls": pool.verify_tls_check,
            "pool/dask_scheduler": pool.cluster_row.scheduler_edit,
            "pool/dask_workers": pool.cluster_row.workers_spin,
            "pool/dask_dashboard": pool.cluster_row.dashboard_check,
            "results/keep_runs": window.run_controls.keep_runs_check,
        }
        # What each control says before anything is read: Reset goes back here.
        self._defaults = {key: _value(control) for key, control in self._controls.items()}
        self.file = SettingsFile()
        self.geometry_restored = False
        self.splitters_restored = False

    def restore(self) -> None:
        """Set the controls, the splitters and the geometry as they were kept."""
        file, window = self.file, self._window
        for key, control in self._controls.items():
            value = file.read(key, _parse_for(control))
            if value is not None:
                _set(control, value)
        geometry = file.read(GEOMETRY, as_bytes)
        if isinstance(geometry, QByteArray):
            self.geometry_restored = window.restoreGeometry(geometry)
        restored = []
        for key, splitter in (
            (MAIN_SPLITTER, window.main_splitter),
            (RIGHT_SPLITTER, window.right_splitter),
        ):
            state = file.read(key, as_bytes)
            restored.append(isinstance(state, QByteArray) and splitter.restoreState(state))
        self.splitters_restored = all(restored)
        note = file.note()
        if note:
            window.statusBar().showMessage(note, 30_000)

    def restore_urls(self) -> None:
        """The kept URL list, once the demo site runs (its address is known)."""
        lines = self.file.read(URLS, as_lines)
        if not isinstance(lines, list) or not lines:
            return
        site = self._window.demo_site
        urls = []
        for line in lines:
            if line.startswith(DEMO_SITE):
                if site is None:
                    continue  # no demo site this time: its pages cannot be fetched
                line = site.base_url + line[len(DEMO_SITE) :]
            urls.append(line)
        self._window.pool_panel.url_editor.set_urls(urls)

    def values(self) -> dict[str, object]:
        """What would be saved now (the URL list and geometry aside)."""
        window, theme = self._window, get_theme()
        values: dict[str, object] = {key: _value(c) for key, c in self._controls.items()}
        values[ZOOM] = theme.zoom
        values[THEME] = FOLLOW_SYSTEM if theme.follows_system_scheme else theme.palette.name
        values[LANGUAGE] = i18n.translations().chosen
        values[MAIN_SPLITTER] = window.main_splitter.saveState()
        values[RIGHT_SPLITTER] = window.right_splitter.saveState()
        return values

    def save(self) -> None:
        """Write everything (the window closes). Presentation mode is left
        first, so that the window's own zoom and geometry are what is kept."""
        window = self._window
        if window.menus is not None:  # else the window never loaded: nothing to leave
            window.menus.presentation_mode.leave()
        values = self.values()
        remove: list[str] = []
        if window.windowHandle() is not None:  # shown at least once: a real geometry
            values[GEOMETRY] = window.saveGeometry()
        if window.is_loaded():  # before that, the list is only the lesson's sites
            editor = window.pool_panel.url_editor
            urls = editor.urls()
            if urls == [url.strip() for url in editor.defaults() if url.strip()]:
                remove.append(URLS)
            else:
                values[URLS] = "\n".join(self._portable(url) for url in urls)
        self.file.write(values, remove)

    def _portable(self, url: str) -> str:
        site = self._window.demo_site
        if site is not None and (url == site.base_url or url.startswith(site.base_url + "/")):
            return DEMO_SITE + url[len(site.base_url) :]
        return url

    def reset(self) -> None:
        """Every setting back to its default, at once, and the file emptied."""
        from gui.window_layout import share_out_right_splitter

        window, theme = self._window, get_theme()
        if window.menus is not None:
            window.menus.presentation_mode.leave()
        for key, control in self._controls.items():
            _set(control, self._defaults[key])
        theme.set_palette(LIGHT)  # where the system says nothing of its scheme
        theme.follow_system_scheme()
        theme.reset_zoom()
        i18n.translations().set_language(i18n.SYSTEM)
        if window.is_loaded():
            window.pool_panel.url_editor.restore_defaults()
        share_out_right_splitter(window)
        main = window.main_splitter
        left = main.widget(0).sizeHint().width()
        main.setSizes([left, max(1, sum(main.sizes()) - left)])
        self.file.clear()
        window.statusBar().showMessage(
            QCoreApplication.translate("Settings", "Settings are back to their defaults."), 10_000
        )
