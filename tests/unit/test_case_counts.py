"""The monthly counts table (issue 13) equals the direct aggregate of the cases after a
demo build, imports (ordinary and bulk), edits, status changes, tombstones and hard
deletions; the overview's figures read from it equal build_report's."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from mediator_app.domain.enums import AgreementForm, CaseStatus
from mediator_app.domain.rates import Denominator, RateRule
from mediator_app.services.cases import edit as svc
from mediator_app.services.demo.district import build_demo
from mediator_app.services.exchange.case_exchange import export_cases, import_cases
from mediator_app.services.statistics.overview import headline
from mediator_app.services.statistics.report import build_report
from mediator_app.storage import case_query as cq
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.counts_repo import CountsRepository
from mediator_app.storage.db import open_database, open_memory

TODAY = date(2024, 6, 20)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("counts") / "demo.db"
    handle = open_database(path)
    build_demo(handle.db, cases=1500, seed=3, today=TODAY)
    handle.close()
    return path


@pytest.fixture
def db(demo_file, tmp_path):
    copy = tmp_path / "ledger.db"
    copy.write_bytes(demo_file.read_bytes())
    handle = open_database(copy)
    yield handle.db
    handle.close()


def _ok(db) -> None:
    assert CountsRepository(db).differences() == []


def _some(db, where: str) -> list[int]:
    return [r[0] for r in db.execute(f"SELECT id FROM cases WHERE deleted = 0 AND {where} "
                                     "ORDER BY id LIMIT 5").fetchall()]


def test_counts_match_after_a_demo_build_and_the_migration_fills_them(db):
    assert db.execute("SELECT sum(n) FROM case_counts WHERE kind = 'r'").fetchone()[0] == \
        db.execute("SELECT count(*) FROM cases WHERE deleted = 0").fetchone()[0]
    _ok(db)
    db.execute("DELETE FROM case_counts")
    assert CountsRepository(db).differences() != []  # the check can see a difference
    CountsRepository(db).recount()
    _ok(db)


def test_counts_follow_edits_status_changes_tombstones_and_deletions(db):
    repo = CaseRepository(db)
    pending = _some(db, "status = '待受理'")
    svc.transition_case(db, pending[0], CaseStatus.IN_MEDIATION, on=TODAY, today=TODAY)
    _ok(db)
    mediating = _some(db, "status = '调解中'")
    svc.transition_case(db, mediating[0], CaseStatus.RESOLVED, on=TODAY,
                        agreement_form=AgreementForm.ORAL, today=TODAY)
    _ok(db)
    case = repo.get(_some(db, "status = '待受理'")[1])
    other_type = "01" if case.dispute_type != "01" else "02"
    svc.save_case(db, dataclasses.replace(case, dispute_type=other_type,
                                          received_on=date(2023, 2, 3)), today=TODAY)
    _ok(db)
    svc.delete_case(db, _some(db, "1")[2])  # tombstone
    _ok(db)
    with db.conn:  # a hard delete (the repository's purge path, or by hand)
        db.execute("DELETE FROM cases WHERE id = ?", [_some(db, "1")[3]])
    _ok(db)
    with db.conn:  # a moved committee re-locates its cases (UPDATE OF org_code)
        db.execute("UPDATE cases SET org_code = (SELECT min(code) FROM org_units "
                   "WHERE level = '网格') WHERE id IN (SELECT id FROM cases LIMIT 20)")
    _ok(db)


@pytest.mark.parametrize("bulk", [False, True])
def test_counts_follow_imports(db, tmp_path, monkeypatch, bulk):
    from mediator_app.services.exchange import case_exchange as ce

    if bulk:
        monkeypatch.setattr(ce, "BULK_FTS_ROWS", 0)
    out = tmp_path / "cases.csv"
    export_cases(db, out)
    target = open_memory()
    for table in ("org_units", "org_closure", "committees", "people", "code_items"):
        rows = db.execute(f"SELECT * FROM {table}").fetchall()
        target.execute(f"DELETE FROM {table}")
        if rows:
            target.conn.executemany(
                f"INSERT INTO {table} VALUES ({','.join('?' * len(rows[0]))})", rows)
    import_cases(target, [out], today=TODAY)
    _ok(target)
    assert target.execute("SELECT sum(n) FROM case_counts WHERE kind = 'r'").fetchone()[0] \
        == db.execute("SELECT count(*) FROM cases WHERE deleted = 0").fetchone()[0]


def _direct_monthly(db, first, last):
    out: dict[str, dict[str, int]] = {}
    for m, s, n in db.execute(
            "SELECT substr(received_on,1,7), status, count(*) FROM cases WHERE deleted = 0 "
            "AND received_on BETWEEN ? AND ? GROUP BY 1, 2",
            [first.isoformat(), last.isoformat()]).fetchall():
        out.setdefault(m, {})[s] = n
    return out


@pytest.mark.parametrize(("first", "last"), [
    (date(2023, 7, 1), TODAY), (date(2023, 7, 15), date(2024, 2, 10)),
    (date(2024, 6, 1), date(2024, 6, 1)), (date(2023, 1, 1), date(2023, 12, 31))])
def test_monthly_and_types_from_counts_equal_the_cases(db, first, last):
    assert cq.monthly_by_status(db, cq.Scope(), first, last) == _direct_monthly(db, first, last)
    direct = db.execute(
        "SELECT dispute_type, count(*) FROM cases WHERE deleted = 0 AND received_on "
        "BETWEEN ? AND ? GROUP BY 1 ORDER BY 2 DESC, 1",
        [first.isoformat(), last.isoformat()]).fetchall()
    assert cq.type_breakdown(db, cq.Scope(), first, last) == [tuple(r) for r in direct]


def _headline_fields(fig):
    return (fig.disputes, fig.accepted, fig.pending, fig.in_progress, fig.resolved,
            fig.terminated, fig.rejected, fig.rate_numerator, fig.rate_denominator,
            fig.rate_text)


@pytest.mark.parametrize("period", ["2024", "2024-06", "2023", "2023-Q3", "2024-02"])
@pytest.mark.parametrize("as_of", [TODAY, date(2024, 3, 15), date(2023, 8, 31)])
def test_headline_equals_build_report(db, period, as_of):
    """Including as-of dates in the past: cases closed or accepted after them count with
    the status they had then."""
    rule = RateRule(Denominator.MEDIATED)
    streets = [r[0] for r in db.execute(
        "SELECT code FROM org_units WHERE level IN ('街道','乡镇') ORDER BY code LIMIT 2")]
    for scope in [None, *streets]:
        fast = headline(db, period=period, scope=scope, as_of=as_of, rule=rule)
        full = build_report(db, period=period, scope=scope, as_of=as_of, rule=rule).totals
        assert _headline_fields(fast) == _headline_fields(full), (scope, period, as_of)


def test_headline_counts_a_case_registered_in_the_future_only_when_due(db):
    """A case registered after as-of (a typo'd date) is not counted until that day."""
    case = CaseRepository(db).get(_some(db, "status = '待受理'")[0])
    with db.conn:
        db.execute("UPDATE cases SET received_on = '2024-06-25' WHERE id = ?", [case.id])
    rule = RateRule()
    for as_of in (TODAY, date(2024, 6, 30)):
        fast = headline(db, period="2024-06", scope=None, as_of=as_of, rule=rule)
        full = build_report(db, period="2024-06", scope=None, as_of=as_of, rule=rule).totals
        assert _headline_fields(fast) == _headline_fields(full)
    _ok(db)


def _view_direct(db, f):
    where, params = cq.where_clause(db, f)
    limit = (f.today_date() - timedelta(days=f.overdue_days)).isoformat()
    row = db.execute(
        "SELECT count(*), COALESCE(sum(c.status = '调解中'), 0), "
        "COALESCE(sum(c.status = '调解成功'), 0), "
        "COALESCE(sum(c.status = '调解中' AND c.accepted_on < ?), 0) "
        f"FROM cases c WHERE {where}", [limit, *params]).fetchone()
    return cq.ViewCounts(*row)


def test_status_bar_counts_from_counts_equal_the_cases(db):
    street = db.execute("SELECT code FROM org_units WHERE level = '街道' ORDER BY code"
                        ).fetchone()[0]
    filters = [
        cq.CaseFilter(today=TODAY.isoformat()),
        cq.CaseFilter(scope=cq.Scope("org", street), today=TODAY.isoformat()),
        cq.CaseFilter(status="调解中", today=TODAY.isoformat()),
        cq.CaseFilter(dispute_type="02", date_from="2023-03-17", date_to="2024-01-09",
                      today=TODAY.isoformat()),
        cq.CaseFilter(scope=cq.Scope("org", street), status="调解成功",
                      date_from="2024-01-01", today=TODAY.isoformat()),
    ]
    for f in filters:
        assert cq._counted_view(db, f) is not None
        assert cq.view_counts(db, f) == _view_direct(db, f), f
    assert cq._counted_view(db, cq.CaseFilter(text="王")) is None  # searches count rows


def test_status_bar_counts_follow_the_file_incomplete_filter(db):
    """The '卷宗不完整' check box narrows the list; the status bar must count the same
    cases, not the whole scope (the counts table knows nothing of case files)."""
    f = cq.CaseFilter(file_incomplete=True, today=TODAY.isoformat())
    listed = len(cq.case_ids(db, f))
    assert 0 < listed < len(cq.case_ids(db, cq.CaseFilter(today=TODAY.isoformat())))
    counts = cq.view_counts(db, f)
    assert counts == _view_direct(db, f)
    assert counts.total == listed


def test_check_is_quick_by_default_and_full_compares_the_counts(db):
    from mediator_app.services.trust.backup import check

    steps: list[tuple[int, int]] = []
    assert check(db, progress=lambda done, total: steps.append((done, total))).ok
    assert steps[-1][0] == steps[-1][1] and len(steps) == steps[-1][1]
    with db.conn:
        db.execute(
            "UPDATE case_counts SET n = n + 1 WHERE (kind, month, org_code, status, "
            "dispute_type) IN (SELECT kind, month, org_code, status, dispute_type "
            "FROM case_counts LIMIT 1)")
    assert check(db).ok  # the quick check does not read the cases
    full = check(db, full=True)
    assert not full.ok and "case_counts" in full.problems[0]


def test_cli_check_full(demo_file, tmp_path, capsys):
    from mediator_app.cli.main import main

    copy = tmp_path / "c.db"
    copy.write_bytes(demo_file.read_bytes())
    assert main(["--db", str(copy), "check", "--full"]) == 0
    assert main(["--db", str(copy), "check"]) == 0
    assert "--full" in _help(main, capsys)


def _help(main, capsys) -> str:
    capsys.readouterr()
    main(["check", "--help"])
    return capsys.readouterr().out


def test_a_file_without_the_counts_table_is_answered_from_the_cases(db):
    """E.g. an older ledger opened read-only, whose migrations could not run."""
    first, last = date(2023, 7, 1), TODAY
    expected_monthly = cq.monthly_by_status(db, cq.Scope(), first, last)
    expected_counts = cq.view_counts(db, cq.CaseFilter(today=TODAY.isoformat()))
    rule = RateRule()
    expected_head = _headline_fields(headline(db, period="2024", scope=None, as_of=TODAY,
                                              rule=rule))
    with db.conn:
        for name in ("case_counts_ai", "case_counts_ad", "case_counts_au"):
            db.execute(f"DROP TRIGGER {name}")
        db.execute("DROP TABLE case_counts")
    assert cq.monthly_by_status(db, cq.Scope(), first, last) == expected_monthly
    assert cq.view_counts(db, cq.CaseFilter(today=TODAY.isoformat())) == expected_counts
    assert _headline_fields(headline(db, period="2024", scope=None, as_of=TODAY,
                                     rule=rule)) == expected_head
