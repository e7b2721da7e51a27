"""Headline figures for the overview (dashboard) from the monthly counts table
(``storage/counts_repo.py``) instead of reading the period's cases: at 1,000,000 cases the
year's ``build_report`` reads ~330,000 index entries (0.4 s warm, seconds on a cold
cache); this reads a few thousand count rows (issue 13).

Only the figures the overview shows are filled — disputes, accepted, the five statuses as
of the as-of date, and the 化解率 with its numerator and denominator — and they equal
``build_report``'s (``tests/unit/test_case_counts.py`` compares them).
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.periods import parse_period
from mediator_app.domain.rates import RateRule
from mediator_app.services import permissions
from mediator_app.services.statistics.report import (
    _STATUS_FIELD,
    SheetCounts,
    _empty_figures,
    _resolve_scope,
    build_report,
    status_as_of,
)
from mediator_app.storage.counts_repo import CountsRepository, supported
from mediator_app.storage.stats_repo import CaseClass, StatsRepository

_NO_FLAGS = (False,) * (len(CaseClass._fields) - 3)


def _add(fig: SheetCounts, status: str, n: int) -> None:
    attr = _STATUS_FIELD[status]
    setattr(fig, attr, getattr(fig, attr) + n)


def headline(db: Database, *, period: str, scope: str | None, as_of: date,
             rule: RateRule) -> SheetCounts:
    """Disputes, accepted, statuses and rate of ``scope`` (None: the district) in
    ``period`` as of ``as_of``, as ``build_report(...).totals`` counts them. A report:
    within the logged-in user's role and scope (issue 9; None is the user's own scope)."""
    scope = permissions.scope_for(db, Action.REPORT, scope)
    kind, info = _resolve_scope(StatsRepository(db), db, scope)
    if not supported(db, kind):
        return build_report(db, period=period, scope=info.code, as_of=as_of,
                            rule=rule).totals
    span = parse_period(period)
    first, last = span.start, min(span.end, as_of)
    fig = _empty_figures()
    repo = CountsRepository(db)
    if first <= last:
        for (status,), n in repo.registered(kind, info.code, first, last,
                                            group=("status",)).items():
            fig.disputes += n
            _add(fig, status, n)
        for status, closed_after, accepted_after, n in repo.dated_after(
                kind, info.code, first, last, as_of):
            _add(fig, status, -n)
            _add(fig, status_as_of(CaseClass(status, closed_after, accepted_after,
                                             *_NO_FLAGS)), n)
        fig.accepted = repo.accepted(kind, info.code, first, last)
    return fig.finish(rule)
