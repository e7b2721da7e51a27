"""A submitted snapshot (``statistics.report_to_dict``) read back into a ``Report``, so
that reprints of a submitted month go through the same sheet, PDF and CSV code as the
live report. No Qt here. (Candidate for ``services.statistics.report``: it is pure data.)

Breakdown keys come back as labels (the snapshot keeps labels, not codes): the rebuilt
report's ``type_labels`` maps each label to itself, which is all the sheet needs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from mediator_app.domain.periods import Period, parse_period
from mediator_app.domain.rates import Denominator, RateRule, Rounding
from mediator_app.services.statistics.report import (
    Report,
    ScopeInfo,
    SheetCounts,
    UnitFigures,
)

_COUNTS = ("disputes", "accepted", "resolved", "pending", "in_progress", "terminated",
           "rejected", "written", "oral", "judicially_confirmed", "performed",
           "multi_party", "mass_disputes", "amount_fen", "people_involved")


def _rate(text: str) -> Decimal | None:
    try:
        return Decimal(text.rstrip("%"))
    except (InvalidOperation, AttributeError):
        return None


def figures_from_dict(d: dict[str, Any]) -> SheetCounts:
    prevention = d.get("prevention", {})
    counts: dict[str, Any] = {k: int(d.get(k) or 0) for k in _COUNTS}  # the int fields
    fig = SheetCounts(**counts,
                  by_source=dict(d.get("by_source", {})), by_type=dict(d.get("by_type", {})),
                  prevention_cases={k: v.get("cases", 0) for k, v in prevention.items()},
                  prevention_persons={k: v.get("persons", 0) for k, v in prevention.items()})
    fig.rate = _rate(d.get("resolution_rate_text") or "")
    fig.rate_numerator = int(d.get("rate_numerator") or 0)
    fig.rate_denominator = int(d.get("rate_denominator") or 0)
    return fig


def _scope(d: dict[str, Any]) -> ScopeInfo:
    return ScopeInfo(d.get("code", ""), d.get("name", ""), d.get("level", ""))


def _rule(d: dict[str, Any]) -> RateRule:
    try:
        return RateRule(Denominator(d["denominator"]), Rounding(d["rounding"]),
                        int(d["decimals"]))
    except (KeyError, ValueError):
        return RateRule()


def _period(d: dict[str, Any]) -> Period:
    parsed = parse_period(d["period"])
    return Period(date.fromisoformat(d.get("period_start", parsed.start.isoformat())),
                  date.fromisoformat(d.get("period_end", parsed.end.isoformat())),
                  d.get("period_label", parsed.label), parsed.kind)


def report_from_dict(d: dict[str, Any]) -> Report:
    """The ``Report`` whose ``report_to_dict`` is ``d`` (up to code-vs-label keys)."""
    totals = figures_from_dict(d["totals"])
    children = [UnitFigures(_scope(c), figures_from_dict(c)) for c in d.get("children", [])]
    return Report(
        period=_period(d), scope=_scope(d.get("scope", {})),
        as_of=date.fromisoformat(d["as_of"]), rule=_rule(d.get("rate_rule", {})),
        totals=totals, direct=figures_from_dict(d.get("direct", {})), children=children,
        type_labels={label: label for label in totals.by_type},
        source_groups=list(totals.by_source),
    )
