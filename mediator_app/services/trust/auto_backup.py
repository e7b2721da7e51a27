"""Automatic verified backups (issue 9).

On closing the program and at most once a day while it runs, an online copy of the
ledger (SQLite's backup API; encrypted with the same key when the ledger is) is written
into the backup folder, verified by opening it and running ``integrity_check``, and only
then given its final name ``<ledger stem>-YYYYMMDD-HHMMSS.db`` (with the key file beside
it for an encrypted ledger). A small index (``backup-index.json``) in the folder records
the case count and when each copy was verified. Rotation keeps the newest copy of each
of the last 7 days, 4 ISO weeks and 12 months that have copies (settable) and deletes
the other copies of this ledger; it never touches other files.

The folder is the ledger's setting ``backup_folder`` (default: ``<ledger
stem>-backups`` beside the ledger; a USB stick or network folder may be set). A folder
the user set is never created: when it cannot be reached the backup fails and the
dashboard says so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.account_messages import AccountError
from mediator_app.services import permissions
from mediator_app.storage import crypto
from mediator_app.storage.db import backup_file
from mediator_app.storage.exchange_repo import ExchangeRepository, file_integrity
from mediator_app.storage.files import part_path, replace_file, write_atomically
from mediator_app.storage.settings_repo import SettingsRepository

FOLDER_SETTING = "backup_folder"
INDEX = "backup-index.json"
KEEP = (7, 4, 12)  # daily, weekly, monthly
STALE_DAYS = 7
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    at: datetime
    size: int
    cases: int | None
    verified_at: str | None


@dataclass(frozen=True)
class BackupStatus:
    folder: Path
    reachable: bool
    last: BackupInfo | None
    warning: str | None  # a message code of domain.account_messages, or None
    days: int | None = None


def default_folder(ledger: str | Path) -> Path:
    p = Path(ledger)
    return p.with_name(f"{p.stem}-backups")


def folder_of(db: Database, ledger: str | Path) -> tuple[Path, bool]:
    """(the backup folder, whether the user set it)."""
    value = SettingsRepository(db).get(FOLDER_SETTING)
    return (Path(value), True) if value else (default_folder(ledger), False)


def set_folder(db: Database, folder: str | Path | None) -> None:
    """Set (None or "": back to the default) the backup folder of this ledger."""
    permissions.require(db, Action.BACKUP)
    with db.atomic():
        SettingsRepository(db).set(FOLDER_SETTING, str(folder or ""))


def _pattern(stem: str) -> re.Pattern[str]:
    return re.compile(re.escape(stem) + r"-(\d{8}-\d{6})\.db")


def _index(folder: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_index(folder: Path, index: dict[str, dict[str, object]]) -> None:
    write_atomically(folder / INDEX, json.dumps(index, ensure_ascii=False, indent=1))


def list_backups(folder: Path, stem: str) -> list[BackupInfo]:
    """This ledger's copies in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    pattern, index = _pattern(stem), _index(folder)
    out = []
    for p in folder.iterdir():
        m = pattern.fullmatch(p.name)
        if not m:
            continue
        info = index.get(p.name, {})
        cases = info.get("cases")
        verified = info.get("verified_at")
        out.append(BackupInfo(p, datetime.strptime(m.group(1), _STAMP), p.stat().st_size,
                              int(cases) if isinstance(cases, int) else None,
                              str(verified) if verified else None))
    return sorted(out, key=lambda b: b.at, reverse=True)


def run_backup(db: Database, ledger: str | Path, *, folder: Path | None = None,
               now: datetime | None = None, keep: tuple[int, int, int] = KEEP,
               manual: bool = False) -> BackupInfo:
    """Back up, verify, record and rotate. Automatic backups run for every logged-in
    user (closing the program backs up whoever is logged in); ``manual`` ones need the
    right to back up. Raises AccountError ``backup.folder_unreachable`` or
    ``backup.auto_failed``."""
    if manual:
        permissions.require(db, Action.BACKUP)
    ledger = Path(ledger)
    chosen, user_set = folder_of(db, ledger) if folder is None else (folder, True)
    if not chosen.is_dir():
        if user_set:
            raise AccountError("backup.folder_unreachable", folder=str(chosen))
        chosen.mkdir(parents=True, exist_ok=True)
    moment = now or datetime.now()
    name = f"{ledger.stem}-{moment.strftime(_STAMP)}.db"
    target = chosen / name
    part = part_path(target)
    cases = ExchangeRepository(db).case_count(include_deleted=False)
    try:
        backup_file(db.conn, part)
        problems = file_integrity(part)
        if problems:
            raise AccountError("backup.auto_failed", detail="; ".join(problems[:3]))
        for suffix in ("-wal", "-shm"):
            Path(f"{part}{suffix}").unlink(missing_ok=True)
        if crypto.key_of(db.conn) is not None:
            crypto.copy_key_file(ledger, target)
        replace_file(part, target)
    except OSError as exc:
        raise AccountError("backup.auto_failed", detail=str(exc)) from exc
    finally:
        crypto.forget_key(part)
        for p in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
            p.unlink(missing_ok=True)
    index = _index(chosen)
    index[name] = {"cases": cases, "verified_at": datetime.now().isoformat(timespec="seconds")}
    rotate(chosen, ledger.stem, keep, index=index)
    return BackupInfo(target, moment.replace(microsecond=0), target.stat().st_size, cases,
                      str(index[name]["verified_at"]))


def kept(stamps: list[datetime], keep: tuple[int, int, int] = KEEP) -> set[datetime]:
    """Which copies rotation keeps: the newest of each of the last ``keep[0]`` days,
    ``keep[1]`` ISO weeks and ``keep[2]`` months that have copies."""
    result: set[datetime] = set()
    for count, key in ((keep[0], lambda t: t.date()),
                       (keep[1], lambda t: t.isocalendar()[:2]),
                       (keep[2], lambda t: (t.year, t.month))):
        newest: dict[object, datetime] = {}
        for t in sorted(stamps, reverse=True):
            newest.setdefault(key(t), t)
        result.update(sorted(newest.values(), reverse=True)[:count])
    return result


def rotate(folder: Path, stem: str, keep: tuple[int, int, int] = KEEP, *,
           index: dict[str, dict[str, object]] | None = None) -> list[Path]:
    """Delete this ledger's copies that rotation does not keep; returns them."""
    backups = list_backups(folder, stem)
    keep_set = kept([b.at for b in backups], keep)
    index = _index(folder) if index is None else index
    removed = []
    for b in backups:
        if b.at in keep_set:
            continue
        b.path.unlink(missing_ok=True)
        crypto.key_file_path(b.path).unlink(missing_ok=True)
        index.pop(b.path.name, None)
        removed.append(b.path)
    _save_index(folder, {k: v for k, v in index.items() if (folder / k).exists()})
    return removed


def due(db: Database, ledger: str | Path, *, now: datetime | None = None) -> bool:
    """True when no copy was made in the last 24 hours."""
    folder, _user_set = folder_of(db, ledger)
    backups = list_backups(folder, Path(ledger).stem)
    moment = now or datetime.now()
    return not backups or moment - backups[0].at >= timedelta(days=1)


def status(db: Database, ledger: str | Path, *, now: datetime | None = None) -> BackupStatus:
    """For the dashboard: the last verified copy, and a warning when the folder cannot
    be reached or the last verified copy is older than 7 days."""
    folder, user_set = folder_of(db, ledger)
    reachable = folder.is_dir() or not user_set
    if not reachable:
        return BackupStatus(folder, False, None, "backup.folder_unreachable")
    verified = [b for b in list_backups(folder, Path(ledger).stem) if b.verified_at]
    if not verified:
        return BackupStatus(folder, True, None, "backup.none")
    last = verified[0]
    days = ((now or datetime.now()) - last.at).days
    return BackupStatus(folder, True, last, "backup.stale" if days > STALE_DAYS else None,
                        days)
