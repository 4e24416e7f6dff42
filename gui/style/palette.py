"""Every colour Process Lab uses, as plain hex strings (no Qt here).

A ``Palette`` is the whole colour scheme of the window: backgrounds, text,
the row tints of the results table, the CPU plot's curves and markers. The
two ready-made schemes, ``LIGHT`` and ``DARK``, are tuned for classroom
projectors, which wash out pale colours and thin lines: text is near-black
(or near-white), row tints are light enough that that text stays readable,
and the per-core curve colours come from the Okabe-Ito set, which stays
distinguishable for the common kinds of colour blindness.

``gui/theme.py`` turns these strings into ``QColor``, ``QPalette`` and pens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The job states that have a row tint, in the order a job passes through
#: them: the values of ``workers.events.JobState`` (a test checks they match).
STATE_NAMES: tuple[str, ...] = (
    "pending",
    "running",
    "done",
    "failed",
    "killed",
    "stopped",
    "cancelled",
)


@dataclass(frozen=True)
class Palette:
    """One colour scheme; every field is a ``#rrggbb`` string.

    The dict fields are excluded from hashing (dicts are unhashable) but still
    take part in equality.
    """

    name: str  # "light" or "dark", for settings and logs
    background: str  # window and plot background
    surface: str  # panels, table cells, input fields
    text: str  # body text on background or surface
    muted_text: str  # secondary text: axis labels, hints, placeholders
    grid: str  # plot grid lines and thin frames
    separator_background: str  # the row that separates one run from the next
    highlight: str  # selected row / focused control
    highlight_text: str  # text on ``highlight``
    # Row background per job state; ``text`` must stay readable on each.
    state_colors: dict[str, str] = field(hash=False)
    # Strong variant per job state, for state words and icons.
    state_text_colors: dict[str, str] = field(hash=False)
    cpu_total: str  # the thick "all cores" curve
    cpu_cores: tuple[str, ...]  # one colour per core, cycled when there are more cores
    children: str  # the live-child-processes band and its axis
    marker_start: str  # vertical line where a run started
    marker_finish: str  # vertical line where a run finished
    # The CPU graph's line for the app's children alone (and its legend
    # swatch): a colour of its own, 7:1 on the background. Defaulted, so a
    # palette made without it still works (it gets the light scheme's).
    children_cpu: str = "#9C1050"  # dark raspberry

    def __post_init__(self) -> None:
        # A missing state would only show up as a KeyError mid-lesson.
        for attr in ("state_colors", "state_text_colors"):
            missing = set(STATE_NAMES) - set(getattr(self, attr))
            if missing:
                raise ValueError(f"{attr} lacks {sorted(missing)}")
        if not self.cpu_cores:
            raise ValueError("cpu_cores needs at least one colour")

    def core_color(self, index: int) -> str:
        """The colour of core ``index`` (0-based), cycling through ``cpu_cores``."""
        return self.cpu_cores[index % len(self.cpu_cores)]


# Okabe-Ito, minus its yellow (#F0E442), which vanishes on white on a
# projector, plus two darker tones that stay apart from the rest.
_CORES_ON_LIGHT = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#8C6D00",  # dark ochre (a darkened Okabe-Ito yellow)
    "#666666",  # grey
)

# On a dark background the yellow works and the dark tones do not.
_CORES_ON_DARK = (
    "#56B4E9",  # sky blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#3F9BE0",  # a lighter Okabe-Ito blue
    "#BBBBBB",  # light grey
)

LIGHT = Palette(
    name="light",
    background="#FFFFFF",
    surface="#F5F5F5",
    text="#111111",
    muted_text="#4A4A4A",
    grid="#C8C8C8",
    separator_background="#E0E4EA",
    highlight="#0B5CAD",
    highlight_text="#FFFFFF",
    state_colors={
        "pending": "#EEEEEE",  # neutral grey: nothing has happened yet
        "running": "#D6E9FA",  # pale blue
        "done": "#D4F0DC",  # pale green
        "failed": "#FAD4D4",  # pale red
        "killed": "#FBE0C3",  # pale orange: stopped from outside, not its own error
        # Pale yellow: ended by Stop. Text on it 16.7:1, the strong word 8.0:1.
        "stopped": "#FFF1B8",
        "cancelled": "#E6E0F0",  # pale lavender: never started
    },
    state_text_colors={
        "pending": "#555555",
        "running": "#0B5CAD",
        "done": "#17702F",
        "failed": "#B3161B",
        "killed": "#A34700",
        "stopped": "#5E4500",  # dark ochre
        "cancelled": "#5B3E96",
    },
    cpu_total="#000000",
    cpu_cores=_CORES_ON_LIGHT,
    children="#7B3294",
    marker_start="#17702F",
    marker_finish="#B3161B",
)

DARK = Palette(
    name="dark",
    background="#1B1B1D",
    surface="#26272B",
    text="#F2F2F2",
    muted_text="#B4B4B4",
    grid="#4A4B50",
    separator_background="#34373E",
    highlight="#3F8FE0",
    highlight_text="#000000",
    # Dark tints: light text on them keeps the contrast a projector needs.
    state_colors={
        "pending": "#303134",
        "running": "#1C3A5C",
        "done": "#1D4A2A",
        "failed": "#5C1E20",
        "killed": "#5A3413",
        # Dark olive: text on it 9.7:1, the strong word 8.0:1.
        "stopped": "#45390F",
        "cancelled": "#3B2F57",
    },
    state_text_colors={
        "pending": "#BDBDBD",
        "running": "#7DB8F2",
        "done": "#7DDC93",
        "failed": "#FF8A8A",
        "killed": "#FFB366",
        "stopped": "#F5D76E",  # warm yellow
        "cancelled": "#C3A8F0",
    },
    cpu_total="#FFFFFF",
    cpu_cores=_CORES_ON_DARK,
    children="#C294E0",
    marker_start="#7DDC93",
    marker_finish="#FF8A8A",
    children_cpu="#FF8FC8",  # pink: apart from the lavender band, 8:1 on the background
)
