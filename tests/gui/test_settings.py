"""Settings dialog: database round trip, validation, language and text size."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from mediator_app.storage.settings_repo import SettingsRepository
from mediator_app.ui import prefs
from mediator_app.ui.app import build_main_window
from mediator_app.ui.settings_dialog import SettingsDialog


@pytest.fixture
def dialog(ctx, qtbot):
    d = SettingsDialog(ctx)
    qtbot.addWidget(d)
    return d


def test_round_trip(dialog, ctx, case_db, qtbot):
    dialog.district_name.setText("测试区")
    dialog.district_code.clear()
    qtbot.keyClicks(dialog.district_code, "610114")
    dialog.template.setText("（{year}）{short}调字第{serial:03d}号")
    dialog.denominator.setCurrentIndex(dialog.denominator.findData("accepted"))
    dialog.rounding.setCurrentIndex(dialog.rounding.findData("half_up"))
    dialog.decimals.setValue(1)
    dialog.signatory.setText("张三")
    dialog.overdue_days.setValue(45)
    dialog.followup_days.setValue(15)
    with qtbot.waitSignal(dialog.applied):
        dialog.save()
    stored = SettingsRepository(case_db).all()
    assert stored["district_name"] == "测试区" and stored["district_code"] == "610114"
    assert stored["case_no_template"] == "（{year}）{short}调字第{serial:03d}号"
    assert (stored["rate_denominator"], stored["rate_rounding"], stored["rate_decimals"]) == (
        "accepted", "half_up", "1")
    assert stored["sheet_signatory"] == "张三"
    assert (stored["overdue_days"], stored["followup_days"]) == ("45", "15")
    again = SettingsDialog(ctx)
    qtbot.addWidget(again)
    assert again.values() == dialog.values()
    assert "调字第012号" in again.template_preview.text()


def test_invalid_template_is_refused(dialog, case_db):
    before = SettingsRepository(case_db).get("case_no_template")
    dialog.template.setText("{short}人调字")
    dialog.save()
    assert dialog.problems.text()
    assert "serial" in dialog.problems.text()
    assert SettingsRepository(case_db).get("case_no_template") == before
    assert dialog.result() == 0


def test_bad_district_code_is_refused(dialog, case_db):
    dialog.district_code.setText("61A")
    dialog.save()
    assert "61A" in dialog.problems.text()
    assert SettingsRepository(case_db).get("district_code") == ""


def test_language_is_stored_per_user(dialog, qtbot):
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.applied):
        dialog.save()
    assert prefs.language() == "en"


def test_large_text_changes_the_whole_ui_font(ctx, qtbot):
    app = QApplication.instance()
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    before = app.font().pointSizeF()
    table_before = window.cases.table.font().pointSizeF()
    dialog = SettingsDialog(ctx, window)
    dialog.applied.connect(window.settings_applied)
    dialog.text_size.setCurrentIndex(dialog.text_size.findData(1.5))
    try:
        with qtbot.waitSignal(dialog.applied):
            dialog.save()
        assert prefs.text_scale() == 1.5
        assert app.font().pointSizeF() == pytest.approx(before * 1.5)
        qtbot.waitUntil(lambda: window.cases.table.font().pointSizeF()
                        == pytest.approx(table_before * 1.5), timeout=2000)
        row_h = window.cases.table.verticalHeader().defaultSectionSize()
        assert row_h == window.cases.table.fontMetrics().height() + 10
    finally:
        prefs.apply_text_scale(app, 1.0)
    assert app.font().pointSizeF() == pytest.approx(before)


def test_started_with_lang_shows_the_language_in_use_and_keeps_the_saved_one(ctx, qtbot):
    prefs.set_language("zh")
    ctx.lang = "en"  # as after `mediator-app --lang en`
    d = SettingsDialog(ctx)
    qtbot.addWidget(d)
    assert d.language_overridden()
    assert d.language_now.text() == "English"
    assert d.language.currentData() == "zh"  # the saved preference, not the override
    assert "--lang" in d.language_note.text() and "English" in d.language_note.text()
    with qtbot.waitSignal(d.applied):
        d.save()
    assert prefs.language() == "zh"


def test_without_lang_the_saved_language_is_the_one_in_use(dialog):
    assert not dialog.language_overridden()
    assert dialog.language_now.text() == "简体中文"
    assert dialog.language.currentData() == "zh"
    assert "--lang" not in dialog.language_note.text()


def test_dialog_fits_a_small_screen_with_the_largest_text(ctx, qtbot, monkeypatch):
    from PySide6.QtCore import QRect

    small = QRect(0, 0, 1366, 520)  # a laptop with a tall taskbar
    monkeypatch.setattr(SettingsDialog, "_available", lambda self: small)
    app = QApplication.instance()
    prefs.apply_text_scale(app, max(prefs.TEXT_SCALES))
    try:
        d = SettingsDialog(ctx)
        qtbot.addWidget(d)
        assert d.sizeHint().height() > small.height()  # it really would not fit
        d.show()
        qtbot.waitExposed(d)
        assert d.height() <= small.height() and d.width() <= small.width()
        qtbot.waitUntil(lambda: d.scroll_area.verticalScrollBar().maximum() > 0, timeout=2000)
        ok = d.buttons.button(d.buttons.StandardButton.Ok)
        assert d.rect().contains(ok.mapTo(d, ok.rect().bottomRight()))
    finally:
        prefs.apply_text_scale(app, 1.0)
