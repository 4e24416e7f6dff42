"""The window's language: English (the source) or Korean, switched live.

At start the language follows the system locale (``LANG=ko_KR.UTF-8`` opens
the window in Korean), unless one was chosen in View → Language, which the
settings remember. Choosing installs two translators on the application:
Qt's own ``qtbase_<lang>.qm`` (the standard dialogs' buttons, the text
fields' context menus) and Process Lab's ``resources/i18n/process_lab_<lang>.qm``.
Qt then sends every widget a ``LanguageChange`` event; each widget that sets
its words once (in ``__init__``) sets them again in ``retranslate_ui()``
from its ``changeEvent``, and the words made at display time
(:mod:`gui.words`) follow when the views refresh. No restart.

Qt's catalogue is loaded as ``qtbase``, by name: ``qt_<lang>.qm`` is a
meta-catalogue that also pulls in modules PySide6-Essentials lacks, and
loading it fails there.

The console keeps the lesson's own lines (``Process ID: …``) in English:
they are the program's output, not the window's words.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator

#: Process Lab's catalogues are ``process_lab_<code>.qm`` in ``gui.app.I18N_DIR``.
CATALOGUE = "process_lab"
#: The language the sources are written in: no translator needed.
SOURCE_LANGUAGE = "en"
#: Every language the window speaks, each by its own name, as people look
#: for it in a menu (never translated).
LANGUAGES: dict[str, str] = {"en": "English", "ko": "한국어"}
#: The setting's value for "as the system is".
SYSTEM = ""


_MNEMONIC = re.compile(r"\s*\(&\w\)|&(?=\w)")


def without_mnemonic(text: str) -> str:
    """A menu's words without their keyboard mnemonic, for plain text:
    "&Dark" → "Dark", "어둡게(&D)" → "어둡게" (Korean puts the key in brackets)."""
    return _MNEMONIC.sub("", text).replace("&&", "&")


def system_language() -> str:
    """The first of the system's UI languages that the window speaks, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


class Translations(QObject):
    """The application's installed translators; one per application (see
    :func:`translations`)."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("processLabTranslations")
        self._app = app
        self._installed: list[QTranslator] = []
        self._chosen = SYSTEM  # "" follows the system
        self._language = SOURCE_LANGUAGE

    @property
    def chosen(self) -> str:
        """What was asked for: a code of LANGUAGES, or "" for the system's."""
        return self._chosen

    @property
    def language(self) -> str:
        """The language in use now (a code of LANGUAGES)."""
        return self._language

    def translators(self) -> list[QTranslator]:
        return list(self._installed)

    def set_language(self, chosen: str) -> None:
        """Speak ``chosen`` (a code of LANGUAGES, or SYSTEM) from now on:
        the window's words change at once. An unknown code means the system's."""
        chosen = chosen if chosen in LANGUAGES else SYSTEM
        language = chosen or system_language()
        self._chosen = chosen
        if language == self._language and (self._installed or language == SOURCE_LANGUAGE):
            return
        for translator in self._installed:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._installed = []
        self._language = language
        # Numbers, dates and Qt's own dialogs in the language as well.
        system = QLocale.system()
        same = QLocale(language).language() == system.language()
        QLocale.setDefault(system if same else QLocale(language))
        if language != SOURCE_LANGUAGE:
            from gui.app import I18N_DIR  # where the app finds its resources

            for name, directory in (
                ("qtbase", qt_translations_dir()),
                (CATALOGUE, str(I18N_DIR)),
            ):
                translator = QTranslator(self)
                if translator.load(f"{name}_{language}", directory):
                    self._app.installTranslator(translator)
                    self._installed.append(translator)
        self._deliver_language_change()

    def _deliver_language_change(self) -> None:
        """Install and remove post LanguageChange to the application, which
        posts it on to each window: deliver both now, so that the words have
        changed when set_language returns (a test, or the menu, reads them)."""
        for _hop in range(2):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


# -- words set once, set again -------------------------------------------------

#: What keep_translated can set: the dynamic property that remembers the
#: source, and the setter.
_KEPT = {
    "text": ("_i18nText", "setText"),
    "title": ("_i18nTitle", "setTitle"),
    "tip": ("_i18nToolTip", "setToolTip"),
    "status_tip": ("_i18nStatusTip", "setStatusTip"),
    "window_title": ("_i18nWindowTitle", "setWindowTitle"),
}


def keep_translated(obj: QObject, context: str, **sources: str) -> None:
    """Set ``obj``'s words now, translated in ``context``, and again on each
    :func:`retranslate_kept` (``text=``, ``title=``, ``tip=``,
    ``status_tip=``, ``window_title=``). For actions and menus, which get no
    LanguageChange of their own. Pass literals through
    ``QT_TRANSLATE_NOOP("Context", "…")`` so lupdate finds them."""
    for what, source in sources.items():
        prop, setter = _KEPT[what]
        obj.setProperty(prop, f"{context}\x1f{source}")
        getattr(obj, setter)(QCoreApplication.translate(context, source))


def retranslate_kept(root: QObject) -> None:
    """Set the words of ``root`` and of everything under it that
    :func:`keep_translated` set, in the current language."""
    for obj in [root, *root.findChildren(QObject)]:
        for prop, setter in _KEPT.values():
            kept = obj.property(prop)
            if isinstance(kept, str) and "\x1f" in kept:
                context, source = kept.split("\x1f", 1)
                getattr(obj, setter)(QCoreApplication.translate(context, source))


def translations() -> Translations:
    """The application's Translations, made on first call (with the
    application's language still the source one until set_language)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before its translations")
    found = app.findChild(Translations, "processLabTranslations")
    return found if found is not None else Translations(app)


def set_language(chosen: str) -> None:
    """Shorthand for ``translations().set_language(chosen)``."""
    translations().set_language(chosen)
