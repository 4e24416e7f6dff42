"""The controls of the lesson's second experiment: fetch pages in a
``ProcessPoolExecutor`` (or, to compare, a ``ThreadPoolExecutor`` or a Dask
cluster)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui import words
from gui.panels.checked_combo import CheckedOnOpenCombo
from gui.panels.cluster_row import ClusterRow
from gui.panels.url_list import LESSON_URLS, UrlListEditor
from gui.style.look import ThemedButton
from gui.style.theme import get_theme
from workers.executors import DEFAULT_EXECUTOR, executor_names
from workers.option_limits import DEFAULT_FETCH_TIMEOUT_S, MAX_POOL_WORKERS
from workers.urls import urls_from_lines

if TYPE_CHECKING:
    from workers.options import PoolOptions

MAX_TIMEOUT_S = 600.0


DEFAULT_AS_COMPLETED_TIMEOUT_S = 1.0  # the lesson's suggestion: as_completed(timeout=1)


class PoolPanel(QGroupBox):
    """The pages to fetch, the pool size, the timeouts and certificate checks."""

    #: A Dask cluster's own settings changed (its address, size, dashboard).
    cluster_changed = Signal()

    def __init__(self, default_urls: Sequence[str] = LESSON_URLS, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("poolPanel")

        self.url_editor = UrlListEditor(default_urls, self)
        urls_label = self._urls_label = QLabel(self)
        urls_label.setBuddy(self.url_editor.list)

        self.max_workers_spin = QSpinBox(self)
        self.max_workers_spin.setObjectName("maxWorkersSpin")
        self.max_workers_spin.setRange(1, MAX_POOL_WORKERS)
        self.max_workers_spin.setValue(5)

        self.executor_combo = CheckedOnOpenCombo(self.check_executors, self)
        self.executor_combo.setObjectName("executorCombo")
        for name in executor_names():  # the registry lists them without importing them
            self.executor_combo.addItem(name, name)  # its words: retranslate_ui
        self._executors_checked = False
        self.executor_combo.setCurrentIndex(max(0, self.executor_combo.findData(DEFAULT_EXECUTOR)))
        # Dask's own settings, in a row shown only while it is chosen.
        self.cluster_row = ClusterRow(self)
        self.cluster_row.changed.connect(self.cluster_changed)
        self.executor_combo.currentIndexChanged.connect(self._on_executor_combo_changed)
        workers_row = QHBoxLayout()
        workers_row.setContentsMargins(0, 0, 0, 0)
        workers_row.addWidget(self.max_workers_spin, 1)
        workers_row.addWidget(self.executor_combo, 1)

        self.timeout_spin = QDoubleSpinBox(self)
        self.timeout_spin.setObjectName("timeoutSpin")
        self.timeout_spin.setRange(0.5, MAX_TIMEOUT_S)
        self.timeout_spin.setDecimals(1)
        self.timeout_spin.setValue(DEFAULT_FETCH_TIMEOUT_S)

        self.as_completed_check = QCheckBox(self)
        self.as_completed_check.setObjectName("asCompletedCheck")
        self.as_completed_spin = QDoubleSpinBox(self)
        self.as_completed_spin.setObjectName("asCompletedSpin")
        self.as_completed_spin.setRange(0.1, MAX_TIMEOUT_S)
        self.as_completed_spin.setDecimals(1)
        self.as_completed_spin.setValue(DEFAULT_AS_COMPLETED_TIMEOUT_S)
        self.as_completed_spin.setEnabled(False)
        self.as_completed_check.toggled.connect(self.as_completed_spin.setEnabled)
        as_completed_row = QHBoxLayout()
        as_completed_row.setContentsMargins(0, 0, 0, 0)
        as_completed_row.addWidget(self.as_completed_check)
        as_completed_row.addWidget(self.as_completed_spin, 1)

        self.verify_tls_check = QCheckBox(self)
        self.verify_tls_check.setObjectName("verifyTlsCheck")
        self.verify_tls_check.setChecked(True)
        # One short line, not word-wrapped: a wrapping label makes the scroll
        # area size the column by its preferred height and scroll for nothing.
        # The tooltip says the rest.
        self.tls_warning_label = QLabel(self)
        self.tls_warning_label.setObjectName("tlsWarningLabel")
        self.tls_warning_label.setVisible(False)
        self.verify_tls_check.toggled.connect(self._on_verify_tls_check_toggled)

        self.start_button = ThemedButton(parent=self)
        self.start_button.setObjectName("startPoolButton")

        form = self._form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._workers_label = QLabel(self)
        self._timeout_label = QLabel(self)
        form.addRow(self._workers_label, workers_row)
        form.addRow(self.cluster_row.label, self.cluster_row)
        form.addRow(self._timeout_label, self.timeout_spin)
        form.addRow(as_completed_row)
        form.addRow(self.verify_tls_check)
        form.addRow(self.tls_warning_label)

        layout = QVBoxLayout(self)
        layout.addWidget(urls_label)
        layout.addWidget(self.url_editor, 1)
        layout.addLayout(form)
        layout.addWidget(self.start_button)

        self.retranslate_ui()
        get_theme().changed.connect(self._on_theme_changed)
        self._on_theme_changed()

    def retranslate_ui(self) -> None:
        """Every word of the panel, in the current language."""
        self.setTitle(self.tr("Process pool"))
        self._urls_label.setText(self.tr("Pages to fetch:"))
        self.max_workers_spin.setToolTip(
            self.tr(
                "ProcessPoolExecutor(max_workers=…): how many worker processes fetch at once.\n"
                "The lesson used 5."
            )
        )
        combo = self.executor_combo
        for index in range(combo.count()):
            name = str(combo.itemData(index))
            combo.setItemText(index, words.executor_name(name))
            combo.setItemData(index, words.executor_tip(name), Qt.ItemDataRole.ToolTipRole)
        if self._executors_checked:  # the unavailable ones say why again, in these words
            self._executors_checked = False
            self.check_executors()
        self._on_executor_combo_changed()
        for spin in (self.timeout_spin, self.as_completed_spin):
            spin.setSuffix(self.tr(" s"))
        self.timeout_spin.setToolTip(
            self.tr("load_url(url, timeout): how long one page may take. The lesson used 60 s.")
        )
        self.as_completed_check.setText(self.tr("as_completed timeout:"))
        as_completed_tip = self.tr(
            "as_completed(futures, timeout=…): give up waiting for results after this long.\n"
            "The lesson suggests trying 1 s. Pages still loading are reported when they end."
        )
        self.as_completed_check.setToolTip(as_completed_tip)
        self.as_completed_spin.setToolTip(as_completed_tip)
        self.verify_tls_check.setText(self.tr("Check certificates"))
        self._verify_tls_tip = self.tr(
            "Check that https sites are who they say they are (recommended)."
        )
        self.tls_warning_label.setText(self.tr("Unsafe: a fake site would pass unnoticed."))
        self._tls_warning_tip = self.tr(
            "Certificates are not checked: anyone on the network could pretend to be these "
            "sites. The lesson did this to reach https sites; keep it on otherwise."
        )
        self.tls_warning_label.setToolTip(self._tls_warning_tip)
        self._on_verify_tls_check_toggled(self.verify_tls_check.isChecked())
        self.start_button.setText(self.tr("Start pool"))
        self.start_button.setToolTip(
            self.tr("Fetch every page in the pool and report each one's size as it completes")
        )
        self._workers_label.setText(self.tr("Workers:"))
        self._timeout_label.setText(self.tr("Timeout per page:"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def executor(self) -> str:
        """The chosen executor's registry name ("process", "thread")."""
        return str(self.executor_combo.currentData())

    def options(self) -> PoolOptions:
        """The settings as typed; validation happens when the run is made."""
        from workers.options import PoolOptions  # with the runs: see workers.option_limits

        return PoolOptions(
            urls=tuple(urls_from_lines(self.url_editor.urls())),
            workers=self.max_workers_spin.value(),
            timeout=self.timeout_spin.value(),
            as_completed_timeout=(
                self.as_completed_spin.value() if self.as_completed_check.isChecked() else None
            ),
            verify_tls=self.verify_tls_check.isChecked(),
            executor=self.executor(),
            executor_settings=(
                self.cluster_row.settings() if self.cluster_row.takes(self.executor()) else ()
            ),
        )

    def check_executors(self) -> None:
        """Grey out the executors that cannot run here (an optional extra not
        installed), saying how to install them. Once; when the window has
        loaded or the list first opens: finding out imports each plug-in,
        which the first paint does without."""
        if self._executors_checked:
            return
        self._executors_checked = True
        from workers.options import unavailable_error

        combo = self.executor_combo
        for index in range(combo.count()):
            missing = unavailable_error(str(combo.itemData(index)))
            if missing is None:
                continue
            combo.model().item(index).setEnabled(False)  # type: ignore[attr-defined]
            reason = words.options_error_text(missing)
            combo.setItemData(index, reason, Qt.ItemDataRole.ToolTipRole)
            if index == combo.currentIndex():  # chosen before it was known: the default
                combo.setCurrentIndex(max(0, combo.findData(DEFAULT_EXECUTOR)))
        self._on_executor_combo_changed()

    @Slot()
    def _on_executor_combo_changed(self) -> None:
        # The closed combo shows the chosen executor's tooltip (threads cannot be stopped).
        tip = self.executor_combo.currentData(Qt.ItemDataRole.ToolTipRole)
        self.executor_combo.setToolTip(str(tip or ""))
        cluster = self.cluster_row.takes(self.executor())
        self.cluster_row.setVisible(cluster)
        self.cluster_row.label.setVisible(cluster)
        # A cluster has its own workers (the row below): the pool size is not used.
        self.max_workers_spin.setEnabled(not cluster)

    def _on_verify_tls_check_toggled(self, checked: bool) -> None:
        self.tls_warning_label.setVisible(not checked)
        self.verify_tls_check.setToolTip(self._verify_tls_tip if checked else self._tls_warning_tip)

    @Slot()
    def _on_theme_changed(self) -> None:
        theme = get_theme()
        # The orange of a killed job: a warning, not yet an error.
        warning = theme.color("state_text_colors.killed").name()
        self.tls_warning_label.setStyleSheet(f"color: {warning};")
        # A label with a style sheet of its own does not take the panel's font.
        self.tls_warning_label.setFont(theme.font())
