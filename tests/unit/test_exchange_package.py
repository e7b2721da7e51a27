"""Exchange packages: round trip, idempotency, merge rules through packages, damaged
packages refused with nothing written, street-to-district roll-up, org merge warnings,
likely duplicates, dry-run totals, the import log, .xlsx export and random bytes."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from exchange_fixtures import case_row, dump, write_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.demo.district import build_demo
from mediator_app.services.exchange.case_exchange import (
    export_cases_xlsx,
    import_cases,
    list_imports,
)
from mediator_app.services.exchange.package_export import export_package
from mediator_app.services.statistics.report import build_report, report_to_dict
from mediator_app.storage.db import open_memory
from mediator_app.storage.org_repo import OrgRepository
from tests.fixtures.district import DISTRICT, build_mini_district

TODAY = date(2024, 6, 30)
CASE_COLUMNS = ("case_id, case_no, year, committee_code, grid_code, org_code, source, "
                "dispute_type, received_on, accepted_on, closed_on, status, agreement_form, "
                "performance, judicial_confirmed, judicial_confirmed_on, archived, amount_fen, "
                "people_involved, party_count, mass_dispute, prevent_criminal, prevent_petition, "
                "prevent_fight, prevent_suicide, summary, updated_at, deleted")


@pytest.fixture(scope="module")
def source():
    db = open_memory()
    build_demo(db, cases=1200, seed=3, today=TODAY)
    return db


def _cases(db) -> list[tuple]:
    return db.execute(f"SELECT {CASE_COLUMNS} FROM cases ORDER BY case_id").fetchall()


def _parties(db) -> list[tuple]:
    return db.execute("SELECT c.case_id, p.seq, p.name, p.id_number FROM parties p "
                      "JOIN cases c ON c.id = p.case_rowid ORDER BY 1, 2").fetchall()


def _report(db, scope=None) -> dict:
    return report_to_dict(build_report(db, period="2023-01-01..2024-06-30", scope=scope, as_of=TODAY))  # noqa: E501


def _import(db, *paths, **kw):
    return import_cases(db, [str(p) for p in paths], today=TODAY, **kw)


def _refused(db, path: Path, code: str) -> None:
    before = dump(db)
    with pytest.raises(CsvImportError) as info:
        _import(db, path)
    assert [p.code for p in info.value.problems] == [code]
    assert dump(db) == before
    assert all(line for line in info.value.lines("zh"))


# ---- round trip and idempotency ---------------------------------------------------------


def test_round_trip_into_an_empty_database(source, tmp_path):
    pkg = tmp_path / "all.zip"
    manifest = export_package(source, pkg, with_personal_data=True)
    assert manifest.files["cases.csv"]["rows"] == 1200
    assert manifest.totals["cases"] == 1200
    with zipfile.ZipFile(pkg) as zf:
        raw = json.loads(zf.read("manifest.json"))
        assert raw["format"] == "mediator-ledger-package" and raw["format_version"] == 2
        for name, entry in raw["files"].items():
            assert hashlib.sha256(zf.read(name)).hexdigest() == entry["sha256"]
    target = open_memory()
    result = _import(target, pkg)
    assert result.files[0].new == 1200 and not result.conflicts
    assert _cases(target) == _cases(source)
    assert _parties(target) == _parties(source)
    assert _report(target) == _report(source)
    assert result.totals_before["cases"] == 0
    assert result.totals_after == {**manifest.totals}
    # idempotent: the second import changes nothing
    before = _cases(target)
    again = _import(target, pkg).files[0]
    assert (again.new, again.updated, again.unchanged, again.conflicts) == (0, 0, 1200, 0)
    assert _cases(target) == before


def test_package_without_personal_data_has_no_parties(source, tmp_path):
    pkg = tmp_path / "p.zip"
    export_package(source, pkg)
    with zipfile.ZipFile(pkg) as zf:
        names = set(zf.namelist())
    assert "parties.csv" not in names and {"cases.csv", "org_units.csv"} <= names
    target = open_memory()
    _import(target, pkg)
    assert target.execute("SELECT count(*) FROM parties").fetchone()[0] == 0
    assert _report(target) == _report(source)  # statistics need no personal data


def test_street_packages_roll_up_to_the_district(source, tmp_path):
    streets = [u.code for u in OrgRepository(source).children(DISTRICT)]
    assert len(streets) >= 2
    # the district's own ledger: only the cases registered at the district itself
    district = open_memory()
    own = tmp_path / "own.zip"
    export_package(source, own)
    _import(district, own)
    district.execute("DELETE FROM cases WHERE org_code <> ?", [DISTRICT])
    assert _report(district, DISTRICT)["children"][0]["disputes"] == 0
    packages = []
    for code in streets:
        packages.append(tmp_path / f"{code}.zip")
        manifest = export_package(source, packages[-1], scope=code)
        assert manifest.source_unit["code"] == code
    for pkg in packages:
        _import(district, pkg)
    merged = _report(district, DISTRICT)
    assert merged == _report(source, DISTRICT)
    by_street = {c["code"]: c for c in merged["children"]}
    for code in streets:
        street = _report(source, code)["totals"]
        assert by_street[code]["disputes"] == street["disputes"]
        assert by_street[code]["amount_fen"] == street["amount_fen"]
    assert merged["totals"]["disputes"] == sum(_report(source, c)["totals"]["disputes"]
                                               for c in streets) + merged["direct"]["disputes"]


def test_merge_rules_through_packages(tmp_path):
    a, b = open_memory(), open_memory()
    for db in (a, b):
        build_mini_district(db)
    rows = [case_row(n) for n in range(1, 5)]
    _import(a, write_cases(tmp_path / "a.csv", rows))
    changed = [case_row(1, summary="新", updated_at="2023-06-01T00:00:00+08:00"),
               case_row(2, summary="旧", updated_at="2023-05-01T00:00:00+08:00"),
               case_row(3, summary="同时不同"), case_row(4), case_row(5)]
    _import(b, write_cases(tmp_path / "b.csv", changed))
    pkg = tmp_path / "b.zip"
    export_package(b, pkg)
    result = _import(a, pkg)
    counts = result.files[0]
    assert (counts.new, counts.updated, counts.stale, counts.conflicts, counts.unchanged) == (
        1, 1, 1, 1, 1)
    assert result.conflicts[0].fields == ["summary"] and result.conflicts[0].line == 4
    summaries = dict(a.execute("SELECT case_no, summary FROM cases").fetchall())
    assert summaries[case_row(1)["case_no"]] == "新"
    assert summaries[case_row(3)["case_no"]] == case_row(3)["summary"]


# ---- damaged packages -------------------------------------------------------------------


@pytest.fixture
def small_package(tmp_path):
    db = open_memory()
    build_mini_district(db)
    _import(db, write_cases(tmp_path / "c.csv", [case_row(n) for n in range(1, 30)]))
    pkg = tmp_path / "small.zip"
    export_package(db, pkg)
    receiver = open_memory()
    build_mini_district(receiver)
    return pkg, receiver


def test_edited_byte_is_refused(small_package, tmp_path):
    pkg, receiver = small_package
    data = bytearray(pkg.read_bytes())
    with zipfile.ZipFile(pkg) as zf:
        info = zf.getinfo("cases.csv")
    data[info.header_offset + 30 + len(info.filename) + 40] ^= 0x01
    bad = tmp_path / "edited.zip"
    bad.write_bytes(bytes(data))
    _refused(receiver, bad, "package.damaged")


def test_edited_file_with_valid_zip_is_a_hash_mismatch(small_package, tmp_path):
    pkg, receiver = small_package
    bad = tmp_path / "rezipped.zip"
    with zipfile.ZipFile(pkg) as src, zipfile.ZipFile(bad, "w") as dst:
        for name in src.namelist():
            content = src.read(name)
            if name == "cases.csv":
                content = content.replace(b"1200.50", b"9200.50", 1)
            dst.writestr(name, content)
    _refused(receiver, bad, "package.hash_mismatch")


def test_truncated_package_is_refused(small_package, tmp_path):
    pkg, receiver = small_package
    bad = tmp_path / "cut.zip"
    bad.write_bytes(pkg.read_bytes()[: pkg.stat().st_size // 2])
    _refused(receiver, bad, "package.damaged")


def test_missing_manifest_and_other_format(small_package, tmp_path):
    pkg, receiver = small_package
    bad = tmp_path / "nomanifest.zip"
    with zipfile.ZipFile(pkg) as src, zipfile.ZipFile(bad, "w") as dst:
        for name in src.namelist():
            if name != "manifest.json":
                dst.writestr(name, src.read(name))
    _refused(receiver, bad, "package.no_manifest")
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as dst:
        dst.writestr("manifest.json", json.dumps({"format": "x", "format_version": 1}))
    _refused(receiver, other, "package.format")


def test_a_workbook_given_as_a_package_is_told_apart(small_package, tmp_path):
    """An .xlsx (the case list exported as a workbook, or an old ledger) is a zip too:
    the refusal says it is a workbook and where workbooks are imported, not that a
    package lacks its manifest."""
    _pkg, receiver = small_package
    book = tmp_path / "cases.xlsx"
    export_cases_xlsx(receiver, book)
    _refused(receiver, book, "package.workbook")
    with pytest.raises(CsvImportError) as info:
        _import(receiver, book)
    assert "import-ledger" in info.value.lines("zh")[0]
    assert "import-ledger" in info.value.lines("en")[0]


def test_bad_row_in_package_names_member_line_and_column(tmp_path):
    db = open_memory()
    build_mini_district(db)
    _import(db, write_cases(tmp_path / "c.csv", [case_row(1)]))
    pkg = tmp_path / "p.zip"
    export_package(db, pkg)
    receiver = open_memory()
    build_mini_district(receiver)
    receiver.execute("DELETE FROM code_items WHERE label = '邻里纠纷'")
    before = dump(receiver)
    with pytest.raises(CsvImportError) as info:
        _import(receiver, pkg)
    problem = info.value.problems[0]
    assert (problem.file, problem.line, problem.column) == (f"{pkg}/cases.csv", 2, 6)
    assert dump(receiver) == before


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=600),
                      st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b)))
def test_random_bytes_as_zip_never_crash_and_never_write(tmp_path, data):
    db = open_memory()
    build_mini_district(db)
    path = tmp_path / "random.zip"
    path.write_bytes(data)
    before = dump(db)
    with pytest.raises(CsvImportError) as info:
        _import(db, path)
    assert info.value.problems and dump(db) == before


# ---- org merge, duplicates, dry run, log, xlsx -------------------------------------------


def test_missing_units_come_in_and_name_differences_warn(source, tmp_path):
    streets = [u.code for u in OrgRepository(source).children(DISTRICT)]
    pkg = tmp_path / "s.zip"
    export_package(source, pkg, scope=streets[0])
    receiver = open_memory()
    OrgRepository(receiver).upsert_unit(OrgRepository(source).unit(DISTRICT).__class__(
        DISTRICT, "另一个名字", OrgRepository(source).unit(DISTRICT).level))
    result = _import(receiver, pkg)
    assert [w.code for w in result.warnings] == ["unit.name_differs"]
    assert "另一个名字" in result.warnings[0] and "org_units.csv" in result.warnings[0]
    assert OrgRepository(receiver).unit(DISTRICT).name == "另一个名字"
    assert OrgRepository(receiver).unit(streets[0]) is not None
    assert OrgRepository(receiver).unit(streets[1]) is None  # only the scope's subtree


def test_likely_duplicates_are_warnings(source, tmp_path):
    pkg = tmp_path / "all.zip"
    export_package(source, pkg, with_personal_data=True)
    receiver = open_memory()
    _import(receiver, pkg)
    # the same disputes entered again under new case ids (another grid's copy)
    receiver.execute("UPDATE cases SET case_id = lower(hex(randomblob(16))), "
                     "case_no = case_no || '副' WHERE id <= 30")
    receiver.execute("UPDATE cases SET case_id = substr(case_id, 1, 8) || '-' || "
                     "substr(case_id, 9, 4) || '-4' || substr(case_id, 14, 3) || '-8' || "
                     "substr(case_id, 18, 3) || '-' || substr(case_id, 21, 12) WHERE id <= 30")
    result = _import(receiver, pkg)
    assert result.files[0].new == 30
    codes = {w.code for w in result.warnings}
    assert codes & {"duplicate.id_number", "duplicate.names"}
    assert len(result.warnings) >= 30


def test_dry_run_reports_the_change_of_totals_and_writes_nothing(small_package):
    pkg, receiver = small_package
    before = dump(receiver)
    result = _import(receiver, pkg, dry_run=True)
    assert dump(receiver) == before
    assert result.totals_before["cases"] == 0 and result.totals_after["cases"] == 29
    assert result.totals_after["amount_yuan"] == "34814.50"
    assert list_imports(receiver) == []


def test_import_log_lists_every_import(small_package, tmp_path):
    pkg, receiver = small_package
    _import(receiver, pkg)
    csv_file = write_cases(tmp_path / "more.csv", [case_row(90)])
    _import(receiver, csv_file)
    entries = list_imports(receiver)
    assert [(e.kind, e.file, e.new) for e in entries] == [("cases.csv", "more.csv", 1),
                                                          ("package", "small.zip", 29)]
    assert entries[1].sha256 == hashlib.sha256(pkg.read_bytes()).hexdigest()
    assert entries[1].details["totals_after"]["cases"] == 29 and not entries[1].dry_run


def test_cancel_writes_nothing(source, tmp_path, monkeypatch):
    import mediator_app.services.exchange.case_merge as cm
    from mediator_app.domain.progress import Cancelled

    monkeypatch.setattr(cm, "CHUNK_ROWS", 100)
    pkg = tmp_path / "all.zip"
    export_package(source, pkg)
    receiver = open_memory()
    before = dump(receiver)
    seen = []
    with pytest.raises(Cancelled):
        _import(receiver, pkg, progress=lambda d, t: seen.append((d, t)),
                cancel=lambda: len(seen) >= 3)
    assert dump(receiver) == before and seen[-1][1] > 0


def test_xlsx_export_has_text_cells(small_package, tmp_path):
    pkg, receiver = small_package
    _import(receiver, pkg)
    out = tmp_path / "cases.xlsx"
    assert export_cases_xlsx(receiver, out) == 29
    with zipfile.ZipFile(out) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert sheet.count("<row ") == 30 and 't="n"' not in sheet
    assert "610114001001001" in sheet and "案件标识" in sheet
