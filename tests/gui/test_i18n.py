"""The Chinese catalogue is complete, current, placeholder-safe and compiled."""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator

from tests.gui.helpers_i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "mediator_zh_CN.ts"
QM = ROOT / "resources" / "i18n" / "mediator_zh_CN.qm"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?::[^}]*)?\}|%n|%\d")


def _messages(path: Path) -> list[tuple[str, str, ET.Element | None]]:
    out = []
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out.append((name, msg.findtext("source") or "", msg.find("translation")))
    return out


def _lupdate() -> None:
    if shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("pyside6-lupdate not installed")


def test_every_string_of_the_code_has_a_finished_translation():
    """lupdate run into a temporary copy of the .ts (as update.sh would) finds every
    tr() string of the code translated: a new string shows up here as unfinished, to be
    translated in Qt Linguist or with untranslated.py --apply (docs/translating.md)."""
    _lupdate()
    cat = catalogue()
    current = cat.current_entries()
    assert len(current) > 800
    assert cat.unfinished(current) == [], "run resources/i18n/untranslated.py"
    assert set(current) == set(cat.entries()), "run sh resources/i18n/update.sh"


def test_a_new_string_is_reported_unfinished(tmp_path):
    """The check can fail: an entry without a finished translation is listed."""
    cat = catalogue()
    text = TS.read_text(encoding="utf-8")
    first = text.index("<translation>")
    broken = tmp_path / "broken.ts"
    broken.write_text(text[:first] + '<translation type="unfinished">'
                      + text[first + len("<translation>"):], encoding="utf-8")
    assert len(cat.unfinished(cat.entries(broken))) == 1
    assert cat.unfinished(cat.entries(TS)) == []


def test_the_qm_is_built_from_the_committed_ts():
    _lupdate()
    assert catalogue().qm_is_current(), "run sh resources/i18n/update.sh"


def test_no_second_source_of_qt_translations():
    """The .ts is the only place of the Chinese of the window layer: no Python dict of
    translations that a script could write over a translator's work."""
    root = ROOT / "mediator_app"
    assert sorted(root.rglob("*zh_strings*.py")) == []
    assert sorted((ROOT / "resources" / "i18n").glob("*.py")) == [
        ROOT / "resources" / "i18n" / "untranslated.py"]


def test_every_message_is_translated():
    problems = [(c, s) for c, s, t in _messages(TS)
                if t is None or not (t.text or "").strip() or t.get("type")]
    assert problems == []


def test_placeholders_match():
    bad = [(c, s, t.text) for c, s, t in _messages(TS) if t is not None and t.text
           and sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(t.text))]
    assert bad == []


def test_qm_matches_ts(qapp):
    translator = QTranslator()
    assert translator.load(str(QM)), "build the .qm with pyside6-lrelease"
    stale = [(c, s) for c, s, t in _messages(TS)
             if t is not None and translator.translate(c, s) != (t.text or "")]
    assert stale == [], "rebuild the .qm with pyside6-lrelease"


def test_chinese_is_the_default_language(monkeypatch):
    from mediator_app.ui import prefs

    assert prefs.language() == "zh"
    assert prefs.language("en") == "en"
    prefs.set_language("en")
    assert prefs.language() == "en"
    assert prefs.language("zh") == "zh"


def test_main_window_speaks_chinese(ctx, qtbot, qapp):
    from mediator_app.ui.app import build_main_window
    from mediator_app.ui.i18n import install_translators

    translators = install_translators(qapp, "zh")
    try:
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        assert window.windowTitle() == "调解台账"
        assert window.tabs.tabText(1) == "案件"
        assert window.cases.model.headerData(0, Qt.Orientation.Horizontal) == "案号"
    finally:
        for t in translators:
            qapp.removeTranslator(t)
