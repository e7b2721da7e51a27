"""以案定补 (issue 14): classes, completeness items, rates by effective date, principal vs
split, performed-only, paid once across claims, tombstones, and the CLI contract."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from mediator_app.domain import subsidy as s
from mediator_app.domain.enums import AgreementForm, Performance
from mediator_app.domain.errors import DomainError
from mediator_app.domain.messages import message
from mediator_app.domain.model import CodeItem
from mediator_app.services.cases.code_tables import save_code_item
from mediator_app.services.cases.edit import delete_case, save_case
from mediator_app.services.subsidy import claim as subsidy
from mediator_app.services.subsidy.claim import claim_to_dict
from mediator_app.services.subsidy.export import export_claim
from tests.unit.subsidy_fixtures import (
    C1,
    C2,
    C3,
    DISTRICT,
    S1,
    TODAY,
    make_ledger,
    resolved_case,
    store,
)

Q1 = "2026-Q1"


@pytest.fixture
def ledger():
    return make_ledger()


def _claim(db, period=Q1, scope=S1):
    return claim_to_dict(subsidy.compute_claim(db, period=period, scope=scope))


def _paid_ids(d):
    return {c["case_id"] for m in d["mediators"] for c in m["cases"]}


def _refused(d):
    return {r["case_id"]: r for r in d["refused"]}


# ---- difficulty classes ----------------------------------------------------------------


def test_default_class_follows_the_rule_per_dispute_type(ledger):
    db, ids = ledger
    neighbours = store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],), dispute_type="02"))
    land = store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],), dispute_type="08"))
    family = store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],), dispute_type="01"))
    chosen = store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],), dispute_type="02",
                                     difficulty="4"))
    assert (neighbours.difficulty, land.difficulty, family.difficulty) == ("1", "3", "2")
    assert chosen.difficulty == "4"  # set on the form: kept
    amounts = {c["case_id"]: c["amount_yuan"] for m in _claim(db)["mediators"] for c in m["cases"]}
    assert amounts == {neighbours.case_id: 50.0, land.case_id: 200.0, family.case_id: 100.0,
                       chosen.case_id: 300.0}


def test_class_default_rule_is_editable_and_new_class_can_be_added(ledger):
    db, ids = ledger
    save_code_item(db, CodeItem("difficulty", "5", "特别重大", sort_order=5), new=True)
    subsidy.set_class_default(db, "02", "5")
    case = store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],), dispute_type="02"))
    assert case.difficulty == "5"
    d = _claim(db)
    assert d["refused"][0]["reason_codes"] == ["no_rate"]  # no rate for the new class yet
    subsidy.save_rule_set(db, dataclasses.replace(
        s.default_rule_set(), rates=(*s.DEFAULT_RATES, s.Rate("5", 50000))))
    d = _claim(db)
    assert d["totals"]["amount_fen"] == 50000
    assert d["mediators"][0]["cases"][0]["class"] == "特别重大"
    with pytest.raises(DomainError):
        subsidy.set_class_default(db, "02", "nope")


def test_unknown_class_on_a_case_is_refused(ledger):
    db, ids = ledger
    with pytest.raises(DomainError) as exc:
        store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],), difficulty="9"))
    assert exc.value.first.field == "difficulty"


# ---- completeness ------------------------------------------------------------------------


@pytest.mark.parametrize(("changes", "missing"), [
    ({}, []),
    ({"investigation": False}, []),  # a mediation record is enough for "record"
    ({"investigation": False, "session": False}, ["record"]),
    ({"signed": False}, ["written_agreement"]),
    ({"deadline": date(2026, 6, 30)}, ["follow_up_over_time"]),
    ({"deadline": date(2026, 6, 30), "follow_up": True}, []),
    ({"form": AgreementForm.ORAL, "signed": False}, []),
])
def test_completeness_items(ledger, changes, missing):
    db, ids = ledger
    case = store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],), **changes))
    assert subsidy.missing_items_of(db, case.id) == missing
    assert subsidy.missing_items_for(db, case) == missing
    refused = _refused(_claim(db))
    if missing:
        assert refused[case.case_id]["missing_items"] == missing
        assert refused[case.case_id]["reasons"][0].startswith("卷宗不完整")
    else:
        assert case.case_id not in refused


def test_completeness_rules_are_editable(ledger):
    db, ids = ledger
    case = store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],), investigation=False))
    assert subsidy.missing_items_of(db, case.id) == []
    rules = dict(subsidy.file_rules(db))
    rules["调解成功|书面"] = (*rules["调解成功|书面"], "investigation", "follow_up")
    subsidy.set_file_rules(db, rules)
    assert subsidy.missing_items_of(db, case.id) == ["investigation", "follow_up"]
    listed = subsidy.incomplete_files(db, period=Q1, scope=DISTRICT)
    assert [(f.case_id, f.missing, f.mediators) for f in listed] == [
        (case.case_id, ("investigation", "follow_up"), "张伟")]
    with pytest.raises(DomainError):
        subsidy.set_file_rules(db, {"调解成功|书面": ("no_such_item",)})


def test_file_not_checked_when_the_rules_say_so(ledger):
    db, ids = ledger
    case = store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],), session=False,
                                   investigation=False))
    assert case.case_id in _refused(_claim(db))
    subsidy.save_rule_set(db, dataclasses.replace(s.default_rule_set(), require_complete=False))
    assert case.case_id in _paid_ids(_claim(db))


# ---- rates by effective date -------------------------------------------------------------


def test_rates_by_effective_date_and_bands(ledger):
    db, ids = ledger
    before = store(db, resolved_case(C1, date(2026, 2, 27), (ids["张伟"],)))
    after = store(db, resolved_case(C1, date(2026, 3, 2), (ids["张伟"],)))
    oral = store(db, resolved_case(C1, date(2026, 3, 3), (ids["张伟"],), form=AgreementForm.ORAL,
                                   signed=False))
    big = store(db, resolved_case(C1, date(2026, 3, 4), (ids["张伟"],), people=12,
                                  amount_fen=10_000_000))
    subsidy.save_rule_set(db, s.RuleSet(date(2026, 3, 1), (
        s.Rate("2", 12000), s.Rate("2", 8000, agreement_form="口头"),
        s.Rate("2", 15000, min_people=10), s.Rate("2", 16000, min_people=10,
                                                   min_amount_fen=5_000_000))))
    amounts = {c["case_id"]: (c["amount_fen"], c["rule_effective_from"])
               for m in _claim(db)["mediators"] for c in m["cases"]}
    assert amounts == {before.case_id: (10000, "2000-01-01"),
                       after.case_id: (12000, "2026-03-01"),
                       oral.case_id: (8000, "2026-03-01"),
                       big.case_id: (16000, "2026-03-01")}


def test_rule_set_of_a_paid_period_cannot_change(ledger):
    db, ids = ledger
    store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],)))
    subsidy.mark_paid(db, period=Q1, scope=S1)
    with pytest.raises(DomainError) as exc:
        subsidy.save_rule_set(db, s.RuleSet(date(2026, 2, 1), (s.Rate("2", 1),)))
    assert exc.value.first.code == "subsidy.rules_paid"
    assert "2026-02-01" in message(exc.value.first)
    subsidy.save_rule_set(db, s.RuleSet(date(2026, 4, 1), (s.Rate("2", 1),)))  # later: fine
    assert _claim(db)["totals"]["amount_fen"] == 10000  # last quarter recomputes as paid


# ---- who is paid ----------------------------------------------------------------------------


def test_principal_versus_split(ledger):
    db, ids = ledger
    three = store(db, resolved_case(C1, date(2026, 2, 3), (ids["李娜"], ids["张伟"], ids["赵强"]),
                                    dispute_type="01"))  # 一般: 100 yuan
    d = _claim(db)
    assert [(m["name"], m["amount_fen"]) for m in d["mediators"]] == [("李娜", 10000)]
    subsidy.save_rule_set(db, dataclasses.replace(s.default_rule_set(), payee=s.SPLIT,
                                                  rates=(s.Rate("2", 10000),)))
    d = _claim(db)
    shares = {m["name"]: m["amount_fen"] for m in d["mediators"]}
    assert shares == {"李娜": 3334, "张伟": 3333, "赵强": 3333}
    assert sum(shares.values()) == 10000 == d["totals"]["amount_fen"]
    assert all(c["share_of"] == 3 for m in d["mediators"] for c in m["cases"])
    assert d["totals"]["eligible_cases"] == 1
    assert {m["committee_code"] for m in d["mediators"]} == {C1, C3}
    assert three.case_id in _paid_ids(d)


def test_shares_add_up():
    for amount in (0, 1, 99, 10000, 33333):
        for n in range(1, 8):
            parts = s.shares(amount, n)
            assert sum(parts) == amount and max(parts) - min(parts) <= 1


def test_case_without_mediator_is_refused(ledger):
    db, _ids = ledger
    case = store(db, resolved_case(C1, date(2026, 2, 3), ()))
    assert _refused(_claim(db))[case.case_id]["reason_codes"] == ["no_mediator"]


# ---- performed only ---------------------------------------------------------------------------


def test_performed_only_option(ledger):
    db, ids = ledger
    done = store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],),
                                   performance=Performance.PERFORMED))
    pending = store(db, resolved_case(C1, date(2026, 2, 4), (ids["张伟"],),
                                      performance=Performance.PERFORMING))
    assert _paid_ids(_claim(db)) == {done.case_id, pending.case_id}
    subsidy.save_rule_set(db, dataclasses.replace(s.default_rule_set(), performed_only=True))
    d = _claim(db)
    assert _paid_ids(d) == {done.case_id}
    assert _refused(d)[pending.case_id]["reason_codes"] == ["not_performed"]
    assert "履行中" in _refused(d)[pending.case_id]["reasons"][0]


# ---- period, scope and tombstones ---------------------------------------------------------------


def test_only_resolved_cases_closed_in_the_period_and_scope(ledger):
    db, ids = ledger
    inside = store(db, resolved_case(C3, date(2026, 3, 31), (ids["赵强"],)))
    store(db, resolved_case(C1, date(2026, 4, 1), (ids["张伟"],)))  # next quarter
    store(db, resolved_case(C2, date(2026, 2, 1), (ids["王芳"],)))  # other street
    d = _claim(db)
    assert _paid_ids(d) == {inside.case_id}
    assert _paid_ids(_claim(db, scope=C3)) == {inside.case_id}  # a committee as scope
    assert len(_paid_ids(_claim(db, scope=DISTRICT))) == 2
    with pytest.raises(DomainError):
        subsidy.compute_claim(db, period=Q1, scope="999")
    with pytest.raises(DomainError):
        subsidy.compute_claim(db, period="2026-Q5", scope=S1)


def test_tombstoned_cases_are_neither_paid_nor_refused(ledger):
    db, ids = ledger
    gone = store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],)))
    bad = store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],), session=False,
                                  investigation=False))
    delete_case(db, gone.id)
    delete_case(db, bad.id)
    d = _claim(db)
    assert d["totals"] == {"eligible_cases": 0, "amount_yuan": 0.0, "amount_fen": 0,
                           "refused_cases": 0}
    assert subsidy.incomplete_files(db, period=Q1, scope=S1) == []


# ---- paid once ------------------------------------------------------------------------------


def test_mark_paid_freezes_and_no_case_is_paid_twice(ledger):
    db, ids = ledger
    jan = store(db, resolved_case(C1, date(2026, 1, 20), (ids["张伟"],)))
    paid = subsidy.mark_paid(db, period="2026-01", scope=S1, user="司法所")
    assert (paid.version, paid.cases, paid.amount_fen) == (1, 1, 10000)
    assert paid.snapshot["paid_case_ids"] == [jan.case_id]
    # the same month again lists it, marked as paid by this claim
    again = _claim(db, period="2026-01")
    assert again["mediators"][0]["cases"][0]["paid_claim"] == paid.id
    with pytest.raises(DomainError) as exc:
        subsidy.mark_paid(db, period="2026-01", scope=S1)
    assert exc.value.first.code == "subsidy.nothing_to_pay"
    # the quarter (and the district's year) refuse it as already paid
    for period, scope in ((Q1, S1), ("2026", DISTRICT), (Q1, C1)):
        d = _claim(db, period=period, scope=scope)
        assert _refused(d)[jan.case_id]["reason_codes"] == ["already_paid"]
        assert "东街道 2026-01 第1次补助申报" in _refused(d)[jan.case_id]["reasons"][0]
        assert d["totals"]["amount_fen"] == 0
    feb = store(db, resolved_case(C1, date(2026, 2, 20), (ids["张伟"],)))
    second = subsidy.mark_paid(db, period=Q1, scope=S1)
    assert second.snapshot["paid_case_ids"] == [feb.case_id]
    assert [c.id for c in subsidy.paid_claims(db)] == [paid.id, second.id]


def test_changed_since_the_claim(ledger):
    db, ids = ledger
    case = store(db, resolved_case(C1, date(2026, 1, 20), (ids["张伟"],)))
    subsidy.mark_paid(db, period=Q1, scope=S1)
    assert _claim(db)["changed_since_claim"] == []
    save_case(db, dataclasses.replace(case, summary="只改摘要", updated_at=case.updated_at),
              today=TODAY)
    assert _claim(db)["changed_since_claim"] == []  # nothing the payment depended on
    stored = store(db, dataclasses.replace(case, difficulty="4", summary="只改摘要",
                                           updated_at=subsidy_updated(db, case)))
    d = _claim(db)
    assert d["changed_since_claim"] == [case.case_id]
    assert d["mediators"][0]["cases"][0]["changed_since_claim"] is True
    assert stored.difficulty == "4"
    delete_case(db, case.id)  # a tombstone of a paid case is a change too
    assert _claim(db)["changed_since_claim"] == [case.case_id]


def subsidy_updated(db, case):
    from mediator_app.storage.case_repo import CaseRepository

    return CaseRepository(db).get(case.id).updated_at


# ---- exports --------------------------------------------------------------------------------


def test_exports(ledger):
    db, ids = ledger
    store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],)))
    store(db, resolved_case(C3, date(2026, 2, 4), (ids["赵强"],), session=False,
                            investigation=False))
    claim = subsidy.compute_claim(db, period=Q1, scope=S1)
    text = export_claim(claim, "csv").decode("utf-8-sig")
    assert "张伟" in text and "100.00" in text and "赵强" not in text
    from tests.xlsx_read import read_xlsx_text

    sheets = read_xlsx_text(export_claim(claim, "xlsx"))
    assert list(sheets) == ["汇总", "补助案件", "未予补助"]
    assert sheets["未予补助"][1][-1].startswith("卷宗不完整")
    assert export_claim(claim, "pdf")[:5] == b"%PDF-"
    with pytest.raises(DomainError):
        export_claim(claim, "doc")


# ---- the CLI contract ------------------------------------------------------------------------


def _ledger_file(tmp_path):
    from mediator_app.services.demo.district import build_demo_file

    path = tmp_path / "demo.db"
    build_demo_file(path, cases=3000, seed=3, today=date(2026, 11, 30))
    return path


def test_cli_contract_on_the_demo(tmp_path, capsysbinary):
    from mediator_app.cli.main import main

    path = _ledger_file(tmp_path)
    assert main(["--db", str(path), "subsidy", "--period", "2025", "--scope", "610114",
                 "--format", "json"]) == 0
    d = json.loads(capsysbinary.readouterr().out)
    assert set(d) >= {"period", "scope", "rules", "totals", "mediators", "refused"}
    assert d["scope"] == {"code": "610114", "name": d["scope"]["name"]}
    cases = [c for m in d["mediators"] for c in m["cases"]]
    assert d["totals"]["eligible_cases"] == len({c["case_id"] for c in cases}) > 100
    assert d["totals"]["amount_fen"] == sum(m["amount_fen"] for m in d["mediators"])
    assert d["totals"]["amount_yuan"] == pytest.approx(
        sum(m["amount_yuan"] for m in d["mediators"]))
    assert d["totals"]["refused_cases"] == len(d["refused"]) > 0
    for m in d["mediators"]:
        assert m["eligible_cases"] == len(m["cases"])
        assert m["amount_fen"] == sum(c["amount_fen"] for c in m["cases"])
        assert set(m["cases"][0]) >= {"case_id", "case_no", "class", "amount_yuan"}
    per_case: dict[str, int] = {}
    for c in cases:
        per_case[c["case_id"]] = per_case.get(c["case_id"], 0) + c["amount_fen"]
        assert c["closed_on"].startswith("2025")
    assert all(per_case[c["case_id"]] <= c["case_amount_yuan"] * 100 for c in cases)
    import sqlite3

    con = sqlite3.connect(path)
    rows = dict(con.execute("SELECT case_id, status || '|' || closed_on FROM cases"))
    for case_id in [*per_case, *(r["case_id"] for r in d["refused"])]:
        status, closed = rows[case_id].split("|")
        assert status == "调解成功" and closed.startswith("2025")
    for fmt in ("csv", "pdf", "xlsx"):
        out = tmp_path / f"claim.{fmt}"
        assert main(["--db", str(path), "subsidy", "--period", "2025-Q2", "--scope",
                     "610114001", "--format", fmt, "--out", str(out)]) == 0
        assert out.stat().st_size > 100
    assert main(["--db", str(path), "subsidy", "--period", "2025-Q2", "--scope", "610114001",
                 "--format", "pdf"]) == 2
    assert main(["--db", str(path), "subsidy", "--period", "2025-13", "--scope", "610114001",
                 "--format", "json"]) == 1
    assert main(["--db", str(path), "subsidy", "--period", "2025", "--scope", "nope",
                 "--format", "json"]) == 1


def test_cli_rules_and_mark_paid(tmp_path, capsys):
    from mediator_app.cli.main import main

    path = _ledger_file(tmp_path)
    assert main(["--db", str(path), "subsidy-rules", "--effective-from", "2026-01-01",
                 "--rate", "1=60", "--rate", "2=120.50", "--rate", "2/口头=90",
                 "--rate", "3=240", "--rate", "4=360", "--payee", "split"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [r["effective_from"] for r in shown["rule_sets"]] == ["2000-01-01", "2026-01-01"]
    assert shown["rule_sets"][1]["rates"][1]["amount_yuan"] == 120.5
    assert main(["--db", str(path), "subsidy-rules", "--rate", "2=x",
                 "--effective-from", "2026-02-01"]) == 1
    assert main(["--db", str(path), "subsidy", "--period", "2026-Q1", "--scope", "610114001",
                 "--format", "json", "--mark-paid", "--user", "审核人"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["paid_claims"][0]["paid_by"] == "审核人"
    assert d["rules"]["applied"][0]["payee"] == "split"


def test_difficulty_code_table_refuses_deleting_a_class_in_use(ledger):
    from mediator_app.services.cases.code_tables import delete_code_item

    db, _ids = ledger
    save_code_item(db, CodeItem("difficulty", "9", "试用"), new=True)
    delete_code_item(db, "difficulty", "9")  # unused: deleted
    with pytest.raises(DomainError) as exc:
        delete_code_item(db, "difficulty", "4")  # in the default rate table
    assert exc.value.first.code == "in_use"


@pytest.mark.parametrize("period", ["2026-Q1", "2026-01-01..2026-03-31", "２０２６－Ｑ１",
                                    "2026-1-1..2026-3-31"])
def test_period_syntax_is_the_reports(ledger, period):
    db, ids = ledger
    case = store(db, resolved_case(C1, date(2026, 3, 31), (ids["张伟"],)))
    store(db, resolved_case(C1, date(2026, 4, 1), (ids["张伟"],)))
    assert _paid_ids(_claim(db, period=period)) == {case.case_id}


def test_incomplete_sql_agrees_with_the_domain_rules(ledger):
    """The case list's filter (SQL) and the claim (Python) judge every file alike."""
    from mediator_app.storage.subsidy_repo import SubsidyRepository, incomplete_sql

    db, ids = ledger
    written = store(db, resolved_case(C1, date(2026, 2, 3), (ids["张伟"],)))
    oral = store(db, resolved_case(C1, date(2026, 2, 4), (ids["张伟"],),
                                   form=AgreementForm.ORAL, signed=False))
    rules = dict(SubsidyRepository(db).file_rules())
    rules["调解成功|口头"] = tuple(s.ITEMS)  # every item somewhere
    condition = incomplete_sql(rules)
    for case in (written, oral):
        for accepted in (None, "2026-02-01"):
            for flags in range(128):
                db.execute("UPDATE cases SET file_flags = ?, accepted_on = ? WHERE id = ?",
                           [flags, accepted, case.id])
                in_sql = db.execute(f"SELECT {condition} FROM cases c WHERE c.id = ?",
                                    [case.id]).fetchone()[0]
                missing = s.missing_items(rules, "调解成功", case.agreement_form.value,
                                          accepted is not None, flags)
                assert bool(in_sql) == bool(missing), (case.agreement_form, accepted, flags)
