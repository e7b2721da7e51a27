"""Issue 13, ledger size: the (status, accepted_on) index of every case replaced by a
partial index of the cases in mediation (migration m0101). The overdue questions — the
case list's filter and its order, the status bar, the overview's list — get the same
answers from it, a ledger with data is upgraded, and a bulk import and a demo build end
with the new index."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from mediator_app.domain.case_filter import CaseFilter, Scope
from mediator_app.services.demo.district import build_demo
from mediator_app.storage import case_query as cq
from mediator_app.storage.db import open_database, open_memory
from mediator_app.storage.migrations import migrations

STEP = "m0101_partial_overdue_index"
TODAY = date(2024, 6, 30)


def _indexes(db: Database) -> dict[str, str]:
    return {r[0]: r[1] for r in db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' "
        "AND sql IS NOT NULL")}


def _plan(db: Database, sql: str, params: list[object]) -> str:
    return " | ".join(str(r[3]) for r in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def _answers(db: Database) -> dict[str, object]:
    """Every overdue question the program asks, for the whole district and for a
    street, with the case list's orders."""
    street = db.execute("SELECT code FROM org_units WHERE level = '街道' ORDER BY code"
                        ).fetchone()[0]
    out: dict[str, object] = {}
    for name, scope in (("all", Scope()), ("street", Scope("org", street))):
        f = CaseFilter(scope=scope, overdue=True, today=TODAY.isoformat(), overdue_days=30)
        out[f"{name} ids"] = cq.case_ids(db, f)
        out[f"{name} ids by case number"] = cq.case_ids(db, f, sort="case_no")
        out[f"{name} counts"] = cq.view_counts(db, f)
        out[f"{name} in mediation"] = cq.case_ids(db, dataclasses.replace(
            f, overdue=False, status="调解中"))
        out[f"{name} list"] = cq.overdue_cases(db, scope, TODAY, 30)
    return out


def _demo(db: Database) -> None:
    """A demo district whose every tenth case is still in mediation (the demo's own are
    all recent), accepted on days spread over the year before TODAY."""
    build_demo(db, cases=400, seed=4, today=TODAY)
    with db.conn:
        db.execute("UPDATE cases SET status = '调解中', closed_on = NULL, agreement_form = "
                   "NULL, performance = NULL, accepted_on = date(?, '-' || (id * 7 % 365) "
                   "|| ' days') WHERE id % 10 = 0 AND status = '调解成功'", [TODAY.isoformat()])


def test_a_new_ledger_has_the_partial_index_only() -> None:
    db = open_memory()
    indexes = _indexes(db)
    assert "idx_cases_status" not in indexes
    assert "WHERE status = '调解中'" in indexes["idx_cases_overdue"]


def test_the_overdue_questions_use_it() -> None:
    db = open_memory()
    _demo(db)
    where, params = cq.where_clause(db, CaseFilter(overdue=True, today=TODAY.isoformat()))
    for sql in (f"SELECT count(*) FROM cases c WHERE {where}",
                f"SELECT c.id FROM cases c WHERE {where} ORDER BY c.accepted_on, c.id"):
        plan = _plan(db, sql, params)
        assert "idx_cases_overdue" in plan, plan
        assert "TEMP B-TREE" not in plan or "received_on" in sql, plan
    # it holds exactly the cases in mediation
    held = db.execute("SELECT count(*) FROM cases INDEXED BY idx_cases_overdue "
                      "WHERE status = '调解中'").fetchone()[0]
    assert held == db.execute("SELECT count(*) FROM cases WHERE status = '调解中'"
                              ).fetchone()[0] > 0


def test_an_old_ledger_gives_the_same_answers_after_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before=STEP)
    _demo(old)
    assert "idx_cases_status" in _indexes(old)
    before = _answers(old)
    assert before["all counts"].overdue > 0  # type: ignore[attr-defined]
    old.close()
    opened = open_database(path)
    try:
        db = opened.db
        assert STEP in {r[0] for r in db.execute("SELECT name FROM _sqlite_migrations")}
        indexes = _indexes(db)
        assert "idx_cases_status" not in indexes and "idx_cases_overdue" in indexes
        assert _answers(db) == before
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # a case that goes into mediation is found through the index at once
        rowid = db.execute("SELECT min(id) FROM cases WHERE status = '调解成功'").fetchone()[0]
        with db.conn:
            db.execute("UPDATE cases SET status = '调解中', closed_on = NULL, "
                       "agreement_form = NULL, accepted_on = '2020-01-02' WHERE id = ?",
                       [rowid])
        f = CaseFilter(overdue=True, today=TODAY.isoformat())
        assert rowid in cq.case_ids(db, f)
    finally:
        opened.close()


@pytest.mark.parametrize("cases", [300])
def test_a_demo_build_keeps_the_partial_index(cases: int) -> None:
    db = open_memory()
    build_demo(db, cases=cases, seed=2, today=TODAY)
    assert "WHERE status = '调解中'" in _indexes(db)["idx_cases_overdue"]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
