"""Audit log: who changed what, when, old -> new."""

from __future__ import annotations

import getpass
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mediator_app.storage.convert import now_iso

if TYPE_CHECKING:
    from sqlite_utils import Database


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some systems
        return "unknown"


@dataclass(frozen=True)
class AuditEntry:
    at: str
    user: str
    entity: str
    entity_key: str
    action: str
    field: str
    old_value: str | None
    new_value: str | None


_actors: weakref.WeakKeyDictionary[Database, str] = weakref.WeakKeyDictionary()


def set_actor(db: Database, name: str | None) -> None:
    """The logged-in user of this connection (issue 9): entries recorded without an
    explicit user name carry it instead of the operating-system account."""
    if name is None:
        _actors.pop(db, None)
    else:
        _actors[db] = name


class AuditRepository:
    def __init__(self, db: Database, user: str | None = None):
        self.db = db
        self.user = user or _actors.get(db) or current_user()

    def record(self, entity: str, key: str, action: str, field: str = "",
               old: Any = None, new: Any = None) -> None:
        self.db.execute(
            "INSERT INTO audit_log(at, user, entity, entity_key, action, field, old_value, "
            "new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [now_iso(), self.user, entity, key, action, field,
             None if old is None else str(old), None if new is None else str(new)],
        )

    def record_diff(self, entity: str, key: str, old: Mapping[str, Any],
                    new: Mapping[str, Any]) -> None:
        for field in sorted(new):
            if field in ("updated_at",):
                continue
            if old.get(field) != new.get(field):
                self.record(entity, key, "update", field, old.get(field), new.get(field))

    def history(self, entity: str, key: str) -> list[AuditEntry]:
        rows = self.db.execute(
            "SELECT at, user, entity, entity_key, action, field, old_value, new_value "
            "FROM audit_log WHERE entity = ? AND entity_key = ? ORDER BY id",
            [entity, key],
        ).fetchall()
        return [AuditEntry(*r) for r in rows]

    def actions(self, actions: tuple[str, ...], *, limit: int = 200) -> list[AuditEntry]:
        """Entries with one of ``actions``, newest first."""
        marks = ", ".join("?" * len(actions))
        rows = self.db.execute(
            "SELECT at, user, entity, entity_key, action, field, old_value, new_value "
            f"FROM audit_log WHERE action IN ({marks}) ORDER BY id DESC LIMIT ?",
            [*actions, limit],
        ).fetchall()
        return [AuditEntry(*r) for r in rows]
