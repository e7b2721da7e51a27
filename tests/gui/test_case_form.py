# ruff: noqa: F811 - fixtures are imported from helpers_form
"""The case form driven as a user would: keyboard, input-method commits for Chinese,
the status actions and the safety nets (confirm on close, drafts)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from mediator_app.domain.enums import AgreementForm, CaseStatus
from mediator_app.services.cases.drafts import DraftStore
from mediator_app.ui.case_form import CaseFormWindow
from tests.gui.helpers_form import (  # noqa: F401 - fixtures
    GRID1,
    accept,
    cases,
    commit_text,
    fill_minimal,
    focused,
    form,
    form_ctx,
    form_db,
    form_dialogs,
    tab,
    tick_mediator,
    type_into,
)

ID_OK = "11010519491231002X"  # female, born 1949-12-31
ID_BAD = "110105194912310021"  # wrong check character


def test_enter_a_whole_case_with_the_keyboard(qtbot, form, form_db, form_ctx):
    w = form()
    b = w.basic.widgets
    b["committee_code"].setFocus()
    qtbot.waitUntil(lambda: focused() is b["committee_code"])
    qtbot.keyClicks(focused(), "C001")
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
    # 案号 is numbered when saved: read-only and not in the Tab order
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
    w.follow_ups.widgets["visited_on"].clear()  # it starts with the due date
    qtbot.keyClicks(w.follow_ups.widgets["visited_on"], "2023-06-10")
    w.follow_ups.widgets["performance"].set_value("履行中")  # chosen, never defaulted
    commit_text(w.follow_ups.widgets["satisfaction"], "满意")
    assert w.is_dirty()

    with qtbot.waitSignal(w.saved) as saved:
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [case] = cases(form_db)
    assert saved.args == [case.id]
    assert (case.committee_code, case.grid_code, case.received_on) == (
        "C001", GRID1, date(2023, 5, 1))
    assert (case.source, case.dispute_type, case.amount_fen, case.people_involved) == (
        "2", "02", 123450, 3)
    assert case.summary.startswith("邻居装修漏水")
    assert case.case_no == "（2023）东村人调字第1号"
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


def test_each_status_action(qtbot, form, form_db):
    w = form()
    fill_minimal(w)
    buttons = w.action_buttons
    assert buttons[CaseStatus.IN_MEDIATION].isEnabled()
    assert not buttons[CaseStatus.RESOLVED].isEnabled()
    accept(w)  # saves the new case first
    # the status's label (no translator installed here: English)
    assert w.status == CaseStatus.IN_MEDIATION and "In mediation" in w.header.text()
    assert w.basic.widgets["accepted_on"].text() == "2023-05-02"
    assert not buttons[CaseStatus.IN_MEDIATION].isEnabled()
    assert buttons[CaseStatus.RESOLVED].isEnabled()
    tick_mediator(w)
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
    accept(w2)
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
        "C001", GRID1, "2023-03-04")
    assert b.value("source") == "" and b.value("summary") == "" and w.rowid is None
    assert w.parties.records() == [] and focused() is b.widgets["source"]
    b.widgets["source"].set_key("1")
    b.widgets["dispute_type"].set_key("01")
    w.save()
    second = cases(form_db)[1]
    assert (second.committee_code, second.grid_code, second.received_on) == (
        "C001", GRID1, date(2023, 3, 4))
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


# ---- findings of the new-user review ---------------------------------------------------------


def _tab_from_popup(qtbot, combo):
    """Tab while the type-ahead list is open: the completer takes the key and hands it
    straight to the field (no event filter sees it), as with a real keyboard."""
    popup = combo.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Tab)
    return focused()


def test_tab_from_the_committee_to_a_new_party_by_keyboard_only(qtbot, form, form_db):
    w = form()
    b, p = w.basic.widgets, w.parties.widgets
    qtbot.waitUntil(lambda: focused() is b["committee_code"])
    qtbot.keyClicks(focused(), "C")  # both committees match: the list opens
    assert _tab_from_popup(qtbot, b["committee_code"]) is b["grid_code"]
    assert tab(qtbot) is b["received_on"]
    assert tab(qtbot) is b["source"]
    qtbot.keyClicks(focused(), "1")
    assert tab(qtbot) is b["dispute_type"]
    qtbot.keyClicks(focused(), "0")  # many types match "0": the list opens
    # on to the parties page, not to 纠纷简要情况 below
    assert _tab_from_popup(qtbot, b["dispute_type"]) is w.parties.add_button
    assert w.tabs.currentWidget() is w.parties
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter adds a party
    assert len(w.parties.records()) == 1 and focused() is p["name"]
    qtbot.keyClicks(focused(), "Zhang San")
    assert [tab(qtbot) for _ in range(3)] == [p["role"], p["kind"], p["id_type"]]
    assert tab(qtbot) is p["id_number"]
    shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(focused(), Qt.Key.Key_P, shift)  # Ctrl+Shift+P: another party
    assert len(w.parties.records()) == 2 and focused() is p["name"]
    assert "Ctrl+Shift+P" in w.parties.add_button.toolTip()
    assert w.parties.records()[0]["name"] == "Zhang San"


def test_ctrl_tab_and_ctrl_page_down_switch_pages(qtbot, form):
    w = form()
    b = w.basic.widgets
    ctrl = Qt.KeyboardModifier.ControlModifier
    b["summary"].setFocus()
    qtbot.waitUntil(lambda: focused() is b["summary"])
    qtbot.keyClick(focused(), Qt.Key.Key_PageDown, ctrl)
    assert w.tabs.currentIndex() == 1 and focused() is w.parties.add_button
    qtbot.keyClick(focused(), Qt.Key.Key_Tab, ctrl)
    assert w.tabs.currentIndex() == 2 and w.tabs.currentWidget().isAncestorOf(focused())
    qtbot.keyClick(focused(), Qt.Key.Key_PageUp, ctrl)
    assert w.tabs.currentIndex() == 1
    qtbot.keyClick(focused(), Qt.Key.Key_PageUp, ctrl)
    assert w.tabs.currentIndex() == 0 and focused() is b["committee_code"]


def test_case_number_is_numbered_unless_edited_on_purpose(qtbot, form, form_db, form_dialogs):
    w = form()
    fill_minimal(w)
    case_no = w.basic.widgets["case_no"]
    assert case_no.isReadOnly() and case_no.focusPolicy() == Qt.FocusPolicy.NoFocus
    w.basic.widgets["summary"].setFocus()
    qtbot.waitUntil(lambda: focused() is w.basic.widgets["summary"])
    assert tab(qtbot) is w.basic.mediators
    qtbot.keyClicks(focused(), "1")  # a stray key cannot become the case number
    w.save()
    assert cases(form_db)[0].case_no == "（2023）东村人调字第1号"
    assert "confirm" not in form_dialogs.kinds()

    w = form()
    fill_minimal(w)
    qtbot.mouseClick(w.basic.case_no_button, Qt.MouseButton.LeftButton)
    case_no = w.basic.widgets["case_no"]
    assert not case_no.isReadOnly() and focused() is case_no
    qtbot.keyClicks(case_no, "2019-17")  # an old paper case
    form_dialogs.confirms = [False]
    w.save()  # not from the template: asked, declined, refused beside the field
    assert len(cases(form_db)) == 1 and form_dialogs.asked[-1][0] == "confirm"
    error = w.basic.errors["case_no"]
    assert error.isVisible() and "2019-17" in error.text() and "（2023）东村人调字第" in error.text()  # noqa: E501
    form_dialogs.confirms = [True]
    w.save()
    assert cases(form_db)[1].case_no == "2019-17" and case_no.isReadOnly()
    asked = form_dialogs.kinds().count("confirm")
    commit_text(w.basic.widgets["summary"], "补充")
    w.save()  # the stored number is not questioned again
    assert form_dialogs.kinds().count("confirm") == asked

    w = form()
    fill_minimal(w)
    w.basic.case_no_button.click()
    qtbot.keyClicks(w.basic.widgets["case_no"], "x")
    w.basic.case_no_button.click()  # cancel the change: numbered when saved again
    assert w.basic.widgets["case_no"].text() == "" and w.basic.widgets["case_no"].isReadOnly()
    w.save()
    assert cases(form_db)[2].case_no == "（2023）东村人调字第2号"


def test_resolved_needs_a_mediator_and_a_written_one_asks_for_the_terms(qtbot, form, form_db):
    w = form()
    fill_minimal(w)
    accept(w)
    w.status_actions.status_dialog = None
    w.start_action(CaseStatus.RESOLVED)
    assert w.status_dialog is None  # no dialog: the form's rule comes first
    error = w.basic.errors["mediator_ids"]
    assert error.isVisible() and w.tabs.currentWidget() is w.basic
    assert focused() is w.basic.mediators
    tick_mediator(w)
    assert not error.isVisible()
    w.start_action(CaseStatus.RESOLVED)
    d = w.status_dialog
    d.date_edit.setText("2023-05-20")
    d.form_combo.set_value(AgreementForm.WRITTEN.value)
    d.submit()
    assert w.status == CaseStatus.RESOLVED and len(cases(form_db)[0].mediator_ids) == 1
    page = w.agreement
    assert w.tabs.currentWidget() is page and page.prompt.isVisible()
    assert page.value("agreement.agreement_no") == "（2023）东村人调协字第1号"  # proposed
    assert focused() is page.widgets["agreement.facts"]  # the next field to fill in
    assert (page.value("agreement.form"), page.value("agreement.signed_on")) == (
        "书面", "2023-05-20")
    commit_text(page.widgets["agreement.terms"], "李四赔偿张三500元")
    w.save()
    stored = cases(form_db)[0].agreement
    assert (stored.form, stored.terms) == (AgreementForm.WRITTEN, "李四赔偿张三500元")
    assert not page.prompt.isVisible()


def test_reopen_corrects_a_mistaken_agreement_form(qtbot, form, form_db, form_dialogs):
    w = form()
    fill_minimal(w)
    tick_mediator(w)
    accept(w)
    assert not w.reopen_button.isEnabled()
    w.start_action(CaseStatus.RESOLVED)
    w.status_dialog.form_combo.set_value(AgreementForm.WRITTEN.value)  # meant 口头
    w.status_dialog.date_edit.setText("2023-05-20")
    w.status_dialog.submit()
    commit_text(w.agreement.widgets["agreement.terms"], "当场赔偿")
    w.save()
    assert not any(b.isEnabled() for b in w.action_buttons.values())
    assert w.reopen_button.isEnabled()
    form_dialogs.confirms = [False]
    w.reopen_button.click()
    assert form_dialogs.kinds()[-1] == "confirm" and w.status == CaseStatus.RESOLVED
    form_dialogs.confirms = [True]
    w.reopen_button.click()
    assert w.status == CaseStatus.IN_MEDIATION == cases(form_db)[0].status
    assert w.basic.value("closed_on") == "" and w.basic.value("agreement_form") == ""
    assert w.action_buttons[CaseStatus.RESOLVED].isEnabled() and not w.reopen_button.isEnabled()
    assert w.agreement.widgets["agreement.form"].isEnabled()
    w.start_action(CaseStatus.RESOLVED)
    w.status_dialog.form_combo.set_value(AgreementForm.ORAL.value)
    w.status_dialog.date_edit.setText("2023-05-20")
    w.status_dialog.submit()
    case = cases(form_db)[0]
    assert (case.status, case.agreement_form, case.agreement.form) == (
        CaseStatus.RESOLVED, AgreementForm.ORAL, AgreementForm.ORAL)
    assert w.agreement.value("agreement.form") == "口头" and not w.is_dirty()


def _inside(widget, dialog):
    top_left = widget.mapTo(dialog, widget.rect().topLeft())
    return dialog.rect().contains(top_left) and dialog.rect().contains(
        widget.mapTo(dialog, widget.rect().bottomRight()))


def test_status_dialog_shows_every_problem_inside_itself(qtbot, form):
    w = form()
    fill_minimal(w)
    tick_mediator(w)
    accept(w, on="2023-05-10")
    w.start_action(CaseStatus.RESOLVED)
    d = w.status_dialog
    qtbot.waitExposed(d)
    assert not d.reason_edit.isVisible()  # not drawn over the form of this action
    d.date_edit.setText("2023-05-05")
    d.submit()  # no agreement form and a closing date before the acceptance
    date_error, form_error = d.errors["date"], d.errors["agreement_form"]
    assert "结案日期" in date_error.text() and "协议形式" in form_error.text()
    qtbot.waitUntil(lambda: date_error.isVisible() and form_error.isVisible())
    for widget in (date_error, form_error, d.form_combo):
        assert _inside(widget, d)
    d.date_edit.setText("2023-13-45")
    d.submit()  # an unreadable date does not hide the missing form either
    assert "2023-13-45" in date_error.text() and form_error.isVisible()
    assert d.isVisible() and w.status == CaseStatus.IN_MEDIATION


def test_amount_with_three_decimals_and_esc_closes(qtbot, form, form_db, form_dialogs):
    w = form()
    fill_minimal(w)
    w.basic.widgets["amount_yuan"].setText("12.345")
    w.save()
    error = w.basic.errors["amount_yuan"]
    assert "最多保留两位小数" in error.text() and cases(form_db) == []
    w.basic.widgets["amount_yuan"].setText("12.34")
    form_dialogs.answers = ["cancel"]
    qtbot.keyClick(w.basic.widgets["summary"], Qt.Key.Key_Escape)
    assert form_dialogs.kinds() == ["ask"] and w.isVisible()  # same question as Close
    form_dialogs.answers = ["save"]
    qtbot.keyClick(w.basic.widgets["amount_yuan"], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not w.isVisible())
    assert cases(form_db)[0].amount_fen == 1234


def test_opening_a_case_with_personal_data_is_logged(qtbot, form, form_db):
    import dataclasses

    from mediator_app.domain.model import Party
    from mediator_app.services.trust.privacy import VIEW, personal_data_log
    from mediator_app.storage.case_repo import CaseRepository

    w = form()
    fill_minimal(w)
    w.save()
    repo = CaseRepository(form_db)
    case = repo.get(w.rowid)
    with_id = dataclasses.replace(case, parties=(Party("张三", id_number="11010519491231002X"),))
    repo.update(w.rowid, with_id, case.extra["org_code"])
    assert personal_data_log(form_db) == []
    form(w.rowid)
    [entry] = personal_data_log(form_db)
    assert entry.action == VIEW and entry.entity_key == case.case_id


def test_drafts_of_an_encrypted_ledger_are_sealed(qtbot, form, form_db, monkeypatch, tmp_path):
    """review2: the form of an encrypted ledger seals its drafts with the data key."""
    from mediator_app.storage import crypto

    key = crypto.new_data_key()
    monkeypatch.setattr(crypto, "key_of", lambda conn: key)
    w = form()
    fill_minimal(w)
    w.tabs.setCurrentIndex(1)
    qtbot.mouseClick(w.parties.add_button, Qt.MouseButton.LeftButton)
    commit_text(w.parties.widgets["name"], "王五柳")
    w.write_draft()
    files = [p for p in (tmp_path / "drafts").rglob("*") if p.is_file()]
    assert files and all(p.suffix == ".sdraft" for p in files), files
    assert all("王五柳".encode() not in p.read_bytes() for p in files)
    assert w.drafts.load(w._draft_key)["parties"][0]["name"] == "王五柳"
