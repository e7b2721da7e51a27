"""Formula injection in CSV files written for spreadsheets (issue 8 item 6): every
cell beginning with = + - @ TAB or CR gets an apostrophe in front, the import takes
exactly that apostrophe away, so a round trip is lossless."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest
from exchange_fixtures import case_row, write_cases
from hypothesis import given
from hypothesis import strategies as st

from mediator_app.domain.spreadsheet import neutralise, restore
from mediator_app.reports.csv_out import csv_bytes
from mediator_app.services.exchange.case_exchange import export_cases, import_cases
from mediator_app.services.exchange.package_export import export_package
from mediator_app.storage.db import open_memory
from tests.fixtures.district import COMMITTEE_VILLAGE, build_mini_district

TODAY = date(2024, 6, 30)
DANGEROUS = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-1+1", "@SUM(1+1)",
             "\t=1+1", "\r=1+1", "'-already quoted", "''=two", "-", "普通文本", "'plain"]


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _dangerous_ledger(tmp_path):
    db = open_memory()
    build_mini_district(db)
    # the input file as our export writes it (a hand-made '= is read as =)
    rows = [case_row(n, summary=neutralise(s)) for n, s in enumerate(DANGEROUS, 1)]
    rows.append(case_row(99, case_no=neutralise("=1+2")))
    import_cases(db, [str(write_cases(tmp_path / "in.csv", rows))], today=TODAY)
    stored = {r[0] for r in db.execute("SELECT summary FROM cases")}
    assert set(DANGEROUS) <= stored
    return db


def _no_cell_runs(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_cases_export_neutralises_and_import_restores(tmp_path):
    db = _dangerous_ledger(tmp_path)
    out = tmp_path / "cases.csv"
    export_cases(db, out)
    rows = _rows(out.read_bytes().decode("utf-8-sig"))
    _no_cell_runs(rows)
    summaries = {r[13] for r in rows[1:]}
    assert "'=HYPERLINK(\"http://x\",\"y\")" in summaries and "'-1+1" in summaries
    assert "''-already quoted" in summaries and "'plain" in summaries  # left alone
    assert any(r[1] == "'=1+2" for r in rows)
    back = open_memory()
    build_mini_district(back)
    import_cases(back, [str(out)], today=TODAY)
    query = "SELECT case_id, case_no, summary FROM cases ORDER BY case_id"
    assert back.execute(query).fetchall() == db.execute(query).fetchall()
    # and once more: the second export equals the first (nothing piles up)
    again = tmp_path / "again.csv"
    export_cases(back, again)
    assert again.read_bytes() == out.read_bytes()


def test_package_members_are_neutralised_and_round_trip(tmp_path):
    db = _dangerous_ledger(tmp_path)
    db.execute("INSERT INTO people(name, role, committee_code, phone) VALUES (?, ?, ?, ?)",
               ["=cmd|' /C calc'!A0", "调解员", COMMITTEE_VILLAGE, "+8613800000000"])
    pkg = tmp_path / "p.zip"
    export_package(db, pkg, with_personal_data=True)
    with zipfile.ZipFile(pkg) as zf:
        for name in zf.namelist():
            if name.endswith(".csv"):
                _no_cell_runs(_rows(zf.read(name).decode("utf-8-sig")))
    back = open_memory()
    build_mini_district(back)
    import_cases(back, [str(pkg)], today=TODAY)
    query = "SELECT case_id, case_no, summary FROM cases ORDER BY case_id"
    assert back.execute(query).fetchall() == db.execute(query).fetchall()


def test_report_csv_neutralises_text_but_not_numbers():
    data = csv_bytes(["name", "n"], [["=evil()", 5], ["-x", -3], ["ok", 1.5]])
    rows = _rows(data.decode("utf-8-sig"))
    assert rows[1] == ["'=evil()", "5"] and rows[2] == ["'-x", "-3"]


@given(st.text(alphabet=st.sampled_from(list("'=+-@\t\rab甲 ")), max_size=8))
def test_neutralise_restore_is_lossless(text):
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("text", DANGEROUS)
def test_each_dangerous_text_round_trips(text):
    assert restore(neutralise(text)) == text
