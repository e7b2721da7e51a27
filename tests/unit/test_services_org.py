"""Organisation use cases against an in-memory migrated database."""

from __future__ import annotations

from datetime import date

import pytest

from mediator_app.domain.enums import CommitteeKind, OrgLevel, PersonRole
from mediator_app.domain.errors import DomainError
from mediator_app.domain.model import Case, Committee, OrgUnit, Person, new_case_id
from mediator_app.services.cases.edit import save_case
from mediator_app.services.organisation import edit as svc
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.db import open_memory
from mediator_app.storage.org_repo import OrgRepository


@pytest.fixture
def db():
    db = open_memory()
    svc.save_unit(db, OrgUnit("610114", "阎良区", OrgLevel.DISTRICT))
    svc.save_unit(db, OrgUnit("610114001", "凤凰路街道", OrgLevel.STREET, "610114"))
    svc.save_unit(db, OrgUnit("610114001001", "幸福社区", OrgLevel.COMMUNITY, "610114001"))
    svc.save_unit(db, OrgUnit("610114001001001", "第一网格", OrgLevel.GRID, "610114001001"))
    svc.save_committee(
        db, Committee("C1", "幸福社区人民调解委员会", "幸福", CommitteeKind.VILLAGE, "610114001001")
    )
    return db


def codes(problems):
    return [(p.field, p.code) for p in problems]


def test_units_build_the_closure(db):
    org = OrgRepository(db)
    assert [u.code for u in org.ancestors("610114001001001")] == [
        "610114",
        "610114001",
        "610114001001",
        "610114001001001",
    ]
    assert set(org.descendant_codes("610114001")) == {
        "610114001",
        "610114001001",
        "610114001001001",
    }


@pytest.mark.parametrize(
    "unit, expected",
    [
        (
            OrgUnit("610114001002001", "网格", OrgLevel.GRID, "610114001"),
            ("level", "org.level_order"),
        ),
        (
            OrgUnit("610114009", "街道", OrgLevel.STREET, "999"),
            ("parent_code", "org.parent_missing"),
        ),
        (OrgUnit("610114009", "街道", OrgLevel.STREET, None), ("parent_code", "required")),
        (OrgUnit("610114009", "", OrgLevel.STREET, "610114"), ("name", "required")),
        (OrgUnit("6101140010", "街道", OrgLevel.STREET, "610114001"), ("level", "org.level_order")),
    ],
)
def test_unit_rules(db, unit, expected):
    with pytest.raises(DomainError) as err:
        svc.save_unit(db, unit)
    assert expected in codes(err.value.problems)
    assert OrgRepository(db).unit(unit.code) is None


def test_changing_a_units_level_must_keep_its_children_below(db):
    with pytest.raises(DomainError) as err:
        svc.save_unit(db, OrgUnit("610114001001", "幸福社区", OrgLevel.GRID, "610114001"))
    assert ("level", "org.level_order") in codes(err.value.problems)


def test_edit_unit_records_audit(db):
    svc.save_unit(
        db, OrgUnit("610114001001", "幸福村", OrgLevel.VILLAGE, "610114001"), user="tester"
    )
    assert OrgRepository(db).unit("610114001001").name == "幸福村"
    fields = {e.field for e in AuditRepository(db).history("org_unit", "610114001001")}
    assert {"name", "level"} <= fields


def test_committee_needs_existing_unit(db):
    with pytest.raises(DomainError) as err:
        svc.save_committee(db, Committee("C2", "x", "x", CommitteeKind.VILLAGE, "000"))
    assert codes(err.value.problems) == [("org_code", "unknown_code")]


def test_person_role_rules(db):
    with pytest.raises(DomainError) as err:
        svc.save_person(db, Person("张三", PersonRole.BOTH))
    assert set(codes(err.value.problems)) == {
        ("committee_code", "required"),
        ("grid_code", "required"),
    }
    with pytest.raises(DomainError) as err:
        svc.save_person(db, Person("张三", PersonRole.GRID_WORKER, grid_code="610114001001"))
    assert codes(err.value.problems) == [("grid_code", "unknown_code")]


def test_person_keeps_only_what_its_role_needs(db):
    pid = int(svc.save_person(
        db,
        Person(
            "李四",
            PersonRole.MEDIATOR,
            committee_code="C1",
            grid_code="610114001001001",
            phone="13800000001",
        ),
    ).key)
    p = OrgRepository(db).person(pid)
    assert (p.committee_code, p.grid_code) == ("C1", None)
    svc.save_person(
        db,
        Person(
            "李四",
            PersonRole.BOTH,
            committee_code="C1",
            grid_code="610114001001001",
            phone="13800000001",
            id=pid,
        ),
    )
    p = OrgRepository(db).person(pid)
    assert (p.role, p.grid_code) == (PersonRole.BOTH, "610114001001001")


def test_new_person_with_same_name_and_phone_is_refused(db):
    svc.save_person(db, Person("王五", PersonRole.MEDIATOR, committee_code="C1", phone="1"))
    with pytest.raises(DomainError) as err:
        svc.save_person(db, Person("王五", PersonRole.MEDIATOR, committee_code="C1", phone="1"))
    assert codes(err.value.problems) == [("name", "duplicate")]


def _case(db, pid=None):
    case = Case(
        case_id=new_case_id(),
        committee_code="C1",
        received_on=date(2023, 5, 1),
        dispute_type="01",
        source="1",
        grid_code="610114001001001",
        mediator_ids=(pid,) if pid else (),
    )
    return save_case(db, case, today=date(2023, 6, 1))


def test_referenced_rows_cannot_be_deleted_but_can_be_deactivated(db):
    pid = int(svc.save_person(db, Person("赵六", PersonRole.MEDIATOR, committee_code="C1")).key)
    _case(db, pid)
    for kind, key in (("committee", "C1"), ("person", pid), ("unit", "610114001001001")):
        with pytest.raises(DomainError) as err:
            svc.delete(db, kind, key)
        assert err.value.first.code == "in_use"
    svc.set_active(db, "committee", "C1", False)
    svc.set_active(db, "person", pid, False)
    svc.set_active(db, "unit", "610114001001001", False)
    org = OrgRepository(db)
    assert not org.committee("C1").active
    assert not org.person(pid).active
    assert not org.unit("610114001001001").active


def test_unit_with_children_cannot_be_deleted(db):
    with pytest.raises(DomainError) as err:
        svc.delete(db, "unit", "610114001")
    assert err.value.first.code == "in_use"


def test_unreferenced_rows_can_be_deleted(db):
    pid = int(svc.save_person(
        db, Person("钱七", PersonRole.GRID_WORKER, grid_code="610114001001001")).key)
    svc.delete(db, "person", pid)
    svc.save_unit(db, OrgUnit("610114001001002", "第二网格", OrgLevel.GRID, "610114001001"))
    svc.delete(db, "unit", "610114001001002")
    org = OrgRepository(db)
    assert org.person(pid) is None
    assert org.unit("610114001001002") is None
    assert "610114001001002" not in org.descendant_codes("610114")
    assert [e.action for e in AuditRepository(db).history("person", str(pid))] == [
        "create",
        "delete",
    ]


def test_delete_of_unknown_row(db):
    with pytest.raises(DomainError) as err:
        svc.delete(db, "committee", "nope")
    assert err.value.first.code == "unknown_code"
