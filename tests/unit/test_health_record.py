"""The opening health check remembers what it verified (issue 13, storage/health_record.py):
tables that passed ``quick_check`` are not checked again while the file stays as it was;
any change, a copy, or a file changed only moments ago makes them due again, so damage is
still found. A watchdog stops the check at its budget even inside one table."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest

from mediator_app.cli.main import main
from mediator_app.services.demo.district import build_demo_file
from mediator_app.storage import db as dbmod
from mediator_app.storage.db import DatabaseDamaged, open_database

TODAY = date(2026, 11, 26)


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tables the opening check runs quick_check on, in order."""
    seen: list[str] = []
    real = dbmod._check_table

    def spy(conn: sqlite3.Connection, table: str) -> list[str]:
        seen.append(table)
        return real(conn, table)

    monkeypatch.setattr(dbmod, "_check_table", spy)
    return seen


def _settle(path: Path) -> None:
    """Checkpoint the -wal away and date the file a minute back (older than RACY_S)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    then = time.time() - 60
    os.utime(path, (then, then))


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    build_demo_file(path, cases=200, today=TODAY)
    _settle(path)
    return path


def _open_close(path: Path) -> None:
    open_database(path, create=False).close()


def _damage_in_place(path: Path) -> None:
    """Break the first leaf page of ``cases`` (bytes changed in place, same size)."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'cases'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\x0d\xff\xff\xff\xff\xff\xff\xff")


def test_tables_verified_while_the_file_is_unchanged_are_not_checked_again(ledger, checked):
    _open_close(ledger)
    assert "cases" in checked and "org_units" in checked
    checked.clear()
    _open_close(ledger)
    _open_close(ledger)
    assert checked == []


def test_a_change_in_place_makes_every_table_due_again(ledger, checked):
    _open_close(ledger)
    stat = ledger.stat()
    _damage_in_place(ledger)
    # even with its modification time put back (a tool that hides its write)
    os.utime(ledger, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    checked.clear()
    with pytest.raises(DatabaseDamaged):
        _open_close(ledger)
    assert "cases" in checked


def test_a_write_by_the_program_makes_the_tables_due_again(ledger, checked):
    _open_close(ledger)
    handle = open_database(ledger, create=False)
    with handle.db.atomic():
        handle.db.execute("UPDATE settings SET value = value")
    handle.close()
    _settle(ledger)
    checked.clear()
    _open_close(ledger)
    assert "cases" in checked


def test_a_copy_is_checked_afresh_and_its_damage_found(ledger, checked, tmp_path):
    _open_close(ledger)
    copy = tmp_path / "copy.db"
    shutil.copy2(ledger, copy)  # same bytes, same modification time
    checked.clear()
    _open_close(copy)
    assert "cases" in checked
    _open_close(copy)
    shutil.copy2(ledger, copy)  # copied again over it, damaged on the way
    _damage_in_place(copy)
    os.utime(copy, ns=(ledger.stat().st_atime_ns, ledger.stat().st_mtime_ns))
    with pytest.raises(DatabaseDamaged):
        _open_close(copy)


def test_a_file_changed_moments_ago_is_not_taken_as_verified(tmp_path, checked):
    path = tmp_path / "fresh.db"
    build_demo_file(path, cases=50, today=TODAY)
    _open_close(path)  # its timestamps are from this very second
    checked.clear()
    _open_close(path)
    assert "cases" in checked


def test_check_verifies_the_big_tables_for_the_next_opens(ledger, checked, capsys):
    dbmod.HealthRecord.load(ledger)  # nothing recorded yet
    assert main(["--db", str(ledger), "check"]) == 0
    checked.clear()
    _open_close(ledger)
    assert checked == []


def test_a_table_known_to_exceed_the_budget_is_not_started(ledger, checked):
    record = dbmod.HealthRecord.load(ledger)
    record.cost["cases"] = 5.0  # measured before: longer than the whole budget
    record.changed = True
    record.save()
    conn = sqlite3.connect(ledger)
    problems, complete = dbmod.quick_check(conn, 0.4, path=str(ledger))
    conn.close()
    assert problems == [] and not complete
    assert "cases" not in checked and "org_units" in checked


def test_the_watchdog_stops_a_table_that_runs_past_the_budget(tmp_path, monkeypatch):
    """SQLite's progress handler is not called inside the b-tree walk of one table; the
    watchdog interrupts it anyway, and no interrupt reaches the caller's next statement."""
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.execute("CREATE TABLE t(x)")
    endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c " \
              "WHERE x < 20000000) SELECT count(*) FROM c"  # about 4 s of work
    monkeypatch.setattr(dbmod, "_check_table",
                        lambda c, table: [str(r[0]) for r in c.execute(endless).fetchall()])
    started = time.monotonic()
    problems, complete = dbmod.quick_check(conn, 0.2)
    assert problems == [] and not complete
    assert time.monotonic() - started < 2.5
    monkeypatch.undo()
    assert dbmod.quick_check(conn, 0.05) == ([], True)
    time.sleep(0.1)  # past that budget: the cancelled watchdog must not fire
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    conn.close()
