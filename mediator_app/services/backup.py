"""Backup, restore and health check of the ledger file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.enums import OrgLevel
from mediator_app.services import permissions
from mediator_app.storage import crypto
from mediator_app.storage.db import (
    DatabaseTooNew,
    StorageError,
    backup_file,
    integrity_check,
    open_database,
    unknown_migrations,
)
from mediator_app.storage.exchange_repo import ExchangeRepository, file_integrity


@dataclass
class Health:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    units_by_level: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(db: Database) -> Health:
    """SQLite integrity and foreign keys, pending migrations, case locations; counts."""
    repo = ExchangeRepository(db)
    problems = integrity_check(db) + repo.orphan_problems()
    return Health(problems, repo.table_counts(), _by_rank(repo.units_by_level()))


def _by_rank(counts: dict[str, int]) -> dict[str, int]:
    """Units by level, from 区/县 down to 网格 (unknown levels last, by name)."""
    order = {level.value: n for n, level in enumerate(OrgLevel)}
    return dict(sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def backup(db: Database, out: str | Path, source_path: str | None = None, *,
           overwrite: bool = False) -> Path:
    """A consistent copy through SQLite's backup API, verified by integrity_check.
    The copy is made next to ``out`` and renamed when verified; it is one file (no
    ``-wal``/``-shm`` files are left beside it). A missing folder is refused
    (``backup.no_folder``: the program does not create folders from a mistyped path), so
    is a folder given as ``out`` (``backup.is_folder``). An existing ``out`` is refused
    (StorageError ``backup.exists``) unless ``overwrite``; the database itself always is."""
    permissions.require(db, Action.BACKUP)  # issue 9
    target = Path(out)
    if source_path and target.exists() and target.resolve() == Path(source_path).resolve():
        raise StorageError("backup.same_file", path=str(target))
    if target.is_dir():
        raise StorageError("backup.is_folder", path=str(target))
    if not target.parent.is_dir():
        raise StorageError("backup.no_folder", path=str(target), folder=str(target.parent))
    if target.exists() and not overwrite:
        raise StorageError("backup.exists", path=str(target))
    partial = target.with_name(target.name + ".part")
    _remove_with_journals(partial)
    try:
        backup_file(db.conn, partial)
        problems = file_integrity(partial)
        if problems:
            raise StorageError("backup.verify_failed", path=str(target),
                               detail="; ".join(problems[:5]))
        wal = partial.with_name(partial.name + "-wal")
        if wal.exists() and wal.stat().st_size:  # never: the copy's writer checkpointed
            raise StorageError("backup.verify_failed", path=str(target), detail=wal.name)
        _remove_journals(partial)  # both connections are closed: the copy is complete
        if source_path and crypto.key_of(db.conn) is not None:
            crypto.copy_key_file(source_path, target)  # the backup opens on its own
        partial.replace(target)
    finally:
        _remove_with_journals(partial)
    return target


_JOURNALS = ("-wal", "-shm", "-journal")


def _remove_journals(path: Path) -> None:
    """The files SQLite keeps beside a database (the copy is in WAL mode like the ledger:
    opening it to verify leaves an empty ``-wal`` and a ``-shm``)."""
    for suffix in _JOURNALS:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _remove_with_journals(path: Path) -> None:
    path.unlink(missing_ok=True)
    _remove_journals(path)


def verify_ledger(path: str | Path) -> None:
    """Raise StorageError unless ``path`` is a healthy ledger database this program
    knows (DatabaseTooNew for a file written by a newer program)."""
    p = Path(path)
    if not p.is_file():
        raise StorageError("db.missing", path=str(p))
    try:
        opened = open_database(p, readonly=True)
    except crypto.DatabaseErrors as exc:
        raise StorageError("db.unreadable", path=str(p), detail=str(exc)) from exc
    try:
        db = opened.db
        if not ExchangeRepository(db).is_ledger():
            raise StorageError("restore.not_ledger", path=str(p))
        unknown = unknown_migrations(db)
        if unknown:
            raise DatabaseTooNew(str(p), unknown)
        problems = file_integrity(p)
        if problems:
            raise StorageError("restore.damaged", path=str(p), detail="; ".join(problems[:5]))
    except crypto.DatabaseErrors as exc:
        raise StorageError("db.unreadable", path=str(p), detail=str(exc)) from exc
    finally:
        opened.close()


def restore(db_path: str | Path, source: str | Path) -> str | None:
    """Replace the database at ``db_path`` with ``source`` (verified first). The current
    file is kept as ``<db>.before-restore-<stamp>.bak``; returns that path (None when
    there was no database yet). The restored file is then opened, which migrates it."""
    verify_ledger(source)
    target = Path(db_path)
    if target.exists() and target.resolve() == Path(source).resolve():
        raise StorageError("backup.same_file", path=str(target))
    saved = None
    if target.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        saved = f"{target}.before-restore-{stamp}.bak"
        current = open_database(target, readonly=True)
        try:
            backup_file(current.db.conn, saved)
        finally:
            current.close()
    _copy_into(Path(source), target)
    open_database(target).close()
    return saved


def _copy_into(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    crypto.copy_file(source, target)  # encrypted when the source is (issue 9)
