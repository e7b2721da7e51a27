"""The statistics report (月度/季度/年度统计表) of an org unit or a committee.

Definitions (docs/statistics.md): 排查纠纷数 ``disputes`` = cases registered
(``received_on``) in the period and not later than as-of; ``accepted`` = cases accepted
in the period (not later than as-of); the status counts, agreement forms, breakdowns and
prevention figures describe the disputes, each with its status *as of* the as-of date.
A parent's figures are the sum of its children's plus ``direct`` (cases located at the
parent itself); the rate of a sum is computed from the summed numerator and denominator.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mediator_app.domain.access import Action
from mediator_app.domain.enums import PREVENTION_COLUMNS, CaseStatus, OrgLevel, SourceGroup
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.periods import Period, parse_period
from mediator_app.domain.rates import (
    RateRule,
    compute_rate,
    denominator_value,
    format_rate,
    rate_formula,
)
from mediator_app.services import permissions
from mediator_app.storage.settings_repo import SettingsRepository
from mediator_app.storage.stats_repo import CaseClass, LocationAggregate, StatsRepository

if TYPE_CHECKING:
    from sqlite_utils import Database

COMMITTEE_LEVEL = "调委会"
OTHER_SOURCE_GROUP = "其他"
# Prevention label -> the flag / column name of the stats repository.
PREVENTION_KEYS: dict[str, str] = {p.value: col for p, col in PREVENTION_COLUMNS.items()}
_CLOSED = {CaseStatus.RESOLVED.value, CaseStatus.TERMINATED.value, CaseStatus.REJECTED.value}
_STATUS_FIELD = {
    CaseStatus.REGISTERED.value: "pending",
    CaseStatus.IN_MEDIATION.value: "in_progress",
    CaseStatus.RESOLVED.value: "resolved",
    CaseStatus.TERMINATED.value: "terminated",
    CaseStatus.REJECTED.value: "rejected",
}


@dataclass
class SheetCounts:
    """Counts of one row of the sheet. Add them up with ``add``; ``finish`` sets the
    rate from the (summed) numerator and denominator."""

    disputes: int = 0
    accepted: int = 0
    pending: int = 0
    in_progress: int = 0
    resolved: int = 0
    terminated: int = 0
    rejected: int = 0
    written: int = 0
    oral: int = 0
    judicially_confirmed: int = 0
    performed: int = 0
    multi_party: int = 0
    mass_disputes: int = 0
    amount_fen: int = 0
    people_involved: int = 0
    by_source: dict[str, int] = field(default_factory=dict)  # source group -> cases
    by_type: dict[str, int] = field(default_factory=dict)  # dispute type code -> cases
    prevention_cases: dict[str, int] = field(default_factory=dict)  # 防止… -> cases
    prevention_persons: dict[str, int] = field(default_factory=dict)  # 防止… -> persons
    rate: Decimal | None = field(default=None, compare=False)
    rate_numerator: int = field(default=0, compare=False)
    rate_denominator: int = field(default=0, compare=False)

    def add(self, other: SheetCounts) -> None:
        for f in _COUNT_FIELDS:
            setattr(self, f, getattr(self, f) + getattr(other, f))
        for f in _DICT_FIELDS:
            mine: dict[str, int] = getattr(self, f)
            for key, n in getattr(other, f).items():
                mine[key] = mine.get(key, 0) + n

    def finish(self, rule: RateRule) -> SheetCounts:
        self.rate_numerator = self.resolved
        self.rate_denominator = denominator_value(
            rule, self.disputes, self.accepted, self.resolved, self.terminated)
        self.rate = compute_rate(self.rate_numerator, self.rate_denominator, rule)
        return self

    @property
    def rate_text(self) -> str:
        return format_rate(self.rate)


_DICT_FIELDS = ("by_source", "by_type", "prevention_cases", "prevention_persons")
_COUNT_FIELDS = tuple(
    f.name for f in dataclasses.fields(SheetCounts)
    if f.name not in _DICT_FIELDS and f.name not in ("rate", "rate_numerator",
                                                      "rate_denominator")
)


@dataclass(frozen=True)
class ScopeInfo:
    code: str
    name: str
    level: str  # an OrgLevel value, or "调委会"


@dataclass(frozen=True)
class UnitFigures:
    unit: ScopeInfo
    figures: SheetCounts


@dataclass(frozen=True)
class Report:
    period: Period
    scope: ScopeInfo
    as_of: date
    rule: RateRule
    totals: SheetCounts
    direct: SheetCounts
    children: list[UnitFigures]
    type_labels: dict[str, str]  # dispute type code -> label, in sheet order
    source_groups: list[str]
    # For a street/town scope: child code -> its own children (the grids of each
    # village/community), plus a "direct" entry for cases located at the child itself.
    grandchildren: dict[str, list[UnitFigures]] = field(default_factory=dict)
    child_direct: dict[str, SheetCounts] = field(default_factory=dict)


# ---- rules -----------------------------------------------------------------------------

def status_as_of(case: CaseClass) -> str:
    """The case's status on the as-of date: a case closed after it was still being
    mediated then, or still waiting when it had not been accepted either."""
    if case.status in _CLOSED and not case.closed_after:
        return case.status
    if case.status == CaseStatus.REGISTERED.value or case.accepted_after:
        return CaseStatus.REGISTERED.value
    if case.status == CaseStatus.REJECTED.value:
        return CaseStatus.REGISTERED.value
    return CaseStatus.IN_MEDIATION.value


def rate_rule_from_settings(db: Database) -> RateRule:
    """The rate rule of the database's settings (the one place that reads them);
    unreadable values fall back to the defaults (``RateRule.from_settings``)."""
    return RateRule.from_settings(SettingsRepository(db).all())


# ---- aggregation -----------------------------------------------------------------------

def _count_class(fig: SheetCounts, case: CaseClass, n: int) -> None:
    status = status_as_of(case)
    attr = _STATUS_FIELD[status]
    setattr(fig, attr, getattr(fig, attr) + n)
    if status == CaseStatus.RESOLVED.value:
        fig.written += n * case.written
        fig.oral += n * case.oral
        fig.judicially_confirmed += n * (case.judicial and not case.judicial_after)
        fig.performed += n * case.performed
    fig.multi_party += n * case.multi_party
    fig.mass_disputes += n * case.mass
    for label, key in PREVENTION_KEYS.items():
        if getattr(case, key):
            fig.prevention_cases[label] += n


def figures_of(agg: LocationAggregate, source_groups: dict[str, str]) -> SheetCounts:
    """The figures of one location's aggregate (``source_groups``: source -> group)."""
    fig = _empty_figures()
    fig.disputes, fig.amount_fen = agg.cases, agg.amount_fen
    fig.people_involved = agg.people_involved
    for case, n in agg.classes.items():
        _count_class(fig, case, n)
    for (dispute_type, source), n in agg.kinds.items():
        fig.by_type[dispute_type] = fig.by_type.get(dispute_type, 0) + n
        group = source_groups.get(source) or OTHER_SOURCE_GROUP
        fig.by_source[group] = fig.by_source.get(group, 0) + n
    fig.prevention_persons = {label: agg.prevent_persons.get(key, 0)
                              for label, key in PREVENTION_KEYS.items()}
    return fig


def _resolve_scope(repo: StatsRepository, db: Database, code: str | None) -> tuple[str, ScopeInfo]:
    if not code:
        roots = repo.roots()
        district = SettingsRepository(db).get("district_code")
        chosen = next((r for r in roots if r.code == district), roots[0] if roots else None)
        if chosen is None:
            raise DomainError(Problem("scope", "required"))
        code = chosen.code
    unit = repo.unit(code)
    if unit is not None:
        return "org", ScopeInfo(unit.code, unit.name, unit.level)
    committee = repo.committee(code)
    if committee is not None:
        return "committee", ScopeInfo(committee.code, committee.name, COMMITTEE_LEVEL)
    raise DomainError(Problem("scope", "unknown_code", {"value": code, "table": "org_units"}))


def _period(period: str | Period) -> Period:
    return period if isinstance(period, Period) else parse_period(period)


def _empty_figures() -> SheetCounts:
    return SheetCounts(prevention_cases={k: 0 for k in PREVENTION_KEYS},
                   prevention_persons={k: 0 for k in PREVENTION_KEYS})


def _by_location(kind: str, scope: ScopeInfo, repo: StatsRepository, first: date,
                 last: date, as_of: date) -> dict[str, SheetCounts]:
    """SheetCounts per location (org_code) beneath the scope: one aggregate query each for
    registrations and acceptances."""
    groups = {code: group for code, _l, group, _a in repo.code_items("source")}
    by_loc: dict[str, SheetCounts] = {}
    if first > last:
        return by_loc
    for agg in repo.registered(kind, scope.code, first, last, as_of):
        by_loc.setdefault(agg.org_code, _empty_figures()).add(figures_of(agg, groups))
    for org_code, n in repo.accepted(kind, scope.code, first, last).items():
        by_loc.setdefault(org_code, _empty_figures()).accepted += n
    return by_loc


def _group(by_loc: dict[str, SheetCounts], child_of: dict[str, str]
           ) -> tuple[SheetCounts, dict[str, SheetCounts]]:
    """Sum locations into (not beneath any child, {child: its subtree})."""
    direct = _empty_figures()
    below: dict[str, SheetCounts] = {}
    for org_code, fig in by_loc.items():
        target = child_of.get(org_code)
        (direct if target is None else below.setdefault(target, _empty_figures())).add(fig)
    return direct, below


def _roll_up(kind: str, scope: ScopeInfo, repo: StatsRepository, first: date, last: date,
             as_of: date) -> tuple[SheetCounts, dict[str, SheetCounts], dict[str, SheetCounts]]:
    """SheetCounts of the scope's own location(s), of each child's subtree, and per location."""
    by_loc = _by_location(kind, scope, repo, first, last, as_of)
    child_of = repo.child_of_descendants(scope.code) if kind == "org" else {}
    direct, below = _group(by_loc, child_of)
    return direct, below, by_loc


def _grandchildren(repo: StatsRepository, children: list[UnitFigures],
                   by_loc: dict[str, SheetCounts], rule: RateRule
                   ) -> tuple[dict[str, list[UnitFigures]], dict[str, SheetCounts]]:
    """Each child's own children (e.g. a village's grids) and its direct figures."""
    grand: dict[str, list[UnitFigures]] = {}
    child_direct: dict[str, SheetCounts] = {}
    for child in children:
        code = child.unit.code
        _own, below = _group(by_loc, repo.child_of_descendants(code))
        grand[code] = _children(repo, "org", child.unit, below)
        for unit in grand[code]:
            unit.figures.finish(rule)
        # cases located at the child itself (not at one of its grids)
        child_direct[code] = by_loc.get(code, _empty_figures()).finish(rule)
    return grand, child_direct


def _children(repo: StatsRepository, kind: str, scope: ScopeInfo,
              below: dict[str, SheetCounts]) -> list[UnitFigures]:
    """Every active child (zero rows included, 零报告) and inactive ones with figures."""
    if kind != "org":
        return []
    rows = []
    for unit in repo.children(scope.code):
        fig = below.get(unit.code)
        if unit.active or fig is not None:
            rows.append(UnitFigures(ScopeInfo(unit.code, unit.name, unit.level),
                                    fig or _empty_figures()))
    return rows


def _type_labels(repo: StatsRepository, totals: SheetCounts) -> dict[str, str]:
    items = repo.code_items("dispute_type")
    labels = {code: label for code, label, _g, active in items
              if active or totals.by_type.get(code)}
    for code in totals.by_type:
        labels.setdefault(code, code)  # a code missing from the code table
    return labels


def _source_groups(totals: SheetCounts) -> list[str]:
    groups = [g.value for g in SourceGroup]
    return groups + sorted(g for g in totals.by_source if g not in groups)


def build_report(db: Database, *, period: str | Period, scope: str | None,
                 as_of: date | None = None, rule: RateRule | None = None) -> Report:
    """The report of ``scope`` (org-unit or committee code; None = the district) for
    ``period`` (``2023``, ``2023-05``, ``2023-Q2`` or ``a..b``) as of ``as_of``."""
    scope = permissions.scope_for(db, Action.REPORT, scope)  # issue 9: role and scope
    span = _period(period)
    as_of = as_of or date.today()
    rule = rule or rate_rule_from_settings(db)
    repo = StatsRepository(db)
    kind, info = _resolve_scope(repo, db, scope)
    last = min(span.end, as_of)
    direct, below, by_loc = _roll_up(kind, info, repo, span.start, last, as_of)
    children = _children(repo, kind, info, below)
    grand: dict[str, list[UnitFigures]] = {}
    child_direct: dict[str, SheetCounts] = {}
    if kind == "org" and info.level in (OrgLevel.STREET.value, OrgLevel.TOWN.value):
        grand, child_direct = _grandchildren(repo, children, by_loc, rule)
    totals = _empty_figures()
    for child in children:
        totals.add(child.figures.finish(rule))
    totals.add(direct.finish(rule))
    totals.finish(rule)
    return Report(span, info, as_of, rule, totals, direct, children,
                  _type_labels(repo, totals), _source_groups(totals), grand, child_direct)


# ---- plain data and export ---------------------------------------------------------------

def yuan(amount_fen: int) -> Decimal:
    """Exact yuan amount with two decimals."""
    return (Decimal(amount_fen) / 100).quantize(Decimal("0.01"))


def figures_to_dict(fig: SheetCounts, report: Report) -> dict[str, Any]:
    """JSON-ready figures. Amounts: ``amount_yuan`` is ``amount_fen / 100`` as a float —
    exact to the fen because the nearest double of a two-decimal number prints back as
    that number — and ``amount_fen`` keeps the integer."""
    return {
        "disputes": fig.disputes, "accepted": fig.accepted, "resolved": fig.resolved,
        "resolution_rate": float(fig.rate) if fig.rate is not None else None,
        "resolution_rate_text": fig.rate_text,
        "rate_numerator": fig.rate_numerator, "rate_denominator": fig.rate_denominator,
        "pending": fig.pending, "in_progress": fig.in_progress,
        "terminated": fig.terminated, "rejected": fig.rejected,
        "written": fig.written, "oral": fig.oral,
        "judicially_confirmed": fig.judicially_confirmed, "performed": fig.performed,
        "multi_party": fig.multi_party, "mass_disputes": fig.mass_disputes,
        "amount_yuan": fig.amount_fen / 100, "amount_fen": fig.amount_fen,
        "people_involved": fig.people_involved,
        "by_source": {g: fig.by_source.get(g, 0) for g in report.source_groups},
        "by_type": {label: fig.by_type.get(code, 0)
                    for code, label in report.type_labels.items()},
        "prevention": {label: {"cases": fig.prevention_cases.get(label, 0),
                               "persons": fig.prevention_persons.get(label, 0)}
                       for label in PREVENTION_KEYS},
    }


def _unit_dict(unit: ScopeInfo) -> dict[str, str]:
    return {"code": unit.code, "name": unit.name, "level": unit.level}


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "period": report.period.text, "period_label": report.period.label,
        "period_start": report.period.start.isoformat(),
        "period_end": report.period.end.isoformat(),
        "scope": _unit_dict(report.scope), "as_of": report.as_of.isoformat(),
        "rate_rule": {"denominator": report.rule.denominator.value,
                      "rounding": report.rule.rounding.value,
                      "decimals": report.rule.decimals,
                      "formula": rate_formula(report.rule, "zh")},
        "totals": figures_to_dict(report.totals, report),
        "direct": figures_to_dict(report.direct, report),
        "children": [_unit_dict(c.unit) | figures_to_dict(c.figures, report)
                     for c in report.children],
    }
