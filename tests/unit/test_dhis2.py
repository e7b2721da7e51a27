"""DHIS2 dataValueSet export: rows per unit, month and element; figures equal the
statistics report's; mapping and org-unit map files; level choice; bad input."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from exchange_fixtures import case_row, write_cases

from mediator_app.domain.errors import DomainError
from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.exchange.case_exchange import import_cases
from mediator_app.services.statistics.dhis2 import HEADER, dhis2_rows, export_dhis2, months
from mediator_app.services.statistics.report import build_report
from mediator_app.storage.db import open_memory
from tests.fixtures.district import (
    DISTRICT,
    GRID_A1,
    STREET_A,
    STREET_B,
    VILLAGE_A,
    build_mini_district,
)

AS_OF = date(2024, 1, 1)


@pytest.fixture
def db(tmp_path):
    database = open_memory()
    build_mini_district(database)
    rows = [case_row(1), case_row(2, agreement_form="书面", amount_yuan="10"),
            case_row(3, status="调解中", closed_on="", agreement_form=""),
            case_row(4, received_on="2023-06-02", accepted_on="2023-06-03",
                     closed_on="2023-06-05")]
    import_cases(database, [write_cases(tmp_path / "c.csv", rows)], today=AS_OF)
    return database


def test_months():
    assert months("2023-05") == ["2023-05"]
    assert months("2023") == [f"2023-{m:02d}" for m in range(1, 13)]
    for bad in ("2023-13", "2023-00", "23", "2023-Q1"):
        with pytest.raises(DomainError):
            months(bad)


def test_rows_match_the_report_and_include_zero_units(db):
    rows = dhis2_rows(db, period="2023-05", scope=DISTRICT, as_of=AS_OF)
    values = {(r[0], r[2]): r[5] for r in rows}
    report = build_report(db, period="2023-05", scope=DISTRICT, as_of=AS_OF)
    street = next(c.figures for c in report.children if c.unit.code == STREET_A)
    assert values[("MED_DISPUTES", STREET_A)] == str(street.disputes) == "3"
    assert values[("MED_RESOLVED", STREET_A)] == "2"
    assert values[("MED_IN_PROGRESS", STREET_A)] == "1"
    assert values[("MED_WRITTEN", STREET_A)] == "1" and values[("MED_ORAL", STREET_A)] == "1"
    assert values[("MED_AMOUNT_YUAN", STREET_A)] == "2411.00"
    assert values[("MED_DISPUTES", STREET_B)] == "0"  # zero report
    assert {r[1] for r in rows} == {"202305"} and {r[6] for r in rows} == {"mediator-app"}
    assert len(rows) == 2 * 9


def test_year_gives_twelve_periods_at_a_level(db):
    rows = dhis2_rows(db, period="2023", scope=STREET_A, level="网格", as_of=AS_OF)
    assert {r[1] for r in rows} == {f"2023{m:02d}" for m in range(1, 13)}
    disputes = {(r[1], r[2]): int(r[5]) for r in rows if r[0] == "MED_DISPUTES"}
    assert disputes[("202305", GRID_A1)] == 3 and disputes[("202306", GRID_A1)] == 1
    assert sum(disputes.values()) == 4
    with pytest.raises(DomainError):
        dhis2_rows(db, period="2023", scope=VILLAGE_A, level="街道")


def test_mapping_and_orgunit_map_files(db, tmp_path):
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("key,dataelement,categoryoptioncombo\ndisputes,fbfJHSPpUQD,HllvX50cXC0\n"
                       "amount_yuan,AMOUNT,\n", encoding="utf-8")
    units = tmp_path / "units.csv"
    units.write_text(f"code,dhis2_uid\n{STREET_A},ImspTQPwCqd\n{STREET_B},O6uvpzGd5pu\n",
                     encoding="utf-8")
    out = tmp_path / "dv.csv"
    n = export_dhis2(db, out, period="2023-05", scope=DISTRICT, mapping=mapping,
                     orgunit_map=units, as_of=AS_OF)
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == list(HEADER) and n == len(rows) - 1 == 4
    assert ["fbfJHSPpUQD", "202305", "ImspTQPwCqd", "HllvX50cXC0", "", "3"] == rows[1][:6]
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_bad_mapping_names_file_line_and_column(db, tmp_path):
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("key,dataelement\ndisputes,A\nsuccess_rate,B\n", encoding="utf-8")
    with pytest.raises(CsvImportError) as info:
        export_dhis2(db, tmp_path / "o.csv", period="2023-05", scope=DISTRICT, mapping=mapping)
    problem = info.value.problems[0]
    assert (problem.line, problem.column, problem.field) == (3, 1, "key")
    units = tmp_path / "units.csv"
    units.write_text(f"code,dhis2_uid\n{STREET_A},X\n", encoding="utf-8")
    with pytest.raises(DomainError):
        export_dhis2(db, tmp_path / "o.csv", period="2023-05", scope=DISTRICT,
                     orgunit_map=units)
