"""The results table's columns, in one place.

Each :class:`Column` says its key, its header and header tooltip (English
sources, translated in the ``ResultsColumns`` context when read), how it is
aligned, a sample of its widest usual content (for the width fitter), which
experiments fill it, and its priority when the window is too narrow for
every column. The columns that carry the lesson's answer (name or URL, the
worker's PID, the result, n² or bytes, and the status) have no priority:
they stay at any zoom and width; the others go, least useful first. The
model, the view and the width fitter all read this list; none of them keeps
its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from workers.terms import Experiment

#: The translation context of the headers and their tooltips.
CONTEXT = "ResultsColumns"

ALIGN_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_TEXT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

_BOTH = frozenset(Experiment)


@dataclass(frozen=True)
class Column:
    """One column of the results table (see the module docstring)."""

    key: str
    header: str  # English source text; see header_text()
    tip: str  # English source text; see header_tip()
    numeric: bool  # right-aligned; sorted as numbers
    sample: str  # widest usual content, to size the column from the font
    experiments: frozenset[Experiment] = _BOTH  # the experiments whose jobs fill it
    #: Lower is shown first when the table is too narrow; None: always shown
    #: (for the experiments that fill it): it carries the lesson's answer.
    priority: int | None = None

    @property
    def alignment(self) -> Qt.AlignmentFlag:
        return ALIGN_NUMBER if self.numeric else ALIGN_TEXT

    def header_text(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.header)

    def header_tip(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.tip)


_NAMED = frozenset({Experiment.NAMED})
_POOL = frozenset({Experiment.POOL})

COLUMNS: tuple[Column, ...] = (
    Column(
        "run",
        QT_TRANSLATE_NOOP("ResultsColumns", "Run"),
        QT_TRANSLATE_NOOP("ResultsColumns", "Which run the job belongs to"),
        numeric=True,
        sample="000",
        priority=8,  # the run's heading row already says it
    ),
    Column(
        "name",
        QT_TRANSLATE_NOOP("ResultsColumns", "Name / URL"),
        QT_TRANSLATE_NOOP(
            "ResultsColumns", "The process name given with Process(name=...), or the URL fetched"
        ),
        numeric=False,
        sample="http://127.0.0.1:40000/pages/100k",
    ),
    Column(
        "worker",
        QT_TRANSLATE_NOOP("ResultsColumns", "Worker"),
        QT_TRANSLATE_NOOP(
            "ResultsColumns",
            "Who ran the job: the process ID (PID) from the OS for a process,\n"
            "the thread's name for a thread",
        ),
        numeric=False,
        sample="ThreadPoolExecutor-0_0",
    ),
    Column(
        "n",
        QT_TRANSLATE_NOOP("ResultsColumns", "n"),
        QT_TRANSLATE_NOOP("ResultsColumns", "The number passed to the process"),
        numeric=True,
        sample="0000",
        experiments=_NAMED,
        priority=7,  # the same number as the process name
    ),
    Column(
        "square",
        QT_TRANSLATE_NOOP("ResultsColumns", "n²"),
        QT_TRANSLATE_NOOP("ResultsColumns", "n × n, computed in the child and sent back"),
        numeric=True,
        sample="00000000",
        experiments=_NAMED,
    ),
    Column(
        "http",
        QT_TRANSLATE_NOOP("ResultsColumns", "HTTP"),
        QT_TRANSLATE_NOOP("ResultsColumns", "HTTP status of the page"),
        numeric=True,
        sample="000",
        experiments=_POOL,
        priority=3,
    ),
    Column(
        "bytes",
        QT_TRANSLATE_NOOP("ResultsColumns", "Bytes"),
        QT_TRANSLATE_NOOP("ResultsColumns", "Size of the page"),
        numeric=True,
        sample="00,000,000",
        experiments=_POOL,
    ),
    Column(
        "started",
        QT_TRANSLATE_NOOP("ResultsColumns", "Started"),
        QT_TRANSLATE_NOOP(
            "ResultsColumns", "Clock time the job started, as its worker measured it"
        ),
        numeric=True,
        sample="00:00:00.000",
        priority=5,
    ),
    Column(
        "finished",
        QT_TRANSLATE_NOOP("ResultsColumns", "Finished"),
        QT_TRANSLATE_NOOP("ResultsColumns", "Clock time the job ended"),
        numeric=True,
        sample="00:00:00.000",
        priority=6,
    ),
    Column(
        "duration",
        QT_TRANSLATE_NOOP("ResultsColumns", "Duration (s)"),
        QT_TRANSLATE_NOOP("ResultsColumns", "Seconds from the job's start to its end"),
        numeric=True,
        sample="000.000",
        priority=4,
    ),
    Column(
        "status",
        QT_TRANSLATE_NOOP("ResultsColumns", "Status"),
        QT_TRANSLATE_NOOP("ResultsColumns", "What became of the job; hover for the full reason"),
        numeric=False,
        # Room for a short reason; longer ones elide and the tooltip has them whole.
        sample="failed: HTTP 404 Not Found",
    ),
)

COLUMN_COUNT = len(COLUMNS)
_INDEX = {column.key: i for i, column in enumerate(COLUMNS)}


def column_index(key: str) -> int:
    """The position of the column called ``key``."""
    return _INDEX[key]


COL_RUN = column_index("run")
COL_NAME = column_index("name")
COL_WORKER = column_index("worker")
COL_N = column_index("n")
COL_SQUARE = column_index("square")
COL_HTTP = column_index("http")
COL_BYTES = column_index("bytes")
COL_STARTED = column_index("started")
COL_FINISHED = column_index("finished")
COL_DURATION = column_index("duration")
COL_STATUS = column_index("status")

#: Columns that are always kept (for the experiments in the table).
ESSENTIAL: tuple[int, ...] = tuple(i for i, c in enumerate(COLUMNS) if c.priority is None)
#: Columns that may be hidden when narrow, most useful first.
BY_PRIORITY: tuple[int, ...] = tuple(
    sorted(
        (i for i, c in enumerate(COLUMNS) if c.priority is not None),
        key=lambda i: COLUMNS[i].priority or 0,
    )
)
