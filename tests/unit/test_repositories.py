"""Repositories against an in-memory migrated database."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from sqlite_utils import Database

from mediator_app.domain.enums import (
    AgreementForm,
    CaseStatus,
    CommitteeKind,
    OrgLevel,
    PartyRole,
    Performance,
    PersonRole,
    Sex,
)
from mediator_app.domain.model import (
    Agreement,
    Case,
    Committee,
    FollowUp,
    InvestigationRecord,
    OrgUnit,
    Party,
    Person,
    SessionRecord,
    new_case_id,
)
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.case_repo import CaseNotFound, CaseRepository
from mediator_app.storage.org_repo import OrgRepository
from mediator_app.storage.settings_repo import SettingsRepository
from tests.fixtures.district import UNITS


@pytest.fixture
def db(mini_district: Database) -> Database:
    return mini_district


def _case(**kw: object) -> Case:
    base: dict[str, object] = dict(
        case_id=new_case_id(), committee_code="C001", received_on=date(2024, 3, 1),
        dispute_type="02", source="1",
    )
    base.update(kw)
    return Case(**base)  # type: ignore[arg-type]


def test_closure_lists_every_ancestor(db: Database) -> None:
    org = OrgRepository(db)
    assert [u.code for u in org.ancestors("610114001001001")] == [
        "610114", "610114001", "610114001001", "610114001001001"]
    assert sorted(org.descendant_codes("610114001")) == [
        "610114001", "610114001001", "610114001001001", "610114001001002",
        "610114001002", "610114001002001"]
    assert [u.code for u in org.children("610114")] == ["610114001", "610114002"]
    assert org.count_units_by_level() == {"区": 1, "街道": 1, "乡镇": 1, "村": 2, "社区": 1,
                                          "网格": 4}


def test_reimport_updates_by_code(db: Database) -> None:
    org = OrgRepository(db)
    org.upsert_units([OrgUnit("610114002", "西湖街道", OrgLevel.STREET, "610114")])
    assert org.unit("610114002").name == "西湖街道"  # type: ignore[union-attr]
    assert org.unit("610114002").level is OrgLevel.STREET  # type: ignore[union-attr]
    assert len(org.units()) == len(UNITS)


def test_person_natural_key(db: Database) -> None:
    org = OrgRepository(db)
    a = org.upsert_person(Person("王芳", PersonRole.BOTH, "C001", "610114001001001",
                                 "13800000001", Sex.FEMALE))
    b = org.upsert_person(Person("王芳", PersonRole.MEDIATOR, "C001", None, "13800000001"))
    assert a == b
    assert org.person(a).role is PersonRole.MEDIATOR  # type: ignore[union-attr]
    assert [p.name for p in org.people(under="610114001")] == ["王芳"]
    assert org.people(under="610114002") == []


def test_case_round_trip_with_all_parts(db: Database) -> None:
    repo = CaseRepository(db)
    org = OrgRepository(db)
    pid = org.upsert_person(Person("调解员甲", PersonRole.MEDIATOR, "C001"))
    case = _case(
        grid_code="610114001001001", status=CaseStatus.RESOLVED,
        accepted_on=date(2024, 3, 2), closed_on=date(2024, 3, 10),
        agreement_form=AgreementForm.WRITTEN, performance=Performance.PERFORMED,
        amount_fen=123456, people_involved=3, summary="相邻通行纠纷",
        parties=(Party("张三", PartyRole.APPLICANT, id_number="11010519491231002X"),
                 Party("李四", PartyRole.RESPONDENT)),
        mediator_ids=(pid,),
        investigations=(InvestigationRecord(datetime(2024, 3, 3, 9, 30), "村委会"),),
        sessions=(SessionRecord(datetime(2024, 3, 5, 14, 0), "调解室", result="达成协议"),),
        agreement=Agreement(AgreementForm.WRITTEN, "2024-001", date(2024, 3, 10),
                            terms="赔偿1234.56元"),
        follow_ups=(FollowUp(date(2024, 4, 10), "张三", performance=Performance.PERFORMED),),
    )
    rowid = repo.insert(case, "610114001001001")
    got = repo.get(rowid)
    assert got.case_id == case.case_id and got.status is CaseStatus.RESOLVED
    assert [p.name for p in got.parties] == ["张三", "李四"]
    assert got.mediator_ids == (pid,)
    assert got.investigations[0].place == "村委会"
    assert got.sessions[0].result == "达成协议"
    assert got.agreement is not None and got.agreement.terms == "赔偿1234.56元"
    assert got.follow_ups[0].visited_on == date(2024, 4, 10)
    assert got.extra["party_names"] == "张三 李四"
    assert repo.get_by_case_id(case.case_id).id == rowid
    # the FTS index finds Chinese substrings of summary and party names
    hits = db.execute("SELECT rowid FROM case_fts WHERE case_fts MATCH ?", ['"通行纠"'])
    assert [r[0] for r in hits] == [rowid]


def test_update_replaces_parts_and_fts(db: Database) -> None:
    repo = CaseRepository(db)
    rowid = repo.insert(_case(parties=(Party("赵六"),)), "610114001001")
    case = repo.get(rowid)
    import dataclasses
    repo.update(rowid, dataclasses.replace(case, parties=(Party("钱七"), Party("孙八"))),
                "610114001001")
    assert [p.name for p in repo.get(rowid).parties] == ["钱七", "孙八"]
    found = db.execute("SELECT rowid FROM case_fts WHERE case_fts MATCH ?", ['"钱七 "'])
    assert [r[0] for r in found] == [rowid]


def test_location_is_grid_else_committee_unit(db: Database) -> None:
    repo = CaseRepository(db)
    assert repo.location_of("C001", "610114001001001") == "610114001001001"
    assert repo.location_of("C001", None) == "610114001001"
    assert repo.location_of("NOPE", None) is None


def test_case_no_unique_per_committee_and_year(db: Database) -> None:
    repo = CaseRepository(db)
    repo.insert(_case(case_no="（2024）一村人调字第1号"), "610114001001")
    assert repo.case_no_taken("C001", 2024, "（2024）一村人调字第1号")
    with pytest.raises(sqlite3.IntegrityError):
        repo.insert(_case(case_no="（2024）一村人调字第1号"), "610114001001")
    # same number in another year is fine; empty numbers never clash
    repo.insert(_case(case_no="（2024）一村人调字第1号", received_on=date(2023, 5, 1)),
                "610114001001")
    repo.insert(_case(), "610114001001")
    repo.insert(_case(), "610114001001")
    assert repo.count() == 4


def test_foreign_keys_refuse_unknown_committee(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        CaseRepository(db).insert(_case(committee_code="NOPE"), "610114001001")


def test_tombstone_is_kept_and_not_counted(db: Database) -> None:
    repo = CaseRepository(db)
    rowid = repo.insert(_case(), "610114001001")
    repo.mark_deleted(rowid)
    assert repo.count() == 0 and repo.count(include_deleted=True) == 1
    assert repo.get(rowid).deleted


def test_missing_case_raises(db: Database) -> None:
    with pytest.raises(CaseNotFound):
        CaseRepository(db).get(999)


def test_committee_move_relocates_its_cases(db: Database) -> None:
    repo, org = CaseRepository(db), OrgRepository(db)
    rowid = repo.insert(_case(), "610114001001")
    org.upsert_committee(Committee("C001", "一村人民调解委员会", "一村",
                                   CommitteeKind.VILLAGE, "610114002"))
    assert repo.get(rowid).extra["org_code"] == "610114002"
    assert org.is_referenced("committee", "C001")


def test_settings_defaults_and_overrides(db: Database) -> None:
    s = SettingsRepository(db)
    assert s.get("rate_rounding") == "truncate"
    s.set("rate_rounding", "half_up")
    assert s.get("rate_rounding") == "half_up"
    assert s.all()["case_no_template"].startswith("（{year}）")


def test_audit_diff_records_old_and_new(db: Database) -> None:
    audit = AuditRepository(db, user="tester")
    audit.record_diff("case", "abc", {"status": "调解中", "summary": "x"},
                      {"status": "调解成功", "summary": "x"})
    [entry] = audit.history("case", "abc")
    assert (entry.user, entry.field, entry.old_value, entry.new_value) == (
        "tester", "status", "调解中", "调解成功")
