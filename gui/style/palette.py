"""Every colour Process Lab uses, as plain hex strings (no Qt here).

A ``Palette`` is the whole colour scheme of the window: backgrounds, text,
the row tints of the results table, the CPU plot's curves and markers. The
three ready-made schemes, ``LIGHT``, ``DARK`` and ``HIGH_CONTRAST``, are
tuned for classroom projectors, which wash out pale colours and thin lines.
Every text reaches 7:1 against the background it is drawn on (the pairs are
listed in :mod:`gui.style.contrast`, and a test computes each ratio). The
job states' colours are tints and shades of the Okabe-Ito hues (blue
running, bluish green done, vermillion failed, orange killed, yellow
stopped, reddish purple cancelled), which stay apart for the common kinds of
colour blindness; the state is always said in words as well.

``gui/style/theme.py`` turns these strings into ``QColor``, ``QPalette`` and pens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The job states that have a row tint, in the order a job passes through
#: them: the values of ``workers.terms.JobState`` (a test checks they match).
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

    name: str  # "light", "dark" or "contrast", for settings and logs
    background: str  # window and plot background
    surface: str  # panels, table cells, input fields
    text: str  # body text on background or surface
    muted_text: str  # secondary and disabled text, placeholders: still 7:1
    grid: str  # plot grid lines and thin frames
    separator_background: str  # the row that separates one run from the next
    highlight: str  # selected row / focused control; also links
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
    highlight="#084C94",  # white on it 8.5:1 (the old #0B5CAD was 6.7:1)
    highlight_text="#FFFFFF",
    # Pale tints of the Okabe-Ito hues: body text on each is 15:1 or more.
    state_colors={
        "pending": "#EEEEEE",  # neutral grey: nothing has happened yet
        "running": "#DCEBF7",  # blue
        "done": "#D6F2E8",  # bluish green
        "failed": "#FBE0D2",  # vermillion
        "killed": "#FCEBCB",  # orange: stopped from outside, not its own error
        "stopped": "#FAF5C8",  # yellow: ended by Stop
        "cancelled": "#F6E2EE",  # reddish purple: never started
    },
    # Dark shades of the same hues: 7.4:1 or more on their own tint.
    state_text_colors={
        "pending": "#4C4C4C",
        "running": "#004C77",
        "done": "#00543D",
        "failed": "#743300",
        "killed": "#644500",
        "stopped": "#555007",
        "cancelled": "#772D56",
    },
    cpu_total="#000000",
    cpu_cores=_CORES_ON_LIGHT,
    children="#6A2A80",
    marker_start="#00543D",
    marker_finish="#743300",
)

DARK = Palette(
    name="dark",
    background="#1B1B1D",
    surface="#26272B",
    text="#F2F2F2",
    muted_text="#BDBDBD",
    grid="#4A4B50",
    separator_background="#34373E",
    highlight="#7DBDF0",  # black on it 10.4:1
    highlight_text="#000000",
    # Dark tints: light text on them keeps the contrast a projector needs.
    state_colors={
        "pending": "#303134",
        "running": "#0F2E45",
        "done": "#0D3529",
        "failed": "#45200D",
        "killed": "#3F2D0A",
        "stopped": "#37340E",
        "cancelled": "#3E2133",
    },
    state_text_colors={
        "pending": "#C4C4C4",
        "running": "#63C7FF",
        "done": "#00DBA0",
        "failed": "#FFA660",
        "killed": "#FFB40B",
        "stopped": "#F0E442",
        "cancelled": "#E0ADC9",
    },
    cpu_total="#FFFFFF",
    cpu_cores=_CORES_ON_DARK,
    children="#D0A8EA",
    marker_start="#00DBA0",
    marker_finish="#FFA660",
    children_cpu="#FF8FC8",  # pink: apart from the lavender band, 8:1 on the background
)

#: White on black, a gold selection, and every state word at 10:1 or more on
#: its row: for washed-out projectors and readers with low vision.
HIGH_CONTRAST = Palette(
    name="contrast",
    background="#000000",
    surface="#101010",
    text="#FFFFFF",
    muted_text="#D9D9D9",
    grid="#6E6E6E",
    separator_background="#1E1E4A",
    highlight="#FFD700",
    highlight_text="#000000",
    state_colors={
        "pending": "#1C1C1C",
        "running": "#00253D",
        "done": "#002A1E",
        "failed": "#3A1400",
        "killed": "#362400",
        "stopped": "#2B2900",
        "cancelled": "#381428",
    },
    state_text_colors={
        "pending": "#C7C7C7",
        "running": "#91D7FF",
        "done": "#00EDAD",
        "failed": "#FFBD89",
        "killed": "#FFCD5C",
        "stopped": "#F0E442",
        "cancelled": "#E7C1D6",
    },
    cpu_total="#FFFFFF",
    cpu_cores=_CORES_ON_DARK,
    children="#E0B8FF",
    marker_start="#00EDAD",
    marker_finish="#FFBD89",
    children_cpu="#FFA8DA",
)

#: Every ready-made palette by its name, in the order the View menu lists them.
PALETTES: dict[str, Palette] = {p.name: p for p in (LIGHT, DARK, HIGH_CONTRAST)}
