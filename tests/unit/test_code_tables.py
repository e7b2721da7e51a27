"""Editing the code tables (dispute types, case sources): validation, versions, the
audit log, and what old cases and statistics show after a rename or a deactivation."""

from __future__ import annotations

from datetime import date

import pytest
from sqlite_utils import Database

from mediator_app.domain.enums import SourceGroup
from mediator_app.domain.errors import DomainError
from mediator_app.domain.messages import message
from mediator_app.domain.model import Case, CodeItem, new_case_id
from mediator_app.services.cases import code_tables as svc
from mediator_app.services.statistics.report import build_report, report_to_dict
from mediator_app.storage import case_query as cq
from mediator_app.storage import lookup_repo
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.code_repo import CodeRepository
from tests.fixtures.district import COMMITTEE_STREET, DISTRICT

C1 = COMMITTEE_STREET  # the street committee: its cases lie at the street
YEAR = "2023"


@pytest.fixture
def db(mini_district: Database) -> Database:
    return mini_district


def add_case(db: Database, dispute_type: str = "02", source: str = "1",
             deleted: bool = False) -> int:
    case = Case(case_id=new_case_id(), committee_code=C1, received_on=date(2023, 5, 4),
                dispute_type=dispute_type, source=source)
    repo = CaseRepository(db)
    rowid = repo.insert(case, repo.location_of(C1, None) or DISTRICT)
    if deleted:
        db.execute("UPDATE cases SET deleted = 1 WHERE id = ?", [rowid])
    return rowid


def problems(exc: pytest.ExceptionInfo[DomainError]) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in exc.value.problems]


def item(db: Database, kind: str, code: str) -> CodeItem:
    found = CodeRepository(db).item(kind, code)
    assert found is not None
    return found


# ---- rename, versions ----------------------------------------------------------------------


def test_rename_keeps_the_code_and_old_cases_show_the_new_label(db):
    add_case(db, "02")
    add_case(db, "02")
    add_case(db, "01")
    old = item(db, "dispute_type", "02")
    svc.save_code_item(db, CodeItem("dispute_type", "02", "邻里关系纠纷", "",
                                    old.sort_order))
    report = build_report(db, period=YEAR, scope=None, as_of=date(2023, 12, 31))
    assert report.type_labels["02"] == "邻里关系纠纷"
    assert report.totals.by_type["02"] == 2
    by_label = report_to_dict(report)["totals"]["by_type"]
    assert by_label["邻里关系纠纷"] == 2 and "邻里纠纷" not in by_label
    assert dict(cq.code_labels(db, "dispute_type"))["02"] == "邻里关系纠纷"
    assert db.execute("SELECT count(*) FROM cases WHERE dispute_type = '02'").fetchone()[0] == 2


def test_version_bumps_on_label_group_or_order_only(db):
    start = item(db, "source", "1")
    assert start.version == 1
    same = svc.save_code_item(db, start)
    assert same.version == 1  # nothing changed
    renamed = svc.save_code_item(db, CodeItem("source", "1", "网格排查发现",
                                              start.group_label, start.sort_order))
    assert renamed.version == 2
    regrouped = svc.save_code_item(db, CodeItem("source", "1", "网格排查发现",
                                                SourceGroup.APPLIED.value, start.sort_order))
    assert regrouped.version == 3
    moved = svc.save_code_item(db, CodeItem("source", "1", "网格排查发现",
                                            SourceGroup.APPLIED.value, 40))
    assert moved.version == 4
    svc.set_code_active(db, "source", "1", False)
    assert item(db, "source", "1").version == 4  # (de)activating is not a new meaning
    assert item(db, "source", "1").sort_order == 40


def test_changing_a_source_group_moves_its_cases_in_statistics(db):
    add_case(db, source="1")  # 排查发现: 主动调解
    before = build_report(db, period=YEAR, scope=None, as_of=date(2023, 12, 31))
    assert before.totals.by_source.get(SourceGroup.PROACTIVE.value) == 1
    old = item(db, "source", "1")
    svc.save_code_item(db, CodeItem("source", "1", old.label, SourceGroup.ENTRUSTED.value,
                                    old.sort_order))
    after = build_report(db, period=YEAR, scope=None, as_of=date(2023, 12, 31))
    assert after.totals.by_source.get(SourceGroup.ENTRUSTED.value) == 1
    assert after.totals.by_source.get(SourceGroup.PROACTIVE.value, 0) == 0


def test_new_entry_starts_at_version_one_and_is_offered(db):
    changes = svc.save_code_item(db, CodeItem("dispute_type", "18", "  校园纠纷 ", "", 18),
                                 new=True)
    assert (changes.code, changes.version) == ("18", 1)
    stored = item(db, "dispute_type", "18")
    assert (stored.label, stored.active) == ("校园纠纷", True)
    assert "18" in [i.code for i in lookup_repo.code_items(db, "dispute_type")]


# ---- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "expected"), [
    ("", "required"), ("  ", "required"), ("1 2", "code_item.code_invalid"),
    ("12-3", "code_item.code_invalid"), ("123456789", "code_item.code_invalid"),
    ("纠纷", "code_item.code_invalid"),
])
def test_code_must_be_letters_and_digits_up_to_8(db, code, expected):
    with pytest.raises(DomainError) as exc:
        svc.save_code_item(db, CodeItem("dispute_type", code, "某某纠纷"))
    assert problems(exc) == [("code", expected)]
    assert CodeRepository(db).label_taken("dispute_type", "某某纠纷") is None


def test_longest_code_is_accepted(db):
    svc.save_code_item(db, CodeItem("dispute_type", "AB12cd34", "某某纠纷"))
    assert item(db, "dispute_type", "AB12cd34").label == "某某纠纷"


def test_label_is_required_and_unique_within_its_kind(db):
    with pytest.raises(DomainError) as exc:
        svc.save_code_item(db, CodeItem("dispute_type", "18", " "))
    assert problems(exc) == [("label", "required")]
    with pytest.raises(DomainError) as exc:
        svc.save_code_item(db, CodeItem("dispute_type", "18", "婚姻家庭纠纷"))
    assert problems(exc) == [("label", "code_item.label_taken")]
    assert "01" in message(exc.value.first) and "婚姻家庭纠纷" in message(exc.value.first)
    # the same label in the other table is fine; keeping one's own label too
    svc.save_code_item(db, CodeItem("source", "7", "婚姻家庭纠纷",
                                    SourceGroup.APPLIED.value))
    svc.save_code_item(db, CodeItem("dispute_type", "01", "婚姻家庭纠纷", "", 3))


def test_label_of_a_deactivated_entry_is_still_taken(db):
    svc.set_code_active(db, "dispute_type", "16", False)
    with pytest.raises(DomainError) as exc:
        svc.save_code_item(db, CodeItem("dispute_type", "18", "旅游纠纷"))
    assert problems(exc) == [("label", "code_item.label_taken_inactive")]
    assert "16" in message(exc.value.first, "en")


def test_source_needs_a_statistics_group(db):
    with pytest.raises(DomainError) as exc:
        svc.save_code_item(db, CodeItem("source", "7", "信访转办"))
    assert problems(exc) == [("group_label", "required")]
    with pytest.raises(DomainError) as exc:
        svc.save_code_item(db, CodeItem("source", "7", "信访转办", "其他"))
    assert problems(exc) == [("group_label", "enum.invalid")]
    assert "接受委托移送" in message(exc.value.first)
    svc.save_code_item(db, CodeItem("source", "7", "信访转办", SourceGroup.ENTRUSTED.value))
    assert item(db, "source", "7").group_label == "接受委托移送"


def test_dispute_types_have_no_group(db):
    svc.save_code_item(db, CodeItem("dispute_type", "18", "校园纠纷", "主动调解"))
    assert item(db, "dispute_type", "18").group_label == ""


def test_new_refuses_an_existing_code_and_edit_a_missing_one(db):
    with pytest.raises(DomainError) as exc:
        svc.save_code_item(db, CodeItem("dispute_type", "01", "另一种纠纷"), new=True)
    assert problems(exc) == [("code", "duplicate")]
    assert item(db, "dispute_type", "01").label == "婚姻家庭纠纷"
    with pytest.raises(DomainError) as exc:
        svc.save_code_item(db, CodeItem("dispute_type", "77", "另一种纠纷"), new=False)
    assert problems(exc) == [("code", "unknown_code")]


def test_sort_order_range_and_unknown_kind(db):
    with pytest.raises(DomainError) as exc:
        svc.save_code_item(db, CodeItem("dispute_type", "18", "校园纠纷", "", -1))
    assert problems(exc) == [("sort_order", "int.range")]
    with pytest.raises(DomainError) as exc:
        svc.save_code_item(db, CodeItem("colour", "1", "红"))
    assert problems(exc) == [("kind", "enum.invalid")]


# ---- deactivate, delete --------------------------------------------------------------------


def test_deactivate_hides_from_lookups_but_statistics_still_label_it(db):
    add_case(db, "15")
    svc.set_code_active(db, "dispute_type", "15", False)
    assert "15" not in [i.code for i in lookup_repo.code_items(db, "dispute_type")]
    assert "15" in [i.code for i in CodeRepository(db).items("dispute_type")]
    report = build_report(db, period=YEAR, scope=None, as_of=date(2023, 12, 31))
    assert report.type_labels["15"] == "拖欠农民工工资纠纷"
    assert report.totals.by_type["15"] == 1
    assert report.type_labels["16"] == "旅游纠纷"  # active, unused: a zero row
    svc.set_code_active(db, "dispute_type", "16", False)  # inactive, unused: left out
    again = build_report(db, period=YEAR, scope=None, as_of=date(2023, 12, 31))
    assert "16" not in again.type_labels
    svc.set_code_active(db, "dispute_type", "15", True)
    assert "15" in [i.code for i in lookup_repo.code_items(db, "dispute_type")]


def test_the_last_active_entry_cannot_be_deactivated(db):
    for code in ("2", "3", "4", "5", "6"):
        svc.set_code_active(db, "source", code, False)
    with pytest.raises(DomainError) as exc:
        svc.set_code_active(db, "source", "1", False)
    assert problems(exc) == [("active", "code_item.last_active")]
    assert item(db, "source", "1").active


def test_delete_refused_when_used_allowed_when_unused(db):
    add_case(db, "03")
    add_case(db, "13", deleted=True)  # a tombstone still carries its code in exports
    for code in ("03", "13"):
        with pytest.raises(DomainError) as exc:
            svc.delete_code_item(db, "dispute_type", code)
        assert problems(exc) == [("code", "in_use")]
        assert CodeRepository(db).item("dispute_type", code) is not None
    assert "1 件案件" in message(exc.value.first)
    svc.delete_code_item(db, "dispute_type", "17")
    assert CodeRepository(db).item("dispute_type", "17") is None
    with pytest.raises(DomainError) as exc:
        svc.delete_code_item(db, "dispute_type", "17")
    assert problems(exc) == [("code", "unknown_code")]


def test_use_counts_and_is_used(db):
    add_case(db, "02", "2")
    add_case(db, "02", "4")
    repo = CodeRepository(db)
    assert repo.use_counts("dispute_type") == {"02": 2}
    assert repo.is_used("dispute_type", "02") and not repo.is_used("dispute_type", "2")
    assert repo.is_used("source", "4") and not repo.is_used("source", "02")


# ---- audit ---------------------------------------------------------------------------------


def test_changes_are_audited_old_to_new(db):
    audit = AuditRepository(db)
    svc.save_code_item(db, CodeItem("dispute_type", "18", "校园纠纷", "", 18), user="张三")
    svc.save_code_item(db, CodeItem("dispute_type", "18", "校园安全纠纷", "", 18),
                       user="李四")
    svc.set_code_active(db, "dispute_type", "18", False, user="李四")
    svc.delete_code_item(db, "dispute_type", "18", user="王五")
    rows = [(e.user, e.action, e.field, e.old_value, e.new_value)
            for e in audit.history("code_item", "dispute_type:18")]
    assert rows == [
        ("张三", "create", "label", None, "校园纠纷"),
        ("李四", "update", "label", "校园纠纷", "校园安全纠纷"),
        ("李四", "update", "version", "1", "2"),
        ("李四", "update", "active", "True", "False"),
        ("王五", "delete", "label", "校园安全纠纷", None),
    ]


def test_refused_changes_write_nothing(db):
    add_case(db, "02")
    with pytest.raises(DomainError):
        svc.delete_code_item(db, "dispute_type", "02")
    with pytest.raises(DomainError):
        svc.save_code_item(db, CodeItem("dispute_type", "02", "婚姻家庭纠纷"))
    assert AuditRepository(db).history("code_item", "dispute_type:02") == []
    assert item(db, "dispute_type", "02").label == "邻里纠纷"
