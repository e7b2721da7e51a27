"""The cases behind one figure of a statistics sheet (drill-down from the reports window).

The conditions mirror the definitions of ``services.statistics.report`` (docs/statistics.md):
``disputes`` are the cases registered (``received_on``) in ``first..last``; ``accepted``
the cases accepted in ``first..last``; every other figure describes the disputes, with
the status each had *on the as-of date* (``STATUS_AS_OF`` is the SQL form of
``statistics.status_as_of``: a case closed after as-of was still being mediated then, or
still waiting when it had not been accepted either). Tests compare every figure's case
count with ``build_report`` so the two cannot drift apart.

Scopes: ``org`` = every case located beneath the unit (``org_closure``), ``direct`` =
the cases located at the unit itself (the 直属 row), ``committee`` = a committee's cases.
Figure keys: see ``FIGURES``, plus ``type:<dispute type code>``, ``source:<source
group>`` (主动调解 / 申请调解 / 接受委托移送 / 其他) and ``prevention:<防止…>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from mediator_app.domain.enums import PREVENTION_COLUMNS, Prevention

OTHER_SOURCE_GROUP = "其他"
SCOPES = {
    "org": "c.org_code IN (SELECT descendant FROM org_closure WHERE ancestor = :scope)",
    "direct": "c.org_code = :scope",
    "committee": "c.committee_code = :scope",
}
STATUS_AS_OF = (
    "CASE WHEN c.status IN ('调解成功','调解终止','不予受理') "
    "AND NOT (c.closed_on IS NOT NULL AND c.closed_on > :as_of) THEN c.status "
    "WHEN c.status = '待受理' OR (c.accepted_on IS NOT NULL AND c.accepted_on > :as_of) "
    "THEN '待受理' WHEN c.status = '不予受理' THEN '待受理' ELSE '调解中' END"
)
_RESOLVED = f"({STATUS_AS_OF}) = '调解成功'"
# figure key -> extra condition on the disputes (None: the accepted cases instead)
FIGURES: dict[str, str | None] = {
    "disputes": "1",
    "accepted": None,
    "pending": f"({STATUS_AS_OF}) = '待受理'",
    "in_progress": f"({STATUS_AS_OF}) = '调解中'",
    "resolved": _RESOLVED,
    "terminated": f"({STATUS_AS_OF}) = '调解终止'",
    "rejected": f"({STATUS_AS_OF}) = '不予受理'",
    "written": f"{_RESOLVED} AND c.agreement_form IS '书面'",
    "oral": f"{_RESOLVED} AND c.agreement_form IS '口头'",
    "judicially_confirmed": f"{_RESOLVED} AND c.judicial_confirmed <> 0 AND "
                            "(c.judicial_confirmed_on IS NULL "
                            "OR c.judicial_confirmed_on <= :as_of)",
    "performed": f"{_RESOLVED} AND c.performance IS '已履行'",
    "multi_party": "c.party_count >= 3",
    "mass_disputes": "c.mass_dispute <> 0",
    "amount": "c.amount_fen <> 0",
    "people_involved": "c.people_involved <> 0",
}
_SOURCES_OF_GROUP = "SELECT code FROM code_items WHERE kind = 'source' AND group_label = :arg"
_GROUPED_SOURCES = "SELECT code FROM code_items WHERE kind = 'source' AND group_label <> ''"
_LINE_COLUMNS = (
    "c.id, c.case_no, c.received_on, c.accepted_on, c.closed_on, c.committee_code, "
    "coalesce(m.name, c.committee_code), coalesce(t.label, c.dispute_type), c.status, "
    f"({STATUS_AS_OF}), c.amount_fen, c.people_involved"
)
_LINE_JOINS = (
    "LEFT JOIN committees m ON m.code = c.committee_code "
    "LEFT JOIN code_items t ON t.kind = 'dispute_type' AND t.code = c.dispute_type"
)


class UnknownFigure(ValueError):
    """A figure key or scope kind this module cannot list cases for."""


@dataclass(frozen=True)
class CaseLine:
    """One case listed behind a figure."""

    rowid: int
    case_no: str
    received_on: str
    accepted_on: str | None
    closed_on: str | None
    committee_code: str
    committee_name: str
    dispute_type: str  # the code table's label (the code when it has none)
    status: str  # the status now
    status_as_of: str  # the status on the as-of date (what the sheet counted)
    amount_fen: int
    people_involved: int


def figure_condition(figure: str) -> tuple[str, str | None, bool]:
    """(SQL condition, bound ``:arg`` or None, True when it counts accepted cases)."""
    if figure in FIGURES:
        condition = FIGURES[figure]
        return (condition or "1"), None, condition is None
    head, _, arg = figure.partition(":")
    if head == "type" and arg:
        return "c.dispute_type = :arg", arg, False
    if head == "prevention" and arg in PREVENTION_COLUMNS:
        return f"c.{PREVENTION_COLUMNS[Prevention(arg)]} > 0", None, False
    if head == "source" and arg:
        grouped = f"c.source IN ({_SOURCES_OF_GROUP})"
        if arg == OTHER_SOURCE_GROUP:
            grouped = f"({grouped} OR c.source NOT IN ({_GROUPED_SOURCES}))"
        return grouped, arg, False
    raise UnknownFigure(figure)


def _where(scope_kind: str, figure: str) -> tuple[str, str | None]:
    if scope_kind not in SCOPES:
        raise UnknownFigure(scope_kind)
    condition, arg, by_acceptance = figure_condition(figure)
    day = "c.accepted_on" if by_acceptance else "c.received_on"
    where = (f"{SCOPES[scope_kind]} AND {day} BETWEEN :first AND :last "
             f"AND c.deleted = 0 AND {condition}")
    return where, arg


def _params(scope: str, first: date, last: date, as_of: date,
            arg: str | None) -> dict[str, Any]:
    params: dict[str, Any] = {"scope": scope, "first": first.isoformat(),
                              "last": min(last, as_of).isoformat(),
                              "as_of": as_of.isoformat()}
    if arg is not None:
        params["arg"] = arg
    return params


def count_behind(db: Database, scope_kind: str, scope: str, first: date, last: date,
                 as_of: date, figure: str) -> int:
    """How many cases lie behind ``figure`` (the period ends at ``min(last, as_of)``)."""
    where, arg = _where(scope_kind, figure)
    sql = f"SELECT count(*) FROM cases c WHERE {where}"
    return int(db.execute(sql, _params(scope, first, last, as_of, arg)).fetchone()[0])


def cases_behind(db: Database, scope_kind: str, scope: str, first: date, last: date,
                 as_of: date, figure: str, *, limit: int | None = None) -> list[CaseLine]:
    """The cases behind ``figure``, by registration date then row id (``limit``: at
    most that many)."""
    where, arg = _where(scope_kind, figure)
    sql = (f"SELECT {_LINE_COLUMNS} FROM cases c {_LINE_JOINS} WHERE {where} "
           "ORDER BY c.received_on, c.id")
    params = _params(scope, first, last, as_of, arg)
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = int(limit)
    return [CaseLine(*row) for row in db.execute(sql, params).fetchall()]
