"""Opening, migrating, backing up and refusing database files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mediator_app.storage import db as dbmod
from mediator_app.storage.db import (
    DatabaseTooNew,
    StorageError,
    backup_file,
    integrity_check,
    open_database,
)
from mediator_app.storage.migrations import known_names


def test_new_file_is_migrated_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "a.db")
    conn = opened.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == dbmod.BUSY_TIMEOUT_MS
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == known_names()
    assert opened.backup_path is None  # nothing to back up in a new file
    assert integrity_check(opened.db) == []
    opened.close()


def test_reopening_applies_nothing_and_makes_no_backup(tmp_path: Path) -> None:
    open_database(tmp_path / "a.db").close()
    again = open_database(tmp_path / "a.db")
    assert again.backup_path is None
    again.close()
    assert not list(tmp_path.glob("*.bak"))


def test_pending_migration_backs_up_first(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from mediator_app.storage.migrations import migrations

    path = tmp_path / "old.db"
    last = known_names()[-1]
    old = Database(path)  # a file written by the previous version: all but the last
    migrations.apply(old, stop_before=last)
    old.execute("INSERT INTO settings(key, value) VALUES ('district_name', '旧区')")
    old.conn.commit()
    old.close()
    upgraded = open_database(path)
    assert upgraded.backup_path is not None
    backup = sqlite3.connect(upgraded.backup_path)
    names = [r[0] for r in backup.execute("SELECT name FROM _sqlite_migrations")]
    assert last not in names and len(names) == len(known_names()) - 1
    assert backup.execute("SELECT value FROM settings").fetchone()[0] == "旧区"
    backup.close()
    applied = [r[0] for r in upgraded.db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied[-1] == last
    upgraded.close()


def test_newer_database_is_refused_but_opens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    opened = open_database(path)
    opened.db.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
        "VALUES ('mediator_app', 'm9999_future_thing', '2030-01-01')"
    )
    opened.db.conn.commit()
    opened.close()
    with pytest.raises(DatabaseTooNew) as info:
        open_database(path)
    assert "m9999_future_thing" in info.value.unknown
    ro = open_database(path, readonly=True)
    assert ro.readonly
    with pytest.raises(sqlite3.OperationalError):
        ro.db.execute("INSERT INTO settings(key, value) VALUES ('x', 'y')")
    ro.close()


def test_read_only_open_of_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as info:
        open_database(tmp_path / "nope.db", readonly=True)
    assert info.value.code == "db.missing"


def test_garbage_file_is_reported_not_crashing(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError) as info:
        open_database(path)
    assert info.value.code == "db.not_database"
    assert path.read_bytes() == b"this is not a database" * 100


def test_backup_file_is_a_consistent_copy(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "a.db")
    opened.db.execute("INSERT INTO settings(key, value) VALUES ('k', '值')")
    opened.db.conn.commit()
    backup_file(opened.db.conn, tmp_path / "copy.db")
    copy = open_database(tmp_path / "copy.db")
    assert copy.db.execute("SELECT value FROM settings WHERE key='k'").fetchone()[0] == "值"
    copy.close()
    opened.close()


def test_default_path_honours_environment(monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    monkeypatch.setenv("MEDIATOR_APP_DB", str(tmp_path / "env.db"))
    assert dbmod.default_db_path() == tmp_path / "env.db"
    monkeypatch.delenv("MEDIATOR_APP_DB")
    assert dbmod.default_db_path().name == "ledger.db"
