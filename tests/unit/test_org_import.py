"""org_units.csv, committees.csv, people.csv: recognised by header, applied in order in
one transaction, every problem named by file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import dump

from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.organisation.import_files import import_org
from mediator_app.storage.db import open_memory
from mediator_app.storage.org_repo import OrgRepository

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = [FIXTURES / n for n in ("people.csv", "committees.csv", "org_units.csv")]


@pytest.fixture
def db():
    return open_memory()


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _fails(db, paths, code, **where):
    before = dump(db)
    with pytest.raises(CsvImportError) as info:
        import_org(db, paths)
    assert dump(db) == before
    hits = [p for p in info.value.problems if p.code == code]
    assert hits, [(p.code, p.line, p.field) for p in info.value.problems]
    for key, value in where.items():
        assert getattr(hits[0], key) == value
    return info.value


def test_files_in_any_order_are_applied_units_first(db):
    result = import_org(db, FILES)
    assert {f.kind: f.new for f in result.files} == {"people": 3, "committees": 3, "units": 10}
    repo = OrgRepository(db)
    assert repo.unit("610114001001001").parent_code == "610114001001"
    assert set(repo.descendant_codes("610114001")) >= {"610114001001", "610114001001001"}
    assert repo.committee("C001").short_name == "东村"
    assert len(repo.people()) == 3
    assert db.execute("SELECT count(*) FROM audit_log WHERE entity = 'import'").fetchone()[0] == 3


def test_reimport_updates_by_code(db, tmp_path):
    import_org(db, FILES)
    renamed = _write(tmp_path, "units.csv", "code,name,level,parent_code\n"
                     "610114001,新东街道,街道,610114\n")
    result = import_org(db, [renamed, FIXTURES / "people.csv"])
    assert [(f.new, f.updated) for f in result.files] == [(0, 1), (0, 3)]
    assert OrgRepository(db).unit("610114001").name == "新东街道"
    assert len(OrgRepository(db).people()) == 3


def test_chinese_header_gbk_and_leading_zeros(db, tmp_path):
    path = _write(tmp_path, "机构.csv", "代码,名称,层级,上级代码\r\n0610,某区,区,\r\n"
                  "0610001,某街道,街道,0610\r\n", "gbk")
    import_org(db, [path])
    assert OrgRepository(db).unit("0610001").parent_code == "0610"


def test_missing_parent_and_level_order(db, tmp_path):
    path = _write(tmp_path, "u.csv", "code,name,level,parent_code\n"
                  "1,区,区,\n2,网,网格,1\n3,村,村,2\n4,街,街道,99\n5,怪,层,1\n")
    error = _fails(db, [path], "org.level_order", line=4, column=3)
    codes = {(p.line, p.code) for p in error.problems}
    assert {(5, "org.parent_missing"), (6, "enum.invalid")} <= codes
    assert "u.csv 第 4 行 第 3 列" in "\n".join(error.lines("zh"))


def test_changing_a_level_must_keep_children_below(db, tmp_path):
    import_org(db, FILES)
    path = _write(tmp_path, "u.csv", "code,name,level,parent_code\n"
                  "610114001001,东村,网格,610114001\n")
    _fails(db, [path], "org.child_level", line=2)


def test_committee_kind_and_org_code(db, tmp_path):
    import_org(db, [FIXTURES / "org_units.csv"])
    path = _write(tmp_path, "c.csv", "code,name,short_name,kind,org_code\n"
                  "C9,某调委会,某,居委会,610114\nC8,另一个,另,区调委会,999\n")
    error = _fails(db, [path], "enum.invalid", line=2, column=4)
    assert any(p.code == "unknown_code" and p.line == 3 for p in error.problems)


def test_people_references(db, tmp_path):
    import_org(db, [FIXTURES / "org_units.csv", FIXTURES / "committees.csv"])
    path = _write(tmp_path, "p.csv", "name,role,committee_code,grid_code,phone\n"
                  "甲,网格员,,610114001001,1\n乙,调解员,C404,,2\n丙,调解员,,,3\n"
                  "丁,警察,C001,,4\n甲,网格员,,610114001001001,1\n甲,网格员,,610114001001001,1\n")
    error = _fails(db, [path], "grid.not_grid", line=2, column=4)
    codes = {(p.line, p.code) for p in error.problems}
    assert {(3, "unknown_code"), (4, "required"), (5, "enum.invalid"),
            (7, "duplicate_in_file")} <= codes


def test_duplicate_code_and_unknown_header(db, tmp_path):
    dup = _write(tmp_path, "u.csv", "code,name,level,parent_code\n1,区,区,\n1,区,区,\n")
    _fails(db, [dup], "duplicate_in_file", line=3)
    strange = _write(tmp_path, "x.csv", "foo,bar\n1,2\n")
    _fails(db, [strange], "csv.unknown_kind", line=1)
    missing = _write(tmp_path, "y.csv", "code,name,level\n1,区,区\n")
    _fails(db, [missing], "csv.header_missing", line=1)


def test_one_bad_file_means_nothing_is_written(db, tmp_path):
    bad = _write(tmp_path, "p.csv", "name,role,committee_code,grid_code,phone\n甲,调解员,C404,,1\n")
    _fails(db, [*FILES[1:], bad], "unknown_code", line=2, column=3)
    assert OrgRepository(db).units() == []
