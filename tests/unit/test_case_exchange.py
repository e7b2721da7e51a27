"""cases.csv v1: merge rules, validation with file/line/column, all-or-nothing,
round trip, encodings, and a property test that random input never writes half."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from exchange_fixtures import case_row, dump, write_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediator_app.domain.errors import DomainError
from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.exchange.case_exchange import export_cases, import_cases
from mediator_app.storage.case_query import fts_trigrams
from mediator_app.storage.db import open_memory
from mediator_app.storage.exchange_repo import EXPORT_HEADER
from tests.fixtures.district import (
    COMMITTEE_STREET,
    GRID_B1,
    STREET_B,
    VILLAGE_A,
    build_mini_district,
)

TODAY = date(2024, 1, 1)


@pytest.fixture
def db():
    database = open_memory()
    build_mini_district(database)
    return database


def _import(db, *paths, **kw):
    return import_cases(db, list(paths), today=TODAY, **kw)


def _cases(db) -> list[tuple]:
    return db.execute("SELECT case_id, case_no, status, amount_fen, summary, updated_at, "
                      "deleted, org_code, source, dispute_type FROM cases ORDER BY case_id"
                      ).fetchall()


def _fails(db, path: Path, code: str, **where) -> CsvImportError:
    before = dump(db)
    with pytest.raises(CsvImportError) as info:
        _import(db, path)
    assert dump(db) == before, "a failed import must leave the database as it was"
    matching = [p for p in info.value.problems if p.code == code]
    assert matching, [(p.code, p.line) for p in info.value.problems]
    for key, value in where.items():
        assert getattr(matching[0], key) == value
    assert path.name in info.value.lines("zh")[0]
    return info.value


# ---- merge rules ----------------------------------------------------------------------


def test_new_rows_are_inserted_with_codes_fen_and_location(db, tmp_path):
    path = write_cases(tmp_path / "c.csv", [case_row(1), case_row(2, grid_code="",
                                                                    source="4")])
    result = _import(db, path)
    assert (result.files[0].new, result.files[0].errors) == (2, 0)
    rows = _cases(db)
    assert rows[0][3] == 120050 and rows[0][8:] == ("1", "02")
    assert rows[1][7] == VILLAGE_A  # no grid: located at the committee's unit
    assert rows[1][8] == "4"


def test_importing_the_same_file_twice_changes_nothing(db, tmp_path):
    path = write_cases(tmp_path / "c.csv", [case_row(n) for n in range(1, 4)])
    _import(db, path)
    before = _cases(db)
    counts = _import(db, path).files[0]
    assert (counts.new, counts.updated, counts.unchanged) == (0, 0, 3)
    assert _cases(db) == before


def test_newer_row_replaces_older_is_stale(db, tmp_path):
    _import(db, write_cases(tmp_path / "a.csv", [case_row(1), case_row(2)]))
    newer = case_row(1, summary="改过了", updated_at="2023-05-11T01:00:00Z")
    older = case_row(2, summary="旧的", updated_at="2023-05-10T08:59:59+08:00")
    counts = _import(db, write_cases(tmp_path / "b.csv", [newer, older])).files[0]
    assert (counts.updated, counts.stale) == (1, 1)
    summaries = [r[4] for r in _cases(db)]
    assert summaries == ["改过了", "第2件，邻里纠纷"]


def test_same_instant_in_another_offset_is_unchanged(db, tmp_path):
    _import(db, write_cases(tmp_path / "a.csv", [case_row(1)]))
    same = case_row(1, updated_at="2023-05-10T01:00:00+00:00")
    counts = _import(db, write_cases(tmp_path / "b.csv", [same])).files[0]
    assert (counts.unchanged, counts.conflicts) == (1, 0)


def test_same_instant_with_other_content_is_a_conflict_keeping_the_local_copy(db, tmp_path):
    _import(db, write_cases(tmp_path / "a.csv", [case_row(1), case_row(2)]))
    same = case_row(1, summary="不同内容", amount_yuan="5", updated_at="2023-05-10T01:00:00+00:00")
    result = _import(db, write_cases(tmp_path / "b.csv", [case_row(2), same]))
    counts = result.files[0]
    assert (counts.unchanged, counts.conflicts, counts.updated) == (1, 1, 0)
    [conflict] = result.conflicts
    assert (conflict.line, conflict.case_id, conflict.case_no) == (
        3, same["case_id"], same["case_no"])
    assert conflict.fields == ["amount_yuan", "summary"]
    assert "summary（" in conflict.text("zh") and "local copy is kept" in conflict.text("en")
    assert _cases(db)[0][3:5] == (120050, "第1件，邻里纠纷")


def test_tombstone_travels_and_is_exported(db, tmp_path):
    _import(db, write_cases(tmp_path / "a.csv", [case_row(1), case_row(2)]))
    gone = case_row(1, deleted="1", updated_at="2023-06-01T00:00:00+08:00")
    _import(db, write_cases(tmp_path / "b.csv", [gone]))
    assert [r[6] for r in _cases(db)] == [1, 0]
    out = tmp_path / "out.csv"
    assert export_cases(db, out) == 2
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert [r["deleted"] for r in rows] == ["1", "0"]


def test_export_then_import_into_empty_db_gives_identical_cases(db, tmp_path):
    rows = [case_row(1), case_row(2, status="调解中", closed_on="", agreement_form="",
                                  grid_code="", summary='引号"和,逗号\n换行'),
            case_row(3, status="不予受理", accepted_on="", agreement_form="", deleted="1",
                     amount_yuan="0.05")]
    _import(db, write_cases(tmp_path / "a.csv", rows))
    out = tmp_path / "out.csv"
    export_cases(db, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf\"case_id\"") and b"\r\n" in raw
    other = open_memory()
    build_mini_district(other)
    assert _import(other, out).files[0].new == 3
    assert _cases(other) == _cases(db)


def test_export_scope_and_dates(db, tmp_path):
    rows = [case_row(1), case_row(2, received_on="2023-04-01", accepted_on="2023-04-02"),
            case_row(3, committee_code=COMMITTEE_STREET, grid_code=GRID_B1)]
    _import(db, write_cases(tmp_path / "a.csv", rows))
    out = tmp_path / "o.csv"
    assert export_cases(db, out, scope=STREET_B) == 1
    assert export_cases(db, out, scope=VILLAGE_A, date_from=date(2023, 5, 1)) == 1
    assert export_cases(db, out, date_to="2023-04-30") == 1
    with pytest.raises(DomainError):
        export_cases(db, out, scope="999")


def test_dry_run_counts_and_writes_nothing(db, tmp_path):
    _import(db, write_cases(tmp_path / "a.csv", [case_row(1)]))
    before = dump(db)
    rows = [case_row(1, updated_at="2024-01-01T00:00:00+08:00"), case_row(2)]
    result = _import(db, write_cases(tmp_path / "b.csv", rows), dry_run=True)
    assert (result.files[0].new, result.files[0].updated) == (1, 1)
    assert dump(db) == before


def test_import_is_audited_with_sha256(db, tmp_path):
    path = write_cases(tmp_path / "a.csv", [case_row(1)])
    _import(db, path)
    entity, key, value = db.execute(
        "SELECT entity, entity_key, new_value FROM audit_log WHERE entity = 'import'").fetchone()
    record = json.loads(value)
    assert (key, record["new"]) == ("a.csv", 1)
    import hashlib
    assert record["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


# ---- bad input ------------------------------------------------------------------------


def test_bad_date_names_line_and_column(db, tmp_path):
    path = write_cases(tmp_path / "c.csv", [case_row(1), case_row(2, received_on="2023-02-30")])
    error = _fails(db, path, "date.invalid", line=3, column=7, field="received_on")
    assert "第 3 行 第 7 列" in error.lines("zh")[0]


def test_all_row_errors_are_collected(db, tmp_path):
    rows = [case_row(1, amount_yuan="-1"), case_row(2, people_involved="两"),
            case_row(3, status="完成"), case_row(4, case_id="not-a-uuid"),
            case_row(5, dispute_type="打架纠纷"), case_row(6, deleted="maybe"),
            case_row(7, updated_at="yesterday"), case_row(8, amount_yuan="1.234"),
            case_row(9, accepted_on="2023-05-01")]
    error = _fails(db, write_cases(tmp_path / "c.csv", rows), "negative", line=2)
    codes = {(p.line, p.code) for p in error.problems}
    assert {(3, "int.invalid"), (4, "enum.invalid"), (5, "uuid.invalid"),
            (6, "unknown_code"), (7, "bool.invalid"), (8, "datetime.invalid"),
            (9, "decimal.precision"), (10, "dates.accepted_before_received")} <= codes


def test_unknown_committee_and_grid_and_non_grid(db, tmp_path):
    rows = [case_row(1, committee_code="C999"), case_row(2, grid_code="610114009009009"),
            case_row(3, grid_code=VILLAGE_A)]
    error = _fails(db, write_cases(tmp_path / "c.csv", rows), "unknown_code", line=2,
                   column=3)
    assert any(p.code == "grid.not_grid" and p.line == 4 for p in error.problems)


def test_status_rules_of_validate_case(db, tmp_path):
    rows = [case_row(1, closed_on=""), case_row(2, status="调解中", agreement_form="书面",
                                                 closed_on="")]
    error = _fails(db, write_cases(tmp_path / "c.csv", rows), "required", line=2,
                   field="closed_on", column=10)
    assert any(p.code == "agreement.not_resolved" for p in error.problems)


def test_duplicate_case_number_against_db_and_file(db, tmp_path):
    _import(db, write_cases(tmp_path / "a.csv", [case_row(1)]))
    taken = case_row(2, case_no="（2023）东村人调字第1号")
    twice = [case_row(3, case_no="X3"), case_row(4, case_no="X3")]
    error = _fails(db, write_cases(tmp_path / "b.csv", [taken, *twice]), "case_no.duplicate",
                   line=2, column=2)
    again = [p for p in error.problems if p.code == "case_no.duplicate_in_file"]
    assert again and again[0].line == 4 and again[0].params["other_line"] == 3


def test_same_number_in_another_year_or_committee_is_fine(db, tmp_path):
    rows = [case_row(1, case_no="N1"),
            case_row(2, case_no="N1", received_on="2022-05-02", accepted_on="2022-05-03",
                     closed_on="2022-05-10"),
            case_row(3, case_no="N1", committee_code=COMMITTEE_STREET)]
    assert _import(db, write_cases(tmp_path / "c.csv", rows)).files[0].new == 3


def test_case_id_twice_in_a_file(db, tmp_path):
    rows = [case_row(1), case_row(2), case_row(1, case_no="other")]
    _fails(db, write_cases(tmp_path / "c.csv", rows), "duplicate_in_file", line=4, column=1)


def test_wrong_header_names_the_columns(db, tmp_path):
    header = [h for h in EXPORT_HEADER if h != "status"] + ["备注"]
    path = tmp_path / "c.csv"
    path.write_text(",".join(header) + "\n", encoding="utf-8")
    error = _fails(db, path, "csv.header_missing", line=1)
    text = "\n".join(error.lines("zh"))
    assert "status" in text and "备注" in text


def test_empty_file(db, tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(b"")
    _fails(db, path, "csv.empty_file")


def test_header_only_file_imports_nothing(db, tmp_path):
    path = write_cases(tmp_path / "c.csv", [])
    assert _import(db, path).files[0].rows == 0


def test_truncated_file(db, tmp_path):
    path = write_cases(tmp_path / "c.csv", [case_row(1), case_row(2)])
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text[:-20], encoding="utf-8-sig")  # cut inside the last quoted field
    _fails(db, path, "csv.truncated", line=3)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    path.write_text("\n".join(lines[:-1] + [lines[-1].rsplit(",", 3)[0]]) + "\n",
                    encoding="utf-8")
    _fails(db, path, "csv.truncated", line=3)


def test_gb18030_file_with_chinese_header_and_loose_forms(db, tmp_path):
    from mediator_app.domain.messages import field_label

    row = case_row(1, received_on="2023/5/2", accepted_on="2023年5月3日",
                   closed_on="20230510", updated_at="2023/5/10 9:00")
    path = write_cases(tmp_path / "excel.csv", [row], encoding="gb18030",
                       header=[field_label(h, "zh") for h in EXPORT_HEADER])
    assert _import(db, path).files[0].new == 1
    stored = db.execute("SELECT received_on, accepted_on, closed_on, updated_at FROM cases"
                        ).fetchone()
    assert stored == ("2023-05-02", "2023-05-03", "2023-05-10", "2023-05-10T09:00:00+08:00")


def test_gb18030_file_with_a_bad_row_fails_cleanly(db, tmp_path):
    path = write_cases(tmp_path / "gbk.csv", [case_row(1, dispute_type="吵架")],
                       encoding="gb18030")
    error = _fails(db, path, "unknown_code", line=2, column=6)
    assert "吵架" in error.lines("zh")[0]


def test_several_files_in_one_transaction(db, tmp_path):
    good = write_cases(tmp_path / "good.csv", [case_row(1)])
    bad = write_cases(tmp_path / "bad.csv", [case_row(2, received_on="x")])
    before = dump(db)
    with pytest.raises(CsvImportError) as info:
        _import(db, good, bad)
    assert dump(db) == before
    assert info.value.problems[0].file.endswith("bad.csv")
    # a case in two files is merged (the later, newer row wins), not a duplicate
    newer = write_cases(tmp_path / "newer.csv",
                        [case_row(1, summary="新", updated_at="2023-06-01T00:00:00+08:00")])
    result = _import(db, good, newer)
    assert [(f.new, f.updated) for f in result.files] == [(1, 0), (0, 1)]


def test_duplicates_across_chunks_are_found(db, tmp_path, monkeypatch):
    import mediator_app.services.exchange.case_merge as cm

    monkeypatch.setattr(cm, "CHUNK_ROWS", 2)
    rows = [case_row(n, case_no=f"N{n}") for n in range(1, 6)]
    rows.append(case_row(9, case_no="N1"))
    rows.append(case_row(2, case_no="N7"))
    error = _fails(db, write_cases(tmp_path / "c.csv", rows), "case_no.duplicate_in_file",
                   line=7)
    assert any(p.code == "duplicate_in_file" and p.line == 8 and p.params["other_line"] == 3
               for p in error.problems)


# ---- property -------------------------------------------------------------------------


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400),
    st.lists(st.lists(st.text(max_size=12), max_size=18), max_size=6).map(
        lambda rows: "\r\n".join([",".join(EXPORT_HEADER)] + [",".join(r) for r in rows])),
))
def test_random_input_never_crashes_and_never_writes_half(db, tmp_path, data):
    path = tmp_path / "random.csv"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    before = dump(db)
    try:
        _import(db, path)
    except CsvImportError as exc:
        assert exc.problems and dump(db) == before
        assert all(line for line in exc.lines("zh"))


def test_excel_resaved_file_unquoted_crlf_bom_labels_and_trailing_empty_columns(db, tmp_path):
    """What Excel writes after opening and saving our export: BOM, CRLF, Chinese labels,
    quotes only where needed, empty columns at the end, 1,200.50 with a separator."""
    from mediator_app.domain.messages import field_label

    row = case_row(1, amount_yuan="1,200.50", updated_at="2023/5/10 9:00",
                   received_on="2023/5/2", summary="含,逗号")
    header = ",".join(field_label(h, "zh") for h in EXPORT_HEADER) + ",,"
    cells = [f'"{row[h]}"' if "," in row[h] else row[h] for h in EXPORT_HEADER]
    path = tmp_path / "excel.csv"
    path.write_bytes(("\ufeff" + header + "\r\n" + ",".join(cells) + ",,\r\n").encode("utf-8"))
    assert _import(db, path).files[0].new == 1
    assert _cases(db)[0][3:5] == (120050, "含,逗号")


_DAYS = st.one_of(st.none(), st.dates(min_value=date(2023, 1, 1), max_value=date(2024, 1, 5)))


@settings(max_examples=400, deadline=None)
@given(status=st.sampled_from(["待受理", "调解中", "调解成功", "调解终止", "不予受理"]),
       received=st.dates(min_value=date(2023, 1, 1), max_value=date(2024, 1, 5)),
       accepted=_DAYS, closed=_DAYS, form=st.sampled_from([None, "书面", "口头"]))
def test_fast_validity_check_agrees_with_validate_case(status, received, accepted, closed,
                                                       form):
    """The parser's cheap check accepts exactly the rows validate_case accepts."""
    from mediator_app.domain.enums import AgreementForm, CaseStatus
    from mediator_app.domain.model import Case
    from mediator_app.domain.status import validate_case
    from mediator_app.services.exchange.case_rows import Lookups, RowParser

    parser = RowParser(Lookups({}, {}, {}, {}), TODAY)
    form_value = AgreementForm(form) if form else None
    case = Case(case_id="x", committee_code="C", received_on=received, dispute_type="01",
                source="1", status=CaseStatus(status), accepted_on=accepted, closed_on=closed,
                agreement_form=form_value)
    fast = parser._plainly_valid(CaseStatus(status), received, accepted, closed, form_value)
    assert fast == (validate_case(case, today=TODAY) == [])


def test_bulk_import_rebuilds_indexes_and_search_index(db, tmp_path, monkeypatch):
    import mediator_app.services.exchange.case_exchange as ce

    monkeypatch.setattr(ce, "BULK_FTS_ROWS", 0)
    schema = "SELECT name, sql FROM sqlite_master WHERE tbl_name IN ('cases') ORDER BY name"
    before = db.execute(schema).fetchall()
    path = write_cases(tmp_path / "c.csv", [case_row(n) for n in range(1, 40)])
    _import(db, path, dry_run=True)
    assert db.execute(schema).fetchall() == before
    _import(db, path)
    assert db.execute(schema).fetchall() == before
    hits = db.execute("SELECT count(*) FROM case_fts WHERE case_fts MATCH ?",
                      [fts_trigrams("邻里纠纷")]).fetchone()
    assert hits[0] == 39
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_merging_the_same_file_again_is_not_a_bulk_import(db, tmp_path, monkeypatch):
    """A re-merge must not drop and rebuild the indexes (it took 578 MB and 64 s at 1M)."""
    import mediator_app.services.exchange.case_exchange as ce
    from mediator_app.storage.exchange_repo import ExchangeRepository

    monkeypatch.setattr(ce, "BULK_FTS_ROWS", 0)
    drops = []
    original = ExchangeRepository.drop_secondary_indexes

    def counted(self):
        drops.append(1)
        return original(self)

    monkeypatch.setattr(ExchangeRepository, "drop_secondary_indexes", counted)
    path = write_cases(tmp_path / "c.csv", [case_row(n) for n in range(1, 40)])
    _import(db, path)
    assert len(drops) == 1
    result = _import(db, path)
    assert len(drops) == 1 and result.files[0].unchanged == 39


def test_estimate_new_rows_samples_the_file(db, tmp_path, monkeypatch):
    import mediator_app.services.exchange.case_merge as cm
    from mediator_app.services.csv_io import inspect_file
    from mediator_app.storage.exchange_repo import ExchangeRepository

    _import(db, write_cases(tmp_path / "known.csv", [case_row(n) for n in range(1, 11)]))
    mixed = write_cases(tmp_path / "mixed.csv", [case_row(n) for n in range(1, 41)])
    repo = ExchangeRepository(db)
    assert cm.estimate_new_rows(repo, inspect_file(mixed)) == 30
    monkeypatch.setattr(cm, "SAMPLE_ROWS", 20)  # 10 of the first 20 known: half of ~40
    assert 15 <= cm.estimate_new_rows(repo, inspect_file(mixed)) <= 25
