"""The Chinese catalogue is complete, current, placeholder-safe and compiled."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator

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


def _lupdate() -> str:
    exe = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("pyside6-lupdate not installed")
    return exe


def test_ts_is_current(tmp_path):
    fresh = tmp_path / "fresh.ts"
    subprocess.run([_lupdate(), "-extensions", "py", str(ROOT / "mediator_app" / "ui"),
                    "-no-obsolete", "-ts", str(fresh)], check=True, capture_output=True)
    current = {(c, s) for c, s, _t in _messages(fresh)}
    committed = {(c, s) for c, s, _t in _messages(TS)}
    assert current - committed == set(), "new strings: re-run lupdate and fill_zh.py"
    assert committed - current == set(), "stale strings: re-run lupdate -no-obsolete"


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
