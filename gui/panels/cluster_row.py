"""The pool panel's row for a Dask cluster: where its scheduler is ("local":
a cluster started here), how many worker processes a local one has, and
whether Dask's dashboard is served (its link is then in the console).

Shown only while the Dask executor is chosen. Nothing here imports
``distributed``: the settings are plain values, checked when a run is made.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from workers.executors._dask_limits import DEFAULT_WORKERS, LOCAL, MAX_WORKERS

#: The executor this row's settings are for.
EXECUTOR = "dask"


class ClusterRow(QWidget):
    """Scheduler address (or "local"), local workers and the dashboard."""

    changed = Signal()  # any of the three was edited

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clusterRow")
        #: The form's label for the row (shown and hidden with it).
        self.label = QLabel(parent)

        self.scheduler_edit = QLineEdit(LOCAL, self)
        self.scheduler_edit.setObjectName("schedulerEdit")
        self.workers_spin = QSpinBox(self)
        self.workers_spin.setObjectName("daskWorkersSpin")
        self.workers_spin.setRange(1, MAX_WORKERS)
        self.workers_spin.setValue(DEFAULT_WORKERS)
        self.dashboard_check = QCheckBox(self)
        self.dashboard_check.setObjectName("daskDashboardCheck")
        self.retranslate_ui()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scheduler_edit, 2)
        layout.addWidget(self.workers_spin, 1)
        layout.addWidget(self.dashboard_check)

        self.scheduler_edit.textChanged.connect(self._on_scheduler_edit_text_changed)
        self.workers_spin.valueChanged.connect(self.changed)
        self.dashboard_check.toggled.connect(self.changed)

    def retranslate_ui(self) -> None:
        """Every word of the row (and of its label in the form), in the current language."""
        self.label.setText(self.tr("Dask cluster:"))
        self.scheduler_edit.setPlaceholderText(self.tr("local or tcp://host:8786"))
        self.scheduler_edit.setToolTip(
            self.tr(
                "Where the Dask scheduler is: local starts a cluster of worker processes on "
                "this computer;\nan address such as tcp://192.168.1.20:8786 uses the workers "
                "of a cluster that is already running\n(they need Process Lab installed too)."
            )
        )
        self.workers_spin.setToolTip(
            self.tr("LocalCluster(n_workers=…): worker processes, one thread each.")
        )
        self.dashboard_check.setText(self.tr("Dashboard"))
        self.dashboard_check.setToolTip(
            self.tr("Serve Dask's dashboard; its link is in the console when the run starts.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @staticmethod
    def takes(executor: str) -> bool:
        """True if these settings are ``executor``'s."""
        return executor == EXECUTOR

    def is_local(self) -> bool:
        return self.scheduler_edit.text().strip().lower() in ("", LOCAL)

    def settings(self) -> tuple[tuple[str, object], ...]:
        """The executor's settings as typed (checked when the run is made)."""
        scheduler = self.scheduler_edit.text().strip() or LOCAL
        return (
            ("scheduler", scheduler),
            ("workers", self.workers_spin.value()),
            ("dashboard", self.dashboard_check.isChecked()),
        )

    @Slot(str)
    def _on_scheduler_edit_text_changed(self, _text: str) -> None:
        # A cluster that already runs has the workers it has.
        self.workers_spin.setEnabled(self.is_local())
        self.changed.emit()


__all__ = ["ClusterRow"]
