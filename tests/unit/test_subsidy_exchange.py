"""以案定补 across the exchange: the difficulty class travels in cases.csv (optional
column, files without it still import), and a street's quarterly claim recomputes
identically in the district ledger after a package round trip."""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from datetime import date

import pytest

from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.demo.district import build_demo_file
from mediator_app.services.exchange.case_exchange import export_cases, import_cases
from mediator_app.services.exchange.package_export import export_package
from mediator_app.services.organisation.import_files import import_org
from mediator_app.services.subsidy import claim as subsidy
from mediator_app.services.subsidy.claim import claim_to_dict
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_database, open_memory
from tests.unit.exchange_fixtures import case_row, write_cases

STREET, DISTRICT = "610114001", "610114"
QUARTER = "2025-Q2"


@pytest.fixture(scope="module")
def street_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("street") / "street.db"
    build_demo_file(path, cases=4000, seed=7, today=date(2026, 11, 30))
    return path


def _comparable(d):
    """The claim without what is local to a ledger (nothing, today: person ids and case
    row ids are not in the JSON)."""
    return d


def _round_trip(street_file, tmp_path, *, personal=False):
    handle = open_database(street_file)
    try:
        sender = handle.db
        before = claim_to_dict(subsidy.compute_claim(sender, period=QUARTER, scope=STREET))
        pkg = tmp_path / "street.zip"
        export_package(sender, pkg, scope=STREET, with_personal_data=personal)
    finally:
        handle.close()
    district = open_memory()
    result = import_cases(district, [pkg])
    assert result.files[0].new > 0
    after = claim_to_dict(subsidy.compute_claim(district, period=QUARTER, scope=STREET))
    return before, after, district, pkg


def test_street_quarterly_claim_recomputes_identically_in_the_district(street_file, tmp_path):
    before, after, district, pkg = _round_trip(street_file, tmp_path)
    assert before["totals"]["eligible_cases"] > 20
    assert before["totals"]["refused_cases"] > 0  # incomplete files travel as such
    assert _comparable(after) == _comparable(before)
    with zipfile.ZipFile(pkg) as zf:
        assert {"case_files.csv", "case_mediators.csv"} <= set(zf.namelist())
        assert "parties.csv" not in zf.namelist()
    # importing the same package again changes nothing (no mediator added twice)
    people = district.execute("SELECT count(*) FROM people").fetchone()[0]
    import_cases(district, [pkg])
    assert district.execute("SELECT count(*) FROM people").fetchone()[0] == people
    assert claim_to_dict(subsidy.compute_claim(district, period=QUARTER, scope=STREET)) == after


def test_round_trip_with_personal_data_and_known_mediators(street_file, tmp_path):
    before, after, district, _pkg = _round_trip(street_file, tmp_path, personal=True)
    assert after == before


def test_mediators_are_matched_to_the_receivers_people(street_file, tmp_path):
    handle = open_database(street_file)
    try:
        pkg = tmp_path / "s.zip"
        export_package(handle.db, pkg, scope=STREET)
        before = claim_to_dict(subsidy.compute_claim(handle.db, period=QUARTER, scope=STREET))
    finally:
        handle.close()
    folder = tmp_path / "org"
    folder.mkdir()
    with zipfile.ZipFile(pkg) as zf:
        for name in ("org_units.csv", "committees.csv", "people.csv"):
            zf.extract(name, folder)
    district = open_memory()
    import_org(district, [folder / "org_units.csv", folder / "committees.csv",
                          folder / "people.csv"])
    people = district.execute("SELECT count(*) FROM people").fetchone()[0]
    import_cases(district, [pkg])
    assert district.execute("SELECT count(*) FROM people").fetchone()[0] == people
    assert claim_to_dict(subsidy.compute_claim(district, period=QUARTER, scope=STREET)) == before


def test_difficulty_travels_in_cases_csv(street_file, tmp_path):
    handle = open_database(street_file)
    try:
        db = handle.db
        repo = CaseRepository(db)
        rowid = db.execute("SELECT id FROM cases WHERE difficulty = '2' LIMIT 1").fetchone()[0]
        case = repo.get(rowid)
        with db.atomic():
            repo.update(rowid, dataclasses.replace(case, difficulty="4"),
                        repo.location_of(case.committee_code, case.grid_code) or "")
        out = tmp_path / "cases.csv"
        export_cases(db, out, scope=STREET)
    finally:
        handle.close()
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert list(rows[0])[-1] == "difficulty"
    assert {r["difficulty"] for r in rows} <= {"简易", "一般", "疑难", "重大"}
    target = open_memory()
    _org_from(street_file, target, tmp_path)
    import_cases(target, [out])
    assert target.execute("SELECT difficulty FROM cases WHERE case_id = ?",
                          [case.case_id]).fetchone()[0] == "4"


def _org_from(street_file, target, tmp_path):
    handle = open_database(street_file)
    try:
        pkg = tmp_path / "org.zip"
        export_package(handle.db, pkg, scope=STREET, date_from="2999-01-01")
    finally:
        handle.close()
    import_cases(target, [pkg])


def test_cases_csv_without_the_column_still_imports_and_keeps_classes(tmp_path):
    from mediator_app.storage.exchange_repo import CASES_V1_COLUMNS
    from tests.fixtures.district import build_mini_district

    db = open_memory()
    build_mini_district(db)
    v1 = write_cases(tmp_path / "v1.csv", [case_row(1, dispute_type="邻里纠纷")],
                     header=CASES_V1_COLUMNS)
    import_cases(db, [v1])
    assert db.execute("SELECT difficulty FROM cases").fetchone()[0] == "1"  # default rule
    with_class = write_cases(tmp_path / "v11.csv", [case_row(
        1, dispute_type="邻里纠纷", difficulty="疑难", updated_at="2023-05-11T09:00:00+08:00")])
    import_cases(db, [with_class])
    assert db.execute("SELECT difficulty FROM cases").fetchone()[0] == "3"
    newer_v1 = write_cases(tmp_path / "v1b.csv", [case_row(
        1, dispute_type="邻里纠纷", updated_at="2023-05-12T09:00:00+08:00")],
        header=CASES_V1_COLUMNS)
    import_cases(db, [newer_v1])
    assert db.execute("SELECT difficulty FROM cases").fetchone()[0] == "3"  # kept
    bad = write_cases(tmp_path / "bad.csv", [case_row(
        2, difficulty="很难", updated_at="2023-05-12T09:00:00+08:00")])
    with pytest.raises(CsvImportError) as exc:
        import_cases(db, [bad])
    problem = exc.value.problems[0]
    assert (problem.line, problem.column, problem.field) == (2, 17, "difficulty")
    assert "很难" in exc.value.lines("zh")[0]
