"""The entries of the case form's pickers: committees, the grids of a committee's area,
code tables and a committee's mediators (read on ``ctx.read_db`` through
``services.organisation.lookups``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from mediator_app.services.organisation import lookups

Entry = tuple[str, str]  # key, label


@dataclass(frozen=True)
class Offer:
    """A picker's entries: ``offered`` to choose from; ``retired`` (inactive) and
    ``others`` (e.g. a grid outside the committee's area) listed only while they are
    the value of the record shown."""

    offered: list[Entry]
    retired: list[Entry]
    others: list[Entry]


def committee_offer(db: Database) -> list[Entry]:
    return [(c.key, c.label) for c in lookups.committee_choices(db)]


def code_offer(db: Database, kind: str) -> Offer:
    """A code table's active items; its inactive ones only for a case that has one."""
    items = lookups.code_items(db, kind, include_inactive=True)
    return Offer([(i.code, i.label) for i in items if i.active],
                 [(i.code, i.label) for i in items if not i.active], [])


def grid_offer(db: Database, committee_code: str | None) -> Offer:
    """The grids of the committee's area (all grids for district-level, professional and
    enterprise committees, or when none is chosen). A grid outside it (or inactive) is
    listed only while it is the case's grid."""
    every = lookups.grid_choices(db, include_inactive=True)
    area = lookups.committee_grid_area(db, committee_code)
    inside = {c.key for c in lookups.grid_choices(db, under=area)} if area else set()
    offered = [c for c in every if c.active and (not inside or c.key in inside)]
    keys = {c.key for c in offered}
    return Offer([(c.key, c.label) for c in offered],
                 [(c.key, c.label) for c in every if not c.active],
                 [(c.key, c.label) for c in every if c.active and c.key not in keys])


def mediator_offer(db: Database, committee_code: str | None,
                   checked: list[int]) -> list[tuple[int, str]]:
    """The committee's mediators, then those ``checked`` from elsewhere (by name)."""
    choices = [(int(c.key), c.label) for c in lookups.mediator_choices(db, committee_code)]
    known = {c[0] for c in choices}
    missing = [pid for pid in checked if pid not in known]
    names = lookups.person_names(db, missing)
    return choices + [(pid, names.get(pid, f"#{pid}")) for pid in missing]
