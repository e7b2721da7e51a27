"""What imports refuse although it parses (issue 8 item 11): updated_at more than a
day ahead of this machine's clock, control characters (NUL, ESC, bidi overrides) in
any cell. Each names file, line, column and field; nothing is written."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from exchange_fixtures import case_row, dump, write_cases

from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.exchange.case_exchange import import_cases
from mediator_app.services.exchange.package_export import export_package
from mediator_app.services.organisation.import_files import import_org
from mediator_app.storage.db import open_memory
from tests.fixtures.district import build_mini_district

TODAY = date(2024, 6, 30)
UPDATED_AT = 15  # column of updated_at in cases.csv v1 (1-based)
SUMMARY = 14


@pytest.fixture
def ledger():
    db = open_memory()
    build_mini_district(db)
    return db


def _refused(db, *paths: Path) -> CsvImportError:
    before = dump(db)
    with pytest.raises(CsvImportError) as info:
        import_cases(db, [str(p) for p in paths], today=TODAY)
    assert dump(db) == before
    return info.value


def test_updated_at_far_in_the_future_is_refused_with_line_and_column(ledger, tmp_path):
    path = write_cases(tmp_path / "c.csv", [
        case_row(1), case_row(2, updated_at="9999-12-31T23:59:59+08:00")])
    error = _refused(ledger, path)
    [p] = error.problems
    assert (p.line, p.column, p.field, p.code) == (3, UPDATED_AT, "updated_at", "datetime.future")
    text = error.lines("zh")[0]
    assert "第 3 行" in text and "第 15 列" in text and "9999-12-31" in text
    assert "clock" in error.lines("en")[0]


def test_updated_at_within_a_day_of_the_clock_is_accepted(ledger, tmp_path):
    soon = (datetime.now(UTC) + timedelta(hours=20)).isoformat(timespec="seconds")
    later = (datetime.now(UTC) + timedelta(hours=26)).isoformat(timespec="seconds")
    import_cases(ledger, [str(write_cases(tmp_path / "a.csv", [case_row(1, updated_at=soon)]))],
                 today=TODAY)
    error = _refused(ledger, write_cases(tmp_path / "b.csv", [case_row(2, updated_at=later)]))
    assert [p.code for p in error.problems] == ["datetime.future"]


@pytest.mark.parametrize("char, shown", [("\x00", "U+0000"), ("\x1b", "U+001B"),
                                         ("\u202e", "U+202E"), ("\u2066", "U+2066"),
                                         ("\x7f", "U+007F")])
def test_control_characters_in_cases_are_refused(ledger, tmp_path, char, shown):
    path = write_cases(tmp_path / "c.csv", [case_row(1), case_row(2),
                                            case_row(3, summary=f"邻里{char}纠纷")])
    error = _refused(ledger, path)
    [p] = error.problems
    assert (p.line, p.column, p.field, p.code) == (4, SUMMARY, "summary", "text.control")
    assert shown in error.lines("zh")[0] and "不会自动删除" in error.lines("zh")[0]


def test_tabs_and_line_breaks_stay_allowed(ledger, tmp_path):
    path = write_cases(tmp_path / "c.csv", [case_row(1, summary="第一行\r\n第二行\t完")])
    import_cases(ledger, [str(path)], today=TODAY)
    assert ledger.execute("SELECT summary FROM cases").fetchone()[0] == "第一行\r\n第二行\t完"


def test_control_characters_inside_a_package_member_are_refused(ledger, tmp_path):
    source = open_memory()
    build_mini_district(source)
    import_cases(source, [str(write_cases(tmp_path / "c.csv", [case_row(1)]))], today=TODAY)
    source.execute("INSERT INTO parties(case_rowid, seq, role, kind, name) "
                   "VALUES (1, 1, '申请人', '自然人', ?)", ["张\u202e三"])
    pkg = tmp_path / "p.zip"
    export_package(source, pkg, with_personal_data=True)
    error = _refused(ledger, pkg)
    [p] = error.problems
    assert p.file.endswith("p.zip/parties.csv") and p.field == "name" and p.line == 2
    assert p.code == "text.control"


def test_control_characters_in_org_files_are_refused(ledger, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,role,committee_code,grid_code,phone\n王\x1b[31m调解,调解员,C001,,1\n",
                    encoding="utf-8")
    before = dump(ledger)
    with pytest.raises(CsvImportError) as info:
        import_org(ledger, [str(path)])
    [p] = info.value.problems
    assert (p.line, p.column, p.field, p.code) == (2, 1, "name", "text.control")
    assert dump(ledger) == before
