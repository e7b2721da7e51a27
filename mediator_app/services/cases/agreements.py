"""Less typing for agreements and follow-ups: the next 协议编号 of a committee and
year from the ``agreement_no_template`` setting (like case numbers), and the date a
follow-up visit is due."""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database

from mediator_app.domain.casenumber import format_case_no, next_serial, parse_serial
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.org_repo import OrgRepository
from mediator_app.storage.settings_repo import SettingsRepository

TEMPLATE_KEY = "agreement_no_template"
DEFAULT_FOLLOWUP_DAYS = 30


def next_agreement_no(db: Database, committee_code: str, year: int,
                      taken: set[str] | None = None) -> str:
    """The next free agreement number of ``committee_code`` in ``year``: one more than
    the highest serial made from the template that year (numbers typed otherwise are
    ignored), skipping ``taken`` (e.g. the number already on the form)."""
    committee = OrgRepository(db).committee(committee_code)
    if committee is None:
        raise DomainError(Problem("committee_code", "unknown_code",
                                  {"value": committee_code, "table": "committee"}))
    template = SettingsRepository(db).get(TEMPLATE_KEY)
    used = set(CaseRepository(db).agreement_nos(committee_code, year)) | (taken or set())
    serials = (parse_serial(template, no, year=year, short_name=committee.short_name,
                            committee_code=committee_code) for no in used)
    serial = next_serial(s for s in serials if s is not None)
    while True:
        number = format_case_no(template, year=year, short_name=committee.short_name,
                                serial=serial, committee_code=committee_code)
        if number not in used:
            return number
        serial += 1


def followup_days(db: Database) -> int:
    """The ``followup_days`` setting (days after closing a follow-up is due)."""
    try:
        days = int(SettingsRepository(db).get("followup_days") or DEFAULT_FOLLOWUP_DAYS)
    except ValueError:
        return DEFAULT_FOLLOWUP_DAYS
    return days if days > 0 else DEFAULT_FOLLOWUP_DAYS


def followup_due_on(closed_on: date | None, days: int, today: date) -> date:
    """When a follow-up visit of a case is due: ``days`` after closing (as the dashboard
    counts it); today for a case not closed yet."""
    return closed_on + timedelta(days=days) if closed_on is not None else today
