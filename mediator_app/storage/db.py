"""Opening the database file: WAL, busy timeout, migrations with a backup first,
refusal of a database written by a newer program."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from mediator_app.storage import crypto
from mediator_app.storage.migrations import MIGRATION_SET, known_names, migrations

BUSY_TIMEOUT_MS = 10_000
ENV_DB = "MEDIATOR_APP_DB"


class StorageError(Exception):
    """A problem with the database file itself; ``code`` maps to a message."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")


class DatabaseTooNew(StorageError):
    def __init__(self, path: str, unknown: list[str]):
        super().__init__("db.too_new", path=path, unknown=", ".join(unknown))
        self.unknown = unknown


def default_db_path() -> Path:
    """``MEDIATOR_APP_DB`` if set, else ``ledger.db`` in the user data directory."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("MediatorLedger", appauthor=False)) / "ledger.db"


def default_demo_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("MediatorLedger", appauthor=False)) / "demo.db"


@dataclass
class OpenedDatabase:
    db: Database
    path: str
    readonly: bool
    backup_path: str | None = None

    def close(self) -> None:
        self.db.close()


def _connect(path: str, readonly: bool, check_same_thread: bool) -> sqlite3.Connection:
    if path == ":memory:":
        return sqlite3.connect(":memory:", check_same_thread=check_same_thread)
    key = crypto.key_for(path)  # an encrypted ledger unlocked by a login (storage.crypto)
    if key is not None:
        return crypto.connect(path, key, readonly=readonly, check_same_thread=check_same_thread)
    if readonly:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        return sqlite3.connect(uri, uri=True, check_same_thread=check_same_thread)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return sqlite3.connect(path, check_same_thread=check_same_thread)


def _applied(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def unknown_migrations(db: Database) -> list[str]:
    """Migrations recorded in the file that this program does not know (newer file)."""
    if not db["_sqlite_migrations"].exists():
        return []
    rows = db.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
    ).fetchall()
    known = set(known_names())
    return [r[0] for r in rows if r[0] not in known]


def backup_file(conn: sqlite3.Connection, target: str | Path) -> None:
    """Consistent copy of a live database through SQLite's backup API."""
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    crypto.copy_database(conn, target)  # encrypted with the same key when conn is


def _has_tables(db: Database) -> bool:
    return bool(db.table_names())


def _backup_before_migrating(db: Database, path: str) -> str | None:
    if path == ":memory:" or not _has_tables(db) or not migrations.pending(db):
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = f"{path}.before-upgrade-{stamp}.bak"
    backup_file(db.conn, target)
    return target


def _pragmas(conn: sqlite3.Connection, readonly: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")


def open_database(
    path: str | Path,
    *,
    readonly: bool = False,
    migrate: bool = True,
    check_same_thread: bool = True,
) -> OpenedDatabase:
    """Open (and create/migrate unless read-only) the ledger database.

    Raises ``DatabaseTooNew`` when the file has migrations this program does not know;
    open it with ``readonly=True`` to look without writing.
    """
    spath = str(path)
    if readonly and spath != ":memory:" and not Path(spath).exists():
        raise StorageError("db.missing", path=spath)
    if crypto.key_for(spath) is None and crypto.is_encrypted_ledger(spath):
        raise StorageError("db.encrypted", path=spath)
    conn = _connect(spath, readonly, check_same_thread)
    try:
        _pragmas(conn, readonly)
        db = Database(conn)
        unknown = unknown_migrations(db)
        if unknown and not readonly:
            raise DatabaseTooNew(spath, unknown)
        backup = None
        if not readonly and migrate:
            backup = _backup_before_migrating(db, spath)
            migrations.apply(db)
        conn.execute("PRAGMA foreign_keys = ON")
    except crypto.DatabaseErrors as exc:
        conn.close()
        raise StorageError("db.unreadable", path=spath, detail=str(exc)) from exc
    except BaseException:
        conn.close()
        raise
    return OpenedDatabase(db=db, path=spath, readonly=readonly, backup_path=backup)


def open_memory() -> Database:
    """A migrated in-memory database (tests)."""
    return open_database(":memory:").db


def integrity_check(db: Database) -> list[str]:
    """Problems found by SQLite's integrity and foreign-key checks; [] when healthy."""
    problems = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
    for row in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"foreign key: table {row[0]} rowid {row[1]} -> {row[2]}")
    pending = migrations.pending(db)
    if pending:
        problems.append("pending migrations: " + ", ".join(m.name for m in pending))
    return problems
