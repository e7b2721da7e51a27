"""Case use cases against an in-memory migrated database."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from mediator_app.domain.enums import (
    AgreementForm,
    CaseStatus,
    PersonRole,
)
from mediator_app.domain.errors import DomainError
from mediator_app.domain.model import (
    Agreement,
    Case,
    Party,
    Person,
    new_case_id,
)
from mediator_app.services.cases import edit as svc
from mediator_app.services.organisation import edit as org_svc
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.settings_repo import SettingsRepository
from tests.fixtures import district

TODAY = date(2023, 12, 31)
GRID = district.GRID_A1
C1, C2 = district.COMMITTEE_VILLAGE, district.COMMITTEE_STREET  # short names 东村, 东街
ID_A = "11010519491231002X"
ID_B = "440524188001010014"


@pytest.fixture
def db(mini_district):
    return mini_district


def new_case(**kw) -> Case:
    values = dict(case_id=new_case_id(), committee_code=C1, received_on=date(2023, 5, 1),
                  dispute_type="02", source="1",
                  parties=(Party("张三", id_number=ID_A), Party("李四")))
    values.update(kw)
    return Case(**values)


def test_save_new_case_numbers_and_locates_it(db):
    saved = svc.save_case(db, new_case(), today=TODAY, user="tester")
    assert saved.id is not None
    assert saved.case_no == "（2023）东村人调字第1号"
    assert saved.extra["org_code"] == "610114001001"
    assert [p.name for p in saved.parties] == ["张三", "李四"]
    assert saved.updated_at
    second = svc.save_case(db, new_case(grid_code=GRID), today=TODAY)
    assert second.case_no == "（2023）东村人调字第2号"
    assert second.extra["org_code"] == GRID
    other = svc.save_case(db, new_case(committee_code=C2), today=TODAY)
    assert other.case_no == "（2023）东街人调字第1号"
    history = AuditRepository(db).history("case", saved.case_id)
    assert [(e.action, e.user) for e in history] == [("create", "tester")]


def test_numbering_follows_the_template_setting_and_restarts_each_year(db):
    SettingsRepository(db).set("case_no_template", "{short}{year}-{serial:03d}")
    svc.save_case(db, new_case(case_no="东村2023-007"), today=TODAY)
    assert svc.next_case_no(db, C1, 2023) == "东村2023-008"
    assert svc.next_case_no(db, C1, 2022) == "东村2022-001"


def test_deleted_case_keeps_its_number_taken(db):
    saved = svc.save_case(db, new_case(), today=TODAY)
    svc.delete_case(db, saved.id)
    assert svc.next_case_no(db, C1, 2023) == "（2023）东村人调字第2号"


def test_duplicate_case_no_refused(db):
    svc.save_case(db, new_case(case_no="A-1"), today=TODAY)
    with pytest.raises(DomainError) as err:
        svc.save_case(db, new_case(case_no="A-1"), today=TODAY)
    assert [(p.field, p.code) for p in err.value.problems] == [("case_no", "case_no.duplicate")]
    svc.save_case(db, new_case(case_no="A-1", committee_code=C2), today=TODAY)
    svc.save_case(db, new_case(case_no="A-1", received_on=date(2022, 1, 5)), today=TODAY)


def test_all_problems_are_reported_and_nothing_written(db):
    bad = new_case(received_on=date(2023, 5, 10), accepted_on=date(2023, 5, 1),
                   status=CaseStatus.IN_MEDIATION, dispute_type="zz", grid_code="610114001",
                   parties=(Party("张三", id_number="110105194912310021"),))
    with pytest.raises(DomainError) as err:
        svc.save_case(db, bad, today=TODAY)
    got = {(p.field, p.code) for p in err.value.problems}
    assert {("accepted_on", "dates.accepted_before_received"),
            ("dispute_type", "unknown_code"), ("grid_code", "unknown_code"),
            ("parties[0].id_number", "id.checksum")} <= got
    assert CaseRepository(db).count() == 0


def test_edit_updates_and_audits_the_diff(db):
    saved = svc.save_case(db, new_case(), today=TODAY)
    edited = dataclasses.replace(saved, summary="邻里漏水", parties=(Party("张三"),),
                                 amount_fen=12345)
    result = svc.save_case(db, edited, today=TODAY)
    assert (result.summary, result.amount_fen, result.case_no) == (
        "邻里漏水", 12345, saved.case_no)
    assert result.updated_at >= saved.updated_at
    assert [p.name for p in result.parties] == ["张三"]
    fields = {e.field for e in AuditRepository(db).history("case", saved.case_id)}
    assert {"summary", "amount_fen", "party_names"} <= fields


def test_edit_of_a_case_saved_elsewhere_meanwhile_is_refused(db):
    read_by_a = svc.save_case(db, new_case(), today=TODAY)
    read_by_b = dataclasses.replace(read_by_a)
    svc.save_case(db, dataclasses.replace(read_by_a, summary="A 的修改"), today=TODAY)
    with pytest.raises(DomainError) as caught:
        svc.save_case(db, dataclasses.replace(read_by_b, summary="B 的修改"), today=TODAY)
    (problem,) = caught.value.problems
    assert (problem.field, problem.code) == ("updated_at", "case.changed_elsewhere")
    assert problem.params["case_no"] == read_by_a.case_no
    assert problem.params["read_at"] == read_by_a.updated_at
    stored = CaseRepository(db).get(read_by_a.id)
    assert stored.summary == "A 的修改"  # nothing of B's edit was written
    assert problem.params["stored_at"] == stored.updated_at


def test_edit_after_a_status_change_elsewhere_is_refused(db):
    saved = svc.save_case(db, new_case(), today=TODAY)
    svc.transition_case(db, saved.id, CaseStatus.IN_MEDIATION, on=date(2023, 5, 2),
                        today=TODAY)
    with pytest.raises(DomainError) as caught:
        svc.save_case(db, dataclasses.replace(saved, summary="x"), today=TODAY)
    assert caught.value.problems[0].code == "case.changed_elsewhere"
    assert CaseRepository(db).get(saved.id).status == CaseStatus.IN_MEDIATION


def test_edit_without_updated_at_is_not_checked(db):
    saved = svc.save_case(db, new_case(), today=TODAY)
    svc.save_case(db, dataclasses.replace(saved, summary="first"), today=TODAY)
    result = svc.save_case(db, dataclasses.replace(saved, summary="second", updated_at=""),
                           today=TODAY)
    assert result.summary == "second"


def test_edit_of_missing_case(db):
    with pytest.raises(DomainError):
        svc.save_case(db, new_case(id=999), today=TODAY)


def test_transitions(db):
    case = svc.save_case(db, new_case(), today=TODAY)
    accepted = svc.transition_case(db, case.id, CaseStatus.IN_MEDIATION,
                                   on=date(2023, 5, 2), today=TODAY)
    assert (accepted.status, accepted.accepted_on) == (CaseStatus.IN_MEDIATION,
                                                       date(2023, 5, 2))
    assert [p.name for p in accepted.parties] == ["张三", "李四"]  # parts untouched
    with pytest.raises(DomainError) as err:
        svc.transition_case(db, case.id, CaseStatus.RESOLVED, on=date(2023, 5, 9),
                            today=TODAY)
    assert err.value.first.field == "agreement_form"
    done = svc.transition_case(db, case.id, CaseStatus.RESOLVED, on=date(2023, 5, 9),
                               agreement_form=AgreementForm.ORAL, today=TODAY)
    assert (done.status, done.closed_on, done.agreement_form) == (
        CaseStatus.RESOLVED, date(2023, 5, 9), AgreementForm.ORAL)
    actions = [e.action for e in AuditRepository(db).history("case", case.case_id)]
    assert actions[:1] == ["create"] and "受理" in actions and "调解成功" in actions


def test_transition_refused_by_the_rules(db):
    case = svc.save_case(db, new_case(), today=TODAY)
    with pytest.raises(DomainError) as err:
        svc.transition_case(db, case.id, CaseStatus.TERMINATED, on=date(2023, 5, 2),
                            reason="撤回", today=TODAY)
    assert err.value.first.code == "status.transition"
    with pytest.raises(DomainError) as err:
        svc.transition_case(db, case.id, CaseStatus.IN_MEDIATION, on=date(2023, 4, 1),
                            today=TODAY)
    assert err.value.first.code == "dates.accepted_before_received"
    with pytest.raises(DomainError) as err:
        svc.transition_case(db, case.id, CaseStatus.REJECTED, on=date(2023, 5, 2),
                            today=TODAY)
    assert err.value.first.code == "status.reason_required"
    rejected = svc.transition_case(db, case.id, CaseStatus.REJECTED, on=date(2023, 5, 2),
                                   reason="不属于受理范围", today=TODAY)
    assert (rejected.status, rejected.outcome_note) == (CaseStatus.REJECTED, "不属于受理范围")
    assert CaseRepository(db).get(case.id).status == CaseStatus.REJECTED


def test_terminate(db):
    case = svc.save_case(db, new_case(), today=TODAY)
    svc.transition_case(db, case.id, CaseStatus.IN_MEDIATION, on=date(2023, 5, 2),
                        today=TODAY)
    done = svc.transition_case(db, case.id, CaseStatus.TERMINATED, on=date(2023, 6, 2),
                               reason="一方撤回", today=TODAY)
    assert (done.status, done.closed_on) == (CaseStatus.TERMINATED, date(2023, 6, 2))


def test_delete_is_a_tombstone(db):
    case = svc.save_case(db, new_case(), today=TODAY)
    changes = svc.delete_case(db, case.id)
    assert changes.case_rowids == (case.id,)
    stored = CaseRepository(db).get(case.id)
    assert stored.deleted and stored.updated_at > case.updated_at
    assert CaseRepository(db).count() == 0


def test_mediators_are_saved(db):
    pid = int(org_svc.save_person(
        db, Person("调解员甲", PersonRole.MEDIATOR, committee_code=C1)).key)
    case = svc.save_case(db, new_case(mediator_ids=(pid,)), today=TODAY)
    assert case.mediator_ids == (pid,)


def test_edit_audits_mediators_and_party_count_but_never_the_row_id(db):
    a = int(org_svc.save_person(db, Person("调解员甲", PersonRole.MEDIATOR, committee_code=C1)).key)
    b = int(org_svc.save_person(db, Person("调解员乙", PersonRole.MEDIATOR, committee_code=C1)).key)
    saved = svc.save_case(db, new_case(mediator_ids=(a,)), today=TODAY)
    svc.save_case(db, dataclasses.replace(saved, mediator_ids=()), today=TODAY)
    again = CaseRepository(db).get(saved.id)
    svc.save_case(db, dataclasses.replace(again, mediator_ids=(a, b), parties=(Party("张三"),)),
                  today=TODAY)
    updates = [(e.field, e.old_value, e.new_value)
               for e in AuditRepository(db).history("case", saved.case_id) if e.action == "update"]
    assert ("mediators", "调解员甲", "") in updates
    assert ("mediators", "", "调解员甲、调解员乙") in updates
    assert ("party_count", "2", "1") in updates
    assert all(field != "id" for field, _old, _new in updates)
    unchanged = CaseRepository(db).get(saved.id)
    svc.save_case(db, unchanged, today=TODAY)  # nothing changed: nothing logged
    assert len(AuditRepository(db).history("case", saved.case_id)) == 1 + len(updates)


def test_duplicate_case_no_names_the_committee(db):
    from mediator_app.domain.messages import message

    svc.save_case(db, new_case(case_no="A-1"), today=TODAY)
    with pytest.raises(DomainError) as err:
        svc.save_case(db, new_case(case_no="A-1"), today=TODAY)
    text = message(err.value.first)
    assert "东村人民调解委员会" in text and C1 not in text
    params = {k: v for k, v in err.value.first.params.items() if k != "committee_name"}
    fallback = message(dataclasses.replace(err.value.first, params=params))
    assert f"调委会 {C1}" in fallback  # no name given: the code


def test_likely_duplicates(db):
    first = svc.save_case(db, new_case(), today=TODAY)
    far = svc.save_case(db, new_case(received_on=date(2023, 9, 1),
                                     parties=(Party("张三"), Party("李四"))), today=TODAY)
    deleted = svc.save_case(db, new_case(parties=(Party("王五", id_number=ID_B),)),
                            today=TODAY)
    svc.delete_case(db, deleted.id)
    # same ID number, whatever the date
    probe = new_case(received_on=date(2023, 11, 1), parties=(Party("某", id_number=ID_A),))
    assert svc.likely_duplicates(db, probe) == [first.id]
    # same names within 30 days (not the one registered months later)
    probe = new_case(received_on=date(2023, 5, 20), parties=(Party("李四"), Party("张三")))
    assert svc.likely_duplicates(db, probe) == [first.id]
    probe = new_case(received_on=date(2023, 5, 20), parties=(Party("李四"),))
    assert svc.likely_duplicates(db, probe) == []
    # a saved case is not its own duplicate; deleted cases are ignored
    assert svc.likely_duplicates(db, far) == []
    assert svc.likely_duplicates(db, new_case(parties=(Party("王五", id_number=ID_B),))) == []


def _resolved(db, form=AgreementForm.WRITTEN, **kw):
    agreement = Agreement(AgreementForm.WRITTEN, agreement_no="X-1", terms="李四赔偿张三")
    case = svc.save_case(db, new_case(agreement=agreement, **kw), today=TODAY)
    svc.transition_case(db, case.id, CaseStatus.IN_MEDIATION, on=date(2023, 5, 2), today=TODAY)
    return svc.transition_case(db, case.id, CaseStatus.RESOLVED, on=date(2023, 5, 9),
                               agreement_form=form, today=TODAY)


def test_reopen_lets_a_mistaken_closing_be_corrected_and_is_audited(db):
    done = _resolved(db)
    reopened = svc.reopen_case(db, done.id, today=TODAY, user="tester")
    assert (reopened.status, reopened.accepted_on, reopened.closed_on) == (
        CaseStatus.IN_MEDIATION, date(2023, 5, 2), None)
    assert reopened.agreement_form is None
    assert reopened.agreement.terms == "李四赔偿张三"  # the agreement text is kept
    history = AuditRepository(db).history("case", done.case_id)
    entry = [e for e in history if e.action == svc.REOPEN_ACTION]
    assert [(e.user, e.field, e.old_value, e.new_value) for e in entry] == [
        ("tester", "status", "调解成功", "调解中")]
    assert any(e.field == "closed_on" and e.old_value == "2023-05-09" for e in history)
    # the corrected choice reaches the stored agreement record too
    oral = svc.transition_case(db, done.id, CaseStatus.RESOLVED, on=date(2023, 5, 10),
                               agreement_form=AgreementForm.ORAL, today=TODAY)
    assert oral.agreement_form == AgreementForm.ORAL
    assert oral.agreement.form == AgreementForm.ORAL
    assert [p.name for p in oral.parties] == ["张三", "李四"]


def test_reopen_refused_for_open_or_rejected_cases(db):
    case = svc.save_case(db, new_case(), today=TODAY)
    with pytest.raises(DomainError) as err:
        svc.reopen_case(db, case.id, today=TODAY)
    assert err.value.first.code == "status.transition"
    rejected = svc.transition_case(db, case.id, CaseStatus.REJECTED, on=date(2023, 5, 2),
                                   reason="不属于受理范围", today=TODAY)
    with pytest.raises(DomainError):
        svc.reopen_case(db, rejected.id, today=TODAY)
    assert CaseRepository(db).get(case.id).status == CaseStatus.REJECTED


def test_transition_reports_every_problem_at_once(db):
    case = svc.save_case(db, new_case(), today=TODAY)
    svc.transition_case(db, case.id, CaseStatus.IN_MEDIATION, on=date(2023, 5, 10), today=TODAY)
    with pytest.raises(DomainError) as err:
        svc.transition_case(db, case.id, CaseStatus.RESOLVED, on=date(2023, 5, 5), today=TODAY)
    assert {(p.field, p.code) for p in err.value.problems} == {
        ("agreement_form", "required"), ("closed_on", "dates.closed_before_accepted")}


def test_case_no_template_problem(db):
    assert svc.case_no_template_problem(db, new_case()) is None  # numbered when saved
    fits = new_case(case_no="(2023)东村人调字第12号")  # half-width brackets are alike
    assert svc.case_no_template_problem(db, fits) is None
    problem = svc.case_no_template_problem(db, new_case(case_no="1"))
    assert (problem.field, problem.code) == ("case_no", "case_no.template_mismatch")
    assert problem.params == {"value": "1", "example": "（2023）东村人调字第1号"}
    other_year = new_case(case_no="（2022）东村人调字第3号")
    assert svc.case_no_template_problem(db, other_year) is not None
