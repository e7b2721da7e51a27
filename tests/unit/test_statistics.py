"""The statistics report: hand-computed figures, roll-up, as-of, rate rule, outputs."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from mediator_app.domain.enums import (
    PREVENTION_COLUMNS,
    AgreementForm,
    CaseStatus,
    OrgLevel,
    Prevention,
)
from mediator_app.domain.enums import Performance as Perf
from mediator_app.domain.errors import DomainError
from mediator_app.domain.model import Case, OrgUnit, Party, new_case_id
from mediator_app.domain.periods import Period, month_period, quarters_of
from mediator_app.domain.rates import Denominator, RateRule, Rounding
from mediator_app.services.statistics.report import (
    PREVENTION_KEYS,
    SheetCounts,
    build_report,
    rate_rule_from_settings,
    report_to_dict,
    status_as_of,
)
from mediator_app.services.statistics.sheet import export_report
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_memory
from mediator_app.storage.drilldown_repo import figure_condition
from mediator_app.storage.settings_repo import SettingsRepository
from mediator_app.storage.stats_repo import CaseClass, StatsRepository
from tests.fixtures import district

# the shared district; its second street (西镇) has no cases at all: a zero row; an
# abolished street (S3) is added, with no cases
D, S1, S2, V1, G1 = (district.DISTRICT, district.STREET_A, district.STREET_B,
                     district.VILLAGE_A, district.GRID_A1)
S3 = "610114003"
C1, C2, C3 = (district.COMMITTEE_VILLAGE, district.COMMITTEE_DISTRICT,
              district.COMMITTEE_STREET)  # at V1, at D, at S1
THREE = tuple(Party(name) for name in ("甲", "乙", "丙"))


def _db() -> Database:
    db = open_memory()
    district.build_mini_district(db, extra_units=[
        OrgUnit(S3, "旧街道", OrgLevel.STREET, D, active=False)])
    return db


def _add(db: Database, **kw: object) -> None:
    base: dict[str, object] = dict(case_id=new_case_id(), committee_code=C1,
                                   dispute_type="01", source="1")
    case = Case(**(base | kw))  # type: ignore[arg-type]
    repo = CaseRepository(db)
    repo.insert(case, repo.location_of(case.committee_code, case.grid_code) or "")


def d(text: str) -> date:
    return date.fromisoformat(text)


R, T, M, P, J = (CaseStatus.RESOLVED, CaseStatus.TERMINATED, CaseStatus.IN_MEDIATION,
                 CaseStatus.REGISTERED, CaseStatus.REJECTED)


@pytest.fixture
def db() -> Database:
    """A dozen cases; the expected figures below are counted by hand."""
    db = _db()
    # G1 (grid of 东村, committee C1)
    _add(db, grid_code=G1, received_on=d("2023-01-10"), accepted_on=d("2023-01-11"),
         closed_on=d("2023-01-20"), status=R, agreement_form=AgreementForm.WRITTEN,
         performance=Perf.PERFORMED, judicial_confirmed=True,
         judicial_confirmed_on=d("2023-02-01"), amount_fen=123456, people_involved=3,
         parties=THREE)  # 1
    _add(db, grid_code=G1, received_on=d("2023-06-01"), closed_on=d("2023-06-03"),
         status=J)  # 6
    _add(db, grid_code=G1, received_on=d("2023-12-20"), accepted_on=d("2023-12-21"),
         closed_on=d("2024-01-05"), status=R, agreement_form=AgreementForm.WRITTEN,
         source="3")  # 7: still in mediation on 2023-12-31
    _add(db, grid_code=G1, received_on=d("2023-12-30"), accepted_on=d("2024-01-02"),
         closed_on=d("2024-01-10"), status=R, agreement_form=AgreementForm.ORAL,
         dispute_type="02", source="2")  # 8: still waiting on 2023-12-31
    _add(db, grid_code=G1, received_on=d("2022-12-28"), accepted_on=d("2023-01-03"),
         closed_on=d("2023-01-05"), status=R, agreement_form=AgreementForm.ORAL)  # 9
    _add(db, grid_code=G1, received_on=d("2023-07-01"), status=R, deleted=True,
         agreement_form=AgreementForm.ORAL)  # 10: deleted
    _add(db, received_on=d("2024-02-01"), status=P)  # 11: another year
    # V1 (committee C1 without a grid)
    _add(db, received_on=d("2023-02-05"), accepted_on=d("2023-02-06"),
         closed_on=d("2023-02-10"), status=R, agreement_form=AgreementForm.ORAL,
         dispute_type="02", source="2", amount_fen=1)  # 2
    # S1 (committee C3)
    _add(db, committee_code=C3, received_on=d("2023-03-01"), accepted_on=d("2023-03-02"),
         closed_on=d("2023-03-20"), status=T, source="4", prevent_criminal=2)  # 3
    _add(db, committee_code=C3, received_on=d("2023-08-08"), accepted_on=d("2023-08-09"),
         closed_on=d("2023-08-20"), status=R, dispute_type="04", amount_fen=99,
         prevent_suicide=1, prevent_petition=5, parties=THREE)  # 12: no agreement form
    # D (district committee C2)
    _add(db, committee_code=C2, received_on=d("2023-04-01"), accepted_on=d("2023-04-02"),
         status=M, dispute_type="03", source="5", mass_dispute=True,
         people_involved=30)  # 4
    _add(db, committee_code=C2, received_on=d("2023-05-01"), status=P, dispute_type="99",
         source="6")  # 5
    return db


END_2023 = d("2023-12-31")
COUNTS = ("disputes", "accepted", "pending", "in_progress", "resolved", "terminated",
          "rejected", "written", "oral", "judicially_confirmed", "performed", "multi_party",
          "mass_disputes", "amount_fen", "people_involved")


def _counts(f: SheetCounts) -> dict[str, object]:
    out: dict[str, object] = {k: getattr(f, k) for k in COUNTS}
    out |= {f"type:{k}": v for k, v in f.by_type.items() if v}
    out |= {f"source:{k}": v for k, v in f.by_source.items() if v}
    out |= {f"prev:{k}": v for k, v in f.prevention_cases.items() if v}
    out |= {f"persons:{k}": v for k, v in f.prevention_persons.items() if v}
    return out


def test_district_year_figures_by_hand(db: Database) -> None:
    r = build_report(db, period="2023", scope=D, as_of=END_2023)
    t = r.totals
    assert (t.disputes, t.accepted, t.resolved) == (9, 7, 3)
    assert (t.pending, t.in_progress, t.terminated, t.rejected) == (2, 2, 1, 1)
    assert (t.written, t.oral, t.judicially_confirmed, t.performed) == (1, 1, 1, 1)
    assert (t.multi_party, t.mass_disputes) == (2, 1)
    assert (t.amount_fen, t.people_involved) == (123456 + 1 + 99, 33)
    assert t.by_type == {"01": 4, "02": 2, "03": 1, "04": 1, "99": 1}
    assert t.by_source == {"主动调解": 4, "申请调解": 2, "接受委托移送": 3}
    assert t.prevention_cases == {"防止民转刑": 1, "防止群体性上访": 1, "防止群体性械斗": 0,
                                  "防止自杀": 1}
    assert t.prevention_persons == {"防止民转刑": 2, "防止群体性上访": 5, "防止群体性械斗": 0,
                                    "防止自杀": 1}
    assert (t.rate, t.rate_numerator, t.rate_denominator) == (Decimal("33.33"), 3, 9)


def test_children_direct_and_zero_rows(db: Database) -> None:
    r = build_report(db, period="2023", scope=D, as_of=END_2023)
    assert [(c.unit.code, c.unit.name, c.unit.level) for c in r.children] == [
        (S1, "东街道", "街道"), (S2, "西镇", "乡镇")]  # the inactive empty S3 is left out
    s1, s2 = (c.figures for c in r.children)
    assert (s1.disputes, s1.accepted, s1.resolved, s1.terminated, s1.rejected) == (7, 6, 3, 1, 1)
    assert _counts(s2) == {k: 0 for k in COUNTS}
    assert s2.rate is None and s2.rate_text == "—"
    assert (r.direct.disputes, r.direct.accepted, r.direct.in_progress,
            r.direct.pending, r.direct.mass_disputes) == (2, 1, 1, 1, 1)


def test_parent_equals_children_plus_direct(db: Database) -> None:
    for scope in (D, S1, V1):
        r = build_report(db, period="2023", scope=scope, as_of=END_2023)
        summed = SheetCounts()
        for child in r.children:
            summed.add(child.figures)
        summed.add(r.direct)
        assert _counts(summed) == _counts(r.totals), scope


def test_street_and_village_scopes(db: Database) -> None:
    s1 = build_report(db, period="2023", scope=S1, as_of=END_2023)
    assert [c.unit.code for c in s1.children] == [V1, district.COMMUNITY_A]  # 东社区: zero
    assert _counts(s1.children[1].figures) == {k: 0 for k in COUNTS}
    assert (s1.direct.disputes, s1.direct.resolved, s1.direct.terminated) == (2, 1, 1)
    v1 = build_report(db, period="2023", scope=V1, as_of=END_2023)
    assert (v1.children[0].figures.disputes, v1.direct.disputes, v1.totals.disputes) == (4, 1, 5)
    grid = build_report(db, period="2023", scope=G1, as_of=END_2023)
    assert grid.children == [] and grid.totals.disputes == grid.direct.disputes == 4


def test_status_as_of_a_later_date(db: Database) -> None:
    t = build_report(db, period="2023", scope=D, as_of=d("2024-01-31")).totals
    # case 7 and case 8 were resolved in January 2024; case 8 was accepted in 2024
    assert (t.resolved, t.in_progress, t.pending, t.accepted) == (5, 1, 1, 7)
    assert (t.written, t.oral) == (2, 2)


def test_as_of_inside_the_period_clips_registration(db: Database) -> None:
    t = build_report(db, period="2023", scope=D, as_of=d("2023-06-30")).totals
    assert t.disputes == 6  # cases received after as-of do not exist yet
    assert t.rejected == 1 and t.resolved == 2


def test_judicial_confirmation_counts_from_its_date(db: Database) -> None:
    jan = build_report(db, period="2023-01", scope=D, as_of=d("2023-01-31")).totals
    assert (jan.resolved, jan.judicially_confirmed) == (1, 0)
    feb = build_report(db, period="2023-01", scope=D, as_of=d("2023-02-01")).totals
    assert feb.judicially_confirmed == 1


@pytest.mark.parametrize(("status", "accepted_after", "closed_after", "expected"), [
    (R, False, False, R), (R, False, True, M), (R, True, True, P), (T, False, True, M),
    (J, False, True, P), (J, False, False, J), (M, True, False, P), (M, False, False, M),
    (P, False, False, P),
])
def test_status_as_of_rule(status: CaseStatus, accepted_after: bool, closed_after: bool,
                           expected: CaseStatus) -> None:
    case = CaseClass(status.value, closed_after, accepted_after, *([False] * 11))
    assert status_as_of(case) == expected.value


def test_committee_scope(db: Database) -> None:
    r = build_report(db, period="2023", scope=C1, as_of=END_2023)
    assert (r.scope.code, r.scope.level, r.children) == (C1, "调委会", [])
    assert r.totals.disputes == r.direct.disputes == 5  # cases 1, 2, 6, 7, 8
    assert r.totals.accepted == 4  # 1, 2, 7 and 9 (received 2022)


def test_default_scope_is_the_district(db: Database) -> None:
    assert build_report(db, period="2023", scope=None, as_of=END_2023).scope.code == D


def test_bad_scope_and_period(db: Database) -> None:
    with pytest.raises(DomainError) as err:
        build_report(db, period="2023", scope="999", as_of=END_2023)
    assert (err.value.first.field, err.value.first.code) == ("scope", "unknown_code")
    assert err.value.first.params == {"value": "999", "table": "org_units"}
    with pytest.raises(DomainError) as err:
        export_report(db, period="2023-13", scope=D, fmt="json")
    assert err.value.first.code == "period.invalid"
    with pytest.raises(DomainError) as err:
        export_report(db, period="2023", scope=D, fmt="xml")
    assert err.value.first.code == "enum.invalid"


def _sum(figures: list[SheetCounts]) -> SheetCounts:
    total = SheetCounts()
    for f in figures:
        total.add(f)
    return total


def test_months_and_quarters_add_up_to_the_year(db: Database) -> None:
    def totals(period: str | Period) -> SheetCounts:
        return build_report(db, period=period, scope=D, as_of=END_2023).totals

    year = totals("2023")
    months = [totals(month_period(2023, m)) for m in range(1, 13)]
    quarters = [totals(q) for q in quarters_of(2023)]
    assert _counts(_sum(months)) == _counts(year) == _counts(_sum(quarters))
    assert _counts(_sum(months[:3])) == _counts(quarters[0])


def test_custom_range(db: Database) -> None:
    r = build_report(db, period="2023-01-01..2023-02-28", scope=D, as_of=END_2023)
    assert (r.period.kind, r.totals.disputes, r.totals.accepted) == ("range", 2, 3)


# ---- rate rule through settings ---------------------------------------------------------

def _rate_db(resolved: int, total: int) -> Database:
    db = _db()
    for i in range(total):
        _add(db, grid_code=G1, received_on=d("2023-05-01") + timedelta(days=i % 20),
             accepted_on=d("2023-06-01"), closed_on=d("2023-06-02"),
             status=R if i < resolved else T,
             agreement_form=AgreementForm.ORAL if i < resolved else None)
    return db


def test_rate_1920_of_1922_truncated_and_half_up() -> None:
    db = _rate_db(1920, 1922)
    data = json.loads(export_report(db, period="2023", scope=D, fmt="json", as_of=END_2023))
    assert data["totals"]["resolution_rate"] == 99.89
    assert data["totals"]["resolution_rate_text"] == "99.89%"
    assert (data["totals"]["rate_numerator"], data["totals"]["rate_denominator"]) == (1920, 1922)
    SettingsRepository(db).set("rate_rounding", "half_up")
    data = json.loads(export_report(db, period="2023", scope=D, fmt="json", as_of=END_2023))
    assert data["totals"]["resolution_rate"] == 99.9
    assert data["totals"]["resolution_rate_text"] == "99.90%"
    assert data["rate_rule"]["rounding"] == "half_up"


def test_rate_denominator_setting(db: Database) -> None:
    SettingsRepository(db).set("rate_denominator", "accepted")
    t = build_report(db, period="2023", scope=D, as_of=END_2023).totals
    assert (t.rate, t.rate_numerator, t.rate_denominator) == (Decimal("42.85"), 3, 7)
    rule = RateRule(Denominator.MEDIATED, Rounding.HALF_UP, 1)
    t = build_report(db, period="2023", scope=D, as_of=END_2023, rule=rule).totals
    assert (t.rate, t.rate_denominator) == (Decimal("75.0"), 4)


def test_rate_of_totals_is_not_an_average() -> None:
    db = _db()
    _add(db, grid_code=G1, received_on=d("2023-05-01"), accepted_on=d("2023-05-01"),
         closed_on=d("2023-05-02"), status=R)
    for _ in range(3):
        _add(db, committee_code=C2, received_on=d("2023-05-01"), status=P)
    r = build_report(db, period="2023-05", scope=D, as_of=END_2023)
    assert r.children[0].figures.rate == Decimal("100.00") and r.direct.rate == Decimal("0.00")
    assert r.totals.rate == Decimal("25.00")  # 1 / 4, not (100 + 0) / 2


# ---- JSON and CSV -------------------------------------------------------------------------

def test_json_layout(db: Database) -> None:
    data = json.loads(export_report(db, period="2023-Q1", scope=D, fmt="json",
                                    as_of=END_2023).decode("utf-8"))
    assert data["period"] == "2023-Q1" and data["as_of"] == "2023-12-31"
    assert data["scope"] == {"code": D, "name": "示例区", "level": "区"}
    assert [c["code"] for c in data["children"]] == [S1, S2]
    s1 = data["children"][0]
    assert (s1["name"], s1["level"], s1["disputes"], s1["resolved"]) == ("东街道", "街道", 3, 2)
    assert s1["amount_yuan"] == 1234.57 and s1["amount_fen"] == 123457
    assert s1["by_type"]["婚姻家庭纠纷"] == 2 and s1["by_type"]["邻里纠纷"] == 1
    assert data["totals"]["prevention"]["防止民转刑"] == {"cases": 1, "persons": 2}
    assert data["children"][1]["resolution_rate"] is None
    for key in ("totals", "direct"):
        assert set(data[key]) >= {"disputes", "accepted", "resolved", "resolution_rate",
                                  "in_progress", "terminated", "written", "oral",
                                  "amount_yuan", "people_involved", "pending", "rejected"}


def test_report_to_dict_is_json_ready(db: Database) -> None:
    data = report_to_dict(build_report(db, period="2023", scope=D, as_of=END_2023))
    assert json.loads(json.dumps(data)) == data


def test_csv_layout(db: Database) -> None:
    raw = export_report(db, period="2023", scope=D, fmt="csv", as_of=END_2023)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["row_type"], r["code"]) for r in rows] == [
        ("unit", S1), ("unit", S2), ("direct", D), ("total", D)]
    total = rows[-1]
    assert (total["disputes"], total["resolved"], total["resolution_rate"]) == ("9", "3", "33.33")
    assert total["amount_yuan"] == "1235.56" and total["type:婚姻家庭纠纷"] == "4"
    assert total["source:接受委托移送"] == "3" and total["prevention:防止群体性上访:persons"] == "5"
    assert rows[1]["resolution_rate"] == ""
    assert b'"610114001"' in raw  # codes are quoted text


# ---- properties on random case sets --------------------------------------------------------

LOCATIONS = [(C2, None), (C3, None), (C1, None), (C1, G1)]
STATUSES = [P, M, R, T, J]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    committee, grid = draw(st.sampled_from(LOCATIONS))
    received = d("2023-01-01") + timedelta(days=draw(st.integers(0, 400)))
    status = draw(st.sampled_from(STATUSES))
    accepted = (received + timedelta(days=draw(st.integers(0, 40)))
                if status in (M, R, T) else None)
    closed = ((accepted or received) + timedelta(days=draw(st.integers(0, 60)))
              if status in (R, T, J) else None)
    form = draw(st.sampled_from([None, AgreementForm.WRITTEN, AgreementForm.ORAL]))
    return Case(case_id=new_case_id(), committee_code=committee, grid_code=grid,
                received_on=received, accepted_on=accepted, closed_on=closed, status=status,
                dispute_type=draw(st.sampled_from(["01", "02", "10", "99", "XX"])),
                source=draw(st.sampled_from(["1", "2", "3", "4", "5", "6"])),
                agreement_form=form if status == R else None,
                amount_fen=draw(st.integers(0, 10**9)),
                prevent_fight=draw(st.sampled_from([0, 0, 3])),
                mass_dispute=draw(st.booleans()), deleted=draw(st.booleans()))


def _insert_all(items: list[Case]) -> Database:
    db = _db()
    repo = CaseRepository(db)
    for case in items:
        repo.insert(case, repo.location_of(case.committee_code, case.grid_code) or "")
    return db


def _reference(items: list[Case], first: date, last: date, as_of: date) -> dict[str, int]:
    """The definitions computed naively, case by case."""
    live = [c for c in items if not c.deleted]
    reg = [c for c in live if first <= c.received_on <= min(last, as_of)]
    def status(c: Case) -> str:
        cls = CaseClass(c.status.value, bool(c.closed_on and c.closed_on > as_of),
                        bool(c.accepted_on and c.accepted_on > as_of), *([False] * 11))
        return status_as_of(cls)
    return {
        "disputes": len(reg),
        "accepted": sum(1 for c in live if c.accepted_on
                        and first <= c.accepted_on <= min(last, as_of)),
        "resolved": sum(1 for c in reg if status(c) == "调解成功"),
        "in_progress": sum(1 for c in reg if status(c) == "调解中"),
        "oral": sum(1 for c in reg if status(c) == "调解成功"
                    and c.agreement_form == AgreementForm.ORAL),
        "amount_fen": sum(c.amount_fen for c in reg),
        "mass_disputes": sum(c.mass_dispute for c in reg),
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(cases(), max_size=25), st.integers(0, 420))
def test_random_cases_invariants(items: list[Case], as_of_day: int) -> None:
    db = _insert_all(items)
    as_of = d("2023-01-01") + timedelta(days=as_of_day)
    year = build_report(db, period="2023", scope=D, as_of=as_of)
    t = year.totals
    expected = _reference(items, d("2023-01-01"), d("2023-12-31"), as_of)
    assert {k: getattr(t, k) for k in expected} == expected
    assert t.disputes == sum(t.by_type.values()) == sum(t.by_source.values())
    assert t.disputes == t.pending + t.in_progress + t.resolved + t.terminated + t.rejected
    assert t.written + t.oral <= t.resolved
    summed = _sum([c.figures for c in year.children] + [year.direct])
    assert _counts(summed) == _counts(t)
    months = [build_report(db, period=month_period(2023, m), scope=D, as_of=as_of).totals
              for m in range(1, 13)]
    assert _counts(_sum(months)) == _counts(t)
    street = build_report(db, period="2023", scope=S1, as_of=as_of)
    assert _counts(street.totals) == _counts(year.children[0].figures)


def test_unknown_type_code_keeps_the_total() -> None:
    db = _insert_all([Case(case_id=new_case_id(), committee_code=C1,
                           received_on=d("2023-03-01"), dispute_type="XX", source="9")])
    r = build_report(db, period="2023", scope=D, as_of=END_2023)
    assert r.type_labels["XX"] == "XX" and r.totals.by_source == {"其他": 1}
    assert "其他" in r.source_groups


# ---- the query uses the covering index --------------------------------------------------------

def test_registered_query_reads_the_covering_index(db: Database) -> None:
    plan = " ".join(StatsRepository(db).explain_registered())
    assert "COVERING INDEX idx_cases_stats" in plan
    assert "TEMP B-TREE" not in plan


def test_replacing_a_case_moves_it(db: Database) -> None:
    repo = CaseRepository(db)
    rowid = db.execute("SELECT id FROM cases WHERE committee_code = ? "
                       "AND status = '待受理'", [C2]).fetchone()[0]
    case = repo.get(rowid)
    repo.update(rowid, replace(case, committee_code=C3), S1)
    r = build_report(db, period="2023", scope=D, as_of=END_2023)
    assert (r.direct.disputes, r.children[0].figures.disputes) == (1, 8)


def test_rate_rule_from_settings_reads_the_database(db: Database) -> None:
    assert rate_rule_from_settings(db) == RateRule()
    settings = SettingsRepository(db)
    settings.set("rate_denominator", "accepted")
    settings.set("rate_decimals", "eleven")  # unreadable: only this part falls back
    assert rate_rule_from_settings(db) == RateRule(Denominator.ACCEPTED, Rounding.TRUNCATE, 2)
    t = build_report(db, period="2023", scope=D, as_of=END_2023).totals
    assert (t.rate_numerator, t.rate_denominator) == (3, 7)


def test_prevention_keys_are_the_cases_columns() -> None:
    assert list(PREVENTION_KEYS) == [p.value for p in Prevention]
    for prevention, column in PREVENTION_COLUMNS.items():
        assert PREVENTION_KEYS[prevention.value] == column
        assert figure_condition(f"prevention:{prevention.value}")[0] == f"c.{column} > 0"
