"""Drill-down: the cases listed behind every figure of the sheet are exactly as many as
the figure counts (several scopes, periods and as-of dates)."""

from __future__ import annotations

from datetime import date

import pytest

from mediator_app.domain.periods import parse_period
from mediator_app.services.statistics import report as statistics
from mediator_app.services.statistics.report import SheetCounts
from mediator_app.storage import drilldown_repo as dr
from mediator_app.storage.db import open_memory
from tests.gui.helpers_reports import DISTRICT, EAST, WEST, build_report_db

SIMPLE = ("disputes", "accepted", "pending", "in_progress", "resolved", "terminated",
          "rejected", "written", "oral", "judicially_confirmed", "performed", "multi_party",
          "mass_disputes")


@pytest.fixture(scope="module")
def built():
    db = open_memory()
    return db, build_report_db(db)


def expected(fig: SheetCounts) -> dict[str, int]:
    out = {key: getattr(fig, key) for key in SIMPLE}
    out |= {f"type:{code}": n for code, n in fig.by_type.items()}
    out |= {f"source:{group}": n for group, n in fig.by_source.items()}
    out |= {f"prevention:{label}": n for label, n in fig.prevention_cases.items()}
    return out


def _rows(report: statistics.Report) -> list[tuple[str, str, SheetCounts]]:
    kind = "committee" if report.scope.level == statistics.COMMITTEE_LEVEL else "org"
    rows = [("org", c.unit.code, c.figures) for c in report.children]
    rows.append((kind if kind == "committee" else "direct", report.scope.code, report.direct))
    rows.append((kind, report.scope.code, report.totals))
    return rows


@pytest.mark.parametrize("period, scope, as_of", [
    ("2024-05", DISTRICT, date(2025, 1, 1)),
    ("2024-05", DISTRICT, date(2024, 5, 20)),  # statuses as of a day inside the month
    ("2024-Q2", EAST, date(2024, 6, 10)),
    ("2024", WEST, date(2024, 12, 31)),
    ("2024-04-10..2024-06-05", "C005", date(2024, 7, 1)),
    ("2024", "C003", date(2024, 4, 15)),
])
def test_every_figure_lists_as_many_cases_as_it_counts(built, period, scope, as_of):
    db, _ = built
    span = parse_period(period)
    report = statistics.build_report(db, period=span, scope=scope, as_of=as_of)
    assert report.totals.disputes > 0
    checked = 0
    for kind, code, fig in _rows(report):
        for figure, n in expected(fig).items():
            lines = dr.cases_behind(db, kind, code, span.start, span.end, as_of, figure)
            assert len(lines) == n, (kind, code, figure)
            assert dr.count_behind(db, kind, code, span.start, span.end, as_of, figure) == n
            checked += n
    assert checked > 50


def test_lines_carry_the_case_and_its_status_as_of(built):
    db, b = built
    span = parse_period("2024-05")
    as_of = date(2024, 5, 20)
    lines = dr.cases_behind(db, "org", DISTRICT, span.start, span.end, as_of, "in_progress")
    assert lines and all(line.status_as_of == "调解中" for line in lines)
    assert {line.status for line in lines} - {"调解中"}, "cases closed after as-of count too"
    assert not {line.rowid for line in lines} & set(b.deleted)
    assert all(span.start.isoformat() <= line.received_on <= "2024-05-20" for line in lines)
    assert all(line.committee_name.endswith("委员会") for line in lines)


def test_limit_and_unknown_figures(built):
    db, _ = built
    span = parse_period("2024")
    args = ("org", DISTRICT, span.start, span.end, date(2025, 1, 1))
    assert len(dr.cases_behind(db, *args, "disputes", limit=5)) == 5
    with pytest.raises(dr.UnknownFigure):
        dr.cases_behind(db, *args, "nonsense")
    with pytest.raises(dr.UnknownFigure):
        dr.count_behind(db, "planet", DISTRICT, span.start, span.end, date(2025, 1, 1),
                        "disputes")
