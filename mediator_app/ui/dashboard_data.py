"""Everything the dashboard shows, computed in one job on the DB worker (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from mediator_app.domain.rates import RateRule, format_rate
from mediator_app.services.statistics.overview import headline
from mediator_app.services.statistics.report import rate_rule_from_settings
from mediator_app.storage import case_query as cq
from mediator_app.storage.settings_repo import SettingsRepository

MONTHS_SHOWN = 12


@dataclass(frozen=True)
class Figures:
    disputes: int
    resolved: int
    rate_text: str
    numerator: int
    denominator: int


@dataclass
class DashboardData:
    today: date
    month: Figures
    year: Figures
    monthly: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    types: list[tuple[str, int]] = field(default_factory=list)
    overdue_total: int = 0
    overdue: list[cq.DueCase] = field(default_factory=list)
    followup_total: int = 0
    followups: list[cq.DueCase] = field(default_factory=list)


def int_setting(settings: dict[str, str], key: str, default: int) -> int:
    try:
        return max(0, int(settings.get(key, "") or default))
    except ValueError:
        return default


def month_start(day: date, back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def figures(db: Database, scope: cq.Scope, period: str, today: date,
            rule: RateRule) -> Figures:
    """The period's figures as the statistics sheets count them (services.statistics.report),
    read from the monthly counts (services.statistics.overview: issue 13); zeros for the whole
    ledger of a new database without an organisation yet."""
    if not scope.code and not cq.has_org_tree(db):
        return Figures(0, 0, format_rate(None), 0, 0)
    totals = headline(db, period=period, scope=scope.code or None, as_of=today, rule=rule)
    return Figures(totals.disputes, totals.resolved, format_rate(totals.rate),
                   totals.rate_numerator, totals.rate_denominator)


def _monthly(db: Database, scope: cq.Scope, today: date) -> list[tuple[str, dict[str, int]]]:
    first = month_start(today, MONTHS_SHOWN - 1)
    counts = cq.monthly_by_status(db, scope, first, today)
    months = [month_start(today, back) for back in range(MONTHS_SHOWN - 1, -1, -1)]
    return [(f"{m:%Y-%m}", counts.get(f"{m:%Y-%m}", {})) for m in months]


def load_dashboard(db: Database, scope: cq.Scope, today: date | None = None) -> DashboardData:
    today = today or date.today()
    settings = SettingsRepository(db).all()
    rule = rate_rule_from_settings(db)
    year_first = date(today.year, 1, 1)
    month = figures(db, scope, f"{today:%Y-%m}", today, rule)
    year = figures(db, scope, f"{today.year}", today, rule)
    overdue_days = int_setting(settings, "overdue_days", cq.DEFAULT_OVERDUE_DAYS)
    followup_days = int_setting(settings, "followup_days", cq.DEFAULT_FOLLOWUP_DAYS)
    overdue_total, overdue = cq.overdue_cases(db, scope, today, overdue_days)
    follow_total, follows = cq.followups_due_this_week(db, scope, today, followup_days)
    types = dict(cq.code_labels(db, "dispute_type"))
    breakdown = [(types.get(code, code), n)
                 for code, n in cq.type_breakdown(db, scope, year_first, today)]
    return DashboardData(today, month, year, _monthly(db, scope, today), breakdown,
                         overdue_total, overdue, follow_total, follows)
