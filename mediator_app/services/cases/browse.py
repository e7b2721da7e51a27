"""What the main window reads to show cases: the case list (its id list, the rows of the
visible page, the status-bar counts), the navigation tree, the filter choices and the
labels a row is shown with (issue 11: the screens reach data only through services).

The rules of what is asked for live in ``domain/case_filter.py``, the SQL in
``storage/case_query.py``. Every read of cases checks ``Action.VIEW_CASES`` and stays
within the logged-in user's scope (``services.permissions``; the storage layer adds the
scope to every list query of a bound connection). Rows come back as the list may show
them: ID numbers and phones always masked, party names masked for 查看 (issue 9).

``fetch_rows`` is fast enough for the UI thread (a page of rows by primary key through
the read-only connection); the id lists and counts grow with the ledger and run on the
DB worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.case_filter import DEFAULT_SORT, CaseFilter, CaseRow, ViewCounts
from mediator_app.domain.idnumber import mask_id_number, mask_phone
from mediator_app.services import permissions
from mediator_app.storage import case_query as cq


def case_ids(db: Database, f: CaseFilter, *, sort: str = DEFAULT_SORT,
             descending: bool = True, limit: int | None = None) -> list[int]:
    """The ids of the cases in view, in display order (optionally only the first ones)."""
    permissions.require(db, Action.VIEW_CASES)
    return cq.case_ids(db, f, sort=sort, descending=descending, limit=limit)


def view_counts(db: Database, f: CaseFilter) -> ViewCounts:
    """Total, in mediation, resolved and overdue cases of the view."""
    permissions.require(db, Action.VIEW_CASES)
    return cq.view_counts(db, f)


def _as_listed(row: CaseRow, names_visible: bool) -> CaseRow:
    # fields 8-10 are party_names, id_number, phone (a page of rows on the UI thread:
    # a new tuple by slicing, not the slower ``_replace``)
    names = row.party_names if names_visible else permissions.mask_names(row.party_names)
    return CaseRow(*row[:8], names, mask_id_number(row.id_number) if row.id_number else "",
                   mask_phone(row.phone) if row.phone else "", *row[11:])


def fetch_rows(db: Database, ids: Sequence[int]) -> dict[int, CaseRow]:
    """The rows of ``ids`` as the list shows them (missing ids are absent): the visible
    page, or a chunk of an export of the view."""
    permissions.require(db, Action.VIEW_CASES)
    names = permissions.sees_party_names(db)
    return {i: _as_listed(r, names) for i, r in cq.fetch_rows(db, ids).items()}


@dataclass(frozen=True)
class Lookups:
    """Code-table labels and unit / committee names a row is shown with (small tables,
    loaded at once)."""

    types: dict[str, str]
    sources: dict[str, str]
    committees: dict[str, str]
    units: dict[str, str]


def lookups(db: Database) -> Lookups:
    return Lookups(types=dict(cq.code_labels(db, "dispute_type")),
                   sources=dict(cq.code_labels(db, "source")),
                   committees=cq.names(db, "committees"), units=cq.names(db, "org_units"))


def code_labels(db: Database, kind: str) -> list[tuple[str, str]]:
    """(code, label) of a code table ('dispute_type', 'source') in display order."""
    return cq.code_labels(db, kind)


def org_nodes(db: Database) -> list[tuple[str, str, str, str | None]]:
    """(code, name, level, parent_code) of active units in display order."""
    return cq.org_nodes(db)


def committee_nodes(db: Database) -> list[tuple[str, str, str, str]]:
    """(code, name, kind, org_code) of active committees."""
    return cq.committee_nodes(db)


def has_org_tree(db: Database) -> bool:
    """Whether any top-level org unit exists (a new ledger has none yet)."""
    return cq.has_org_tree(db)


def new_case_defaults(db: Database, org_code: str) -> dict[str, str]:
    """Committee / grid to suggest for a new case entered under an org unit."""
    return cq.new_case_defaults(db, org_code)
