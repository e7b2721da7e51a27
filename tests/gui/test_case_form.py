# ruff: noqa: F811 - fixtures are imported from helpers_form
"""The case form driven as a user would: keyboard, input-method commits for Chinese,
the status actions and the safety nets (confirm on close, drafts)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mediator_app.domain.enums import AgreementForm, CaseStatus
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.ui.case_form import CaseFormWindow
from mediator_app.ui.case_form.drafts import DraftStore
from tests.gui.helpers_form import (  # noqa: F401 - fixtures
    GRID1, commit_text, form_ctx, form_db, form_dialogs, type_into,
)

ID_OK = "11010519491231002X"  # female, born 1949-12-31
ID_BAD = "110105194912310021"  # wrong check character


@pytest.fixture
def form(qtbot, form_ctx):
    def make(rowid=None, **kw):
        w = CaseFormWindow(form_ctx, rowid, **kw)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)
        return w
    return make


def focused():
    return QApplication.focusWidget()


def tab(qtbot):
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    return focused()


def cases(db):
    repo = CaseRepository(db)
    ids = [r[0] for r in db.execute("SELECT id FROM cases ORDER BY id").fetchall()]
    return [repo.get(i) for i in ids]


def fill_minimal(w, committee="C1", received="2023-05-01"):
    b = w.basic.widgets
    b["committee_code"].set_key(committee)
    b["received_on"].setText(received)
    b["source"].set_key("1")
    b["dispute_type"].set_key("02")


def test_enter_a_whole_case_with_the_keyboard(qtbot, form, form_db, form_ctx):
    w = form()
    b = w.basic.widgets
    b["committee_code"].setFocus()
    qtbot.waitUntil(lambda: focused() is b["committee_code"])
    qtbot.keyClicks(focused(), "C1")
    assert tab(qtbot) is b["grid_code"]
    qtbot.keyClicks(focused(), GRID1)
    assert tab(qtbot) is b["received_on"]
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "20230501")
    assert tab(qtbot) is b["source"]
    assert b["received_on"].text() == "2023-05-01"  # normalised on leaving
    qtbot.keyClicks(focused(), "2")  # 当事人申请
    assert tab(qtbot) is b["dispute_type"]
    type_into(qtbot, focused(), "邻里")  # type-ahead on the label
    # Tab goes on to the parties page, as on the paper form
    assert tab(qtbot) is w.parties.add_button
    assert w.tabs.currentWidget() is w.parties
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # add a party
    p = w.parties.widgets
    assert focused() is p["name"]
    commit_text(focused(), "张三")
    for _ in range(4):  # role, kind, ID type -> ID number
        tab(qtbot)
    assert focused() is p["id_number"]
    qtbot.keyClicks(focused(), ID_OK)
    assert (p["sex"].value(), p["birth_date"].text()) == ("女", "1949-12-31")
    while focused() is not p["phone"]:
        tab(qtbot)
    qtbot.keyClicks(focused(), "13800000000")
    tab(qtbot)
    commit_text(focused(), "东城街道一村1号")
    tab(qtbot)
    commit_text(focused(), "农民")
    # after the last party field: back to the summary on the first page
    assert tab(qtbot) is b["summary"]
    assert w.tabs.currentWidget() is w.basic
    commit_text(focused(), "邻居装修漏水，双方就赔偿发生争执。")
    assert tab(qtbot) is b["case_no"]
    assert tab(qtbot) is w.basic.mediators
    w.basic.mediators.setCurrentRow(0)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert tab(qtbot) is b["amount_yuan"]
    qtbot.keyClicks(focused(), "1234.5")
    tab(qtbot)
    qtbot.keyClicks(focused(), "3")
    # a second party, then the records, agreement and follow-up pages
    qtbot.mouseClick(w.parties.add_button, Qt.MouseButton.LeftButton)
    commit_text(p["name"], "李四")
    w.tabs.setCurrentIndex(2)
    qtbot.mouseClick(w.investigations.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(w.investigations.widgets["held_at"], "2023-05-02 09:30")
    commit_text(w.investigations.widgets["place"], "村委会")
    qtbot.mouseClick(w.sessions.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(w.sessions.widgets["held_at"], "2023-05-03 14:00")
    commit_text(w.sessions.widgets["result"], "达成协议")
    w.tabs.setCurrentIndex(3)
    commit_text(w.agreement.widgets["agreement.terms"], "李四赔偿张三1234.5元")
    qtbot.keyClicks(w.agreement.widgets["agreement.performance_deadline"], "2023-05-31")
    w.tabs.setCurrentIndex(4)
    qtbot.mouseClick(w.follow_ups.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(w.follow_ups.widgets["visited_on"], "2023-06-10")
    commit_text(w.follow_ups.widgets["satisfaction"], "满意")
    assert w.is_dirty()

    with qtbot.waitSignal(w.saved) as saved:
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [case] = cases(form_db)
    assert saved.args == [case.id]
    assert (case.committee_code, case.grid_code, case.received_on) == (
        "C1", GRID1, date(2023, 5, 1))
    assert (case.source, case.dispute_type, case.amount_fen, case.people_involved) == (
        "2", "02", 123450, 3)
    assert case.summary.startswith("邻居装修漏水")
    assert case.case_no == "（2023）一村人调字第1号"
    assert [(x.name, x.id_number, x.sex, x.birth_date) for x in case.parties][0] == (
        "张三", ID_OK, "女", date(1949, 12, 31))
    assert [x.name for x in case.parties] == ["张三", "李四"]
    assert case.parties[0].address == "东城街道一村1号"
    assert len(case.mediator_ids) == 1
    assert case.investigations[0].place == "村委会"
    assert case.sessions[0].result == "达成协议"
    assert case.agreement.terms.startswith("李四赔偿") and case.agreement.performance_deadline
    assert case.follow_ups[0].visited_on == date(2023, 6, 10)
    assert case.case_no in w.header.text() and not w.is_dirty()


def test_invalid_id_number_is_refused_beside_the_field(qtbot, form, form_db):
    w = form()
    fill_minimal(w)
    w.tabs.setCurrentIndex(1)
    qtbot.mouseClick(w.parties.add_button, Qt.MouseButton.LeftButton)
    commit_text(w.parties.widgets["name"], "张三")
    qtbot.keyClicks(w.parties.widgets["id_number"], ID_BAD)
    error = w.parties.errors["id_number"]
    assert error.isVisible() and "校验位" in error.text()  # checked as typed
    w.tabs.setCurrentIndex(0)
    w.save()
    assert cases(form_db) == []
    assert w.tabs.currentWidget() is w.parties and error.isVisible()
    w.parties.widgets["id_number"].setText(ID_OK)
    assert not error.isVisible()
    w.save()
    assert len(cases(form_db)) == 1


def test_unreadable_and_out_of_order_dates_are_refused(qtbot, form, form_db, form_dialogs):
    w = form()
    fill_minimal(w, received="2023-02-30")
    w.save()
    assert cases(form_db) == []
    assert "2023-02-30" in w.basic.errors["received_on"].text()
    w.basic.widgets["received_on"].setText("2023-05-10")
    w.save()
    # acceptance before registration: refused in the action's dialog, beside the date
    w.start_action(CaseStatus.IN_MEDIATION)
    dialog = w.status_dialog
    dialog.date_edit.setText("2023-05-01")
    dialog.submit()
    assert dialog.isVisible()
    assert "受理日期" in dialog.errors["date"].text() and dialog.errors["date"].isVisible()
    assert cases(form_db)[0].status == CaseStatus.REGISTERED
    dialog.date_edit.setText("2023-05-12")
    dialog.submit()
    assert not dialog.isVisible()
    # moving the registration date after the acceptance date is refused on save
    w.basic.widgets["received_on"].setText("2023-05-20")
    w.save()
    assert w.basic.errors["accepted_on"].isVisible()
    assert cases(form_db)[0].received_on == date(2023, 5, 10)


def _accept(w, on="2023-05-02"):
    w.start_action(CaseStatus.IN_MEDIATION)
    w.status_dialog.date_edit.setText(on)
    w.status_dialog.submit()


def test_each_status_action(qtbot, form, form_db):
    w = form()
    fill_minimal(w)
    buttons = w.action_buttons
    assert buttons[CaseStatus.IN_MEDIATION].isEnabled()
    assert not buttons[CaseStatus.RESOLVED].isEnabled()
    _accept(w)  # saves the new case first
    assert w.status == CaseStatus.IN_MEDIATION and "调解中" in w.header.text()
    assert w.basic.widgets["accepted_on"].text() == "2023-05-02"
    assert not buttons[CaseStatus.IN_MEDIATION].isEnabled()
    assert buttons[CaseStatus.RESOLVED].isEnabled()
    w.start_action(CaseStatus.RESOLVED)
    d = w.status_dialog
    d.date_edit.setText("2023-05-20")
    d.submit()  # the agreement form is required
    assert d.isVisible() and d.errors["agreement_form"].isVisible()
    d.form_combo.set_value(AgreementForm.ORAL.value)
    d.submit()
    [case] = cases(form_db)
    assert (case.status, case.closed_on, case.agreement_form) == (
        CaseStatus.RESOLVED, date(2023, 5, 20), AgreementForm.ORAL)
    assert not any(b.isEnabled() for b in buttons.values())

    w2 = form()
    fill_minimal(w2)
    _accept(w2)
    w2.start_action(CaseStatus.TERMINATED)
    w2.status_dialog.submit()
    assert w2.status_dialog.errors["outcome_note"].isVisible()  # reason required
    commit_text(w2.status_dialog.reason_edit, "一方撤回申请")
    w2.status_dialog.submit()
    assert w2.status == CaseStatus.TERMINATED

    w3 = form()
    fill_minimal(w3)
    w3.start_action(CaseStatus.REJECTED)
    commit_text(w3.status_dialog.reason_edit, "不属于人民调解范围")
    w3.status_dialog.submit()
    assert w3.status == CaseStatus.REJECTED
    statuses = [c.status for c in cases(form_db)]
    assert statuses == [CaseStatus.RESOLVED, CaseStatus.TERMINATED, CaseStatus.REJECTED]
    assert cases(form_db)[2].outcome_note == "不属于人民调解范围"


def test_save_and_new_keeps_committee_grid_and_date(qtbot, form, form_db):
    w = form()
    fill_minimal(w, received="2023-03-04")
    w.basic.widgets["grid_code"].set_key(GRID1)
    commit_text(w.basic.widgets["summary"], "第一件")
    qtbot.keyClick(w.basic.widgets["summary"], Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(cases(form_db)) == 1
    b = w.basic
    assert (b.value("committee_code"), b.value("grid_code"), b.value("received_on")) == (
        "C1", GRID1, "2023-03-04")
    assert b.value("source") == "" and b.value("summary") == "" and w.rowid is None
    assert w.parties.records() == [] and focused() is b.widgets["source"]
    b.widgets["source"].set_key("1")
    b.widgets["dispute_type"].set_key("01")
    w.save()
    second = cases(form_db)[1]
    assert (second.committee_code, second.grid_code, second.received_on) == (
        "C1", GRID1, date(2023, 3, 4))
    assert second.case_no.endswith("第2号")


def test_close_with_unsaved_changes_asks(qtbot, form, form_db, form_dialogs):
    w = form()
    w.close()  # nothing typed: closes without asking
    assert not w.isVisible() and "ask" not in form_dialogs.kinds()

    w = form()
    fill_minimal(w)
    form_dialogs.answers = ["cancel"]
    w.close()
    assert w.isVisible() and form_dialogs.kinds().count("ask") == 1
    form_dialogs.answers = ["save"]
    w.close()
    qtbot.waitUntil(lambda: not w.isVisible())
    assert len(cases(form_db)) == 1

    w = form()
    fill_minimal(w)
    w.write_draft()
    drafts = DraftStore(w.drafts.directory)
    assert drafts.new_drafts()
    form_dialogs.answers = ["discard"]
    w.close()
    assert not w.isVisible() and len(cases(form_db)) == 1
    assert drafts.new_drafts() == []


def test_draft_is_restored_after_a_crash(qtbot, form, form_db, form_dialogs):
    w = form()
    fill_minimal(w, received="2023-04-01")
    w.tabs.setCurrentIndex(1)
    qtbot.mouseClick(w.parties.add_button, Qt.MouseButton.LeftButton)
    commit_text(w.parties.widgets["name"], "王五")
    w.write_draft()
    # the program dies: no closeEvent, the form is simply gone
    w._timer.stop()
    CaseFormWindow._open_keys.discard(w._draft_key)
    w.hide()

    form_dialogs.confirms = [True]
    w2 = form()
    qtbot.waitUntil(lambda: "confirm" in form_dialogs.kinds())
    assert "王五" in form_dialogs.asked[-1][2]
    assert w2.basic.value("received_on") == "2023-04-01"
    assert [p["name"] for p in w2.parties.records()] == ["王五"]
    assert w2.is_dirty()
    w2.save()
    assert [c.parties[0].name for c in cases(form_db)] == ["王五"]
    assert DraftStore(w2.drafts.directory).new_drafts() == []


def test_declined_draft_is_removed(qtbot, form, form_dialogs):
    w = form()
    fill_minimal(w)
    w.write_draft()
    CaseFormWindow._open_keys.discard(w._draft_key)
    form_dialogs.confirms = [False]
    w2 = form()
    qtbot.waitUntil(lambda: "confirm" in form_dialogs.kinds())
    assert not w2.is_dirty()
    assert w._draft_key not in DraftStore(w2.drafts.directory).new_drafts()


def test_edit_existing_case_and_future_date_refused(qtbot, form, form_db):
    w = form()
    fill_minimal(w)
    w.save()
    rowid = w.rowid
    e = form(rowid)
    assert e.basic.value("case_no") == cases(form_db)[0].case_no
    assert not e.is_dirty()
    e.basic.widgets["received_on"].setText((date.today() + timedelta(days=3)).isoformat())
    e.save()
    assert e.basic.errors["received_on"].isVisible()
    e.basic.widgets["received_on"].setText("2023-06-01")
    commit_text(e.basic.widgets["summary"], "补充")
    e.save()
    assert cases(form_db)[0].received_on == date(2023, 6, 1)
    assert cases(form_db)[0].summary == "补充"


def test_duplicate_warning_can_stop_the_save(qtbot, form, form_db, form_dialogs):
    for answer in (True, False):
        w = form()
        fill_minimal(w)
        w.tabs.setCurrentIndex(1)
        qtbot.mouseClick(w.parties.add_button, Qt.MouseButton.LeftButton)
        commit_text(w.parties.widgets["name"], "张三")
        w.parties.widgets["id_number"].setText(ID_OK)
        form_dialogs.confirms = [answer]
        w.save()
    assert len(cases(form_db)) == 1  # the second was declined as a duplicate
    assert form_dialogs.kinds().count("confirm") == 1
