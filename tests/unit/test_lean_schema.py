"""Issue 13, ledger size: the full-text index without positions (migration m0100). A
term longer than one trigram is found through its trigrams and confirmed by LIKE, so
the search finds exactly the cases holding the whole term in one field; existing
ledgers (plain and encrypted) are upgraded with their index rebuilt."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from mediator_app.services.demo.district import build_demo
from mediator_app.storage import case_query as cq
from mediator_app.storage import crypto
from mediator_app.storage.bulk_repo import BulkRepository
from mediator_app.storage.db import open_database, open_memory
from mediator_app.storage.migrations import known_names, migrations

LEAN = "m0100_lean_case_fts"


def _fts_sql(db: Database) -> str:
    return str(db.execute("SELECT sql FROM sqlite_master WHERE name = 'case_fts'").fetchone()[0])


def _summaries(db: Database, rows: dict[int, str]) -> None:
    with db.conn:
        db.conn.executemany("UPDATE cases SET summary = ? WHERE id = ?",
                            [(text, rowid) for rowid, text in rows.items()])


@pytest.fixture()
def db() -> Database:
    db = open_memory()
    build_demo(db, cases=60, seed=3, today=date(2024, 6, 30))
    return db


def test_a_long_term_needs_the_whole_term_in_one_field(db: Database) -> None:
    ids = [r[0] for r in db.execute("SELECT id FROM cases ORDER BY id LIMIT 4")]
    term = "甲乙丙丁戊"  # its index query: the trigrams 甲乙丙 and 丙丁戊
    _summaries(db, {ids[0]: "甲乙丙丁戊已调处",  # the term itself
                    ids[1]: "丙丁戊甲乙丙",      # both trigrams, not the term
                    ids[2]: "甲乙丙，丙丁戊",    # both trigrams apart
                    ids[3]: "某某甲乙丙丁戊"})
    found = set(cq.case_ids(db, cq.CaseFilter(text=term)))
    assert found >= {ids[0], ids[3]}
    assert not found & {ids[1], ids[2]}
    assert cq.view_counts(db, cq.CaseFilter(text=term)).total == len(found) == 2


def test_a_term_across_two_fields_is_not_a_match(db: Database) -> None:
    rowid, names = db.execute("SELECT id, party_names FROM cases WHERE party_names <> '' "
                              "ORDER BY id LIMIT 1").fetchone()
    _summaries(db, {rowid: "ABCD"})
    term = "CD" + names[:2]  # the end of the summary and the start of the names
    assert rowid not in cq.case_ids(db, cq.CaseFilter(text=term))
    assert rowid in cq.case_ids(db, cq.CaseFilter(text="abcd"))  # ASCII: any case


@pytest.mark.parametrize("term", ["宅基地", "宅基地纠", "宅基地纠纷", "宅基地纠纷案"])
def test_trigrams_cover_the_term(term: str) -> None:
    query = cq.fts_trigrams(term)
    covered = set()
    for part in query.split():
        start = term.index(part.strip('"'))
        covered |= set(range(start, start + 3))
    assert covered == set(range(len(term)))


def _old_ledger(path: Path) -> None:
    """A ledger of the program before m0100 with a few demo cases."""
    old = Database(path)
    migrations.apply(old, stop_before=LEAN)
    build_demo(old, cases=40, seed=5, today=date(2024, 6, 30))
    old.close()


def _check_upgraded(db: Database) -> None:
    assert "detail=none" in _fts_sql(db).replace(" ", "")
    assert BulkRepository(db).fts_integrity_problems() == []
    rowid, summary = db.execute("SELECT id, summary FROM cases WHERE length(summary) > 6 "
                                "ORDER BY id LIMIT 1").fetchone()
    assert rowid in cq.case_ids(db, cq.CaseFilter(text=summary[1:6]))
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"cases_fts_ai", "cases_fts_ad", "cases_fts_au"} <= names


def test_an_old_ledger_is_upgraded_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_ledger(path)
    assert known_names()[-1] == LEAN or LEAN in known_names()
    opened = open_database(path)
    try:
        assert opened.backup_path and Path(opened.backup_path).exists()
        _check_upgraded(opened.db)
        # the trigger keeps the index up to date after the upgrade
        rowid = opened.db.execute("SELECT min(id) FROM cases").fetchone()[0]
        _summaries(opened.db, {rowid: "新写的摘要文字"})
        assert cq.case_ids(opened.db, cq.CaseFilter(text="写的摘要")) == [rowid]
    finally:
        opened.close()
    backup = Database(opened.backup_path)
    assert "detail=none" not in _fts_sql(backup).replace(" ", "")  # the old file, untouched
    backup.close()


def test_a_failed_upgrade_leaves_the_old_index(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from mediator_app.storage import migrations as m

    path = tmp_path / "old.db"
    _old_ledger(path)
    monkeypatch.setattr(m, "LEAN_FTS", [*m.LEAN_FTS, "SELECT no_such_function()"])
    with pytest.raises(Exception, match="no_such_function"):
        open_database(path)
    monkeypatch.undo()
    old = Database(path)
    assert "detail=none" not in _fts_sql(old).replace(" ", "")
    assert BulkRepository(old).fts_integrity_problems() == []
    assert LEAN not in {r[0] for r in old.execute("SELECT name FROM _sqlite_migrations")}
    old.close()
    opened = open_database(path)  # and the next start upgrades it
    _check_upgraded(opened.db)
    opened.close()


def test_an_encrypted_ledger_is_upgraded(tmp_path: Path) -> None:
    plain, path = tmp_path / "plain.db", tmp_path / "ledger.db"
    _old_ledger(plain)
    key = crypto.new_data_key()
    conn = crypto.connect(plain, None)
    crypto.export_encrypted(conn, path, key)
    conn.close()
    crypto.register_key(path, key)
    try:
        assert not crypto.is_plain_file(path)
        opened = open_database(path)
        try:
            assert crypto.key_of(opened.db.conn) == key
            _check_upgraded(opened.db)
        finally:
            opened.close()
        assert not crypto.is_plain_file(path)
    finally:
        crypto.forget_key(path)


# ---- the demo build creates its indexes once at the end -------------------------------

_SCHEMA = ("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' "
           "ORDER BY name")


def test_a_demo_build_ends_with_the_schema_of_a_new_ledger() -> None:
    fresh = open_memory().execute(_SCHEMA).fetchall()
    db = open_memory()
    build_demo(db, cases=300, seed=2, today=date(2024, 6, 30))
    assert db.execute(_SCHEMA).fetchall() == fresh
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    plan = db.execute("EXPLAIN QUERY PLAN SELECT id FROM cases WHERE org_code = ? "
                      "AND received_on > ?", ["x", "2024-01-01"]).fetchall()
    assert "idx_cases_" in str(plan)


def test_an_interrupted_demo_build_keeps_its_indexes() -> None:
    fresh = open_memory().execute(_SCHEMA).fetchall()
    db = open_memory()

    def stop(done: int, _total: int) -> None:
        if done >= 100:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_demo(db, cases=300, seed=2, today=date(2024, 6, 30), progress=stop)
    assert db.execute(_SCHEMA).fetchall() == fresh
    assert db.execute("SELECT count(*) FROM cases").fetchone()[0] > 0
