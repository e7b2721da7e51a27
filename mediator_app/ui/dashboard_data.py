"""Everything the dashboard shows, computed in one job on the DB worker (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlite_utils import Database

from mediator_app.domain.rates import (
    Denominator,
    RateRule,
    Rounding,
    compute_rate,
    denominator_value,
    format_rate,
)
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
    source: str = "fallback"  # "statistics" when services.statistics computed the figures


def rate_rule(settings: dict[str, str]) -> RateRule:
    try:
        return RateRule(Denominator(settings.get("rate_denominator", "disputes")),
                        Rounding(settings.get("rate_rounding", "truncate")),
                        int(settings.get("rate_decimals", "2") or 2))
    except ValueError:
        return RateRule()


def int_setting(settings: dict[str, str], key: str, default: int) -> int:
    try:
        return max(0, int(settings.get(key, "") or default))
    except ValueError:
        return default


def month_start(day: date, back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _fallback_figures(db: Database, scope: cq.Scope, first: date, last: date,
                      rule: RateRule) -> Figures:
    n = cq.period_figures(db, scope, first, last)
    den = denominator_value(rule, n["disputes"], n["accepted"], n["resolved"], n["terminated"])
    rate = format_rate(compute_rate(n["resolved"], den, rule))
    return Figures(n["disputes"], n["resolved"], rate, n["resolved"], den)


def _statistics_figures(db: Database, scope: cq.Scope, period: str,
                        today: date) -> Figures | None:
    """Figures from services.statistics.build_report (the statistics sheets' own
    definitions); ``None`` when that service is missing or fails."""
    try:
        from mediator_app.services.statistics import build_report
    except ImportError:
        return None
    try:
        report: Any = build_report(db, period=period, scope=scope.code or None, as_of=today)
        t = report.totals
        rate = t.rate if isinstance(t.rate, str) else format_rate(t.rate)
        return Figures(int(t.disputes), int(t.resolved), rate, int(t.rate_numerator),
                       int(t.rate_denominator))
    except Exception:  # noqa: BLE001 - an API mismatch falls back to our own counts
        return None


def figures(db: Database, scope: cq.Scope, first: date, last: date, period: str,
            rule: RateRule) -> tuple[Figures, str]:
    stats = _statistics_figures(db, scope, period, last)
    if stats is not None:
        return stats, "statistics"
    return _fallback_figures(db, scope, first, last, rule), "fallback"


def _monthly(db: Database, scope: cq.Scope, today: date) -> list[tuple[str, dict[str, int]]]:
    first = month_start(today, MONTHS_SHOWN - 1)
    counts = cq.monthly_by_status(db, scope, first, today)
    months = [month_start(today, back) for back in range(MONTHS_SHOWN - 1, -1, -1)]
    return [(f"{m:%Y-%m}", counts.get(f"{m:%Y-%m}", {})) for m in months]


def load_dashboard(db: Database, scope: cq.Scope, today: date | None = None) -> DashboardData:
    today = today or date.today()
    settings = SettingsRepository(db).all()
    rule = rate_rule(settings)
    year_first, month_first = date(today.year, 1, 1), month_start(today)
    month, source = figures(db, scope, month_first, today, f"{today:%Y-%m}", rule)
    year, _ = figures(db, scope, year_first, today, f"{today.year}", rule)
    overdue_days = int_setting(settings, "overdue_days", cq.DEFAULT_OVERDUE_DAYS)
    followup_days = int_setting(settings, "followup_days", cq.DEFAULT_FOLLOWUP_DAYS)
    overdue_total, overdue = cq.overdue_cases(db, scope, today, overdue_days)
    follow_total, follows = cq.followups_due_this_week(db, scope, today, followup_days)
    types = dict(cq.code_labels(db, "dispute_type"))
    breakdown = [(types.get(code, code), n)
                 for code, n in cq.type_breakdown(db, scope, year_first, today)]
    return DashboardData(today, month, year, _monthly(db, scope, today), breakdown,
                         overdue_total, overdue, follow_total, follows, source)
