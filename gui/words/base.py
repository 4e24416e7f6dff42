"""The words' foundation: :class:`Words` (``Words.tr``, the ``Words``
context), cutting outside text for display, and the word for each job state."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale

from workers import display_text
from workers.terms import JobState

CONTEXT = "Words"
#: Longest reason or URL a cell or a one-line message shows; the rest goes to the tooltip.
MAX_SHOWN = 160


class Words:
    """The ``Words`` translation context.

    Written ``Words.tr("…")`` so that ``pyside6-lupdate`` files each string
    under this context (it takes the name before ``.tr`` as the context; a
    bare ``tr("…")`` would land in no context and never be translated).
    """

    @staticmethod
    def tr(text: str) -> str:
        """``text`` in the current language."""
        return QCoreApplication.translate(CONTEXT, text)


def tr(text: str) -> str:
    """``text`` in the current language (the ``Words`` context). For text
    made elsewhere; a literal goes through ``Words.tr`` so lupdate finds it."""
    return Words.tr(text)


def shown(text: str, limit: int = MAX_SHOWN) -> str:
    """Outside text (a reason, a URL) on one line, safe to show: cut in the
    middle past ``limit`` characters, invisible characters escaped
    (:func:`workers.display_text.shown`)."""
    return display_text.shown(" ".join(str(text).split()), limit)


def shown_url(url: str, limit: int = MAX_SHOWN) -> str:
    """A URL as above, its password (if any) masked."""
    return display_text.shown_url(url, limit)


# -- states -------------------------------------------------------------------


def state_words() -> dict[JobState, str]:
    """One word (or two) per state; "cancelled" is said as "never started"."""
    return {
        JobState.PENDING: Words.tr("waiting"),
        JobState.RUNNING: Words.tr("running"),
        JobState.DONE: Words.tr("done"),
        JobState.FAILED: Words.tr("failed"),
        JobState.KILLED: Words.tr("killed"),
        JobState.STOPPED: Words.tr("stopped"),
        JobState.CANCELLED: Words.tr("never started"),
    }


def state_word(state: JobState) -> str:
    return state_words()[state]


def number(value: float | int | None) -> str:
    """A count or a limit as people read it: grouped digits, no needless ``.0``."""
    if value is None:
        return "?"
    if float(value).is_integer():
        return QLocale().toString(int(value))
    return f"{value:g}"


#: Called by retranslate(): the modules that keep translated text forget it.
_forgetters: list[Callable[[], None]] = []


def on_retranslate(forget: Callable[[], None]) -> None:
    _forgetters.append(forget)


def retranslate() -> None:
    """Forget kept translations: a translator was installed or removed."""
    for forget in _forgetters:
        forget()
