# ruff: noqa: F811 - fixtures are imported from helpers_form
"""Issue 12 item 5: the next 协议编号 is proposed from a template per committee and year;
a new 回访 starts with its due date, the agreement number and the case's parties to
choose from; 履行情况 starts empty and must be chosen."""

from __future__ import annotations

from datetime import date, timedelta

from mediator_app.domain.enums import AgreementForm, CaseStatus
from mediator_app.services.cases.agreements import next_agreement_no
from mediator_app.services.settings import save_settings
from tests.gui.helpers_form import (  # noqa: F401 - fixtures
    accept,
    cases,
    commit_text,
    fill_minimal,
    form,
    form_ctx,
    form_db,
    form_dialogs,
    tick_mediator,
)


def _resolved(w, on="2023-05-20", form_=AgreementForm.WRITTEN):
    fill_minimal(w)
    tick_mediator(w)
    w.tabs.setCurrentIndex(1)
    for name in ("张三", "李四"):
        w.parties.add_record()
        commit_text(w.parties.widgets["name"], name)
    accept(w)
    w.start_action(CaseStatus.RESOLVED)
    w.status_dialog.form_combo.set_value(form_.value)
    w.status_dialog.date_edit.setText(on)
    w.status_dialog.submit()
    assert w.status == CaseStatus.RESOLVED


def test_agreement_numbers_follow_the_template_per_committee_and_year(form_db):
    assert next_agreement_no(form_db, "C001", 2023) == "（2023）东村人调协字第1号"
    save_settings(form_db, {"agreement_no_template": "{short}协{year}-{serial:03d}"})
    assert next_agreement_no(form_db, "C004", 2024) == "东社区协2024-001"


def test_resolving_proposes_the_next_number_and_counts_on(qtbot, form, form_db):
    w = form()
    _resolved(w)
    page = w.agreement
    assert page.value("agreement.agreement_no") == "（2023）东村人调协字第1号"
    commit_text(page.widgets["agreement.terms"], "赔偿500元")
    w.save()
    assert cases(form_db)[0].agreement.agreement_no == "（2023）东村人调协字第1号"
    w2 = form()
    _resolved(w2)
    assert w2.agreement.value("agreement.agreement_no") == "（2023）东村人调协字第2号"
    w2.agreement.set_value("agreement.agreement_no", "")
    w2.agreement.set_value("agreement.signed_on", "2024-01-03")
    w2.agreement.number_button.click()  # 下一个编号: the year of signing
    assert w2.agreement.value("agreement.agreement_no") == "（2024）东村人调协字第1号"


def test_a_new_follow_up_starts_with_due_date_number_and_parties(qtbot, form, form_db):
    save_settings(form_db, {"followup_days": "15"})
    w = form()
    _resolved(w, on="2023-05-20")
    commit_text(w.agreement.widgets["agreement.terms"], "赔偿500元")
    w.save()
    w.tabs.setCurrentIndex(4)
    f = w.follow_ups
    f.add_record()
    record = f.records()[-1]
    due = (date(2023, 5, 20) + timedelta(days=15)).isoformat()
    assert record["visited_on"] == due
    assert record["agreement_no"] == "（2023）东村人调协字第1号"
    assert record["performance"] == "" and f.widgets["performance"].value() == ""
    combo = f.widgets["party_visited"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["张三", "李四"]
    combo.setCurrentIndex(1)
    assert f.records()[-1]["party_visited"] == "李四"


def test_a_new_follow_up_not_yet_due_starts_today_not_in_the_future(qtbot, form, form_db):
    """Closed today with 30 follow-up days: the visit being recorded now cannot have
    happened on its due date a month ahead; a date in the future would be stored as
    a visit already made (and the overview would stop listing it as due)."""
    w = form()
    today = date.today()
    _resolved(w, on=today.isoformat())
    commit_text(w.agreement.widgets["agreement.terms"], "赔偿500元")
    w.save()
    w.tabs.setCurrentIndex(4)
    w.follow_ups.add_record()
    assert w.follow_ups.records()[-1]["visited_on"] == today.isoformat()


def test_performance_must_be_chosen_for_a_new_follow_up(qtbot, form, form_db):
    w = form()
    _resolved(w)
    commit_text(w.agreement.widgets["agreement.terms"], "赔偿500元")
    w.save()
    w.tabs.setCurrentIndex(4)
    w.follow_ups.add_record()
    w.save()
    error = w.follow_ups.errors["performance"]
    label = w.form_label("follow_ups[0].performance")
    assert error.isVisible() and error.text() == f"请填写“{label}”。"
    assert cases(form_db)[0].follow_ups == ()
    w.follow_ups.widgets["performance"].set_value("已履行")
    w.save()
    assert [f.performance.value for f in cases(form_db)[0].follow_ups] == ["已履行"]
