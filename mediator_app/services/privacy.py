"""Who saw or exported parties' personal data (人民调解法 art. 15): every full view on
the case form and every export that carries personal data is written to the audit log.
Lists and ordinary exports show masked values and are not logged."""

from __future__ import annotations

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.services import permissions
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
    """The latest views and exports of personal data, newest first."""
    return AuditRepository(db).actions((VIEW, EXPORT), limit=limit)
