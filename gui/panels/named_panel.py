"""The controls of the lesson's first experiment: N processes named "1".."N"."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from gui import words
from gui.panels.checked_combo import CheckedOnOpenCombo
from gui.style.look import ThemedButton
from workers.gil import gil_enabled
from workers.os_limits import ABSOLUTE_MAX_PROCESSES
from workers.start_method_choices import (
    START_METHODS,
    available_start_methods,
    default_start_method,
)

if TYPE_CHECKING:
    from workers.options import NamedOptions

MAX_SLEEP_S = 60.0

#: The children run below the window's priority: they still take every idle
#: cycle (the CPU graph still spikes), but a burst of them starting cannot
#: starve the window that shows it. At 10 rather than 5 the longest stall of
#: the window during a 100-process run went from 41 to 26-33 ms here.
CHILD_NICENESS = 10


class NamedPanel(QGroupBox):
    """How many processes, how long each sleeps, what it does, how it starts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("namedPanel")

        self.process_count_spin = QSpinBox(self)
        self.process_count_spin.setObjectName("processCountSpin")
        self.process_count_spin.setRange(1, ABSOLUTE_MAX_PROCESSES)
        self.process_count_spin.setValue(10)
        self.process_count_spin.setAccelerated(True)  # holding the arrow climbs to 100 quickly

        self.sleep_min_spin = self._seconds_spin("sleepMinSpin", 1.0)
        self.sleep_max_spin = self._seconds_spin("sleepMaxSpin", 3.0)
        self._to_label = QLabel(self)
        sleep_row = QHBoxLayout()
        sleep_row.setContentsMargins(0, 0, 0, 0)
        sleep_row.addWidget(self.sleep_min_spin, 1)
        sleep_row.addWidget(self._to_label)
        sleep_row.addWidget(self.sleep_max_spin, 1)

        self.workload_combo = QComboBox(self)
        self.workload_combo.setObjectName("workloadCombo")
        for data in ("sleep", "cpu"):
            self.workload_combo.addItem("", data)

        # Every method the lesson teaches; those this platform lacks are
        # greyed out once the window has loaded (check_start_methods).
        self.start_method_combo = CheckedOnOpenCombo(self.check_start_methods, self)
        self.start_method_combo.setObjectName("startMethodCombo")
        self._start_methods_checked = False
        default = default_start_method()
        for method in START_METHODS:
            self.start_method_combo.addItem(method, method)
        self.start_method_combo.setCurrentIndex(self.start_method_combo.findData(default))

        self.run_as_combo = self._run_as_combo()

        self.parent_pid_label = QLabel(self)
        self.parent_pid_label.setObjectName("parentPidLabel")
        self.parent_pid_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.start_button = ThemedButton(parent=self)
        self.start_button.setObjectName("startProcessesButton")

        form = self._form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Labels without words yet: retranslate_ui gives them theirs.
        for field in (
            self.process_count_spin,
            sleep_row,
            self.workload_combo,
            self.run_as_combo,
            self.start_method_combo,
        ):
            form.addRow(QLabel(self), field)
        form.addRow(self.parent_pid_label)
        form.addRow(self.start_button)
        self._sleep_row = sleep_row
        self.retranslate_ui()
        for combo in (self.workload_combo, self.start_method_combo, self.run_as_combo):
            # The closed combo shows the chosen item's tooltip, so the fork
            # warning is there without opening the list.
            combo.currentIndexChanged.connect(lambda _index, combo=combo: _show_current_tip(combo))
            _show_current_tip(combo)

    def retranslate_ui(self) -> None:
        """Every word of the panel, in the current language."""
        self.setTitle(self.tr("Named processes"))
        self.process_count_spin.setToolTip(
            self.tr(
                "How many processes to start, named 1, 2, 3 …\n"
                "Try 100 and watch the CPU graph jump."
            )
        )
        sleep_tip = self.tr(
            "Each process waits a random time between these two, like the lesson's 1–3 s.\n"
            "0 to 0 means no waiting at all."
        )
        for spin in (self.sleep_min_spin, self.sleep_max_spin):
            spin.setToolTip(sleep_tip)
            spin.setSuffix(self.tr(" s"))
        self._to_label.setText(self.tr("to"))
        _set_choices(
            self.workload_combo,
            {
                "sleep": (
                    self.tr("Sleep"),
                    self.tr(
                        "Each process sleeps, as in the lesson: it waits but uses almost no CPU."
                    ),
                ),
                "cpu": (
                    self.tr("Busy CPU"),
                    self.tr(
                        "Each process does arithmetic for the same time instead of sleeping,\n"
                        "so every core fills up and the CPU graph really climbs."
                    ),
                ),
            },
        )
        tips = {
            "forkserver": self.tr(
                "A small server process forks each child: fast, and safe in a program with threads."
            ),
            "spawn": self.tr(
                "Each child is a fresh Python that imports the program again: "
                "slowest to start, works everywhere."
            ),
            "fork": self.tr(
                "Each child is a copy of this window's process: fastest, but unsafe in a "
                "program with threads, such as this window. Children may hang or crash."
            ),
        }
        default = default_start_method()
        _set_choices(
            self.start_method_combo,
            {
                method: (
                    method
                    if method != default
                    else self.tr("{method} (default)").format(method=method),
                    tips.get(method, ""),
                )
                for method in START_METHODS
            },
        )
        if self._start_methods_checked:  # the missing ones say why again, in these words
            self._start_methods_checked = False
            self.check_start_methods()
        if gil_enabled():
            threads_tip = self.tr(
                "Each job in a thread, Thread(name=str(i)), all in one process.\n"
                "With Busy CPU they share about one core: Python's global interpreter lock\n"
                "(GIL) lets one thread at a time run Python code. With Sleep they look alike."
            )
        else:
            threads_tip = self.tr(
                "Each job in a thread, Thread(name=str(i)), all in one process.\n"
                "This Python runs without the global interpreter lock (free-threaded):\n"
                "threads are not held back, and busy ones fill every core too."
            )
        _set_choices(
            self.run_as_combo,
            {
                "processes": (
                    self.tr("Processes"),
                    self.tr(
                        "Each job in a process of its own, as the lesson: "
                        "Process(name=str(i)).\nWith Busy CPU they fill every core."
                    ),
                ),
                "threads": (self.tr("Threads"), threads_tip),
            },
        )
        self.parent_pid_label.setText(self.tr("Parent PID: {pid}").format(pid=os.getpid()))
        self.parent_pid_label.setToolTip(
            self.tr("This window's own process ID: every process you start is its child.")
        )
        self.start_button.setText(self.tr("Start processes"))
        self.start_button.setToolTip(
            self.tr("Start the processes; each reports its PID, its name and n²")
        )
        for field, text in (
            (self.process_count_spin, self.tr("Processes:")),
            (self._sleep_row, self.tr("Sleep:")),
            (self.workload_combo, self.tr("Work:")),
            (self.run_as_combo, self.tr("Run as:")),
            (self.start_method_combo, self.tr("Start method:")),
        ):
            label = self._form.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def check_start_methods(self) -> None:
        """Grey out the start methods this platform lacks, saying why. Once;
        when the window has loaded or the list first opens: finding out
        imports ``multiprocessing``, which the first paint does without."""
        if self._start_methods_checked:
            return
        self._start_methods_checked = True
        from workers.options import OptionsError, OptionsProblem

        combo = self.start_method_combo
        offered = available_start_methods()
        for index in range(combo.count()):
            method = str(combo.itemData(index))
            if method in offered:
                continue
            combo.model().item(index).setEnabled(False)  # type: ignore[attr-defined]
            missing = OptionsError(
                OptionsProblem.BAD_START_METHOD, method=method, choices=tuple(offered)
            )
            combo.setItemData(index, words.options_error_text(missing), Qt.ItemDataRole.ToolTipRole)
            if index == combo.currentIndex() and offered:  # chosen before it was known
                default = default_start_method()
                combo.setCurrentIndex(combo.findData(default if default in offered else offered[0]))
        _show_current_tip(combo)

    def options(self, force: bool = False) -> NamedOptions:
        """The settings as typed; validation happens when the run is made."""
        from workers.options import NamedOptions  # with the runs: see workers.option_limits

        return NamedOptions(
            processes=self.process_count_spin.value(),
            sleep_min=self.sleep_min_spin.value(),
            sleep_max=self.sleep_max_spin.value(),
            workload=str(self.workload_combo.currentData()),
            start_method=str(self.start_method_combo.currentData()),
            force=force,
            niceness=CHILD_NICENESS,
            run_as=str(self.run_as_combo.currentData()),
        )

    def _run_as_combo(self) -> QComboBox:
        """Processes (the lesson) or threads: the same job, to compare."""
        combo = QComboBox(self)
        combo.setObjectName("runAsCombo")
        combo.addItem("", "processes")
        combo.addItem("", "threads")
        # Threads are not started by a start method (only the one process
        # that holds them is, so that the window's own threads stay free).
        combo.currentIndexChanged.connect(
            lambda _index: self.start_method_combo.setEnabled(combo.currentData() != "threads")
        )
        return combo

    def _seconds_spin(self, name: str, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(0.0, MAX_SLEEP_S)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setValue(value)
        return spin


def _set_choices(combo: QComboBox, choices: dict[str, tuple[str, str]]) -> None:
    """Each item's text and tooltip, by its data: ``{data: (text, tip)}``."""
    for index in range(combo.count()):
        text_tip = choices.get(str(combo.itemData(index)))
        if text_tip is not None:
            combo.setItemText(index, text_tip[0])
            combo.setItemData(index, text_tip[1], Qt.ItemDataRole.ToolTipRole)
    _show_current_tip(combo)


def _show_current_tip(combo: QComboBox) -> None:
    tip = combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole)
    combo.setToolTip(str(tip or ""))
