"""Issue 12 item 6: the main window as a new user meets it (status bar on 首页, quitting
with an unsaved case form, the settings example, the draft-restore question)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from mediator_app.ui.app import build_main_window
from mediator_app.ui.main_window import TAB_CASES, TAB_OVERVIEW


@pytest.fixture
def window(ctx, qtbot, tmp_path):
    ctx.extra["drafts_dir"] = str(tmp_path / "drafts")
    w = build_main_window(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_overview_does_not_show_the_case_lists_count(window, qtbot):
    window.tabs.setCurrentIndex(TAB_CASES)
    window.cases.filters.search.setText("编号3")  # a search narrows the list
    qtbot.waitUntil(lambda: "cases" in window.counts_label.text())
    assert window.counts_label.isVisible()
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    assert not window.counts_label.isVisible()
    window.tabs.setCurrentIndex(TAB_CASES)
    assert window.counts_label.isVisible()


def _unsaved_form(window, qtbot):
    window.tabs.setCurrentIndex(TAB_CASES)
    window.new_case()
    form = window.windows[-1]
    qtbot.waitExposed(form)
    form.basic.widgets["summary"].setPlainText("邻居因漏水发生争执")
    assert form.is_dirty()
    return form


def test_quit_asks_in_the_unsaved_form_before_closing_other_windows(window, qtbot, dialogs):
    window.open_reports()
    reports = window.reports_window()
    form = _unsaved_form(window, qtbot)
    reports.activateWindow()  # the user was last in the statistics window
    qtbot.waitUntil(reports.isActiveWindow)
    seen = {}

    def ask(title, text):
        seen["reports_open"] = reports.isVisible()
        seen["active"] = QApplication.activeWindow()
        return "cancel"

    dialogs.ask_save_discard_cancel = ask
    assert not window.close()
    assert seen["reports_open"], "the statistics window was closed before the question"
    assert seen["active"] is form, "the form was not brought to the front"
    assert reports.isVisible() and form.isVisible() and window.isVisible()
    dialogs.ask_save_discard_cancel = lambda t, x: "discard"
    assert window.close()
    assert not reports.isVisible() and not form.isVisible()


def test_settings_example_uses_the_current_year(ctx, qtbot):
    from mediator_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.template.setText("（{year}）{short}人调字第{serial}号")
    assert str(date.today().year) in dialog.template_preview.text()
    assert "X" in dialog.template_preview.text()


def test_draft_restore_names_the_case_by_number_or_summary(window, qtbot, dialogs):
    form = _unsaved_form(window, qtbot)
    form.write_draft()
    form._timer.stop()
    type(form)._open_keys.discard(form._draft_key)
    form.hide()  # the program died
    dialogs.confirm_answer = False
    window.new_case()
    qtbot.waitUntil(lambda: any(c[0] == "confirm" for c in dialogs.calls))
    text = [c for c in dialogs.calls if c[0] == "confirm"][-1][2]
    assert "邻居因漏水发生争执" in text
    assert "-" not in text.replace(date.today().isoformat(), "")


def test_draft_of_a_stored_case_is_named_by_its_number(window, qtbot, case_db):
    rowid = case_db.execute("SELECT id FROM cases ORDER BY id LIMIT 1").fetchone()[0]
    window.open_case(rowid)
    form = window.case_window(rowid)
    number = form.basic.value("case_no")
    state = form.state()
    state["summary"] = ""
    assert number and number in form.draft_name(state)
