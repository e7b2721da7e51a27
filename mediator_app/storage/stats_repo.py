"""Aggregates behind the statistics sheets: one pass over the cases of a scope.

Speed (a district year of 1,000,000 cases): SQLite has no hash aggregation and every
``SUM(CASE …)`` column costs a function call per row, so forty such columns cost
seconds. The query keeps seven sums and condenses the rest into two short codes per
case, each with few distinct values: the *class* (status, plus one bit per yes/no fact:
closed / accepted / judicially confirmed after as-of, written or oral agreement,
confirmed, performed, ≥3 parties, mass dispute, the four prevention results) and the
*kind* (dispute type + source). ``group_concat`` collects both codes per location and
Python counts them (``collections.Counter``, in C) and decodes each distinct code once.
Keeping type and source out of the class keeps the number of distinct codes small.

One row per location comes back and nothing is sorted: the partial covering index
``idx_cases_stats`` (migration ``m0010_create_stats_indexes``) is ordered by
``(org_code, received_on)``, so each location of the scope is one range seek and the
rows arrive grouped. What the status *was* on the as-of date is a domain rule applied by
the service; the query only reports whether a date lies after as-of.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from sqlite_utils import Database


_SEP = "\x1f"  # char(31), inside one code
_LIST_SEP = "\x1e"  # char(30), between the codes of group_concat

# One bit per yes/no fact, in the order of CaseClass's booleans.
_BITS = (
    "(closed_on > :as_of) IS 1",
    "(accepted_on > :as_of) IS 1",
    "(judicial_confirmed_on > :as_of) IS 1",
    "agreement_form IS '书面'",
    "agreement_form IS '口头'",
    "judicial_confirmed <> 0",
    "performance IS '已履行'",
    "party_count >= 3",
    "mass_dispute <> 0",
    "prevent_criminal > 0",
    "prevent_petition > 0",
    "prevent_fight > 0",
    "prevent_suicide > 0",
)
_CLASS_SQL = "status || char(31) || (" + " + ".join(
    f"({sql}) * {1 << bit}" for bit, sql in enumerate(_BITS)) + ")"
_COLUMNS = (
    "count(*), sum(amount_fen), sum(people_involved), sum(prevent_criminal), "
    "sum(prevent_petition), sum(prevent_fight), sum(prevent_suicide), "
    f"group_concat({_CLASS_SQL}, char(30)), "
    "group_concat(dispute_type || char(31) || source, char(30))"
)
_IN_SCOPE = {
    "org": "org_code IN (SELECT descendant FROM org_closure WHERE ancestor = :scope)",
    "committee": "committee_code = :scope",
}


class CaseClass(NamedTuple):
    """Everything countable about a case except its type and source."""

    status: str  # as stored (today's status)
    closed_after: bool  # closed_on > as_of
    accepted_after: bool  # accepted_on > as_of
    judicial_after: bool  # judicial_confirmed_on > as_of
    written: bool
    oral: bool
    judicial: bool  # judicially confirmed (at some date, see judicial_after)
    performed: bool
    multi_party: bool  # party_count >= 3
    mass: bool
    prevent_criminal: bool
    prevent_petition: bool
    prevent_fight: bool
    prevent_suicide: bool


@dataclass
class LocationAggregate:
    """The cases registered in the period at one location (``org_code``)."""

    org_code: str
    cases: int = 0
    amount_fen: int = 0
    people_involved: int = 0
    prevent_persons: dict[str, int] = field(default_factory=dict)  # column -> persons
    classes: Counter[CaseClass] = field(default_factory=Counter)
    kinds: Counter[tuple[str, str]] = field(default_factory=Counter)  # (type, source)


@dataclass(frozen=True)
class UnitInfo:
    code: str
    name: str
    level: str
    active: bool


def _counts(text: str | None) -> Counter[str]:
    return Counter(text.split(_LIST_SEP)) if text else Counter()


@lru_cache(maxsize=8192)
def _case_class(code: str) -> CaseClass:
    status, bits = code.split(_SEP)
    n = int(bits)
    return CaseClass(status, *(bool(n >> i & 1) for i in range(len(_BITS))))


@lru_cache(maxsize=8192)
def _kind(code: str) -> tuple[str, str]:
    dispute_type, source = code.split(_SEP)
    return dispute_type, source


def _aggregate(row: tuple[Any, ...]) -> LocationAggregate:
    org_code, cases, amount, people, crim, peti, fight, suic, classes, kinds = row
    return LocationAggregate(
        org_code=org_code, cases=cases, amount_fen=amount, people_involved=people,
        prevent_persons={"prevent_criminal": crim, "prevent_petition": peti,
                         "prevent_fight": fight, "prevent_suicide": suic},
        classes=Counter({_case_class(c): n for c, n in _counts(classes).items()}),
        kinds=Counter({_kind(c): n for c, n in _counts(kinds).items()}),
    )


class StatsRepository:
    def __init__(self, db: Database):
        self.db = db

    # ---- the two aggregate queries ---------------------------------------------------
    def registered(self, scope_kind: str, scope: str, first: date, last: date,
                   as_of: date) -> list[LocationAggregate]:
        """Cases registered (``received_on``) in ``first..last`` per location, not
        deleted, within an org unit's subtree (``scope_kind`` "org") or a committee."""
        sql = (
            f"SELECT org_code, {_COLUMNS} FROM cases "
            f"WHERE {_IN_SCOPE[scope_kind]} AND received_on BETWEEN :first AND :last "
            "AND deleted = 0 GROUP BY org_code"
        )
        params = {"scope": scope, "first": first.isoformat(), "last": last.isoformat(),
                  "as_of": as_of.isoformat()}
        return [_aggregate(r) for r in self.db.execute(sql, params).fetchall()]

    def accepted(self, scope_kind: str, scope: str, first: date, last: date) -> dict[str, int]:
        """Cases accepted (``accepted_on``) in ``first..last`` per location."""
        sql = (
            f"SELECT org_code, count(*) FROM cases WHERE {_IN_SCOPE[scope_kind]} "
            "AND accepted_on BETWEEN :first AND :last AND deleted = 0 GROUP BY org_code"
        )
        params = {"scope": scope, "first": first.isoformat(), "last": last.isoformat()}
        return dict(self.db.execute(sql, params).fetchall())

    def explain_registered(self, scope_kind: str = "org") -> list[str]:
        """The query plan of ``registered`` (tests check the covering index is used)."""
        sql = (
            f"EXPLAIN QUERY PLAN SELECT org_code, {_COLUMNS} FROM cases "
            f"WHERE {_IN_SCOPE[scope_kind]} "
            "AND received_on BETWEEN :first AND :last AND deleted = 0 GROUP BY org_code"
        )
        params = {"scope": "", "first": "", "last": "", "as_of": ""}
        return [r[3] for r in self.db.execute(sql, params).fetchall()]

    # ---- the tree and the code tables ------------------------------------------------
    def unit(self, code: str) -> UnitInfo | None:
        row = self.db.execute(
            "SELECT code, name, level, active FROM org_units WHERE code = ?", [code]
        ).fetchone()
        return UnitInfo(row[0], row[1], row[2], bool(row[3])) if row else None

    def committee(self, code: str) -> UnitInfo | None:
        row = self.db.execute(
            "SELECT code, name, active FROM committees WHERE code = ?", [code]
        ).fetchone()
        return UnitInfo(row[0], row[1], "调委会", bool(row[2])) if row else None

    def roots(self) -> list[UnitInfo]:
        rows = self.db.execute(
            "SELECT code, name, level, active FROM org_units WHERE parent_code IS NULL "
            "ORDER BY sort_order, code"
        ).fetchall()
        return [UnitInfo(r[0], r[1], r[2], bool(r[3])) for r in rows]

    def children(self, code: str) -> list[UnitInfo]:
        rows = self.db.execute(
            "SELECT code, name, level, active FROM org_units WHERE parent_code = ? "
            "ORDER BY sort_order, code", [code]
        ).fetchall()
        return [UnitInfo(r[0], r[1], r[2], bool(r[3])) for r in rows]

    def child_of_descendants(self, code: str) -> dict[str, str]:
        """descendant code -> the child of ``code`` it lies under (the child itself too)."""
        rows = self.db.execute(
            "SELECT c2.descendant, c1.descendant FROM org_closure c1 "
            "JOIN org_closure c2 ON c2.ancestor = c1.descendant "
            "WHERE c1.ancestor = ? AND c1.depth = 1", [code]
        ).fetchall()
        return dict(rows)

    def code_items(self, kind: str) -> list[tuple[str, str, str, bool]]:
        """(code, label, group_label, active) of a code table in display order."""
        rows = self.db.execute(
            "SELECT code, label, group_label, active FROM code_items WHERE kind = ? "
            "ORDER BY sort_order, code", [kind]
        ).fetchall()
        return [(r[0], r[1], r[2], bool(r[3])) for r in rows]
