"""Korean and English: the catalogue is complete, compiled from its source,
holds every string of the code, and the window changes language live.

A string added to the code without a Korean translation fails
``test_the_catalogue_holds_every_string_of_the_code``: run
``make translations`` and translate the new ``type="unfinished"`` entries.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QLabel, QMenu, QToolButton
from pytestqt.qtbot import QtBot

from gui import MainWindow, i18n
from gui.app import I18N_DIR

ROOT = Path(__file__).resolve().parent.parent.parent
GUI = ROOT / "gui"
TS = I18N_DIR / "process_lab_ko.ts"
QM = I18N_DIR / "process_lab_ko.qm"
#: What `make translations` passes to lupdate besides the files.
LUPDATE_OPTIONS = ["-no-obsolete", "-locations", "none"]
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message of a .ts."""
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source") or "", translation))
    return found


def _placeholders(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def _qt_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run PySide6's own lupdate or lrelease (as pyside6-lupdate does)."""
    code = (
        f"import sys; from PySide6.scripts.pyside_tool import {name};"
        f" sys.argv[0] = 'pyside6-{name}'; sys.exit({name}())"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def _sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in GUI.rglob("*.py"))


# -- the catalogue ------------------------------------------------------------------


def test_every_string_has_a_careful_korean_translation() -> None:
    problems = []
    messages = _messages(TS)
    assert len(messages) > 250  # the whole window, not a sample
    for context, source, translation in messages:
        text = translation.text or ""
        where = f"{context}: {source!r}"
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append(f"not translated: {where}")
            continue
        if _placeholders(text) != _placeholders(source):
            problems.append(f"placeholders differ: {where} -> {text!r}")
        if re.search(r"&\w", source) and not re.search(r"&\w", text):
            problems.append(f"the menu key (&) is missing: {where} -> {text!r}")
        if source.count("\n") and not text.count("\n"):
            problems.append(f"the line breaks are gone: {where}")
        # A sentence, not a name: Korean readers get Korean words.
        sentence = len(re.findall(r"\b[a-z]{3,}\b", re.sub(r"\{\w*\}", "", source))) > 1
        if sentence and HANGUL.search(text) is None:
            problems.append(f"no Korean in the translation: {where} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_the_compiled_catalogue_is_the_one_its_source_makes(tmp_path: Path) -> None:
    # Compared by content: checkouts do not keep file times.
    fresh = tmp_path / "fresh.qm"
    _qt_tool("lrelease", str(TS), "-qm", str(fresh))
    assert fresh.read_bytes() == QM.read_bytes(), (
        f"{QM.name} is older than {TS.name}: run `make translations`"
    )


def test_the_catalogue_holds_every_string_of_the_code(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    _qt_tool("lupdate", *LUPDATE_OPTIONS, *_sources(), "-ts", str(copy))
    now = {(c, s): t for c, s, t in _messages(copy)}
    kept = {(c, s) for c, s, _t in _messages(TS)}
    new = sorted(key for key, t in now.items() if t.get("type") == "unfinished")
    gone = sorted(kept - set(now))
    assert not new, "strings with no Korean translation (run `make translations`):\n" + "\n".join(
        f"  {c}: {s!r}" for c, s in new
    )
    assert not gone, "strings no longer in the code (run `make translations`):\n" + "\n".join(
        f"  {c}: {s!r}" for c, s in gone
    )


def _calls(tree: ast.AST) -> Iterator[ast.Call]:
    return (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def _literal(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_every_translated_string_is_written_so_lupdate_finds_it() -> None:
    """lupdate takes ``self.tr("…")`` in its class's context, ``Name.tr("…")``
    in the context Name, and a literal context of ``translate`` and
    ``QT_TRANSLATE_NOOP``; any other spelling is never translated."""
    problems = []
    for path in sorted(GUI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fstring in (n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)):
            for call in _calls(fstring):
                name = getattr(call.func, "attr", getattr(call.func, "id", ""))
                if name in ("tr", "translate"):
                    where = f"{path.relative_to(ROOT)}:{call.lineno}"
                    problems.append(f"{where}: lupdate does not look inside f-strings")
        for call in _calls(tree):
            func, args = call.func, call.args
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            first = args[0] if args else None
            if isinstance(func, ast.Name) and func.id in ("tr", "_tr") and _literal(first):
                problems.append(f"{where}: {func.id}('…') is invisible to lupdate")
            if isinstance(func, ast.Attribute) and func.attr == "tr" and _literal(first):
                owner = func.value
                ok = isinstance(owner, ast.Name) and (owner.id == "self" or owner.id[0].isupper())
                if not ok:
                    problems.append(f"{where}: <object>.tr('…') lands in the wrong context")
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            needs_context = name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2
            if needs_context and _literal(args[1]) and not _literal(args[0]):
                problems.append(f"{where}: {name} needs its context as a literal")
    assert not problems, "\n".join(problems)


# -- the window, live ----------------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    try:
        yield win
    finally:
        i18n.set_language(i18n.SOURCE_LANGUAGE)
        win.shutdown()


def test_view_language_switches_the_window_to_korean_and_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    menu = window.settings_menu
    assert [a.text() for a in menu.languages.values()] == ["English", "한국어"]
    menu.languages["ko"].trigger()
    assert i18n.translations().language == "ko"
    assert window.named_panel.start_button.text() == "프로세스 시작"
    assert window.pool_panel.title() == "프로세스 풀"
    assert window.findChild(QMenu, "fileMenu").title() == "파일(&F)"
    assert window.menus.start_processes.text() == "프로세스 시작(&P)"
    assert window.bottom_tabs.tabText(0) == "콘솔"
    headers = [window.results_model.headerData(i, Qt.Orientation.Horizontal) for i in range(11)]
    assert "상태" in headers
    assert window.run_controls.progress.format() == "아직 실행 없음"
    # What the other parts of the window add says it too.
    assert window.pool_panel.cluster_row.label.text() == "Dask 클러스터:"
    follow = window.findChild(QToolButton, "followLiveButton")
    assert follow is not None and follow.text() == "▶ 실시간 따라가기"
    tabs = [window.bottom_tabs.tabText(i) for i in range(window.bottom_tabs.count())]
    assert {"콘솔", "프로세스", "실행 비교", "코드"} <= set(tabs)
    # Qt's own words too (qtbase_ko.qm): the standard buttons of a dialog.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"
    # Each language keeps its own name in any language.
    assert [a.text() for a in menu.languages.values()] == ["English", "한국어"]
    assert menu.languages["ko"].isChecked()

    menu.languages["en"].trigger()
    assert window.named_panel.start_button.text() == "Start processes"
    assert window.findChild(QMenu, "fileMenu").title() == "&File"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_failure_words_follow_the_language(window: MainWindow) -> None:
    from gui import words
    from workers.failures import Failure, FailureKind

    failure = Failure(FailureKind.HOST_NOT_FOUND, host="nowhere.invalid")
    assert words.failure_text(failure) == "could not find host 'nowhere.invalid'"
    i18n.set_language("ko")
    assert words.failure_text(failure) == "호스트를 찾을 수 없습니다: 'nowhere.invalid'"


def test_a_korean_label_is_drawn_with_hangul_glyphs(qtbot: QtBot) -> None:
    assert QFontDatabase.families(QFontDatabase.WritingSystem.Korean), (
        "no font with Hangul is installed (Debian: fonts-nanum)"
    )
    label = QLabel("프로세스 풀 시작")
    qtbot.addWidget(label)
    label.show()
    assert not label.grab().isNull()
    metrics = QFontMetrics(label.font())
    missing = [ch for ch in label.text() if ch.strip() and not metrics.inFontUcs4(ord(ch))]
    assert not missing, f"no glyph for {missing} in {label.font().family()} or its fallbacks"


@pytest.mark.parametrize(("lang", "expected"), [("ko_KR.UTF-8", "ko"), ("C.UTF-8", "en")])
def test_at_first_start_the_language_is_the_systems(lang: str, expected: str) -> None:
    # A fresh application (the system locale is read once a process), with
    # no settings yet (fresh_settings gave this test an empty folder).
    code = (
        "import sys; from gui.app import create_app; from gui.i18n import translations;"
        " from gui import MainWindow; create_app(sys.argv[:1]); w = MainWindow();"
        " print(translations().language, w.named_panel.start_button.text()); w.shutdown()"
    )
    env = {
        **os.environ,
        "LANG": lang,
        "LC_ALL": lang,
        "LANGUAGE": "",
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    language, _, button = done.stdout.strip().partition(" ")
    assert language == expected
    assert button == ("프로세스 시작" if expected == "ko" else "Start processes")
