"""Everything the dashboard (overview) shows, computed in one job on the DB worker.

The figures are a report (``services.statistics.overview.headline`` checks ``Action.REPORT`` within
the user's scope); the lists of overdue cases and due follow-ups are a view of cases
(``Action.VIEW_CASES``, party names masked for 查看 as in the case list)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.case_filter import (
    DEFAULT_FOLLOWUP_DAYS,
    DEFAULT_OVERDUE_DAYS,
    DueCase,
    Scope,
    int_setting,
)
from mediator_app.domain.rates import RateRule, format_rate
from mediator_app.services import permissions
from mediator_app.services.statistics.overview import headline
from mediator_app.services.statistics.report import rate_rule_from_settings
from mediator_app.storage import case_query as cq
from mediator_app.storage.settings_repo import SettingsRepository

MONTHS_SHOWN = 12


@dataclass(frozen=True)
class PeriodSummary:
    """A period's disputes, resolved cases and success rate (text, numerator and
    denominator) as the dashboard's two boxes show them."""

    disputes: int
    resolved: int
    rate_text: str
    numerator: int
    denominator: int


@dataclass
class DashboardData:
    today: date
    month: PeriodSummary
    year: PeriodSummary
    monthly: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    types: list[tuple[str, int]] = field(default_factory=list)
    overdue_total: int = 0
    overdue: list[DueCase] = field(default_factory=list)
    followup_total: int = 0
    followups: list[DueCase] = field(default_factory=list)


def month_start(day: date, back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def figures(db: Database, scope: Scope, period: str, today: date,
            rule: RateRule) -> PeriodSummary:
    """The period's figures as the statistics sheets count them (services.statistics.report),
    read from the monthly counts (services.statistics.overview: issue 13); zeros for the whole
    ledger of a new database without an organisation yet."""
    if not scope.code and not cq.has_org_tree(db):
        return PeriodSummary(0, 0, format_rate(None), 0, 0)
    totals = headline(db, period=period, scope=scope.code or None, as_of=today, rule=rule)
    return PeriodSummary(totals.disputes, totals.resolved, format_rate(totals.rate),
                   totals.rate_numerator, totals.rate_denominator)


def _monthly(db: Database, scope: Scope, today: date) -> list[tuple[str, dict[str, int]]]:
    first = month_start(today, MONTHS_SHOWN - 1)
    counts = cq.monthly_by_status(db, scope, first, today)
    months = [month_start(today, back) for back in range(MONTHS_SHOWN - 1, -1, -1)]
    return [(f"{m:%Y-%m}", counts.get(f"{m:%Y-%m}", {})) for m in months]


def _as_listed(db: Database, total: int, cases: list[DueCase]) -> tuple[int, list[DueCase]]:
    """Party names masked for a user who may not see them (查看, issue 9)."""
    if permissions.sees_party_names(db):
        return total, cases
    return total, [c._replace(party_names=permissions.mask_names(c.party_names))
                   for c in cases]


def load_dashboard(db: Database, scope: Scope, today: date | None = None) -> DashboardData:
    today = today or date.today()
    settings = SettingsRepository(db).all()
    rule = rate_rule_from_settings(db)
    year_first = date(today.year, 1, 1)
    month = figures(db, scope, f"{today:%Y-%m}", today, rule)
    year = figures(db, scope, f"{today.year}", today, rule)
    overdue_days = int_setting(settings, "overdue_days", DEFAULT_OVERDUE_DAYS)
    followup_days = int_setting(settings, "followup_days", DEFAULT_FOLLOWUP_DAYS)
    permissions.require(db, Action.VIEW_CASES)
    overdue_total, overdue = _as_listed(db, *cq.overdue_cases(db, scope, today, overdue_days))
    follow_total, follows = _as_listed(
        db, *cq.followups_due_this_week(db, scope, today, followup_days))
    types = dict(cq.code_labels(db, "dispute_type"))
    breakdown = [(types.get(code, code), n)
                 for code, n in cq.type_breakdown(db, scope, year_first, today)]
    return DashboardData(today, month, year, _monthly(db, scope, today), breakdown,
                         overdue_total, overdue, follow_total, follows)
