"""Use cases for the organisation: units (district › street › village/community ›
grid), committees, mediators and grid workers.

Nothing that cases (or other rows) point to can be deleted: ``delete_*`` refuses with
``Problem(…, "in_use")``; deactivating is the normal way to retire an entry."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.enums import OrgLevel
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.model import Committee, OrgUnit, Person
from mediator_app.services import permissions
from mediator_app.services.changes import Changes
from mediator_app.storage import lookup_repo
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.org_repo import OrgRepository


@dataclass(frozen=True)
class OrgChanges:
    """What changed: the kind ("unit" | "committee" | "person") and its key."""

    kind: str
    key: str

    @property
    def changes(self) -> Changes:
        return Changes(org=True)


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DomainError(problems)


def _required(obj: object, *names: str) -> list[Problem]:
    return [Problem(n, "required") for n in names if not str(getattr(obj, n) or "").strip()]


def _as_dict(obj: object | None) -> dict[str, object]:
    if obj is None:
        return {}
    return {k: (v.value if hasattr(v, "value") else v)
            for k, v in dataclasses.asdict(obj).items()}  # type: ignore[call-overload]


def _audit(db: Database, kind: str, key: str, old: object | None, new: object,
           user: str) -> None:
    audit = AuditRepository(db, user or None)
    if old is None:
        audit.record(kind, key, "create")
    else:
        audit.record_diff(kind, key, _as_dict(old), _as_dict(new))


# ---- units -----------------------------------------------------------------------------


def _parent_problems(org: OrgRepository, unit: OrgUnit) -> list[Problem]:
    if not unit.parent_code:
        if unit.level.rank != 0:
            return [Problem("parent_code", "required")]
        return []
    if unit.parent_code == unit.code:
        return [Problem("parent_code", "org.level_order",
                        {"level": unit.level.value, "parent_level": unit.level.value})]
    parent = org.unit(unit.parent_code)
    if parent is None:
        return [Problem("parent_code", "org.parent_missing",
                        {"parent_code": unit.parent_code, "value": unit.parent_code})]
    if parent.level.rank + 1 != unit.level.rank:
        return [Problem("level", "org.level_order",
                        {"level": unit.level.value, "parent_level": parent.level.value})]
    return []


def _children_problems(org: OrgRepository, unit: OrgUnit) -> list[Problem]:
    return [
        Problem("level", "org.level_order",
                {"level": child.level.value, "parent_level": unit.level.value})
        for child in org.children(unit.code)
        if child.level.rank != unit.level.rank + 1
    ][:1]


def unit_problems(db: Database, unit: OrgUnit) -> list[Problem]:
    org = OrgRepository(db)
    return (_required(unit, "code", "name") + _parent_problems(org, unit)
            + _children_problems(org, unit))


def save_unit(db: Database, unit: OrgUnit, *, user: str = "") -> OrgChanges:
    """Create or edit a unit: a child is exactly one level below its parent (a grid
    belongs to a village/community); the closure table is rebuilt."""
    permissions.require(db, Action.ORGANISATION)  # issue 9
    unit = dataclasses.replace(unit, code=unit.code.strip(), name=unit.name.strip(),
                               parent_code=(unit.parent_code or "").strip() or None)
    org = OrgRepository(db)
    with db.atomic():
        _raise_if(unit_problems(db, unit))
        old = org.unit(unit.code)
        org.upsert_unit(unit)
        org.rebuild_closure()
        _audit(db, "org_unit", unit.code, old, unit, user)
    return OrgChanges("unit", unit.code)


# ---- committees ------------------------------------------------------------------------


def committee_problems(db: Database, c: Committee) -> list[Problem]:
    problems = _required(c, "code", "name", "short_name", "org_code")
    if c.org_code and OrgRepository(db).unit(c.org_code) is None:
        problems.append(Problem("org_code", "unknown_code",
                                {"value": c.org_code, "table": "org_unit"}))
    return problems


def save_committee(db: Database, c: Committee, *, user: str = "") -> OrgChanges:
    permissions.require(db, Action.ORGANISATION)  # issue 9
    c = dataclasses.replace(c, code=c.code.strip(), name=c.name.strip(),
                            short_name=c.short_name.strip(), org_code=c.org_code.strip())
    org = OrgRepository(db)
    with db.atomic():
        _raise_if(committee_problems(db, c))
        old = org.committee(c.code)
        org.upsert_committee(c)
        _audit(db, "committee", c.code, old, c, user)
    return OrgChanges("committee", c.code)


# ---- people ----------------------------------------------------------------------------


def person_problems(db: Database, p: Person) -> list[Problem]:
    """A mediator needs a committee; a grid worker needs a grid (a unit of level 网格)."""
    org = OrgRepository(db)
    problems = _required(p, "name")
    if p.role.is_mediator:
        if not p.committee_code:
            problems.append(Problem("committee_code", "required"))
        elif org.committee(p.committee_code) is None:
            problems.append(Problem("committee_code", "unknown_code",
                                    {"value": p.committee_code, "table": "committee"}))
    if p.role.is_grid_worker:
        grid = org.unit(p.grid_code) if p.grid_code else None
        if not p.grid_code:
            problems.append(Problem("grid_code", "required"))
        elif grid is None or grid.level != OrgLevel.GRID:
            problems.append(Problem("grid_code", "unknown_code",
                                    {"value": p.grid_code, "table": "grid"}))
    return problems


def save_person(db: Database, p: Person, *, user: str = "") -> OrgChanges:
    """Create (``p.id`` None) or edit a mediator / grid worker; the change's ``key`` is
    the person's id.

    A person who is only a mediator keeps no grid and vice versa."""
    permissions.require(db, Action.ORGANISATION)  # issue 9
    p = dataclasses.replace(
        p, name=p.name.strip(), phone=p.phone.strip(),
        committee_code=(p.committee_code or None) if p.role.is_mediator else None,
        grid_code=(p.grid_code or None) if p.role.is_grid_worker else None)
    org = OrgRepository(db)
    with db.atomic():
        _raise_if(person_problems(db, p))
        old = org.person(p.id) if p.id is not None else None
        if p.id is None:
            pid = _insert_person(org, p)
        else:
            pid = org.upsert_person(p)
        _audit(db, "person", str(pid), old, dataclasses.replace(p, id=pid), user)
    return OrgChanges("person", str(pid))


def _insert_person(org: OrgRepository, p: Person) -> int:
    """A new person, even if one with the same name and phone exists (upsert_person
    would otherwise merge them)."""
    existing = org.find_person(p.name, p.phone, p.committee_code, p.grid_code)
    if existing is not None:
        raise DomainError(Problem("name", "duplicate", {"value": p.name}))
    return org.upsert_person(p)


# ---- activation and deletion ----------------------------------------------------------

_FIELD = {"unit": "org_unit", "committee": "committee", "person": "person"}


def set_active(db: Database, kind: str, key: str | int, active: bool, *,
               user: str = "") -> OrgChanges:
    """Deactivate (or reactivate) a unit, committee or person."""
    permissions.require(db, Action.ORGANISATION)  # issue 9
    org = OrgRepository(db)
    field_name = _FIELD[kind]  # KeyError for an unknown kind, before anything is written
    key = int(key) if kind == "person" else str(key)
    with db.atomic():
        if not _exists(org, kind, key):
            raise DomainError(Problem(field_name, "unknown_code", {"value": key}))
        _set_active(org, kind, key, active)
        AuditRepository(db, user or None).record(
            _FIELD[kind], str(key), "activate" if active else "deactivate")
    return OrgChanges(kind, str(key))


def _set_active(org: OrgRepository, kind: str, key: str | int, active: bool) -> None:
    if kind == "unit":
        org.set_unit_active(str(key), active)
    elif kind == "committee":
        org.set_committee_active(str(key), active)
    else:
        org.set_person_active(int(key), active)


def _exists(org: OrgRepository, kind: str, key: str | int) -> bool:
    if kind == "unit":
        return org.unit(str(key)) is not None
    if kind == "committee":
        return org.committee(str(key)) is not None
    return org.person(int(key)) is not None


def delete(db: Database, kind: str, key: str | int, *, user: str = "") -> OrgChanges:
    """Delete an entry nothing points to; refuses with ``in_use`` otherwise."""
    permissions.require(db, Action.ORGANISATION)  # issue 9
    org = OrgRepository(db)
    key = int(key) if kind == "person" else str(key)
    with db.atomic():
        if not _exists(org, kind, key):
            raise DomainError(Problem(_FIELD[kind], "unknown_code", {"value": key}))
        in_use = org.is_referenced(kind, str(key)) or lookup_repo.dependents(db, kind, key)
        if in_use:
            raise DomainError(Problem(_FIELD[kind], "in_use", {"value": key}))
        lookup_repo.delete_org_row(db, kind, key)
        if kind == "unit":
            org.rebuild_closure()
        AuditRepository(db, user or None).record(_FIELD[kind], str(key), "delete")
    return OrgChanges(kind, str(key))
