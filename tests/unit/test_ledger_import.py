"""Importing an old ledger (issue 12): workbooks made by tests/unit/ledger_fixtures.py in
several layouts and formats, the mapping file, and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import ledger_fixtures as lf
import pytest
from exchange_fixtures import dump

from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.ledger_import.importer import import_ledger, split_names
from mediator_app.services.ledger_import.mapping import (
    load_mapping,
    mapping_from_dict,
    save_mapping,
    suggest_columns,
)
from mediator_app.services.ledger_import.read import cell_text
from mediator_app.storage.db import open_database, open_memory
from tests.fixtures.district import COMMITTEE_VILLAGE, GRID_A1, build_mini_district

TODAY = date(2024, 6, 1)
STORED = ("SELECT case_id, case_no, received_on, accepted_on, status, closed_on, "
          "agreement_form, party_names, party_count, amount_fen, source, dispute_type, "
          "grid_code, org_code, summary FROM cases ORDER BY case_id")


@pytest.fixture
def db():
    database = open_memory()
    build_mini_district(database)
    return database


def _mapping(**changes):
    data = lf.mapping(COMMITTEE_VILLAGE)
    data.update(changes)
    return mapping_from_dict(data, "mapping.json")


def _cases(n: int = 24) -> list[lf.LedgerCase]:
    made = lf.make_cases(n, GRID_A1)
    made[1].received, made[1].received_cell = made[0].received, made[0].received_cell
    return made


def _import(db, path, mapping=None, **kw):
    return import_ledger(db, path, mapping or _mapping(), today=TODAY, **kw)


def _fails(db, path, mapping=None) -> CsvImportError:
    before = dump(db)
    with pytest.raises(CsvImportError) as info:
        _import(db, path, mapping)
    assert dump(db) == before, "a failed import must leave the database as it was"
    return info.value


WRITERS = {"xlsx": lf.write_xlsx, "xls": lf.write_xls, "ods": lf.write_ods,
           "csv": lf.write_gbk_csv}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_each_format_imports_the_same_cases(db, tmp_path, kind):
    """Title rows, a merged date, serial and text dates, the office's words and parties
    in one cell come out the same from .xlsx, .xls, .ods and a GBK CSV."""
    reference = open_memory()
    build_mini_district(reference)
    _import(reference, lf.write_xlsx(tmp_path / "ref.xlsx", _cases()))
    path = WRITERS[kind](tmp_path / f"ledger.{kind}", _cases())
    result = _import(db, path)
    assert [(f.rows, f.new, f.errors) for f in result.files] == [(24, 24, 0)]
    assert db.execute(STORED).fetchall() == reference.execute(STORED).fetchall()


def test_rows_mean_what_the_office_wrote(db, tmp_path):
    made = _cases(12)
    _import(db, lf.write_xlsx(tmp_path / "l.xlsx", made))
    rows = {r[1]: r for r in db.execute(STORED)}
    assert len(rows) == 12
    for case in made:
        row = rows[case.number]
        assert row[2] == case.received.isoformat(), case.received_cell
        assert row[4] == lf.STATUS_WORDS[case.status_word]
        assert row[5] == (case.closed.isoformat() if case.closed else None)
        assert row[6] == (case.form or None)
        assert row[7].split() == [n for n in case.parties.replace("、", " ").replace(
            "，", " ").replace(",", " ").split()]
        # a case in mediation or closed needs an acceptance date: the ledger's date
        assert row[3] == row[2]
        assert row[12] == (GRID_A1 if case.grid else None)
    # the merged date cell (rows 4-5) belongs to both cases
    assert rows[made[1].number][2] == made[0].received.isoformat()
    types = dict(db.execute("SELECT code, label FROM code_items WHERE kind = 'dispute_type'"))
    assert {types[r[11]] for r in rows.values()} <= set(lf.TYPE_WORDS.values())


def test_parties_are_split_and_roles_taken_from_the_header(db, tmp_path):
    assert split_names("张三、李四") == ["张三", "李四"]
    assert split_names(" 王五，赵六,孙七  周八；张三/ 张三 ") == ["王五", "赵六", "孙七", "周八",
                                                             "张三"]
    import xlsxwriter

    path = tmp_path / "roles.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("台账")
    sheet.write_row(0, 0, ["受理日期", "申请人", "被申请人", "结果", "类型"])
    sheet.write_row(1, 0, ["2023/05/01", "张三、李四", "某某物业有限公司", "正在调解", "物业"])
    book.close()
    mapping = mapping_from_dict({
        "sheet": 1, "header_row": 1,
        "columns": {"受理日期": "received_on", "申请人": "parties", "被申请人": "parties",
                    "结果": "status", "类型": "dispute_type"},
        "values": {"status": {"正在调解": "调解中"}, "dispute_type": {"物业": "物业纠纷"}},
        "defaults": {"committee_code": COMMITTEE_VILLAGE, "source": "排查发现"}}, "m.json")
    _import(db, path, mapping)
    parties = db.execute("SELECT seq, role, kind, name FROM parties ORDER BY seq").fetchall()
    assert parties == [(0, "申请人", "自然人", "张三"), (1, "申请人", "自然人", "李四"),
                       (2, "被申请人", "法人", "某某物业有限公司")]
    assert db.execute("SELECT party_names, party_count, accepted_on FROM cases").fetchone() \
        == ("张三 李四 某某物业有限公司", 3, "2023-05-01")


def _data(db) -> list[str]:
    """The database without the logs (a second import is logged, changing nothing)."""
    return [line for line in db.conn.iterdump()
            if "import_log" not in line and "audit_log" not in line]


def test_second_import_of_the_same_workbook_changes_nothing(db, tmp_path):
    path = lf.write_xlsx(tmp_path / "l.xlsx", _cases())
    _import(db, path)
    before = _data(db)
    again = _import(db, path)
    assert [(f.new, f.updated, f.unchanged) for f in again.files] == [(0, 0, 24)]
    assert _data(db) == before
    # the same rows written again into a new file (another modification time): the same
    path2 = lf.write_xlsx(tmp_path / "copy.xlsx", _cases())
    third = _import(db, path2)
    assert [(f.new, f.updated, f.unchanged) for f in third.files] == [(0, 0, 24)]


def test_case_ids_are_uuid5_of_committee_number_and_date(db, tmp_path):
    import uuid

    from mediator_app.services.ledger_import.importer import LEDGER_NAMESPACE

    made = _cases(3)
    _import(db, lf.write_xlsx(tmp_path / "l.xlsx", made))
    stored = dict(db.execute("SELECT case_no, case_id FROM cases").fetchall())
    key = f"ledger|{COMMITTEE_VILLAGE}|{made[2].number}|{made[2].received.isoformat()}"
    assert stored[made[2].number] == str(uuid.uuid5(LEDGER_NAMESPACE, key))


def test_a_corrected_workbook_updates_and_keeps_details_entered_since(db, tmp_path):
    made = _cases(6)
    path = lf.write_xlsx(tmp_path / "l.xlsx", made)
    _import(db, path)
    rowid = db.execute("SELECT id FROM cases WHERE case_no = ?", [made[2].number]).fetchone()[0]
    first = db.execute("SELECT name FROM parties WHERE case_rowid = ? ORDER BY seq",
                       [rowid]).fetchone()[0]
    db.execute("UPDATE parties SET phone = '13800000000' WHERE case_rowid = ? AND name = ?",
               [rowid, first])
    made[2].summary = "更正后的摘要"
    made[2].parties = first + "、新当事人"
    made[4].parties = "只改了当事人"  # only the parties differ: an update too
    import os
    import time

    path = lf.write_xlsx(tmp_path / "l.xlsx", made)
    later = time.time() + 5
    os.utime(path, (later, later))
    result = _import(db, path)
    assert [(f.new, f.updated, f.unchanged) for f in result.files] == [(0, 2, 4)]
    assert db.execute("SELECT party_names FROM cases WHERE case_no = ?",
                      [made[4].number]).fetchone() == ("只改了当事人",)
    assert db.execute("SELECT summary, party_names FROM cases WHERE id = ?",
                      [rowid]).fetchone() == ("更正后的摘要", first + " 新当事人")
    assert db.execute("SELECT phone FROM parties WHERE case_rowid = ? AND name = ?",
                      [rowid, first]).fetchone() == ("13800000000",)


def test_a_case_saved_in_the_program_after_the_workbook_is_kept(db, tmp_path):
    made = _cases(4)
    path = lf.write_xlsx(tmp_path / "l.xlsx", made)
    _import(db, path)
    db.execute("UPDATE cases SET summary = '程序中改过', updated_at = '2099-01-01T00:00:00+08:00'"
               " WHERE case_no = ?", [made[3].number])
    result = _import(db, path)
    assert [(f.updated, f.stale, f.unchanged) for f in result.files] == [(0, 1, 3)]
    assert db.execute("SELECT summary FROM cases WHERE case_no = ?",
                      [made[3].number]).fetchone() == ("程序中改过",)


def test_problems_name_sheet_row_column_and_nothing_is_written(db, tmp_path):
    made = _cases(8)
    made[3].status_word = "已结"  # a word nobody mapped
    made[5].received_cell = "2023-13-01"
    error = _fails(db, lf.write_xlsx(tmp_path / "bad.xlsx", made))
    lines = error.lines("zh")
    assert any("bad.xlsx[2023年台账] 第 7 行 第 7 列 status（状态）" in line and "已结" in line
               for line in lines), lines
    assert any("第 9 行 第 3 列 received_on" in line and "2023-13-01" in line
               for line in lines), lines
    assert lines[-1] == "导入失败，数据库没有任何改动。"
    # the bad date is reported once, not again on the acceptance date taken from it
    assert [p.field for p in error.problems if p.line == 9] == ["received_on"]
    assert db.execute("SELECT count(*) FROM cases").fetchone() == (0,)


def test_dry_run_counts_and_writes_nothing(db, tmp_path):
    before = dump(db)
    result = _import(db, lf.write_xls(tmp_path / "l.xls", _cases()), dry_run=True)
    assert [(f.rows, f.new) for f in result.files] == [(24, 24)]
    assert result.totals_after["cases"] - result.totals_before["cases"] == 24
    assert dump(db) == before


def test_sheet_by_position_header_row_and_missing_things(db, tmp_path):
    path = lf.write_xlsx(tmp_path / "l.xlsx", _cases(3))
    assert _import(db, path, _mapping(sheet=2)).files[0].new == 3
    error = _fails(db, path, _mapping(sheet="2024年台账"))
    assert "没有工作表“2024年台账”" in error.lines()[0] and "2023年台账" in error.lines()[0]
    error = _fails(db, path, _mapping(header_row=2))
    assert error.problems[0].code == "csv.header_missing" and error.problems[0].line == 2
    data = lf.mapping(COMMITTEE_VILLAGE)
    data["columns"]["承办人"] = "mediator"
    with pytest.raises(CsvImportError) as info:
        mapping_from_dict(data, "m.json")
    assert info.value.problems[0].code == "ledger.unknown_field"
    data = lf.mapping(COMMITTEE_VILLAGE)
    del data["defaults"]["committee_code"]
    error = _fails(db, path, mapping_from_dict(data, "m.json"))
    assert error.problems[0].code == "ledger.field_missing"
    assert "committee_code（调委会代码）" in error.lines()[0]


def test_a_second_sheet_of_the_same_numbers_in_another_year_is_fine(db, tmp_path):
    path = lf.write_xlsx(tmp_path / "l.xlsx", _cases(3))
    _import(db, path)
    next_year = lf.make_cases(3, GRID_A1, year=2022)
    for case in next_year:
        case.number = case.number.replace("2022", "2023")
    result = _import(db, lf.write_xlsx(tmp_path / "m.xlsx", next_year))
    assert result.files[0].new == 3


def test_cells_become_text_as_csv_would_hold_them():
    assert cell_text(1.0) == "1" and cell_text(1200.5) == "1200.5"
    assert cell_text(0.1 + 0.2) == "0.3"
    assert cell_text(45047, as_date=True) == "2023-05-01"
    assert cell_text(date(2023, 5, 1)) == "2023-05-01"


def test_suggestions_from_header_names():
    suggested = suggest_columns(["序号", "案件编号", "当事人", "申请人", "纠纷类别", "登记日期",
                                 "调解结果", "协议形式", "结案日期", "备注", "涉及金额（元）",
                                 "网格", "纠纷简要情况", "来源", "受理时间"])
    assert suggested == {"案件编号": "case_no", "当事人": "parties", "申请人": "parties",
                         "纠纷类别": "dispute_type", "受理时间": "received_on",
                         "调解结果": "status", "协议形式": "agreement_form",
                         "结案日期": "closed_on", "涉及金额（元）": "amount_yuan",
                         "网格": "grid_code", "纠纷简要情况": "summary", "来源": "source"}
    assert suggest_columns(["序号", "日期", "结果"]) == {"序号": "case_no",
                                                      "日期": "received_on", "结果": "status"}


def test_mapping_round_trips_and_keeps_other_keys(tmp_path):
    data = lf.mapping(COMMITTEE_VILLAGE) | {"layout": "abc", "note": "东村"}
    path = tmp_path / "m.json"
    save_mapping(mapping_from_dict(data, "m"), path)
    assert json.loads(path.read_text(encoding="utf-8")) == data
    assert load_mapping(path).to_dict() == data
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CsvImportError) as info:
        load_mapping(path)
    assert info.value.problems[0].code == "ledger.mapping_invalid"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mediator_app", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_command_line_same_messages_and_exit_codes_as_cases_import(tmp_path):
    ledger_db = tmp_path / "ledger.db"
    handle = open_database(ledger_db)
    build_mini_district(handle.db)
    handle.close()
    path = lf.write_xlsx(tmp_path / "台账.xlsx", _cases(5))
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(lf.mapping(COMMITTEE_VILLAGE), ensure_ascii=False),
                       encoding="utf-8")
    base = ["--db", str(ledger_db), "cases", "import-ledger", str(path), "--mapping",
            str(mapping)]
    dry = _cli(*base, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "台账.xlsx[2023年台账]：新增 new=5，更新 updated=0" in dry.stdout
    done = _cli(*base)
    assert done.returncode == 0 and "new=5" in done.stdout
    again = _cli(*base, "--lang", "en")
    assert again.returncode == 0 and "new=0, updated=0, unchanged=5" in again.stdout
    bad = lf.make_cases(5, GRID_A1)
    bad[2].status_word = "已结"
    lf.write_xlsx(tmp_path / "坏.xlsx", bad)
    failed = _cli("--db", str(ledger_db), "cases", "import-ledger", str(tmp_path / "坏.xlsx"),
                  "--mapping", str(mapping))
    assert failed.returncode == 1
    assert "坏.xlsx[2023年台账] 第 6 行 第 7 列 status（状态）" in failed.stderr
    assert "导入失败，数据库没有任何改动。" in failed.stderr
    missing = _cli(*base[:4], str(tmp_path / "无.xlsx"), "--mapping", str(mapping))
    assert missing.returncode == 1 and "不存在" in missing.stderr
    usage = _cli("--db", str(ledger_db), "cases", "import-ledger", str(path))
    assert usage.returncode == 2


def test_a_gbk_csv_ledger_with_words_in_numbers_and_dates(db, tmp_path):
    """A CSV typed by hand: title row, amounts "1,200.50元", counts "3人", a serial date as
    text, a date with a time, "/" for no closing date; header_row written as "2"."""
    path = tmp_path / "手工台账.csv"
    rows = ["东村调委会台账,,,,,,",
            "编号,登记日期,当事人,类型,结果,结案日期,金额,人数",
            "A1,45047,张三、李四,邻里,已调解,2023/5/9 10:30,\"1,200.50元\",3人",
            "A2,2023年5月2日,王五,邻里,正在调解,/,,"]
    path.write_bytes("\r\n".join(rows).encode("gbk"))
    mapping = mapping_from_dict({
        "sheet": 1, "header_row": "2",
        "columns": {"编号": "case_no", "登记日期": "received_on", "当事人": "parties",
                    "类型": "dispute_type", "结果": "status", "结案日期": "closed_on",
                    "金额": "amount_yuan", "人数": "people_involved"},
        "values": {"status": {"已调解": "调解成功", "正在调解": "调解中"},
                   "dispute_type": {"邻里": "邻里纠纷"}},
        "defaults": {"committee_code": COMMITTEE_VILLAGE, "source": "排查发现",
                     "agreement_form": "口头"}}, "m.json")
    result = _import(db, path, mapping)
    assert result.files[0].new == 2
    assert db.execute("SELECT case_no, received_on, accepted_on, status, closed_on, "
                      "agreement_form, amount_fen, people_involved, party_names FROM cases "
                      "ORDER BY case_no").fetchall() == [
        ("A1", "2023-05-01", "2023-05-01", "调解成功", "2023-05-09", "口头", 120050, 3,
         "张三 李四"),
        # the default agreement form is not applied to a case in mediation
        ("A2", "2023-05-02", "2023-05-02", "调解中", None, None, 0, 0, "王五")]


def test_footer_rows_below_the_table_are_not_cases(db, tmp_path):
    path = tmp_path / "带表尾.csv"
    rows = ["编号,登记日期,当事人,结果,金额",
            "A1,2023-05-01,张三,正在调解,100",
            ",,,,",
            "A2,2023-05-02,李四,正在调解,",
            "合计,,,,100",
            "填表人：王会计,,,,",
            "审核人：,,,,"]
    path.write_bytes("\r\n".join(rows).encode("utf-8"))
    mapping = mapping_from_dict({
        "columns": {"编号": "case_no", "登记日期": "received_on", "当事人": "parties",
                    "结果": "status", "金额": "amount_yuan"},
        "values": {"status": {"正在调解": "调解中"}},
        "defaults": {"committee_code": COMMITTEE_VILLAGE, "source": "排查发现",
                     "dispute_type": "其他纠纷"}}, "m.json")
    result = _import(db, path, mapping)
    assert [(f.rows, f.new) for f in result.files] == [(2, 2)]
    # a row inside the table without date, status and parties is still a problem
    rows.insert(2, "A9,,,,50")
    path.write_bytes("\r\n".join(rows).encode("utf-8"))
    error = _fails(db, path, mapping)
    assert {(p.line, p.field, p.code) for p in error.problems} == {
        (3, "received_on", "required"), (3, "status", "required")}


def test_a_file_that_is_no_workbook_is_one_plain_sentence(db, tmp_path):
    path = tmp_path / "台账.xls"
    path.write_text("这不是工作簿", encoding="utf-8")
    error = _fails(db, path)
    assert error.problems[0].code == "ledger.unreadable"
    assert error.lines()[0].startswith(f"{path}：无法读取这个工作簿：文件已损坏")
    assert "Cannot" not in error.lines()[0]  # no English text of the library
    error = _fails(db, tmp_path / "没有.xlsx")
    assert error.lines()[0] == f"文件“{tmp_path / '没有.xlsx'}”不存在。"


def test_a_table_not_starting_at_a1_keeps_excel_row_and_column_numbers(db, tmp_path):
    import xlsxwriter

    path = tmp_path / "offset.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("台账")
    sheet.write_row(2, 2, ["受理日期", "结果", "当事人"])  # C3:E3
    sheet.write_row(3, 2, ["2023-05-01", "正在调解", "张三"])
    sheet.write_row(4, 2, ["2023-05-02", "已结", "李四"])
    sheet.merge_range("E6:E7", "王五")
    sheet.write_row(5, 2, ["2023-05-03", "正在调解"])
    sheet.write_row(6, 2, ["2023-05-04", "正在调解"])
    book.close()
    mapping = mapping_from_dict({
        "sheet": "台账", "header_row": 3,
        "columns": {"受理日期": "received_on", "结果": "status", "当事人": "parties"},
        "values": {"status": {"正在调解": "调解中"}},
        "defaults": {"committee_code": COMMITTEE_VILLAGE, "source": "排查发现",
                     "dispute_type": "其他纠纷"}}, "m.json")
    error = _fails(db, path, mapping)
    assert [(p.line, p.column, p.field) for p in error.problems] == [(5, 4, "status")]
    mapping.values["status"]["已结"] = "调解中"
    _import(db, path, mapping)
    # the merged party cell E6:E7 names the party of both rows
    assert db.execute("SELECT received_on, party_names FROM cases ORDER BY received_on"
                      ).fetchall()[2:] == [("2023-05-03", "王五"), ("2023-05-04", "王五")]


def test_without_case_numbers_a_corrected_summary_updates_the_same_case(db, tmp_path):
    path = tmp_path / "无编号.csv"
    header = "登记日期,当事人,结果,情况"
    rows = [header, "2023-05-01,张三、李四,正在调解,漏水", "2023-05-01,张三、李四,正在调解,漏水"]
    path.write_bytes("\r\n".join(rows).encode("utf-8"))
    mapping = mapping_from_dict({
        "columns": {"登记日期": "received_on", "当事人": "parties", "结果": "status",
                    "情况": "summary"},
        "values": {"status": {"正在调解": "调解中"}},
        "defaults": {"committee_code": COMMITTEE_VILLAGE, "source": "排查发现",
                     "dispute_type": "邻里纠纷"}}, "m.json")
    assert _import(db, path, mapping).files[0].new == 2  # the same pair twice: two cases
    rows[2] = "2023-05-01,张三、李四,正在调解,楼上漏水，已协商"
    path.write_bytes("\r\n".join(rows).encode("utf-8"))
    import os
    import time

    os.utime(path, (time.time() + 5, time.time() + 5))
    again = _import(db, path, mapping).files[0]
    assert (again.new, again.updated, again.unchanged) == (0, 1, 1)
    assert db.execute("SELECT count(*) FROM cases").fetchone() == (2,)


def test_control_characters_are_refused_in_a_ledger_too(db, tmp_path):
    path = tmp_path / "控制字符.csv"
    rows = ["登记日期,当事人,结果,情况", "2023-05-01,张三,正在调解,漏水\u202e反转",
            "2023-05-02,李\x1b四,正在调解,噪音"]
    path.write_bytes("\r\n".join(rows).encode("utf-8"))
    mapping = mapping_from_dict({
        "columns": {"登记日期": "received_on", "当事人": "parties", "结果": "status",
                    "情况": "summary"},
        "values": {"status": {"正在调解": "调解中"}},
        "defaults": {"committee_code": COMMITTEE_VILLAGE, "source": "排查发现",
                     "dispute_type": "邻里纠纷"}}, "m.json")
    error = _fails(db, path, mapping)
    assert [(p.line, p.column, p.field, p.code) for p in error.problems] == [
        (2, 4, "summary", "text.control"), (3, 2, "parties", "text.control")]
    assert "U+202E" in error.lines()[0]
