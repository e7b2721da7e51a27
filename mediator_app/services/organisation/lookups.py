"""Small reads of the screens that are not lists of cases: the pickers of the case form
and the reports window, the organisation and code-table screens, the settings, one
stored case, the cases behind a figure of a statistics sheet (issue 11: the screens
reach data only through services; the SQL stays in ``storage/``).

Who may read what: a stored case (``Action.VIEW_CASES`` on its place, parties masked
unless the role sees personal data) and a figure's cases (``Action.REPORT`` on the
scope) are checked here (``services.permissions``); pickers, names and the organisation
are what every screen needs to show anything and are not restricted.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.model import Case, CodeItem, Committee, OrgUnit, Person
from mediator_app.services import permissions
from mediator_app.storage import drilldown_repo, lookup_repo
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.code_repo import CodeRepository
from mediator_app.storage.drilldown_repo import CaseLine
from mediator_app.storage.lookup_repo import Choice
from mediator_app.storage.org_repo import OrgRepository
from mediator_app.storage.settings_repo import SettingsRepository

__all__ = ["CaseLine", "Choice"]


# ---- pickers ---------------------------------------------------------------------------
def code_items(db: Database, kind: str, *, include_inactive: bool = False) -> list[CodeItem]:
    """Entries of a code table in display order (``CodeItem.active`` tells retired ones)."""
    return lookup_repo.code_items(db, kind, include_inactive=include_inactive)


def code_use_counts(db: Database, kind: str) -> dict[str, int]:
    """How many cases use each code of a code table (the code-table screen)."""
    return CodeRepository(db).use_counts(kind)


def committee_choices(db: Database, *, include_inactive: bool = False) -> list[Choice]:
    return lookup_repo.committee_choices(db, include_inactive=include_inactive)


def grid_choices(db: Database, *, include_inactive: bool = False,
                 under: str | None = None) -> list[Choice]:
    return lookup_repo.grid_choices(db, include_inactive=include_inactive, under=under)


def committee_grid_area(db: Database, committee_code: str | None) -> str | None:
    """The org unit whose grids a committee's cases are located in (None: every grid)."""
    return lookup_repo.committee_grid_area(db, committee_code)


def mediator_choices(db: Database, committee_code: str | None) -> list[Choice]:
    return lookup_repo.mediator_choices(db, committee_code)


def person_names(db: Database, ids: list[int]) -> dict[int, str]:
    return lookup_repo.person_names(db, ids)


def case_no_of(db: Database, case_rowid: int) -> str:
    """The case number of a stored case ("" if none or no such case)."""
    return lookup_repo.case_no_of(db, case_rowid)


# ---- the organisation ------------------------------------------------------------------
def org_units(db: Database, *, include_inactive: bool = True) -> list[OrgUnit]:
    return OrgRepository(db).units(include_inactive=include_inactive)


def org_unit(db: Database, code: str) -> OrgUnit | None:
    return OrgRepository(db).unit(code)


def committees(db: Database) -> list[Committee]:
    return OrgRepository(db).committees()


def committee(db: Database, code: str) -> Committee | None:
    return OrgRepository(db).committee(code)


def people(db: Database, *, committee_code: str | None = None,
           grid_code: str | None = None) -> list[Person]:
    return OrgRepository(db).people(committee_code=committee_code, grid_code=grid_code)


# ---- settings and stored cases ---------------------------------------------------------
def setting(db: Database, key: str) -> str:
    """One database-wide setting ("" when unset)."""
    return SettingsRepository(db).get(key) or ""


def all_settings(db: Database) -> dict[str, str]:
    """Every database-wide setting, defaults filled in."""
    return SettingsRepository(db).all()


def stored_case(db: Database, rowid: int) -> Case:
    """The case as stored, parties in full: for the case form's own bookkeeping (what
    changed since, the status and its dates). Show it through ``case_as_seen``."""
    permissions.require_stored_case(db, Action.VIEW_CASES, rowid)
    return CaseRepository(db).get(rowid)


def case_as_seen(db: Database, rowid: int) -> Case:
    """The case as this user may see it (parties masked without the right to personal
    data, names too for 查看: ``permissions.masked_case``)."""
    return permissions.masked_case(db, stored_case(db, rowid))


# ---- the cases behind a figure of a statistics sheet -----------------------------------
def cases_behind(db: Database, scope_kind: str, scope: str, first: date, last: date,
                 as_of: date, figure: str, *, limit: int) -> tuple[int, list[CaseLine]]:
    """(how many cases lie behind ``figure``, the first ``limit`` of them); a report of
    ``scope``, so within the user's role and scope."""
    permissions.scope_for(db, Action.REPORT, scope)
    args = (db, scope_kind, scope, first, last, as_of, figure)
    return drilldown_repo.count_behind(*args), drilldown_repo.cases_behind(*args,
                                                                           limit=limit)
