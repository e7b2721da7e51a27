"""The audit log for administrators (viewer and CLI): search and CSV export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.services import permissions
from mediator_app.storage.account_repo import AuditFilter as AuditFilter  # for the viewer
from mediator_app.storage.account_repo import audit_actions, audit_users, search_audit
from mediator_app.storage.audit_repo import AuditEntry as AuditEntry  # for the audit viewer
from mediator_app.storage.files import write_atomically

__all__ = ["AuditFilter", "search", "users", "actions", "export_csv"]

COLUMNS = ("at", "user", "entity", "entity_key", "action", "field", "old_value", "new_value")


def require_view(db: Database) -> None:
    permissions.require(db, Action.VIEW_AUDIT)


def search(db: Database, f: AuditFilter) -> list[AuditEntry]:
    permissions.require(db, Action.VIEW_AUDIT)
    return search_audit(db, f)


def users(db: Database) -> list[str]:
    permissions.require(db, Action.VIEW_AUDIT)
    return audit_users(db)


def actions(db: Database) -> list[str]:
    permissions.require(db, Action.VIEW_AUDIT)
    return audit_actions(db)


def _cell(value: str | None) -> str:
    text = value or ""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_csv(entries: list[AuditEntry], out: str | Path, header: tuple[str, ...] = COLUMNS
               ) -> int:
    """Write the entries as CSV (UTF-8 with BOM; formula-like cells prefixed with ')."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for e in entries:
        writer.writerow([_cell(getattr(e, c)) for c in COLUMNS])
    write_atomically(out, buf.getvalue(), encoding="utf-8-sig", newline="")
    return len(entries)
