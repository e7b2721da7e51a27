"""Use cases for one case: save (new or edited), status changes, deletion, numbering
and the duplicate check. Each owns its transaction and writes the audit log."""

from __future__ import annotations

import dataclasses
from datetime import date

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.casenumber import format_case_no, next_serial, parse_serial
from mediator_app.domain.enums import AgreementForm, CaseStatus, OrgLevel
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.model import Case
from mediator_app.domain.status import apply_transition, validate_case
from mediator_app.domain.status import reopen_case as reopened_case
from mediator_app.services import permissions
from mediator_app.services.changes import Changes
from mediator_app.services.subsidy.claim import with_default_class
from mediator_app.storage import duplicates_repo, lookup_repo
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.convert import now_iso
from mediator_app.storage.org_repo import OrgRepository
from mediator_app.storage.settings_repo import SettingsRepository

ENTITY = "case"

# The explicit status actions of the case form, named as on paper.
ACTIONS: dict[CaseStatus, str] = {
    CaseStatus.IN_MEDIATION: "受理",
    CaseStatus.RESOLVED: "调解成功",
    CaseStatus.TERMINATED: "调解终止",
    CaseStatus.REJECTED: "不予受理",
}
REOPEN_ACTION = "重新打开"  # audit action of ``reopen_case``


def changes_for(case: Case) -> Changes:
    return Changes(case_rowids=(case.id,) if case.id is not None else ())


# ---- numbering -----------------------------------------------------------------------


def next_case_no(db: Database, committee_code: str, year: int) -> str:
    """The next free case number of a committee in a year, from the settings template.

    Numbers of deleted cases are not reused; numbers not made from the template are
    ignored when finding the highest serial."""
    committee = OrgRepository(db).committee(committee_code)
    if committee is None:
        raise DomainError(_unknown_committee(committee_code))
    template = SettingsRepository(db).get("case_no_template")
    repo = CaseRepository(db)
    taken = set(repo.case_nos(committee_code, year))
    serials = (
        parse_serial(template, no, year=year, short_name=committee.short_name,
                     committee_code=committee_code)
        for no in taken
    )
    serial = next_serial(s for s in serials if s is not None)
    while True:
        case_no = format_case_no(template, year=year, short_name=committee.short_name,
                                 serial=serial, committee_code=committee_code)
        if case_no not in taken:
            return case_no
        serial += 1


def case_no_template_problem(db: Database, case: Case) -> Problem | None:
    """A ``case_no.template_mismatch`` problem if ``case.case_no`` (typed by hand) was
    not made from the template for this committee and year; None if it was, or if
    there is no number or committee to check. A form-level warning: imports and old
    paper cases may carry any number."""
    committee = OrgRepository(db).committee(case.committee_code) if case.case_no else None
    if committee is None:
        return None
    template = SettingsRepository(db).get("case_no_template")
    year, short_name, code = case.year, committee.short_name, case.committee_code
    if parse_serial(template, case.case_no, year=year, short_name=short_name,
                    committee_code=code) is not None:
        return None
    example = format_case_no(template, serial=1, year=year, short_name=short_name,
                             committee_code=code)
    return Problem("case_no", "case_no.template_mismatch",
                   {"value": case.case_no, "example": example})


# ---- validation against the database ---------------------------------------------------


def _unknown_committee(code: str) -> Problem:
    return Problem("committee_code", "unknown_code", {"value": code, "table": "committee"})


def _reference_problems(db: Database, case: Case) -> list[Problem]:
    problems: list[Problem] = []
    org = OrgRepository(db)
    if case.committee_code and org.committee(case.committee_code) is None:
        problems.append(_unknown_committee(case.committee_code))
    if case.grid_code:
        unit = org.unit(case.grid_code)
        if unit is None or unit.level != OrgLevel.GRID:
            problems.append(Problem("grid_code", "unknown_code",
                                    {"value": case.grid_code, "table": "grid"}))
    for kind in ("dispute_type", "source", "difficulty"):
        code = getattr(case, kind)
        if code and not lookup_repo.code_exists(db, kind, code):
            problems.append(Problem(kind, "unknown_code", {"value": code, "table": kind}))
    return problems


def _case_no_problems(db: Database, case: Case) -> list[Problem]:
    if not case.case_no or not case.committee_code:
        return []
    if CaseRepository(db).case_no_taken(case.committee_code, case.year, case.case_no,
                                        exclude_rowid=case.id):
        committee = OrgRepository(db).committee(case.committee_code)
        params = {"case_no": case.case_no, "committee": case.committee_code,
                  "year": case.year}
        if committee is not None and committee.name:
            params["committee_name"] = committee.name
        return [Problem("case_no", "case_no.duplicate", params)]
    return []


def check_case(db: Database, case: Case, *, today: date | None = None) -> list[Problem]:
    """Every problem that would stop ``save_case``; [] when it can be saved."""
    problems = validate_case(case, today=today or date.today())
    return problems + _reference_problems(db, case) + _case_no_problems(db, case)


# ---- writing ---------------------------------------------------------------------------


def _location(db: Database, case: Case) -> str:
    org_code = CaseRepository(db).location_of(case.committee_code, case.grid_code)
    if org_code is None:
        raise DomainError(_unknown_committee(case.committee_code))
    return org_code


def save_case(db: Database, case: Case, *, today: date | None = None, user: str = "") -> Case:
    """Insert (``case.id`` is None) or update a case with its parts.

    Raises ``DomainError`` with every problem found. An empty case number gets the
    next one of the committee and year. An edit whose ``updated_at`` is not the stored
    one (someone else saved the case since it was read) is refused with
    ``case.changed_elsewhere``; an edit without ``updated_at`` is not checked."""
    case = dataclasses.replace(case, case_no=case.case_no.strip(),
                               grid_code=case.grid_code or None)
    repo = CaseRepository(db)
    if case.id is not None:  # issue 9: the stored case and its new place both in scope
        permissions.require_stored_case(db, Action.EDIT_CASE, case.id)
        case = permissions.unmasked_for_save(db, case)  # a masked value is never saved
    permissions.require_case(db, Action.EDIT_CASE, committee_code=case.committee_code,
                             org_code=repo.location_of(case.committee_code, case.grid_code),
                             label=case.case_no)
    with db.atomic():
        old = repo.stored_columns(case.id) if case.id is not None else {}
        if case.id is not None and not old:
            raise DomainError(Problem("id", "unknown_code", {"value": case.id, "table": "case"}))
        if (stale := _changed_elsewhere(case, old)) is not None:
            raise DomainError(stale)
        problems = check_case(db, case, today=today)
        if problems:
            raise DomainError(problems)
        if not case.case_no:
            case = dataclasses.replace(
                case, case_no=next_case_no(db, case.committee_code, case.year))
        case = with_default_class(db, case)
        case = dataclasses.replace(case, updated_at=now_iso())
        org_code = _location(db, case)
        audit = AuditRepository(db, user or None)
        if case.id is None:
            rowid = repo.insert(case, org_code)
            audit.record(ENTITY, case.case_id, "create", "case_no", None, case.case_no)
        else:
            rowid = case.id
            old_mediators = lookup_repo.case_mediator_ids(db, rowid)
            repo.update(rowid, case, org_code)
            audit.record_diff(ENTITY, case.case_id, _comparable(old),
                              _comparable(repo.stored_columns(rowid)))
            _audit_mediators(db, audit, case, old_mediators)
        return repo.get(rowid)


def _audit_mediators(db: Database, audit: AuditRepository, case: Case,
                     old_ids: list[int]) -> None:
    """One "mediators" entry (names, 、-separated) when the ticked mediators changed."""
    new_ids = list(dict.fromkeys(case.mediator_ids))
    if old_ids == new_ids:
        return
    names = lookup_repo.person_names(db, [*old_ids, *new_ids])

    def text(ids: list[int]) -> str:
        return "、".join(names.get(i, f"#{i}") for i in ids)

    audit.record(ENTITY, case.case_id, "update", "mediators", text(old_ids), text(new_ids))


def _changed_elsewhere(case: Case, stored: dict[str, object]) -> Problem | None:
    """``case.changed_elsewhere`` when the edited case was read before the last save."""
    if case.id is None or not case.updated_at or stored.get("updated_at") == case.updated_at:
        return None
    return Problem("updated_at", "case.changed_elsewhere",
                   {"case_no": stored.get("case_no") or "", "read_at": case.updated_at,
                    "stored_at": stored.get("updated_at") or ""})


def _comparable(columns: dict[str, object]) -> dict[str, object]:
    """The stored columns without the row id (never a change worth an audit line)."""
    return {k: v for k, v in columns.items() if k != "id"}


def transition_case(db: Database, rowid: int, target: CaseStatus, *, on: date,
                    agreement_form: AgreementForm | None = None, reason: str = "",
                    today: date | None = None, user: str = "") -> Case:
    """Apply one of the status ACTIONS (受理, 调解成功, 调解终止, 不予受理) to a stored case."""
    permissions.require_stored_case(db, Action.EDIT_CASE, rowid)
    repo = CaseRepository(db)
    with db.atomic():
        case = repo.get(rowid)
        changed = apply_transition(case, CaseStatus(target), on=on,
                                   agreement_form=agreement_form, reason=reason,
                                   today=today or date.today())
        changed = _same_agreement_form(changed)
        return _write_status(db, case, changed, ACTIONS[CaseStatus(target)], user)


def reopen_case(db: Database, rowid: int, *, today: date | None = None,
                user: str = "") -> Case:
    """重新打开: a 调解成功 / 调解终止 case goes back to 调解中 so that a mistaken
    closing can be corrected; the closing date, agreement form, performance and
    judicial confirmation are cleared, the agreement record is kept (audited)."""
    permissions.require_stored_case(db, Action.EDIT_CASE, rowid)
    repo = CaseRepository(db)
    with db.atomic():
        case = repo.get(rowid)
        changed = reopened_case(case, today=today or date.today())
        return _write_status(db, case, changed, REOPEN_ACTION, user)


def _same_agreement_form(case: Case) -> Case:
    """A stored agreement record takes the form (书面/口头) chosen on 调解成功, so a
    corrected choice (after reopening) reaches the documents too."""
    agreement, form = case.agreement, case.agreement_form
    if agreement is None or form is None or agreement.form == form:
        return case
    return dataclasses.replace(case, agreement=dataclasses.replace(agreement, form=form))


def _write_status(db: Database, case: Case, changed: Case, action: str, user: str) -> Case:
    """Store a status change of ``case`` (inside the caller's transaction) and audit it:
    the action with the old and new status, then every other column that changed."""
    assert case.id is not None
    repo = CaseRepository(db)
    changed = dataclasses.replace(changed, updated_at=now_iso())
    old = repo.stored_columns(case.id)
    repo.update(case.id, changed, _location(db, changed),
                parts=changed.agreement != case.agreement)
    audit = AuditRepository(db, user or None)
    audit.record(ENTITY, case.case_id, action, "status", case.status.value,
                 changed.status.value)
    new = repo.stored_columns(case.id)
    new.pop("status", None)
    audit.record_diff(ENTITY, case.case_id, _comparable(old), _comparable(new))
    return repo.get(case.id)


def delete_case(db: Database, rowid: int, *, user: str = "") -> Changes:
    """Tombstone a case (deleted = 1): it disappears from lists and statistics but its
    number stays taken and the deletion travels with exports."""
    permissions.require_stored_case(db, Action.EDIT_CASE, rowid)
    repo = CaseRepository(db)
    with db.atomic():
        case = repo.get(rowid, with_parts=False)
        repo.mark_deleted(rowid)
        AuditRepository(db, user or None).record(ENTITY, case.case_id, "delete")
    return Changes(case_rowids=(rowid,))


def likely_duplicates(db: Database, case: Case) -> list[int]:
    """Live cases that may be this dispute entered twice: a party with the same ID
    number, or the same party names registered within 30 days."""
    parties = case.parties
    by_id = duplicates_repo.same_id_number(db, [p.id_number for p in parties], case.id)
    by_name = duplicates_repo.same_party_names(
        db, [p.name for p in parties], case.received_on, exclude_rowid=case.id)
    return sorted(set(by_id) | set(by_name))


def duplicate_case_nos(db: Database, case: Case) -> list[str]:
    """Case numbers of ``likely_duplicates`` (for a warning before saving)."""
    repo = CaseRepository(db)
    return [repo.get(r, with_parts=False).case_no or f"#{r}" for r in likely_duplicates(db, case)]


__all__ = [
    "ACTIONS", "REOPEN_ACTION", "Changes", "case_no_template_problem", "changes_for",
    "check_case", "delete_case", "duplicate_case_nos", "likely_duplicates", "next_case_no",
    "reopen_case", "save_case", "transition_case",
]
