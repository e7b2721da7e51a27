"""Dashboard figures equal direct SQL counts; lists open cases; the chart has data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mediator_app.services.statistics.dashboard import load_dashboard, month_start
from mediator_app.storage import case_query as cq
from mediator_app.ui.dashboard import Dashboard
from tests.gui.conftest import EAST


@pytest.fixture
def dash(ctx, qtbot):
    d = Dashboard(ctx)
    qtbot.addWidget(d)
    return d


def _count(db, where: str, params: list) -> int:
    return db.execute(f"SELECT count(*) FROM cases WHERE deleted = 0 AND {where}",
                      params).fetchone()[0]


SCOPES = [(cq.Scope(), "1", []),
          (cq.Scope("org", EAST), ("org_code IN (SELECT descendant FROM org_closure "
                                   "WHERE ancestor = ?)"), [EAST]),
          (cq.Scope("committee", "C005"), "committee_code = ?", ["C005"])]


@pytest.mark.parametrize("scope,where,params", SCOPES)
def test_year_and_month_figures_equal_sql(dash, case_db, scope, where, params):
    dash.set_scope(scope, "x")
    today = date.today()
    for box, first in ((dash.year_box, date(today.year, 1, 1)),
                       (dash.month_box, month_start(today))):
        period = f"{where} AND received_on BETWEEN ? AND ?"
        args = [*params, first.isoformat(), today.isoformat()]
        disputes = _count(case_db, period, args)
        resolved = _count(case_db, period + " AND status = '调解成功'", args)
        assert box.values["disputes"].text() == str(disputes)
        assert box.values["resolved"].text() == str(resolved)
        assert box.detail.text() == f"{resolved} ÷ {disputes}"
        if disputes:
            whole, frac = divmod(resolved * 10000 // disputes, 100)
            assert box.values["rate"].text() == f"{whole}.{frac:02d}%"


def test_overdue_list_equals_sql_and_opens_cases(dash, case_db, qtbot):
    dash.set_scope(cq.Scope(), "all")
    limit = (date.today() - timedelta(days=30)).isoformat()
    expected = {r[0] for r in case_db.execute(
        "SELECT id FROM cases WHERE status = '调解中' AND accepted_on < ?", [limit])}
    assert set(dash.overdue.case_ids()) == expected
    assert str(len(expected)) in dash.overdue.title()
    with qtbot.waitSignal(dash.openCase) as blocker:
        dash.overdue.list.itemActivated.emit(dash.overdue.list.item(0))
    assert blocker.args == [dash.overdue.case_ids()[0]]


def test_followups_due_this_week(case_db):
    today = date.today()
    closed = today - timedelta(days=25)  # deadline today + 5
    rid = case_db.execute(
        "SELECT id FROM cases WHERE status = '调解成功' AND id NOT IN "
        "(SELECT case_rowid FROM follow_ups) LIMIT 1").fetchone()[0]
    case_db.execute("UPDATE cases SET closed_on = ? WHERE id = ?", [closed.isoformat(), rid])
    data = load_dashboard(case_db, cq.Scope(), today)
    assert rid in [c.id for c in data.followups]
    due = next(c for c in data.followups if c.id == rid)
    assert due.day == (closed + timedelta(days=30)).isoformat()
    case_db.execute("INSERT INTO follow_ups(case_rowid, visited_on) VALUES (?, ?)",
                    [rid, today.isoformat()])
    assert rid not in [c.id for c in load_dashboard(case_db, cq.Scope(), today).followups]


def test_chart_has_twelve_months_summing_to_sql(dash, case_db):
    dash.set_scope(cq.Scope(), "all")
    months = dash.chart.months
    assert len(months) == 12
    first = month_start(date.today(), 11)
    total = _count(case_db, "received_on BETWEEN ? AND ?",
                   [first.isoformat(), date.today().isoformat()])
    assert sum(dash.chart.totals()) == total
    assert dash.chart.grab().width() > 0  # paints without error


def test_type_breakdown_sums_to_year_total(dash, case_db):
    dash.set_scope(cq.Scope(), "all")
    today = date.today()
    total = _count(case_db, "received_on BETWEEN ? AND ?",
                   [date(today.year, 1, 1).isoformat(), today.isoformat()])
    assert sum(n for _label, n in dash.types.items) == total
    assert all(not label.isdigit() for label, _n in dash.types.items)  # labels, not codes


def test_rate_follows_the_rule_in_the_settings(dash, case_db):
    from mediator_app.storage.settings_repo import SettingsRepository

    SettingsRepository(case_db).set("rate_denominator", "mediated")
    dash.set_scope(cq.Scope(), "all")
    today = date.today()
    args = [date(today.year, 1, 1).isoformat(), today.isoformat()]
    period = "received_on BETWEEN ? AND ?"
    resolved = _count(case_db, period + " AND status = '调解成功'", args)
    mediated = _count(case_db, period + " AND status IN ('调解成功', '调解终止')", args)
    assert mediated > resolved, "the fixture should have terminated cases this year"
    assert dash.year_box.detail.text() == f"{resolved} ÷ {mediated}"


def test_a_failing_computation_shows_a_plain_message(dash, monkeypatch):
    import sqlite3

    from mediator_app.services.statistics import dashboard as dashboard_data

    def broken(*_a, **_kw):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(dashboard_data, "headline", broken)
    dash.set_scope(cq.Scope(), "all")
    assert not dash.error.isHidden()
    assert "读写磁盘时出错" in dash.error.text()  # SQLite's English is never shown
    assert "disk I/O" not in dash.error.text()
    monkeypatch.undo()
    dash.reload()
    assert dash.error.isHidden()


def test_new_ledger_without_organisation_shows_zeros():
    from mediator_app.storage.db import open_memory

    data = load_dashboard(open_memory(), cq.Scope(), date.today())
    assert (data.year.disputes, data.month.resolved, data.year.denominator) == (0, 0, 0)


def test_destroyed_dashboard_ignores_later_font_changes(ctx, qtbot):
    from PySide6.QtCore import SIGNAL
    from PySide6.QtWidgets import QApplication

    from mediator_app.ui import prefs

    app = QApplication.instance()
    signal = SIGNAL("fontChanged(QFont)")
    qtbot.wait(10)  # widgets earlier tests left for deletion go first
    before = app.receivers(signal)
    d = Dashboard(ctx)
    assert app.receivers(signal) > before  # its headings follow the application font
    d.deleteLater()
    qtbot.wait(10)
    assert app.receivers(signal) <= before  # and let go of it with the widget
    try:
        prefs.apply_text_scale(app, 1.25)  # must not reach the deleted heading
        qtbot.wait(10)
    finally:
        prefs.apply_text_scale(app, 1.0)


def test_chart_legend_wraps_when_narrow(dash, qtbot):
    chart = dash.chart
    chart.resize(1200, 300)
    assert {row for _x, row, _s in chart.legend_positions()} == {0}
    chart.resize(chart.fontMetrics().horizontalAdvance("中") * 10, 300)
    positions = chart.legend_positions()
    assert max(row for _x, row, _s in positions) >= 1
    assert len(positions) == 5
