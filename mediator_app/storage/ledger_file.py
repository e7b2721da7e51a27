"""The ledger file as a whole: reading a file the user only asked us to read (a backup),
restoring into the live ledger under SQLite's exclusive lock, and moving a finished file
into place without ever replacing one that someone else made. See docs/guarantees.md."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from mediator_app.storage import crypto
from mediator_app.storage.db import (
    BUSY_TIMEOUT_MS,
    JOURNAL_SUFFIXES,
    DatabaseTooNew,
    LedgerDatabase,
    StorageError,
    backup_file,
    check_file,
    exclusive_connection,
    unknown_migrations,
)
from mediator_app.storage.exchange_repo import ExchangeRepository
from mediator_app.storage.files import replacing


def remove_journals(path: Path) -> None:
    """The files SQLite keeps beside a database (a copy in WAL mode like the ledger:
    opening it to verify leaves an empty ``-wal`` and a ``-shm``)."""
    for suffix in JOURNAL_SUFFIXES:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def remove_with_journals(path: Path) -> None:
    path.unlink(missing_ok=True)
    remove_journals(path)


@contextlib.contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a file the user only asked us to read (a backup to
    restore): nothing is ever written beside it. Without a ``-wal`` beside it the file
    is opened ``immutable`` (SQLite then creates no ``-wal``/``-shm`` and takes no lock);
    with one (it is someone's live ledger) read-only, so that the log is read too."""
    live = path.with_name(path.name + "-wal").exists()
    key = crypto.key_for(path)  # a backup of an encrypted ledger: its data key (issue 9)
    if key is not None:
        if crypto.is_plain_file(path):  # a plain file given for an encrypted ledger
            raise StorageError("restore.key_mismatch", path=str(path))
        try:
            conn = crypto.connect(path, key, readonly=True, immutable=not live)
        except crypto.DatabaseErrors as exc:  # another key (or not a database at all)
            raise StorageError("restore.key_mismatch", path=str(path)) from exc
    else:
        conn = sqlite3.connect(path.resolve().as_uri() + ("?mode=ro" if live else
                                                           "?mode=ro&immutable=1"), uri=True)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        yield conn
    finally:
        conn.close()


def verify_connection(conn: sqlite3.Connection, path: Path) -> None:
    """Raise StorageError unless the connection holds a healthy ledger this program
    knows (DatabaseTooNew for a file written by a newer program)."""
    try:
        db = LedgerDatabase(conn)
        if not ExchangeRepository(db).is_ledger():
            raise StorageError("restore.not_ledger", path=str(path))
        unknown = unknown_migrations(db)
        if unknown:
            raise DatabaseTooNew(str(path), unknown)
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()
                    if r[0] != "ok"]
    except crypto.DatabaseErrors as exc:
        problems = [str(exc)]
    if problems:
        raise StorageError("restore.damaged", path=str(path), detail="; ".join(problems[:5]))


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def restore_into(source: sqlite3.Connection, target: Path) -> str | None:
    try:
        is_new = check_file(target, create=True)
    except StorageError as exc:
        if exc.code not in ("db.empty_file", "db.not_database"):
            raise
        saved = f"{target}.before-restore-{_stamp()}.bak"
        os.replace(target, saved)  # not a database: nobody can have it open as one
        _new_file_from(source, target)
        return saved
    if is_new:
        _new_file_from(source, target)
        return None
    saved = f"{target}.before-restore-{_stamp()}.bak"
    with exclusive_connection(target) as live:
        # An encrypted ledger takes only a backup encrypted with its own data key (its
        # backups are): SQLite's backup API copies pages as they are, so a plain backup
        # would make the ledger plain, and one of another key unreadable (issue 9).
        if crypto.key_of(live) != crypto.key_of(source):
            name = source.execute("PRAGMA database_list").fetchone()[2]
            raise StorageError("restore.key_mismatch", path=str(name or target))
        with replacing(saved) as partial:
            backup_file(live, partial)  # the pages as they are, damaged ones included
            remove_journals(partial)
        crypto.forget_key(partial)
        if crypto.key_of(live) is not None:  # the kept copy opens with today's passwords
            crypto.copy_key_file(target, saved)
        try:
            source.backup(live)  # one transaction: before or after, never between
        except crypto.OperationalErrors:
            if _page_size(source) == _page_size(live):
                raise
            # a WAL file cannot change its page size: through a rollback journal it can
            live.execute("PRAGMA journal_mode = DELETE")
            source.backup(live)
            live.execute("PRAGMA journal_mode = WAL")
    _remove_cold_journal(target)
    return saved


def _page_size(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA page_size").fetchone()[0])


def _remove_cold_journal(target: Path) -> None:
    """An exclusive-mode rollback journal is zeroed, not deleted, at commit; once the
    connection is closed after a successful restore it holds nothing to roll back."""
    journal = target.with_name(target.name + "-journal")
    with contextlib.suppress(OSError):
        with open(journal, "rb") as handle:
            head = handle.read(8)
        if not head.strip(b"\x00"):
            journal.unlink()


def _new_file_from(source: sqlite3.Connection, target: Path) -> None:
    """Copy into ``<target>.<pid>.part`` and move it into place only if ``target`` still
    does not exist (``move_no_replace``); the part file is removed on any failure."""
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    remove_with_journals(partial)
    try:
        backup_file(source, partial)
        remove_journals(partial)
        move_no_replace(partial, target)
    finally:
        remove_with_journals(partial)


def move_no_replace(source: Path, target: Path) -> None:
    """Move ``source`` onto ``target`` only if no ``target`` exists, atomically where the
    file system allows it (Windows: a rename never replaces; POSIX: a hard link fails on
    an existing name); StorageError ``file.appeared`` when it exists."""
    try:
        if os.name == "nt":
            os.rename(source, target)
            return
        try:
            os.link(source, target)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links (FAT on a USB stick)
            if target.exists():
                raise FileExistsError(str(target)) from None
            os.rename(source, target)
            return
        source.unlink()
    except FileExistsError as exc:
        raise StorageError("file.appeared", path=str(target)) from exc
