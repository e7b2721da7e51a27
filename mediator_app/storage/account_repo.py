"""Accounts (name, role, scope) inside the ledger, and the audit-log search for the
audit viewer. The keys that open an encrypted ledger are in ``storage.crypto``."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mediator_app.storage.audit_repo import AuditEntry
from mediator_app.storage.convert import now_iso

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class AccountRow:
    name: str
    role: str
    scope: str | None
    personal_data: bool
    disabled: bool
    created_at: str
    updated_at: str


_COLUMNS = "name, role, scope, personal_data, disabled, created_at, updated_at"


def _row(r: tuple[object, ...]) -> AccountRow:
    return AccountRow(str(r[0]), str(r[1]), None if r[2] is None else str(r[2]),
                      bool(r[3]), bool(r[4]), str(r[5]), str(r[6]))


class AccountRepository:
    def __init__(self, db: Database):
        self.db = db

    def get(self, name: str) -> AccountRow | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM accounts WHERE name = ?",
                              [name]).fetchone()
        return _row(row) if row else None

    def all(self) -> list[AccountRow]:
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM accounts ORDER BY name").fetchall()
        return [_row(r) for r in rows]

    def insert(self, name: str, role: str, scope: str | None, personal_data: bool) -> None:
        now = now_iso()
        self.db.execute(
            f"INSERT INTO accounts({_COLUMNS}) VALUES (?, ?, ?, ?, 0, ?, ?)",
            [name, role, scope, int(personal_data), now, now])

    def update(self, name: str, *, role: str, scope: str | None, personal_data: bool,
               disabled: bool) -> None:
        self.db.execute(
            "UPDATE accounts SET role = ?, scope = ?, personal_data = ?, disabled = ?, "
            "updated_at = ? WHERE name = ?",
            [role, scope, int(personal_data), int(disabled), now_iso(), name])

    def scope_kind(self, code: str) -> str | None:
        """'unit' for an org unit code, 'committee' for a committee code, else None."""
        if self.db.execute("SELECT 1 FROM org_units WHERE code = ?", [code]).fetchone():
            return "unit"
        if self.db.execute("SELECT 1 FROM committees WHERE code = ?", [code]).fetchone():
            return "committee"
        return None

    def committee_unit(self, code: str) -> str | None:
        row = self.db.execute("SELECT org_code FROM committees WHERE code = ?",
                              [code]).fetchone()
        return str(row[0]) if row else None

    def unit_within(self, unit: str, ancestor: str) -> bool:
        """``unit`` is ``ancestor`` or beneath it."""
        return self.db.execute(
            "SELECT 1 FROM org_closure WHERE ancestor = ? AND descendant = ?",
            [ancestor, unit]).fetchone() is not None

    def case_place(self, rowid: int) -> tuple[str, str] | None:
        """(org_code, committee_code) of a case."""
        row = self.db.execute("SELECT org_code, committee_code FROM cases WHERE id = ?",
                              [rowid]).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def case_rowid(self, case_id: str) -> int | None:
        row = self.db.execute("SELECT id FROM cases WHERE case_id = ?", [case_id]).fetchone()
        return int(row[0]) if row else None


def checkpoint(db: Database) -> None:
    """Fold the -wal into the file (before converting or replacing it)."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@dataclass(frozen=True)
class AuditFilter:
    user: str = ""
    case: str = ""  # a case number or case id (substring)
    action: str = ""
    date_from: str = ""  # ISO dates, inclusive
    date_to: str = ""
    limit: int = 5000


def search_audit(db: Database, f: AuditFilter) -> list[AuditEntry]:
    """Audit entries matching the filter, newest first. ``case`` matches the entity key
    of case entries or the case number."""
    where: list[str] = []
    params: list[object] = []
    if f.user:
        where.append("a.user = ?")
        params.append(f.user)
    if f.action:
        where.append("a.action = ?")
        params.append(f.action)
    if f.date_from:
        where.append("a.at >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append("a.at < date(?, '+1 day')")
        params.append(f.date_to)
    if f.case:
        where.append("a.entity = 'case' AND (a.entity_key = ? OR a.entity_key IN "
                     "(SELECT case_id FROM cases WHERE case_no LIKE ?))")
        params += [f.case, f"%{f.case}%"]
    limit = scope_restriction(db)
    if limit is not None:  # a scoped user: case entries of the cases in scope only
        where.append("(a.entity <> 'case' OR a.entity_key IN "
                     f"(SELECT c.case_id FROM cases c WHERE {limit[0]}))")
        params += limit[1]
    sql = ("SELECT a.at, a.user, a.entity, a.entity_key, a.action, a.field, a.old_value, "
           "a.new_value FROM audit_log a")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.id DESC LIMIT ?"
    params.append(f.limit)
    return [AuditEntry(*r) for r in db.execute(sql, params).fetchall()]


def audit_users(db: Database) -> list[str]:
    return [str(r[0]) for r in db.execute(
        "SELECT DISTINCT user FROM audit_log ORDER BY user").fetchall()]


def audit_actions(db: Database) -> list[str]:
    return [str(r[0]) for r in db.execute(
        "SELECT DISTINCT action FROM audit_log ORDER BY action").fetchall()]


SCOPE_GUARD = "mediator_app: outside the user's scope"

_restrictions: weakref.WeakKeyDictionary[Database, tuple[str, list[Any]]] = (
    weakref.WeakKeyDictionary())


def set_scope_restriction(db: Database, unit: str | None, committee: str | None) -> None:
    """Lists, searches and dashboard figures of this connection cover only the unit (and
    beneath it) or the committee's cases (``case_query.scope_clause``); None: no limit."""
    if unit is None and committee is None:
        _restrictions.pop(db, None)
        return
    clause = "c.org_code IN (SELECT descendant FROM org_closure WHERE ancestor = ?)"
    params: list[Any] = [unit or ""]
    if committee:
        clause = f"({clause} OR c.committee_code = ?)"
        params.append(committee)
    _restrictions[db] = (clause, params)


def scope_restriction(db: Database) -> tuple[str, list[Any]] | None:
    return _restrictions.get(db)


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def install_scope_guard(db: Database, unit: str | None, committee: str | None) -> None:
    """TEMP triggers on this connection that abort any insert or update of a case,
    org unit or committee outside the scope (``unit`` and beneath it, or the cases of
    ``committee``): the storage-level backstop of ``services.permissions`` for writes
    that arrive in bulk (imports, packages). The error text is ``SCOPE_GUARD``."""
    drop_scope_guard(db)
    under = f"(SELECT descendant FROM org_closure WHERE ancestor = {_q(unit or '')})"
    own = f" OR {{row}}.committee_code = {_q(committee)}" if committee else ""
    ok_case = f"({{row}}.org_code IN {under}{own})"
    raise_ = f"SELECT RAISE(ABORT, {_q(SCOPE_GUARD)});"
    rules = [
        ("cases", "INSERT", ok_case.format(row="NEW")),
        ("cases", "UPDATE", ok_case.format(row="NEW") + " AND " + ok_case.format(row="OLD")),
        # a parent not yet in the closure was inserted (and checked) in this transaction
        ("org_units", "INSERT", f"(NEW.parent_code IN {under} OR NEW.parent_code NOT IN "
                                "(SELECT descendant FROM org_closure))"),
        ("org_units", "UPDATE", f"OLD.code IN {under} AND "
                                f"(NEW.parent_code IN {under} OR NEW.code = {_q(unit or '')})"),
        ("committees", "INSERT", f"(NEW.org_code IN {under} OR NEW.org_code NOT IN "
                                 "(SELECT descendant FROM org_closure))"),
        ("committees", "UPDATE", f"OLD.org_code IN {under} AND NEW.org_code IN {under}"),
    ]
    for table, event, ok in rules:
        db.execute(f"CREATE TEMP TRIGGER scope_guard_{table}_{event.lower()} "
                   f"BEFORE {event} ON main.{table} WHEN NOT ({ok}) BEGIN {raise_} END")


def drop_scope_guard(db: Database) -> None:
    for table in ("cases", "org_units", "committees"):
        for event in ("insert", "update"):
            db.execute(f"DROP TRIGGER IF EXISTS temp.scope_guard_{table}_{event}")
