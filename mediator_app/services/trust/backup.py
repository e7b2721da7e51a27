"""Backup, restore and health check of the ledger file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mediator_app.domain.access import Action
from mediator_app.domain.enums import OrgLevel
from mediator_app.services import permissions
from mediator_app.storage import crypto
from mediator_app.storage.db import (
    DatabaseDamaged,
    StorageError,
    backup_file,
    check_file,
    integrity_check,
    last_verified_backup,
    open_database,
    record_backup,
)
from mediator_app.storage.exchange_repo import ExchangeRepository, file_integrity
from mediator_app.storage.files import part_path, replace_file
from mediator_app.storage.health_repo import check_steps
from mediator_app.storage.ledger_file import (
    reading,
    remove_journals,
    remove_with_journals,
    restore_into,
    verify_connection,
)

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass
class Health:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    units_by_level: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(db: Database, path: str = "", *, full: bool = False,
          progress: Callable[[int, int], None] | None = None) -> Health:
    """SQLite's quick check (``full``: its integrity check and the monthly counts against
    the cases), foreign keys, pending migrations, case locations; counts. ``progress``
    is called with (steps done, steps) after each step.

    Damage that SQLite's own check (the first step) reports, or that stops the checks
    themselves (``database disk image is malformed``: in a
    big ledger the bounded opening health check may not have reached it) raises
    ``DatabaseDamaged`` for ``path``, naming its last verified backup, so the caller can
    look at the file read-only instead of failing with a bare database error."""
    repo = ExchangeRepository(db)
    steps = [*check_steps(db, full=full), repo.orphan_problems]
    problems: list[str] = []
    try:
        for done, step in enumerate(steps, 1):
            found = step()
            if found and done == 1 and path:  # SQLite's own check: the file is damaged
                raise DatabaseDamaged(path, found, last_verified_backup(path))
            problems += found
            if progress is not None:
                progress(done, len(steps))
        return Health(problems, repo.table_counts(), _by_rank(repo.units_by_level()))
    except crypto.DatabaseErrors as exc:  # either driver (an encrypted ledger: sqlcipher3)
        if isinstance(exc, crypto.OperationalErrors):  # busy, interrupted: not damage
            raise
        raise DatabaseDamaged(path, [str(exc)],
                              last_verified_backup(path) if path else "") from exc


def damage(db: Database) -> list[str]:
    """SQLite's full integrity check of a damaged file (opened read-only); the first 50
    lines, or the error that stopped it."""
    try:
        return integrity_check(db)[:50] or ["?"]
    except crypto.DatabaseErrors as exc:
        return [str(exc)]


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
    partial = part_path(target)
    remove_with_journals(partial)
    try:
        backup_file(db.conn, partial)
        problems = file_integrity(partial)
        if problems:
            raise StorageError("backup.verify_failed", path=str(target),
                               detail="; ".join(problems[:5]))
        wal = partial.with_name(partial.name + "-wal")
        if wal.exists() and wal.stat().st_size:  # never: the copy's writer checkpointed
            raise StorageError("backup.verify_failed", path=str(target), detail=wal.name)
        remove_journals(partial)  # both connections are closed: the copy is complete
        if source_path and crypto.key_of(db.conn) is not None:
            crypto.copy_key_file(source_path, target)  # the backup opens on its own
        replace_file(partial, target)
    finally:
        remove_with_journals(partial)
    if source_path:
        record_backup(source_path, target)
    return target


def verify_ledger(path: str | Path) -> None:
    """Raise StorageError unless ``path`` is a healthy ledger database this program
    knows (DatabaseTooNew for a file written by a newer program). Writes nothing."""
    p = Path(path)
    check_file(p, create=False)
    with reading(p) as conn:
        verify_connection(conn, p)


def restore(db_path: str | Path, source: str | Path) -> str | None:
    """Replace the content of the ledger at ``db_path`` with ``source`` (verified first,
    read without writing anything beside it). Returns the copy of the previous content,
    ``<db>.before-restore-<stamp>.bak`` (None when there was no ledger yet).

    The ledger is never renamed or deleted: holding SQLite's exclusive lock
    (``exclusive_connection``; refused with ``db.in_use`` while another program has the
    file open), its pages are first copied out to the ``.bak`` and then replaced in
    place by SQLite's backup API in one transaction: a crash leaves it exactly as before
    or exactly as the backup. The restored file is then opened, which migrates it. A
    target that is not an SQLite file at all (zero bytes, garbage) cannot be locked; it
    is moved to the ``.bak`` name and the backup copied to a new file beside it."""
    src, target = Path(source), Path(db_path)
    if target.exists() and src.exists() and target.resolve() == src.resolve():
        raise StorageError("backup.same_file", path=str(target))
    check_file(src, create=False)
    with reading(src) as conn:
        verify_connection(conn, src)
        saved = restore_into(conn, target)
    open_database(target).close()
    return saved
