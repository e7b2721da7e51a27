"""Who saw or exported parties' personal data (人民调解法 art. 15): every full view on
the case form and every export that carries personal data is written to the audit log.
Lists and ordinary exports show masked values and are not logged."""

from __future__ import annotations

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.services import permissions
from mediator_app.storage.account_repo import AuditFilter, search_audit
from mediator_app.storage.audit_repo import AuditEntry, AuditRepository
from mediator_app.storage.case_repo import CaseRepository

VIEW = "view_personal"
EXPORT = "export_personal"


def record_case_view(db: Database, rowid: int, *, user: str = "") -> bool:
    """Log that ``user`` opened the full party data of a case; False when the case has
    no personal data to see (no parties with an ID number or phone)."""
    permissions.require_stored_case(db, Action.VIEW_PERSONAL, rowid)  # issue 9
    repo = CaseRepository(db)
    case = repo.get(rowid)
    if not any(p.id_number or p.phone for p in case.parties):
        return False
    with db.atomic():
        AuditRepository(db, user or None).record("case", case.case_id, VIEW)
    return True


def record_personal_export(db: Database, path: str, *, scope: str | None,
                           user: str = "") -> None:
    with db.atomic():
        AuditRepository(db, user or None).record("export", path, EXPORT, field=scope or "")


def personal_data_log(db: Database, *, limit: int = 200) -> list[AuditEntry]:
    """The latest views and exports of personal data, newest first. Part of the audit
    log: only roles that may see it (a 查看 user or a 调解员 is refused), and a scoped
    user sees the case views of the cases in scope only (like ``audit``)."""
    permissions.require(db, Action.VIEW_AUDIT)
    entries = [e for action in (VIEW, EXPORT)
               for e in search_audit(db, AuditFilter(action=action, limit=limit))]
    return sorted(entries, key=lambda e: e.at, reverse=True)[:limit]
